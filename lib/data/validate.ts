/** Validate one CSV resource against its Table Schema, and foreign keys across resources. */
import { compareDates } from "./dates";
import { parseCsv } from "./csv";
import { asArray, DataPackage, DataResource, SchemaField } from "./datapackage";
import { ValidationIssue } from "./errors";

export type Cell = string | number | boolean | null;
export type RawRow = Record<string, Cell>;

export interface TableResult {
  resource: DataResource;
  rows: RawRow[];
  /** lines[i] is the 1-based file line of rows[i]. */
  lines: number[];
  issues: ValidationIssue[];
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_RE = /^[+-]?\d+$/;

function castCell(field: SchemaField, raw: string): { value: Cell; ok: boolean } {
  switch (field.type) {
    case "number":
      return NUMBER_RE.test(raw) ? { value: Number(raw), ok: true } : { value: null, ok: false };
    case "integer":
      return INTEGER_RE.test(raw) ? { value: Number(raw), ok: true } : { value: null, ok: false };
    case "boolean":
      if (raw === "true") return { value: true, ok: true };
      if (raw === "false") return { value: false, ok: true };
      return { value: null, ok: false };
    default:
      return { value: raw, ok: true };
  }
}

export function validateTable(resource: DataResource, text: string): TableResult {
  const file = resource.path;
  const issues: ValidationIssue[] = [];
  const rows: RawRow[] = [];
  const lines: number[] = [];
  const add = (line: number, column: string, rule: ValidationIssue["rule"], value: string, message: string): void => {
    issues.push({ file, line, column, rule, value, message });
  };
  const result: TableResult = { resource, rows, lines, issues };

  if (text.trim() === "") {
    add(1, "", "empty-file", "", "file is empty: expected a header line and rows");
    return result;
  }
  const parsed = parseCsv(text);
  for (const e of parsed.errors) add(e.line, "", "csv-syntax", "", e.message);

  const [headerRecord, ...body] = parsed.records;
  const header = headerRecord.fields;
  const fields = resource.schema.fields;
  const expected = fields.map((f) => f.name);
  const missingCols = expected.filter((n) => !header.includes(n));
  const extraCols = header.filter((n) => !expected.includes(n));
  for (const n of missingCols) add(1, n, "header", "", `column "${n}" declared in the schema is missing from the header`);
  for (const n of extraCols) add(1, n, "header", n, `column "${n}" is not declared in the schema`);
  const dupCols = header.filter((n, i) => header.indexOf(n) !== i);
  for (const n of dupCols) add(1, n, "header", n, `column "${n}" appears more than once in the header`);
  if (missingCols.length > 0 || dupCols.length > 0) return result;

  const missingValues = new Set(resource.schema.missingValues ?? [""]);
  const uniqueSeen = new Map<string, Map<string, number>>();
  const pk = asArray(resource.schema.primaryKey);
  const pkIndex = pk.map((k) => header.indexOf(k));
  const pkSeen = new Map<string, number>();
  // per field, once per table: its column, compiled pattern and enum set (not once per cell)
  const plan = fields.map((field) => {
    const c = field.constraints ?? {};
    return {
      field,
      c,
      index: header.indexOf(field.name),
      pattern: c.pattern ? new RegExp(`^(?:${c.pattern})$`) : null,
      enumValues: c.enum ? new Set(c.enum.map(String)) : null,
    };
  });

  for (const rec of body) {
    if (rec.fields.length !== header.length) {
      add(
        rec.line,
        "",
        "field-count",
        rec.fields.join(","),
        `expected ${header.length} fields but found ${rec.fields.length} (truncated or malformed line)`,
      );
      continue;
    }
    const row: RawRow = {};
    let rowOk = true;
    for (const { field, c, index, pattern, enumValues } of plan) {
      const raw = rec.fields[index];
      if (missingValues.has(raw)) {
        row[field.name] = null;
        if (c.required) {
          add(rec.line, field.name, "required", raw, `required value is missing`);
          rowOk = false;
        }
        continue;
      }
      const { value, ok } = castCell(field, raw);
      if (!ok) {
        add(rec.line, field.name, "type", raw, `not a valid ${field.type}`);
        rowOk = false;
        row[field.name] = null;
        continue;
      }
      if (typeof value === "number" && !Number.isFinite(value)) {
        add(rec.line, field.name, "finite", raw, "overflows: a number must be finite (below about 1.8e308)");
        rowOk = false;
        row[field.name] = null;
        continue;
      }
      row[field.name] = value;
      if (typeof value === "number") {
        if (c.minimum !== undefined && value < c.minimum) {
          add(rec.line, field.name, "minimum", raw, `must be >= ${c.minimum}${field.unit ? " " + field.unit : ""}`);
          rowOk = false;
        }
        if (c.maximum !== undefined && value > c.maximum) {
          add(rec.line, field.name, "maximum", raw, `must be <= ${c.maximum}${field.unit ? " " + field.unit : ""}`);
          rowOk = false;
        }
      }
      if (enumValues && c.enum && !enumValues.has(raw)) {
        add(rec.line, field.name, "enum", raw, `must be one of: ${c.enum.join(", ")}`);
        rowOk = false;
      }
      if (pattern && !pattern.test(raw)) {
        add(rec.line, field.name, "pattern", raw, `does not match the pattern ${c.pattern}`);
        rowOk = false;
      }
      if (c.unique) {
        const seen = uniqueSeen.get(field.name) ?? new Map<string, number>();
        uniqueSeen.set(field.name, seen);
        const first = seen.get(raw);
        if (first !== undefined) {
          add(rec.line, field.name, "unique", raw, `duplicate value (first seen on line ${first})`);
          rowOk = false;
        } else seen.set(raw, rec.line);
      }
    }
    if (pk.length > 0) {
      const key = JSON.stringify(pkIndex.map((i) => rec.fields[i]));
      const first = pkSeen.get(key);
      if (first !== undefined) {
        add(
          rec.line,
          pk.join("+"),
          "primary-key",
          pk.map((k) => rec.fields[header.indexOf(k)]).join(" | "),
          `duplicate primary key (${pk.join(", ")}); first seen on line ${first}`,
        );
        rowOk = false;
      } else pkSeen.set(key, rec.line);
    }
    if (rowOk) {
      rows.push(row);
      lines.push(rec.line);
    }
  }
  return result;
}

/** Check every foreign key: each non-empty referencing value must exist in the referenced resource. */
export function checkForeignKeys(pkg: DataPackage, tables: Map<string, TableResult>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const resource of pkg.resources) {
    const table = tables.get(resource.name);
    if (!table) continue;
    for (const fk of resource.schema.foreignKeys ?? []) {
      const local = asArray(fk.fields);
      const remote = asArray(fk.reference.fields);
      const target = tables.get(fk.reference.resource);
      if (!target) {
        issues.push({
          file: resource.path,
          line: 0,
          column: local.join("+"),
          rule: "foreign-key",
          value: fk.reference.resource,
          message: `foreign key refers to unknown resource "${fk.reference.resource}"`,
        });
        continue;
      }
      // one string per key; a single-field key (every key the package declares) is its value's type and text
      const keyOf = (vals: readonly unknown[]) => (vals.length === 1 ? `${typeof vals[0]}:${String(vals[0])}` : JSON.stringify(vals));
      const known = new Set(target.rows.map((r) => keyOf(remote.map((k) => r[k]))));
      table.rows.forEach((row, i) => {
        const vals = local.map((k) => row[k]);
        if (vals.every((v) => v === null)) return;
        if (!known.has(keyOf(vals))) {
          issues.push({
            file: resource.path,
            line: table.lines[i],
            column: local.join("+"),
            rule: "foreign-key",
            value: vals.map((v) => String(v)).join(" | "),
            message: `no ${fk.reference.resource}.${remote.join("+")} with this value`,
          });
        }
      });
    }
  }
  return issues;
}

/**
 * No row was read after the date the package says its data is as of (datapackage.json
 * "x-data-as-of"): every column named date_accessed is checked, so the "data as of" the reports
 * state is never older than what the data holds. Nothing to check without an as-of date.
 */
export function checkAsOf(pkg: DataPackage, tables: Map<string, TableResult>): ValidationIssue[] {
  const asOf = pkg["x-data-as-of"];
  if (asOf === undefined) return [];
  const issues: ValidationIssue[] = [];
  for (const resource of pkg.resources) {
    const table = tables.get(resource.name);
    if (!table || !resource.schema.fields.some((f) => f.name === "date_accessed")) continue;
    table.rows.forEach((row, i) => {
      const v = row.date_accessed;
      if (typeof v === "string" && compareDates(v, asOf) > 0) {
        issues.push({
          file: resource.path,
          line: table.lines[i],
          column: "date_accessed",
          rule: "as-of",
          value: v,
          message: `read after the data's as-of date ${asOf} (datapackage.json "x-data-as-of"); move that date forward to ${v} or later`,
        });
      }
    });
  }
  return issues;
}
