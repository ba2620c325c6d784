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
import { sampleCostModel, type CostModelInput, type CostModelInputs } from "./cost-model";
import { BUCKETING_FROM, Histogram, percentiles as percentilesOf } from "./percentile";
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
  /** Arrays to reuse across runs of the same n (see {@link Workspace}). */
  readonly workspace?: Workspace;
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

export interface MonteCarloResult {
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
 * Running totals over results [start, end): acc[0] += Σ usdPerMTok (in draw order, so the mean
 * is the same as {@link band}'s), acc[1] += self-host wins, acc[2] += never.
 */
function accumulate(acc: Float64Array, cost: Float64Array, wins: Uint8Array, never: Uint8Array, start: number, end: number): void {
  let s = acc[0];
  let w = 0;
  let v = 0;
  for (let i = start; i < end; i++) {
    s += cost[i];
    w += wins[i];
    v += never[i];
  }
  acc[0] = s;
  acc[1] += w;
  acc[2] += v;
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
export function monteCarlo(inputs: CostModelInputs, options: MonteCarloOptions): MonteCarloResult {
  const { n, seed } = options;
  if (!Number.isInteger(n) || n < 1) throw new ModelInputError("n", n, "must be a whole number ≥ 1");
  const list = percentileList(options.percentiles);
  // fresh arrays need no zeroing: every element is written (drawn, filled or computed) before it is read
  const workspace = options.workspace ?? new Workspace(true);
  const results: ScenarioResults = {
    usdPerMTok: workspace.column("out:usdPerMTok", n),
    marginalUsdPerMTok: workspace.column("out:marginalUsdPerMTok", n),
    fixedUsdPerMonth: workspace.column("out:fixedUsdPerMonth", n),
    breakEvenTokensPerMonth: workspace.column("out:breakEvenTokensPerMonth", n),
    never: workspace.flag("out:never", n),
    selfHostWins: workspace.flag("out:selfHostWins", n),
  };
  // summarized chunk by chunk while the results are in cache: sum, counts, and histograms for
  // the percentiles (exact; one more pass over each column to gather the few values needed)
  const acc = new Float64Array(3);
  const costHistogram = n >= BUCKETING_FROM ? new Histogram(results.usdPerMTok) : null;
  const breakEvenHistogram = n >= BUCKETING_FROM ? new Histogram(results.breakEvenTokensPerMonth) : null;
  const drawn = sampleCostModel(inputs, n, seed, workspace, results, (start, end) => {
    accumulate(acc, results.usdPerMTok, results.selfHostWins, results.never, start, end);
    if (costHistogram !== null && breakEvenHistogram !== null) {
      costHistogram.add(start, end);
      breakEvenHistogram.add(start, end);
    }
  });
  const wins = acc[1];
  const bandsAsked = options.bands ?? (inputs.tokensPerSecond === undefined ? (["tokensPerSecond"] as const) : []);
  const bands: Partial<Record<BandOutput, Band>> = {};
  const usdPerMTok = bandFrom(list, costHistogram ? costHistogram.percentiles(list) : percentilesOf(results.usdPerMTok, list), acc[0] / n);
  const breakEvenTokensPerMonth = breakEvenBandFrom(
    list,
    breakEvenHistogram ? breakEvenHistogram.percentiles(list) : percentilesOf(results.breakEvenTokensPerMonth, list),
    acc[2] / n,
  );
  for (const b of bandsAsked) {
    if (b === "usdPerMTok") bands.usdPerMTok = usdPerMTok;
    else if (b === "tokensPerSecond" || b === "apiUsdPerMTok") bands[b] = band(drawn.columns[b], list);
    else if (b === "marginalUsdPerMTok" || b === "fixedUsdPerMonth") bands[b] = band(results[b], list);
    else throw new ModelInputError("bands", b, "must be usdPerMTok, marginalUsdPerMTok, fixedUsdPerMonth, tokensPerSecond or apiUsdPerMTok");
  }
  return {
    n,
    seed,
    usdPerMTok,
    breakEvenTokensPerMonth,
    pSelfHostWins: wins / n,
    bands,
    draws: { inputs: drawn.inputs, columns: drawn.columns, results },
  };
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
export function monteCarloTable(result: MonteCarloResult): aq.ColumnTable {
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
