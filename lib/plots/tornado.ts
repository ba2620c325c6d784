/**
 * A tornado chart: one bar per input from its output at the low end to its output at the high
 * end, most influential at the top; the base case is the vertical line.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";

/** One input's bar (null outputs mean "never" at that end). */
export interface TornadoBar {
  readonly input: string;
  readonly outputAtLow: number | null;
  readonly outputAtHigh: number | null;
}

/**
 * Plot options for a tornado on a log axis. A "never" end is drawn to the axis edge and marked.
 * `format` labels the axis ticks.
 */
export function tornadoChart(bars: readonly TornadoBar[], base: number, options: { title: string; label: string; format?: (x: number) => string }): PlotSvgOptions {
  const finite = bars.flatMap((b) => [b.outputAtLow, b.outputAtHigh]).filter((x): x is number => x !== null);
  const lo = Math.min(base, ...finite) / 1.5;
  const hi = Math.max(base, ...finite) * 1.5;
  const rows = bars.flatMap((b) => [
    { input: b.input, end: "input at its low end", from: base, to: b.outputAtLow ?? hi, never: b.outputAtLow === null },
    { input: b.input, end: "input at its high end", from: base, to: b.outputAtHigh ?? hi, never: b.outputAtHigh === null },
  ]);
  return {
    title: options.title,
    marginLeft: 140,
    height: 50 + bars.length * 34,
    x: { type: "log", label: options.label, domain: [lo, hi], grid: true, tickFormat: options.format },
    y: { label: null, domain: bars.map((b) => b.input) },
    color: { legend: true, domain: ["input at its low end", "input at its high end"], range: ["#4e79a7", "#f28e2b"] },
    marks: [
      Plot.barX(rows, { x1: "from", x2: "to", y: "input", fill: "end", fillOpacity: 0.8 }),
      Plot.text(rows.filter((r) => r.never), { x: "to", y: "input", text: () => "never", textAnchor: "end", dx: -4, fill: "white" }),
      Plot.ruleX([base], { stroke: "black" }),
    ],
  };
}
