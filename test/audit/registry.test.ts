import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { loadRegistry, numbersInText, runAudit, validateClaims, valuesIn, AuditEntryError, type ClaimRow } from "../../lib/audit";

// The articles are cited, not copied into the repository: their texts are read from the seeds
// folder beside it (or SEEDS_DIR). Where a checkout has no seeds, the tests that compare the
// registry with the article texts are skipped, saying so; the audit itself still runs.
const seeds = process.env.SEEDS_DIR ?? join(__dirname, "../../../shared/seeds");
const hasSeeds = existsSync(join(seeds, "README.md"));
if (!hasSeeds) console.warn(`SKIPPED: the registry-against-text tests need the article texts in ${seeds} (set SEEDS_DIR)`);
const readme = hasSeeds ? readFileSync(join(seeds, "README.md"), "utf8") : "";
/** article id → seed file, from the seeds README table. */
const articles = new Map([...readme.matchAll(/\|\s*(\S+\.txt)\s*\|\s*`([a-z-]+)`/g)].map((m) => [m[2], m[1]]));

const data = loadData();
const tables = data;
const registry = loadRegistry();
const registered = [...new Set(registry.claims.map((c) => c.article_id))];

describe("the claims registry", () => {
  it.skipIf(!hasSeeds)("names the five seed articles and registers claims for some of them", () => {
    expect(articles.size).toBe(5);
    expect(registered.length).toBeGreaterThan(0);
    for (const a of registered) expect(articles.has(a)).toBe(true);
  });

  for (const article of registered) {
    const text = hasSeeds ? readFileSync(join(seeds, articles.get(article)!), "utf8") : "";
    const claims = registry.claims.filter((c) => c.article_id === article);
    it.skipIf(!hasSeeds)(`${article}: every number in the text is a registered claim or marked as not a claim`, () => {
      const covered = valuesIn([...claims.map((c) => c.claimed_text), ...registry.notClaims.filter((n) => n.article_id === article).map((n) => n.text)]);
      const missing = numbersInText(text).filter((n) => !covered.has(n.value)).map((n) => `"${n.text}" (line ${n.line})`);
      expect(missing, `numbers in ${article} neither claimed nor marked as not a claim`).toEqual([]);
    });
    it.skipIf(!hasSeeds)(`${article}: every claimed_text is quoted from the article`, () => {
      const flat = text.toLowerCase();
      const unquoted = claims.filter((c) => !flat.includes(c.claimed_text.toLowerCase())).map((c) => `${c.claim_id}: ${c.claimed_text}`);
      expect(unquoted).toEqual([]);
    });
    it(`${article}: dozens of claims, each with a verdict`, () => {
      const results = runAudit(registry.claims, tables, registry.where).filter((r) => r.article === article);
      expect(results.length).toBeGreaterThanOrEqual(20);
      for (const r of results) expect(r.verdict).toBeTruthy();
    });
  }
});

const good: ClaimRow = {
  claim_id: "x-1",
  article_id: "local-tokenomics",
  location: "test",
  claim: "test claim",
  claimed_text: "$97",
  claimed_low: 97,
  claimed_high: null,
  unit: "USD/mo720", // $97 a month: amortizationUsdPerMonth gives USD per month
  hedge: null,
  check: "arithmetic",
  formula: "amortizationUsdPerMonth({hardwareUsd: 3500, lifeMonths: 36})",
  formula_unit: null,
  source_refs: null,
  note: null,
  claimed_name: null,
  derived_from: null,
  hedge_reason: null,
  no_hint: null,
};

describe("malformed entries name the entry and the problem", () => {
  const where = new Map([["x-1", "claims/test.csv line 2"]]);
  it("a good entry runs", () => {
    expect(runAudit([good], tables)[0].verdict).toBe("reproduced");
  });
  it("an unknown article", () => {
    expect(() => validateClaims([{ ...good, article_id: "no-such-article" }], tables, where)).toThrow(/claims\/test\.csv line 2, claim x-1: unknown article "no-such-article"/);
  });
  it("an unknown data row", () => {
    const bad = { ...good, check: "source" as const, formula: null, source_refs: "hardware[device_id=rtx-9999]:bandwidth_gbps" };
    expect(() => validateClaims([bad], tables)).toThrow(/claim x-1: source reference .*no row of hardware matches/);
  });
  it("an unknown field", () => {
    const bad = { ...good, check: "source" as const, source_refs: "hardware[device_id=rtx-3090]:bandwith_gbps" };
    expect(() => validateClaims([bad], tables)).toThrow(/has no field "bandwith_gbps"/);
  });
  it("a formula that does not parse", () => {
    expect(() => runAudit([{ ...good, formula: "amortizationUsdPerMonth({hardwareUsd: 3500,, })" }], tables)).toThrow(AuditEntryError);
  });
  it("a formula calling an unknown function", () => {
    expect(() => runAudit([{ ...good, formula: "amortise(3500, 36)" }], tables)).toThrow(/claim x-1: formula cannot run: Undefined function amortise/);
  });
  it("a formula whose model input is invalid", () => {
    expect(() => runAudit([{ ...good, formula: "amortizationUsdPerMonth({hardwareUsd: 3500, lifeMonths: 0})" }], tables)).toThrow(/lifeMonths = 0: must be > 0/);
  });
  it("mismatched units between the formula and the claim", () => {
    expect(() => validateClaims([{ ...good, unit: "USD/Mtok", formula_unit: "tok/s" }], tables)).toThrow(/different dimensions/);
  });
  it("a unit that does not parse", () => {
    expect(() => validateClaims([{ ...good, unit: "dollars per fortnight" }], tables)).toThrow(/does not parse/);
  });
  it("a check kind that does not exist", () => {
    expect(() => validateClaims([{ ...good, check: "vibes" as ClaimRow["check"] }], tables)).toThrow(/check "vibes" is not one of/);
  });
  it("a not-checkable claim without a reason", () => {
    expect(() => validateClaims([{ ...good, check: "none", formula: null }], tables)).toThrow(/needs a note saying why/);
  });
});

describe("formulas read the data through dataValue", () => {
  it("dataValue(ref, 'max') returns the largest cited value and names its source", () => {
    const r = runAudit([{ ...good, claimed_text: "936 GB/s", claimed_low: 936, unit: "GB/s", formula: "dataValue('hardware[device_id=rtx-3090]:bandwidth_gbps', 'max')" }], tables)[0];
    expect(r.verdict).toBe("reproduced");
    expect(r.sources.length).toBeGreaterThan(1);
  });
  it("dataValue without 'min' or 'max' refuses rows that disagree", () => {
    expect(() => runAudit([{ ...good, formula: "dataValue('electricity[region=us]:usd_per_kwh')" }], tables)).toThrow(/rows disagree/);
  });
});
