/**
 * Headline numbers and the one-line finding of a report.
 *
 * A notebook calls `headline(...)` for each number a reader should take away and
 * `finding(...)` once for its conclusion. Each shows a line in the notebook (Jupyter
 * or the rendered page) and carries a JSON copy under a custom MIME type, which the
 * renderer (lib/render) collects for reports/index.html and reports/manifest.json.
 */
import { displayBundle, escapeHtml } from "./display";
import { FINDING_MIME, HEADLINE_MIME } from "./mime";

export { FINDING_MIME, HEADLINE_MIME };

/** One number a reader should take away from a report. */
export interface Headline {
  /** What the number measures, e.g. "Break-even utilisation". */
  label: string;
  /** The number (formatted with `digits`) or a ready-made string. */
  value: number | string;
  /** Unit shown after the value, e.g. "USD/MTok" or "%". Default: none. */
  unit?: string;
  /** Where the number comes from: a data source id, a model, a section. Default: none. */
  source?: string;
  /** Digits after the decimal point for a numeric value. Default: by magnitude (see formatValue). */
  digits?: number;
  /** A warning the number must not be read without, e.g. that an input fails the audit. Shown beside it, here and in the index. */
  caveat?: string;
  /** The low and high ends of a numeric value that is an estimate (e.g. from an estimated speed), formatted like it: "6.55 (range 6.47–6.78)". */
  range?: readonly [number, number];
}

/** A headline as collected by the renderer: the value already formatted. */
export interface HeadlineRecord {
  label: string;
  /** The formatted value, e.g. "1,250" or "0.0312". */
  value: string;
  /** The raw number, when the value was numeric. */
  number?: number;
  /** The range of an estimated numeric value, low and high. */
  range?: [number, number];
  unit?: string;
  source?: string;
  caveat?: string;
}

/** The one-line conclusion of a report. */
export interface FindingRecord {
  text: string;
}

/**
 * Formats a number for a headline in en-US style, independent of the machine's locale.
 * Without `digits`: no decimals from 100 up, two from 1 up, three significant below 1.
 *
 * @example formatValue(1234.5) // "1,235";  formatValue(0.012345) // "0.0123"
 */
export function formatValue(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (digits !== undefined) {
    return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (magnitude >= 1 || magnitude === 0) return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return value.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}

/** Builds the record a headline is collected as. */
export function headlineRecord(h: Headline): HeadlineRecord {
  const record: HeadlineRecord = {
    label: h.label,
    value: typeof h.value === "number" ? formatValue(h.value, h.digits) : h.value,
  };
  if (typeof h.value === "number") record.number = h.value;
  if (typeof h.value === "number" && h.range !== undefined && h.range[0] !== h.range[1]) {
    record.range = [h.range[0], h.range[1]];
    record.value += ` (range ${formatValue(h.range[0], h.digits)}–${formatValue(h.range[1], h.digits)})`;
  }
  if (h.unit) record.unit = h.unit;
  if (h.source) record.source = h.source;
  if (h.caveat) record.caveat = h.caveat;
  return record;
}

/** The plain-text line of a headline, e.g. "Break-even utilisation: 41 % (source: cost model)". */
export function headlineText(r: HeadlineRecord): string {
  const unit = r.unit ? ` ${r.unit}` : "";
  const source = r.source ? ` (source: ${r.source})` : "";
  const caveat = r.caveat ? ` [caution: ${r.caveat}]` : "";
  return `${r.label}: ${r.value}${unit}${source}${caveat}`;
}

/** The HTML line of a headline. */
export function headlineHtml(r: HeadlineRecord): string {
  const unit = r.unit ? ` <span class="unit">${escapeHtml(r.unit)}</span>` : "";
  const source = r.source ? ` <span class="source">source: ${escapeHtml(r.source)}</span>` : "";
  return (
    `<p class="headline"><span class="label">${escapeHtml(r.label)}</span> ` +
    `<strong class="value">${escapeHtml(r.value)}</strong>${unit}${source}` +
    (r.caveat ? ` <span class="caveat">⚠ ${escapeHtml(r.caveat)}</span>` : "") +
    `</p>`
  );
}

/**
 * Shows a headline number and marks it for the report index. Returns nothing, so
 * that a call ending a cell prints nothing more (use headlineRecord for the record).
 *
 * @example headline({ label: "Cost per million tokens", value: 0.42, unit: "USD/MTok", source: "lib/models/cost" })
 */
export function headline(h: Headline): void {
  const record = headlineRecord(h);
  displayBundle({
    "text/plain": headlineText(record),
    "text/html": headlineHtml(record),
    [HEADLINE_MIME]: JSON.stringify(record),
  });
}

/**
 * Shows the report's one-line finding and marks it for the report index.
 * Call it once per notebook; the last call wins.
 *
 * @example finding("Self-hosting beats the API only above 40% utilisation.")
 */
export function finding(text: string): void {
  const record: FindingRecord = { text };
  displayBundle({
    "text/plain": `Finding: ${text}`,
    "text/html": `<p class="finding"><strong>Finding:</strong> ${escapeHtml(text)}</p>`,
    [FINDING_MIME]: JSON.stringify(record),
  });
}
