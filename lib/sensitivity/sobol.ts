/**
 * Variance-based global sensitivity (Sobol indices), vectorized:
 *
 * - sampling (Saltelli 2002/2010): two independent N × d input matrices A and B from the inputs'
 *   distributions, and for each input i the matrix AB_i = A with column i taken from B;
 *   N × (d + 2) model runs, each a call of the model on whole columns;
 * - first-order index (Saltelli et al. 2010):  S_i  = mean((f(B) − m) × (f(AB_i) − f(A))) / V
 * - total index (Jansen 1999):                 ST_i = mean((f(A) − f(AB_i))²) / (2V)
 *   with m and V the mean and variance of f over A and B together. Subtracting m changes
 *   nothing in expectation (the indices do not depend on a shift of the output) but removes
 *   the estimator's noise proportional to the mean, which matters for outputs such as
 *   break-even volumes whose mean is large against their spread.
 *
 * S_i is the share of output variance due to input i alone; ST_i includes its interactions.
 * Estimates are Monte Carlo: they can fall slightly below 0 or above 1, and the error shrinks
 * as 1/√N (bootstrap intervals show how much). Base samples come from the seeded generator
 * (pseudo-random, not a quasi-random Sobol sequence).
 */
import * as aq from "arquero";
import { ModelInputError } from "../models/validate";
import type { VectorModel } from "./cost-model";
import { sampleInto, validateDistribution, type Distribution } from "./distributions";
import { Rng } from "./rng";

export interface SobolOptions {
  /** Base samples N (rows of A and B); the model runs N × (d + 2) times. */
  readonly n: number;
  readonly seed: number;
  /** Bootstrap resamples for confidence intervals. Default 0 (none). */
  readonly bootstrap?: number;
  /** Confidence level of the bootstrap intervals. Default 0.95. */
  readonly confidence?: number;
}

export interface SobolIndex {
  readonly input: string;
  /** First-order index S_i. */
  readonly firstOrder: number;
  /** Total-order index ST_i. */
  readonly total: number;
  /** Bootstrap percentile interval of S_i (null without bootstrap). */
  readonly firstOrderInterval: readonly [number, number] | null;
  readonly totalInterval: readonly [number, number] | null;
}

export interface SobolResult {
  readonly n: number;
  readonly seed: number;
  /** Model evaluations, N × (d + 2). */
  readonly evaluations: number;
  /** Mean and variance of the output over A and B. */
  readonly mean: number;
  readonly variance: number;
  /** One entry per input, in the order the inputs were given. */
  readonly indices: readonly SobolIndex[];
}

function run(model: VectorModel, columns: Record<string, Float64Array>, n: number, label: string): Float64Array {
  const out = new Float64Array(n);
  model(columns, out);
  let bad = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i])) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    throw new ModelInputError(
      "model output",
      out[first],
      `not finite in ${bad} of ${n} runs of ${label} (break-even "never" is +Infinity): narrow the inputs so it cannot happen, or study a finite output such as cost per Mtok`,
    );
  }
  return out;
}

interface Estimate {
  variance: number;
  mean: number;
  first: Float64Array;
  total: Float64Array;
}

/** The estimators over rows idx (all rows when idx is null). */
function estimate(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[], idx: Int32Array | null): Estimate {
  const n = fA.length;
  const d = fAB.length;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const i = idx === null ? r : idx[r];
    sum += fA[i] + fB[i];
  }
  const mean = sum / (2 * n);
  let ss = 0;
  for (let r = 0; r < n; r++) {
    const i = idx === null ? r : idx[r];
    const a = fA[i] - mean;
    const b = fB[i] - mean;
    ss += a * a + b * b;
  }
  const variance = ss / (2 * n);
  const first = new Float64Array(d);
  const total = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const fj = fAB[j];
    let s1 = 0;
    let st = 0;
    for (let r = 0; r < n; r++) {
      const i = idx === null ? r : idx[r];
      const a = fA[i];
      const ab = fj[i];
      s1 += (fB[i] - mean) * (ab - a);
      st += (a - ab) * (a - ab);
    }
    first[j] = s1 / n / variance;
    total[j] = st / (2 * n) / variance;
  }
  return { variance, mean, first, total };
}

function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < sorted.length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
}

/**
 * Sobol first-order and total indices of a vectorized model's output with respect to each input.
 * The model is called with one Float64Array per input name (length N) and writes N outputs; it
 * must give finite outputs (a break-even that can be "never" cannot have a variance).
 *
 * @example sobol(ishigami(), { x1: uniform(-π, π), x2: uniform(-π, π), x3: uniform(-π, π) }, { n: 100_000, seed: 1 })
 */
export function sobol(model: VectorModel, inputs: Readonly<Record<string, Distribution>>, options: SobolOptions): SobolResult {
  const { n, seed } = options;
  if (!Number.isInteger(n) || n < 2) throw new ModelInputError("n", n, "must be a whole number ≥ 2");
  const names = Object.keys(inputs);
  if (names.length === 0) throw new ModelInputError("inputs", "{}", "at least one input is needed");
  for (const name of names) validateDistribution(name, inputs[name]);
  const bootstrap = options.bootstrap ?? 0;
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new ModelInputError("bootstrap", bootstrap, "must be a whole number ≥ 0");
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new ModelInputError("confidence", confidence, "must be between 0 and 1");

  // A and B, each input from its own stream (A's then B's, in input order)
  const master = new Rng(seed);
  const A: Record<string, Float64Array> = {};
  const B: Record<string, Float64Array> = {};
  for (const name of names) {
    A[name] = new Float64Array(n);
    sampleInto(inputs[name], master.fork(), A[name], 0, n);
  }
  for (const name of names) {
    B[name] = new Float64Array(n);
    sampleInto(inputs[name], master.fork(), B[name], 0, n);
  }
  const fA = run(model, A, n, "A");
  const fB = run(model, B, n, "B");
  const fAB = names.map((name) => run(model, { ...A, [name]: B[name] }, n, `AB_${name}`));
  const point = estimate(fA, fB, fAB, null);
  if (!(point.variance > 0)) {
    throw new ModelInputError("model output", point.mean, "has zero variance over the samples: no index can be computed");
  }

  let intervals: { first: [number, number]; total: [number, number] }[] | null = null;
  if (bootstrap > 0) {
    const bootRng = master.fork();
    const firsts = names.map(() => new Float64Array(bootstrap));
    const totals = names.map(() => new Float64Array(bootstrap));
    const idx = new Int32Array(n);
    const u = new Float64Array(n);
    for (let b = 0; b < bootstrap; b++) {
      bootRng.fillUniform(u);
      for (let r = 0; r < n; r++) idx[r] = Math.floor(u[r] * n);
      const e = estimate(fA, fB, fAB, idx);
      for (let j = 0; j < names.length; j++) {
        firsts[j][b] = e.first[j];
        totals[j][b] = e.total[j];
      }
    }
    const lo = (1 - confidence) / 2;
    const hi = 1 - lo;
    intervals = names.map((_, j) => {
      const f = firsts[j].sort();
      const t = totals[j].sort();
      return { first: [quantileSorted(f, lo), quantileSorted(f, hi)], total: [quantileSorted(t, lo), quantileSorted(t, hi)] };
    });
  }

  return {
    n,
    seed,
    evaluations: n * (names.length + 2),
    mean: point.mean,
    variance: point.variance,
    indices: names.map((input, j) => ({
      input,
      firstOrder: point.first[j],
      total: point.total[j],
      firstOrderInterval: intervals ? intervals[j].first : null,
      totalInterval: intervals ? intervals[j].total : null,
    })),
  };
}

/**
 * The indices as an arquero table, one row per input sorted by total index (largest first):
 * input, firstOrder, total, and with bootstrap firstOrderLow/High, totalLow/High.
 */
export function sobolTable(result: SobolResult): aq.ColumnTable {
  const rows = [...result.indices].sort((a, b) => b.total - a.total);
  const cols: Record<string, (string | number | null)[]> = {
    input: rows.map((r) => r.input),
    firstOrder: rows.map((r) => r.firstOrder),
    total: rows.map((r) => r.total),
  };
  if (rows.some((r) => r.firstOrderInterval !== null)) {
    cols.firstOrderLow = rows.map((r) => r.firstOrderInterval?.[0] ?? null);
    cols.firstOrderHigh = rows.map((r) => r.firstOrderInterval?.[1] ?? null);
    cols.totalLow = rows.map((r) => r.totalInterval?.[0] ?? null);
    cols.totalHigh = rows.map((r) => r.totalInterval?.[1] ?? null);
  }
  return aq.table(cols);
}
