/**
 * Prefill beside decode: each measured prompt-processing run paired with the generation run of the
 * same setup (device and count, model, format, runtime), source and context depth.
 *
 * A join on seven keys, so arquero's: the keys are named once and the join says the rest, where a
 * hand-written pairing repeats seven comparisons in a search per prefill row.
 */
import * as aq from "arquero";
import type { BenchmarkRow } from "../data/types";

/** One prefill run and the decode run of the same setup, source and context. */
export interface PrefillDecodePair {
  readonly device: string;
  readonly deviceCount: number;
  readonly model: string;
  readonly quantization: string;
  readonly runtime: string;
  readonly source: string;
  /** Tokens already in context (0 when the row leaves it empty). */
  readonly contextTokens: number;
  readonly prefillBenchmarkId: string;
  readonly decodeBenchmarkId: string;
  /** Prompt tokens processed per second. */
  readonly prefillTokensPerSecond: number;
  /** Tokens generated per second, one stream. */
  readonly decodeTokensPerSecond: number;
}

/** The keys a prefill run and its decode run share. */
const SAME = ["device_id", "device_count", "model_id", "quantization", "runtime", "source_id", "context"];

/**
 * Pairs every measured single-request prefill run (outcome "ok", a speed, batch 1 or unstated)
 * with the decode run of the same device, device count, model, quantization, runtime, source and
 * context depth (an empty depth counts as 0). Where a source gives several such decode runs, the
 * first in file order is the pair; a prefill run with none is left out. In the order of the
 * prefill rows.
 *
 * @example prefillDecodePairs(data.benchmarks.rows).map((p) => p.prefillTokensPerSecond / p.decodeTokensPerSecond) // how many times faster prefill runs
 */
export function prefillDecodePairs(rows: readonly BenchmarkRow[]): PrefillDecodePair[] {
  const runs = aq
    .from(rows as BenchmarkRow[])
    .filter((d: BenchmarkRow) => d.outcome === "ok" && d.tokens_per_s !== null && (d.batch_size === null || d.batch_size === 1))
    .derive({ context: (d: BenchmarkRow) => (d.context_depth === null ? 0 : d.context_depth), row: () => aq.op.row_number() });
  const decode = runs
    .filter((d: BenchmarkRow) => d.phase === "decode")
    .dedupe(SAME)
    .select(SAME, { benchmark_id: "decode_id", tokens_per_s: "decode_tokens_per_s" });
  // the join's output follows the larger side's order: the file's row number restores the prefill rows' order
  const pairs = runs.filter((d: BenchmarkRow) => d.phase === "prefill").join(decode, [SAME, SAME]).orderby("row");
  return (pairs.objects() as Array<BenchmarkRow & { context: number; decode_id: string; decode_tokens_per_s: number }>).map((p) => ({
    device: p.device_id,
    deviceCount: p.device_count,
    model: p.model_id,
    quantization: p.quantization,
    runtime: p.runtime,
    source: p.source_id,
    contextTokens: p.context,
    prefillBenchmarkId: p.benchmark_id,
    decodeBenchmarkId: p.decode_id,
    prefillTokensPerSecond: p.tokens_per_s as number,
    decodeTokensPerSecond: p.decode_tokens_per_s,
  }));
}
