/**
 * Tables for reports, drawn by arquero's toHTML: an article's inputs with their sources, and an
 * article's audit with its verdicts.
 */
import * as aq from "arquero";
import type { Data } from "../data/index";
import type { ArticleCase } from "../articles/index";
import type { AuditResult } from "../audit/index";
import { displayBundle, escapeHtml } from "./display";
import { num } from "./format";

type TableOptions = { caption?: string; format?: Record<string, (v: never) => string> };

/**
 * Rows as an HTML table, drawn by arquero's toHTML. arquero escapes the cells (custom formats
 * included) but writes column names as given, so the names are escaped here first (a test checks
 * both, and fails if arquero starts escaping names itself, which would escape them twice).
 */
export function tableHtml(rows: readonly object[], options: TableOptions = {}): string {
  const t = aq.from(rows as object[]);
  const names = t.columnNames();
  const escaped = t.rename(Object.fromEntries(names.map((n) => [n, escapeHtml(n)])));
  const format = options.format && Object.fromEntries(Object.entries(options.format).map(([n, f]) => [escapeHtml(n), f as (v: unknown) => string]));
  return (options.caption ? `<p class="caption">${escapeHtml(options.caption)}</p>` : "") + escaped.toHTML({ limit: Infinity, format });
}

/** Displays an arquero table (or plain rows) as HTML, with a plain-text stand-in. */
export function showTable(rows: readonly object[], options: TableOptions = {}): void {
  displayBundle({ "text/html": tableHtml(rows, options), "text/plain": aq.from(rows as object[]).toMarkdown({ limit: Infinity }) });
}

/** A source id as a citation: "title (publisher, date)". */
export function cite(data: Data, sourceId: string): string {
  const s = data.sources.rows.find((r) => r.source_id === sourceId);
  return s ? `${s.title} (${s.publisher}, ${s.date_published})` : sourceId;
}

/** Rows of a case's inputs with value, unit, origin and source, for showTable. */
export function inputRows(data: Data, c: ArticleCase): object[] {
  return c.inputs.map((i) => ({
    input: i.name,
    value: num(i.value),
    unit: i.unit,
    origin: i.origin,
    source: i.sourceId,
    "where / how": i.origin === "from data" ? `${i.note} — ${cite(data, i.sourceId)}` : i.note,
  }));
}

/** x to four significant digits, with thousands separators: 1,523,000,000; 0.4362. */
function sig4(x: number): string {
  return (+x.toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 12 });
}

function value(v: AuditResult["recomputed"]): string {
  return v === null ? "" : typeof v === "number" ? sig4(v) : `${sig4(v[0])}–${sig4(v[1])}`;
}

/** Rows of audit results for showTable. */
export function auditRows(results: readonly AuditResult[]): object[] {
  return results.map((r) => ({
    location: r.location,
    claim: r.claim,
    claimed: r.claimed,
    // four significant digits, as text: a number column would be printed with fixed decimals ("1523000000.0000")
    recomputed: value(r.recomputed),
    "with its inputs corrected": value(r.corrected),
    unit: r.unit,
    // an inherited failure names the claim it follows from; the evidence gives the whole chain
    verdict: r.inheritedFrom.length > 0 ? `${r.verdict} (follows from ${r.inheritedFrom[0]})` : r.verdict,
    evidence: r.explanation,
  }));
}
