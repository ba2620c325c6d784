/**
 * loadData: read data/, validate everything against datapackage.json, return typed rows.
 *
 * No arquero tables: the loader used to build one per table, and nothing read them. The look-ups
 * work on the rows (lib/data/lookups.ts says why), and an analysis that wants a table makes it
 * from the rows it selects (`aq.from(rows)`, as lib/analysis/prefill-decode.ts does). So lib/data does
 * not import arquero, which was most of its import time (npm run bench -- data, side by side: 550-620 ms
 * with it, 50-90 ms without).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DataPackage, readDataPackage } from "./datapackage";
import { DataValidationError, ValidationIssue } from "./errors";
import { findStale, StaleWarning } from "./staleness";
import { TableName, TableRows, TABLE_NAMES } from "./types";
import { checkAsOf, checkForeignKeys, TableResult, validateTable } from "./validate";

export interface Dataset<R> {
  name: TableName;
  /** CSV file name relative to the data directory. */
  file: string;
  rows: R[];
  /** lines[i] is the 1-based CSV line of rows[i]. */
  lines: number[];
}

export type Tables = { [K in TableName]: Dataset<TableRows[K]> };

export interface Data extends Tables {
  dir: string;
  package: DataPackage;
  /** Staleness warnings when loadData was given asOf and maxAgeDays (else empty). */
  warnings: StaleWarning[];
}

export interface LoadOptions {
  /** Reference date for staleness checks (YYYY-MM-DD). Never defaults to today. */
  asOf?: string;
  /** With asOf: warn about dated rows (prices, benchmarks, electricity, labour) older than this. */
  maxAgeDays?: number;
  /** Receives each staleness warning; default console.warn. */
  warn?: (w: StaleWarning) => void;
}

/**
 * The repository's data/ directory: the nearest `data/datapackage.json` at or above the working
 * directory (the repository root for scripts and tests, notebooks/ under Jupyter). Found from the
 * working directory rather than this file's URL because tslab compiles lib to CommonJS, where
 * `import.meta` does not exist.
 */
export function defaultDataDir(): string {
  let dir = resolve(process.cwd());
  for (;;) {
    const candidate = join(dir, "data");
    if (existsSync(join(candidate, "datapackage.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no data/datapackage.json at or above ${process.cwd()}`);
    dir = parent;
  }
}

/**
 * Load and validate every table. Throws DataValidationError listing every issue
 * (file, line, column, rule, value) before returning anything.
 */
export function loadData(dir: string = defaultDataDir(), options: LoadOptions = {}): Data {
  const pkg = readDataPackage(dir);
  const issues: ValidationIssue[] = [];
  const results = new Map<string, TableResult>();

  for (const name of TABLE_NAMES) {
    if (!pkg.resources.some((r) => r.name === name)) {
      issues.push({ file: "datapackage.json", line: 0, column: "", rule: "datapackage", value: name, message: `resource "${name}" is not declared` });
    }
  }
  for (const resource of pkg.resources) {
    const file = join(dir, resource.path);
    if (!existsSync(file)) {
      issues.push({ file: resource.path, line: 0, column: "", rule: "missing-file", value: "", message: "file declared in datapackage.json does not exist" });
      continue;
    }
    const result = validateTable(resource, readFileSync(file, "utf8"));
    results.set(resource.name, result);
    issues.push(...result.issues);
  }
  issues.push(...checkForeignKeys(pkg, results), ...checkAsOf(pkg, results));
  if (issues.length > 0) throw new DataValidationError(issues);

  const tables = {} as Record<TableName, Dataset<unknown>>;
  for (const name of TABLE_NAMES) {
    const r = results.get(name) as TableResult;
    tables[name] = { name, file: r.resource.path, rows: r.rows, lines: r.lines };
  }
  const data = { ...(tables as unknown as Tables), dir, package: pkg, warnings: [] as StaleWarning[] } as Data;

  if (options.asOf !== undefined && options.maxAgeDays !== undefined) {
    for (const resource of pkg.resources) {
      const dateField = resource["x-date-field"];
      if (!dateField || !(TABLE_NAMES as string[]).includes(resource.name)) continue;
      const rows = data[resource.name as TableName].rows as Array<{ source_id: string }>;
      data.warnings.push(...findStale(rows, { asOf: options.asOf, maxAgeDays: options.maxAgeDays, dateField, table: resource.name }));
    }
    const warn = options.warn ?? ((w: StaleWarning) => console.warn(w.message));
    data.warnings.forEach(warn);
  }
  return data;
}
