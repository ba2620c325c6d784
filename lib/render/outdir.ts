/**
 * The output folder: which folders a render may write into, the lock by which one render at a
 * time publishes into a folder, and publishing (every file written beside its place, then all
 * renamed, the manifest last).
 *
 * The rules, checked on the folder's real path (links resolved, the parent's when the folder
 * does not exist yet), before anything is written:
 * - never `/`, the project's root, the user's home, or a folder that holds one of them;
 * - a render with parameters never into the project's reports/ (it holds the notebooks' own
 *   assumptions), whatever link or path leads there;
 * - an existing folder holds nothing but what this renderer wrote there (its manifest lists
 *   the pages), unless `forceOut` (`--force-out`) is given.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "fs";
import { homedir, hostname } from "os";
import { basename, dirname, join, relative, resolve, sep } from "path";

/** A folder the render may not write into, or cannot lock: the user's to fix (exit status 2). */
export class OutputFolderError extends Error {
  override name = "OutputFolderError";
}

/** The lock file a render holds in the output folder while it publishes. */
export const LOCK_FILE = ".render.lock";

/** A temporary file of this renderer (writeFileAtomic in manifest.ts): `NAME.tmp-PID`. */
const TEMP = /^(.+)\.tmp-(\d+)$/;

/**
 * The real path of a folder that may not exist yet: the real path of its nearest existing
 * ancestor, links (dangling ones included) followed, with the rest of the path appended.
 */
export function realFolder(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  for (let hops = 0; ; ) {
    try {
      return join(realpathSync(existing), ...rest);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    let isLink = false;
    try {
      isLink = lstatSync(existing).isSymbolicLink();
    } catch {
      // missing: go up
    }
    if (isLink) {
      if (++hops > 40) throw new OutputFolderError(`${path}: too many links`);
      existing = resolve(dirname(existing), readlinkSync(existing));
      continue;
    }
    const parent = dirname(existing);
    if (parent === existing) return join(existing, ...rest);
    rest.unshift(basename(existing));
    existing = parent;
  }
}

/** Whether `inner` is `outer` or lies under it (both absolute, normalized). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep));
}

const realOrSelf = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

export interface OutputFolderCheck {
  /** The project root. */
  root: string;
  /** The folder as given. */
  outDir: string;
  /** The render overrides parameters. */
  parameterized: boolean;
  /** Accept an existing folder that holds other files. */
  forceOut?: boolean;
}

/**
 * Checks the output folder against the rules above and returns its real path. Throws an
 * OutputFolderError naming the folder (and what its links lead to) and the rule it breaks.
 */
export function checkOutputFolder({ root, outDir, parameterized, forceOut = false }: OutputFolderCheck): string {
  const given = resolve(outDir);
  const real = realFolder(given);
  const name = real === given ? given : `${given} (a link to ${real})`;
  const rootReal = realOrSelf(root);
  const refuse = (why: string, fix: string) => new OutputFolderError(`refusing to write the reports into ${name}: ${why}. ${fix}`);
  const own = "Give --out a folder of its own, e.g. --out my-scenario/.";
  if (dirname(real) === real) throw refuse("it is the root of the file system", own);
  if (within(rootReal, real)) {
    throw refuse(real === rootReal ? "it is the project's root folder" : `it holds the project (${rootReal})`, own);
  }
  const home = realOrSelf(homedir());
  if (dirname(home) !== home && within(home, real)) {
    throw refuse(real === home ? "it is your home folder" : `it holds your home folder (${home})`, own);
  }
  const reports = realOrSelf(join(root, "reports"));
  if (parameterized && real === reports) {
    throw refuse(
      "it is the project's reports/ folder, which holds the notebooks' own assumptions, and --param renders a scenario",
      "Give the scenario its own folder with --out DIR.",
    );
  }
  if (!existsSync(real)) return real;
  if (!statSync(real).isDirectory()) throw refuse("it is a file, not a folder", own);
  const foreign = foreignEntries(real);
  if (foreign.length > 0 && !forceOut) {
    const shown = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : "");
    throw refuse(
      `it holds files this renderer did not write (${shown}); an output folder must be new, empty, or hold only reports rendered there before (the pages its manifest.json lists, index.html, manifest.json)`,
      "Give another folder, or add --force-out to write the reports beside those files.",
    );
  }
  return real;
}

/** The entries of an existing folder that are not this renderer's (see {@link checkOutputFolder}), sorted; folders end in "/". */
export function foreignEntries(dir: string): string[] {
  const manifest = readOwnManifest(join(dir, "manifest.json"));
  const ours = new Set<string>([LOCK_FILE]);
  if (manifest) {
    ours.add("manifest.json").add("index.html");
    for (const entry of Object.values(manifest.reports)) if (typeof entry?.file === "string") ours.add(entry.file);
  }
  const foreign: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const temp = TEMP.exec(entry);
    // a temporary file left by an interrupted render: of a page, the index or the manifest
    if (temp && (temp[1].endsWith(".html") || temp[1] === "manifest.json" || temp[1] === LOCK_FILE)) continue;
    if (ours.has(entry)) {
      try {
        if (lstatSync(join(dir, entry)).isFile()) continue;
      } catch {
        continue;
      }
    }
    let isDir = false;
    try {
      isDir = lstatSync(join(dir, entry)).isDirectory();
    } catch {
      // gone meanwhile
    }
    foreign.push(isDir ? `${entry}/` : entry);
  }
  return foreign;
}

/** A manifest.json this renderer wrote, or undefined. */
function readOwnManifest(path: string): { reports: Record<string, { file?: unknown }> } | undefined {
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as { renderer?: unknown; reports?: unknown };
    if (m && typeof m.renderer === "string" && m.reports && typeof m.reports === "object" && !Array.isArray(m.reports)) {
      return m as { reports: Record<string, { file?: unknown }> };
    }
  } catch {
    // none, or not ours
  }
  return undefined;
}

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** Whether process `pid` on this machine is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Files and locks this process holds, removed if it is interrupted (see {@link abandonPublishing}). */
const held = new Set<string>();

/** Removes the temporary files and the lock of a publishing cut short (on SIGINT or SIGTERM). */
export function abandonPublishing(): void {
  for (const path of held) rmSync(path, { force: true });
  held.clear();
}

export interface LockOptions {
  /** Give up after this long. Default: 60 s. */
  timeoutMs?: number;
  /** Told once when the lock is held by another render. */
  onWait?: (message: string) => void;
}

/**
 * Runs `fn` holding the output folder's lock (created, with the folder, if need be). Another
 * render holding it is waited for, up to the timeout; a lock left by a process that no longer
 * runs on this machine is taken over.
 */
export async function withFolderLock<T>(dir: string, options: LockOptions, fn: () => T | Promise<T>): Promise<T> {
  const path = join(dir, LOCK_FILE);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputFolderError(`cannot create the output folder ${dir}: ${(e as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : (e as Error).message}`);
  }
  const me = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies LockOwner);
  let told = false;
  for (;;) {
    try {
      writeFileSync(path, me, { flag: "wx" });
      held.add(path);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EROFS") throw new OutputFolderError(`cannot write into the output folder ${dir}: permission denied`);
      if (code !== "EEXIST") throw e;
    }
    let text = "";
    let owner: LockOwner | undefined;
    try {
      text = readFileSync(path, "utf8");
      owner = JSON.parse(text) as LockOwner;
    } catch {
      // just created (empty), or gone: look again
    }
    const young = (() => {
      try {
        return Date.now() - statSync(path).mtimeMs < 10_000;
      } catch {
        return true;
      }
    })();
    const stale = owner ? owner.host === hostname() && !alive(owner.pid) : text !== "" || !young;
    if (stale) {
      // taken over only if it is still the lock judged stale
      try {
        if (readFileSync(path, "utf8") === text) unlinkSync(path);
      } catch {
        // removed meanwhile
      }
      continue;
    }
    const who = owner ? `another render (process ${owner.pid}${owner.host === hostname() ? "" : ` on ${owner.host}`}, started ${owner.started})` : "another render";
    if (Date.now() >= deadline) {
      throw new OutputFolderError(
        `${who} is writing into ${dir}; gave up waiting after ${Math.round(timeoutMs / 1000)} s. ` +
          `If no render is running, remove ${path} and run again.`,
      );
    }
    if (!told) options.onWait?.(`waiting for ${who}, which is writing into ${dir} (${LOCK_FILE}), to finish`);
    told = true;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    removeLeftovers(dir);
    return await fn();
  } finally {
    try {
      if (readFileSync(path, "utf8") === me) unlinkSync(path);
    } catch {
      // removed by hand
    }
    held.delete(path);
  }
}

/** Temporary files of renders that no longer run (interrupted while publishing). */
function removeLeftovers(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const temp = TEMP.exec(entry);
    if (temp && Number(temp[2]) !== process.pid && !alive(Number(temp[2]))) rmSync(join(dir, entry), { force: true });
  }
}

/**
 * Publishes files into `dir` (whose lock the caller holds) as one step: every file is written
 * to a temporary name beside its place first; only when all are written are they renamed, in
 * order (the manifest last: an interruption between renames leaves pages the manifest does not
 * match, which the next render re-renders); then `remove` is deleted. A failure while writing
 * removes the temporary files and leaves the folder as it was.
 */
export function publishFiles(dir: string, files: readonly { name: string; content: string }[], remove: readonly string[] = []): void {
  const temps = files.map((f) => ({ temp: join(dir, `${f.name}.tmp-${process.pid}`), path: join(dir, f.name), content: f.content }));
  const written: string[] = [];
  try {
    for (const t of temps) {
      held.add(t.temp);
      writeFileSync(t.temp, t.content);
      written.push(t.temp);
    }
  } catch (e) {
    for (const temp of written) rmSync(temp, { force: true });
    for (const t of temps) held.delete(t.temp);
    throw e;
  }
  for (const t of temps) {
    renameSync(t.temp, t.path);
    held.delete(t.temp);
  }
  for (const name of remove) rmSync(join(dir, name), { force: true });
}
