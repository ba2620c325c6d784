/**
 * Physics look-ups for the audit: device and model specs assembled from data rows, and the
 * decode bound of a setup. Bounds are generous on purpose (the highest bandwidth any non-article
 * source gives, full efficiency, no context, no runtime overhead), so a claim above one is
 * impossible however the setup is tuned.
 */
import { decodeEstimate, BYTES_PER_GIB, type DeviceSpec, type ModelSpec, type SplitMode } from "../models";
import { articleSourceIds, type AuditTables } from "./refs";

/** Records what each physics call read, for the claim's explanation and source list. */
export interface PhysicsTrace {
  explanation: string;
  sources: Set<string>;
}

type Row = Record<string, unknown>;

function rows(tables: AuditTables, table: string): Row[] {
  const t = tables[table];
  if (!t) throw new RangeError(`unknown table ${table}`);
  return t.rows as Row[];
}

function pick(tables: AuditTables, table: string, idField: string, id: string, field: string, choose: "max" | "first", trace?: PhysicsTrace): number | undefined {
  const all = rows(tables, table).filter((r) => r[idField] === id);
  if (all.length === 0) throw new RangeError(`${table}: no row with ${idField} = ${JSON.stringify(id)}`);
  const articles = articleSourceIds(tables);
  const cited = all.filter((r) => typeof r[field] === "number" && !articles.has(String(r.source_id)));
  const usable = cited.length > 0 ? cited : all.filter((r) => typeof r[field] === "number");
  if (usable.length === 0) return undefined;
  const best = choose === "max" ? usable.reduce((a, b) => ((a[field] as number) >= (b[field] as number) ? a : b)) : usable[0];
  trace?.sources.add(String(best.source_id));
  return best[field] as number;
}

/** A device from the hardware table: the largest memory and bandwidth any cited source gives. */
export function deviceFromData(tables: AuditTables, deviceId: string, trace?: PhysicsTrace): DeviceSpec {
  const memory = pick(tables, "hardware", "device_id", deviceId, "memory_gb", "max", trace);
  const bandwidth = pick(tables, "hardware", "device_id", deviceId, "bandwidth_gbps", "max", trace);
  if (memory === undefined || bandwidth === undefined) {
    throw new RangeError(`hardware ${deviceId}: needs memory_gb and bandwidth_gbps from a source`);
  }
  const name = String(rows(tables, "hardware").find((r) => r.device_id === deviceId)!.name);
  return { name, memoryGiB: memory, bandwidthGBps: bandwidth };
}

/** A model from the models table (first cited value of each field). */
export function modelFromData(tables: AuditTables, modelId: string, trace?: PhysicsTrace): ModelSpec {
  const get = (f: string) => pick(tables, "models", "model_id", modelId, f, "first", trace);
  const total = get("total_params_b");
  if (total === undefined) throw new RangeError(`models ${modelId}: needs total_params_b from a source`);
  const active = get("active_params_b") ?? total;
  return {
    name: modelId,
    totalParams: total * 1e9,
    activeParams: active * 1e9,
    layers: get("layers"),
    kvHeads: get("kv_heads"),
    headDim: get("head_dim"),
    experts: get("num_experts"),
    expertsPerToken: get("experts_per_token"),
  };
}

/**
 * Single-stream decode bound, tokens/s, for `count` devices running a model in a format;
 * 0 when the model does not fit. A tensor split is given perfect communication (the generous bound).
 */
export function decodeBoundFromData(
  tables: AuditTables,
  deviceId: string,
  count: number,
  modelId: string,
  quant: string,
  split: SplitMode = "layer",
  trace?: PhysicsTrace,
): number {
  const device = deviceFromData(tables, deviceId, trace);
  const model = modelFromData(tables, modelId, trace);
  const devices = Array.from({ length: count }, () => device);
  const e = decodeEstimate({ model, quant, devices, split, commEfficiency: 1 });
  if (trace) trace.explanation = e.explanation;
  if (e.kind === "does-not-fit") return 0;
  return e.tokensPerSecond;
}

/** GiB the weights of a model take in a format: total params × bits / 8 / 2^30. */
export function weightsGiBFromData(tables: AuditTables, modelId: string, bits: number, trace?: PhysicsTrace): number {
  const model = modelFromData(tables, modelId, trace);
  return (model.totalParams * bits) / 8 / BYTES_PER_GIB;
}
