/**
 * The batching gain the measurements show: how much more a setup generates in total when it
 * serves c streams at once instead of one. Each measured batched run is compared with the
 * single-stream runs of the same setup (device, device count, model, format, runtime) and read
 * as an exponent,
 *
 *   aggregate(c) = single stream × c^α,   α = ln(aggregate(c) / single stream) / ln(c),
 *
 * α = 1 when every stream keeps its single-stream speed (the weights read once for all), α = 0
 * when batching adds nothing. The memory-bandwidth roofline alone predicts α near 1 for dense
 * models; measured runs land far lower (compute, kernels and scheduling set the pace; see
 * notebooks/11-bandwidth), which is why an estimate at a concurrency the data never measured
 * scales a measurement by this exponent rather than by the roofline.
 *
 * Runs counted: decode, cited (non-article) sources, outcome ok, a positive speed, context at most
 * 4,096 tokens; batched runs are those at concurrency (or batch size) above 1 whose throughput is
 * the aggregate over streams; the single stream is the median of the setup's runs at 1.
 */
import type { Data } from "../data/load";
import { tierOf } from "../data/lookups";
import type { BenchmarkRow } from "../data/types";
import { percentile } from "../sensitivity/percentile";

/** One batched run read as an exponent. */
export interface GainRow {
  readonly benchmarkId: string;
  readonly sourceId: string;
  /** device × count, model, format, runtime. */
  readonly setup: string;
  readonly concurrency: number;
  /** Aggregate tokens/s over the streams. */
  readonly aggregateTokensPerSecond: number;
  /** The median single-stream tokens/s of the same setup. */
  readonly singleTokensPerSecond: number;
  readonly exponent: number;
}

/** The exponent the runs show: central (median), and a band over the runs. */
export interface BatchingGain {
  readonly rows: readonly GainRow[];
  readonly central: number;
  readonly low: number;
  readonly high: number;
  /** "10th–90th percentile" (from 10 runs) or "min–max". */
  readonly band: string;
}

/** From this many runs the band is the 10th–90th percentile; below, min–max (as lib/analysis/speed-predict.ts). */
const PERCENTILE_BAND_FROM = 10;
/** The longest context a run may have to count (as the scenario's measured speeds). */
const MAX_CONTEXT_TOKENS = 4096;

/** Streams served at once in a benchmark row: its concurrency, else its batch size, else 1. */
export function streamsOf(b: BenchmarkRow): number {
  return b.concurrency ?? b.batch_size ?? 1;
}

/** Whether a row is a cited decode run that counts (see the module comment). */
export function countsAsDecodeRun(data: Data, b: BenchmarkRow): boolean {
  return (
    b.phase === "decode" &&
    b.outcome !== "oom" &&
    (b.tokens_per_s ?? 0) > 0 &&
    (b.context_depth ?? 0) <= MAX_CONTEXT_TOKENS &&
    tierOf(data, b.source_id) !== "article" &&
    (streamsOf(b) === 1 || b.throughput_scope === "aggregate")
  );
}

const median = (xs: readonly number[]) => percentile(xs, 50);
const cache = new WeakMap<Data, BatchingGain>();

/**
 * Every batched run of a setup that also has single-stream runs, as an exponent; cached per data
 * object. Throws when the data has no such pair (the scenario then cannot estimate a batched speed).
 */
export function batchingGain(data: Data): BatchingGain {
  const cached = cache.get(data);
  if (cached) return cached;
  const bySetup = new Map<string, BenchmarkRow[]>();
  for (const b of data.benchmarks.rows) {
    if (!countsAsDecodeRun(data, b)) continue;
    const key = `${b.device_count} × ${b.device_id}, ${b.model_id} (${b.quantization}), ${b.runtime}`;
    const list = bySetup.get(key) ?? [];
    list.push(b);
    bySetup.set(key, list);
  }
  const rows: GainRow[] = [];
  for (const [setup, runs] of bySetup) {
    const singles = runs.filter((b) => streamsOf(b) === 1).map((b) => b.tokens_per_s!);
    if (singles.length === 0) continue;
    const single = median(singles);
    for (const b of runs) {
      const c = streamsOf(b);
      if (c <= 1) continue;
      rows.push({
        benchmarkId: b.benchmark_id,
        sourceId: b.source_id,
        setup,
        concurrency: c,
        aggregateTokensPerSecond: b.tokens_per_s!,
        singleTokensPerSecond: single,
        exponent: Math.log(b.tokens_per_s! / single) / Math.log(c),
      });
    }
  }
  if (rows.length === 0) throw new RangeError("batchingGain: the data has no setup measured both at one stream and at several");
  const xs = rows.map((r) => r.exponent);
  const usePercentiles = xs.length >= PERCENTILE_BAND_FROM;
  const out: BatchingGain = {
    rows,
    central: median(xs),
    low: usePercentiles ? percentile(xs, 10) : Math.min(...xs),
    high: usePercentiles ? percentile(xs, 90) : Math.max(...xs),
    band: usePercentiles ? "10th–90th percentile" : "min–max",
  };
  cache.set(data, out);
  return out;
}
