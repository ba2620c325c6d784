/**
 * Summaries of a column of numbers, pandas `describe()` style: count, mean, std, min, p5, p25,
 * p50, p75, p95, max.
 *
 * - {@link summarize} / {@link summarizeColumns}: no dependencies beyond arquero.
 * - {@link describeWithDanfo}: the same through danfojs-node's DataFrame.describe(), for Jupyter
 *   users who want a danfo DataFrame. danfojs-node is loaded only when that function is called
 *   (a dynamic import), so importing lib/sensitivity never loads it, and it is an optional
 *   dependency: the function throws a clear error when it is not installed.
 */
import * as aq from "arquero";
import { percentiles } from "./percentile";

/** The statistics, in pandas' order (with p5 and p95 added). */
export const SUMMARY_STATISTICS = ["count", "mean", "std", "min", "p5", "p25", "p50", "p75", "p95", "max"] as const;
export type SummaryStatistic = (typeof SUMMARY_STATISTICS)[number];

/** The summary of one column. std is the sample standard deviation (n − 1), as in pandas. */
export type Summary = Readonly<Record<SummaryStatistic, number>>;

/**
 * Summary statistics of the values, skipping NaN (as pandas does; count is the values kept).
 * ±Infinity is kept (it makes mean and std infinite or NaN, and shows in min/max). With no values,
 * count is 0 and every other statistic NaN; with one value std is NaN.
 *
 * @example summaryStats([1, 2, 3, 4]) // { count: 4, mean: 2.5, std: 1.29, min: 1, p5: 1.15, p25: 1.75, p50: 2.5, … }
 */
export function summaryStats(values: ArrayLike<number>): Summary {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) kept++;
  const a = new Float64Array(kept);
  let j = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      a[j++] = v;
      sum += v;
    }
  }
  if (kept === 0) {
    return { count: 0, mean: NaN, std: NaN, min: NaN, p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, max: NaN };
  }
  const mean = sum / kept;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < kept; i++) {
    const d = a[i] - mean;
    ss += d * d;
    if (a[i] < min) min = a[i];
    if (a[i] > max) max = a[i];
  }
  const [p5, p25, p50, p75, p95] = percentiles(a, [5, 25, 50, 75, 95]);
  return { count: kept, mean, std: kept > 1 ? Math.sqrt(ss / (kept - 1)) : NaN, min, p5, p25, p50, p75, p95, max };
}

/**
 * The summary of one column as an arquero table with columns `statistic` and `value` (one row
 * per statistic, as pandas prints a Series' describe()).
 */
export function summarize(values: ArrayLike<number>): aq.ColumnTable {
  const s = summaryStats(values);
  return aq.table({ statistic: [...SUMMARY_STATISTICS], value: SUMMARY_STATISTICS.map((k) => s[k]) });
}

/**
 * Several columns side by side, as pandas' DataFrame.describe(): a `statistic` column and one
 * column per input name.
 */
export function summarizeColumns(columns: Readonly<Record<string, ArrayLike<number>>>): aq.ColumnTable {
  const out: Record<string, (string | number)[]> = { statistic: [...SUMMARY_STATISTICS] };
  for (const [name, values] of Object.entries(columns)) {
    const s = summaryStats(values);
    out[name] = SUMMARY_STATISTICS.map((k) => s[k]);
  }
  return aq.table(out);
}

/** The parts of a danfojs DataFrame this module uses (danfojs-node is optional, so no static types). */
export interface DanfoFrame {
  describe(): DanfoFrame;
  print(): void;
  toJSON?(options?: unknown): unknown;
  readonly columns: string[];
  readonly values: unknown[];
}

/** The module name, kept in a variable so bundlers and TypeScript do not try to resolve it. */
const DANFO = "danfojs-node";

/** Whether danfojs-node can be loaded here. */
export async function danfoAvailable(): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ DANFO);
    return true;
  } catch {
    return false;
  }
}

/**
 * pandas-style describe() through danfojs-node: builds a danfo DataFrame from the columns
 * (typed arrays are copied to plain arrays) and returns its describe() frame (count, mean, std,
 * min, median, max, variance — danfo's set). Loads danfojs-node on first call; throws when it is
 * not installed, pointing to {@link summarizeColumns}.
 */
export async function describeWithDanfo(columns: Readonly<Record<string, ArrayLike<number>>>): Promise<DanfoFrame> {
  let dfd: { DataFrame: new (data: Record<string, number[]>) => DanfoFrame };
  try {
    const mod = (await import(/* @vite-ignore */ DANFO)) as { default?: unknown; DataFrame?: unknown };
    dfd = (mod.DataFrame ? mod : mod.default) as typeof dfd;
  } catch (e) {
    throw new Error(`describeWithDanfo: danfojs-node is not installed (${(e as Error).message}); use summarizeColumns() instead, or install danfojs-node`);
  }
  const data: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(columns)) data[name] = Array.from(values);
  return new dfd.DataFrame(data).describe();
}
