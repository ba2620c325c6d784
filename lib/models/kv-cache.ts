/**
 * The key/value cache: what attention keeps for every token of context, and reads again for
 * every generated token.
 */
import { nonNegative, positive } from "./validate";
import type { ModelSpec } from "./spec";

/**
 * KV-cache bytes per token of context:
 *
 *   2 (K and V) × layers × kvHeads × headDim × bytesPerElement
 *
 * @example kvBytesPerToken({ layers: 80, kvHeads: 8, headDim: 128 }, 2) // 327,680 (Llama 3 70B, fp16)
 * Returns null when the model's architecture is not known.
 */
export function kvBytesPerToken(model: Pick<ModelSpec, "layers" | "kvHeads" | "headDim">, bytesPerElement = 2): number | null {
  if (model.layers === undefined || model.kvHeads === undefined || model.headDim === undefined) return null;
  return 2 * positive("layers", model.layers) * positive("kvHeads", model.kvHeads) * positive("headDim", model.headDim) * positive("kvBytesPerElement", bytesPerElement);
}

/** KV-cache bytes for a context of `contextTokens` (per sequence). */
export function kvCacheBytes(model: Pick<ModelSpec, "layers" | "kvHeads" | "headDim">, contextTokens: number, bytesPerElement = 2): number | null {
  const perToken = kvBytesPerToken(model, bytesPerElement);
  return perToken === null ? null : perToken * nonNegative("contextTokens", contextTokens);
}
