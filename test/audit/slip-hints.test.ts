import { describe, expect, it } from "vitest";
import { slipHint, telltaleFor, hintCloseness } from "../../lib/audit/factors";
import { toleranceFor } from "../../lib/audit/stated";
import { checkRecomputed } from "../../lib/audit/verdict";
import { loadRegistry, type ClaimRow } from "../../lib/audit";

/** mulberry32: a small seeded generator, so the measured rate is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const registry = loadRegistry();
const checked = registry.claims.filter((c) => c.check !== "none" && c.check !== "name" && c.claimed_low !== 0);
const termsOf = (c: ClaimRow) => [c.formula ?? c.source_refs ?? "", c.unit, c.formula_unit ?? ""].join(" ");
const precisionOf = (c: ClaimRow) => toleranceFor(c.claimed_text, c.claimed_low).halfUlp / Math.abs(c.claimed_low);

/** Ratios drawn log-uniformly in [1.05, 100], either way round, each with a random registry claim's formula and precision. */
function falseHintRate(draws: number, seed: number, hint: (ratio: number, c: ClaimRow) => boolean): number {
  const r = rng(seed);
  let hints = 0;
  for (let i = 0; i < draws; i++) {
    const c = checked[Math.floor(r() * checked.length)];
    const ratio = 1.05 * Math.exp(r() * Math.log(100 / 1.05));
    if (hint(r() < 0.5 ? ratio : 1 / ratio, c)) hints++;
  }
  return hints / draws;
}

describe("slip hints need evidence", () => {
  it("false-hint rate over 100,000 random ratios (log-uniform 1.05–100, random registry formulas) is under 2%", () => {
    const rate = falseHintRate(100_000, 14, (ratio, c) => slipHint(ratio, { terms: termsOf(c), precision: precisionOf(c) }) !== null);
    // The old rule (any of the factors within ±5%, no evidence asked) for comparison: about 15%.
    const old = falseHintRate(100_000, 14, (ratio) => telltaleFor(ratio, 0.05) !== null);
    console.log(`false-hint rate: ${(rate * 100).toFixed(2)}% (evidence required) vs ${(old * 100).toFixed(1)}% (any factor within 5%)`);
    expect(rate).toBeLessThan(0.02);
    expect(old).toBeGreaterThan(0.12);
  });

  it("a planted ×3.6 slip (seconds per hour taken as 1,000) with a formula in tokensPerSecond and hours is caught: 346M against 1,244M", () => {
    const h = slipHint(346e6 / 1_244_160_000, { terms: "tokensPerMonth({tokensPerSecond: 800, utilization: 0.6, hoursPerMonth: 720}) tok/mo720", precision: 0.5e6 / 346e6 });
    expect(h?.factor).toBe(3.6);
    expect(h?.matched).toContain("tokensPerSecond");
  });

  it("a planted ×3600 slip (a per-second figure labelled per-hour) is caught", () => {
    const h = slipHint(3600 * 1.001, { terms: "tokensPerMonth({tokensPerSecond: 124, utilization: 1, hoursPerMonth: 720})" });
    expect(h?.slip).toMatch(/seconds vs hours/);
  });

  it("every planted slip whose terms the formula has is caught, for every registry formula (ratio within 0.3% of the factor)", () => {
    const r = rng(7);
    let planted = 0;
    let caught = 0;
    for (const c of checked) {
      for (const factor of [1000, 3600, 3.6, 24, 30, 12, 730 / 720, 8]) {
        const t = slipHint(factor, { terms: termsOf(c) });
        if (t === null || t.factor !== factor) continue; // the formula has no term this slip belongs to
        planted++;
        const ratio = factor * (1 + (r() - 0.5) * 0.006 * (factor < 1.1 ? 0.1 : 1));
        if (slipHint(r() < 0.5 ? ratio : 1 / ratio, { terms: termsOf(c), precision: precisionOf(c) })?.factor === factor) caught++;
      }
    }
    expect(planted).toBeGreaterThan(50);
    expect(caught).toBe(planted);
  });

  it("the ×7 of bs-vol-mac-50m ($197 against seven machines' $1,377) draws no 'days vs weeks' hint: its formula has no weeks", () => {
    const c = registry.claims.find((x) => x.claim_id === "bs-vol-mac-50m")!;
    expect(telltaleFor(197 / 1376.7)?.factor).toBe(7); // the ratio is within 0.2% of 1/7 ...
    expect(slipHint(197 / 1376.7, { terms: termsOf(c) })).toBeNull(); // ... but nothing in the formula is weekly
    expect(c.no_hint).toMatch(/seven machines/);
  });

  it("the ×3.6 of bs-be-local-wins (28 million against the 7.8 million one machine makes) draws no slip hint: the registry says it is the capacity shortfall", () => {
    const c = registry.claims.find((x) => x.claim_id === "bs-be-local-wins")!;
    const ratio = 28e6 / 7_776_000;
    expect(slipHint(ratio, { terms: termsOf(c) })?.factor).toBe(3.6); // the formula has seconds and hours ...
    expect(slipHint(ratio, { terms: termsOf(c), noHint: c.no_hint })).toBeNull(); // ... but the registry rules it out
    const v = checkRecomputed({ text: c.claimed_text, low: c.claimed_low, high: c.claimed_low, hedge: c.hedge ?? undefined, hedgeReason: c.hedge_reason, terms: termsOf(c), noHint: c.no_hint }, 7_776_000);
    expect(v.verdict).toBe("inconsistent");
    expect(v.explanation).not.toMatch(/suggests a slip/);
    expect(v.explanation).toMatch(/not a unit slip: the 3\.6 is the capacity shortfall/);
  });

  it("a ratio near a factor but not close enough draws no hint: 3.45 is 4% from 3.6", () => {
    expect(slipHint(3.45, { terms: "tokensPerSecond hoursPerMonth" })).toBeNull();
  });

  it("the window follows the claim's written digits: '$0.027' (±1.9%) is explained by ×3.6 at 1.06% off; '346M' (±0.14%) would not be", () => {
    const terms = "selfHostCost(rentedScenario({usdPerGpuHour: 1.91, tokensPerSecond: 70000, hoursPerMonth: 730}), 1).usdPerMTok USD/Mtok";
    expect(slipHint(0.027 / 0.007579, { terms, precision: 0.0005 / 0.027 })?.factor).toBe(3.6);
    expect(slipHint(0.027 / 0.007579, { terms, precision: 0.5e6 / 346e6 })).toBeNull();
    expect(hintCloseness(0.5)).toBe(0.02);
  });

  it("bits vs bytes and GB vs GiB are slips only where the formula has bits, bytes, GB or GiB", () => {
    expect(slipHint(8, { terms: "weightsGiB('llama-3.1-8b', bitsPerWeight('fp16'))" })?.slip).toMatch(/bits vs bytes/);
    expect(slipHint(8, { terms: "amortizationUsdPerMonth({hardwareUsd: 6000, lifeMonths: 36})" })).toBeNull();
    expect(slipHint(2 ** 30 / 1e9, { terms: "hardware[device_id=rtx-4090]:memory_gb GiB" })?.slip).toMatch(/GB vs GiB/);
  });
});
