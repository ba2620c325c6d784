/**
 * The capacity model against the runs that did, and did not, fit: which runtime overhead per
 * device makes checkCapacity (lib/models/capacity.ts) say "does not fit" exactly where a
 * measurement ran out of memory (benchmark outcome "oom") and "fits" wherever a run went through
 * (outcome "ok").
 *
 * For a run on N identical devices (layer split), the capacity model's need per device is
 *
 *   need = (weights + KV cache) / N + overhead,   weights = total params × bits / 8,
 *   KV cache = KV bytes per token × (context_depth + prompt_tokens + output_tokens)
 *
 * and the run fits when need ≤ memory. Call slack = memory − (weights + KV cache) / N, the room
 * left at zero overhead. Then a run fits exactly when overhead ≤ slack, so the overheads that agree
 * with every measurement are
 *
 *   largest slack of an oom run  <  overhead  ≤  smallest slack of an ok run
 *
 * an interval that is empty when some run went through with less room than another ran out with.
 *
 * Devices are of two memory kinds: "dedicated" (a GPU card's own memory: consumer, workstation and
 * data-center GPUs) and "unified" (a system whose CPU and GPU share one memory: laptop SoCs and
 * desktop systems such as Apple silicon and the DGX Spark, where the operating system keeps part of
 * it). The interval can be asked of one kind or of all rows.
 */
import type { Data } from "../data/index";
import type { BenchmarkRow } from "../data/types";
import type { DeviceId } from "../data/ids";
import { device, range, tierOf } from "../data/lookups";
import { modelSpecFromData } from "../data/specs";
import { checkCapacity } from "../models/capacity";
import { kvBytesPerToken, kvCacheBytes } from "../models/kv-cache";
import { bitsPerWeight, isQuantFormat } from "../models/quantization";
import type { DeviceSpec } from "../models/spec";

/** Whether a device's memory is its own ("dedicated": a GPU card) or shared with the CPU ("unified": laptop SoCs, desktop systems). */
export type MemoryKind = "dedicated" | "unified";

/** Overhead per device, GiB: one figure for every device, or one per memory kind. */
export type OverheadGiB = number | Readonly<Record<MemoryKind, number>>;

/** A benchmark row the capacity model can be checked against. */
export interface CapacityRow {
  readonly benchmarkId: string;
  readonly sourceId: string;
  readonly deviceId: string;
  readonly deviceCount: number;
  readonly memoryKind: MemoryKind;
  readonly modelId: string;
  /** The format as the capacity model spells it (e.g. "fp16" for the data's "f16"). */
  readonly format: string;
  readonly phase: string;
  readonly outcome: "ok" | "oom";
  /** Tokens held in the KV cache: context_depth + prompt_tokens + output_tokens. */
  readonly kvTokens: number;
  /** Weights and KV cache, GiB (all devices together, no overhead). */
  readonly sharedGiB: number;
  /** Memory of one device, GiB. */
  readonly memoryGiBPerDevice: number;
  /** memory − share of weights and KV cache on the tightest device, GiB (the room at zero overhead). */
  readonly slackGiB: number;
}

/** One end of the overhead interval and the measurement that sets it. */
export interface IntervalEnd {
  readonly gib: number;
  readonly benchmarkId: string;
  readonly sourceId: string;
}

/** The per-device runtime overheads (GiB) consistent with every checkable measurement. */
export interface OverheadInterval {
  /** The memory kind the rows were limited to; null: every row. */
  readonly memoryKind: MemoryKind | null;
  /** Largest slack among runs that ran out of memory: the overhead must be above it (exclusive). */
  readonly low: IntervalEnd | null;
  /** Smallest slack among runs that went through: the overhead must be at most it (inclusive). */
  readonly high: IntervalEnd | null;
  /** Whether some overhead ≥ 0 agrees with every measurement (low < high, and high ≥ 0). */
  readonly nonEmpty: boolean;
  /** Middle of the interval, GiB (null when it is empty or open at an end). */
  readonly midpointGiB: number | null;
  /** Rows checked: ok and oom. */
  readonly okRows: number;
  readonly oomRows: number;
  /** Rows left out, with the reason. */
  readonly skipped: readonly { readonly benchmarkId: string; readonly reason: string }[];
  /** A sentence for reports. */
  readonly explanation: string;
}

/** A checked row: the measurement's outcome beside the capacity model's verdict. */
export interface AgreementRow extends CapacityRow {
  /** The capacity model's verdict at the overhead given. */
  readonly fits: boolean;
  /** fits === (outcome === "ok"). */
  readonly agrees: boolean;
}

/** The capacity model's verdicts at one overhead. */
export interface CapacityAgreement {
  readonly overheadGiBPerDevice: OverheadGiB;
  readonly rows: readonly AgreementRow[];
  readonly disagreements: readonly AgreementRow[];
  /** oom rows the model calls does-not-fit, of all oom rows. */
  readonly oomAgree: number;
  readonly oomRows: number;
  /** ok rows the model calls fits, of all ok rows. */
  readonly okAgree: number;
  readonly okRows: number;
}

/** The data's spellings → the capacity model's ("f16" is fp16; "4-bit" is read as q4_0); null when unknown. */
function formatOf(quant: string): string | null {
  const q = quant.toLowerCase();
  if (q === "f16") return "fp16";
  if (q === "4-bit") return "q4_0";
  return isQuantFormat(q) ? q : null;
}

/**
 * Memory of a device, GiB: the largest memory_gb any cited (non-article) source gives, article rows
 * only when nothing else does, as lib/data/specs.ts reads it; null when no row gives it. Memory
 * only, so a device without a cited bandwidth can still be checked.
 */
function memoryGiBOf(data: Data, deviceId: string): number | null {
  const rows = device(data, deviceId as DeviceId).rows;
  const cited = rows.filter((r) => tierOf(data, r.source_id) !== "article");
  return (range(cited, "memory_gb") ?? range(rows, "memory_gb"))?.max ?? null;
}

/** Memory kind from the device's category: laptop-soc and desktop-system share memory with the CPU. */
export function memoryKindOf(data: Data, deviceId: string): MemoryKind {
  const category = device(data, deviceId as DeviceId).rows[0]?.category;
  return category === "laptop-soc" || category === "desktop-system" ? "unified" : "dedicated";
}

const cache = new WeakMap<Data, { rows: CapacityRow[]; skipped: { benchmarkId: string; reason: string }[] }>();

/**
 * The benchmark rows the capacity model can be checked against: outcome ok or oom, from a
 * non-article source, one request at a time (batch size and concurrency 1 or absent), on a device
 * with a cited memory size, a model with known parameters and architecture (so the KV cache is
 * modelled) and a format the model knows. Cached per data object.
 */
export function capacityRows(data: Data): { readonly rows: readonly CapacityRow[]; readonly skipped: readonly { benchmarkId: string; reason: string }[] } {
  const cached = cache.get(data);
  if (cached) return cached;
  const rows: CapacityRow[] = [];
  const skipped: { benchmarkId: string; reason: string }[] = [];
  for (const b of data.benchmarks.rows) {
    const reason = skipReason(data, b);
    if (reason !== null) {
      skipped.push({ benchmarkId: b.benchmark_id, reason });
      continue;
    }
    const format = formatOf(b.quantization)!;
    const memory = memoryGiBOf(data, b.device_id)!;
    const model = modelSpecFromData(data, b.model_id);
    const kvTokens = (b.context_depth ?? 0) + (b.prompt_tokens ?? 0) + (b.output_tokens ?? 0);
    const kvBytes = kvCacheBytes(model, kvTokens)!; // sliding-window layers hold at most their window
    const devices: DeviceSpec[] = Array.from({ length: b.device_count }, () => ({ name: b.device_id, memoryGiB: memory, bandwidthGBps: 1, compute: {} }));
    const check = checkCapacity({ weightBytes: (model.totalParams * bitsPerWeight(format)) / 8, kvCacheBytes: kvBytes }, devices, "layer");
    rows.push({
      benchmarkId: b.benchmark_id,
      sourceId: b.source_id,
      deviceId: b.device_id,
      deviceCount: b.device_count,
      memoryKind: memoryKindOf(data, b.device_id),
      modelId: b.model_id,
      format,
      phase: b.phase,
      outcome: b.outcome,
      kvTokens,
      sharedGiB: check.neededGiB,
      memoryGiBPerDevice: memory,
      slackGiB: Math.min(...check.perDevice.map((d) => d.memoryGiB - d.neededGiB)),
    });
  }
  const out = { rows, skipped };
  cache.set(data, out);
  return out;
}

function skipReason(data: Data, b: BenchmarkRow): string | null {
  if (b.outcome !== "ok" && b.outcome !== "oom") return `outcome ${JSON.stringify(b.outcome)}`;
  if (tierOf(data, b.source_id) === "article") return "article source (a claim, not a run)";
  if ((b.batch_size ?? 1) !== 1 || (b.concurrency ?? 1) !== 1) return "more than one request at a time (the runtime decides how much KV cache to hold)";
  if (formatOf(b.quantization) === null) return `format ${b.quantization} unknown to the capacity model`;
  if (!Number.isInteger(b.device_count) || b.device_count < 1) return `device_count ${b.device_count}`;
  if (memoryGiBOf(data, b.device_id) === null) return `no cited memory for ${b.device_id}`;
  let model;
  try {
    model = modelSpecFromData(data, b.model_id);
  } catch (e) {
    return (e as Error).message;
  }
  if (kvBytesPerToken(model) === null) return `architecture of ${b.model_id} unknown (KV cache not modelled)`;
  return null;
}

const gib = (x: number) => `${x.toFixed(2)} GiB`;

/**
 * The interval of per-device runtime overhead (GiB) with which checkCapacity agrees with every
 * checkable measurement ({@link capacityRows}), or with those on devices of one memory kind:
 * above the largest slack of a run that ran out of memory (exclusive) and at most the smallest
 * slack of a run that went through (inclusive), each end with the benchmark and source that set
 * it. Non-empty when low < high and high ≥ 0.
 */
export function runtimeOverheadFromMeasurements(data: Data, memoryKind?: MemoryKind): OverheadInterval {
  const all = capacityRows(data);
  const rows = memoryKind === undefined ? all.rows : all.rows.filter((r) => r.memoryKind === memoryKind);
  const skipped = all.skipped;
  const pick = (outcome: "ok" | "oom", better: (a: number, b: number) => boolean): IntervalEnd | null => {
    let best: CapacityRow | null = null;
    for (const r of rows) if (r.outcome === outcome && (best === null || better(r.slackGiB, best.slackGiB))) best = r;
    return best === null ? null : { gib: best.slackGiB, benchmarkId: best.benchmarkId, sourceId: best.sourceId };
  };
  const low = pick("oom", (a, b) => a > b);
  const high = pick("ok", (a, b) => a < b);
  const lowGiB = low?.gib ?? -Infinity;
  const highGiB = high?.gib ?? Infinity;
  const nonEmpty = lowGiB < highGiB && highGiB >= 0;
  const midpointGiB = nonEmpty && low !== null && high !== null ? (Math.max(lowGiB, 0) + highGiB) / 2 : null;
  const okRows = rows.filter((r) => r.outcome === "ok").length;
  const oomRows = rows.length - okRows;
  const which = memoryKind === undefined ? "" : ` on ${memoryKind}-memory devices`;
  const explanation = nonEmpty
    ? `a runtime overhead per device above ${low ? `${gib(low.gib)} (${low.benchmarkId} ran out of memory with that much room)` : "0"} and at most ` +
      `${high ? `${gib(high.gib)} (${high.benchmarkId} ran with that much room)` : "any amount"} makes the capacity model agree with all ${rows.length} checkable runs${which} (${okRows} ok, ${oomRows} out of memory)`
    : `no runtime overhead per device agrees with every run${which}: ${high?.benchmarkId} ran with ${gib(highGiB)} of room, but ${low?.benchmarkId} ran out of memory with ${gib(lowGiB)}`;
  return { memoryKind: memoryKind ?? null, low, high, nonEmpty, midpointGiB, okRows, oomRows, skipped, explanation };
}

/** The overhead for a memory kind. */
export function overheadFor(overhead: OverheadGiB, kind: MemoryKind): number {
  return typeof overhead === "number" ? overhead : overhead[kind];
}

/**
 * The capacity model's verdict on every checkable row ({@link capacityRows}) at a per-device
 * runtime overhead (one figure, or one per memory kind): fits when the overhead is at most the
 * row's slack (checkCapacity's need ≤ memory), beside the outcome measured, and the rows where the
 * two disagree.
 */
export function capacityAgreement(data: Data, overheadGiBPerDevice: OverheadGiB): CapacityAgreement {
  for (const kind of ["dedicated", "unified"] as const) {
    const o = overheadFor(overheadGiBPerDevice, kind);
    if (!(o >= 0) || !Number.isFinite(o)) throw new RangeError(`overheadGiBPerDevice (${kind}) = ${o}: must be a finite number ≥ 0`);
  }
  const out: AgreementRow[] = capacityRows(data).rows.map((r) => {
    const fits = overheadFor(overheadGiBPerDevice, r.memoryKind) <= r.slackGiB;
    return { ...r, fits, agrees: fits === (r.outcome === "ok") };
  });
  const oom = out.filter((r) => r.outcome === "oom");
  const ok = out.filter((r) => r.outcome === "ok");
  return {
    overheadGiBPerDevice,
    rows: out,
    disagreements: out.filter((r) => !r.agrees),
    oomAgree: oom.filter((r) => r.agrees).length,
    oomRows: oom.length,
    okAgree: ok.filter((r) => r.agrees).length,
    okRows: ok.length,
  };
}
