/**
 * Every API price against the self-hosted cost: one tick per offer on a log scale of USD per
 * million tokens, one row per group of offers (the hand-cited rows, the hosts of the model you
 * self-host, the whole price catalog), and a rule at the self-hosted cost. An offer left of the
 * rule is cheaper than self-hosting.
 */
import * as Plot from "@observablehq/plot";
import type { PlotSvgOptions } from "./plot";

/** One offer of a group, USD per million tokens blended at the reader's ratio. */
export interface PricedOffer {
  readonly group: string;
  readonly usdPerMTok: number;
}

/**
 * Plot options for the offers' prices against a self-hosted cost per million tokens (and, when
 * given, the low and high ends of an estimated cost, shaded). Offers at 0 USD are left out of the
 * log scale and counted in the subtitle.
 */
export function apiPriceChart(
  offers: readonly PricedOffer[],
  selfHost: { readonly usdPerMTok: number; readonly low?: number; readonly high?: number; readonly label: string },
  options: { readonly title: string; readonly format?: (x: number) => string },
): PlotSvgOptions {
  const groups = [...new Set(offers.map((o) => o.group))];
  const priced = offers.filter((o) => o.usdPerMTok > 0);
  const free = offers.length - priced.length;
  const band = selfHost.low !== undefined && selfHost.high !== undefined && selfHost.low < selfHost.high ? [{ low: selfHost.low, high: selfHost.high }] : [];
  return {
    title: options.title,
    subtitle: free > 0 ? `${free} offer${free > 1 ? "s" : ""} priced at $0 left out of the log scale` : undefined,
    marginLeft: 170,
    height: 50 + 36 * groups.length,
    x: { type: "log", label: "USD per million tokens, blended →", grid: true, tickFormat: (d: number) => (Math.abs(Math.log10(d) % 1) < 1e-9 ? (options.format ?? String)(d) : "") },
    y: { label: null, domain: groups },
    marks: [
      Plot.rectX(band, { x1: "low", x2: "high", fill: "#d62728", fillOpacity: 0.12 }),
      Plot.tickX(priced, { x: "usdPerMTok", y: "group", stroke: "#1f77b4", strokeOpacity: 0.5 }),
      Plot.ruleX([selfHost.usdPerMTok], { stroke: "#d62728", strokeWidth: 2 }),
      Plot.text([selfHost.usdPerMTok], { x: (d: number) => d, text: () => selfHost.label, frameAnchor: "top", dy: -4, dx: 4, textAnchor: "start", fill: "#d62728" }),
    ],
  };
}
