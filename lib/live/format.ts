import { escapeHtml } from "../report/escape";
/**
 * Number and HTML formatting for the explorer, the same on the server and in the browser
 * (en-US, independent of the machine's locale). Pure.
 */

/**
 * A number as headlines show it: no decimals from 100 up, up to two from 1 up, three
 * significant digits below 1. @example formatNumber(1234.5) // "1,235"
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const f = formats();
  if (magnitude >= 100) return f.whole.format(value);
  if (magnitude >= 1 || magnitude === 0) return f.cents.format(value);
  return f.small.format(value);
}

/** Formatters made once (as toLocaleString would make one per call, which costs ~0.1 ms each). */
let cached: { whole: Intl.NumberFormat; cents: Intl.NumberFormat; small: Intl.NumberFormat } | undefined;
function formats(): NonNullable<typeof cached> {
  cached ??= {
    whole: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
    cents: new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }),
    small: new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 }),
  };
  return cached;
}

/** @example formatUsd(97.222) // "$97.22" */
export function formatUsd(value: number): string {
  return `${value < 0 ? "−" : ""}$${formatNumber(Math.abs(value))}`;
}

/** A price per million tokens; null (no tokens generated) reads "no tokens". */
export function formatUsdPerMTok(value: number | null): string {
  return value === null ? "no tokens" : `${formatUsd(value)}/Mtok`;
}

/** A fraction as a percentage. @example formatPercent(0.066) // "6.6%" */
export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100)}%`;
}

/** A value followed by its unit: "100%", "36 months", "3" (no unit). */
export function withUnit(text: string, unit: string): string {
  return unit === "" ? text : unit === "%" ? `${text}%` : `${text} ${unit}`;
}

/** Rounds away floating-point noise (0.1 × 3 → 0.3) for display and slider bounds. */
export function round12(value: number): number {
  return Number(value.toPrecision(12));
}

/** The text a number field shows for a model value: six significant digits at most. */
export function fieldText(value: number, scale = 1): string {
  if (!Number.isFinite(value)) return "";
  return String(Number((value * scale).toPrecision(6)));
}

/** The project's one HTML escaper (lib/report/escape.ts). */
export { escapeHtml };

/** JSON safe inside a <script> element (no "</script", no "<!--"). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
