/**
 * Source references in the claims registry: `table[field=value,field=value]:valueField`, several
 * separated by ";". Each resolves to the values that rows of the data package give, with the
 * source of each row. Rows whose source is an article are left out: an article cannot confirm
 * its own figure, or another article's.
 *
 * @example "benchmarks[model_id=gpt-oss-120b,device_id=dgx-spark,phase=decode,context_depth=0]:tokens_per_s"
 */
import type { SourceValue } from "./verdict";

/** The part of the loaded data the audit reads: rows per table. */
export type AuditTables = Readonly<Record<string, { readonly rows: readonly object[] }>>;

/** A parsed reference. */
export interface SourceRef {
  readonly table: string;
  readonly filters: readonly { readonly field: string; readonly value: string }[];
  readonly field: string;
  /** The reference as written. */
  readonly text: string;
}

const REF = /^([a-z_]+)\[([^\]]*)\]:([a-z0-9_]+)$/;

/** Parses "a[b=c,d=e]:f; …" into references; throws naming the malformed one. */
export function parseRefs(text: string): SourceRef[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const m = REF.exec(s);
      if (!m) throw new SyntaxError(`source reference ${JSON.stringify(s)}: expected table[field=value,…]:field`);
      const filters = m[2]
        .split(",")
        .map((f) => f.trim())
        .filter((f) => f.length > 0)
        .map((f) => {
          const eq = f.indexOf("=");
          if (eq < 1) throw new SyntaxError(`source reference ${JSON.stringify(s)}: filter ${JSON.stringify(f)} must be field=value`);
          return { field: f.slice(0, eq).trim(), value: f.slice(eq + 1).trim() };
        });
      return { table: m[1], filters, field: m[3], text: s };
    });
}

function rowsOf(tables: AuditTables, table: string): readonly Record<string, unknown>[] {
  const t = tables[table];
  if (!t) throw new RangeError(`source reference: unknown table ${JSON.stringify(table)}; tables are ${Object.keys(tables).join(", ")}`);
  return t.rows as readonly Record<string, unknown>[];
}

/** Source ids whose tier is "article". */
export function articleSourceIds(tables: AuditTables): Set<string> {
  return new Set(rowsOf(tables, "sources").filter((r) => r.tier === "article").map((r) => String(r.source_id)));
}

/** The rows a reference's filters match; throws when the table or a field does not exist, or when no row matches (a typo in an id). */
function matchingRows(tables: AuditTables, ref: SourceRef): readonly Record<string, unknown>[] {
  const rows = rowsOf(tables, ref.table);
  if (rows.length > 0) {
    for (const f of [...ref.filters.map((x) => x.field), ref.field]) {
      if (!(f in rows[0])) throw new RangeError(`source reference ${ref.text}: table ${ref.table} has no field ${JSON.stringify(f)}`);
    }
  }
  const matching = rows.filter((r) => ref.filters.every((f) => String(r[f.field]) === f.value));
  if (matching.length === 0) throw new RangeError(`source reference ${ref.text}: no row of ${ref.table} matches`);
  return matching;
}

/**
 * Values a reference resolves to (non-article sources only). Throws when the table or a field
 * does not exist, or when no row matches the filters at all (a typo in an id).
 */
export function resolveRef(tables: AuditTables, ref: SourceRef, articles = articleSourceIds(tables)): SourceValue[] {
  return matchingRows(tables, ref)
    .filter((r) => typeof r[ref.field] === "number" && !articles.has(String(r.source_id)))
    .map((r) => ({ value: r[ref.field] as number, sourceId: String(r.source_id) }));
}

/** A name a source row gives (a memory type, a product name…). */
export interface SourceName {
  readonly name: string;
  readonly sourceId: string;
}

/** Text values a reference resolves to (non-article sources only); same rules as {@link resolveRef}. */
export function resolveNames(tables: AuditTables, ref: SourceRef, articles = articleSourceIds(tables)): SourceName[] {
  return matchingRows(tables, ref)
    .filter((r) => typeof r[ref.field] === "string" && !articles.has(String(r.source_id)))
    .map((r) => ({ name: r[ref.field] as string, sourceId: String(r.source_id) }));
}
