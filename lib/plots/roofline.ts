/**
 * Aggregate and per-stream decode throughput against batch size (the roofline): aggregate rises
 * while memory-bound and flattens at the compute-bound knee.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";

/** One point of a batch curve. */
export interface RooflinePoint {
  readonly setup: string;
  readonly batch: number;
  readonly aggregateTokensPerSecond: number;
  readonly perStreamTokensPerSecond: number;
}

/** Plot options: aggregate (solid) and per-stream (dashed) throughput by batch, log–log. */
export function rooflineChart(points: readonly RooflinePoint[], measured: readonly { setup: string; batch: number; tokensPerSecond: number }[] = []): PlotSvgOptions {
  return {
    title: "Decode throughput against batch size",
    subtitle: "Solid: all streams together. Dashed: what one user sees. Dots: measured aggregate throughput",
    x: { type: "log", label: "batch (concurrent streams) →", grid: true },
    y: { type: "log", label: "↑ tokens per second", grid: true },
    color: { legend: true },
    marks: [
      Plot.line(points, { x: "batch", y: "aggregateTokensPerSecond", stroke: "setup" }),
      Plot.line(points, { x: "batch", y: "perStreamTokensPerSecond", stroke: "setup", strokeDasharray: "4,3" }),
      Plot.dot(measured, { x: "batch", y: "tokensPerSecond", fill: "setup", r: 5 }),
    ],
  };
}
