import { describe, expect, it } from "vitest";
import {
  selfHostCost,
  selfHostCostAtVolume,
  costLine,
  breakEvenVolume,
  breakEvenUtilization,
  breakEvenApiUsdPerMTok,
  paybackMonths,
  hybridCost,
  describeBreakEven,
  blendedUsdPerMTok,
  costSplit,
  scaleOutCost,
  selfHostWinsAt,
  setupsFor,
  noBreakEvenBelowUsdPerMTok,
  breakEvenHardwareUsd,
  type SelfHostScenario,
  type OwnedCompute,
  type RentedCompute,
} from "../../lib/models";
import { expectClose } from "../helpers/close";

// local-tokenomics, "What a self-hosted token actually costs": 3× used RTX 3090, $3,500 all-in,
// 36-month life, 1.1 kW under load, $0.177/kWh, 124 tokens/s, flat out 24 h × 30 days.
const rigCompute: OwnedCompute = { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 };
const tripleRtx3090: SelfHostScenario = {
  compute: rigCompute,
  tokensPerSecond: 124,
  hoursPerMonth: 720,
};

describe("selfHostCost — the 3× RTX 3090 rig of local-tokenomics", () => {
  it("selfHostCost(rig, 1): $97.22 amortization + $140.18 power = $237.40 for 321.4 M tokens = $0.739/Mtok", () => {
    const m = selfHostCost(tripleRtx3090, 1);
    expectClose(m.amortizationUsd, 3500 / 36);
    expectClose(m.electricityUsd, 1.1 * 720 * 0.177);
    expectClose(m.totalUsd, 3500 / 36 + 140.184);
    expect(m.tokensPerMonth).toBe(321_408_000);
    expectClose(m.usdPerMTok!, (237.40622 / 321.408), 1e-6);
    expect(m.usdPerMTok!.toFixed(2)).toBe("0.74");
  });
  it("selfHostCost(rig, u).marginalUsdPerMTok: electricity alone = 1.1 kW × $0.177 / (124 × 3600 tokens/h) × 1e6 = $0.436", () => {
    const m = selfHostCost(tripleRtx3090, 0.5);
    expectClose(m.marginalUsdPerMTok, ((1.1 * 0.177) / (124 * 3600)) * 1e6);
    expect(m.marginalUsdPerMTok.toFixed(2)).toBe("0.44");
  });
  it("selfHostCostAtVolume(rig, 10 M): ($97.22 + $140.18 × 10/321.4) / 10 = $10.16/Mtok — 'roughly $10'", () => {
    const m = selfHostCostAtVolume(tripleRtx3090, 10e6);
    expectClose(m.usdPerMTok!, (3500 / 36 + 140.184 * (10 / 321.408)) / 10, 1e-9);
  });
  it("selfHostCostAtVolume refuses a volume beyond the rig's capacity", () => {
    expect(() => selfHostCostAtVolume(tripleRtx3090, 400e6)).toThrow(/beyond this setup's capacity/);
  });
  it("selfHostCost(rig, 0).usdPerMTok is null, not Infinity: no tokens, no price per token", () => {
    expect(selfHostCost(tripleRtx3090, 0).usdPerMTok).toBeNull();
  });
});

describe("breakEvenVolume", () => {
  it("breakEvenVolume(rig, $5): $97.22 / ($5 − $0.436) × 1e6 = 21.3 M tokens a month, on one rig", () => {
    const b = breakEvenVolume(tripleRtx3090, 5);
    const marginal = ((1.1 * 0.177) / (124 * 3600)) * 1e6;
    expect(b.kind).toBe("volume");
    if (b.kind !== "volume") return;
    expectClose(b.tokensPerMonth, ((3500 / 36) / (5 - marginal)) * 1e6);
    expect(b.setups).toBe(1);
    // one rig's margin at full use ($5 − $0.436) × 321.4 M = $1,467 covers its $97.22: no gaps above the break-even
    expect(b.alwaysWinsAboveTokensPerMonth).toBe(b.tokensPerMonth);
    expect(describeBreakEven(b)).toBe("21.3M tokens/month");
  });
  it("breakEvenVolume(rig, $0.50) is 'never': a full rig costs $0.739/Mtok, above the API, so no number of rigs breaks even", () => {
    // The plain fixed / (api − marginal) would say 1.52 B tokens, 473% of one rig: a volume the rig cannot make,
    // and a second rig doubles the fixed cost with the volume.
    const b = breakEvenVolume(tripleRtx3090, 0.5);
    expect(b).toMatchObject({ kind: "never", reason: "setup-cost-at-or-above-api" });
    expect(describeBreakEven(b)).toBe("never: one setup's all-in cost at full use, $0.739/Mtok, is at or above the API's $0.500/Mtok, so no volume and no number of setups breaks even (one setup makes at most 321M tokens/month)");
    for (const tokens of [1e8, 321e6, 5e8, 1.52e9, 1e10]) expect(selfHostWinsAt(tripleRtx3090, 0.5, tokens)).toBe(false);
  });
  it("breakEvenVolume(rig, $0.40) is 'never': the API is below the $0.436 electricity cost", () => {
    const b = breakEvenVolume(tripleRtx3090, 0.4);
    expect(b).toMatchObject({ kind: "never", reason: "api-at-or-below-marginal-cost" });
    expect(describeBreakEven(b)).toMatch(/^never: the API's \$0\.400\/Mtok is at or below/);
  });
  it("breakEvenVolume, breakeven-sits: the Mac at 3 tok/s costs $25/Mtok at full use against a $7 API: never", () => {
    // The article states $30 a month for 350 W; at 730 h that is $0.1174/kWh. Power runs all hours (idle = load).
    const usdPerKWh = 30 / (0.35 * 730);
    const mac: SelfHostScenario = {
      compute: { kind: "owned", hardwareUsd: 6000, lifeMonths: 36, loadWatts: 350, idleWatts: 350, usdPerKWh },
      tokensPerSecond: 3,
      hoursPerMonth: 730,
    };
    const api = blendedUsdPerMTok({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, { inputPerOutput: 2 });
    // $196.67 a month over 3 × 3600 × 730 = 7.88 M tokens = $24.94/Mtok at full use; the article's 28 M is 3.6 Macs' output.
    expectClose(selfHostCost(mac, 1).usdPerMTok!, ((6000 / 36 + 30) / (3 * 3600 * 730)) * 1e6);
    expect(breakEvenVolume(mac, api)).toMatchObject({ kind: "never", reason: "setup-cost-at-or-above-api" });
  });
  it("breakEvenVolume, local-vs-openai: 2× A100 ($3,600 each pair) + shared $9,625 of engineering and infra vs $4.40 → 3.82 B on 2 pairs", () => {
    const a100s: SelfHostScenario = {
      compute: { kind: "rented", usdPerGpuHour: 2.5, gpus: 2, billing: "always-on" },
      tokensPerSecond: 800,
      hoursPerMonth: 720,
      operations: { engineeringFte: 0.75, loadedUsdPerYear: 150_000, infraUsdPerMonth: 250 },
    };
    expect(costLine(a100s).fixedUsd).toBe(13_225);
    const split = costSplit(a100s);
    expect(split.perSetupFixedUsd).toBe(3600);
    expect(split.sharedFixedUsd).toBe(9625);
    // One pair makes 800 × 3600 × 720 = 2.07 B tokens at most; at that volume it costs $13,225 vs the API's $9,124: not yet.
    // Two pairs: (2 × 3,600 + 9,625) / 4.40 × 1e6 = 3.82 B, within their 4.15 B.
    const b = breakEvenVolume(a100s, 4.4);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expect(b.setups).toBe(2);
    expectClose(b.tokensPerMonth, ((2 * 3600 + 9625) / 4.4) * 1e6);
    expect(b.tokensPerMonth).toBeLessThanOrEqual(2 * 800 * 3600 * 720);
    expect(describeBreakEven(b)).toBe("3.82B tokens/month with 2 setups (one makes at most 2.07B)");
    expect(selfHostWinsAt(a100s, 4.4, b.tokensPerMonth)).toBe(true);
    expect(selfHostWinsAt(a100s, 4.4, b.tokensPerMonth * 0.99)).toBe(false);
    expect(breakEvenUtilization(a100s, 4.4)).toMatchObject({ kind: "never", reason: "beyond-capacity" });
    // If each pair needed its own engineer (nothing shared), a full pair would cost $6.38/Mtok: never.
    expect(breakEvenVolume(a100s, 4.4, { sharedCosts: [] })).toMatchObject({ kind: "never", reason: "setup-cost-at-or-above-api" });
  });
  it("breakEvenVolume with gaps: wins from 90% of one rig, loses just after adding a second, and always wins from 8.1 rigs' worth", () => {
    // An API priced so that one rig breaks even at 90% of its capacity: F / (api − m) = 0.9 C.
    const line = costLine(tripleRtx3090);
    const api = line.marginalUsdPerMTok + (line.fixedUsd / (0.9 * line.capacityTokensPerMonth)) * 1e6;
    const b = breakEvenVolume(tripleRtx3090, api);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expect(b.setups).toBe(1);
    expectClose(b.utilization, 0.9);
    expect(selfHostWinsAt(tripleRtx3090, api, 1.01 * line.capacityTokensPerMonth)).toBe(false);
    // k rigs win on [0.9 k, k] rigs' worth; consecutive ranges join once 0.9 (k + 1) ≤ k, i.e. from k = 9: 8.1 rigs' worth.
    expectClose(b.alwaysWinsAboveTokensPerMonth, 8.1 * line.capacityTokensPerMonth);
    const C = line.capacityTokensPerMonth;
    for (const k of [1.81, 1.95, 2.71, 7.21, 8.11, 8.5, 9.05, 12, 40]) expect(selfHostWinsAt(tripleRtx3090, api, k * C)).toBe(true);
    for (const k of [0.85, 1.05, 1.75, 2.05, 8.05]) expect(selfHostWinsAt(tripleRtx3090, api, k * C)).toBe(false);
  });
  it("noBreakEvenBelowUsdPerMTok(rig) = $0.436 + $97.22 / 321.4 M × 1e6 = $0.739: the API price a full rig must beat", () => {
    expectClose(noBreakEvenBelowUsdPerMTok(tripleRtx3090), selfHostCost(tripleRtx3090, 1).usdPerMTok!);
  });
  it("scaleOutCost(rig, 500 M): 2 rigs, 2 × $97.22 + $0.436 × 500 = $412.5 a month", () => {
    const c = scaleOutCost(tripleRtx3090, 500e6);
    expect(c.setups).toBe(2);
    expectClose(c.totalUsd, 2 * (3500 / 36) + ((1.1 * 0.177) / (124 * 3600)) * 500e6);
    expect(setupsFor(321_408_000, 321_408_000)).toBe(1);
    expect(setupsFor(321_408_001, 321_408_000)).toBe(2);
    expect(() => costSplit(tripleRtx3090, { sharedCosts: ["compute" as never] })).toThrow(/compute is always per setup/);
  });
});

describe("breakEvenUtilization and breakEvenApiUsdPerMTok", () => {
  it("breakEvenUtilization(rig, $5) = 21.3 M / 321.4 M = 6.6%", () => {
    const u = breakEvenUtilization(tripleRtx3090, 5);
    if (u.kind !== "utilization") throw new Error("expected a utilization");
    const b = breakEvenVolume(tripleRtx3090, 5);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(u.utilization, b.tokensPerMonth / 321_408_000);
  });
  it("breakEvenApiUsdPerMTok(rig, 321.4 M) equals the all-in cost at full load, $0.739", () => {
    expectClose(breakEvenApiUsdPerMTok(tripleRtx3090, 321_408_000), selfHostCost(tripleRtx3090, 1).usdPerMTok!);
  });
  it("breakEvenApiUsdPerMTok at the break-even volume returns the API price it was solved for", () => {
    const b = breakEvenVolume(tripleRtx3090, 5);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(breakEvenApiUsdPerMTok(tripleRtx3090, b.tokensPerMonth), 5);
  });
});

describe("rented GPUs — tco-breakdown's A100 at $1.91/h and 70,000 tokens/s", () => {
  const a100Compute: RentedCompute = { kind: "rented", usdPerGpuHour: 1.91, gpus: 1, billing: "always-on" };
  const a100: SelfHostScenario = { compute: a100Compute, tokensPerSecond: 70_000, hoursPerMonth: 730 };
  it("selfHostCost(a100, 1): $1.91 / (70,000 × 3600 tokens) × 1e6 = $0.00758/Mtok", () => {
    expectClose(selfHostCost(a100, 1).usdPerMTok!, (1.91 / (70_000 * 3600)) * 1e6);
  });
  it("selfHostCost(a100, 0.1) costs ten times as much per token: idle hours are paid for", () => {
    expectClose(selfHostCost(a100, 0.1).usdPerMTok!, 10 * selfHostCost(a100, 1).usdPerMTok!);
  });
  it("on-demand billing makes the cost per token independent of utilization", () => {
    const onDemand: SelfHostScenario = { ...a100, compute: { ...a100Compute, billing: "on-demand" } };
    expectClose(selfHostCost(onDemand, 0.1).usdPerMTok!, selfHostCost(onDemand, 1).usdPerMTok!);
  });
  it("overheadMultiplier 4 multiplies compute: $1.91 × 730 × 4 = $5,577.20 a month", () => {
    const m = selfHostCost({ ...a100, overheadMultiplier: 4 }, 1);
    expectClose(m.totalUsd, 1.91 * 730 * 4);
    expectClose(m.overheadUsd, 1.91 * 730 * 3);
  });
});

describe("paybackMonths and hybridCost", () => {
  it("paybackMonths(rig, 100 M, $5): $3,500 / ($500 API − $43.6 power) = 7.67 months", () => {
    const p = paybackMonths(tripleRtx3090, 100e6, 5);
    if (p.kind !== "months") throw new Error("expected months");
    const power = 140.184 * (100e6 / 321_408_000);
    expectClose(p.months, 3500 / (500 - power));
  });
  it("paybackMonths is 'never' when power alone costs more than the API bill", () => {
    expect(paybackMonths(tripleRtx3090, 100e6, 0.4)).toMatchObject({ kind: "never", reason: "running-cost-at-or-above-api" });
  });
  it("hybridCost: 60% of 500 M tokens wants local but only 321.4 M fit; the rest overflows to the API", () => {
    const h = hybridCost(tripleRtx3090, { tokensPerMonth: 500e6, localShare: 0.6, apiUsdPerMTok: 5 });
    expect(h.localTokens).toBe(300e6);
    expect(h.overflowTokens).toBe(0);
    const h2 = hybridCost(tripleRtx3090, { tokensPerMonth: 600e6, localShare: 0.6, apiUsdPerMTok: 5 });
    expect(h2.localTokens).toBe(321_408_000);
    expectClose(h2.overflowTokens, 360e6 - 321_408_000);
    expectClose(h2.apiUsd, ((600e6 - 321_408_000) / 1e6) * 5);
    expectClose(h2.localUsd, selfHostCost(tripleRtx3090, 1).totalUsd);
  });
  it("hybridCost with localShare 0 is the pure API bill", () => {
    expect(hybridCost(tripleRtx3090, { tokensPerMonth: 20e6, localShare: 0, apiUsdPerMTok: 7 }).totalUsd).toBe(140);
  });
});

describe("breakEvenHardwareUsd — the most the hardware may cost", () => {
  it("rig serving 100 M tokens against $5/Mtok: ($500 API − $43.6 power) × 36 months = $16,430", () => {
    const h = breakEvenHardwareUsd(tripleRtx3090, 100e6, 5);
    if (h.kind !== "usd") throw new Error("expected a price");
    const power = 140.184 * (100e6 / 321_408_000);
    expectClose(h.hardwareUsd, (500 - power) * 36);
    expect(h.setups).toBe(1);
    // at that price self-hosting costs exactly the API's bill
    const atPrice = { ...tripleRtx3090, compute: { ...rigCompute, hardwareUsd: h.hardwareUsd } };
    expectClose(scaleOutCost(atPrice, 100e6).totalUsd, 500);
  });
  it("past one rig's capacity each of the 2 rigs is bought at the price: 500 M tokens at $5 → ($2,500 − $218) × 36 / 2", () => {
    const h = breakEvenHardwareUsd(tripleRtx3090, 500e6, 5);
    if (h.kind !== "usd") throw new Error("expected a price");
    expect(h.setups).toBe(2);
    expectClose(h.hardwareUsd, ((2500 - 140.184 * (500e6 / 321_408_000)) * 36) / 2);
  });
  it("an overhead multiplier and engineering against $20/Mtok: ($2,000 − $52.3 power − $1,000 engineer) × 36 / 1.2", () => {
    const withOps: SelfHostScenario = { ...tripleRtx3090, overheadMultiplier: 1.2, operations: { engineeringFte: 0.1, loadedUsdPerYear: 120_000 } };
    const h = breakEvenHardwareUsd(withOps, 100e6, 20); // API bill $2,000
    if (h.kind !== "usd") throw new Error("expected a price");
    const running = 140.184 * (100e6 / 321_408_000) * 1.2 + 1000;
    expectClose(h.hardwareUsd, ((2000 - running) * 36) / 1.2);
  });
  it("'never' when power alone costs more than the API bill: even free hardware loses", () => {
    const h = breakEvenHardwareUsd(tripleRtx3090, 100e6, 0.4);
    expect(h).toMatchObject({ kind: "never", reason: "running-cost-at-or-above-api" });
    if (h.kind === "never") expect(h.explanation).toMatch(/even free hardware loses/);
  });
  it("refuses rented compute: a rental has no hardware price", () => {
    const rented: SelfHostScenario = { compute: { kind: "rented", usdPerGpuHour: 2, gpus: 1, billing: "always-on" }, tokensPerSecond: 100, hoursPerMonth: 720 };
    expect(() => breakEvenHardwareUsd(rented, 1e6, 5)).toThrow(/needs owned compute/);
  });
});

describe("properties", () => {
  it("cost per token falls as utilization rises", () => {
    let previous = Infinity;
    for (let u = 0.05; u <= 1; u += 0.05) {
      const c = selfHostCost(tripleRtx3090, u).usdPerMTok!;
      expect(c).toBeLessThan(previous);
      previous = c;
    }
  });
  it("break-even volume rises with fixed cost (hardware price)", () => {
    let previous = 0;
    for (const hardwareUsd of [1000, 2000, 3500, 6000, 12000]) {
      const b = breakEvenVolume({ ...tripleRtx3090, compute: { ...rigCompute, hardwareUsd } }, 5);
      if (b.kind !== "volume") throw new Error("expected a volume");
      expect(b.tokensPerMonth).toBeGreaterThan(previous);
      previous = b.tokensPerMonth;
    }
  });
  it("break-even is a finite volume at which self-hosting first wins, or 'never' exactly where a full setup costs at least the API", () => {
    const withOps: SelfHostScenario = { ...tripleRtx3090, operations: { engineeringFte: 0.1, loadedUsdPerYear: 150_000 } };
    for (const scenario of [tripleRtx3090, withOps]) {
      const split = costSplit(scenario);
      const fullSetupUsdPerMTok = split.marginalUsdPerMTok + (split.perSetupFixedUsd / split.capacityTokensPerMonth) * 1e6;
      expect(noBreakEvenBelowUsdPerMTok(scenario)).toBe(fullSetupUsdPerMTok);
      for (let api = 0; api <= 10; api += 0.05) {
        const b = breakEvenVolume(scenario, api);
        if (b.kind === "volume") {
          expect(Number.isFinite(b.tokensPerMonth)).toBe(true);
          expect(b.tokensPerMonth).toBeGreaterThan(0);
          expect(b.tokensPerMonth).toBeLessThanOrEqual(b.setups * b.capacityTokensPerMonth * (1 + 1e-9));
          expect(selfHostWinsAt(scenario, api, b.tokensPerMonth * (1 + 1e-9))).toBe(true);
          expect(selfHostWinsAt(scenario, api, b.tokensPerMonth * 0.999)).toBe(false);
        } else {
          expect(api).toBeLessThanOrEqual(fullSetupUsdPerMTok);
          expect(["api-at-or-below-marginal-cost", "setup-cost-at-or-above-api"]).toContain(b.reason);
        }
      }
    }
  });
  it("idle power above load power is refused", () => {
    expect(() => selfHostCost({ ...tripleRtx3090, compute: { ...rigCompute, idleWatts: 2000 } }, 1)).toThrow(/idleWatts/);
  });
});
