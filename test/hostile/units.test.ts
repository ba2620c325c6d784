/**
 * Units are checked across every comparison: a claim compared with a formula or a source of
 * another dimension, or a case input written in the wrong unit, is an error naming the claim or
 * the row, never a verdict.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formulaResultUnit, runAudit, type ClaimRow } from "../../lib/audit";
import { defaultDataDir, loadData } from "../../lib/data";
import { articleCase } from "../../lib/articles";

const data = loadData();
const base: ClaimRow = {
  claim_id: "x-1", article_id: "local-tokenomics", location: "§ Test", claim: "a test claim", claimed_text: "$0.74", claimed_low: 0.74, claimed_high: null,
  unit: "USD/Mtok", hedge: null, check: "arithmetic", formula: null, formula_unit: null, source_refs: null, note: null,
  claimed_name: null, derived_from: null, hedge_reason: null, no_hint: null,
};
const rig = "ownedScenario({hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, tokensPerSecond: 124, hoursPerMonth: 720})";

describe("a comparison across dimensions is a registry error naming the claim", () => {
  const cases: [string, Partial<ClaimRow>, RegExp][] = [
    ["a GiB claim against a USD/Mtok formula", { unit: "GiB", claimed_text: "24GB", claimed_low: 24, formula: `selfHostCost(${rig}, 1).usdPerMTok` }, /claim x-1: its formula gives USD\/Mtok, which cannot be compared with "GiB"/],
    ["a W claim against a break-even volume", { unit: "W", claimed_text: "1,100", claimed_low: 1100, formula: `breakEvenTokens(${rig}, 5)` }, /claim x-1: its formula gives tok\/month, which cannot be compared with "W"/],
    ["a USD claim against a GB/s source", { unit: "USD", claimed_text: "$936", claimed_low: 936, check: "source", source_refs: "hardware[device_id=rtx-3090]:bandwidth_gbps" }, /claim x-1: unit "USD" cannot be compared with hardware.bandwidth_gbps in GB\/s/],
  ];
  for (const [what, change, message] of cases) {
    it(what, () => expect(() => runAudit([{ ...base, ...change }], data)).toThrow(message));
  }
  it("a formula that names its unit is read; arithmetic on results is not guessed at", () => {
    expect(formulaResultUnit(`[selfHostCost(${rig}, 1).usdPerMTok, selfHostCost(${rig}, 0.5).usdPerMTok]`)).toBe("USD/Mtok");
    expect(formulaResultUnit("decodeBound('rtx-3090', 1, 'llama-3-8b', 'q4_k_m')")).toBe("tok/s");
    expect(formulaResultUnit(`selfHostCost(${rig}, 0.1).usdPerMTok / selfHostCost(${rig}, 1).usdPerMTok`)).toBeNull();
  });
  it("the same claims in matching units run", () => {
    expect(runAudit([{ ...base, formula: `selfHostCost(${rig}, 1).usdPerMTok` }], data)[0].verdict).toBe("reproduced");
  });
});

describe("a case input in the wrong unit names the file, line and rule", () => {
  const dir = mkdtempSync(join(tmpdir(), "llm-breakeven-units-"));
  cpSync(defaultDataDir(), dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("local-tokenomics' hardwareUsd written in USD/kWh", () => {
    const path = join(dir, "article_inputs.csv");
    const lines = readFileSync(path, "utf8").split("\n");
    const i = lines.findIndex((l) => l.startsWith("local-tokenomics,rig-vs-frontier,hardwareUsd,"));
    lines[i] = lines[i].replace(",3500,USD,", ",3500,USD/kWh,");
    writeFileSync(path, lines.join("\n"));
    expect(() => articleCase(loadData(dir), "local-tokenomics")).toThrow(`data/article_inputs.csv line ${i + 1}, input hardwareUsd: unit "USD/kWh" is not "USD"`);
  });
});
