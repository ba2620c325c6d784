/**
 * Shards of a Monte Carlo run: the n draws split into contiguous ranges, each drawn from its own
 * streams (forked from the seed and the shard's index) and summarized on its own (sums and
 * histogram counts), so that the shards can run in any order, on any thread, with the same
 * numbers. Shard 0 keeps the run's seed: with one shard a run is what it was before shards.
 */
import type { ScenarioResults } from "../models/vectorized";
import { sampleCostModel, ScratchWorkspace, type CostModelInputs } from "./cost-model";
import { Histogram } from "./percentile";
import { Rng } from "./rng";
import { Workspace } from "./workspace";

/** Where arrays of the whole run come from (a {@link Workspace}, or the arrays a worker was handed). */
export interface ArraySource {
  column(name: string, n: number): Float64Array;
  flag(name: string, n: number): Uint8Array;
}

/** Draws [start, end) of shard `k` of `shards` over n draws. */
export function shardRange(n: number, shards: number, k: number): [number, number] {
  return [Math.floor((k * n) / shards), Math.floor(((k + 1) * n) / shards)];
}

/**
 * The seed of shard k's streams: the seed itself for shard 0; else the k-th pair of outputs of
 * the seed's generator after its first 64 outputs (sampleCostModel forks its input streams
 * from the first 36), so every shard's streams are seeded apart from the others'.
 */
export function shardSeed(seed: number, k: number): number {
  if (k === 0) return seed;
  const g = new Rng(seed);
  for (let i = 0; i < 64 + 2 * (k - 1); i++) g.nextUint32();
  return g.nextUint32() * 2097152 + (g.nextUint32() >>> 11);
}

/** The result arrays of a run, from `workspace` (names `out:<output>`). */
export function resultColumns(workspace: ArraySource, n: number): ScenarioResults {
  return {
    usdPerMTok: workspace.column("out:usdPerMTok", n),
    marginalUsdPerMTok: workspace.column("out:marginalUsdPerMTok", n),
    fixedUsdPerMonth: workspace.column("out:fixedUsdPerMonth", n),
    breakEvenTokensPerMonth: workspace.column("out:breakEvenTokensPerMonth", n),
    never: workspace.flag("out:never", n),
    selfHostWins: workspace.flag("out:selfHostWins", n),
  };
}

/** A workspace whose arrays are the views [start, end) of a whole run's arrays of length `total`. */
export class RangeWorkspace extends Workspace {
  constructor(
    private readonly source: ArraySource,
    private readonly total: number,
    private readonly start: number,
    private readonly end: number,
  ) {
    super();
  }

  private check(name: string, n: number): void {
    if (n !== this.end - this.start) throw new RangeError(`RangeWorkspace: ${name} of length ${n}, expected ${this.end - this.start}`);
  }

  override column(name: string, n: number): Float64Array {
    this.check(name, n);
    return this.source.column(name, this.total).subarray(this.start, this.end);
  }

  override flag(name: string, n: number): Uint8Array {
    this.check(name, n);
    return this.source.flag(name, this.total).subarray(this.start, this.end);
  }
}

/** One shard's job. */
export interface ShardJob {
  readonly inputs: CostModelInputs;
  readonly n: number;
  readonly seed: number;
  readonly shards: number;
  readonly k: number;
  /** Receives the shard's [Σ usdPerMTok, self-host wins, never] at 3k, 3k + 1, 3k + 2. */
  readonly acc: Float64Array;
  /** Histogram counts of the shard's usdPerMTok and break-even (zeros to start), or null when not bucketing. */
  readonly costCounts: Int32Array | null;
  readonly breakEvenCounts: Int32Array | null;
  /**
   * Names of the only arrays kept whole (the rest are scratch, one chunk long, this thread's
   * own), or null to keep every array: the draws are the same either way.
   */
  readonly keep: readonly string[] | null;
}

/** This thread's scratch arrays (one chunk long), reused run after run. */
const SCRATCH = new Workspace();

/**
 * Draws, evaluates and summarizes shard k into the whole run's arrays in `source`: sums in draw
 * order into acc, values counted into the histogram counts. Throws as sampleCostModel does.
 */
export function runShard(job: ShardJob, source: ArraySource): void {
  const { inputs, n, shards, k, acc } = job;
  const [start, end] = shardRange(n, shards, k);
  if (end <= start) return;
  const len = end - start;
  const range = new RangeWorkspace(source, n, start, end);
  const view = job.keep === null ? range : new ScratchWorkspace(range, new Set(job.keep), SCRATCH);
  const results = resultColumns(view, len);
  const costHistogram = job.costCounts ? new Histogram(results.usdPerMTok, job.costCounts) : null;
  const breakEvenHistogram = job.breakEvenCounts ? new Histogram(results.breakEvenTokensPerMonth, job.breakEvenCounts) : null;
  let s = 0;
  let w = 0;
  let v = 0;
  sampleCostModel(inputs, len, shardSeed(job.seed, k), view, results, (a, b, chunk) => {
    const cost = chunk.usdPerMTok;
    const wins = chunk.selfHostWins;
    const never = chunk.never;
    for (let i = 0; i < b - a; i++) {
      s += cost[i];
      w += wins[i];
      v += never[i];
    }
    if (costHistogram !== null && breakEvenHistogram !== null) {
      costHistogram.add(a, b);
      breakEvenHistogram.add(a, b);
    }
  });
  acc[3 * k] = s;
  acc[3 * k + 1] = w;
  acc[3 * k + 2] = v;
}
