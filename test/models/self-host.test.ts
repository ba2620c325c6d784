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
  it("breakEvenVolume(rig, $5): $97.22 / ($5 − $0.436) × 1e6 = 21.3 M tokens a month", () => {
    const b = breakEvenVolume(tripleRtx3090, 5);
    const marginal = ((1.1 * 0.177) / (124 * 3600)) * 1e6;
    expect(b.kind).toBe("volume");
    if (b.kind !== "volume") return;
    expectClose(b.tokensPerMonth, ((3500 / 36) / (5 - marginal)) * 1e6);
    expect(b.withinCapacity).toBe(true);
    expect(describeBreakEven(b)).toBe("21.3M tokens/month");
  });
  it("breakEvenVolume(rig, $0.50): 1.52 B tokens, 473% of the rig's capacity — 'in the billions'", () => {
    const b = breakEvenVolume(tripleRtx3090, 0.5);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(b.tokensPerMonth, ((3500 / 36) / (0.5 - ((1.1 * 0.177) / (124 * 3600)) * 1e6)) * 1e6);
    expect(b.withinCapacity).toBe(false);
    expect(b.tokensPerMonth).toBeGreaterThan(1e9);
  });
  it("breakEvenVolume(rig, $0.40) is 'never': the API is below the $0.436 electricity cost", () => {
    const b = breakEvenVolume(tripleRtx3090, 0.4);
    expect(b).toMatchObject({ kind: "never", reason: "api-at-or-below-marginal-cost" });
    expect(describeBreakEven(b)).toMatch(/^never: the API's \$0\.400\/Mtok is at or below/);
  });
  it("breakEvenVolume, breakeven-sits: $197/month fixed (amortization $166.67 + $30 power always on) vs $7/Mtok = 28.1 M", () => {
    // The article states $30 a month for 350 W; at 730 h that is $0.1174/kWh. Power runs all hours (idle = load).
    const usdPerKWh = 30 / (0.35 * 730);
    const mac: SelfHostScenario = {
      compute: { kind: "owned", hardwareUsd: 6000, lifeMonths: 36, loadWatts: 350, idleWatts: 350, usdPerKWh },
      tokensPerSecond: 3,
      hoursPerMonth: 730,
    };
    const api = blendedUsdPerMTok({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, { inputPerOutput: 2 });
    const b = breakEvenVolume(mac, api);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(b.tokensPerMonth, ((6000 / 36 + 30) / 7) * 1e6);
    // …but 3 tokens/s makes only 7.9 M tokens in 730 h: the break-even is 3.6× the machine's capacity.
    expect(b.withinCapacity).toBe(false);
    expectClose(b.utilization, b.tokensPerMonth / (3 * 3600 * 730));
  });
  it("breakEvenVolume, local-vs-openai: 2× A100 always-on $3,600 + 0.75 FTE $9,375 + $250 = $13,225 vs $4.40 → 3.0 B", () => {
    const a100s: SelfHostScenario = {
      compute: { kind: "rented", usdPerGpuHour: 2.5, gpus: 2, billing: "always-on" },
      tokensPerSecond: 800,
      hoursPerMonth: 720,
      operations: { engineeringFte: 0.75, loadedUsdPerYear: 150_000, infraUsdPerMonth: 250 },
    };
    expect(costLine(a100s).fixedUsd).toBe(13_225);
    const b = breakEvenVolume(a100s, 4.4);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(b.tokensPerMonth, (13_225 / 4.4) * 1e6);
    // 800 tok/s × 3600 × 720 = 2.07 B at 100%: one pair of A100s cannot reach its own break-even.
    expect(b.withinCapacity).toBe(false);
    expect(breakEvenUtilization(a100s, 4.4)).toMatchObject({ kind: "never", reason: "beyond-capacity" });
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
  it("break-even never returns NaN, Infinity or a negative number across API prices", () => {
    for (let api = 0; api <= 10; api += 0.05) {
      const b = breakEvenVolume(tripleRtx3090, api);
      if (b.kind === "volume") {
        expect(Number.isFinite(b.tokensPerMonth)).toBe(true);
        expect(b.tokensPerMonth).toBeGreaterThan(0);
      } else expect(b.reason).toBe("api-at-or-below-marginal-cost");
    }
  });
  it("idle power above load power is refused", () => {
    expect(() => selfHostCost({ ...tripleRtx3090, compute: { ...rigCompute, idleWatts: 2000 } }, 1)).toThrow(/idleWatts/);
  });
});
