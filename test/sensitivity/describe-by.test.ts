import { describe, expect, it } from "vitest";
import { describeByWithDanfo } from "../../lib/sensitivity/describe";

describe("describeByWithDanfo(rows, by, column)", () => {
  // a: 0.5, 0.7 → mean 0.6, std √0.02 = 0.1414, median 0.6
  // b: 0.6, 0.8, 0.9 → mean 2.3 / 3 = 0.7667, std √((0.0278 + 0.0011 + 0.0178) / 2) = √0.02333 = 0.1528, median 0.8
  // all five: mean 3.5 / 5 = 0.7, std √((0.04 + 0 + 0.01 + 0.01 + 0.04) / 4) = √0.025 = 0.1581, median 0.7
  const rows = [
    { runtime: "a", efficiency: 0.5 },
    { runtime: "b", efficiency: 0.6 },
    { runtime: "a", efficiency: 0.7 },
    { runtime: "b", efficiency: 0.8 },
    { runtime: "b", efficiency: 0.9 },
  ];

  it("gives count, mean, std (n − 1), min, median and max per group, the largest group first", async () => {
    const { groups } = await describeByWithDanfo(rows, "runtime", "efficiency");
    expect(groups.map((g) => [g.key, g.count, g.min, g.max])).toEqual([
      ["b", 3, 0.6, 0.9],
      ["a", 2, 0.5, 0.7],
    ]);
    expect(groups[0].mean).toBeCloseTo(2.3 / 3, 12);
    expect(groups[0].std).toBeCloseTo(Math.sqrt(0.07 / 3), 12);
    expect(groups[0].median).toBeCloseTo(0.8, 12);
    expect(groups[1].mean).toBeCloseTo(0.6, 12);
    expect(groups[1].std).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(groups[1].median).toBeCloseTo(0.6, 12);
  });

  it("gives the same statistics over all rows from describe()", async () => {
    const { all } = await describeByWithDanfo(rows, "runtime", "efficiency");
    expect([all.count, all.min, all.max]).toEqual([5, 0.5, 0.9]);
    expect(all.mean).toBeCloseTo(0.7, 12);
    expect(all.std).toBeCloseTo(Math.sqrt(0.025), 12);
    expect(all.median).toBeCloseTo(0.7, 12);
  });

  it("groups of equal size come by name; no rows is an error", async () => {
    const { groups } = await describeByWithDanfo([{ g: "z", v: 1 }, { g: "m", v: 2 }], "g", "v");
    expect(groups.map((g) => g.key)).toEqual(["m", "z"]);
    await expect(describeByWithDanfo([], "g", "v")).rejects.toThrow(RangeError);
  });
});
