/**
 * The worker thread of a {@link MonteCarloPool}: runs the shards it is handed (see runShard)
 * into the run's SharedArrayBuffer-backed arrays, then flags its slot in `ctrl` (1 done, 2
 * failed: the main thread reruns a failed shard itself, to throw the same error) and wakes the
 * main thread. Started by lib/sensitivity/pool.ts; not part of the library's exports.
 */
import { parentPort } from "node:worker_threads";
import type { CostModelInputs } from "./cost-model";
import { runShard, type ArraySource } from "./shards";

/** What the main thread posts for one run. */
export interface WorkerTask {
  readonly inputs: CostModelInputs;
  readonly n: number;
  readonly seed: number;
  readonly shards: number;
  readonly shardList: readonly number[];
  readonly columns: Record<string, SharedArrayBuffer>;
  readonly flags: Record<string, SharedArrayBuffer>;
  readonly acc: SharedArrayBuffer;
  /** Per shard in shardList: histogram counts of usdPerMTok and break-even, or null. */
  readonly counts: readonly ([SharedArrayBuffer, SharedArrayBuffer] | null)[];
  readonly ctrl: SharedArrayBuffer;
  readonly slot: number;
  /** The arrays kept whole (the others are the worker's own scratch), or null for all. */
  readonly keep: readonly string[] | null;
}

function sourceOf(task: WorkerTask): ArraySource {
  const get = <T>(m: Record<string, SharedArrayBuffer>, name: string, n: number, make: (b: SharedArrayBuffer) => T & { length: number }): T => {
    const b = m[name];
    if (b === undefined) throw new RangeError(`worker: no array ${name}`);
    const a = make(b);
    if (a.length !== n) throw new RangeError(`worker: ${name} of length ${a.length}, expected ${n}`);
    return a;
  };
  return {
    column: (name, n) => get(task.columns, name, n, (b) => new Float64Array(b)),
    flag: (name, n) => get(task.flags, name, n, (b) => new Uint8Array(b)),
  };
}

const port = parentPort;
if (port !== null) {
  port.on("message", (task: WorkerTask) => {
    const ctrl = new Int32Array(task.ctrl);
    let state = 1;
    try {
      const source = sourceOf(task);
      const acc = new Float64Array(task.acc);
      task.shardList.forEach((k, j) => {
        const c = task.counts[j];
        runShard(
          {
            inputs: task.inputs,
            n: task.n,
            seed: task.seed,
            shards: task.shards,
            k,
            acc,
            costCounts: c ? new Int32Array(c[0]) : null,
            breakEvenCounts: c ? new Int32Array(c[1]) : null,
            keep: task.keep,
          },
          source,
        );
      });
    } catch {
      state = 2;
    }
    Atomics.store(ctrl, task.slot, state);
    Atomics.notify(ctrl, task.slot);
  });
  port.postMessage("ready");
}
