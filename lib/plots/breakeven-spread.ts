/**
 * The five articles' break-evens on one log scale: as the article states it, as lib recomputes
 * it from the article's inputs, and on the common basis.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";
import { fmtTokens } from "../models/index";

/** One article's break-evens, tokens per month (null: none stated, or never). */
export interface SpreadRow {
  readonly article: string;
  readonly claimed: number | null;
  readonly asPublished: number | null;
  readonly commonBasis: number | null;
}

/** Plot options for the spread chart. */
export function breakEvenSpreadChart(rows: readonly SpreadRow[]): PlotSvgOptions {
  const points = rows.flatMap((r) =>
    (
      [
        ["article states", r.claimed],
        ["recomputed from its inputs", r.asPublished],
        ["on the common basis", r.commonBasis],
      ] as const
    )
      .filter(([, v]) => v !== null)
      .map(([kind, v]) => ({ article: r.article, kind, tokens: v as number })),
  );
  return {
    title: "Break-even volume, tokens per month (log scale)",
    marginLeft: 120,
    height: 60 + rows.length * 40,
    marginRight: 30,
    x: { type: "log", label: "tokens per month →", grid: true, tickFormat: (d: number) => (Math.log10(d) % 1 === 0 ? fmtTokens(d) : "") },
    y: { label: null, domain: rows.map((r) => r.article) },
    color: { legend: true, domain: ["article states", "recomputed from its inputs", "on the common basis"], range: ["#999", "#1f77b4", "#d62728"] },
    symbol: { domain: ["article states", "recomputed from its inputs", "on the common basis"], range: ["circle", "diamond", "square"] },
    marks: [
      Plot.ruleY(rows.map((r) => r.article), { stroke: "#eee" }),
      Plot.dot(points, { x: "tokens", y: "article", stroke: "kind", symbol: "kind", r: (d: { kind: string }) => (d.kind === "article states" ? 10 : 6), strokeWidth: 2 }),
    ],
  };
}

/** A group's share of the spread. */
export interface ShareRow {
  readonly label: string;
  readonly share: number;
}

/** Bar chart of how much of the spread each assumption explains (the rest is the hardware). */
export function spreadSharesChart(shares: readonly ShareRow[], residualShare: number): PlotSvgOptions {
  const rows = [...shares.map((s) => ({ label: s.label, share: s.share })), { label: "Hardware and speed (left after harmonizing)", share: residualShare }];
  return {
    title: "Share of the spread in log break-even explained by each assumption",
    marginLeft: 260,
    marginRight: 50,
    height: 40 + rows.length * 32,
    x: { label: "share of variance →", tickFormat: "%", grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [Plot.barX(rows, { x: "share", y: "label", fill: "#1f77b4" }), Plot.text(rows, { x: "share", y: "label", text: (d: { share: number }) => `${(d.share * 100).toFixed(0)}%`, dx: 16 }), Plot.ruleX([0])],
  };
}
