/**
 * Physics look-ups for the audit: device and model specs from the data (lib/data/specs.ts), and the decode bound of a setup. Bounds are generous on purpose (the highest memory
 * and bandwidth any cited, non-article source gives, full efficiency, no context, no runtime
 * overhead), so a claim above one is impossible however the setup is tuned.
 */
import { deviceSpecFromData, modelSpecFromData, type SpecTrace } from "../data/specs";
import type { Data } from "../data/index";
import { decodeEstimate, servingCeiling, BYTES_PER_GIB, type SplitMode } from "../models/index";

/** Records what each physics call read, for the claim's explanation and source list. */
export type PhysicsTrace = SpecTrace;


/**
 * Single-stream decode bound, tokens/s, for `count` devices running a model in a format;
 * 0 when the model does not fit. A tensor split is given perfect communication (the generous bound).
 */
export function decodeBoundFromData(data: Data, deviceId: string, count: number, modelId: string, quant: string, split: SplitMode = "layer", trace?: PhysicsTrace): number {
  const dev = deviceSpecFromData(data, deviceId, trace);
  const mod = modelSpecFromData(data, modelId, trace);
  const e = decodeEstimate({ model: mod, quant, devices: Array.from({ length: count }, () => dev), split, commEfficiency: 1 });
  if (trace) trace.explanation = e.explanation;
  return e.kind === "does-not-fit" ? 0 : e.tokensPerSecond;
}

/** GiB the weights of a model take in a format: total params × bits / 8 / 2^30. */
export function weightsGiBFromData(data: Data, modelId: string, bits: number, trace?: PhysicsTrace): number {
  return (modelSpecFromData(data, modelId, trace).totalParams * bits) / 8 / BYTES_PER_GIB;
}

/**
 * The serving ceiling of `count` devices running a model in a format (lib/models/serving.ts):
 * the most tokens per second they can generate over all concurrent streams. 0 when the model does
 * not fit; null when the data gives neither a dense compute figure nor a limiting KV cache.
 */
export function servingCeilingFromData(data: Data, deviceId: string, count: number, modelId: string, quant: string, contextTokens = 0, trace?: PhysicsTrace): number | null {
  const dev = deviceSpecFromData(data, deviceId, trace);
  const mod = modelSpecFromData(data, modelId, trace);
  const c = servingCeiling({ model: mod, quant, devices: Array.from({ length: count }, () => dev), contextTokens });
  if (trace) trace.explanation = c.explanation;
  if (c.kind === "does-not-fit") return 0;
  return c.aggregateTokensPerSecond;
}
