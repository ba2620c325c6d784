/**
 * Physics look-ups for the audit: device and model specs from the data (lib/data's device() and
 * model()), and the decode bound of a setup. Bounds are generous on purpose (the highest memory
 * and bandwidth any cited, non-article source gives, full efficiency, no context, no runtime
 * overhead), so a claim above one is impossible however the setup is tuned.
 */
import { device, model, range, tierOf, type Data, type DeviceId, type ModelId } from "../data/index";
import { decodeEstimate, BYTES_PER_GIB, type DeviceSpec, type ModelSpec, type SplitMode } from "../models/index";

/** Records what each physics call read, for the claim's explanation and source list. */
export interface PhysicsTrace {
  explanation: string;
  sources: Set<string>;
}

/** The largest value cited rows give for a field (article rows only when nothing else does). */
function generous<R extends { source_id: string }>(data: Data, rows: readonly R[], field: keyof R & string, what: string, trace?: PhysicsTrace): number {
  const cited = rows.filter((r) => tierOf(data, r.source_id) !== "article");
  const r = range(cited, field as never) ?? range(rows, field as never);
  if (r === null) throw new RangeError(`${what}: no source gives ${field}`);
  r.maxSources.forEach((s) => trace?.sources.add(s));
  return r.max;
}

/** A device for the bandwidth model: the largest memory and bandwidth any cited source gives. */
export function deviceFromData(data: Data, deviceId: string, trace?: PhysicsTrace): DeviceSpec {
  const d = device(data, deviceId as DeviceId);
  return {
    name: d.name,
    memoryGiB: generous(data, d.rows, "memory_gb", `hardware ${deviceId}`, trace),
    bandwidthGBps: generous(data, d.rows, "bandwidth_gbps", `hardware ${deviceId}`, trace),
  };
}

/** A model for the bandwidth model, from lib/data's merged facts (highest-tier source first). */
export function modelFromData(data: Data, modelId: string, trace?: PhysicsTrace): ModelSpec {
  const m = model(data, modelId as ModelId);
  if (m.total_params_b === null) throw new RangeError(`models ${modelId}: no source gives total_params_b`);
  Object.values(m.sourceOf).forEach((s) => s && trace?.sources.add(s));
  const opt = (x: number | null) => (x === null ? undefined : x);
  return {
    name: modelId,
    totalParams: m.total_params_b * 1e9,
    activeParams: (m.active_params_b ?? m.total_params_b) * 1e9,
    layers: opt(m.layers),
    kvHeads: opt(m.kv_heads),
    headDim: opt(m.head_dim),
    experts: opt(m.num_experts),
    expertsPerToken: opt(m.experts_per_token),
  };
}

/**
 * Single-stream decode bound, tokens/s, for `count` devices running a model in a format;
 * 0 when the model does not fit. A tensor split is given perfect communication (the generous bound).
 */
export function decodeBoundFromData(data: Data, deviceId: string, count: number, modelId: string, quant: string, split: SplitMode = "layer", trace?: PhysicsTrace): number {
  const dev = deviceFromData(data, deviceId, trace);
  const mod = modelFromData(data, modelId, trace);
  const e = decodeEstimate({ model: mod, quant, devices: Array.from({ length: count }, () => dev), split, commEfficiency: 1 });
  if (trace) trace.explanation = e.explanation;
  return e.kind === "does-not-fit" ? 0 : e.tokensPerSecond;
}

/** GiB the weights of a model take in a format: total params × bits / 8 / 2^30. */
export function weightsGiBFromData(data: Data, modelId: string, bits: number, trace?: PhysicsTrace): number {
  return (modelFromData(data, modelId, trace).totalParams * bits) / 8 / BYTES_PER_GIB;
}
