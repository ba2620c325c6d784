/// <reference lib="dom" />
/**
 * Observable Plot charts rendered to inline SVG on the server.
 *
 * Plot needs a DOM; this module keeps one jsdom document to itself, so that a
 * notebook (in Jupyter with tslab or in the renderer) and a test only pass Plot
 * options and get back SVG markup. The markup is deterministic: Plot's generated
 * ids are renumbered (see stable-ids.ts), and its fixed class name is kept.
 */
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import { displayBundle } from "../report/display";
import { stableIds } from "./stable-ids";

/** Plot's options, less `document`, which this module provides. */
export type PlotSvgOptions = Omit<Plot.PlotOptions, "document">;

let serverDocument: Document | undefined;

/** The jsdom document all charts are drawn in (created on first use). */
function chartDocument(): Document {
  if (serverDocument === undefined) {
    serverDocument = new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document;
  }
  return serverDocument;
}

/**
 * Renders a Plot chart to its SVG markup (a `<figure>` when the chart has a title,
 * subtitle, caption or legend).
 *
 * @example plotSvg({ marks: [Plot.barY([{ x: "a", y: 1 }], { x: "x", y: "y" })] })
 */
export function plotSvg(options: PlotSvgOptions): string {
  const chart = Plot.plot({ ...options, document: chartDocument() });
  return stableIds(chart.outerHTML);
}

/**
 * Renders a Plot chart and shows it in the notebook as inline HTML (with a short
 * text/plain stand-in for consoles). Returns nothing, so that a call ending a cell
 * does not also print the markup (use plotSvg for the markup).
 *
 * @example showPlot({ title: "Cost per token", marks: [Plot.lineY(rows, { x: "batch", y: "usd" })] })
 */
export function showPlot(options: PlotSvgOptions): void {
  const svg = plotSvg(options);
  const title = typeof options.title === "string" ? `: ${options.title}` : "";
  displayBundle({ "text/plain": `[chart${title}]`, "text/html": svg });
}
