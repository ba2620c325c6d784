/** Types of render-stamp.mjs (plain JavaScript, loaded before any TypeScript loader). */
export interface Stamp {
  /** [absolute path, "kind size mtimeNs" or "missing"] */
  entries: [string, string][];
  /** The line the launcher prints when it finds nothing changed. */
  summary: string;
}
export function stampPath(cacheDir: string, cwd: string, argv: readonly string[]): string;
export function snapshot(paths: readonly string[]): [string, string][];
export function newestMs(entries: readonly [string, string][]): number;
export function writeStamp(path: string, stamp: Stamp): void;
export function readValidStamp(path: string): Stamp | undefined;
