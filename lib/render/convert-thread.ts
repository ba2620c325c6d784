/**
 * The conversion thread of a render worker (see ahead.ts): type-checks and transpiles the
 * cells of the notebooks it is handed, in order, with tslab's converter, while the worker's
 * main thread executes the cells already converted. A cell's conversion depends only on its
 * source, the declarations of the cells before it (tslab's `prevDecl`) and the files the
 * program reads, never on running anything; so it can be done ahead, and gives what the
 * executor would have got by converting the cell itself.
 *
 * Per notebook it stops after the first cell with diagnostics: tslab's executor stops there.
 *
 * tslab's last step, turning each piece of emitted JavaScript into CommonJS, is left to the
 * main thread (tslab-converter.ts's deferCommonJS): this thread sends the ES module as soon as
 * it is emitted, in a `ToCommonJS` message, and puts a token in its place in the conversion.
 * The main thread, idle or running cells, makes the CommonJS with tslab's own function and puts
 * it back (ahead.ts); it also stores the finished conversion in the compile cache, which this
 * thread only reads.
 *
 * Started by ahead.ts through convert-thread.mjs; not part of the library's exports.
 */
import { createRequire } from "module";
import { parentPort, workerData, type MessagePort } from "worker_threads";
import { CompileCache, convertThroughCache } from "./compile-cache";
import { commonJSToken, type Converted, type ConvertNotebook, type ToCommonJS } from "./convert-protocol";
import { ConverterPair, type CellConverter } from "./converter-pair";
import { loadTslabConverter, type TslabConverterModule } from "./tslab-converter";

const converters = new Map<string, ConverterPair>();
/** Every local module's JavaScript known here, and what the main thread has been sent. */
const sides = new Map<string, string>();
const sent = new Map<string, string>();

/** A new tslab converter for `dir`: tslab takes its root from the current directory, which a thread cannot change, so it is given. */
function createConverter(dir: string): CellConverter {
  const module = loadTslabConverter().module as Omit<TslabConverterModule, "createConverter"> & { createConverter(o: { isJS: boolean; isBrowser: boolean }): CellConverter };
  // the files this thread reads do not change while the render runs (it hashed them at its start)
  module.shareSourceFiles?.();
  module.deferCommonJS?.(deferCommonJS);
  const ts = createRequire(createRequire(import.meta.url).resolve("tslab/dist/converter"))("@tslab/typescript-for-tslab") as {
    sys: { getCurrentDirectory(): string };
  };
  const original = ts.sys.getCurrentDirectory;
  ts.sys.getCurrentDirectory = () => dir.split("\\").join("/");
  try {
    return module.createConverter({ isJS: false, isBrowser: false });
  } finally {
    ts.sys.getCurrentDirectory = original;
  }
}

/** The converters of `dir` (a pair: see converter-pair.ts), the first made now, the second when first needed. */
function converterOf(dir: string): ConverterPair {
  let c = converters.get(dir);
  if (c === undefined) {
    c = new ConverterPair(() => createConverter(dir));
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

/** Tells the main thread that a message is waiting. */
function notify(): void {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

let commonJSCount = 0;
/** deferCommonJS's hook: sends the JavaScript to the main thread at once and returns its token. */
function deferCommonJS(js: string, target: number): string {
  const token = commonJSToken(++commonJSCount);
  out.postMessage({ token, js, target } satisfies ToCommonJS);
  notify();
  return token;
}

const port = parentPort;
if (port !== null) {
  port.on("message", (job: ConvertNotebook) => {
    const cache = job.compileCache ? new CompileCache(job.compileCache, job.dir) : undefined;
    let prevDecl = "";
    for (const [position, src] of job.sources.entries()) {
      let message: Converted;
      try {
        let cacheKey: string | undefined;
        const conversion = convertThroughCache(
          cache,
          prevDecl,
          src,
          sides,
          () => converterOf(job.dir).convert(prevDecl, src),
          (key) => (cacheKey = key),
        );
        message = { id: job.id, position, prevDecl, source: src, conversion, sides: newSides(), cacheKey };
      } catch (e) {
        message = { id: job.id, position, prevDecl, source: src, error: e instanceof Error ? (e.stack ?? e.message) : String(e), sides: newSides() };
      }
      out.postMessage(message);
      notify();
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
