/**
 * Measured decode speed against the memory-bandwidth bound: each benchmark is a dot; the
 * diagonal is physics (no dot can sit above it), the dashed lines 50% and 75% efficiency.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";

/** A benchmark and its bound, tokens/s. */
export interface EfficiencyPoint {
  readonly label: string;
  readonly bound: number;
  readonly measured: number;
  /** Colour group, e.g. the device. */
  readonly group: string;
}

/** Plot options for the measured-vs-bound chart. */
export function efficiencyChart(points: readonly EfficiencyPoint[]): PlotSvgOptions {
  const max = Math.max(...points.map((p) => Math.max(p.bound, p.measured))) * 1.2;
  const min = Math.min(...points.map((p) => Math.min(p.bound, p.measured))) / 1.2;
  const diag = (k: number) => [
    { x: min, y: min * k },
    { x: max, y: max * k },
  ];
  return {
    title: "Measured single-stream decode against the memory-bandwidth bound",
    subtitle: "Above the solid line is faster than the memory bus allows",
    x: { type: "log", label: "bound (tokens/s) →", domain: [min, max], grid: true },
    y: { type: "log", label: "↑ measured (tokens/s)", domain: [min, max], grid: true },
    color: { legend: true },
    marks: [
      Plot.line(diag(1), { x: "x", y: "y", stroke: "black" }),
      Plot.line(diag(0.75), { x: "x", y: "y", stroke: "#888", strokeDasharray: "4,3" }),
      Plot.line(diag(0.5), { x: "x", y: "y", stroke: "#bbb", strokeDasharray: "4,3" }),
      Plot.dot(points, { x: "bound", y: "measured", stroke: "group", r: 5, strokeWidth: 2, title: "label" }),
    ],
  };
}
