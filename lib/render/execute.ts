/**
 * Executes notebook cells with tslab's own converter and executor, the way the tslab
 * Jupyter kernel does, and collects their outputs in nbformat shape.
 *
 * What the kernel does (tslab/dist/jupyter.js, handleExecuteImpl) and this mimics:
 * - before each cell, `process.stdout.write` / `process.stderr.write` are redirected into
 *   `stream` outputs and `jupyter.lastWriteDisplayData` into `display_data` outputs (the
 *   channel behind `tslab.display`, see lib/report/display.ts);
 * - the executor type-checks the cell with tslab's TypeScript 5.0.4 against the
 *   declarations of earlier cells, runs it (top-level await included), prints the value
 *   of its last expression with `console.log` and reports errors with `console.error`;
 * - the working directory is the notebook's folder, which is also TypeScript's root
 *   (hence `notebooks/lib -> ../lib` and imports written `./lib/...`).
 *
 * The converter is tslab's, loaded with two changes that make it cheaper and leave what it
 * returns unchanged (see tslab-converter.ts).
 *
 * One converter (TypeScript program, the slow part to create) is kept per folder and
 * shared by the notebooks of that folder; each notebook gets a fresh executor, so its
 * top-level names and its instances of lib modules start anew, as in a new kernel.
 * What a notebook does besides running its cells is held against the cell that did it: an error
 * thrown from a timer or callback a cell set, or a promise it left rejected with nothing awaiting
 * it, fails the notebook naming that cell (the kernel would only print it), and so does a call
 * of `process.exit` (which would end the worker). After the last cell the timers the cells set
 * are waited for (up to the cell timeout), then every timer left is cleared, so that nothing of
 * a notebook runs during the next one.
 *
 * This module changes process-wide state (cwd, stdout, timers, process.exit): run it in a
 * worker process.
 */
import { createRequire } from "module";
import { inspect } from "util";
import { CompileCache, convertThroughCache, type CellConversion, type CompileCacheOptions } from "./compile-cache";
import type { DisplayDataOutput, MimeBundle, Output } from "./nbformat";
import type { AheadConverter } from "./ahead";
import { executorConverters, sidesNotGiven } from "./sides";
import { loadTslabConverter } from "./tslab-converter";

/** How long a cell's conversion made ahead is waited for (the renderer's work, not the cell's: the cell timeout starts after it). */
const CONVERSION_TIMEOUT_MS = 600_000;

/** A code cell to run. */
export interface CellJob {
  /** Position of the cell in the notebook as rendered (injected cells included). */
  index: number;
  source: string;
  /** Tagged `raises-exception`: an error is expected; it is shown and the notebook ends there (as in tslab). */
  allowError: boolean;
}

/** The outcome of one cell. */
export interface CellRun {
  index: number;
  outputs: Output[];
  ok: boolean;
  /** Wall time, milliseconds. */
  ms: number;
}

/** The outcome of a notebook: cells run in order, stopping at the first failing one. */
export interface NotebookRun {
  cells: CellRun[];
  /** A cell tagged `raises-exception` failed as expected; the cells after it did not run. */
  stoppedAt?: number;
  /** The cell that stopped the notebook, with its error text. */
  failed?: { index: number; message: string };
}

export interface ExecuteOptions {
  /**
   * How long the timers the cells set are waited for after the last cell. Default: 300 s. (A cell running longer is stopped by the worker
   * pool, pool.ts, which kills the worker.)
   */
  cellTimeoutMs?: number;
  /** The notebook's folder: working directory and TypeScript root. */
  dir: string;
  /** Called before each cell is converted and run. */
  onCell?: (position: number, total: number) => void;
  /** Called when a cell's code starts running (its conversion done), and when the waiting for the cells' timers starts. */
  onRunning?: (position: number, phase: "cell" | "timers") => void;
  /** Reuse conversions from (and store them in) this compile cache. Default: none. */
  compileCache?: CompileCacheOptions;
  /**
   * The cells' conversions come from this thread, which was handed the notebook as `id` (see
   * ahead.ts; compileCache is then the thread's business). Default: convert here, cell by cell.
   */
  ahead?: { converter: AheadConverter; id: number };
}

interface TslabDisplayData {
  data: { [mime: string]: string | Uint8Array };
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

interface TslabConverter {
  convert(prevDecl: string, src: string): CellConversion;
  addModule(name: string, content: string, meta?: unknown): unknown[];
  close(): void;
}

interface TslabExecutor {
  execute(src: string): Promise<boolean>;
  interrupt(): void;
  close(): void;
}

const require = createRequire(import.meta.url);
const tslab = {
  get converter() {
    return loadTslabConverter().module as { createConverter(o: { isJS: boolean; isBrowser: boolean }): TslabConverter };
  },
  executor: require("tslab/dist/executor") as {
    createExecutor(rootDir: string, convs: object, console: { log: (...args: unknown[]) => void; error: (...args: unknown[]) => void }): TslabExecutor;
  },
  jupyter: require("tslab/dist/jupyter") as { lastWriteDisplayData: ((d: TslabDisplayData, update: boolean) => void) | null },
};

/** Runs notebooks one after another in this process. */
export class TslabSession {
  /** A converter per folder, created on first use. */
  private readonly converters = new Map<string, TslabConverter>();
  /** Per folder, the JavaScript of every local module converted or read from the compile cache. */
  private readonly sides = new Map<string, Map<string, string>>();
  private sink: Output[] | null = null;
  private displays = new Map<string, DisplayDataOutput[]>();
  /** The cell (its CellJob.index) whose code ran last, while a notebook runs: what an error nobody caught is blamed on. */
  private owner: number | null = null;
  /** The first error nobody caught (or a process.exit call), with the cell it is blamed on: fails the notebook. */
  private stray: { index: number; message: string } | null = null;
  /** Timers the running notebook's cells set and that are still pending, with the cell that set each. */
  private readonly timers = new Map<object, { owner: number; kind: "setTimeout" | "setInterval" | "setImmediate" }>();
  /** The timer functions as they were, for the session's own waiting and clearing. */
  private readonly real = { setTimeout, clearTimeout, setImmediate, clearInterval, clearImmediate };

  constructor() {
    // Route output the way the kernel does, for the whole life of the process: what a
    // cell prints after it returned (a timer, a late promise) lands in the latest cell.
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const capture = (name: "stdout" | "stderr", passThrough: typeof out) =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        if (this.sink === null) return (passThrough as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
        const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        appendStream(this.sink, name, text);
        const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        callback?.();
        return true;
      }) as typeof out;
    process.stdout.write = capture("stdout", out);
    process.stderr.write = capture("stderr", err);
    // The kernel only prints these (tslab/dist/main.js); a render fails the notebook, naming the cell.
    process.on("uncaughtException", (e) => this.strayError("uncaught error in a timer or callback this cell set (nothing caught it)", e));
    process.on("unhandledRejection", (reason) => this.strayError("a promise this cell created was rejected, and nothing awaited or caught it", reason));
    this.trackTimers();
  }

  /** Records an error nobody caught against the cell whose code ran last (printed, as the kernel does, outside a notebook). */
  private strayError(what: string, error: unknown): void {
    if (this.owner === null) {
      console.error(`${what}:`, error);
      return;
    }
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `(not an Error) ${inspect(error)}`;
    this.stray ??= { index: this.owner, message: `${what}:\n${text}` };
  }

  /**
   * Wraps setTimeout, setInterval and setImmediate (and their clear functions) so that a timer
   * set while a notebook runs is known with the cell that set it, and its callback, when it
   * runs, counts as that cell's code.
   */
  private trackTimers(): void {
    const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const [set, clear] of [
      ["setTimeout", "clearTimeout"],
      ["setInterval", "clearInterval"],
      ["setImmediate", "clearImmediate"],
    ] as const) {
      const repeat = set === "setInterval";
      const original = g[set];
      const originalClear = g[clear];
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const session = this;
      const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]) {
        const owner = session.owner;
        if (owner === null || typeof callback !== "function") return original.call(this, callback, ...rest);
        const handle = original.call(
          this,
          function (this: unknown, ...args: unknown[]) {
            if (!repeat) session.timers.delete(handle as object);
            if (session.timers.has(handle as object) || !repeat) session.owner = owner;
            return (callback as (...a: unknown[]) => unknown).apply(this, args);
          },
          ...rest,
        );
        session.timers.set(handle as object, { owner, kind: set });
        return handle;
      };
      // util.promisify.custom and the like
      for (const key of Object.getOwnPropertySymbols(original)) (wrapped as unknown as Record<symbol, unknown>)[key] = (original as unknown as Record<symbol, unknown>)[key];
      g[set] = wrapped;
      g[clear] = function (this: unknown, handle: unknown) {
        if (handle !== null && typeof handle === "object") session.timers.delete(handle);
        return originalClear.call(this, handle);
      };
    }
  }

  /** The timers still pending that the cells set (not intervals), oldest first. */
  private pendingTimers(): { owner: number }[] {
    for (const [handle] of this.timers) if ((handle as { _destroyed?: boolean })._destroyed === true) this.timers.delete(handle);
    return [...this.timers.values()].filter((t) => t.kind !== "setInterval");
  }

  /** Lets the callbacks due now and the rejections left unhandled by the last cell come in. */
  private settle(ms = 0): Promise<void> {
    return new Promise((resolve) => (ms === 0 ? this.real.setImmediate(resolve) : this.real.setTimeout(resolve, ms)));
  }

  /** Runs `cells` of one notebook in a fresh executor. */
  async run(cells: readonly CellJob[], options: ExecuteOptions): Promise<NotebookRun> {
    process.chdir(options.dir);
    const timeoutMs = options.cellTimeoutMs ?? 300_000;
    const converters = (
      options.ahead ? options.ahead.converter.converterSet(options.ahead.id, CONVERSION_TIMEOUT_MS) : this.converterSet(options.dir, options.compileCache)
    ) as { node: { convert: (...args: unknown[]) => unknown } };
    // a cell's own running time starts when its conversion (the type-check) is done
    let position = 0;
    const convert = converters.node.convert;
    converters.node.convert = (...args: unknown[]) => {
      const converted = convert(...args);
      options.onRunning?.(position, "cell");
      return converted;
    };
    this.stray = null;
    const exit = process.exit;
    process.exit = ((code?: number | string | null) => {
      const message = `the cell called process.exit(${code ?? ""}), which would end the render's worker process; a notebook cannot do that (to stop it, throw an error)`;
      this.stray ??= { index: this.owner ?? cells[0]?.index ?? 0, message };
      const error = new Error(message);
      error.stack = `Error: ${message}`;
      throw error;
    }) as typeof process.exit;
    const executor = tslab.executor.createExecutor(options.dir, converters, {
      log: console.log,
      error: console.error,
    });
    const run: NotebookRun = { cells: [] };
    this.displays = new Map();
    try {
      for (const [at, cell] of cells.entries()) {
        position = at;
        options.onCell?.(position, cells.length);
        const outputs: Output[] = [];
        this.sink = outputs;
        tslab.jupyter.lastWriteDisplayData = (data, update) => this.display(outputs, data, update);
        const started = performance.now();
        this.owner = cell.index;
        let ok: boolean;
        try {
          ok = await executor.execute(cell.source);
        } catch (e) {
          console.error(e);
          ok = false;
        }
        // a promise the cell left rejected is reported once the current callbacks are done
        await this.settle();
        const ms = Math.round(performance.now() - started);
        run.cells.push({ index: cell.index, outputs, ok, ms });
        if (this.stray) {
          run.failed = this.stray;
          break;
        }
        if (!ok) {
          // tslab cancels the cells queued after an error (its kernel resets the queue),
          // so under Jupyter the rest of the notebook does not run: stop here too.
          if (cell.allowError) run.stoppedAt = cell.index;
          else run.failed = { index: cell.index, message: errorText(outputs) };
          break;
        }
      }
      if (!run.failed && this.pendingTimers().length > 0) {
        // what the timers the cells set do is part of the notebook: wait for them
        options.onRunning?.(position, "timers");
        const deadline = performance.now() + timeoutMs;
        let pending = this.pendingTimers();
        while (pending.length > 0 && !this.stray && performance.now() < deadline) {
          await this.settle(5);
          pending = this.pendingTimers();
        }
        await this.settle();
        if (this.stray) run.failed = this.stray;
        else if (pending.length > 0) {
          run.failed = {
            index: pending[0].owner,
            message: `a timer this cell set had not fired ${timeoutMs / 1000} s after the notebook's last cell (the cell timeout); what it would do cannot be part of the report`,
          };
        }
      }
    } finally {
      // nothing of this notebook runs during the next one
      for (const [handle, { kind }] of this.timers) {
        if (kind === "setImmediate") this.real.clearImmediate(handle as NodeJS.Immediate);
        else if (kind === "setInterval") this.real.clearInterval(handle as NodeJS.Timeout);
        else this.real.clearTimeout(handle as NodeJS.Timeout);
      }
      this.timers.clear();
      this.owner = null;
      process.exit = exit;
      this.sink = null;
      tslab.jupyter.lastWriteDisplayData = null;
      options.ahead?.converter.release(options.ahead.id);
      // The converter is shared; the executor owns nothing else worth closing.
    }
    return run;
  }

  /** Releases the TypeScript watchers so that the process can exit. */
  close(): void {
    for (const converter of this.converters.values()) converter.close();
    this.converters.clear();
  }

  private display(outputs: Output[], data: TslabDisplayData, update: boolean): void {
    const id = data.transient?.display_id;
    const bundle: MimeBundle = {};
    for (const [mime, value] of Object.entries(data.data)) {
      bundle[mime] = typeof value === "string" ? value : Buffer.from(value).toString("base64");
    }
    if (update && id) {
      // update_display_data: replace every output shown under this id (as nbclient does).
      for (const shown of this.displays.get(id) ?? []) shown.data = bundle;
      return;
    }
    const output: DisplayDataOutput = { output_type: "display_data", data: bundle, metadata: data.metadata ?? {} };
    outputs.push(output);
    if (id) this.displays.set(id, [...(this.displays.get(id) ?? []), output]);
  }

  /** The converter of `dir`, created on first use (it takes its root from the working directory). */
  private sharedConverter(dir: string): TslabConverter {
    let converter = this.converters.get(dir);
    if (!converter) {
      converter = tslab.converter.createConverter({ isJS: false, isBrowser: false });
      this.converters.set(dir, converter);
    }
    return converter;
  }

  private sidesOf(dir: string): Map<string, string> {
    let sides = this.sides.get(dir);
    if (!sides) this.sides.set(dir, (sides = new Map()));
    return sides;
  }

  /**
   * A converter set for a new executor in `dir`. The folder's converter is shared, and
   * it emits a local module's JavaScript (a side output) only once; so this hands every
   * executor each side output it has not received yet. With a compile cache, a cell
   * converted before is read from disk, and the converter is created only on a miss.
   */
  private converterSet(dir: string, cacheOptions?: CompileCacheOptions): object {
    const cache = cacheOptions ? new CompileCache(cacheOptions, dir) : undefined;
    const given = new Map<string, string>();
    const sides = this.sidesOf(dir);
    let cacheable = true;
    const node = {
      convert: (prevDecl: string, src: string): CellConversion => {
        const result = convertThroughCache(cacheable ? cache : undefined, prevDecl, src, sides, () => this.sharedConverter(dir).convert(prevDecl, src));
        return { ...result, sideOutputs: sidesNotGiven(sides, given) };
      },
      addModule: (name: string, content: string, meta?: unknown): unknown[] => {
        // A `/** @module */` cell changes what later cells see: stop caching this notebook.
        cacheable = false;
        return this.sharedConverter(dir).addModule(name, content, meta);
      },
      close: () => {},
    };
    return executorConverters(node);
  }
}

/** Appends text to the last output if it is the same stream, as Jupyter front ends merge them. */
export function appendStream(outputs: Output[], name: "stdout" | "stderr", text: string): void {
  const last = outputs[outputs.length - 1];
  if (last && last.output_type === "stream" && last.name === name) {
    last.text = (Array.isArray(last.text) ? last.text.join("") : last.text) + text;
  } else {
    outputs.push({ output_type: "stream", name, text });
  }
}

/** The error a failed cell printed (its stderr), for messages. */
export function errorText(outputs: readonly Output[]): string {
  const stderr = outputs
    .filter((o): o is Extract<Output, { output_type: "stream" }> => o.output_type === "stream" && o.name === "stderr")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text))
    .join("");
  return stderr.trim() || "the cell failed without printing an error";
}
