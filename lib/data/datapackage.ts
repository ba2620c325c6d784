/** Types for the parts of a Frictionless Data Package this project uses, and a reader. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DataValidationError } from "./errors";

export type FieldType = "string" | "number" | "integer" | "boolean";

export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: Array<string | number>;
  pattern?: string;
}

export interface SchemaField {
  name: string;
  type: FieldType;
  format?: string;
  description?: string;
  /** Custom property: the unit of a numeric field. */
  unit?: string;
  constraints?: FieldConstraints;
}

export interface ForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

export interface TableSchema {
  fields: SchemaField[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKey[];
  missingValues?: string[];
}

export interface DataResource {
  name: string;
  path: string;
  title?: string;
  description?: string;
  /** Custom property: the column that dates each row (used for staleness checks). */
  "x-date-field"?: string;
  schema: TableSchema;
}

export interface DataPackage {
  name: string;
  title?: string;
  version?: string;
  licenses?: Array<{ name: string; path?: string; title?: string }>;
  "x-data-as-of"?: string;
  resources: DataResource[];
}

export const DATAPACKAGE_FILE = "datapackage.json";

export function asArray(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

const FIELD_TYPES: FieldType[] = ["string", "number", "integer", "boolean"];

/** Read and sanity-check datapackage.json; throws DataValidationError on a malformed descriptor. */
export function readDataPackage(dir: string): DataPackage {
  const file = join(dir, DATAPACKAGE_FILE);
  const fail = (message: string, value = ""): never => {
    throw new DataValidationError([{ file: DATAPACKAGE_FILE, line: 0, column: "", rule: "datapackage", value, message }]);
  };
  if (!existsSync(file)) fail(`no ${DATAPACKAGE_FILE} in ${dir}`);
  let pkg: DataPackage;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8")) as DataPackage;
  } catch (e) {
    return fail(`invalid JSON: ${(e as Error).message}`);
  }
  if (!pkg || !Array.isArray(pkg.resources)) fail("descriptor has no resources array");
  for (const r of pkg.resources) {
    if (!r.name || !r.path || !r.schema || !Array.isArray(r.schema.fields)) {
      fail("every resource needs name, path and schema.fields", r && r.name ? r.name : "");
    }
    for (const f of r.schema.fields) {
      if (!FIELD_TYPES.includes(f.type)) fail(`resource ${r.name}: field ${f.name} has unsupported type`, String(f.type));
    }
  }
  return pkg;
}
