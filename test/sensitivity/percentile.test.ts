import { describe, expect, it } from "vitest";
import { Histogram, percentile, percentiles, rng, sample } from "../../lib/sensitivity";

/** numpy's default (linear) percentile, from a full sort. */
function reference(values: Float64Array, ps: number[]): number[] {
  const s = values.slice().sort();
  const n = s.length;
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    if (h === k || k + 1 >= n) return s[k];
    if (s[k + 1] === Infinity) return Infinity;
    return s[k] + (h - k) * (s[k + 1] - s[k]);
  });
}

describe("percentiles (numpy's linear definition, without sorting)", () => {
  it("percentile([1, 2, 3, 4], 50) = 2.5 and percentile([1, 2, 3, 4], 5) = 1.15", () => {
    expect(percentile(Float64Array.of(1, 2, 3, 4), 50)).toBe(2.5);
    expect(percentile([4, 3, 2, 1], 5)).toBeCloseTo(1.15, 14);
  });

  it("small arrays: equal to a full sort at 0, 1, 5, 33.3, 50, 95, 100", () => {
    const ps = [0, 1, 5, 33.3, 50, 95, 100];
    const x = sample({ kind: "lognormal", median: 1, sigma: 2 }, rng(1), 999);
    expect(percentiles(x, ps)).toEqual(reference(x, ps));
  });

  it("10^6 values (histogram path), with negatives, ties and ±Infinity: equal to a full sort", () => {
    const n = 1_000_000;
    const x = sample({ kind: "lognormal", median: 10, sigma: 1 }, rng(2), n);
    for (let i = 0; i < n; i += 7) x[i] = -x[i];
    for (let i = 0; i < n; i += 101) x[i] = 3; // ties
    for (let i = 0; i < n; i += 1009) x[i] = Infinity;
    x[5] = -Infinity;
    const ps = [0, 0.5, 5, 25, 50, 75, 95, 99.95, 100];
    const copy = x.slice();
    expect(percentiles(x, ps)).toEqual(reference(x, ps));
    let same = true; // the input is left as it was
    for (let i = 0; i < n; i++) if (!Object.is(x[i], copy[i])) same = false;
    expect(same).toBe(true);
  });

  it("a constant column of 10^5 values: every percentile is the constant", () => {
    expect(percentiles(new Float64Array(100_000).fill(7.5), [5, 50, 95])).toEqual([7.5, 7.5, 7.5]);
  });

  it("NaN is refused (it means a model error), in both paths", () => {
    expect(() => percentiles(Float64Array.of(1, NaN, 3), [50])).toThrow("value 1 is NaN");
    const big = new Float64Array(100_000);
    big[777] = NaN;
    expect(() => percentiles(big, [50])).toThrow("value 777 is NaN");
  });

  it("percentile 101 and empty input are refused", () => {
    expect(() => percentiles([1], [101])).toThrow("percentile 101");
    expect(() => percentiles([], [50])).toThrow("no values");
  });

  it("Histogram built chunk by chunk gives the same percentiles as percentiles(), with ±Infinity and ties; small arrays too", () => {
    for (const n of [1000, 200_000]) {
      const v = sample({ kind: "lognormal", median: 10, sigma: 1.5 }, rng(31), n);
      for (let i = 0; i < n; i += 97) v[i] = Infinity;
      for (let i = 5; i < n; i += 101) v[i] = -Infinity;
      for (let i = 7; i < n; i += 89) v[i] = 3;
      const h = new Histogram(v);
      for (let start = 0; start < n; start += 2048) h.add(start, Math.min(n, start + 2048));
      const ps = [0, 1, 5, 50, 95, 99, 100];
      expect(h.percentiles(ps)).toEqual(percentiles(v, ps));
      // (the reference's own interpolation gives NaN between two −Infinity values; percentiles() gives −Infinity)
      expect(h.percentiles(ps.slice(2))).toEqual(reference(v, ps.slice(2)));
    }
  });

  it("Histogram refuses NaN (like percentiles) and a histogram that has not counted every value", () => {
    const v = sample({ kind: "uniform", min: 0, max: 1 }, rng(32), 100_000);
    const partial = new Histogram(v);
    partial.add(0, 50_000);
    expect(() => partial.percentiles([50])).toThrow("50000 of 100000 values counted");
    v[77_777] = NaN;
    const h = new Histogram(v);
    h.add(0, v.length);
    expect(() => h.percentiles([50])).toThrow("value 77777 is NaN");
    expect(() => percentiles(v, [50])).toThrow("value 77777 is NaN");
  });
});
