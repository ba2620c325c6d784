/**
 * The messages between a render worker's main thread (ahead.ts) and its conversion thread
 * (convert-thread.ts). No side effects: both load it.
 */
import type { CellConversion, CompileCacheOptions } from "./compile-cache";

/** A notebook to convert (main thread → conversion thread). */
export interface ConvertNotebook {
  readonly id: number;
  readonly dir: string;
  readonly sources: readonly string[];
  readonly compileCache?: CompileCacheOptions;
}

/** tslab's conversion of one cell, its local modules sent apart (in `Converted.sides`). */
export type Conversion = Omit<CellConversion, "sideOutputs">;

/** One converted cell (conversion thread → main thread); `sides` are the local modules' JavaScript first seen since the last message. */
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
  /** The compile-cache key under which the main thread stores this conversion, once its CommonJS is made. */
  readonly cacheKey?: string;
}

/** JavaScript to turn into CommonJS (conversion thread → main thread), before the conversion that holds `token` in its place. */
export interface ToCommonJS {
  readonly token: string;
  readonly js: string;
  readonly target: number;
}

/** What stands in a conversion for the CommonJS of the ToCommonJS message `n`. */
export const commonJSToken = (n: number): string => `\u0000tslab-commonjs:${n}`;

/** Whether a string of a conversion is such a token. */
export const isCommonJSToken = (s: string | undefined): s is string => s !== undefined && s.startsWith("\u0000tslab-commonjs:");
