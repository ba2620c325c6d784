/**
 * A heatmap of a 2-D sweep (lib/sensitivity sweep2d): one cell per grid point, coloured by the
 * output in bands on a diverging scheme split at zero, so the line where the answer flips stands
 * out. Bands (a threshold scale) rather than a continuous ramp: Plot draws a continuous legend on
 * a canvas, which the server's jsdom does not have.
 */
import * as Plot from "@observablehq/plot";
import type { Sweep2DRow } from "../sensitivity/sweep";
import type { PlotSvgOptions } from "./plot";

/**
 * Options for a heatmap of `rows`. Cells with a null output are left blank. On log axes the grid
 * should be log-spaced (logspace), so the cells tile the plot evenly.
 */
export function heatmapChart(
  rows: readonly Sweep2DRow[],
  options: {
    title: string;
    subtitle?: string;
    x: string;
    y: string;
    legend: string;
    logX?: boolean;
    logY?: boolean;
    xFormat?: (x: number) => string;
    yFormat?: (y: number) => string;
    format?: (v: number) => string;
    /** Labels of the negative and positive sides, shown under the chart. */
    negative?: string;
    positive?: string;
    markers?: readonly { x: number; y: number; label: string }[];
    /** Band edges, ascending, including 0. Default: ±1/4, ±1/2 and ±1 of the largest |output|. */
    thresholds?: readonly number[];
  },
): PlotSvgOptions {
  const drawn = rows.filter((r) => r.output !== null);
  const extent = Math.max(1e-12, ...drawn.map((r) => Math.abs(r.output as number)));
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const ys = [...new Set(rows.map((r) => r.y))].sort((a, b) => a - b);
  // cell edges: halfway between grid points (geometric halfway on a log axis)
  const edges = (vs: number[], log: boolean | undefined) => {
    const mid = (a: number, b: number) => (log ? Math.sqrt(a * b) : (a + b) / 2);
    return vs.map((v, i) => [i === 0 ? (log ? v / Math.sqrt(vs[1] / v) : v - (vs[1] - v) / 2) : mid(vs[i - 1], v), i === vs.length - 1 ? (log ? v * Math.sqrt(v / vs[i - 1]) : v + (v - vs[i - 1]) / 2) : mid(v, vs[i + 1])] as const);
  };
  const xe = new Map(edges(xs, options.logX).map((e, i) => [xs[i], e]));
  const ye = new Map(edges(ys, options.logY).map((e, i) => [ys[i], e]));
  const cells = drawn.map((r) => ({ x1: xe.get(r.x)![0], x2: xe.get(r.x)![1], y1: ye.get(r.y)![0], y2: ye.get(r.y)![1], output: r.output as number }));
  return {
    title: options.title,
    subtitle: options.subtitle,
    marginLeft: options.yFormat ? 84 : undefined, // room for formatted ticks such as "$30.00/Mtok"
    x: { type: options.logX ? "log" : "linear", label: options.x, tickFormat: options.xFormat },
    y: { type: options.logY ? "log" : "linear", label: options.y, tickFormat: options.yFormat },
    color: {
      type: "threshold",
      scheme: "BuRd",
      domain: [...(options.thresholds ?? [-extent, -extent / 2, -extent / 4, 0, extent / 4, extent / 2, extent])],
      legend: true,
      label: options.legend,
      tickFormat: options.format,
    },
    caption: options.negative && options.positive ? `Blue: ${options.negative}. Red: ${options.positive}.` : undefined,
    marks: [
      Plot.rect(cells, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "output" }),
      Plot.dot(options.markers ?? [], { x: "x", y: "y", r: 4, stroke: "black", fill: "white" }),
      Plot.text(options.markers ?? [], { x: "x", y: "y", text: "label", dx: 8, textAnchor: "start", fontWeight: "bold" }),
    ],
  };
}
