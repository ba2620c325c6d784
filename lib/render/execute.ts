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
 * This module changes process-wide state (cwd, stdout): run it in a worker process.
 */
import { createRequire } from "module";
import { CompileCache, convertThroughCache, type CellConversion, type CompileCacheOptions } from "./compile-cache";
import type { DisplayDataOutput, MimeBundle, Output } from "./nbformat";
import type { AheadConverter } from "./ahead";
import { executorConverters, sidesNotGiven } from "./sides";
import { loadTslabConverter } from "./tslab-converter";

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
  /** The notebook's folder: working directory and TypeScript root. */
  dir: string;
  /** A cell still awaiting after this long is interrupted. Default: 10 minutes. */
  cellTimeoutMs?: number;
  /** Called before each cell runs. */
  onCell?: (position: number, total: number) => void;
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
    // As the kernel does (tslab/dist/main.js): report, never crash.
    process.on("uncaughtException", (e) => console.error("UncaughtException:", e));
    process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  }

  /** Runs `cells` of one notebook in a fresh executor. */
  async run(cells: readonly CellJob[], options: ExecuteOptions): Promise<NotebookRun> {
    process.chdir(options.dir);
    const converters = options.ahead
      ? options.ahead.converter.converterSet(options.ahead.id, options.cellTimeoutMs ?? 600_000)
      : this.converterSet(options.dir, options.compileCache);
    const executor = tslab.executor.createExecutor(options.dir, converters, {
      log: console.log,
      error: console.error,
    });
    const run: NotebookRun = { cells: [] };
    this.displays = new Map();
    try {
      for (const [position, cell] of cells.entries()) {
        options.onCell?.(position, cells.length);
        const outputs: Output[] = [];
        this.sink = outputs;
        tslab.jupyter.lastWriteDisplayData = (data, update) => this.display(outputs, data, update);
        const started = performance.now();
        const timer = setTimeout(() => executor.interrupt(), options.cellTimeoutMs ?? 600_000);
        let ok: boolean;
        try {
          ok = await executor.execute(cell.source);
        } catch (e) {
          console.error(e);
          ok = false;
        } finally {
          clearTimeout(timer);
        }
        const ms = Math.round(performance.now() - started);
        run.cells.push({ index: cell.index, outputs, ok, ms });
        if (!ok) {
          // tslab cancels the cells queued after an error (its kernel resets the queue),
          // so under Jupyter the rest of the notebook does not run: stop here too.
          if (cell.allowError) run.stoppedAt = cell.index;
          else run.failed = { index: cell.index, message: errorText(outputs) };
          break;
        }
      }
    } finally {
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
