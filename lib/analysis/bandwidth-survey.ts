/**
 * The bandwidth survey: every measured single-stream decode speed in the data beside the
 * memory-bandwidth bound of its setup, so efficiency = measured / bound can be read across
 * devices, models, runtimes and context lengths.
 */
import type { Data } from "../data/index";
import { decodeEstimate, isQuantFormat, type SplitMode } from "../models/index";
import { deviceSpecFromData, modelSpecFromData, type SpecTrace as PhysicsTrace } from "../data/specs";

/** One benchmark beside its bound. */
export interface SurveyRow {
  readonly benchmarkId: string;
  readonly device: string;
  readonly deviceCount: number;
  readonly model: string;
  readonly quantization: string;
  readonly runtime: string;
  readonly contextTokens: number;
  /** Measured decode tokens/s (single stream). */
  readonly measured: number;
  /** Memory-bandwidth bound, tokens/s; null when the model does not fit. */
  readonly bound: number | null;
  /** measured / bound; above 1 is faster than physics allows for the stated setup. */
  readonly efficiency: number | null;
  readonly fits: boolean;
  readonly source: string;
  /** Whether the benchmark's source is an article (a claim, not a measurement). */
  readonly fromArticle: boolean;
  readonly explanation: string;
}

/** The formats the data names, as the bandwidth model spells them. */
function formatOf(q: string): string | null {
  if (q === "f16") return "fp16";
  if (q === "4-bit") return "q4_0";
  return isQuantFormat(q) ? q : null;
}

/**
 * Surveys single-stream decode benchmarks (phase decode, one request at a time) whose device,
 * model and quantization are known. A layer split is assumed for several devices (the runtimes
 * measured here split by layer).
 */
export function bandwidthSurvey(data: Data, split: SplitMode = "layer"): { rows: SurveyRow[]; skipped: { benchmarkId: string; reason: string }[] } {
  const articles = new Set(data.sources.rows.filter((s) => s.tier === "article").map((s) => s.source_id));
  const rows: SurveyRow[] = [];
  const skipped: { benchmarkId: string; reason: string }[] = [];
  for (const b of data.benchmarks.rows) {
    const single = (b.batch_size ?? 1) === 1 && (b.concurrency ?? 1) === 1 && b.throughput_scope === "per-request";
    const format = formatOf(b.quantization);
    // A run that ran out of memory measured no speed (capacity-oom-agreement tests it against checkCapacity).
    if (b.phase !== "decode" || !single || format === null || b.outcome === "oom" || b.tokens_per_s === null) continue;
    const measured = b.tokens_per_s;
    const trace: PhysicsTrace = { explanation: "", sources: new Set() };
    let device, model;
    try {
      device = deviceSpecFromData(data, b.device_id, trace);
      model = modelSpecFromData(data, b.model_id, trace);
    } catch (e) {
      skipped.push({ benchmarkId: b.benchmark_id, reason: (e as Error).message });
      continue;
    }
    const context = b.context_depth ?? 0;
    const e = decodeEstimate({ model, quant: format, devices: Array.from({ length: b.device_count }, () => device), split, contextTokens: context });
    const bound = e.kind === "estimate" ? e.tokensPerSecond : null;
    rows.push({
      benchmarkId: b.benchmark_id,
      device: b.device_id,
      deviceCount: b.device_count,
      model: b.model_id,
      quantization: b.quantization,
      runtime: b.runtime,
      contextTokens: context,
      measured,
      bound,
      efficiency: bound === null ? null : measured / bound,
      fits: e.kind === "estimate",
      source: b.source_id,
      fromArticle: articles.has(b.source_id),
      explanation: e.explanation,
    });
  }
  return { rows, skipped };
}
