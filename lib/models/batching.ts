/**
 * Batching: serving many streams at once. Each decode step reads the weights once for the whole
 * batch, so aggregate throughput rises with batch size until compute, not memory, sets the pace
 * (the roofline knee). Single-user speed and serving throughput are different numbers.
 */
import { kvBytesPerToken } from "./kv-cache";
import { nonNegative, optional, positive, positiveFraction } from "./validate";
import { BYTES_PER_GB } from "./units";
import type { ModelSpec } from "./spec";

/** Inputs of the batched roofline. */
export interface BatchInputs {
  readonly model: ModelSpec;
  /** Average bits per weight. */
  readonly bitsPerWeight: number;
  /** Effective memory bandwidth, GB/s. */
  readonly bandwidthGBps: number;
  /** Peak dense compute at the precision used, TFLOPS; null where no source gives one (memory alone then sets the step: an estimate that can only be high). */
  readonly peakTflops: number | null;
  /** Fraction of peak bandwidth achieved. Default 1. */
  readonly bandwidthEfficiency?: number;
  /** Fraction of peak compute achieved. Default 1. */
  readonly computeEfficiency?: number;
  /** Context per sequence, tokens. Default 0. */
  readonly contextTokens?: number;
  /** Bytes per KV element. Default 2. */
  readonly kvBytesPerElement?: number;
  /**
   * How a MoE batch's tokens pick experts: "independent" (each token routes on its own, uniformly:
   * an estimate) or "identical" (all tokens share the same experts: the fewest bytes, so the
   * upper bound on throughput). Real routing is correlated and lands in between. Default "independent".
   */
  readonly moeRouting?: "independent" | "identical";
}

/** One point of the throughput curve. */
export interface BatchPoint {
  readonly batch: number;
  /** Tokens per second summed over all streams. */
  readonly aggregateTokensPerSecond: number;
  /** Tokens per second each stream sees. */
  readonly perStreamTokensPerSecond: number;
  /** Which resource sets the step time. */
  readonly bound: "memory" | "compute";
  /** Weight bytes read per step (grows with batch for mixture-of-experts). */
  readonly weightBytesPerStep: number;
}

/**
 * Expected fraction of a MoE layer's experts touched by a batch when each token picks k of E
 * experts independently: 1 − (1 − k/E)^batch. Dense models (no expert counts) touch all: 1.
 */
export function expertsTouchedFraction(model: ModelSpec, batch: number): number {
  if (model.experts === undefined || model.expertsPerToken === undefined) return 1;
  const p = positive("expertsPerToken", model.expertsPerToken) / positive("experts", model.experts);
  return 1 - Math.pow(1 - p, positive("batch", batch));
}

/**
 * Weight bytes read per decode step for a batch. For a MoE model with known expert counts:
 *
 *   expertParams = (total − active) / (1 − k/E);  sharedParams = total − expertParams
 *   bytes = (sharedParams + expertParams × touched(batch)) × bits / 8
 *
 * which gives active × bits / 8 at batch 1. Without expert counts: active × bits / 8 (a lower
 * bound for MoE; exact for dense).
 */
export function weightBytesPerStep(model: ModelSpec, bits: number, batch: number): number {
  const total = positive("totalParams", model.totalParams);
  const active = positive("activeParams", model.activeParams);
  if (model.experts === undefined || model.expertsPerToken === undefined || total === active) return (active * bits) / 8;
  const p = model.expertsPerToken / model.experts;
  const expertParams = (total - active) / (1 - p);
  const sharedParams = total - expertParams;
  return ((sharedParams + expertParams * expertsTouchedFraction(model, batch)) * bits) / 8;
}

/**
 * Aggregate decode throughput at a batch size (roofline):
 *
 *   memorySeconds  = (weightBytesPerStep + batch × kvBytesPerToken × context) / (bandwidth × eff)
 *   computeSeconds = batch × 2 × activeParams / (peakTflops × 1e12 × eff)
 *   step           = max(memorySeconds, computeSeconds)
 *   aggregate      = batch / step;  perStream = 1 / step
 */
export function batchedDecode(inputs: BatchInputs, batch: number): BatchPoint {
  const b = positive("batch", batch);
  if (!Number.isInteger(b)) throw new RangeError(`batch = ${b}: must be a whole number of streams`);
  const bits = positive("bitsPerWeight", inputs.bitsPerWeight);
  const bw = positive("bandwidthGBps", inputs.bandwidthGBps) * BYTES_PER_GB * optional(positiveFraction, "bandwidthEfficiency", inputs.bandwidthEfficiency, 1);
  const flops = inputs.peakTflops === null ? Infinity : positive("peakTflops", inputs.peakTflops) * 1e12 * optional(positiveFraction, "computeEfficiency", inputs.computeEfficiency, 1);
  const context = optional(nonNegative, "contextTokens", inputs.contextTokens, 0);
  const kv = (kvBytesPerToken(inputs.model, optional(positive, "kvBytesPerElement", inputs.kvBytesPerElement, 2), context) ?? 0) * context;
  const weightBytes = weightBytesPerStep(inputs.model, bits, inputs.moeRouting === "identical" ? 1 : b);
  const memorySeconds = (weightBytes + b * kv) / bw;
  const computeSeconds = (b * 2 * inputs.model.activeParams) / flops;
  const step = Math.max(memorySeconds, computeSeconds);
  return {
    batch: b,
    aggregateTokensPerSecond: b / step,
    perStreamTokensPerSecond: 1 / step,
    bound: computeSeconds > memorySeconds ? "compute" : "memory",
    weightBytesPerStep: weightBytes,
  };
}

/** The throughput curve over a list of batch sizes. */
export function batchCurve(inputs: BatchInputs, batches: readonly number[]): BatchPoint[] {
  return batches.map((b) => batchedDecode(inputs, b));
}

/**
 * The roofline knee: the smallest batch at which a step becomes compute-bound, searched up to
 * maxBatch; null when memory stays the bound throughout.
 */
export function rooflineKnee(inputs: BatchInputs, maxBatch = 4096): number | null {
  let lo = 1;
  let hi = Math.floor(positive("maxBatch", maxBatch));
  if (batchedDecode(inputs, hi).bound === "memory") return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (batchedDecode(inputs, mid).bound === "compute") hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
