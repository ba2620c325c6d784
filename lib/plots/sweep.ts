/**
 * Line charts of one output against one input: a sweep, with optional reference lines.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";

/** A series point; null output values are left out (drawn as a gap). */
export interface SweepPoint {
  readonly series: string;
  readonly x: number;
  readonly y: number | null;
}

/** Plot options for one or more sweeps, optionally log-scaled, with labelled vertical markers. */
export function sweepChart(
  points: readonly SweepPoint[],
  options: { title: string; x: string; y: string; logX?: boolean; logY?: boolean; markers?: readonly { x: number; label: string }[]; xFormat?: (x: number) => string; yFormat?: (y: number) => string },
): PlotSvgOptions {
  const drawn = points.filter((p) => p.y !== null);
  const markers = options.markers ?? [];
  return {
    title: options.title,
    // formatted y ticks ("$2,000", "1.2B") need more room than Plot's default 40 px
    marginLeft: options.yFormat ? 64 : undefined,
    x: { type: options.logX ? "log" : "linear", label: options.x, grid: true, tickFormat: options.xFormat },
    y: { type: options.logY ? "log" : "linear", label: options.y, grid: true, tickFormat: options.yFormat },
    color: { legend: new Set(points.map((p) => p.series)).size > 1 },
    marks: [
      Plot.line(drawn, { x: "x", y: "y", stroke: "series", strokeWidth: 2 }),
      Plot.ruleX(markers, { x: "x", stroke: "#888", strokeDasharray: "4,3" }),
      // one label per line, each a line lower than the last, so labels of close markers do not overlap
      ...markers.map((m, i) => Plot.text([m], { x: "x", text: "label", frameAnchor: "top", dy: 6 + 13 * i, dx: 4, textAnchor: "start" })),
    ],
  };
}
