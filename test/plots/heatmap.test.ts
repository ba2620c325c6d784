import { describe, expect, it } from "vitest";
import { heatmapChart } from "../../lib/plots/heatmap";
import { plotSvg } from "../../lib/plots/plot";
import { sweep2d } from "../../lib/sensitivity/sweep";

/** The fills of the cells, in the order sweep2d gives the rows (x fastest, then y). */
function cellFills(svg: string): string[] {
  const group = /<g aria-label="rect"[^>]*>(.*?)<\/g>/s.exec(svg);
  if (!group) throw new Error("no rect mark in the chart");
  return [...group[1].matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
}
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe("heatmapChart: a 2-D sweep as cells in bands of a diverging scheme split at zero", () => {
  // x − y over x = 1..4, y = 1..3, with (3, 2) left out: outputs by row
  //   y = 1:  0  1  2  3      y = 2: −1  0  ·  2      y = 3: −2 −1  0  1
  const rows = sweep2d((x, y) => (x === 3 && y === 2 ? null : x - y), [1, 2, 3, 4], [1, 2, 3]);
  const svg = plotSvg(heatmapChart(rows, { title: "x − y", x: "x", y: "y", legend: "x − y", negative: "y above x", positive: "x above y" }));
  const fills = cellFills(svg);

  it("draws one cell per grid point with an output: 12 points, one null, 11 cells", () => {
    expect(fills).toHaveLength(11);
  });

  it("colours x − y = −2 blue and x − y = 3 red; equal outputs share a colour", () => {
    const [minus2, plus3] = [fills[7], fills[3]];
    expect(rgb(minus2)[2]).toBeGreaterThan(rgb(minus2)[0]);
    expect(rgb(plus3)[0]).toBeGreaterThan(rgb(plus3)[2]);
    expect(fills[0]).toBe(fills[5]); // both 0
    expect(fills[4]).toBe(fills[8]); // both −1
  });

  it("says which colour means what, under the chart", () => {
    expect(svg).toContain("Blue: y above x. Red: x above y.");
  });
});
