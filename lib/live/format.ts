/**
 * The explorer's formatting, the same on the server and in the browser (en-US, independent of
 * the machine's locale). Pure. Numbers follow the reports' rules: this module takes them from
 * lib/report/format.ts (usd, usdPerMTok, pct, num) and adds only what is the explorer's own
 * (a cost that is no number, the text of a number field, units, script-safe JSON).
 */
import { escapeHtml } from "../report/escape";
import { usdPerMTok } from "../report/format";

export { num, pct, usd, usdPerMTok } from "../report/format";

/** A price per million tokens; null (no tokens generated) reads "no tokens". */
export function formatUsdPerMTok(value: number | null): string {
  return value === null ? "no tokens" : usdPerMTok(value);
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
