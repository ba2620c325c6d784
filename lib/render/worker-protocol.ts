/** Messages between the renderer (lib/render/pool.ts) and its worker processes (worker.ts). */
import type { CompileCacheOptions } from "./compile-cache";
import type { CellJob, NotebookRun } from "./execute";

/** Renderer -> worker: run one notebook, or exit. */
export type ToWorker =
  | { type: "run"; id: number; dir: string; cells: CellJob[]; cellTimeoutMs?: number; compileCache?: CompileCacheOptions }
  | { type: "exit" };

/** Worker -> renderer. */
export type FromWorker =
  /** Started; `note` says what the user should know about this worker (say, tslab's converter running unpatched). */
  | { type: "ready"; note?: string }
  | { type: "cell"; id: number; position: number; total: number }
  /** Cell `position`'s code starts running (its conversion done), or, after the last cell, the wait for its timers starts. */
  | { type: "running"; id: number; position: number; phase: "cell" | "timers" }
  | { type: "result"; id: number; run: NotebookRun }
  | { type: "crash"; id: number; message: string };

/** A cell may run this long by default (its conversion apart); RenderOptions.cellTimeoutMs. */
export const DEFAULT_CELL_TIMEOUT_MS = 300_000;
