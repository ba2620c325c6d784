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

/** Freshness of one dated table against a reference date. */
export interface TableFreshness {
  table: string;
  /** Column that dates each row (datapackage.json "x-date-field"). */
  dateField: string;
  rows: number;
  /** Newest row date (partial ISO date), or null when the table has no dated row. */
  newestDate: string | null;
  /** Key (primary key without source_id) of the newest row. */
  newestKey: string | null;
  /** Whole days from the newest date to asOf (negative when it lies after asOf, e.g. a forecast). */
  newestAgeDays: number | null;
  /** Rows dated more than maxAgeDays before asOf, oldest first. */
  stale: Array<{ key: string; date: string; ageDays: number; source_id: string }>;
}

export interface FreshnessReport {
  /** Reference date every age is measured against. */
  asOf: string;
  /** Where asOf came from (e.g. 'datapackage.json x-data-as-of' or '--as-of'). */
  asOfFrom: string;
  maxAgeDays: number;
  tables: TableFreshness[];
}

/** The parts of a loaded Data this module reads (kept structural to avoid importing load.ts). */
interface DatedPackage {
  package: {
    resources: Array<{ name: string; "x-date-field"?: string; schema: { primaryKey?: string | string[] } }>;
  };
}

/**
 * Per dated table (every resource with an "x-date-field"): the newest row's date and age, and the rows
 * older than `maxAgeDays` (default 365), all against the explicit `asOf`. Partial dates count from the
 * first day of their period, as in findStale. Nothing here reads the clock.
 */
export function freshness(data: DatedPackage, opts: { asOf: string; asOfFrom?: string; maxAgeDays?: number }): FreshnessReport {
  const maxAgeDays = opts.maxAgeDays ?? 365;
  const tables: TableFreshness[] = [];
  for (const resource of data.package.resources) {
    const dateField = resource["x-date-field"];
    const dataset = (data as unknown as Record<string, { rows?: Array<Record<string, unknown>> } | undefined>)[resource.name];
    if (!dateField || !dataset || !Array.isArray(dataset.rows)) continue;
    const pk = resource.schema.primaryKey === undefined ? [] : Array.isArray(resource.schema.primaryKey) ? resource.schema.primaryKey : [resource.schema.primaryKey];
    const keyFields = pk.filter((k) => k !== "source_id");
    const keyOf = (row: Record<string, unknown>): string => keyFields.map((k) => String(row[k])).join(" | ");
    let newest: { date: string; age: number; row: Record<string, unknown> } | null = null;
    const stale: TableFreshness["stale"] = [];
    for (const row of dataset.rows) {
      const date = row[dateField];
      if (typeof date !== "string" || date === "") continue;
      const age = ageInDays(date, opts.asOf);
      if (newest === null || age < newest.age) newest = { date, age, row };
      if (age > maxAgeDays) stale.push({ key: keyOf(row), date, ageDays: age, source_id: String(row.source_id) });
    }
    stale.sort((a, b) => b.ageDays - a.ageDays || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    tables.push({
      table: resource.name,
      dateField,
      rows: dataset.rows.length,
      newestDate: newest?.date ?? null,
      newestKey: newest ? keyOf(newest.row) : null,
      newestAgeDays: newest?.age ?? null,
      stale,
    });
  }
  return { asOf: opts.asOf, asOfFrom: opts.asOfFrom ?? "given", maxAgeDays, tables };
}

/** Plain-text rendering used by scripts/data-check.ts; lists at most `examples` stale keys per table. */
export function formatFreshness(f: FreshnessReport, examples = 3): string {
  const age = (d: number | null): string => (d === null ? "-" : d < 0 ? `${-d} days after` : `${d} days`);
  const head = ["table", "dated by", "rows", "newest row", "its age", `older than ${f.maxAgeDays} days`];
  const body = f.tables.map((t) => [
    t.table,
    t.dateField,
    String(t.rows),
    t.newestDate === null ? "-" : `${t.newestDate} (${t.newestKey})`,
    age(t.newestAgeDays),
    `${t.stale.length} of ${t.rows}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const fmt = (r: string[]): string => "| " + r.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |";
  const lines = [
    `Freshness as of ${f.asOf} (${f.asOfFrom}; ages in days from the first day of a partial date):`,
    "",
    fmt(head),
    "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|",
    ...body.map(fmt),
  ];
  const withStale = f.tables.filter((t) => t.stale.length > 0);
  if (withStale.length > 0) {
    lines.push("", `Rows older than ${f.maxAgeDays} days (oldest first):`);
    for (const t of withStale) {
      const shown = t.stale.slice(0, examples).map((s) => (s.key.split(" | ").includes(s.date) ? s.key : `${s.key} (${s.date})`));
      const more = t.stale.length > examples ? `, and ${t.stale.length - examples} more` : "";
      lines.push(`  - ${t.table}: ${t.stale.length} — ${shown.join(", ")}${more}`);
    }
  }
  return lines.join("\n");
}
