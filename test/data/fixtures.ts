/** Helpers that build throw-away data directories for validation tests. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDataDir, DataPackage, DataValidationError, loadData, TableName, TABLE_NAMES, ValidationIssue } from "../../lib/data/index";

export const REAL_DIR = defaultDataDir();
const pkg = JSON.parse(readFileSync(join(REAL_DIR, "datapackage.json"), "utf8")) as DataPackage;

export function headerOf(table: TableName): string {
  const r = pkg.resources.find((x) => x.name === table);
  if (!r) throw new Error(`no resource ${table}`);
  return r.schema.fields.map((f) => f.name).join(",");
}

/** One valid source row, so fixtures can reference "src-a". */
export const SOURCES_CSV =
  headerOf("sources") +
  "\n" +
  "src-a,Spec page,Vendor,unknown,2025-01,https://example.com/a,2026-11-23,unknown,primary,test source,\n" +
  "art-b,An article,Blog,unknown,2026,seed:x.txt,2026-11-23,all rights reserved,article,test article,\n";

const made: string[] = [];

/** The real datapackage.json without the claims registry's resources (the audit's, not the datasets'). */
function writeTablesPackage(dir: string): void {
  const tablesOnly = { ...pkg, resources: pkg.resources.filter((r) => (TABLE_NAMES as string[]).includes(r.name)) };
  writeFileSync(join(dir, "datapackage.json"), JSON.stringify(tablesOnly, null, 2));
}

/**
 * A temp data dir holding a copy of the real datapackage.json, the two-row sources table above,
 * every other table as a header-only CSV, and the given overrides (file contents by table).
 */
export function fixtureDir(overrides: Partial<Record<TableName, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "llm-breakeven-data-"));
  made.push(dir);
  mkdirSync(dir, { recursive: true });
  writeTablesPackage(dir);
  for (const t of TABLE_NAMES) {
    const content = overrides[t] ?? (t === "sources" ? SOURCES_CSV : headerOf(t) + "\n");
    writeFileSync(join(dir, `${t}.csv`), content);
  }
  return dir;
}

/** A temp copy of the real data directory, with some files replaced. */
export function copyOfRealData(overrides: Partial<Record<TableName, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "llm-breakeven-real-"));
  made.push(dir);
  writeTablesPackage(dir);
  for (const t of TABLE_NAMES) {
    const content = overrides[t] ?? readFileSync(join(REAL_DIR, `${t}.csv`), "utf8");
    writeFileSync(join(dir, `${t}.csv`), content);
  }
  return dir;
}

export function cleanupFixtures(): void {
  while (made.length > 0) rmSync(made.pop() as string, { recursive: true, force: true });
}

/** Run loadData and return the issues it throws (fails if it does not throw a DataValidationError). */
export function issuesOf(dir: string): ValidationIssue[] {
  try {
    loadData(dir);
  } catch (e) {
    if (e instanceof DataValidationError) return e.issues;
    throw e;
  }
  throw new Error("expected loadData to throw a DataValidationError");
}
