/**
 * Decode-speed prediction: the memory-bandwidth bound of a setup, and the measurements of setups
 * like it, turned into a time per token with the measurements it was learned from named.
 *
 *   seconds/token ≈ bound seconds/token / efficiency + overhead seconds/token
 *
 * The first term is the weights and KV cache crossing the memory bus at a fraction `efficiency`
 * of the peak bandwidth; the second is what a token costs whatever its bytes: kernel launches,
 * synchronisation between the devices of a layer split, sampling. A pure efficiency ratio cannot
 * hold both: a small model on a fast device is far from its bound, a large one close to it. Both
 * figures are fitted (least squares on the relative error of the time per token, efficiency ≤ 1,
 * overhead ≥ 0) to a group of measurements: the same device (and runtime, when given) if the
 * data has at least `minGroupSize` of it, else runtime + single/multi-device + format class, then
 * runtime + single/multi, then single/multi, then every measurement. The band is the spread of
 * measured / fitted over the group; the high end never exceeds the bound.
 *
 * The previous method (method "ratio": speed = bound × the group's median of measured / bound,
 * without the device group) is kept for comparison.
 *
 * Learning uses the bandwidth survey's rows (lib/analysis/bandwidth-survey.ts) from cited sources
 * only: article-tier rows are claims, runs that ran out of memory (outcome "oom") have no speed,
 * and rows whose setup does not fit have no bound. Whether a setup fits is checkCapacity with the
 * runtime overhead per device the measurements support (lib/analysis/capacity-fit.ts).
 */
import type { Data } from "../data/index";
import type { BenchmarkRow } from "../data/types";
import { deviceSpecFromData, modelSpecFromData } from "../data/specs";
import { bitsPerWeight, isQuantFormat } from "../models/quantization";
import { decodeEstimate } from "../models/decode";
import { percentile } from "../sensitivity/percentile";
import { bandwidthSurvey } from "./bandwidth-survey";
import { memoryKindOf, runtimeOverheadFromMeasurements } from "./capacity-fit";

/** How the measurements become a prediction: "overhead" (time per token = bound time / efficiency + overhead; default) or "ratio" (bound × median efficiency). */
export type PredictionMethod = "overhead" | "ratio";

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
  /** Runtime, e.g. "llama.cpp"; absent or "unspecified" skips the runtime-specific groups (the device group then takes every runtime). */
  readonly runtime?: string;
  /** Benchmark ids left out of learning and of the exact-measurement look-up (for leave-one-out). */
  readonly exclude?: readonly string[];
  /** Fewest measurements a group needs before it is used. Default 3. */
  readonly minGroupSize?: number;
  /** Default "overhead". */
  readonly method?: PredictionMethod;
  /**
   * Runtime memory overhead per device for the capacity check, GiB. Default: the middle of the
   * interval the data's ok and out-of-memory runs allow for the device's memory kind
   * (runtimeOverheadFromMeasurements), 0 when that interval is empty.
   */
  readonly overheadGiBPerDevice?: number;
}

/** A band of efficiencies (predicted speed / bound), each in (0, 1]. */
export interface EfficiencyBand {
  readonly central: number;
  readonly low: number;
  readonly high: number;
}

/** The fitted time per token: bound time / bandwidthEfficiency + overheadSecondsPerToken. */
export interface TimeFit {
  /** Fraction of the bandwidth bound reached by the bytes of a token, in (0, 1]. */
  readonly bandwidthEfficiency: number;
  /** Fixed cost of a token, seconds (≥ 0). */
  readonly overheadSecondsPerToken: number;
  /** Which constraint held the least-squares solution, if any. */
  readonly constrained: "none" | "efficiency ≤ 1" | "overhead ≥ 0" | "both" | "too few measurements for an overhead";
}

/** A prediction, or the reason there is none. */
export type SpeedPrediction =
  | {
      readonly kind: "does-not-fit";
      /** The capacity check's sentence. */
      readonly explanation: string;
      /** Weights, KV cache at the context and runtime overhead, GiB. */
      readonly neededGiB: number;
      /** Memory of all the devices, GiB. */
      readonly memoryGiB: number;
      /** Runtime overhead per device the check assumed, GiB. */
      readonly overheadGiBPerDevice: number;
    }
  | {
      readonly kind: "prediction";
      readonly method: PredictionMethod;
      /** Central estimate, tokens/s (single stream). */
      readonly tokensPerSecond: number;
      /** Low end of the band, tokens/s. */
      readonly lowTokensPerSecond: number;
      /** High end of the band, tokens/s; never above the bound. */
      readonly highTokensPerSecond: number;
      /** Memory-bandwidth bound, tokens/s. */
      readonly boundTokensPerSecond: number;
      /** The three speeds above / the bound. */
      readonly efficiency: EfficiencyBand;
      /** The fitted time per token (method "overhead" only). */
      readonly fit?: TimeFit;
      /** What the band is: "10th–90th percentile" or "min–max" (of measured / fitted, or of measured / bound for "ratio"). */
      readonly band: string;
      /** The group learned from, e.g. "rtx-3090 with llama.cpp (any model, format, device count)". */
      readonly group: string;
      /** Benchmark ids of the group's measurements. */
      readonly learnedFrom: readonly string[];
      /** Runtime overhead per device the capacity check assumed, GiB. */
      readonly overheadGiBPerDevice: number;
      /** A sentence: the group, its size, the fit, the band, the bound's arithmetic and the estimate. */
      readonly basis: string;
      /** A measurement of exactly this setup, when the data has one (not in `exclude`). */
      readonly measured?: { readonly tokensPerSecond: number; readonly benchmarkId: string; readonly sourceId: string };
    };

/** A measurement the prediction is learned from. */
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
/** Fewest measurements for fitting an overhead beside the efficiency (two unknowns and one to spare). */
const OVERHEAD_FIT_FROM = 3;

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
 * The measurements predictions are learned from: the bandwidth survey's single-stream decode rows
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

/**
 * Fits seconds/token = (1 / bound) / bandwidthEfficiency + overheadSecondsPerToken to measurements
 * by least squares on the relative error of the time per token,
 *
 *   minimise Σ ((a / bound_i + b) × measured_i − 1)²   over a ≥ 1, b ≥ 0,   efficiency = 1 / a,
 *
 * so a 5 ms token counts as much as a 200 ms one. The constraints keep the fit physical (no
 * faster than the bound, no negative cost); the solution is the best of the unconstrained
 * optimum (when it satisfies them) and the optimum on each constraint's edge. With fewer than 3
 * measurements the overhead is 0 and only the efficiency is fitted.
 *
 * @example Three setups whose tokens take bound time / 0.8 + 2.5 ms exactly:
 *   fitTimePerToken([{ bound: 100, measured: 1 / 0.015 }, { bound: 20, measured: 1 / 0.065 }, { bound: 200, measured: 1 / 0.00875 }])
 *   // { bandwidthEfficiency: 0.8, overheadSecondsPerToken: 0.0025, constrained: "none" } (10 ms / 0.8 + 2.5 ms = 15 ms: 66.7 tokens/s)
 */
export function fitTimePerToken(rows: readonly { readonly bound: number; readonly measured: number }[]): TimeFit {
  if (rows.length === 0) throw new RangeError("fitTimePerToken: no measurements");
  // In x = 1/bound, t = 1/measured, weight w = 1/t²: minimise Σ w (a x + b − t)².
  let sw = 0, sx = 0, sxx = 0, st = 0, sxt = 0;
  for (const r of rows) {
    const x = 1 / r.bound, t = 1 / r.measured, w = 1 / (t * t);
    sw += w; sx += w * x; sxx += w * x * x; st += w * t; sxt += w * x * t;
  }
  const objective = (a: number, b: number) => rows.reduce((s, r) => s + ((a / r.bound + b) * r.measured - 1) ** 2, 0);
  const onlyEfficiency = { a: Math.max(1, sxt / sxx), b: 0 };
  if (rows.length < OVERHEAD_FIT_FROM) {
    return { bandwidthEfficiency: 1 / onlyEfficiency.a, overheadSecondsPerToken: 0, constrained: "too few measurements for an overhead" };
  }
  const candidates: { a: number; b: number; constrained: TimeFit["constrained"] }[] = [];
  const det = sxx * sw - sx * sx;
  if (det > 1e-12 * sxx * sw) {
    const a = (sxt * sw - st * sx) / det;
    const b = (st * sxx - sxt * sx) / det;
    if (a >= 1 && b >= 0) candidates.push({ a, b, constrained: "none" });
  }
  const bAtOne = Math.max(0, (st - sx) / sw); // a = 1: b = weighted mean of t − x
  candidates.push({ a: 1, b: bAtOne, constrained: bAtOne === 0 ? "both" : "efficiency ≤ 1" });
  candidates.push({ ...onlyEfficiency, constrained: onlyEfficiency.a === 1 ? "both" : "overhead ≥ 0" });
  const best = candidates.reduce((x, y) => (objective(y.a, y.b) < objective(x.a, x.b) - 1e-15 ? y : x));
  return { bandwidthEfficiency: 1 / best.a, overheadSecondsPerToken: best.b, constrained: best.constrained };
}

interface Level {
  readonly describe: (q: GroupKey) => string;
  readonly matches: (r: LearningRow, q: GroupKey) => boolean;
  readonly needsRuntime: boolean;
}

interface GroupKey {
  readonly deviceId: string;
  readonly runtime: string | null;
  readonly multi: boolean;
  readonly formatClass: FormatClass;
}

const topology = (multi: boolean) => (multi ? "several devices (layer split)" : "one device");

/** The groups of the ratio method, most specific first. */
const RATIO_LEVELS: readonly Level[] = [
  { needsRuntime: true, describe: (q) => `${q.runtime}, ${topology(q.multi)}, ${q.formatClass}`, matches: (r, q) => r.runtime === q.runtime && r.deviceCount > 1 === q.multi && r.formatClass === q.formatClass },
  { needsRuntime: true, describe: (q) => `${q.runtime}, ${topology(q.multi)}, any format`, matches: (r, q) => r.runtime === q.runtime && r.deviceCount > 1 === q.multi },
  { needsRuntime: false, describe: (q) => `any runtime, ${topology(q.multi)}, any format`, matches: (r, q) => r.deviceCount > 1 === q.multi },
  { needsRuntime: false, describe: () => "every measurement", matches: () => true },
];

/** The groups of the overhead method: the same device first (with the runtime when given), then the ratio method's. */
const OVERHEAD_LEVELS: readonly Level[] = [
  {
    needsRuntime: false,
    describe: (q) => `${q.deviceId} with ${q.runtime ?? "any runtime"} (any model, format, device count)`,
    matches: (r, q) => r.deviceId === q.deviceId && (q.runtime === null || r.runtime === q.runtime),
  },
  ...RATIO_LEVELS,
];

const fmt = (x: number, digits = 2) => x.toFixed(digits);
const ms = (seconds: number) => `${(seconds * 1000).toFixed(2)} ms`;

/** The runtime overhead per device the capacity check assumes for a device: the middle of the interval its memory kind's runs allow, or 0. */
function capacityOverheadGiB(data: Data, deviceId: string): number {
  return runtimeOverheadFromMeasurements(data, memoryKindOf(data, deviceId)).midpointGiB ?? 0;
}

/**
 * Predicts single-stream decode speed from the memory-bandwidth bound (decodeEstimate, layer
 * split, specs from the data) and the measurements of similar setups.
 *
 * Method "overhead" (default): take the learning rows ({@link learningRows}) minus `exclude`;
 * walk the groups same device (and runtime, when given) → runtime + single/multi-device + format
 * class → runtime + single/multi → single/multi → all, and use the first with at least
 * `minGroupSize` measurements (the last group whatever its size, if it has any). Fit
 * {@link fitTimePerToken} to the group; the central estimate is
 *
 *   tokens/s = 1 / ((1 / bound) / bandwidthEfficiency + overheadSecondsPerToken)
 *
 * and the band multiplies it by the 10th and 90th percentiles (from 10 measurements; min and max
 * below) of measured / fitted over the group, widened to include the central estimate and capped
 * at the bound.
 *
 * Method "ratio": the groups without the device group; central = bound × the group's median of
 * measured / bound, the band its percentiles (or min–max), each capped at the bound.
 *
 * A setup that does not fit (checkCapacity with the runtime overhead of
 * `overheadGiBPerDevice`) gives "does-not-fit" with the memory figures; an exact measurement of
 * the setup (same device, count, model, format, context, and runtime when given) is returned
 * beside the prediction, never in place of it.
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
  const method = query.method ?? "overhead";
  const device = deviceSpecFromData(data, query.deviceId);
  const model = modelSpecFromData(data, query.modelId);
  const overheadGiB = query.overheadGiBPerDevice ?? capacityOverheadGiB(data, query.deviceId);
  const estimate = decodeEstimate({
    model,
    quant: format,
    devices: Array.from({ length: count }, () => device),
    split: "layer",
    contextTokens: context,
    overheadGiBPerDevice: overheadGiB,
  });
  if (estimate.kind === "does-not-fit") {
    return {
      kind: "does-not-fit",
      explanation: `${estimate.explanation} (with ${overheadGiB.toFixed(2)} GiB runtime overhead per device)`,
      neededGiB: estimate.capacity.neededGiB,
      memoryGiB: estimate.capacity.memoryGiB,
      overheadGiBPerDevice: overheadGiB,
    };
  }
  const bound = estimate.tokensPerSecond;

  const excluded = new Set(query.exclude ?? []);
  const pool = learningRows(data).filter((r) => !excluded.has(r.benchmarkId));
  if (pool.length === 0) throw new RangeError("predictDecodeSpeed: no measurements left to learn from");
  const runtime = query.runtime === undefined || query.runtime === "unspecified" ? null : query.runtime;
  const key: GroupKey = { deviceId: query.deviceId, runtime, multi: count > 1, formatClass: formatClass(format) };
  const levels = (method === "ratio" ? RATIO_LEVELS : OVERHEAD_LEVELS).filter((l) => runtime !== null || !l.needsRuntime);
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
  const usePercentiles = members.length >= PERCENTILE_BAND_FROM;
  const band = usePercentiles ? "10th–90th percentile" : "min–max";
  const spread = (xs: number[]) => ({
    mid: percentile(xs, 50),
    low: usePercentiles ? percentile(xs, 10) : Math.min(...xs),
    high: usePercentiles ? percentile(xs, 90) : Math.max(...xs),
  });
  const n = members.length;
  const groupWords =
    `${n} cited single-stream decode measurement${n === 1 ? "" : "s"} (${group})` +
    (skipped.length > 0 ? `, after narrower groups had fewer than ${minGroup} (${skipped.join("; ")})` : "");

  let tokensPerSecond: number, low: number, high: number, basis: string;
  let fit: TimeFit | undefined;
  if (method === "ratio") {
    const s = spread(members.map((r) => r.efficiency));
    const cap = (x: number) => Math.min(x, 1);
    tokensPerSecond = bound * cap(s.mid);
    low = bound * cap(s.low);
    high = bound * cap(s.high);
    basis =
      `Efficiency ${fmt(cap(s.mid))} (${fmt(cap(s.low))}–${fmt(cap(s.high))}, ${band}) is the median of measured / bound over ${groupWords}. ` +
      `Bound: ${estimate.explanation}. Estimate: ${bound.toFixed(1)} × ${fmt(cap(s.mid))} = ${tokensPerSecond.toFixed(1)} tokens/s (${low.toFixed(1)}–${high.toFixed(1)}).`;
  } else {
    fit = fitTimePerToken(members);
    const f = fit;
    const speedOf = (b: number) => 1 / (1 / b / f.bandwidthEfficiency + f.overheadSecondsPerToken);
    tokensPerSecond = speedOf(bound);
    const s = spread(members.map((r) => r.measured / speedOf(r.bound)));
    low = tokensPerSecond * Math.min(s.low, 1);
    const highUncapped = tokensPerSecond * Math.max(s.high, 1);
    high = Math.min(highUncapped, bound);
    basis =
      `Time per token = bound time / ${fmt(f.bandwidthEfficiency)} + ${ms(f.overheadSecondsPerToken)}: bandwidth efficiency ${fmt(f.bandwidthEfficiency)} ` +
      `and per-token overhead ${ms(f.overheadSecondsPerToken)}, fitted (least squares on relative error` +
      (f.constrained === "none" ? "" : `; ${f.constrained}`) +
      `) to ${groupWords}. Bound: ${estimate.explanation}. ` +
      `Estimate: 1 / (${ms(1 / bound)} / ${fmt(f.bandwidthEfficiency)} + ${ms(f.overheadSecondsPerToken)}) = ${tokensPerSecond.toFixed(1)} tokens/s ` +
      `(${low.toFixed(1)}–${high.toFixed(1)}: the ${band} of measured / fitted over the group` +
      (highUncapped > bound ? ", high end capped at the bound" : "") +
      `).`;
  }

  const exact = pool.find(
    (r) => r.deviceId === query.deviceId && r.deviceCount === count && r.modelId === query.modelId && r.format === format && r.contextTokens === context && (runtime === null || r.runtime === runtime),
  );
  return {
    kind: "prediction",
    method,
    tokensPerSecond,
    lowTokensPerSecond: low,
    highTokensPerSecond: high,
    boundTokensPerSecond: bound,
    efficiency: { central: tokensPerSecond / bound, low: low / bound, high: high / bound },
    ...(fit ? { fit } : {}),
    band,
    group,
    learnedFrom: members.map((r) => r.benchmarkId),
    overheadGiBPerDevice: overheadGiB,
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
 * share with the measurement inside [low, high]. `method` picks the prediction method (default
 * "overhead"; "ratio" gives the previous method's figures for comparison).
 */
export function leaveOneOut(data: Data, options: { readonly leaveOut?: LeaveOut; readonly minGroupSize?: number; readonly method?: PredictionMethod } = {}): LeaveOneOut {
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
      method: options.method,
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
