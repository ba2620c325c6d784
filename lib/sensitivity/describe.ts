/**
 * Summaries of a column of numbers, pandas `describe()` style: count, mean, std, min, p5, p25,
 * p50, p75, p95, max.
 *
 * - {@link summarize} / {@link summarizeColumns}: no dependencies beyond arquero.
 * - {@link describeWithDanfo}: the same through danfojs-node's DataFrame.describe(), for Jupyter
 *   users who want a danfo DataFrame; {@link describeByWithDanfo}: a danfo group-by with the same
 *   statistics per group (notebook 11 shows decode efficiency per runtime with it). danfojs-node is
 *   loaded only when one of them is called (a dynamic import, about 1.6 s the first time), so
 *   importing lib/sensitivity never loads it, and it is an optional dependency: the functions throw
 *   a clear error when it is not installed.
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
  loc(options: { columns: string[] }): DanfoFrame;
  groupby(columns: string[]): { agg(spec: Record<string, string[]>): DanfoFrame };
  readonly index: Array<string | number>;
  readonly columns: string[];
  readonly values: unknown[];
}

interface Danfo {
  DataFrame: new (data: Record<string, unknown[]> | Array<Record<string, unknown>>) => DanfoFrame;
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
  const dfd = await loadDanfo("describeWithDanfo", "summarizeColumns()");
  const data: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(columns)) data[name] = Array.from(values);
  return new dfd.DataFrame(data).describe();
}

async function loadDanfo(caller: string, instead: string): Promise<Danfo> {
  try {
    const mod = (await import(/* @vite-ignore */ DANFO)) as { default?: unknown; DataFrame?: unknown };
    return (mod.DataFrame ? mod : mod.default) as Danfo;
  } catch (e) {
    throw new Error(`${caller}: danfojs-node is not installed (${(e as Error).message}); use ${instead} instead, or install danfojs-node`);
  }
}

/** What danfo reports of a column: its describe() without the variance, or its group-by's aggregates. */
export interface DanfoStats {
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly std: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The statistics danfo's group-by computes, in the order of {@link DanfoStats}. */
const GROUP_STATISTICS = ["count", "mean", "std", "min", "median", "max"] as const;

/**
 * A group-by through danfojs-node: the rows become a DataFrame, `groupby([by]).agg()` gives count,
 * mean, std, min, median and max of `column` per value of `by`, and `describe()` gives them over
 * all rows. Groups come largest first (then by name). Loads danfojs-node on first call; throws
 * when it is not installed, pointing to {@link summaryStats}.
 *
 * @example describeByWithDanfo([{ runtime: "vllm", efficiency: 0.5 }, { runtime: "vllm", efficiency: 0.7 }], "runtime", "efficiency")
 * // { groups: [{ key: "vllm", count: 2, mean: 0.6, std: 0.141, min: 0.5, median: 0.6, max: 0.7 }], all: { count: 2, mean: 0.6, … } }
 */
export async function describeByWithDanfo(
  rows: readonly Readonly<Record<string, string | number>>[],
  by: string,
  column: string,
): Promise<{ groups: Array<DanfoStats & { readonly key: string }>; all: DanfoStats }> {
  if (rows.length === 0) throw new RangeError("describeByWithDanfo: no rows to describe");
  const dfd = await loadDanfo("describeByWithDanfo", "summaryStats() per group");
  const frame = new dfd.DataFrame(rows.map((r) => ({ [by]: String(r[by]), [column]: r[column] })));
  const agg = frame.groupby([by]).agg({ [column]: [...GROUP_STATISTICS] });
  const at = (name: string) => agg.columns.indexOf(name);
  const groups = (agg.values as unknown[][]).map((v) => {
    const stats = Object.fromEntries(GROUP_STATISTICS.map((k) => [k, Number(v[at(`${column}_${k}`)])])) as unknown as DanfoStats;
    return { key: String(v[at(by)]), ...stats };
  });
  groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const described = frame.loc({ columns: [column] }).describe();
  const stat = (k: string) => Number((described.values as unknown[][])[described.index.indexOf(k)][0]);
  const all = Object.fromEntries(GROUP_STATISTICS.map((k) => [k, stat(k)])) as unknown as DanfoStats;
  return { groups, all };
}
