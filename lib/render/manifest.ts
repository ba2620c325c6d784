/**
 * reports/manifest.json: for each report, the hash of its inputs and of its page, and
 * what the index shows (title, finding, headline numbers, overridden parameters).
 * Written with sorted keys and no times, so that it is as reproducible as the pages.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";
import type { HeadlineRecord } from "../report/headline";
import type { Override } from "./params";
import type { VerdictCounts } from "./verdicts";

export interface ManifestEntry {
  /** The notebook, relative to the project root. */
  notebook: string;
  /** The page, relative to the output folder. */
  file: string;
  /** sha256 of the inputs the page was rendered from (see hash.ts). */
  inputs: string;
  /** sha256 of the page as written. */
  output: string;
  title: string;
  finding?: string;
  headlines: HeadlineRecord[];
  overrides: Override[];
}

export interface Manifest {
  /** The renderer's format version (hash.ts RENDERER_VERSION). */
  renderer: string;
  /** Report name -> entry. */
  reports: { [name: string]: ManifestEntry };
  /** The index page: hash of what it was built from, and of the page. */
  index?: { inputs: string; output: string };
  /** The audit's verdict counts shown on the index, and the shared-inputs digest they were computed from. */
  verdicts?: { inputs: string; counts: VerdictCounts };
}

/** Reads a manifest, or returns an empty one when it is missing or unreadable. */
export function readManifest(path: string, renderer: string): Manifest {
  if (existsSync(path)) {
    try {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
      if (manifest && typeof manifest.reports === "object") return manifest;
    } catch {
      // A broken manifest only costs a re-render.
    }
  }
  return { renderer, reports: {} };
}

/** JSON with object keys sorted at every level, two-space indented, newline-terminated. */
export function stableStringify(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const item = (v as Record<string, unknown>)[key];
        if (item !== undefined) out[key] = sort(item);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + "\n";
}

/**
 * Writes a file all at once: to a temporary name beside it, then renamed over it, so a
 * reader (or a crash) never sees half a file.
 */
export function writeFileAtomic(path: string, content: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Writes the manifest (atomically) unless it is already byte-identical. */
export function writeManifest(path: string, manifest: Manifest): boolean {
  const text = stableStringify(manifest);
  if (existsSync(path) && readFileSync(path, "utf8") === text) return false;
  writeFileAtomic(path, text);
  return true;
}
