/**
 * The key/value cache: what attention keeps for every token of context, and reads again for
 * every generated token.
 *
 * Three layouts are modelled, from the fields of ModelSpec:
 *
 * - grouped-query (and multi-head / multi-query) attention: every layer caches a key and a value
 *   vector per KV head, 2 × kvHeads × headDim elements per token per layer;
 * - multi-head latent attention (MLA: DeepSeek V2/V3/R1, Kimi K2): every layer caches one
 *   compressed latent of kvLoraRank elements plus the decoupled RoPE key of qkRopeHeadDim
 *   elements, (kvLoraRank + qkRopeHeadDim) per token per layer, whatever the number of heads;
 * - sliding-window layers (Mistral 7B v0.1, Gemma 2/3, gpt-oss): slidingWindowLayers of the
 *   layers attend only to the last slidingWindow tokens, so they cache at most that many; the
 *   other layers cache the whole context.
 *
 * So for a context of C tokens:
 *
 *   kvCacheBytes(C) = Σ over layers of min(C, window_l) × bytesPerTokenPerLayer
 *                   = bytesPerTokenPerLayer × ((layers − slidingWindowLayers) × C + slidingWindowLayers × min(C, slidingWindow))
 */
import { ModelInputError, nonNegative, positive } from "./validate";
import type { ModelSpec } from "./spec";

/** The fields of a model that fix its KV cache. */
export type KvLayoutSpec = Pick<ModelSpec, "layers" | "kvHeads" | "headDim" | "kvLoraRank" | "qkRopeHeadDim" | "slidingWindow" | "slidingWindowLayers">;

/** Which attention layout the KV model applies to a model (null when its architecture is not known). */
export type KvLayoutKind = "mla" | "grouped-query";

function wholePositive(name: string, x: number): number {
  positive(name, x);
  if (!Number.isInteger(x)) throw new ModelInputError(name, x, "must be a whole number");
  return x;
}

/** "mla" when the model gives an MLA latent, "grouped-query" when it gives KV heads and head dim, else null. */
export function kvLayoutKind(model: KvLayoutSpec): KvLayoutKind | null {
  if (model.kvLoraRank !== undefined || model.qkRopeHeadDim !== undefined) {
    if (model.kvLoraRank === undefined || model.qkRopeHeadDim === undefined) {
      throw new ModelInputError(model.kvLoraRank === undefined ? "kvLoraRank" : "qkRopeHeadDim", undefined, "MLA layout needs both kvLoraRank and qkRopeHeadDim (the cache holds the latent and the RoPE key)");
    }
    return "mla";
  }
  if (model.kvHeads !== undefined && model.headDim !== undefined) return "grouped-query";
  return null;
}

/**
 * KV-cache bytes one token adds to one layer (a layer that still holds it):
 *
 *   MLA:           (kvLoraRank + qkRopeHeadDim) × bytesPerElement
 *   grouped-query: 2 (K and V) × kvHeads × headDim × bytesPerElement
 *
 * Returns null when the attention layout is not known.
 */
export function kvBytesPerTokenPerLayer(model: KvLayoutSpec, bytesPerElement = 2): number | null {
  const kind = kvLayoutKind(model);
  const b = positive("kvBytesPerElement", bytesPerElement);
  if (kind === "mla") return (positive("kvLoraRank", model.kvLoraRank!) + positive("qkRopeHeadDim", model.qkRopeHeadDim!)) * b;
  if (kind === "grouped-query") return 2 * positive("kvHeads", model.kvHeads!) * positive("headDim", model.headDim!) * b;
  return null;
}

/** How many layers are windowed and how wide the window is; { windowed: 0 } for a model without sliding-window layers. */
function windowing(model: KvLayoutSpec, layers: number): { windowed: number; window: number } {
  if (model.slidingWindow === undefined && model.slidingWindowLayers === undefined) return { windowed: 0, window: Infinity };
  if (model.slidingWindow === undefined || model.slidingWindowLayers === undefined) {
    throw new ModelInputError(model.slidingWindow === undefined ? "slidingWindow" : "slidingWindowLayers", undefined, "a sliding window needs both slidingWindow (tokens) and slidingWindowLayers (how many layers use it)");
  }
  const window = wholePositive("slidingWindow", model.slidingWindow);
  const windowed = nonNegative("slidingWindowLayers", model.slidingWindowLayers);
  if (!Number.isInteger(windowed)) throw new ModelInputError("slidingWindowLayers", windowed, "must be a whole number");
  if (windowed > layers) throw new ModelInputError("slidingWindowLayers", windowed, `must not exceed layers = ${layers}`);
  return { windowed, window };
}

/**
 * KV-cache bytes for a context of `contextTokens` (per sequence):
 *
 *   Σ over layers of min(contextTokens, window_l) × kvBytesPerTokenPerLayer
 *
 * (window_l is slidingWindow for the slidingWindowLayers windowed layers, unbounded for the others).
 *
 * @example Llama 3 70B (80 layers, 8 KV heads × 128, fp16) at 8,192 tokens: 80 × 8192 × 2 × 8 × 128 × 2 = 2.68 GB
 * @example gpt-oss-120b (36 layers, 18 of them with a 128-token window, 8 KV heads × 64, 16-bit) at 8,192 tokens:
 *   2 × 8 × 64 × 2 × (18 × 8192 + 18 × 128) = 0.307 GB instead of 0.604 GB with every layer full
 * Returns null when the model's architecture is not known.
 */
export function kvCacheBytes(model: KvLayoutSpec, contextTokens: number, bytesPerElement = 2): number | null {
  const context = nonNegative("contextTokens", contextTokens);
  const perLayer = kvBytesPerTokenPerLayer(model, bytesPerElement);
  if (perLayer === null || model.layers === undefined) return null;
  const layers = wholePositive("layers", model.layers);
  const { windowed, window } = windowing(model, layers);
  return perLayer * ((layers - windowed) * context + windowed * Math.min(context, window));
}

/**
 * KV-cache bytes per token of context.
 *
 * Without `contextTokens`: what one token adds to every layer,
 *
 *   layers × kvBytesPerTokenPerLayer   (GQA: 2 × layers × kvHeads × headDim × bytesPerElement)
 *
 * which is exact for full-attention models and, for a model with sliding-window layers, holds only
 * while the context fits in the window (beyond it, an upper bound).
 *
 * With `contextTokens` = C > 0: the average over a context of C tokens, kvCacheBytes(C) / C, so that
 * `kvBytesPerToken(model, b, C) × C` is the cache a C-token sequence holds (and a decode step reads)
 * for every layout.
 *
 * @example kvBytesPerToken({ layers: 80, kvHeads: 8, headDim: 128 }, 2) // 327,680 (Llama 3 70B, fp16)
 * @example kvBytesPerToken({ layers: 61, kvLoraRank: 512, qkRopeHeadDim: 64 }, 2) // 70,272 (DeepSeek-V3 MLA, 16-bit)
 * Returns null when the model's architecture is not known.
 */
export function kvBytesPerToken(model: KvLayoutSpec, bytesPerElement = 2, contextTokens?: number): number | null {
  const perLayer = kvBytesPerTokenPerLayer(model, bytesPerElement);
  if (perLayer === null || model.layers === undefined) return null;
  const layers = wholePositive("layers", model.layers);
  const { windowed } = windowing(model, layers);
  if (contextTokens === undefined || windowed === 0) {
    if (contextTokens !== undefined) nonNegative("contextTokens", contextTokens);
    return layers * perLayer;
  }
  if (nonNegative("contextTokens", contextTokens) === 0) return layers * perLayer;
  return kvCacheBytes(model, contextTokens, bytesPerElement)! / contextTokens;
}
