import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { summaryStats, summarize, summarizeColumns, describeWithDanfo, rng, sample } from "../../lib/sensitivity";


describe("summarize (pandas describe() without dependencies)", () => {
  it("summaryStats([1, 2, 3, 4]): count 4, mean 2.5, std 1.2910 (n − 1), min 1, p5 1.15, p25 1.75, p50 2.5, p75 3.25, p95 3.85, max 4", () => {
    const s = summaryStats([1, 2, 3, 4]);
    expect(s.count).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect([s.min, s.p5, s.p25, s.p50, s.p75, s.p95, s.max].map((v) => +v.toFixed(10))).toEqual([1, 1.15, 1.75, 2.5, 3.25, 3.85, 4]);
  });

  it("NaN is skipped as pandas does; an empty column has count 0", () => {
    expect(summaryStats([1, NaN, 3]).count).toBe(2);
    expect(summaryStats([1, NaN, 3]).mean).toBe(2);
    expect(summaryStats([]).count).toBe(0);
  });

  it("summarize(values) is an arquero table of statistic/value rows", () => {
    const t = summarize(Float64Array.of(1, 2, 3, 4));
    expect(t.columnNames()).toEqual(["statistic", "value"]);
    expect(t.array("statistic")).toEqual(["count", "mean", "std", "min", "p5", "p25", "p50", "p75", "p95", "max"]);
    expect(t.get("value", 6)).toBe(2.5);
  });

  it("summarizeColumns of 10^5 uniform(24, 48) life draws: mean ≈ 36, p50 ≈ 36, one column per input", () => {
    const life = sample({ kind: "uniform", min: 24, max: 48 }, rng(1), 100_000);
    const t = summarizeColumns({ lifeMonths: life, hours: new Float64Array(100_000).fill(730) });
    expect(t.columnNames()).toEqual(["statistic", "lifeMonths", "hours"]);
    expect(Math.abs((t.get("lifeMonths", 1) as number) - 36)).toBeLessThan(0.1);
    expect(t.get("hours", 6)).toBe(730);
  });

  it("importing lib/sensitivity never loads danfojs-node: describe.ts has no static import of it", () => {
    const src = readFileSync(new URL("../../lib/sensitivity/describe.ts", import.meta.url), "utf8");
    expect(src).not.toMatch(/^import[^;]*danfojs/m);
    expect(src).not.toMatch(/require\(["']danfojs/);
  });

  it("describeWithDanfo([1, 2, 3, 4]) is danfo's describe(): mean 2.5, std 1.2910, median 2.5, as summaryStats", async () => {
    const frame = (await describeWithDanfo({ a: [1, 2, 3, 4], b: [10, 20, 30, 40] })) as unknown as { index: string[]; columns: string[]; values: number[][] };
    expect(frame.columns).toEqual(["a", "b"]);
    const row = (stat: string) => frame.values[frame.index.indexOf(stat)];
    expect(row("mean")).toEqual([2.5, 25]);
    expect(row("std")[0]).toBeCloseTo(summaryStats([1, 2, 3, 4]).std, 12);
    expect(row("median")).toEqual([2.5, 25]);
  });
});
