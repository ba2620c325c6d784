/**
 * Monte Carlo of the owned-hardware cost model and the bandwidth model: n scenarios drawn from
 * the inputs' distributions, evaluated column-wise, summarized as percentile bands of cost per
 * million tokens and break-even volume, and the probability that self-hosting wins.
 *
 * Reproducible: the same inputs, n and seed give the same draws and the same figures.
 */
import * as aq from "arquero";
import { type ScenarioColumns, type ScenarioResults } from "../models/vectorized";
import { ModelInputError } from "../models/validate";
import { costModelColumns, ScratchWorkspace, validateCostModelInputs, type CostModelInput, type CostModelInputs } from "./cost-model";
import { BUCKETING_FROM, HISTOGRAM_BUCKETS, Histogram, percentiles as percentilesOf } from "./percentile";
import { readyMonteCarloPool, type MonteCarloPool } from "./pool";
import { resultColumns, runShard, shardRange, type ShardJob } from "./shards";
import { Workspace } from "./workspace";

/** Outputs that can be given a band besides cost per million tokens. */
export type BandOutput = "usdPerMTok" | "marginalUsdPerMTok" | "fixedUsdPerMonth" | "tokensPerSecond" | "apiUsdPerMTok";

export interface MonteCarloOptions {
  /** Number of draws. */
  readonly n: number;
  /** Seed of the generator. */
  readonly seed: number;
  /** Percentiles (0–100) to report besides 5, 50 and 95. */
  readonly percentiles?: readonly number[];
  /**
   * Outputs to give a band besides usdPerMTok and break-even. Default: tokensPerSecond when it
   * comes from the bandwidth model, else none.
   */
  readonly bands?: readonly BandOutput[];
  /** Arrays to reuse across runs of the same n (see {@link Workspace}; a shared one for threads > 1). */
  readonly workspace?: Workspace;
  /**
   * Contiguous ranges the draws are split into, each drawn from its own streams (forked from the
   * seed and the shard's index; shard 0 keeps the seed's), default 1. The figures depend on
   * inputs, n, seed and shards only: never on how many threads ran the shards.
   */
  readonly shards?: number;
  /**
   * Threads to run the shards on, the main thread included (default 1: in sequence, in-process).
   * Uses `pool`, else the module's pool once started and ready ({@link startMonteCarloPool});
   * without one, or with a workspace that is not shared, the shards run in-process: same figures.
   */
  readonly threads?: number;
  /** Worker threads to use for threads > 1 (see {@link MonteCarloPool}). */
  readonly pool?: MonteCarloPool;
  /**
   * Keep every draw (default true): the result's `draws` holds every input, model column and
   * result. With false, only the summary is returned, and only the columns it needs (cost per
   * million tokens, break-even, the bands asked for) are written whole; the others live one
   * chunk at a time in scratch arrays that stay in cache. The same draws and the same figures.
   */
  readonly draws?: boolean;
}

/** A percentile band of a numeric output. */
export interface Band {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  /** Every percentile computed (5, 50, 95 and those asked for), ascending by p. */
  readonly percentiles: readonly { readonly p: number; readonly value: number }[];
}

/**
 * Percentiles of break-even volume, "never" draws counted as above every volume: a percentile
 * that lands among them is null (no break-even), not Infinity.
 */
export interface BreakEvenBand {
  /** Share of draws with no break-even (API at or below the marginal cost). */
  readonly pNever: number;
  readonly p5: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly percentiles: readonly { readonly p: number; readonly value: number | null }[];
}

/** A study's summary (what {@link monteCarlo} returns with `draws: false`). */
export interface MonteCarloSummary {
  readonly n: number;
  readonly seed: number;
  /** All-in cost per million tokens at each draw's utilization, USD. */
  readonly usdPerMTok: Band;
  /** Break-even tokens per month. */
  readonly breakEvenTokensPerMonth: BreakEvenBand;
  /** Share of draws where self-hosting costs less per token than the API at the draw's utilization. */
  readonly pSelfHostWins: number;
  /** Further bands (options.bands). */
  readonly bands: Readonly<Partial<Record<BandOutput, Band>>>;
}

/** A study's summary and its draws. */
export interface MonteCarloResult extends MonteCarloSummary {
  /** The draws themselves: inputs, model columns and results (views into the workspace, if one was given). */
  readonly draws: {
    readonly inputs: Readonly<Partial<Record<CostModelInput, Float64Array>>>;
    readonly columns: ScenarioColumns;
    readonly results: ScenarioResults;
  };
}

const BASE_PERCENTILES = [5, 50, 95];

function percentileList(extra: readonly number[] | undefined): number[] {
  const all = new Set<number>(BASE_PERCENTILES);
  for (const p of extra ?? []) {
    if (typeof p !== "number" || !(p >= 0 && p <= 100)) throw new ModelInputError("percentiles", p, "each must be between 0 and 100");
    all.add(p);
  }
  return [...all].sort((a, b) => a - b);
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** The band of one output over all draws, at the given percentiles (which include 5, 50, 95). */
export function band(values: Float64Array, ps: readonly number[] = BASE_PERCENTILES): Band {
  const list = percentileList(ps);
  return bandFrom(list, percentilesOf(values, list), mean(values));
}

function bandFrom(list: readonly number[], v: readonly number[], meanValue: number): Band {
  const at = (p: number) => v[list.indexOf(p)];
  return { mean: meanValue, p5: at(5), p50: at(50), p95: at(95), percentiles: list.map((p, i) => ({ p, value: v[i] })) };
}

/** The break-even band: +Infinity (never) ordered last and reported as null. */
export function breakEvenBand(tokensPerMonth: Float64Array, never: Uint8Array, ps: readonly number[] = BASE_PERCENTILES): BreakEvenBand {
  const list = percentileList(ps);
  let nNever = 0;
  for (let i = 0; i < never.length; i++) nNever += never[i];
  return breakEvenBandFrom(list, percentilesOf(tokensPerMonth, list), nNever / never.length);
}

function breakEvenBandFrom(list: readonly number[], values: readonly number[], pNever: number): BreakEvenBand {
  const v = values.map((x) => (x === Infinity ? null : x));
  const at = (p: number) => v[list.indexOf(p)];
  return { pNever, p5: at(5), p50: at(50), p95: at(95), percentiles: list.map((p, i) => ({ p, value: v[i] })) };
}

/**
 * Runs the study: samples every input (see {@link sampleCostModel}), evaluates the cost model
 * for every draw with {@link evaluateScenarios}, and summarizes.
 *
 * @example monteCarlo({ hardwareUsd: triangular(3000, 3500, 4200), lifeMonths: uniform(24, 48),
 *   loadWatts: 1100, usdPerKWh: lognormal(0.177, 0.25), utilization: uniform(0.02, 1),
 *   hoursPerMonth: 730, tokensPerSecond: triangular(90, 124, 140), apiUsdPerMTok: 5 },
 *   { n: 100_000, seed: 42 }).usdPerMTok.p50
 */
/** Most draws one run takes with its draws kept (about 160 bytes each: 3.2 GB). */
export const MAX_DRAWS_KEPT = 20_000_000;
/** Most draws one run takes for a summary alone (about 40 bytes each while it runs: 8 GB). */
export const MAX_DRAWS_SUMMARY = 200_000_000;

export function monteCarlo(inputs: CostModelInputs, options: MonteCarloOptions & { readonly draws: false }): MonteCarloSummary;
export function monteCarlo(inputs: CostModelInputs, options: MonteCarloOptions & { readonly draws?: true }): MonteCarloResult;
export function monteCarlo(inputs: CostModelInputs, options: MonteCarloOptions): MonteCarloSummary | MonteCarloResult;
export function monteCarlo(inputs: CostModelInputs, options: MonteCarloOptions): MonteCarloSummary | MonteCarloResult {
  const { n, seed } = options;
  const keepDraws = options.draws ?? true;
  if (typeof keepDraws !== "boolean") throw new ModelInputError("draws", keepDraws, "must be true or false");
  if (!Number.isInteger(n) || n < 1) throw new ModelInputError("n", n, "must be a whole number ≥ 1");
  const most = keepDraws ? MAX_DRAWS_KEPT : MAX_DRAWS_SUMMARY;
  if (n > most) {
    throw new ModelInputError("n", n, `at most ${most.toLocaleString("en-US")} draws ${keepDraws ? "when the draws are kept (each keeps about 160 bytes; pass draws: false for the summary alone, up to " + MAX_DRAWS_SUMMARY.toLocaleString("en-US") + ")" : "for a summary (each needs about 40 bytes while it runs)"}`);
  }
  const shards = options.shards ?? 1;
  if (!Number.isInteger(shards) || shards < 1) throw new ModelInputError("shards", shards, "must be a whole number ≥ 1");
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new ModelInputError("threads", threads, "must be a whole number ≥ 1");
  const list = percentileList(options.percentiles);
  validateCostModelInputs(inputs);
  const bandsAsked = options.bands ?? (inputs.tokensPerSecond === undefined ? (["tokensPerSecond"] as const) : []);
  for (const b of bandsAsked) {
    if (!(BAND_OUTPUTS as readonly unknown[]).includes(b)) throw new ModelInputError("bands", b, `must be ${BAND_OUTPUTS.join(", ")}`);
  }
  // without the draws, only the arrays the summary reads are kept whole
  const keep = keepDraws ? null : keptArrays(bandsAsked);
  const pool = threads > 1 && shards > 1 ? (options.pool ?? readyMonteCarloPool()) : null;
  let workers = pool === null ? 0 : Math.min(pool.size, threads - 1, shards - 1);
  if (options.workspace !== undefined && !options.workspace.shared) workers = 0;
  // fresh arrays need no zeroing: every element is written (drawn, filled or computed) before it is read
  const workspace = options.workspace ?? (workers > 0 ? new Workspace(false, true) : new Workspace(true));
  const arrays = keep === null ? workspace : new ScratchWorkspace(workspace, new Set(keep), new Workspace());
  const drawn = costModelColumns(inputs, n, arrays);
  const results = resultColumns(arrays, n);
  // each shard summarizes its chunks while they are in cache: sums, counts, and histograms for
  // the percentiles (exact; one more pass over each column to gather the few values needed)
  const bucketing = n >= BUCKETING_FROM;
  const costHistogram = bucketing ? new Histogram(results.usdPerMTok) : null;
  const breakEvenHistogram = bucketing ? new Histogram(results.breakEvenTokensPerMonth) : null;
  const acc = new Float64Array(workers > 0 ? (new SharedArrayBuffer(24 * shards) as unknown as ArrayBuffer) : new ArrayBuffer(24 * shards));
  const sizeOf = (k: number) => {
    const [a, b] = shardRange(n, shards, k);
    return b - a;
  };
  /** Shard k in-process, counting into the run's histograms. */
  const inProcess = (k: number) => {
    const job: ShardJob = { inputs, n, seed, shards, k, acc, keep, costCounts: costHistogram?.counts ?? null, breakEvenCounts: breakEvenHistogram?.counts ?? null };
    runShard(job, workspace);
    costHistogram?.absorb({ counts: costHistogram.counts, size: sizeOf(k) });
    breakEvenHistogram?.absorb({ counts: breakEvenHistogram.counts, size: sizeOf(k) });
  };
  // shard k runs on thread k mod (workers + 1); thread 0 is this one
  const T = workers + 1;
  const failed = new Set<number>();
  let ctrl: Int32Array | null = null;
  const counts = new Map<number, [Int32Array, Int32Array]>();
  if (workers > 0) {
    const buffers = workspace.sharedBuffers(n);
    ctrl = new Int32Array(new SharedArrayBuffer(4 * workers));
    const messages = [];
    for (let j = 1; j <= workers; j++) {
      const shardList: number[] = [];
      for (let k = j; k < shards; k += T) shardList.push(k);
      const c = shardList.map((k) => {
        if (!bucketing) return null;
        const pair: [SharedArrayBuffer, SharedArrayBuffer] = [new SharedArrayBuffer(4 * HISTOGRAM_BUCKETS), new SharedArrayBuffer(4 * HISTOGRAM_BUCKETS)];
        counts.set(k, [new Int32Array(pair[0]), new Int32Array(pair[1])]);
        return pair;
      });
      messages.push({ inputs, n, seed, shards, shardList, columns: buffers.columns, flags: buffers.flags, acc: acc.buffer, counts: c, ctrl: ctrl.buffer, slot: j - 1, keep });
    }
    if (!pool!.post(messages)) {
      workers = 0;
      ctrl = null;
    }
  }
  const T2 = workers + 1;
  let mainError: { k: number; error: unknown } | null = null;
  for (let k = 0; k < shards; k += T2) {
    try {
      inProcess(k);
    } catch (error) {
      mainError = { k, error };
      break;
    }
  }
  if (ctrl !== null) {
    const deadline = Date.now() + 60_000 + n * 0.01;
    let hung = false;
    for (let j = 1; j <= workers; j++) {
      while (Atomics.load(ctrl, j - 1) === 0) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        Atomics.wait(ctrl, j - 1, 0, left);
      }
      const state = Atomics.load(ctrl, j - 1);
      for (let k = j; k < shards; k += T) {
        if (state === 1) {
          const c = counts.get(k);
          if (c !== undefined) {
            costHistogram!.absorb({ counts: c[0], size: sizeOf(k) });
            breakEvenHistogram!.absorb({ counts: c[1], size: sizeOf(k) });
          }
        } else failed.add(k);
      }
      if (state === 0) hung = true;
    }
    if (hung) void pool!.close(); // a worker that never answered may still be writing: use the pool no more
    else if (failed.size === 0) pool!.runs++;
  }
  // shards that failed in a worker run again here, in shard order, so that a run throws the
  // error it would throw in sequence (the first shard's to fail)
  for (let k = 0; k < shards; k++) {
    if (mainError !== null && mainError.k === k) throw mainError.error;
    if (failed.has(k)) inProcess(k);
  }
  let sum = 0;
  let wins = 0;
  let never = 0;
  for (let k = 0; k < shards; k++) {
    sum += acc[3 * k];
    wins += acc[3 * k + 1];
    never += acc[3 * k + 2];
  }
  const bands: Partial<Record<BandOutput, Band>> = {};
  const usdPerMTok = bandFrom(list, costHistogram ? costHistogram.percentiles(list) : percentilesOf(results.usdPerMTok, list), sum / n);
  const breakEvenTokensPerMonth = breakEvenBandFrom(
    list,
    breakEvenHistogram ? breakEvenHistogram.percentiles(list) : percentilesOf(results.breakEvenTokensPerMonth, list),
    never / n,
  );
  for (const b of bandsAsked) {
    if (b === "usdPerMTok") bands.usdPerMTok = usdPerMTok;
    else if (b === "tokensPerSecond" || b === "apiUsdPerMTok") bands[b] = band(drawn.columns[b], list);
    else bands[b] = band(results[b], list);
  }
  const summary: MonteCarloSummary = { n, seed, usdPerMTok, breakEvenTokensPerMonth, pSelfHostWins: wins / n, bands };
  if (!keepDraws) return summary;
  return { ...summary, draws: { inputs: drawn.inputs, columns: drawn.columns, results } };
}

const BAND_OUTPUTS: readonly BandOutput[] = ["usdPerMTok", "marginalUsdPerMTok", "fixedUsdPerMonth", "tokensPerSecond", "apiUsdPerMTok"];

/** The workspace names of the arrays a summary reads: cost and break-even, and each band's column. */
function keptArrays(bandsAsked: readonly BandOutput[]): string[] {
  const keep = ["out:usdPerMTok", "out:breakEvenTokensPerMonth"];
  for (const b of bandsAsked) {
    if (b === "tokensPerSecond" || b === "apiUsdPerMTok") keep.push(`in:${b}`, `derived:${b}`);
    else if (b === "marginalUsdPerMTok" || b === "fixedUsdPerMonth") keep.push(`out:${b}`);
  }
  return keep;
}

function pName(p: number): string {
  return `p${p}`;
}

/**
 * The summary as an arquero table, one row per output (usdPerMTok, breakEvenTokensPerMonth,
 * then the extra bands) with columns output, mean, p5 … p95 (and the others asked for),
 * pNever and pSelfHostWins. Break-even percentiles that fall on "never" are null; its mean is
 * null (undefined with never draws).
 */
export function monteCarloTable(result: MonteCarloSummary): aq.ColumnTable {
  const rows: { output: string; mean: number | null; values: readonly { p: number; value: number | null }[]; pNever: number | null }[] = [
    { output: "usdPerMTok", mean: result.usdPerMTok.mean, values: result.usdPerMTok.percentiles, pNever: null },
    { output: "breakEvenTokensPerMonth", mean: null, values: result.breakEvenTokensPerMonth.percentiles, pNever: result.breakEvenTokensPerMonth.pNever },
  ];
  for (const [name, b] of Object.entries(result.bands) as [BandOutput, Band][]) {
    if (name !== "usdPerMTok") rows.push({ output: name, mean: b.mean, values: b.percentiles, pNever: null });
  }
  const cols: Record<string, (string | number | null)[]> = { output: rows.map((r) => r.output), mean: rows.map((r) => r.mean) };
  for (const { p } of result.usdPerMTok.percentiles) {
    cols[pName(p)] = rows.map((r) => r.values.find((x) => x.p === p)?.value ?? null);
  }
  cols.pNever = rows.map((r) => r.pNever);
  cols.pSelfHostWins = rows.map(() => result.pSelfHostWins);
  return aq.table(cols);
}

/**
 * Every draw as an arquero table (columns are the typed arrays themselves, not copies): the
 * inputs given, tokensPerSecond and apiUsdPerMTok as the model saw them, and the results
 * (breakEvenTokensPerMonth is +Infinity where never = 1).
 */
export function drawsTable(result: MonteCarloResult): aq.ColumnTable {
  const cols: Record<string, Float64Array | Uint8Array> = {};
  for (const [name, col] of Object.entries(result.draws.inputs)) if (col) cols[name] = col;
  cols.tokensPerSecond = result.draws.columns.tokensPerSecond;
  cols.apiUsdPerMTok = result.draws.columns.apiUsdPerMTok;
  const r = result.draws.results;
  cols.usdPerMTok = r.usdPerMTok;
  cols.marginalUsdPerMTok = r.marginalUsdPerMTok;
  cols.fixedUsdPerMonth = r.fixedUsdPerMonth;
  cols.breakEvenTokensPerMonth = r.breakEvenTokensPerMonth;
  cols.never = r.never;
  cols.selfHostWins = r.selfHostWins;
  return aq.table(cols);
}
