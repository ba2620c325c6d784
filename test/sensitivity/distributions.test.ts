import { describe, expect, it } from "vitest";
import {
  rng,
  sample,
  sampleInto,
  quantile,
  quantiles,
  moments,
  support,
  validateDistribution,
  lognormalFrom90,
  latinHypercube,
  type Distribution,
} from "../../lib/sensitivity";
import { expectClose } from "../helpers/close";

function meanVar(a: Float64Array): { mean: number; variance: number } {
  let m = 0;
  for (const x of a) m += x;
  m /= a.length;
  let v = 0;
  for (const x of a) v += (x - m) ** 2;
  return { mean: m, variance: v / a.length };
}

describe("quantile: inverse CDFs as worked examples", () => {
  it("quantile({kind:'triangular', min:3000, mode:3500, max:4200}, 0.5) = 4200 − √(0.5 × 1200 × 700) = 3551.93", () => {
    expectClose(quantile({ kind: "triangular", min: 3000, mode: 3500, max: 4200 }, 0.5), 4200 - Math.sqrt(0.5 * 1200 * 700), 1e-15);
  });
  it("quantile of a triangular at p = (mode − min)/(max − min) is the mode: 500/1200 → 3500", () => {
    expectClose(quantile({ kind: "triangular", min: 3000, mode: 3500, max: 4200 }, 500 / 1200), 3500, 1e-12);
  });
  it("quantile({kind:'uniform', min:24, max:48}, 0.25) = 30", () => {
    expect(quantile({ kind: "uniform", min: 24, max: 48 }, 0.25)).toBe(30);
  });
  it("quantile({kind:'lognormal', median:0.177, sigma:0.25}, 0.5) = 0.177 (the median), and at 0.975 = 0.177 × e^(0.25 × 1.96) = 0.2890", () => {
    expect(quantile({ kind: "lognormal", median: 0.177, sigma: 0.25 }, 0.5)).toBe(0.177);
    expectClose(quantile({ kind: "lognormal", median: 0.177, sigma: 0.25 }, 0.975), 0.177 * Math.exp(0.25 * 1.959963984540054), 1e-14);
  });
  it("quantile({kind:'empirical', values:[5, 1, 3]}, p) steps through the sorted values: p < 1/3 → 1, < 2/3 → 3, else 5", () => {
    const d: Distribution = { kind: "empirical", values: [5, 1, 3] };
    expect([0, 0.3, 0.34, 0.66, 0.67, 1].map((p) => quantile(d, p))).toEqual([1, 1, 3, 3, 5, 5]);
  });
  it("quantile({kind:'empirical', values:[0.12, 0.30, 0.18], method:'range'}, 0.5) = 0.21 (uniform over min…max)", () => {
    expectClose(quantile({ kind: "empirical", values: [0.12, 0.3, 0.18], method: "range" }, 0.5), 0.21, 1e-15);
  });
  it("quantile({kind:'constant', value:730}, p) = 730 for every p", () => {
    expect(quantile({ kind: "constant", value: 730 }, 0.9)).toBe(730);
  });
  it("quantiles(dist, ps) maps an array at once, equal to quantile one by one", () => {
    const d: Distribution = { kind: "triangular", min: 90, mode: 124, max: 140 };
    const ps = Float64Array.of(0, 0.1, 0.5, 0.9, 0.999);
    const out = quantiles(d, ps, new Float64Array(5));
    ps.forEach((p, i) => expect(out[i]).toBe(quantile(d, p)));
  });
  it("lognormalFrom90(0.12, 0.30): median √(0.12 × 0.30) = 0.190, and its 5th/95th percentiles are 0.12 and 0.30", () => {
    const d = lognormalFrom90(0.12, 0.3);
    expectClose(d.median, Math.sqrt(0.036), 1e-15);
    expectClose(quantile(d, 0.05), 0.12, 1e-12);
    expectClose(quantile(d, 0.95), 0.3, 1e-12);
  });
});

describe("sample: moments of 10^6 draws against the analytical ones", () => {
  const cases: [string, Distribution, number][] = [
    ["uniform(24, 48): mean 36, variance 48", { kind: "uniform", min: 24, max: 48 }, 0.002],
    ["triangular(3000, 3500, 4200): mean 3566.7, variance 60,555.6", { kind: "triangular", min: 3000, mode: 3500, max: 4200 }, 0.005],
    ["lognormal(median 0.177, sigma 0.25): mean 0.177 e^(0.03125) = 0.1826", { kind: "lognormal", median: 0.177, sigma: 0.25 }, 0.01],
    ["empirical([1, 2, 2, 7]) resampled: mean 3, variance 5.5", { kind: "empirical", values: [1, 2, 2, 7] }, 0.01],
    ["empirical([1, 7], 'range'): mean 4, variance 3", { kind: "empirical", values: [1, 7], method: "range" }, 0.005],
  ];
  for (const [title, dist, tol] of cases) {
    it(`${title} (mean within 0.1%, variance within ${tol * 100}%)`, () => {
      const x = sample(dist, rng(21), 1_000_000);
      const got = meanVar(x);
      const want = moments(dist);
      expectClose(got.mean, want.mean, 0.001);
      expectClose(got.variance, want.variance, tol);
      const s = support(dist);
      let lo = Infinity, hi = -Infinity;
      for (const v of x) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      expect(lo >= s.min && hi <= s.max).toBe(true);
    });
  }

  it("sample(constant 730) fills without drawing from the stream", () => {
    const r = rng(3);
    const c = r.clone();
    expect(Array.from(sample({ kind: "constant", value: 730 }, r, 3))).toEqual([730, 730, 730]);
    expect(r.next()).toBe(c.next());
  });

  it("sample with the same seed gives the same draws; drawing in pieces (sampleInto) gives the same as at once", () => {
    const d: Distribution = { kind: "lognormal", median: 0.177, sigma: 0.25 };
    const whole = sample(d, rng(5), 10_000);
    expect(sample(d, rng(5), 10_000)).toEqual(whole);
    const pieces = new Float64Array(10_000);
    const r = rng(5);
    sampleInto(d, r, pieces, 0, 3000);
    sampleInto(d, r, pieces, 3000, 7000);
    expect(pieces).toEqual(whole);
  });

  it("uniform, triangular and empirical draws take one 32-bit output each: quantile(dist, (k + 0.5) × 2^-32)", () => {
    const n = 5000;
    const dists: Distribution[] = [
      { kind: "uniform", min: 24, max: 48 },
      { kind: "triangular", min: 3000, mode: 3500, max: 4200 },
      { kind: "triangular", min: 5, mode: 5, max: 5 },
      { kind: "empirical", values: [5, 1, 3, 9] },
      { kind: "empirical", values: [0.12, 0.3, 0.18], method: "range" },
    ];
    for (const d of dists) {
      const x = sample(d, rng(21), n);
      const r = rng(21);
      for (let i = 0; i < n; i++) expectClose(x[i], quantile(d, r.nextUniform32()), 1e-15);
      const after = rng(21);
      for (let i = 0; i < n; i++) after.nextUint32();
      const s = rng(21);
      sample(d, s, n);
      expect(s.nextUint32()).toBe(after.nextUint32());
    }
  });

  it("uniform(0, 1) draws are exactly the generator's 32-bit uniforms", () => {
    expect(sample({ kind: "uniform", min: 0, max: 1 }, rng(22), 3000)).toEqual(rng(22).fillUniform32(new Float64Array(3000)));
  });

  it("sample into a longer out fills only the first n slots", () => {
    const out = new Float64Array(5).fill(-1);
    sample({ kind: "uniform", min: 0, max: 1 }, rng(1), 3, out);
    expect(out[3]).toBe(-1);
    expect(out[2]).toBeGreaterThanOrEqual(0);
  });

  it("latinHypercube puts exactly one of n draws in each of n equally likely strata", () => {
    const x = latinHypercube({ a: { kind: "uniform", min: 0, max: 10 }, b: { kind: "triangular", min: 0, mode: 1, max: 2 } }, 50, 3);
    const strata = Array.from(x.a, (v) => Math.floor(v / (10 / 50))).sort((p, q) => p - q);
    expect(strata).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(x.b.length).toBe(50);
  });
});

describe("validateDistribution: errors name the parameter and the field", () => {
  it("a triangular whose mode is outside [min, max]", () => {
    expect(() => validateDistribution("hardwareUsd", { kind: "triangular", min: 3000, mode: 5000, max: 4200 })).toThrow(
      "hardwareUsd.mode = 5000: must be between min = 3000 and max = 4200",
    );
  });
  it("a uniform with max < min", () => {
    expect(() => validateDistribution("lifeMonths", { kind: "uniform", min: 48, max: 24 })).toThrow("lifeMonths.max = 24: must be ≥ min = 48");
  });
  it("a lognormal given μ = ln(median) < 0 instead of the median", () => {
    expect(() => validateDistribution("usdPerKWh", { kind: "lognormal", median: Math.log(0.177), sigma: 0.25 })).toThrow("usdPerKWh.median");
  });
  it("an empty empirical, an unknown kind, a NaN field", () => {
    expect(() => validateDistribution("x", { kind: "empirical", values: [] })).toThrow("x.values");
    expect(() => validateDistribution("x", { kind: "normal", mean: 0 } as unknown as Distribution)).toThrow('x.kind = "normal"');
    expect(() => validateDistribution("x", { kind: "uniform", min: NaN, max: 1 })).toThrow("x.min = NaN: must be a finite number");
  });
  it("quantile with p outside [0, 1]", () => {
    expect(() => quantile({ kind: "uniform", min: 0, max: 1 }, 1.5)).toThrow("p = 1.5");
  });
});
