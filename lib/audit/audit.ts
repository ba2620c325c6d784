/**
 * The whole audit in one call, for notebooks, reports and the CLI.
 */
import { loadData, defaultDataDir, type Data } from "../data/index";
import { loadRegistry } from "./registry";
import { runAudit, verdictCounts } from "./run";
import type { AuditResult } from "./types";

/** Audit results of every article (or one), with verdict counts. */
export interface AuditReport {
  readonly results: AuditResult[];
  /** article → verdict → count, plus "all". */
  readonly counts: Record<string, Record<string, number>>;
}

/** Loads data and registry from `dir` (default data/), runs every claim, optionally of one article only. */
export function auditArticles(options: { dir?: string; article?: string; data?: Data } = {}): AuditReport {
  const dir = options.dir ?? defaultDataDir();
  const data = options.data ?? loadData(dir);
  const registry = loadRegistry(dir);
  const all = runAudit(registry.claims, data, registry.where);
  const results = options.article ? all.filter((r) => r.article === options.article) : all;
  return { results, counts: verdictCounts(results) };
}
