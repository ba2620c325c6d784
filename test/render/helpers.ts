/** Shared paths and helpers of the renderer's tests. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative, resolve } from "path";
import { fileURLToPath } from "url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");
export const NOTEBOOKS = join(ROOT, "notebooks");
export const REPORTS = join(ROOT, "reports");

/** A new empty folder under the system's temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** Relative path -> bytes of every file under `dir`. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/**
 * Whether a system tool needed by a test is missing and the test may be skipped:
 * only outside CI. With CI set, a missing tool fails the test instead.
 */
export function skipWithout(path: string, what: string): boolean {
  if (existsSync(path)) return false;
  if (process.env.CI) return false;
  console.warn(`SKIPPED: ${what} needs ${path}; install it with: sudo bash scripts/setup-system.sh`);
  return true;
}
