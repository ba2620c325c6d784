/**
 * Data rows → the plain specs the models read (lib/models/spec.ts): one place where the models,
 * the audit, the scenario and the notebooks turn a device or model id into numbers.
 *
 * Device specs are generous on purpose: each field takes the largest value any cited,
 * non-article source gives (article rows only when nothing else does), so a bound computed from
 * them is an upper bound however the setup is tuned. Dense and sparse compute stay apart.
 */
import type { ComputePeak, DeviceSpec as ModelDeviceSpec, ModelSpec as ModelModelSpec, Precision } from "../models/spec";
import type { Data } from "./load";
import type { DeviceId, ModelId } from "./ids";
import type { HardwareRow } from "./types";
import { device, model, range, tierOf } from "./lookups";

/** Records what each look-up read, for a claim's explanation and source list. */
export interface SpecTrace {
  explanation: string;
  sources: Set<string>;
}

/** The largest value cited rows give for a field (article rows only when nothing else does); null when none. */
function generousOrNull<R extends { source_id: string }>(data: Data, rows: readonly R[], field: keyof R & string, trace?: SpecTrace): number | null {
  const cited = rows.filter((r) => tierOf(data, r.source_id) !== "article");
  const r = range(cited, field as never) ?? range(rows, field as never);
  if (r === null) return null;
  r.maxSources.forEach((s) => trace?.sources.add(s));
  return r.max;
}

function generous<R extends { source_id: string }>(data: Data, rows: readonly R[], field: keyof R & string, what: string, trace?: SpecTrace): number {
  const v = generousOrNull(data, rows, field, trace);
  if (v === null) throw new RangeError(`${what}: no source gives ${field}`);
  return v;
}

const COMPUTE_FIELDS: Record<Precision, { dense: keyof HardwareRow & string; sparse: keyof HardwareRow & string }> = {
  fp16: { dense: "fp16_tflops_dense", sparse: "fp16_tflops_sparse" },
  fp8: { dense: "fp8_tflops_dense", sparse: "fp8_tflops_sparse" },
  int8: { dense: "int8_tops_dense", sparse: "int8_tops_sparse" },
  fp4: { dense: "fp4_tflops_dense", sparse: "fp4_tflops_sparse" },
};

/**
 * A device's peak tensor throughput per precision: the largest dense and sparse figures cited
 * rows give. A precision no row states is absent (not supported, or not sourced).
 */
export function computeFromData(data: Data, deviceId: string, trace?: SpecTrace): Partial<Record<Precision, ComputePeak>> {
  const d = device(data, deviceId as DeviceId);
  const out: Partial<Record<Precision, ComputePeak>> = {};
  for (const p of Object.keys(COMPUTE_FIELDS) as Precision[]) {
    const dense = generousOrNull(data, d.rows, COMPUTE_FIELDS[p].dense);
    const sparse = generousOrNull(data, d.rows, COMPUTE_FIELDS[p].sparse);
    if (dense === null && sparse === null) continue;
    out[p] = { ...(dense === null ? {} : { denseTflops: dense }), ...(sparse === null ? {} : { sparseTflops: sparse }) };
  }
  if (trace) {
    for (const p of Object.keys(out) as Precision[]) {
      for (const f of [COMPUTE_FIELDS[p].dense, COMPUTE_FIELDS[p].sparse]) generousOrNull(data, d.rows, f, trace);
    }
  }
  return out;
}

/** A device for the models: the largest memory and bandwidth any cited source gives, and its compute per precision. */
export function deviceSpecFromData(data: Data, deviceId: string, trace?: SpecTrace): ModelDeviceSpec {
  const d = device(data, deviceId as DeviceId);
  return {
    name: d.name,
    memoryGiB: generous(data, d.rows, "memory_gb", `hardware ${deviceId}`, trace),
    bandwidthGBps: generous(data, d.rows, "bandwidth_gbps", `hardware ${deviceId}`, trace),
    compute: computeFromData(data, deviceId, trace),
  };
}

/** A model for the models, from lib/data's merged facts (highest-tier source first). */
export function modelSpecFromData(data: Data, modelId: string, trace?: SpecTrace): ModelModelSpec {
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
    kvLoraRank: opt(m.kv_lora_rank),
    qkRopeHeadDim: opt(m.qk_rope_head_dim),
    slidingWindow: opt(m.sliding_window),
    slidingWindowLayers: opt(m.sliding_window_layers),
    experts: opt(m.num_experts),
    expertsPerToken: opt(m.experts_per_token),
  };
}
