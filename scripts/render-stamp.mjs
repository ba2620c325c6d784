// The render's stamp: what `npm run reports` (scripts/reports.mjs) reads to tell, without
// starting TypeScript, that nothing has changed since the last successful render with the
// same arguments, as `make` does: the size and modification time of every file and folder
// that render read (notebooks, lib/, data/, package-lock.json, the renderer's scripts) and
// wrote (the pages, the index, the manifest). Any difference, a file added to a folder or
// removed from it included, and the render runs as usual, hashing contents.
//
// Plain JavaScript, so that the launcher can load it before any TypeScript loader.
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const FORMAT = 1;

/**
 * Where the stamp of a render with these arguments, from this folder, is kept.
 * @param {string} cacheDir
 * @param {string} cwd
 * @param {readonly string[]} argv
 */
export function stampPath(cacheDir, cwd, argv) {
  const key = createHash("sha256").update(JSON.stringify([FORMAT, cwd, argv])).digest("hex");
  return join(cacheDir, "stamps", `${key}.json`);
}

/**
 * Size, modification time and kind of each path (absolute); a missing path is recorded as such.
 * @param {readonly string[]} paths
 * @returns {[string, string][]}
 */
export function snapshot(paths) {
  return paths.map((path) => [path, describe(path)]);
}

/** @param {string} path */
function describe(path) {
  try {
    const s = lstatSync(path, { bigint: true });
    const kind = s.isSymbolicLink() ? "link" : s.isDirectory() ? "dir" : "file";
    return `${kind} ${s.size} ${s.mtimeNs}`;
  } catch {
    return "missing";
  }
}

/**
 * The newest modification time (ms) among the entries, or 0.
 * @param {readonly [string, string][]} entries
 */
export function newestMs(entries) {
  let newest = 0n;
  for (const [, d] of entries) {
    const ns = d === "missing" ? 0n : BigInt(d.split(" ")[2]);
    if (ns > newest) newest = ns;
  }
  return Number(newest / 1000000n);
}

/**
 * Writes the stamp (temporary file, then rename). Best effort: a stamp only saves time.
 * @param {string} path
 * @param {{ entries: [string, string][]; summary: string }} stamp
 */
export function writeStamp(path, stamp) {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify({ format: FORMAT, ...stamp }));
    renameSync(temp, path);
  } catch {
    // a read-only or full disk only costs the next run its shortcut
  }
}

/**
 * The stamp at `path` when every path it records is as recorded; else undefined.
 * @param {string} path
 * @returns {{ entries: [string, string][]; summary: string } | undefined}
 */
export function readValidStamp(path) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  if (stamp?.format !== FORMAT || !Array.isArray(stamp.entries) || typeof stamp.summary !== "string") return undefined;
  for (const [p, d] of stamp.entries) if (describe(p) !== d) return undefined;
  return stamp;
}
