/** Coverage summary: rows and distinct sources per table, and facts whose only source is an article. */
import { asArray } from "./datapackage";
import type { Data } from "./load";
import { HARDWARE_SPEC_FIELDS, MODEL_SPEC_FIELDS } from "./lookups";
import { TABLE_NAMES, TableName, Tier } from "./types";

export interface TableCoverage {
  table: TableName;
  rows: number;
  distinctSources: number;
  /** Rows whose source is an article. */
  articleRows: number;
}

export interface ArticleOnlyFact {
  table: TableName;
  /** Entity or row key, e.g. "rtx-3090" or "together | meta-llama/Llama-3-70b | ...". */
  key: string;
  field: string;
  value: string;
  sources: string[];
}

export interface Coverage {
  tables: TableCoverage[];
  articleOnly: ArticleOnlyFact[];
}

/** Value columns summarised for row-per-observation tables. */
const VALUE_FIELDS: Partial<Record<TableName, string[]>> = {
  hardware_prices: ["usd_low", "usd_high"],
  model_checkpoints: ["size_gb", "size_gib"],
  benchmarks: ["tokens_per_s", "tokens_per_s_high"],
  api_prices: ["usd_per_mtok_input", "usd_per_mtok_cached_input", "usd_per_mtok_output", "usd_per_mtok_single_rate"],
  cloud_gpu_prices: ["usd_per_gpu_hour", "usd_per_gpu_hour_high"],
  electricity: ["usd_per_kwh"],
  labour: ["loaded_annual_usd_low", "loaded_annual_usd_high"],
};

export function coverage(data: Data): Coverage {
  const tierById = new Map<string, Tier>(data.sources.rows.map((s) => [s.source_id, s.tier]));
  const isArticle = (id: string): boolean => tierById.get(id) === "article";
  const tables: TableCoverage[] = TABLE_NAMES.map((name) => {
    const rows = data[name].rows as unknown as Array<Record<string, unknown>>;
    const ids = rows.map((r) => String(r.source_id));
    return {
      table: name,
      rows: rows.length,
      distinctSources: new Set(ids).size,
      articleRows: name === "sources" ? 0 : ids.filter(isArticle).length,
    };
  });

  const articleOnly: ArticleOnlyFact[] = [];
  const entityFacts = (table: TableName, keyField: string, fields: readonly string[]): void => {
    const rows = data[table].rows as unknown as Array<Record<string, unknown>>;
    const keys = Array.from(new Set(rows.map((r) => String(r[keyField]))));
    for (const key of keys) {
      const mine = rows.filter((r) => r[keyField] === key);
      for (const f of fields) {
        const withValue = mine.filter((r) => r[f] !== null && r[f] !== undefined);
        if (withValue.length > 0 && withValue.every((r) => isArticle(String(r.source_id)))) {
          articleOnly.push({
            table,
            key,
            field: f,
            value: Array.from(new Set(withValue.map((r) => String(r[f])))).join(" / "),
            sources: Array.from(new Set(withValue.map((r) => String(r.source_id)))),
          });
        }
      }
    }
  };
  entityFacts("hardware", "device_id", HARDWARE_SPEC_FIELDS);
  entityFacts("models", "model_id", MODEL_SPEC_FIELDS);

  for (const [table, fields] of Object.entries(VALUE_FIELDS) as Array<[TableName, string[]]>) {
    const resource = data.package.resources.find((r) => r.name === table);
    const pk = asArray(resource?.schema.primaryKey).filter((k) => k !== "source_id");
    for (const row of data[table].rows as unknown as Array<Record<string, unknown>>) {
      if (!isArticle(String(row.source_id))) continue;
      const value = fields
        .filter((f) => row[f] !== null && row[f] !== undefined)
        .map((f) => `${f}=${row[f]}`)
        .join(", ");
      articleOnly.push({
        table,
        key: pk.map((k) => String(row[k])).join(" | "),
        field: fields.filter((f) => row[f] !== null && row[f] !== undefined).join("+"),
        value,
        sources: [String(row.source_id)],
      });
    }
  }
  return { tables, articleOnly };
}

/** Plain-text rendering used by scripts/data-check.ts. */
export function formatCoverage(c: Coverage): string {
  const head = ["table", "rows", "distinct sources", "article rows"];
  const body = c.tables.map((t) => [t.table, String(t.rows), String(t.distinctSources), String(t.articleRows)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const fmt = (r: string[]): string => "| " + r.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |";
  const lines = [fmt(head), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...body.map(fmt)];
  lines.push("", `Facts whose only source is an article (${c.articleOnly.length}):`);
  for (const f of c.articleOnly) {
    lines.push(`  - ${f.table} [${f.key}] ${f.field}: ${f.value} (source: ${f.sources.join(", ")})`);
  }
  return lines.join("\n");
}
