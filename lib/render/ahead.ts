/**
 * Converting ahead: a render worker's cells are type-checked and transpiled on a thread of
 * their own (convert-thread.ts) while the worker's main thread runs the cells already
 * converted, and the next notebook's cells are converted while this one's run. tslab's
 * executor asks for each cell's conversion when it reaches the cell; here it gets the one the
 * thread made (waiting for it if need be), which is what converting the cell itself would give
 * (the same source after the same declarations, with the same converter).
 *
 * The thread leaves tslab's last step, turning the emitted JavaScript into CommonJS, to this
 * thread, which does it with tslab's own function as the pieces arrive (convert-thread.ts), and
 * stores the finished conversions in the compile cache.
 *
 * A notebook with a `@module` or `@browser` cell is not converted ahead: such a cell changes
 * the converter itself as it runs (see execute.ts, which converts those notebooks in-process).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "worker_threads";
import { CompileCache, type CellConversion, type CompileCacheOptions } from "./compile-cache";
import { isCommonJSToken, type Converted, type ConvertNotebook, type ToCommonJS } from "./convert-protocol";
import { loadTslabConverter } from "./tslab-converter";
import { createRequire } from "module";
import { executorConverters, sidesNotGiven } from "./sides";

/** Whether a notebook's cells can be converted ahead: none is a `@module` or `@browser` cell (tslab's own reading of the cell). */
export function convertibleAhead(sources: readonly string[]): boolean {
  const { getCodeMetadata } = createRequire(import.meta.url)("tslab/dist/metadata") as {
    getCodeMetadata(src: string): { module?: string; mode?: string };
  };
  return sources.every((src) => {
    const meta = getCodeMetadata(src);
    return !meta.module && meta.mode !== "browser";
  });
}

/** The thread, and what it has sent so far. */
export class AheadConverter {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  /** Conversions received, by notebook id and cell position. */
  private readonly received = new Map<number, Map<number, Converted>>();
  /** Every local module's JavaScript received, by absolute path. */
  private readonly sides = new Map<string, string>();
  /** The CommonJS made for each token not yet replaced (see convert-thread.ts). */
  private readonly commonJS = new Map<string, string>();
  /** The compile cache of each notebook submitted with one, by id. */
  private readonly caches = new Map<number, CompileCache>();
  private failure: string | null = null;

  /** @param warmDir a notebook folder whose converter the thread creates at once, before any notebook arrives. */
  constructor(warmDir?: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL("./convert-thread.mjs", import.meta.url), {
      workerData: { signal: this.signal.buffer, port: port2, warmDir },
      transferList: [port2],
    });
    this.worker.on("error", (e) => {
      this.failure = e instanceof Error ? (e.stack ?? e.message) : String(e);
      Atomics.add(this.signal, 0, 1);
      Atomics.notify(this.signal, 0);
    });
    this.worker.unref();
  }

  /** Starts converting a notebook's code cells (their sources, in order); returns its id for {@link AheadConverter.converterSet}. */
  submit(dir: string, sources: readonly string[], compileCache?: CompileCacheOptions): number {
    const id = this.nextId++;
    this.received.set(id, new Map());
    if (compileCache !== undefined) this.caches.set(id, new CompileCache(compileCache, dir));
    this.worker.postMessage({ id, dir, sources, compileCache } satisfies ConvertNotebook);
    return id;
  }

  /**
   * A converter set for tslab's executor running notebook `id`: its n-th `convert` call is the
   * thread's conversion of cell n. Each executor is handed every local module's JavaScript it
   * has not been given yet, as execute.ts does with a shared converter.
   */
  converterSet(id: number, timeoutMs: number): object {
    const given = new Map<string, string>();
    let position = 0;
    const node = {
      convert: (prevDecl: string, src: string): CellConversion => {
        const converted = this.take(id, position++, timeoutMs);
        if (converted.prevDecl !== prevDecl) {
          throw new Error(`converting ahead: cell ${position} was converted after other declarations than the executor's (a bug in the renderer)`);
        }
        if (converted.error !== undefined) throw new Error(`converting cell ${position} failed: ${converted.error}`);
        if (converted.source !== src) throw new Error(`converting ahead: cell ${position} was converted from another source than the executor's (a bug in the renderer)`);
        return { ...converted.conversion!, sideOutputs: sidesNotGiven(this.sides, given) };
      },
      addModule: (): never => {
        throw new Error("converting ahead: a @module cell (the renderer should have converted this notebook in-process)");
      },
      close: () => {},
    };
    return executorConverters(node);
  }

  /** Forgets a notebook's conversions (those of cells it never reached included). */
  release(id: number): void {
    this.received.delete(id);
  }

  /** The CommonJS for a token, made when its ToCommonJS message came (before the conversion holding it); any other string as it is. */
  private resolve(text: string): string;
  private resolve(text: string | undefined): string | undefined;
  private resolve(text: string | undefined): string | undefined {
    if (!isCommonJSToken(text)) return text;
    const made = this.commonJS.get(text);
    if (made === undefined) throw new Error(`converting ahead: no CommonJS for ${JSON.stringify(text)} (a bug in the renderer)`);
    this.commonJS.delete(text);
    return made;
  }

  /** Cell `position` of notebook `id`, waiting (blocking: the executor's convert is synchronous) until the thread has sent it. */
  private take(id: number, position: number, timeoutMs: number): Converted {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const have = this.received.get(id)?.get(position);
      if (have !== undefined) return have;
      const seen = Atomics.load(this.signal, 0);
      // drain whatever has arrived, then wait for the thread's next signal
      let got = false;
      for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
        got = true;
        this.accept(m.message as Converted | ToCommonJS | { fatal: string });
      }
      if (this.failure !== null) throw new Error(`the conversion thread stopped: ${this.failure}`);
      if (got) continue;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`converting ahead: no conversion of cell ${position + 1} after ${timeoutMs} ms`);
      Atomics.wait(this.signal, 0, seen, Math.min(left, 1000));
    }
  }

  private accept(message: Converted | ToCommonJS | { fatal: string }): void {
    if ("fatal" in message) {
      this.failure = message.fatal;
      return;
    }
    if ("token" in message) {
      const { esModuleToCommonJSModule } = loadTslabConverter().module;
      this.commonJS.set(message.token, esModuleToCommonJSModule(message.js, message.target));
      return;
    }
    for (const [path, data] of message.sides) this.sides.set(path, this.resolve(data));
    let converted = message;
    if (message.conversion !== undefined) {
      const conversion = { ...message.conversion, output: this.resolve(message.conversion.output) };
      converted = { ...message, conversion };
      if (message.cacheKey !== undefined) {
        const { output, declOutput, hasToplevelAwait, lastExpressionVar } = conversion;
        this.caches.get(message.id)?.put(message.cacheKey, { output, declOutput, hasToplevelAwait, lastExpressionVar }, this.sides);
      }
    }
    this.received.get(message.id)?.set(message.position, converted);
  }
}
