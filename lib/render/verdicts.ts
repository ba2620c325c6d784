/**
 * The audit's verdict counts per article, for the index page, from an optional provider.
 *
 * The audit module (lib/audit/index.ts) is looked up at render time: when it exists and
 * exports `verdictCounts()`, the index shows a table of its counts; when it does not
 * exist, the index leaves the section out.
 */
import { existsSync } from "fs";
import { createRequire } from "module";
import { join } from "path";
import { pathToFileURL } from "url";

/** Article -> verdict -> number of claims with that verdict. */
export interface VerdictCounts {
  [article: string]: { [verdict: string]: number };
}

/** Computes the counts; may be async. */
export type VerdictProvider = () => VerdictCounts | Promise<VerdictCounts>;

/** The module path the renderer looks for, relative to the project root. */
export const AUDIT_MODULE = "lib/audit/index.ts";

/**
 * The verdict counts provider of lib/audit/index.ts, or undefined when the module is
 * absent. The module may export `verdictCounts()` taking no argument, or
 * `auditArticles({ dir })` returning `{ counts }` (called with ROOT/data). A module that
 * exports neither is an error: a rename should not silently remove the section.
 */
export async function findVerdictProvider(root: string): Promise<VerdictProvider | undefined> {
  const path = join(root, AUDIT_MODULE);
  if (!existsSync(path)) return undefined;
  // With a TypeScript require hook installed (tsx's, as `npm run reports` runs), the audit is
  // required: its packages then load as CommonJS, on this thread, at less than half the CPU
  // time that loading them as ES modules through tsx's loader thread takes (mathjs above all).
  const require = createRequire(import.meta.url);
  const module = (".ts" in require.extensions ? require(path) : await import(pathToFileURL(path).href)) as { verdictCounts?: unknown; auditArticles?: unknown };
  if (typeof module.verdictCounts === "function" && module.verdictCounts.length === 0) {
    return module.verdictCounts as VerdictProvider;
  }
  if (typeof module.auditArticles === "function") {
    const auditArticles = module.auditArticles as (o: { dir: string }) => { counts: VerdictCounts };
    return () => auditArticles({ dir: join(root, "data") }).counts;
  }
  throw new Error(`${AUDIT_MODULE} exports neither verdictCounts() nor auditArticles({ dir }) returning { counts }`);
}

/**
 * Accepts the counts as an object (article -> verdict -> n), a Map of the same, or an
 * array of `{ article, counts }`, and returns a plain object.
 */
export function normalizeVerdictCounts(value: unknown): VerdictCounts {
  const out: VerdictCounts = {};
  const add = (article: unknown, counts: unknown) => {
    const entries = counts instanceof Map ? [...counts] : Object.entries((counts ?? {}) as object);
    const row: { [verdict: string]: number } = {};
    for (const [verdict, n] of entries) {
      if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`verdictCounts(): count of "${verdict}" for "${article}" is not a number`);
      row[String(verdict)] = n;
    }
    out[String(article)] = row;
  };
  if (Array.isArray(value)) for (const item of value) add((item as { article: unknown }).article, (item as { counts: unknown }).counts);
  else if (value instanceof Map) for (const [article, counts] of value) add(article, counts);
  else if (value && typeof value === "object") for (const [article, counts] of Object.entries(value)) add(article, counts);
  else throw new Error("verdictCounts() returned neither an object, a Map nor an array");
  return out;
}
