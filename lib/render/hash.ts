/**
 * Content hashes that decide whether a report is stale: the notebook, every file under
 * lib/ and data/, package-lock.json (the dependencies, tslab included), the parameter
 * overrides and the renderer's format version. Paths are relative and sorted, so the
 * same commit gives the same hashes on any machine.
 */
import { createHash } from "crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "fs";
import { join, relative } from "path";

/** Bump when the page or manifest format changes, to re-render every report. */
export const RENDERER_VERSION = "1";

/** sha256 of a string or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 of a file's bytes, or undefined when it does not exist. */
export function hashFile(path: string): string | undefined {
  return existsSync(path) ? sha256(readFileSync(path)) : undefined;
}

const SKIP = new Set(["node_modules", ".ipynb_checkpoints", ".git", ".cache", "__pycache__", ".DS_Store"]);

/**
 * Visits what hashTree reads under `dir` (relative to `root`), in order: every folder (the
 * first being `dir` itself), file and symbolic link (not followed), with relative paths.
 */
export function walkTree(root: string, dir: string, visit: (rel: string, kind: "dir" | "file" | "symlink") => void): void {
  const walk = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    visit(rel, "dir");
    for (const entry of readdirSync(abs).sort()) {
      if (SKIP.has(entry)) continue;
      const relChild = `${rel}/${entry}`;
      const stat = lstatSync(join(root, relChild));
      if (stat.isSymbolicLink()) visit(relChild, "symlink");
      else if (stat.isDirectory()) walk(relChild);
      else if (stat.isFile()) visit(relChild, "file");
    }
  };
  walk(dir);
}

/** Relative path -> sha256 of every file under `dir` (symbolic links hashed by target, not followed). */
export function hashTree(root: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  walkTree(root, dir, (rel, kind) => {
    if (kind === "symlink") files.set(rel, sha256(`symlink:${readlinkSync(join(root, rel))}`));
    else if (kind === "file") files.set(rel, sha256(readFileSync(join(root, rel))));
  });
  return files;
}

/** One digest of what every notebook depends on besides itself: lib/, data/, package-lock.json, renderer. */
export function sharedInputsDigest(root: string): string {
  const lines = [`renderer ${RENDERER_VERSION}`];
  for (const dir of ["lib", "data"]) {
    for (const [path, hash] of hashTree(root, dir)) lines.push(`${hash} ${path}`);
  }
  lines.push(`${hashFile(join(root, "package-lock.json")) ?? "none"} package-lock.json`);
  return sha256(lines.join("\n"));
}

/** The inputs hash of one report: its notebook's bytes, the shared inputs and the overrides. */
export function reportInputsHash(notebookBytes: string | Uint8Array, shared: string, overrides: unknown): string {
  return sha256(JSON.stringify({ notebook: sha256(notebookBytes), shared, overrides }));
}

/**
 * What tslab's TypeScript program may read besides the cells: lib/, the notebook folder's
 * other files (not following its lib link), package-lock.json. Salts the compile cache.
 */
export function compileInputsDigest(root: string, notebooksDir: string): string {
  const lines: string[] = [];
  for (const [path, hash] of hashTree(root, "lib")) lines.push(`${hash} ${path}`);
  const rel = relative(root, notebooksDir).split("\\").join("/") || ".";
  for (const [path, hash] of hashTree(root, rel)) if (!path.endsWith(".ipynb")) lines.push(`${hash} ${path}`);
  lines.push(`${hashFile(join(root, "package-lock.json")) ?? "none"} package-lock.json`);
  return sha256(lines.join("\n"));
}
