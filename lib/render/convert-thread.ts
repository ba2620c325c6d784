/**
 * The conversion thread of a render worker (see ahead.ts): type-checks and transpiles the
 * cells of the notebooks it is handed, in order, with tslab's converter, while the worker's
 * main thread executes the cells already converted. A cell's conversion depends only on its
 * source, the declarations of the cells before it (tslab's `prevDecl`) and the files the
 * program reads, never on running anything; so it can be done ahead, and gives what the
 * executor would have got by converting the cell itself.
 *
 * Per notebook it stops after the first cell with diagnostics: tslab's executor stops there.
 * Started by ahead.ts through convert-thread.mjs; not part of the library's exports.
 */
import { createRequire } from "module";
import { parentPort, workerData, type MessagePort } from "worker_threads";
import { CompileCache, convertThroughCache, type CellConversion, type CompileCacheOptions } from "./compile-cache";
import { loadTslabConverter } from "./tslab-converter";

/** A notebook to convert (main thread → this thread). */
export interface ConvertNotebook {
  readonly id: number;
  readonly dir: string;
  readonly sources: readonly string[];
  readonly compileCache?: CompileCacheOptions;
}

/** tslab's conversion of one cell, its local modules sent apart (in `Converted.sides`). */
export type Conversion = Omit<CellConversion, "sideOutputs">;

/** One converted cell (this thread → main thread); `sides` are the local modules' JavaScript first seen since the last message. */
export interface Converted {
  readonly id: number;
  readonly position: number;
  readonly prevDecl: string;
  /** The cell's source, to check that the executor is at the same cell. */
  readonly source: string;
  readonly conversion?: Conversion;
  /** Set instead of `conversion` when converting threw. */
  readonly error?: string;
  readonly sides: readonly [string, string][];
}

interface TslabConverter {
  convert(prevDecl: string, src: string): CellConversion;
  close(): void;
}

const converters = new Map<string, TslabConverter>();
/** Every local module's JavaScript known here, and what the main thread has been sent. */
const sides = new Map<string, string>();
const sent = new Map<string, string>();

/** The converter of `dir`: tslab takes its root from the current directory, which a thread cannot change, so it is given. */
function converterOf(dir: string): TslabConverter {
  let c = converters.get(dir);
  if (c === undefined) {
    const module = loadTslabConverter().module as { createConverter(o: { isJS: boolean; isBrowser: boolean }): TslabConverter };
    const ts = createRequire(createRequire(import.meta.url).resolve("tslab/dist/converter"))("@tslab/typescript-for-tslab") as {
      sys: { getCurrentDirectory(): string };
    };
    const original = ts.sys.getCurrentDirectory;
    ts.sys.getCurrentDirectory = () => dir.split("\\").join("/");
    try {
      c = module.createConverter({ isJS: false, isBrowser: false });
    } finally {
      ts.sys.getCurrentDirectory = original;
    }
    converters.set(dir, c);
  }
  return c;
}

function newSides(): [string, string][] {
  const fresh: [string, string][] = [];
  for (const [path, data] of sides) {
    if (sent.get(path) === data) continue;
    sent.set(path, data);
    fresh.push([path, data]);
  }
  return fresh;
}

const { signal: signalBuffer, port: out, warmDir } = workerData as { signal: SharedArrayBuffer; port: MessagePort; warmDir?: string };
const signal = new Int32Array(signalBuffer);
const port = parentPort;
if (port !== null) {
  port.on("message", (job: ConvertNotebook) => {
    const cache = job.compileCache ? new CompileCache(job.compileCache, job.dir) : undefined;
    let prevDecl = "";
    for (const [position, src] of job.sources.entries()) {
      let message: Converted;
      try {
        const conversion = convertThroughCache(cache, prevDecl, src, sides, () => converterOf(job.dir).convert(prevDecl, src));
        message = { id: job.id, position, prevDecl, source: src, conversion, sides: newSides() };
      } catch (e) {
        message = { id: job.id, position, prevDecl, source: src, error: e instanceof Error ? (e.stack ?? e.message) : String(e), sides: newSides() };
      }
      out.postMessage(message);
      Atomics.add(signal, 0, 1);
      Atomics.notify(signal, 0);
      if (message.error !== undefined || message.conversion!.diagnostics.length > 0) break;
      prevDecl = message.conversion!.declOutput || "";
    }
  });
  // the converter of the folder the notebooks will come from, made now (the worker's main thread
  // is still loading; the first notebook's message waits in the port's queue meanwhile)
  if (warmDir !== undefined) {
    try {
      converterOf(warmDir);
    } catch {
      // made again, and its error reported, when the first notebook of that folder comes
      converters.delete(warmDir);
    }
  }
}
