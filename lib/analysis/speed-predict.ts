/**
 * Decode-speed prediction: the memory-bandwidth bound of a setup times an efficiency learned
 * from the measurements in the data, with the measurements it was learned from named.
 *
 *   tokens/s ≈ bound × efficiency,  efficiency = median of measured / bound over a group
 *
 * The group is the most specific one the data supports (at least `minGroupSize` measurements),
 * falling back from runtime + single/multi-device + format class, to runtime + single/multi,
 * to single/multi, to every measurement. Learning uses the bandwidth survey's rows
 * (lib/analysis/bandwidth-survey.ts) from cited sources only: article-tier rows are claims, runs
 * that ran out of memory (outcome "oom") have no speed, and rows whose setup does not fit have
 * no bound.
 */
import type { Data } from "../data/index";
import type { BenchmarkRow } from "../data/types";
import { deviceSpecFromData, modelSpecFromData } from "../data/specs";
import { bitsPerWeight, isQuantFormat } from "../models/quantization";
import { decodeEstimate } from "../models/decode";
import { percentile } from "../sensitivity/percentile";
import { bandwidthSurvey } from "./bandwidth-survey";

/** What to predict. */
export interface SpeedQuery {
  /** A device id of data/hardware.csv, e.g. "rtx-3090". */
  readonly deviceId: string;
  /** How many of that device share the model (layer split). */
  readonly deviceCount: number;
  /** A model id of data/models.csv, e.g. "llama-3-8b". */
  readonly modelId: string;
  /** Weight format as the data or the bandwidth model spells it: "q4_k_m", "mxfp4", "f16" or "fp16". */
  readonly quant: string;
  /** Tokens already in the KV cache. Default 0. */
  readonly contextTokens?: number;
  /** Runtime, e.g. "llama.cpp"; absent or "unspecified" skips the runtime-specific groups. */
  readonly runtime?: string;
  /** Benchmark ids left out of learning and of the exact-measurement look-up (for leave-one-out). */
  readonly exclude?: readonly string[];
  /** Fewest measurements a group needs before its efficiency is used. Default 3. */
  readonly minGroupSize?: number;
}

/** A band of efficiencies (measured / bound), each in (0, 1]. */
export interface EfficiencyBand {
  readonly central: number;
  readonly low: number;
  readonly high: number;
}

/** A prediction, or the reason there is none. */
export type SpeedPrediction =
  | {
      readonly kind: "does-not-fit";
      /** The capacity check's sentence. */
      readonly explanation: string;
      /** Weights and KV cache at the context, GiB. */
      readonly neededGiB: number;
      /** Memory of all the devices, GiB. */
      readonly memoryGiB: number;
    }
  | {
      readonly kind: "prediction";
      /** bound × efficiency.central, tokens/s (single stream). */
      readonly tokensPerSecond: number;
      /** bound × efficiency.low, tokens/s. */
      readonly lowTokensPerSecond: number;
      /** bound × efficiency.high, tokens/s; never above the bound. */
      readonly highTokensPerSecond: number;
      /** Memory-bandwidth bound, tokens/s. */
      readonly boundTokensPerSecond: number;
      readonly efficiency: EfficiencyBand;
      /** What the band is: "10th–90th percentile" or "min–max". */
      readonly band: string;
      /** The group the efficiency was learned from, e.g. "llama.cpp, one device, 4-bit class". */
      readonly group: string;
      /** Benchmark ids of the group's measurements. */
      readonly learnedFrom: readonly string[];
      /** A sentence: the group, its size, the band, the bound's arithmetic and the product. */
      readonly basis: string;
      /** A measurement of exactly this setup, when the data has one (not in `exclude`). */
      readonly measured?: { readonly tokensPerSecond: number; readonly benchmarkId: string; readonly sourceId: string };
    };

/** A measurement the efficiency is learned from. */
export interface LearningRow {
  readonly benchmarkId: string;
  readonly sourceId: string;
  readonly deviceId: string;
  readonly deviceCount: number;
  readonly modelId: string;
  /** The format as the bandwidth model spells it. */
  readonly format: string;
  readonly formatClass: FormatClass;
  readonly runtime: string;
  readonly contextTokens: number;
  /** Measured tokens/s. */
  readonly measured: number;
  /** Bound, tokens/s. */
  readonly bound: number;
  /** measured / bound. */
  readonly efficiency: number;
}

/** Weight formats grouped by width: the nearest of 4, 8 and 16 bits per weight on a log scale. */
export type FormatClass = "4-bit class" | "8-bit class" | "16-bit class";

const DEFAULT_MIN_GROUP = 3;
/** From this many measurements the band is the 10th–90th percentile; below, min–max. */
const PERCENTILE_BAND_FROM = 10;

/** The data's spellings → the bandwidth model's ("f16" is fp16; "4-bit" is read as q4_0). */
function modelFormat(quant: string): string {
  const q = quant.toLowerCase();
  if (q === "f16") return "fp16";
  if (q === "4-bit") return "q4_0";
  if (!isQuantFormat(q)) throw new RangeError(`quant ${JSON.stringify(quant)}: not a format the bandwidth model knows`);
  return q;
}

/** Format class of a format: the nearest of 4, 8 and 16 bits per weight, on a log scale. */
export function formatClass(quant: string): FormatClass {
  const bits = bitsPerWeight(modelFormat(quant));
  const l = Math.log2(bits);
  return l < 2.5 ? "4-bit class" : l < 3.5 ? "8-bit class" : "16-bit class";
}

/** A benchmark row's outcome; a row without the column (older data) counts as "ok". */
function outcomeOf(row: BenchmarkRow): string {
  const v = (row as unknown as Record<string, unknown>)["outcome"];
  return typeof v === "string" && v !== "" ? v : "ok";
}

const learningCache = new WeakMap<Data, readonly LearningRow[]>();

/**
 * The measurements efficiency is learned from: the bandwidth survey's single-stream decode rows
 * (bandwidthSurvey, layer split) that come from a non-article source, did not run out of memory
 * (outcome absent or "ok"), fit (so have a bound), and have a finite, positive speed.
 * Cached per data object.
 */
export function learningRows(data: Data): readonly LearningRow[] {
  const cached = learningCache.get(data);
  if (cached) return cached;
  const byId = new Map(data.benchmarks.rows.map((b) => [b.benchmark_id, b]));
  const rows: LearningRow[] = [];
  for (const r of bandwidthSurvey(data).rows) {
    const b = byId.get(r.benchmarkId);
    if (!b || r.fromArticle || outcomeOf(b) !== "ok") continue;
    if (r.bound === null || r.efficiency === null || !(r.measured > 0) || !Number.isFinite(r.efficiency)) continue;
    rows.push({
      benchmarkId: r.benchmarkId,
      sourceId: r.source,
      deviceId: r.device,
      deviceCount: r.deviceCount,
      modelId: r.model,
      format: modelFormat(r.quantization),
      formatClass: formatClass(r.quantization),
      runtime: r.runtime,
      contextTokens: r.contextTokens,
      measured: r.measured,
      bound: r.bound,
      efficiency: r.efficiency,
    });
  }
  learningCache.set(data, rows);
  return rows;
}

interface Level {
  readonly describe: (q: GroupKey) => string;
  readonly matches: (r: LearningRow, q: GroupKey) => boolean;
  readonly needsRuntime: boolean;
}

interface GroupKey {
  readonly runtime: string | null;
  readonly multi: boolean;
  readonly formatClass: FormatClass;
}

const topology = (multi: boolean) => (multi ? "several devices (layer split)" : "one device");

/** The groups, most specific first. */
const LEVELS: readonly Level[] = [
  { needsRuntime: true, describe: (q) => `${q.runtime}, ${topology(q.multi)}, ${q.formatClass}`, matches: (r, q) => r.runtime === q.runtime && r.deviceCount > 1 === q.multi && r.formatClass === q.formatClass },
  { needsRuntime: true, describe: (q) => `${q.runtime}, ${topology(q.multi)}, any format`, matches: (r, q) => r.runtime === q.runtime && r.deviceCount > 1 === q.multi },
  { needsRuntime: false, describe: (q) => `any runtime, ${topology(q.multi)}, any format`, matches: (r, q) => r.deviceCount > 1 === q.multi },
  { needsRuntime: false, describe: () => "every measurement", matches: () => true },
];

const fmt = (x: number, digits = 2) => x.toFixed(digits);

/**
 * Predicts single-stream decode speed: the memory-bandwidth bound (decodeEstimate, layer split,
 * specs from the data) times an efficiency learned from measurements.
 *
 * Method: take the learning rows ({@link learningRows}) minus `exclude`; walk the groups
 * runtime + single/multi-device + format class → runtime + single/multi → single/multi → all, and
 * use the first with at least `minGroupSize` measurements (the last group is used whatever its
 * size, if it has any). Central efficiency = the group's median; the band is its 10th–90th
 * percentile from 10 measurements, min–max below; all three are capped at 1, so the high end
 * is never above the bound. A setup that does not fit gives "does-not-fit" with the memory
 * figures; an exact measurement of the setup (same device, count, model, format, context, and
 * runtime when given) is returned beside the prediction, never in place of it.
 *
 * @example predictDecodeSpeed(data, { deviceId: "rtx-3090", deviceCount: 1, modelId: "llama-3-8b", quant: "q4_k_m", runtime: "llama.cpp" })
 */
export function predictDecodeSpeed(data: Data, query: SpeedQuery): SpeedPrediction {
  const format = modelFormat(query.quant);
  const count = query.deviceCount;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`deviceCount = ${count}: must be a whole number ≥ 1`);
  const context = query.contextTokens ?? 0;
  const minGroup = query.minGroupSize ?? DEFAULT_MIN_GROUP;
  if (!Number.isInteger(minGroup) || minGroup < 1) throw new RangeError(`minGroupSize = ${minGroup}: must be a whole number ≥ 1`);
  const device = deviceSpecFromData(data, query.deviceId);
  const model = modelSpecFromData(data, query.modelId);
  const estimate = decodeEstimate({ model, quant: format, devices: Array.from({ length: count }, () => device), split: "layer", contextTokens: context });
  if (estimate.kind === "does-not-fit") {
    return { kind: "does-not-fit", explanation: estimate.explanation, neededGiB: estimate.capacity.neededGiB, memoryGiB: estimate.capacity.memoryGiB };
  }
  const bound = estimate.tokensPerSecond;

  const excluded = new Set(query.exclude ?? []);
  const pool = learningRows(data).filter((r) => !excluded.has(r.benchmarkId));
  if (pool.length === 0) throw new RangeError("predictDecodeSpeed: no measurements left to learn efficiency from");
  const runtime = query.runtime === undefined || query.runtime === "unspecified" ? null : query.runtime;
  const key: GroupKey = { runtime, multi: count > 1, formatClass: formatClass(format) };
  const levels = LEVELS.filter((l) => runtime !== null || !l.needsRuntime);
  const skipped: string[] = [];
  let members: LearningRow[] = [];
  let group = "";
  for (let i = 0; i < levels.length; i++) {
    const m = pool.filter((r) => levels[i].matches(r, key));
    group = levels[i].describe(key);
    members = m;
    if (m.length >= minGroup || (i === levels.length - 1 && m.length > 0)) break;
    skipped.push(`${group}: ${m.length}`);
  }

  const effs = members.map((r) => r.efficiency);
  const usePercentiles = effs.length >= PERCENTILE_BAND_FROM;
  const band = usePercentiles ? "10th–90th percentile" : "min–max";
  const cap = (x: number) => Math.min(x, 1);
  const efficiency: EfficiencyBand = {
    central: cap(percentile(effs, 50)),
    low: cap(usePercentiles ? percentile(effs, 10) : Math.min(...effs)),
    high: cap(usePercentiles ? percentile(effs, 90) : Math.max(...effs)),
  };
  const tokensPerSecond = bound * efficiency.central;

  const exact = pool.find(
    (r) => r.deviceId === query.deviceId && r.deviceCount === count && r.modelId === query.modelId && r.format === format && r.contextTokens === context && (runtime === null || r.runtime === runtime),
  );
  const basis =
    `Efficiency ${fmt(efficiency.central)} (${fmt(efficiency.low)}–${fmt(efficiency.high)}, ${band}) is the median of measured / bound over ` +
    `${members.length} cited single-stream decode measurement${members.length === 1 ? "" : "s"} (${group})` +
    (skipped.length > 0 ? `, after narrower groups had fewer than ${minGroup} (${skipped.join("; ")})` : "") +
    `. Bound: ${estimate.explanation}. Estimate: ${bound.toFixed(1)} × ${fmt(efficiency.central)} = ${tokensPerSecond.toFixed(1)} tokens/s ` +
    `(${(bound * efficiency.low).toFixed(1)}–${(bound * efficiency.high).toFixed(1)}).`;

  return {
    kind: "prediction",
    tokensPerSecond,
    lowTokensPerSecond: bound * efficiency.low,
    highTokensPerSecond: bound * efficiency.high,
    boundTokensPerSecond: bound,
    efficiency,
    band,
    group,
    learnedFrom: members.map((r) => r.benchmarkId),
    basis,
    ...(exact ? { measured: { tokensPerSecond: exact.measured, benchmarkId: exact.benchmarkId, sourceId: exact.sourceId } } : {}),
  };
}

/** One measurement predicted without itself. */
export interface LeaveOneOutRow {
  readonly benchmarkId: string;
  readonly deviceId: string;
  readonly deviceCount: number;
  readonly modelId: string;
  readonly format: string;
  readonly runtime: string;
  readonly contextTokens: number;
  /** Measured tokens/s. */
  readonly measured: number;
  /** Predicted (central) tokens/s. */
  readonly predicted: number;
  readonly low: number;
  readonly high: number;
  /** predicted / measured. */
  readonly ratio: number;
  /** |predicted / measured − 1|. */
  readonly absError: number;
  /** Whether measured lies in [low, high]. */
  readonly inBand: boolean;
  readonly group: string;
  /** Measurements in the group. */
  readonly groupSize: number;
}

/** The leave-one-out table and its summary. */
export interface LeaveOneOut {
  readonly rows: readonly LeaveOneOutRow[];
  readonly summary: {
    readonly n: number;
    /** Median of |predicted / measured − 1|. */
    readonly medianAbsError: number;
    /** 80th percentile of |predicted / measured − 1|. */
    readonly p80AbsError: number;
    /** Share of rows with |predicted / measured − 1| ≤ 0.25. */
    readonly shareWithin25Percent: number;
    /** Share of rows whose measured speed lies in [low, high]. */
    readonly shareInBand: number;
  };
}

/** What leave-one-out leaves out: the row alone, or every row of the same setup (all context depths and sources). */
export type LeaveOut = "row" | "setup";

/**
 * Leave-one-out evaluation: each learning row ({@link learningRows}) is predicted by
 * {@link predictDecodeSpeed} with its own setup (device, count, model, format, runtime,
 * context) and with that row excluded from learning; with `leaveOut: "setup"`, every row of
 * the same device, count, model, format and runtime is excluded too (a stricter test: no
 * near-duplicate at another context depth or from another source helps). Summary: n, median
 * and 80th percentile of |predicted / measured − 1| (linear percentiles), share within ±25%,
 * share with the measurement inside [low, high].
 */
export function leaveOneOut(data: Data, options: { readonly leaveOut?: LeaveOut; readonly minGroupSize?: number } = {}): LeaveOneOut {
  const all = learningRows(data);
  const sameSetup = (a: LearningRow, b: LearningRow) =>
    a.deviceId === b.deviceId && a.deviceCount === b.deviceCount && a.modelId === b.modelId && a.format === b.format && a.runtime === b.runtime;
  const rows: LeaveOneOutRow[] = [];
  for (const r of all) {
    const exclude = options.leaveOut === "setup" ? all.filter((o) => sameSetup(o, r)).map((o) => o.benchmarkId) : [r.benchmarkId];
    const p = predictDecodeSpeed(data, {
      deviceId: r.deviceId,
      deviceCount: r.deviceCount,
      modelId: r.modelId,
      quant: r.format,
      contextTokens: r.contextTokens,
      runtime: r.runtime,
      exclude,
      minGroupSize: options.minGroupSize,
    });
    if (p.kind !== "prediction") continue; // a learning row fits by construction
    const ratio = p.tokensPerSecond / r.measured;
    rows.push({
      benchmarkId: r.benchmarkId,
      deviceId: r.deviceId,
      deviceCount: r.deviceCount,
      modelId: r.modelId,
      format: r.format,
      runtime: r.runtime,
      contextTokens: r.contextTokens,
      measured: r.measured,
      predicted: p.tokensPerSecond,
      low: p.lowTokensPerSecond,
      high: p.highTokensPerSecond,
      ratio,
      absError: Math.abs(ratio - 1),
      inBand: r.measured >= p.lowTokensPerSecond && r.measured <= p.highTokensPerSecond,
      group: p.group,
      groupSize: p.learnedFrom.length,
    });
  }
  const errs = rows.map((r) => r.absError);
  const n = rows.length;
  return {
    rows,
    summary: {
      n,
      medianAbsError: n === 0 ? NaN : percentile(errs, 50),
      p80AbsError: n === 0 ? NaN : percentile(errs, 80),
      shareWithin25Percent: n === 0 ? NaN : errs.filter((e) => e <= 0.25).length / n,
      shareInBand: n === 0 ? NaN : rows.filter((r) => r.inBand).length / n,
    },
  };
}
