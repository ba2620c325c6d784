import { describe, expect, it } from "vitest";
import { sobol, sobolTable, ishigami, ishigamiIndices, ISHIGAMI_INPUTS, costModelFunction, type Distribution } from "../../lib/sensitivity";
import { breakEvenVolume } from "../../lib/models";
import { expectClose } from "../helpers/close";

describe("Sobol indices (Saltelli 2010 first order, Jansen total)", () => {
  it("ishigamiIndices(7, 0.1): S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437", () => {
    const x = ishigamiIndices();
    expect(x.firstOrder.map((v) => +v.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(x.total.map((v) => +v.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });

  it("Ishigami at N = 100,000 (500,000 runs), seed 1: every index within 0.02 of the analytical value", () => {
    // Tolerance: over seeds 1–40 at this N the largest error of any index was 0.0117.
    const r = sobol(ishigami(), ISHIGAMI_INPUTS, { n: 100_000, seed: 1 });
    const exact = ishigamiIndices();
    expect(r.evaluations).toBe(500_000);
    expectClose(r.variance, exact.variance, 0.02);
    r.indices.forEach((x, j) => {
      expect(Math.abs(x.firstOrder - exact.firstOrder[j])).toBeLessThan(0.02);
      expect(Math.abs(x.total - exact.total[j])).toBeLessThan(0.02);
    });
  });

  it("bootstrap 95% intervals (N = 100,000, 100 resamples, seed 1) contain the analytical indices and are narrower than ±0.02", () => {
    const r = sobol(ishigami(), ISHIGAMI_INPUTS, { n: 100_000, seed: 1, bootstrap: 100 });
    const exact = ishigamiIndices();
    r.indices.forEach((x, j) => {
      const [lo, hi] = x.totalInterval!;
      expect(lo).toBeLessThanOrEqual(exact.total[j]);
      expect(hi).toBeGreaterThanOrEqual(exact.total[j]);
      expect(hi - lo).toBeLessThan(0.04);
      const [flo, fhi] = x.firstOrderInterval!;
      expect(flo).toBeLessThanOrEqual(x.firstOrder);
      expect(fhi).toBeGreaterThanOrEqual(x.firstOrder);
    });
    const t = sobolTable(r);
    expect(t.columnNames()).toEqual(["input", "firstOrder", "total", "firstOrderLow", "firstOrderHigh", "totalLow", "totalHigh"]);
    expect(t.get("input", 0)).toBe("x1"); // largest total index first
  });

  it("same seed → same indices", () => {
    const a = sobol(ishigami(), ISHIGAMI_INPUTS, { n: 2000, seed: 4 });
    const b = sobol(ishigami(), ISHIGAMI_INPUTS, { n: 2000, seed: 4 });
    expect(b).toEqual(a);
  });

  it("a linear model y = 2a + b with a, b ~ U(0, 1): S_a = ST_a = 0.8, S_b = ST_b = 0.2 (within 0.01 at N = 50,000)", () => {
    const r = sobol((x, out) => {
      for (let i = 0; i < out.length; i++) out[i] = 2 * x.a[i] + x.b[i];
    }, { a: { kind: "uniform", min: 0, max: 1 }, b: { kind: "uniform", min: 0, max: 1 } }, { n: 50_000, seed: 2 });
    expect(Math.abs(r.indices[0].firstOrder - 0.8)).toBeLessThan(0.01);
    expect(Math.abs(r.indices[0].total - 0.8)).toBeLessThan(0.01);
    expect(Math.abs(r.indices[1].firstOrder - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(r.indices[1].total - 0.2)).toBeLessThan(0.01);
  });

  it("break-even of the 3×RTX 3090 rig: the function agrees with breakEvenVolume, and the API price and the speed matter far more than the life", () => {
    const f = costModelFunction({ idleWatts: 0, hoursPerMonth: 720 }, "breakEvenTokensPerMonth");
    const one = (v: number) => Float64Array.of(v);
    const out = new Float64Array(1);
    f({ hardwareUsd: one(3500), lifeMonths: one(36), loadWatts: one(1100), usdPerKWh: one(0.177), tokensPerSecond: one(124), utilization: one(1), apiUsdPerMTok: one(5) }, out);
    const b = breakEvenVolume({ compute: { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 }, tokensPerSecond: 124, hoursPerMonth: 720 }, 5);
    if (b.kind !== "volume") throw new Error("expected a volume");
    expectClose(out[0], b.tokensPerMonth, 1e-12);

    const inputs: Record<string, Distribution> = {
      hardwareUsd: { kind: "triangular", min: 3000, mode: 3500, max: 4200 },
      lifeMonths: { kind: "uniform", min: 30, max: 42 },
      loadWatts: { kind: "triangular", min: 900, mode: 1100, max: 1300 },
      usdPerKWh: { kind: "lognormal", median: 0.177, sigma: 0.25 },
      tokensPerSecond: { kind: "triangular", min: 90, mode: 124, max: 140 },
      utilization: { kind: "uniform", min: 0.5, max: 1 },
      apiUsdPerMTok: { kind: "uniform", min: 2, max: 10 },
    };
    const r = sobol(f, inputs, { n: 20_000, seed: 5 });
    const by = Object.fromEntries(r.indices.map((x) => [x.input, x]));
    expect(by.apiUsdPerMTok.total).toBeGreaterThan(0.5);
    expect(by.apiUsdPerMTok.total).toBeGreaterThan(by.lifeMonths.total);
    expect(Math.abs(by.utilization.total)).toBeLessThan(0.01); // break-even volume does not depend on utilization
    const sumFirst = r.indices.reduce((s, x) => s + x.firstOrder, 0);
    expect(sumFirst).toBeGreaterThan(0.8);
    expect(sumFirst).toBeLessThan(1.05);
  });

  it("a break-even that can be 'never' (+Infinity) is refused with the count of such runs", () => {
    const f = costModelFunction({ idleWatts: 0, hoursPerMonth: 720, lifeMonths: 36, loadWatts: 1100, tokensPerSecond: 124, utilization: 1, hardwareUsd: 3500 }, "breakEvenTokensPerMonth");
    expect(() =>
      sobol(f, { usdPerKWh: { kind: "uniform", min: 0.1, max: 0.3 }, apiUsdPerMTok: { kind: "uniform", min: 0.3, max: 2 } }, { n: 1000, seed: 1 }),
    ).toThrow(/not finite in \d+ of 1000 runs of A/);
  });
});
