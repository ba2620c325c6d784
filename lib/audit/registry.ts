/**
 * The claims registry: data/claims/<article>.csv (one resource per article, named
 * "claims-<article>") and data/claims/<article>.not-claims.csv ("not-claims-<article>"), declared in
 * data/datapackage.json and validated by the same Table Schema code as every dataset.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataValidationError, defaultDataDir, readDataPackage, validateTable, type ValidationIssue } from "../data/index";
import type { ClaimRow, NotClaimRow } from "./types";

/** The registry with where each claim is written. */
export interface Registry {
  readonly claims: ClaimRow[];
  readonly notClaims: NotClaimRow[];
  /** claim_id → "claims/<article>.csv line N", for error messages. */
  readonly where: Map<string, string>;
}

/** Resource name prefix of per-article claim files (data/claims/<article>.csv). */
export const CLAIMS_PREFIX = "claims-";
/** Resource name prefix of per-article not-a-claim files (data/claims/<article>.not-claims.csv). */
export const NOT_CLAIMS_PREFIX = "not-claims-";

/** Loads and validates the registry; throws DataValidationError naming file, line, column, rule. */
export function loadRegistry(dir: string = defaultDataDir()): Registry {
  const pkg = readDataPackage(dir);
  const issues: ValidationIssue[] = [];
  const claims: ClaimRow[] = [];
  const notClaims: NotClaimRow[] = [];
  const where = new Map<string, string>();
  for (const resource of pkg.resources) {
    const isClaims = resource.name.startsWith(CLAIMS_PREFIX);
    if (!isClaims && !resource.name.startsWith(NOT_CLAIMS_PREFIX)) continue;
    const result = validateTable(resource, readFileSync(join(dir, resource.path), "utf8"));
    issues.push(...result.issues);
    result.rows.forEach((row, i) => {
      if (isClaims) {
        const c = row as unknown as ClaimRow;
        claims.push({ ...c, unit: c.unit ?? "" });
        where.set(c.claim_id, `${resource.path} line ${result.lines[i]}`);
      } else notClaims.push(row as unknown as NotClaimRow);
    });
  }
  if (issues.length > 0) throw new DataValidationError(issues);
  return { claims, notClaims, where };
}
