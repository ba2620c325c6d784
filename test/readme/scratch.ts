/**
 * Where README's commands run: scratch copies of the project (its working tree as git sees
 * it, tracked and untracked files that are not ignored, reports/ included, with node_modules
 * linked), so that a command runs exactly as README writes it and whatever it writes lands
 * in the copy; and a temporary HOME for each, so nothing lands in the user's home either.
 */
import { spawn, spawnSync } from "child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { dirname, join, resolve } from "path";
import { fileURLToPath } from "url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const made: string[] = [];
const isRoot = process.getuid?.() === 0;

/** A new temporary folder, removed by cleanup(); readable by everyone (the unprivileged user below). */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `readme-${label}-`));
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** A copy of the project's working tree, node_modules linked to the project's. */
export function scratchProject(label: string): string {
  const dir = tempDir(label);
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const from = join(ROOT, file);
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // listed by git, deleted in the working tree
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), join(dir, file));
    else if (stat.isFile()) copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** A temporary HOME; owned by the unprivileged user when the tests run as root (see asUser). */
export function tempHome(label: string): string {
  const home = tempDir(`home-${label}`);
  if (isRoot) chownSync(home, NOBODY.uid, NOBODY.gid);
  return home;
}

const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Removes the temporary folders, and the stamps the renders in them left in the project's
 * render cache (node_modules/.cache/llm-breakeven-render/stamps: one per arguments and folder,
 * never to be read again once the folder is gone).
 */
export function cleanup(): void {
  const dirs = made.splice(0);
  const stamps = join(ROOT, "node_modules", ".cache", "llm-breakeven-render", "stamps");
  if (existsSync(stamps)) {
    for (const f of readdirSync(stamps)) {
      const path = join(stamps, f);
      try {
        const text = readFileSync(path, "utf8");
        if (dirs.some((d) => text.includes(JSON.stringify(d).slice(1, -1)))) rmSync(path, { force: true });
      } catch {
        // removed meanwhile
      }
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunOptions {
  cwd: string;
  home: string;
  /** Run as the unprivileged user "nobody" when the tests run as root (for Jupyter, which refuses root). */
  asUser?: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** A render (npm run reports): runs when no other render does. */
  render?: boolean;
}

/** The environment README's commands get: this process's, without vitest's, with HOME replaced. */
function commandEnv(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(k)) env[k] = v;
  return { ...env, HOME: options.home, npm_config_update_notifier: "false", FORCE_COLOR: "0", NO_COLOR: "1", ...options.env };
}

function argv(command: string, options: RunOptions): [string, string[]] {
  if (options.asUser && isRoot) return ["setpriv", [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, "--clear-groups", "bash", "-c", command]];
  return ["bash", ["-c", command]];
}

/** A counting semaphore. */
function semaphore(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await f();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

// At most two commands at once (the machine has two cores), and one render at a time: a
// render type-checks the notebooks' cells into the shared compile cache, which the next one reuses.
const anyCommand = semaphore(2);
const aRender = semaphore(1);

/** Runs a command line with bash, as README writes it; resolves when it exits (or is stopped at the timeout). */
export function sh(command: string, options: RunOptions): Promise<Run> {
  const queue = options.render ? <T>(f: () => Promise<T>) => aRender(() => anyCommand(f)) : anyCommand;
  return queue(
    () =>
      new Promise<Run>((done, fail) => {
        const started = performance.now();
        const [file, args] = argv(command, options);
        const child = spawn(file, args, { cwd: options.cwd, env: commandEnv(options), stdio: ["ignore", "pipe", "pipe"], detached: true });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => stop(child.pid), options.timeoutMs ?? 240_000);
        child.on("error", fail);
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          done({ command, code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000 });
        });
      }),
  );
}

/** Stops a process group this file started (spawned detached: its id is the group's). */
export function stop(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** A long-running command (a server): started, its output collected, stopped by the caller. */
export function start(command: string, options: RunOptions) {
  const [file, args] = argv(command, options);
  const child = spawn(file, args, { cwd: options.cwd, env: commandEnv(options), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return {
    output: () => output,
    exited,
    /** Resolves with the output once it matches, rejects when the process exits first or the time is up. */
    async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      const until = performance.now() + timeoutMs;
      let gone = false;
      void exited.then(() => (gone = true));
      for (;;) {
        const m = pattern.exec(output);
        if (m) return m;
        if (gone) throw new Error(`exited before printing ${pattern}:\n${output}`);
        if (performance.now() > until) throw new Error(`did not print ${pattern} within ${timeoutMs / 1000} s:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(): Promise<void> {
      stop(child.pid, "SIGTERM");
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 15_000))]);
      if (code === "timeout") {
        stop(child.pid, "SIGKILL");
        await exited;
      }
    },
  };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** What a run printed, for a failure message. */
export function transcript(run: Run): string {
  return `$ ${run.command}\n(exit ${run.code ?? run.signal} after ${run.seconds.toFixed(1)} s)\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
