/**
 * Worker threads kept alive between Monte Carlo runs, so that a run with `threads > 1` does not
 * pay their start-up (loading the TypeScript sources takes a few hundred ms). monteCarlo stays
 * synchronous: the main thread posts each worker its shards, runs its own, then waits on
 * shared memory (Atomics.wait) for the workers' flags.
 *
 * The worker script is lib/sensitivity/monte-carlo-worker.ts, found the way lib/data finds
 * data/: from the working directory up to the package.json named llm-breakeven (tslab compiles
 * lib to CommonJS, where import.meta does not exist); or pass its path. When the process runs
 * each worker registers tsx's loader itself (on Node 20, a worker started under
 * `node --import tsx` does not get the main thread's loader). Workers that cannot start leave an empty pool: runs then take place
 * in-process, with the same numbers.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** The root of this package: the nearest package.json named llm-breakeven at or above the working directory. */
function packageRoot(): string | null {
  let dir = resolve(process.cwd());
  for (;;) {
    const p = join(dir, "package.json");
    if (existsSync(p)) {
      try {
        if ((JSON.parse(readFileSync(p, "utf8")) as { name?: unknown }).name === "llm-breakeven") return dir;
      } catch {
        // not this one
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** lib/sensitivity/monte-carlo-worker.ts of this package, or null when the package is not found. */
export function defaultWorkerScript(): string | null {
  const root = packageRoot();
  if (root === null) return null;
  const p = join(root, "lib", "sensitivity", "monte-carlo-worker.ts");
  return existsSync(p) ? p : null;
}

function spawn(script: string): Worker {
  // the worker registers tsx's loader itself: on Node 20 a worker does not get the loader of
  // `node --import tsx` (nor vitest's, nor tslab's), whatever its execArgv
  const root = packageRoot() ?? process.cwd();
  const tsxDir = dirname(createRequire(join(root, "package.json")).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(script).href)}); });`;
  return new Worker(code, { eval: true });
}

export interface PoolOptions {
  /** The worker script (default {@link defaultWorkerScript}). */
  readonly script?: string;
  /** Give up on a worker that is not ready after this long, ms (default 30,000). */
  readonly startTimeoutMs?: number;
}

/** A set of worker threads for {@link monteCarlo}'s shards (`threads − 1` workers; the main thread is the other). */
export class MonteCarloPool {
  /** Runs that used the workers (a run that fell back to in-process does not count). */
  runs = 0;
  private closed = false;

  private constructor(
    private workers: Worker[],
    /** Why the pool is empty, when it is. */
    readonly error: string | null,
  ) {}

  /** Starts `workers` worker threads and waits until each has loaded; resolves with an empty pool (and `error`) if any cannot. */
  static async start(workers: number, options: PoolOptions = {}): Promise<MonteCarloPool> {
    if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers = ${workers}: must be a whole number ≥ 0`);
    if (workers === 0) return new MonteCarloPool([], null);
    const script = options.script ?? defaultWorkerScript();
    if (script === null) return new MonteCarloPool([], `no package.json named llm-breakeven at or above ${process.cwd()}`);
    const timeout = options.startTimeoutMs ?? 30_000;
    const started: Worker[] = [];
    try {
      await Promise.all(
        Array.from({ length: workers }, () => {
          const w = spawn(script);
          started.push(w);
          return new Promise<void>((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`worker not ready after ${timeout} ms`)), timeout);
            w.once("message", (m) => {
              clearTimeout(timer);
              if (m === "ready") res();
              else rej(new Error(`unexpected message from the worker: ${String(m)}`));
            });
            w.once("error", (e) => {
              clearTimeout(timer);
              rej(e);
            });
            w.once("exit", (code) => {
              clearTimeout(timer);
              rej(new Error(`worker exited with code ${code}`));
            });
          });
        }),
      );
    } catch (e) {
      await Promise.all(started.map((w) => w.terminate()));
      return new MonteCarloPool([], (e as Error).message ?? String(e));
    }
    for (const w of started) {
      w.removeAllListeners("message");
      w.removeAllListeners("exit");
      w.on("error", () => undefined); // a worker that dies mid-run is noticed by its flag's timeout
      w.unref(); // the process can exit without close()
    }
    return new MonteCarloPool(started, null);
  }

  /** Workers ready (0 once closed). */
  get size(): number {
    return this.closed ? 0 : this.workers.length;
  }

  /**
   * Posts each message to its worker (message i to worker i). False if a message cannot be
   * posted (the pool is then of no further use for this run).
   * @internal
   */
  post(messages: readonly unknown[]): boolean {
    if (messages.length > this.size) return false;
    try {
      messages.forEach((m, i) => this.workers[i].postMessage(m));
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

let shared: { threads: number; pool: Promise<MonteCarloPool> } | null = null;

/**
 * The module's pool for `threads` threads (threads − 1 workers), started on first call and kept
 * until {@link closeMonteCarloPool}; monteCarlo uses it when no pool is passed. Await it before
 * the runs that should use it: until it is ready, runs take place in-process (same numbers).
 */
export function startMonteCarloPool(threads: number, options: PoolOptions = {}): Promise<MonteCarloPool> {
  if (shared !== null && shared.threads >= threads) return shared.pool;
  const previous = shared;
  const pool = (async () => {
    if (previous !== null) await (await previous.pool).close();
    return MonteCarloPool.start(Math.max(0, threads - 1), options);
  })();
  shared = { threads, pool };
  void pool.then((p) => {
    if (shared !== null && shared.pool === pool) sharedReady = p;
  });
  return pool;
}

let sharedReady: MonteCarloPool | null = null;

/** The module's pool if started and ready, else null. */
export function readyMonteCarloPool(): MonteCarloPool | null {
  return sharedReady !== null && sharedReady.size > 0 ? sharedReady : null;
}

/** Closes the module's pool (so that nothing keeps the process alive); a later start makes a new one. */
export async function closeMonteCarloPool(): Promise<void> {
  const s = shared;
  shared = null;
  sharedReady = null;
  if (s !== null) await (await s.pool).close();
}
