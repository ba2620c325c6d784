import { describe, expect, it } from "vitest";
import {
  amortizationUsdPerMonth,
  electricityCost,
  electricityUsdPerHour,
  rentalUsdPerMonth,
  engineeringUsdPerMonth,
  operationsCost,
  withOverheadMultiplier,
  tokensPerMonth,
  utilizationForVolume,
  blendedUsdPerMTok,
  apiUsdPerMonth,
  toUsdPerMTok,
  fromUsdPerMTok,
  HOURS_PER_MONTH,
  ModelInputError,
} from "../../lib/models";
import { expectClose } from "../helpers/close";

describe("amortizationUsdPerMonth", () => {
  it("amortizationUsdPerMonth({3500, 36}) spreads $3,500 over three years: 3500 / 36 = 97.22", () => {
    expectClose(amortizationUsdPerMonth({ hardwareUsd: 3500, lifeMonths: 36 }), 97.2222222, 1e-8);
  });
  it("amortizationUsdPerMonth subtracts resale: (3500 − 1100) / 36 = 66.67", () => {
    expectClose(amortizationUsdPerMonth({ hardwareUsd: 3500, lifeMonths: 36, resaleUsd: 1100 }), 2400 / 36);
  });
  it("amortizationUsdPerMonth of two H100s at $15,000–20,000 each: 30000/36 = 833, 40000/36 = 1111", () => {
    expectClose(amortizationUsdPerMonth({ hardwareUsd: 2 * 15000, lifeMonths: 36 }), 833.333333, 1e-8);
    expectClose(amortizationUsdPerMonth({ hardwareUsd: 2 * 20000, lifeMonths: 36 }), 1111.111111, 1e-8);
  });
});

describe("electricityCost", () => {
  it("electricityCost at full load: 1.1 kW × 720 h × $0.177 = $140.18", () => {
    const e = electricityCost({ loadWatts: 1100, utilization: 1, hoursPerMonth: HOURS_PER_MONTH.thirtyDays, usdPerKWh: 0.177 });
    expectClose(e.totalKWh, 792);
    expectClose(e.usdPerMonth, 140.184);
  });
  it("electricityCost with 730 h instead of 720 h costs 730/720 as much: 1.1 × 730 × 0.177 = 142.13", () => {
    const e = electricityCost({ loadWatts: 1100, utilization: 1, hoursPerMonth: HOURS_PER_MONTH.yearOverTwelve, usdPerKWh: 0.177 });
    expectClose(e.usdPerMonth, 142.131);
  });
  it("electricityCost eight hours a day: 0.7 kW × (720 × 8/24 = 240 h) × $0.30 = $50.40", () => {
    const e = electricityCost({ loadWatts: 700, utilization: 8 / 24, hoursPerMonth: 720, usdPerKWh: 0.3 });
    expectClose(e.usdPerMonth, 50.4);
  });
  it("electricityCost adds idle draw for the hours not generating: 100 W × 0.75 × 720 h = 54 kWh", () => {
    const e = electricityCost({ loadWatts: 1000, idleWatts: 100, utilization: 0.25, hoursPerMonth: 720, usdPerKWh: 0.2 });
    expectClose(e.loadKWh, 180);
    expectClose(e.idleKWh, 54);
    expectClose(e.usdPerMonth, 234 * 0.2);
  });
  it("electricityUsdPerHour: 700 W at $0.30/kWh = $0.21 per hour", () => {
    expectClose(electricityUsdPerHour({ loadWatts: 700, usdPerKWh: 0.3 }), 0.21);
  });
});

describe("rentalUsdPerMonth", () => {
  it("rentalUsdPerMonth always-on: 2 × A100 at $2.50 × 720 h = $3,600 whatever the utilization", () => {
    expect(rentalUsdPerMonth({ usdPerGpuHour: 2.5, gpus: 2, hoursPerMonth: 720, billing: "always-on", utilization: 0.6 })).toBe(3600);
  });
  it("rentalUsdPerMonth on-demand pays only busy hours: $1.29 × 730 h × 0.25 = $235.43", () => {
    expectClose(rentalUsdPerMonth({ usdPerGpuHour: 1.29, gpus: 1, hoursPerMonth: 730, billing: "on-demand", utilization: 0.25 }), 235.425);
  });
  it("rentalUsdPerMonth of a Lambda A100 at $1.29/h around the clock: 1.29 × 720 = $928.80", () => {
    expectClose(rentalUsdPerMonth({ usdPerGpuHour: 1.29, gpus: 1, hoursPerMonth: 720, billing: "always-on", utilization: 1 }), 928.8);
  });
});

describe("operations", () => {
  it("engineeringUsdPerMonth: 0.75 FTE × $150,000 / 12 = $9,375; at $200,000 = $12,500", () => {
    expect(engineeringUsdPerMonth({ fte: 0.75, loadedUsdPerYear: 150_000 })).toBe(9375);
    expect(engineeringUsdPerMonth({ fte: 0.75, loadedUsdPerYear: 200_000 })).toBe(12_500);
  });
  it("operationsCost adds infrastructure and refreshes: $12,000 × 4 a year / 12 = $4,000 a month", () => {
    const ops = operationsCost({ engineeringFte: 0.5, loadedUsdPerYear: 145_000, infraUsdPerMonth: 250, refreshUsd: 12_000, refreshesPerYear: 4 });
    expectClose(ops.engineeringUsd, 6041.6666667, 1e-9);
    expect(ops.refreshUsd).toBe(4000);
    expectClose(ops.usdPerMonth, 6041.6666667 + 250 + 4000, 1e-9);
  });
  it("operationsCost with no inputs is zero (a hobbyist's rig)", () => {
    expect(operationsCost().usdPerMonth).toBe(0);
  });
  it("operationsCost refuses FTEs without their cost", () => {
    expect(() => operationsCost({ engineeringFte: 1 })).toThrow(/loadedUsdPerYear/);
  });
  it("withOverheadMultiplier(1000, 4): $4,000 in all, $3,000 of it overhead", () => {
    expect(withOverheadMultiplier(1000, 4)).toEqual({ totalUsd: 4000, overheadUsd: 3000 });
    expect(() => withOverheadMultiplier(1000, 0.5)).toThrow(/≥ 1/);
  });
});

describe("volume", () => {
  it("tokensPerMonth: 124 tok/s × 3600 × 720 h = 321.4 million at full load", () => {
    expect(tokensPerMonth({ tokensPerSecond: 124, utilization: 1, hoursPerMonth: 720 })).toBe(321_408_000);
  });
  it("tokensPerMonth: 3 tok/s around the clock is 259,200 a day and 7.78 million in 30 days", () => {
    const perMonth = tokensPerMonth({ tokensPerSecond: 3, utilization: 1, hoursPerMonth: 720 });
    expect(perMonth).toBe(7_776_000);
    expect(perMonth / 30).toBe(259_200);
  });
  it("tokensPerMonth: 800 tok/s at 60% of 720 h = 1.244 billion", () => {
    expectClose(tokensPerMonth({ tokensPerSecond: 800, utilization: 0.6, hoursPerMonth: 720 }), 1_244_160_000);
  });
  it("utilizationForVolume: 10 M tokens of a 321.4 M capacity = 3.11%", () => {
    expectClose(utilizationForVolume({ tokensPerMonth: 10e6, tokensPerSecond: 124, hoursPerMonth: 720 }), 10e6 / 321_408_000);
  });
});

describe("API prices", () => {
  it("blendedUsdPerMTok at 3:1: GPT-4o (2.50, 10.00) → (3 × 2.5 + 10) / 4 = 4.375", () => {
    expect(blendedUsdPerMTok({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 }, { inputPerOutput: 3 })).toBe(4.375);
  });
  it("blendedUsdPerMTok at 3:1: Sonnet (3, 15) → (9 + 15) / 4 = 6.00; Haiku 3 (0.25, 1.25) → 0.50", () => {
    expect(blendedUsdPerMTok({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, { inputPerOutput: 3 })).toBe(6);
    expect(blendedUsdPerMTok({ inputUsdPerMTok: 0.25, outputUsdPerMTok: 1.25 }, { inputPerOutput: 3 })).toBe(0.5);
  });
  it("blendedUsdPerMTok at 2:1: Sonnet (3, 15) → (6 + 15) / 3 = 7.00", () => {
    expect(blendedUsdPerMTok({ inputUsdPerMTok: 3, outputUsdPerMTok: 15 }, { inputPerOutput: 2 })).toBe(7);
  });
  it("blendedUsdPerMTok with half the input cached: GPT-4o input 0.5 × 2.5 + 0.5 × 1.25 = 1.875 → (5.625 + 10) / 4", () => {
    const blended = blendedUsdPerMTok({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, cachedInputUsdPerMTok: 1.25 }, { inputPerOutput: 3, cachedInputShare: 0.5 });
    expectClose(blended, 15.625 / 4);
  });
  it("blendedUsdPerMTok needs a cached price when some input is cached", () => {
    expect(() => blendedUsdPerMTok({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 }, { inputPerOutput: 3, cachedInputShare: 0.5 })).toThrow(/cachedInputUsdPerMTok/);
  });
  it("apiUsdPerMonth: 20 M tokens at $7/Mtok = $140", () => {
    expect(apiUsdPerMonth({ tokensPerMonth: 20e6, usdPerMTok: 7 })).toBe(140);
  });
});

describe("token price units", () => {
  it("toUsdPerMTok({0.013, per thousand}) = $13 per million: a thousand-fold apart from $0.013 per million", () => {
    expectClose(toUsdPerMTok({ usd: 0.013, per: "thousand" }), 13);
  });
  it("toUsdPerMTok handles per-token and per-billion prices", () => {
    expectClose(toUsdPerMTok({ usd: 2e-6, per: "token" }), 2);
    expectClose(toUsdPerMTok({ usd: 4200, per: "billion" }), 4.2);
  });
  it("fromUsdPerMTok(13, thousand) round-trips to $0.013 per thousand", () => {
    expectClose(fromUsdPerMTok(13, "thousand").usd, 0.013);
  });
});

describe("bad input", () => {
  it("a negative price names the parameter and value", () => {
    expect(() => amortizationUsdPerMonth({ hardwareUsd: -1, lifeMonths: 36 })).toThrow("hardwareUsd = -1: must be ≥ 0");
  });
  it("a zero it divides by is refused", () => {
    expect(() => amortizationUsdPerMonth({ hardwareUsd: 3500, lifeMonths: 0 })).toThrow("lifeMonths = 0: must be > 0");
  });
  it("NaN is refused", () => {
    expect(() => tokensPerMonth({ tokensPerSecond: NaN, utilization: 1, hoursPerMonth: 720 })).toThrow("tokensPerSecond = NaN: must be a finite number");
  });
  it("a missing field is refused by name", () => {
    const missing = { loadWatts: 1000, utilization: 1, hoursPerMonth: 720 } as unknown as Parameters<typeof electricityCost>[0];
    expect(() => electricityCost(missing)).toThrow("usdPerKWh = undefined: must be a finite number");
  });
  it("a utilization above 100% is refused", () => {
    expect(() => tokensPerMonth({ tokensPerSecond: 10, utilization: 1.2, hoursPerMonth: 720 })).toThrow(ModelInputError);
  });
});
