/**
 * Staleness: flag prices and benchmarks older than a chosen age relative to an explicit
 * "as of" date. Nothing here reads the clock, so results are reproducible.
 */
import { ageInDays } from "./dates";

export interface StaleWarning {
  table: string;
  source_id: string;
  /** The row's own date (partial ISO date). */
  date: string;
  ageDays: number;
  maxAgeDays: number;
  asOf: string;
  message: string;
  row: unknown;
}

export interface StalenessOptions {
  /** Reference date (YYYY, YYYY-MM or YYYY-MM-DD). */
  asOf: string;
  /** Maximum acceptable age in days. */
  maxAgeDays: number;
  /** Column holding the row date; default: the first of date, effective_date, period. */
  dateField?: string;
  /** Table name used in messages. */
  table?: string;
}

const DATE_FIELDS = ["date", "effective_date", "period"];

function rowDate(row: Record<string, unknown>, dateField?: string): string | null {
  const fields = dateField ? [dateField] : DATE_FIELDS;
  for (const f of fields) {
    const v = row[f];
    if (typeof v === "string" && v !== "") return v;
  }
  return null;
}

/** Rows whose date is more than `maxAgeDays` before `asOf` (partial dates count from the period start). */
export function findStale<R extends { source_id: string }>(rows: readonly R[], opts: StalenessOptions): StaleWarning[] {
  const out: StaleWarning[] = [];
  for (const row of rows) {
    const date = rowDate(row as unknown as Record<string, unknown>, opts.dateField);
    if (date === null) continue;
    const age = ageInDays(date, opts.asOf);
    if (age > opts.maxAgeDays) {
      const table = opts.table ?? "rows";
      out.push({
        table,
        source_id: row.source_id,
        date,
        ageDays: age,
        maxAgeDays: opts.maxAgeDays,
        asOf: opts.asOf,
        message: `${table}: value dated ${date} (source ${row.source_id}) is ${age} days old as of ${opts.asOf}, older than ${opts.maxAgeDays} days`,
        row,
      });
    }
  }
  return out;
}

export interface WarnOptions extends StalenessOptions {
  /** Called once per stale row; default console.warn of the message. */
  warn?: (w: StaleWarning) => void;
}

/** Like findStale, but also reports each stale row through `warn`. Returns the warnings. */
export function warnIfOlderThan<R extends { source_id: string }>(rows: readonly R[], opts: WarnOptions): StaleWarning[] {
  const warnings = findStale(rows, opts);
  const warn = opts.warn ?? ((w: StaleWarning) => console.warn(w.message));
  for (const w of warnings) warn(w);
  return warnings;
}
