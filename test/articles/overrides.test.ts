/**
 * An override of any input of any article's case changes the page exactly as the same change in
 * the live explorer does: inputs derived from it (a price per kWh from a monthly bill or an hourly
 * cost, a blended API price from its parts) are derived again, never listed and ignored.
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { articleCase, articleIds, inputRanges, inputValues } from "../../lib/articles/index";
import { computeExplorer, explorerConfigFromCase, explorerValues } from "../../lib/live/index";
import { expectClose } from "../helpers/close";

const data = loadData();
const ARTICLE_IDS = articleIds(data);

/** A changed value that stays valid: 25% more, or less for shares and hours that have a ceiling. */
function changed(name: string, v: number): number {
  if (name === "utilization") return v * 0.8;
  if (name === "hoursPerMonth") return 700;
  if (name === "gpus") return v + 1;
  return v * 1.25;
}

describe("overrides re-derive, in the notebook exactly as in the live explorer", () => {
  for (const article of ARTICLE_IDS) {
    const base = articleCase(data, article);
    const config = explorerConfigFromCase(base, inputRanges(data, base));
    const explorerNames = new Set([...config.inputs.map((i) => i.name), ...Object.keys(config.fixed ?? {})]);
    // inputs the case derives (a blended API price, a price per kWh) are compared below, not here: the explorer re-derives them too
    const names = [...new Set(base.inputs.filter((i) => i.origin !== "derived").map((i) => i.name))].filter((n) => !n.startsWith("claimed"));
    for (const name of names) {
      it(`${article}: ${name} changed by the page's overrides = the explorer's`, () => {
        const value = changed(name, inputValues(base.inputs)[name]);
        const page = articleCase(data, article, { [name]: value });
        // the explorer holds the model's inputs; a bill or an hourly cost reaches it as the price per kWh it implies
        const state: Record<string, number> = explorerNames.has(name) ? { [name]: value } : { usdPerKWh: inputValues(page.inputs).usdPerKWh };
        if (!explorerNames.has(name)) {
          expect(["electricityUsdPerMonth", "usdPerHourAtLoad", "apiInputUsdPerMTok"], `${name} is neither an explorer input nor a known derivation`).toContain(name);
          expect(inputValues(page.inputs).usdPerKWh, "the price per kWh is derived again").not.toBe(inputValues(base.inputs).usdPerKWh);
        }
        const live = computeExplorer(explorerValues(config, state));
        expectClose(page.apiUsdPerMTok, live.apiUsdPerMTok, 1e-12);
        expectClose(page.month.totalUsd, live.month.totalUsd, 1e-12);
        expect(page.breakEven.kind).toBe(live.breakEven.kind);
        if (page.breakEven.kind === "volume" && live.breakEven.kind === "volume") expectClose(page.breakEven.tokensPerMonth, live.breakEven.tokensPerMonth, 1e-12);
      });
    }
  }
  it("breakeven-sits: $40 instead of $30 a month of electricity raises the price per kWh it implies by a third", () => {
    const c = articleCase(data, "breakeven-sits", { electricityUsdPerMonth: 40 });
    expectClose(inputValues(c.inputs).usdPerKWh, 40 / (0.35 * 730));
    expect(c.inputs.find((i) => i.name === "electricityUsdPerMonth")!.note).toMatch(/overridden: the case's value is 30/);
  });
  it("an override of a derived input wins over its derivation: usdPerKWh = 0.30 in breakeven-sits, apiUsdPerMTok = 5 in tco-breakdown", () => {
    expect(inputValues(articleCase(data, "breakeven-sits", { usdPerKWh: 0.3 }).inputs).usdPerKWh).toBe(0.3);
    expect(articleCase(data, "tco-breakdown", { apiUsdPerMTok: 5 }).apiUsdPerMTok).toBe(5);
  });
  it("breakeven-sits: a 437.5 W draw at the price its $30 bill implies for 350 W costs $37.50 a month, paid every hour (idle follows load)", () => {
    const c = articleCase(data, "breakeven-sits", { loadWatts: 437.5 });
    expectClose(c.month.electricityUsd, 30 * 1.25);
    expect(c.scenario.compute.kind === "owned" && c.scenario.compute.idleWatts).toBe(437.5);
  });
});
