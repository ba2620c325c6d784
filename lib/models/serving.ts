/**
 * The serving ceiling: the most tokens per second a set of devices can generate in aggregate,
 * over all concurrent streams, at any batch size. Single-stream speed is bounded by memory
 * bandwidth (decode.ts); batched serving reads the weights once per step for the whole batch, so
 * its limits are
 *
 * - compute: every generated token costs about 2 × active parameters FLOPs (attention left out,
 *   which keeps the bound generous), at the dense peak of the precision the format's matrix
 *   multiplies run in on the device. Sparse (2:4) peaks never count as dense;
 * - memory: each step reads the active weights once plus each sequence's KV cache, and the KV
 *   cache of all sequences must fit in the memory the weights leave. With a context of C tokens
 *   per sequence the batch is capped at floor(free memory / KV bytes per sequence), and the
 *   aggregate at that batch is batch × bandwidth / (weight bytes + batch × KV bytes).
 *
 *   ceiling = min(compute ceiling, memory ceiling at the largest batch that fits)
 *
 * Devices are pooled (bandwidth, compute and memory add), which is the generous case. MoE routing
 * is taken as identical across the batch (the fewest weight bytes per step). The result is an
 * upper bound: a claim above it needs more FLOPs or bytes per second than the hardware has.
 */
import { checkCapacity, type CapacityCheck } from "./capacity";
import { kvBytesPerToken } from "./kv-cache";
import { bitsPerWeight } from "./quantization";
import { nonNegative, optional, positive } from "./validate";
import { BYTES_PER_GB, BYTES_PER_GIB } from "./units";
import type { DeviceSpec, ModelSpec, Precision } from "./spec";

/** Inputs of the serving ceiling. */
export interface ServingInputs {
  readonly model: ModelSpec;
  /** Weight format, e.g. "bf16", "fp8", "q4_k_m", "mxfp4"; or give bitsPerWeight and precision. */
  readonly quant?: string;
  readonly bitsPerWeight?: number;
  /** Precision the matrix multiplies run in; default: the best the format allows on each device ({@link computePrecisions}). */
  readonly precision?: Precision;
  readonly devices: readonly DeviceSpec[];
  /** Context per sequence, tokens (its KV cache is read every step and must fit). Default 0. */
  readonly contextTokens?: number;
  /** Bytes per KV element. Default 2 (fp16). */
  readonly kvBytesPerElement?: number;
  /** Runtime memory overhead per device, GiB. Default 0. */
  readonly overheadGiBPerDevice?: number;
  /** Concurrent streams, for the per-user speed at that load. */
  readonly concurrency?: number;
}

/** Speed at a given number of concurrent streams. */
export interface AtConcurrency {
  readonly concurrency: number;
  /** Streams that fit in memory at once (the rest wait). */
  readonly servedConcurrently: number;
  readonly perUserTokensPerSecond: number;
  readonly aggregateTokensPerSecond: number;
  readonly bound: "compute" | "memory";
}

/** The serving ceiling, with its arithmetic. */
export type ServingCeiling =
  | { readonly kind: "does-not-fit"; readonly capacity: CapacityCheck; readonly explanation: string }
  | {
      readonly kind: "ceiling";
      /** The ceiling, tokens per second over all streams; null when neither compute nor memory limits it with the data given. */
      readonly aggregateTokensPerSecond: number | null;
      readonly binding: "compute" | "memory" | "unknown";
      /** Σ dense peak × 1e12 / FLOPs per token; null when a device has no dense figure for the format. */
      readonly computeTokensPerSecond: number | null;
      /** The same at the sparse peaks, for comparison only (never the ceiling); null when not stated. */
      readonly sparseComputeTokensPerSecond: number | null;
      /** Memory-bound aggregate at the largest batch whose KV cache fits; null when the KV cache does not limit the batch. */
      readonly memoryTokensPerSecond: number | null;
      /** Largest batch whose KV cache fits; null when unlimited (no context, or KV cache not modelled). */
      readonly maxConcurrentSequences: number | null;
      /** Precision whose dense peak was used, per device (null where none). */
      readonly precisions: readonly (Precision | null)[];
      /** Σ dense peak over the devices, TFLOPS; null when unknown. */
      readonly denseTflops: number | null;
      readonly flopsPerToken: number;
      readonly bandwidthGBps: number;
      readonly capacity: CapacityCheck;
      readonly atConcurrency: AtConcurrency | null;
      readonly explanation: string;
    };

/**
 * Precisions a format's matrix multiplies can run in, best first: 16-bit weights run in FP16/BF16;
 * FP8 weights in FP8 where the device has it, else upcast to FP16; integer and GGUF block formats
 * on INT8 dot products (llama.cpp's quantized kernels) or dequantized to FP16; 4-bit float formats
 * (MXFP4, NVFP4) natively in FP4 where the device has it, else FP8, INT8 or FP16. The ceiling takes
 * the highest dense peak among these that the device states.
 */
export function computePrecisions(format: string): readonly Precision[] {
  const f = format.toLowerCase();
  if (f === "fp32" || f === "fp16" || f === "bf16" || f === "f16") return ["fp16"];
  if (f === "fp8") return ["fp8", "fp16"];
  if (f === "mxfp4" || f === "nvfp4") return ["fp4", "fp8", "int8", "fp16"];
  bitsPerWeight(f); // throws for an unknown format, listing the known ones
  return ["int8", "fp16"];
}

const LABEL: Record<Precision, string> = { fp16: "FP16", fp8: "FP8", int8: "INT8", fp4: "FP4" };

function bestDense(d: DeviceSpec, candidates: readonly Precision[]): { precision: Precision; tflops: number } | null {
  let best: { precision: Precision; tflops: number } | null = null;
  for (const p of candidates) {
    const t = d.compute?.[p]?.denseTflops;
    if (t !== undefined && t > 0 && (best === null || t > best.tflops)) best = { precision: p, tflops: t };
  }
  return best;
}

function bestSparse(d: DeviceSpec, candidates: readonly Precision[]): number | null {
  let best: number | null = null;
  for (const p of candidates) {
    const t = d.compute?.[p]?.sparseTflops;
    if (t !== undefined && t > 0 && (best === null || t > best)) best = t;
  }
  return best;
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3));

/**
 * The serving ceiling (see the module comment).
 *
 * @example Qwen3 14B (14.8B active) in BF16 on one A100 (312 dense FP16 TFLOPS):
 *   312e12 / (2 × 14.8e9) = 10,541 tokens/s at most, over all streams together
 */
export function servingCeiling(inputs: ServingInputs): ServingCeiling {
  const { model, devices } = inputs;
  if (devices.length === 0) throw new RangeError("devices: at least one device is needed");
  const total = positive("model.totalParams", model.totalParams);
  const active = positive("model.activeParams", model.activeParams);
  if (active > total) throw new RangeError(`model.activeParams = ${active}: must not exceed totalParams = ${total}`);
  let bits: number;
  if (inputs.bitsPerWeight !== undefined) bits = positive("bitsPerWeight", inputs.bitsPerWeight);
  else if (inputs.quant !== undefined) bits = bitsPerWeight(inputs.quant);
  else throw new RangeError('servingCeiling: give quant (e.g. "bf16") or bitsPerWeight');
  const candidates: readonly Precision[] = inputs.precision !== undefined ? [inputs.precision] : inputs.quant !== undefined ? computePrecisions(inputs.quant) : ["fp16"];
  const context = optional(nonNegative, "contextTokens", inputs.contextTokens, 0);
  const overheadGiB = optional(nonNegative, "overheadGiBPerDevice", inputs.overheadGiBPerDevice, 0);
  const kvPerToken = kvBytesPerToken(model, optional(positive, "kvBytesPerElement", inputs.kvBytesPerElement, 2), context);
  const kvPerSequence = kvPerToken === null ? 0 : kvPerToken * context;
  const weightBytes = (total * bits) / 8;

  // Weights and one sequence's KV cache must fit, or nothing is served.
  const capacity = checkCapacity({ weightBytes, kvCacheBytes: kvPerSequence, overheadGiBPerDevice: overheadGiB }, devices, "layer");
  if (!capacity.fits) return { kind: "does-not-fit", capacity, explanation: `${model.name}: ${capacity.explanation}; nothing can be served` };

  const bandwidthGBps = devices.reduce((s, d) => s + positive(`${d.name}.bandwidthGBps`, d.bandwidthGBps), 0);
  const flopsPerToken = 2 * active;
  const picks = devices.map((d) => bestDense(d, candidates));
  const denseTflops = picks.every((p) => p !== null) ? picks.reduce((s, p) => s + p!.tflops, 0) : null;
  const sparses = devices.map((d) => bestSparse(d, candidates));
  const sparseTflops = sparses.every((x) => x !== null) ? sparses.reduce((s, x) => s + x!, 0) : null;
  const computeTokensPerSecond = denseTflops === null ? null : (denseTflops * 1e12) / flopsPerToken;
  const sparseComputeTokensPerSecond = sparseTflops === null ? null : (sparseTflops * 1e12) / flopsPerToken;

  const memoryBytes = devices.reduce((s, d) => s + d.memoryGiB, 0) * BYTES_PER_GIB;
  const freeBytes = memoryBytes - weightBytes - overheadGiB * devices.length * BYTES_PER_GIB;
  const maxConcurrentSequences = kvPerSequence > 0 ? Math.max(1, Math.floor(freeBytes / kvPerSequence)) : null;
  const activeWeightBytes = (active * bits) / 8;
  const bw = bandwidthGBps * BYTES_PER_GB;
  const memoryAt = (batch: number) => (batch * bw) / (activeWeightBytes + batch * kvPerSequence);
  const memoryTokensPerSecond = maxConcurrentSequences === null ? null : memoryAt(maxConcurrentSequences);

  const limits = [computeTokensPerSecond, memoryTokensPerSecond].filter((x): x is number => x !== null);
  const aggregate = limits.length === 0 ? null : Math.min(...limits);
  const binding = aggregate === null ? "unknown" : aggregate === computeTokensPerSecond ? "compute" : "memory";

  let atConcurrency: AtConcurrency | null = null;
  if (inputs.concurrency !== undefined) {
    const c = positive("concurrency", inputs.concurrency);
    if (!Number.isInteger(c)) throw new RangeError(`concurrency = ${c}: must be a whole number of streams`);
    const served = maxConcurrentSequences === null ? c : Math.min(c, maxConcurrentSequences);
    const memorySeconds = (activeWeightBytes + served * kvPerSequence) / bw;
    const computeSeconds = denseTflops === null ? 0 : (served * flopsPerToken) / (denseTflops * 1e12);
    const step = Math.max(memorySeconds, computeSeconds);
    atConcurrency = { concurrency: c, servedConcurrently: served, perUserTokensPerSecond: 1 / step, aggregateTokensPerSecond: served / step, bound: computeSeconds > memorySeconds ? "compute" : "memory" };
  }

  const where = devices.length === 1 ? devices[0].name : `${devices.length} × ${devices[0].name}`;
  const precisionText = picks.every((p) => p !== null) ? [...new Set(picks.map((p) => LABEL[p!.precision]))].join("/") : "";
  const computeText =
    computeTokensPerSecond === null
      ? `compute: no dense ${candidates.map((p) => LABEL[p]).join("/")} figure for ${where} in the data`
      : `compute: ${fmt(denseTflops!)} dense ${precisionText} TFLOPS / (2 × ${(active / 1e9).toPrecision(3)}B active) = ${fmt(computeTokensPerSecond)} tokens/s` +
        (sparseComputeTokensPerSecond !== null ? ` (2:4-sparse peaks, not counted, would give ${fmt(sparseComputeTokensPerSecond)})` : "");
  const memoryText =
    maxConcurrentSequences === null
      ? kvPerToken === null
        ? "memory: KV cache not modelled, so the batch can grow until compute binds"
        : "memory: no context, so the batch can grow until compute binds"
      : `memory: ${fmt(maxConcurrentSequences)} sequences of ${fmt(context)} tokens fit beside the weights, reading ${fmt(bandwidthGBps)} GB/s → ${fmt(memoryTokensPerSecond!)} tokens/s`;
  const explanation =
    `${computeText}; ${memoryText}` +
    (aggregate === null ? "; no ceiling can be computed from the data" : `; ceiling ${fmt(aggregate)} tokens/s on ${where} (${binding}-bound)`);
  return {
    kind: "ceiling",
    aggregateTokensPerSecond: aggregate,
    binding,
    computeTokensPerSecond,
    sparseComputeTokensPerSecond,
    memoryTokensPerSecond,
    maxConcurrentSequences,
    precisions: picks.map((p) => p?.precision ?? null),
    denseTflops,
    flopsPerToken,
    bandwidthGBps,
    capacity,
    atConcurrency,
    explanation,
  };
}
