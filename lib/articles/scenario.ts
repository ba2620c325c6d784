/**
 * The reader's own situation as a case: hardware, model, volume, electricity, labour and the API
 * compared. Any input left null is taken from a cited data row (named in the case's inputs), so
 * the scenario explorer answers with the same model and the same traceability as the article
 * notebooks: cost per million tokens, break-even, and what would have to change.
 *
 *   speed       = the median measured decode rate of this setup in data/benchmarks.csv (cited
 *                 sources, the concurrency asked for), else a single-stream prediction: the
 *                 memory-bandwidth bound × the efficiency the measurements in data/ show for
 *                 setups like it (lib/analysis/speed-predict.ts), or × the reader's efficiency;
 *                 at a concurrency the data does not measure, this setup's measured (or predicted)
 *                 speeds scaled by the batching gain measured setups show (lib/analysis/batching-gain.ts)
 *   utilization = volume / (speed × 3600 × hours per month); past 100%, setups are added
 *   API price   = blendedUsdPerMTok(input, cached input, output, input:output ratio, cache-hit share)
 *                 of the newest list price in data/api_prices.csv, else of the @pydantic/genai-prices
 *                 catalog (lib/data/api-catalog.ts) at the tier of the prompt length
 */
import { apiPrice, device, electricityPrice, range, tierOf, type Data } from "../data/index";
import {
  CATALOG_PACKAGE,
  CATALOG_PROVIDER_IDS,
  CATALOG_VERSION,
  DEFAULT_PROMPT_TOKENS,
  catalogOffer,
  catalogOffers,
  findCatalogModel,
  normalizeModelId,
  type CatalogFilter,
  type CatalogOffer,
} from "../data/api-catalog";
import type { ApiModel, ApiProvider, DeviceId } from "../data/ids";
import type { BenchmarkRow } from "../data/types";
import { decodeBoundFromData, weightsGiBFromData } from "../audit/physics";
import { predictDecodeSpeed } from "../analysis/speed-predict";
import { batchingGain, countsAsDecodeRun, streamsOf } from "../analysis/batching-gain";
import { deviceSpecFromData, modelSpecFromData } from "../data/specs";
import { blendedUsdPerMTok, breakEvenHardwareUsd, breakEvenVolume, BITS_PER_WEIGHT, isQuantFormat, selfHostCost, servingCeiling, type BreakEvenHardware, type SelfHostScenario } from "../models/index";
import { parseOverrides, scenarioFromValues, type ArticleCase, type CaseInput } from "./cases";

/** What the reader brings. Null: take it from the data (the case names the row). */
export interface Situation {
  /** A device_id of data/hardware.csv. */
  readonly deviceId: string;
  readonly deviceCount: number;
  /** A model_id of data/models.csv, and its quantization (e.g. "mxfp4", "q4_k_m", "fp16"). */
  readonly modelId: string;
  readonly quantization: string;
  /** Requests served at once: 1 is a single stream; more uses this setup's aggregate (batched) measurements at that concurrency, else an estimate from its measurements at others (or its single stream) by the batching gain measured setups show. */
  readonly concurrency: number;
  /** The volume to serve, tokens per month. */
  readonly tokensPerMonth: number;
  readonly hoursPerMonth: number;
  /** Purchase price all-in, USD; null: the newest price row in data/hardware_prices.csv. */
  readonly hardwareUsd: number | null;
  /** Host (CPU, board, PSU) added to a bare GPU's price, USD. */
  readonly hostUsd: number;
  readonly lifeMonths: number;
  /** Wall power generating, W; null: the data's load (else board) power × device count, plus hostWatts. */
  readonly loadWatts: number | null;
  /** Host power added to the devices' draw, W. */
  readonly hostWatts: number;
  /** Wall power idle, W; null: the data's idle power × count (0 with a note when no source gives one). */
  readonly idleWatts: number | null;
  /** Generation speed, tokens/s; null: measured in the data, else the bound × efficiency. */
  readonly tokensPerSecond: number | null;
  /** Fraction of the memory-bandwidth bound reached, used only when the data has no measurement; 0: learned from the measurements (predictDecodeSpeed). */
  readonly efficiency: number;
  /** USD per kWh; null: the newest US residential price in data/electricity.csv. */
  readonly usdPerKWh: number | null;
  readonly engineeringFte: number;
  /** USD per year per FTE, fully loaded; null: the low end of data/labour.csv. */
  readonly loadedUsdPerYear: number | null;
  /**
   * The API compared: provider and model as in data/api_prices.csv (newest list price), else as in
   * the @pydantic/genai-prices catalog (e.g. "google" / "gemini-2.5-pro"; lib/data/api-catalog.ts).
   */
  readonly apiProvider: string;
  readonly apiModel: string;
  /** Input tokens per output token. */
  readonly inputPerOutput: number;
  /** Share of input tokens read from the provider's cache, 0–1; priced at the cached-input price where the source gives one. Default 0. */
  readonly cachedInputShare?: number;
  /** Input tokens per request, which picks the tier of a catalog price tiered by prompt length. Default 10,000. */
  readonly promptTokens?: number;
}

/** The reader's case: an {@link ArticleCase} (so every article tool applies) and how it was built. */
export interface ReaderCase extends ArticleCase {
  readonly situation: Situation;
  /** Setups needed to serve the volume (1 unless one setup is too slow). */
  readonly setups: number;
  /** Where the speed comes from, in words. */
  readonly speedBasis: string;
  /** The low–high range of an estimated speed, tokens/s; null when the speed is measured or given. */
  readonly speedRange: { readonly low: number; readonly high: number } | null;
  /** Inputs left at a value no source gives (e.g. idle power 0), in words. */
  readonly caveats: readonly string[];
  /**
   * Where the purchase price comes from: yours, a cited row, or (when the data has none) the
   * highest price at which self-hosting matches the API at your volume, which the case is priced at.
   */
  readonly hardwarePrice: { readonly kind: "yours" | "data" } | { readonly kind: "missing"; readonly ceiling: BreakEvenHardware };
  /** One setup's scenario: the break-even scales out from it (`scenario` is the setups this volume needs). */
  readonly oneSetup: SelfHostScenario;
}

const READER = "reader";
/** asOf for lib/data's dated look-ups: the newest row the data has. */
const NEWEST = "9999-12-31";

/**
 * A scenario parameter that breaks a rule (or that the data cannot fill): names the parameter and
 * the rule. A RangeError, and an input error: the renderer prints its message without stack frames.
 */
export class ScenarioInputError extends RangeError {
  readonly parameter: string;
  constructor(parameter: string, rule: string) {
    super(`scenario parameter ${parameter}: ${rule}`);
    this.name = "ScenarioInputError";
    this.parameter = parameter;
  }
}

function fail(field: string, rule: string): never {
  throw new ScenarioInputError(field, rule);
}

/** A few of the known ids, for an error message: "a, b, c … (40 in all)". */
function someOf(ids: readonly string[]): string {
  const u = [...new Set(ids)].sort();
  return u.length <= 12 ? u.join(", ") : `${u.slice(0, 12).join(", ")} … (${u.length} in all; see the data/ table)`;
}

/** The device, model and format must be ones the data and the models know. */
function checkIds(data: Data, s: Situation): void {
  if (!data.hardware.rows.some((r) => r.device_id === s.deviceId)) fail("deviceId", `no device ${JSON.stringify(s.deviceId)} in data/hardware.csv; devices include ${someOf(data.hardware.rows.map((r) => r.device_id))}`);
  if (!data.models.rows.some((r) => r.model_id === s.modelId)) fail("modelId", `no model ${JSON.stringify(s.modelId)} in data/models.csv; models include ${someOf(data.models.rows.map((r) => r.model_id))}`);
  if (!isQuantFormat(s.quantization)) fail("quantization", `${JSON.stringify(s.quantization)} is not a weight format the models know: ${Object.keys(BITS_PER_WEIGHT).join(", ")}`);
}

/** Every rule a situation must meet (ranges, known device, model and format); throws naming the parameter. */
export function checkReaderSituation(data: Data, s: Situation): void {
  checkSituation(s);
  checkIds(data, s);
}

function checkSituation(s: Situation): void {
  const pos = (f: keyof Situation, v: number | null) => {
    if (v !== null && !(typeof v === "number" && Number.isFinite(v) && v > 0)) fail(f, `must be a number > 0 (got ${String(v)})`);
  };
  const nonNeg = (f: keyof Situation, v: number | null) => {
    if (v !== null && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) fail(f, `must be a number ≥ 0 (got ${String(v)})`);
  };
  if (!Number.isInteger(s.deviceCount) || s.deviceCount < 1) fail("deviceCount", `must be a whole number ≥ 1 (got ${s.deviceCount})`);
  if (!Number.isInteger(s.concurrency) || s.concurrency < 1) fail("concurrency", `must be a whole number ≥ 1 (got ${s.concurrency})`);
  pos("tokensPerMonth", s.tokensPerMonth);
  pos("hoursPerMonth", s.hoursPerMonth);
  if (s.hoursPerMonth > 744) fail("hoursPerMonth", `a month has at most 744 hours (got ${s.hoursPerMonth})`);
  pos("lifeMonths", s.lifeMonths);
  nonNeg("hardwareUsd", s.hardwareUsd);
  nonNeg("hostUsd", s.hostUsd);
  nonNeg("loadWatts", s.loadWatts);
  nonNeg("hostWatts", s.hostWatts);
  nonNeg("idleWatts", s.idleWatts);
  pos("tokensPerSecond", s.tokensPerSecond);
  if (!(s.efficiency >= 0 && s.efficiency <= 1)) fail("efficiency", `must be in [0, 1], 0 to learn it from the measurements (got ${s.efficiency})`);
  nonNeg("usdPerKWh", s.usdPerKWh);
  nonNeg("engineeringFte", s.engineeringFte);
  nonNeg("loadedUsdPerYear", s.loadedUsdPerYear);
  nonNeg("inputPerOutput", s.inputPerOutput);
  if (s.cachedInputShare !== undefined && !(typeof s.cachedInputShare === "number" && s.cachedInputShare >= 0 && s.cachedInputShare <= 1)) fail("cachedInputShare", `must be in [0, 1] (got ${String(s.cachedInputShare)})`);
  if (s.promptTokens !== undefined) nonNeg("promptTokens", s.promptTokens);
}

const median = (xs: readonly number[]): number => {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

const given = (name: string, value: number, unit: string, note = "your situation"): CaseInput => ({ name, value, unit, sourceId: READER, origin: "stated", note });
const fromData = (name: string, value: number, unit: string, sourceId: string, note: string): CaseInput => ({ name, value, unit, sourceId, origin: "from data", note });
const derived = (name: string, value: number, unit: string, sourceId: string, note: string): CaseInput => ({ name, value, unit, sourceId, origin: "derived", note });

/** The purchase price: yours, else the newest cited row; null when the data has no price for the device. */
function hardwarePrice(data: Data, s: Situation, caveats: string[]): CaseInput | null {
  const scopeOfRow = (row: { scope: string } | undefined) => hostCaveat(data, s, row?.scope === "system", caveats);
  if (s.hardwareUsd !== null) return scopeOfRow(undefined), given("hardwareUsd", s.hardwareUsd + s.hostUsd, "USD", s.hostUsd > 0 ? `your price, plus ${s.hostUsd} USD of host` : "your situation");
  const rows = data.hardware_prices.rows.filter((r) => r.device_id === s.deviceId);
  const newest = (xs: typeof rows) => [...xs].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
  const exact = rows.filter((r) => r.units === s.deviceCount);
  const row = exact.length > 0 ? newest(exact) : newest(rows.filter((r) => r.units === 1 && r.scope === "device"));
  scopeOfRow(row);
  if (!row) return null;
  memoryConfigurationCaveat(data, s, row, caveats);
  const each = row.usd_high === null ? row.usd_low : (row.usd_low + row.usd_high) / 2;
  const times = row.units === s.deviceCount ? 1 : s.deviceCount;
  const what = `${row.condition} price of ${row.units} × ${s.deviceId} (${row.date})${row.usd_high === null ? "" : `, mid-point of ${row.usd_low}–${row.usd_high}`}`;
  return fromData("hardwareUsd", each * times + s.hostUsd, "USD", row.source_id, `${times > 1 ? `${times} × ` : ""}${what}${s.hostUsd > 0 ? `, plus ${s.hostUsd} USD of host` : ""}`);
}

/**
 * A bare card (a *-gpu category in data/hardware.csv) needs a machine around it: its price row
 * (scope "device") and its power leave out the CPU, board, memory and power supply. Said when the
 * reader adds no host (hostUsd, hostWatts) and gave no all-in figure of their own.
 */
function hostCaveat(data: Data, s: Situation, priceIsSystem: boolean, caveats: string[]): void {
  if (!device(data, s.deviceId as DeviceId).category.endsWith("-gpu")) return;
  const price = s.hardwareUsd === null && s.hostUsd === 0 && !priceIsSystem;
  const power = s.loadWatts === null && s.hostWatts === 0;
  if (!price && !power) return;
  const what = price && power ? "price and power are" : price ? "price is" : "power is";
  const give = [price ? "hostUsd" : null, power ? "hostWatts" : null].filter((x) => x !== null).join(" and ");
  caveats.push(`${s.deviceId} is a bare card: its ${what} for the card${s.deviceCount > 1 ? "s" : ""} alone, without the machine ${s.deviceCount > 1 ? "they need" : "it needs"} (CPU, board, memory, power supply), which flatters self-hosting. Give ${give} for yours.`);
}

/**
 * A device sold in several memory configurations: the fit uses its largest (the specification is
 * generous), while the price may be for a smaller one (a "from" price). Said when the weights need
 * more than the priced configuration holds: its memory_gb where the price row states it, else the
 * smallest memory any hardware row gives (quoting the price row's notes).
 */
function memoryConfigurationCaveat(data: Data, s: Situation, row: { usd_low: number; source_id: string; notes: string | null; memory_gb: number | null }, caveats: string[]): void {
  if (!isQuantFormat(s.quantization)) return;
  const sizes = range(device(data, s.deviceId as DeviceId).rows, "memory_gb");
  if (sizes === null) return;
  const [smallest, largest] = [sizes.min, sizes.max];
  const weightsGiBPerDevice = weightsGiBFromData(data, s.modelId, BITS_PER_WEIGHT[s.quantization]) / s.deviceCount;
  const need = `${s.modelId} (${s.quantization}) needs ${weightsGiBPerDevice.toFixed(0)} GiB${s.deviceCount > 1 ? " per device" : ""} for its weights`;
  const price = `$${row.usd_low.toLocaleString("en-US")}, ${row.source_id}`;
  if (row.memory_gb !== null) {
    if (weightsGiBPerDevice <= row.memory_gb || row.memory_gb >= largest) return;
    caveats.push(
      `The price used (${price}) is for ${s.deviceId} with ${row.memory_gb} GB of memory, and ${need}, more than that holds; the fit uses the ${largest} GB the data gives for its largest configuration, which costs more. Give hardwareUsd for a configuration that holds the model.`,
    );
    return;
  }
  if (smallest === largest || weightsGiBPerDevice <= smallest) return;
  caveats.push(
    `The data gives ${s.deviceId} with ${smallest}–${largest} GB of memory (configurations); the fit uses ${largest} GB, and ${need}, more than the smallest holds. ` +
      `Check that the price used (${price}${row.notes ? `: ${row.notes}` : ""}) is for a configuration that holds it; a larger one costs more. Give hardwareUsd for yours.`,
  );
}

function power(data: Data, s: Situation, caveats: string[]): { load: CaseInput; idle: CaseInput } {
  const rows = data.hardware.rows.filter((r) => r.device_id === s.deviceId);
  if (rows.length === 0) fail("deviceId", `${s.deviceId} is not in data/hardware.csv (devices: ${[...new Set(data.hardware.rows.map((r) => r.device_id))].join(", ")})`);
  const first = <K extends "load_power_w" | "board_power_w" | "idle_power_w">(field: K) => {
    const cited = rows.filter((r) => r[field] !== null && tierOf(data, r.source_id) !== "article");
    return (cited.length > 0 ? cited : rows.filter((r) => r[field] !== null))[0];
  };
  let load: CaseInput;
  if (s.loadWatts !== null) load = given("loadWatts", s.loadWatts, "W");
  else {
    const r = first("load_power_w") ?? first("board_power_w");
    if (r) {
      const field = r.load_power_w !== null ? "load power" : "board power";
      const w = (r.load_power_w ?? r.board_power_w)!;
      load = fromData("loadWatts", w * s.deviceCount + s.hostWatts, "W", r.source_id, `${field} ${w} W${s.deviceCount > 1 ? ` × ${s.deviceCount}` : ""}${s.hostWatts > 0 ? ` + ${s.hostWatts} W host` : ""}`);
    } else {
      // no source gives the draw: leave the devices' electricity out, say so, and say what it would add
      load = given("loadWatts", s.hostWatts, "W", `no source gives the power of ${s.deviceId}: its draw is left out${s.hostWatts > 0 ? ` (${s.hostWatts} W host only)` : ""}; give loadWatts`);
      caveats.push(`No source in the data gives the power of ${s.deviceId}, so its electricity is left out, which flatters self-hosting: each 100 W drawn around the clock adds ${usdPerHundredWatts(data, s)} a month at your electricity price. Give loadWatts for your own figure.`);
    }
  }
  let idle: CaseInput;
  if (s.idleWatts !== null) idle = given("idleWatts", s.idleWatts, "W");
  else {
    const r = first("idle_power_w");
    if (r) idle = fromData("idleWatts", r.idle_power_w! * s.deviceCount, "W", r.source_id, `idle power ${r.idle_power_w} W${s.deviceCount > 1 ? ` × ${s.deviceCount}` : ""}`);
    else {
      idle = given("idleWatts", 0, "W", "no source gives the idle power: left at 0, which understates the cost at low utilization");
      caveats.push(`No source in the data gives the idle power of ${s.deviceId}; idle draw is taken as 0 W, which flatters self-hosting at low utilization.`);
    }
  }
  return { load, idle };
}

/** What 100 W drawn for the situation's hours costs a month at its electricity price, as "$x.xx". */
function usdPerHundredWatts(data: Data, s: Situation): string {
  const usd = 0.1 * s.hoursPerMonth * electricity(data, s).value;
  return `$${usd.toFixed(2)}`;
}

/** A speed with where it comes from, and the range of an estimate. */
interface Speed {
  readonly input: CaseInput;
  readonly basis: string;
  readonly range?: { readonly low: number; readonly high: number };
}

function speed(data: Data, s: Situation): Speed {
  if (s.tokensPerSecond !== null) return { input: given("tokensPerSecond", s.tokensPerSecond, "tok/s"), basis: "the speed you gave" };
  const rows = data.benchmarks.rows.filter(
    (b) =>
      b.device_id === s.deviceId &&
      b.device_count === s.deviceCount &&
      b.model_id === s.modelId &&
      b.quantization === s.quantization &&
      b.phase === "decode" &&
      (b.concurrency ?? b.batch_size ?? 1) === s.concurrency &&
      (b.context_depth ?? 0) <= 4096 &&
      b.outcome !== "oom" &&
      (b.tokens_per_s ?? 0) > 0 &&
      tierOf(data, b.source_id) !== "article",
  );
  if (rows.length > 0) {
    const v = median(rows.map((r) => r.tokens_per_s!));
    const ids = [...new Set(rows.map((r) => r.source_id))];
    const sourceId = rows.find((r) => r.tokens_per_s === v)?.source_id ?? ids[0];
    const basis = `the median of ${rows.length} measured decode rate${rows.length > 1 ? "s" : ""} of this setup at concurrency ${s.concurrency} (${ids.join(", ")})`;
    return { input: fromData("tokensPerSecond", v, "tok/s", sourceId, basis), basis };
  }
  if (s.concurrency > 1) return concurrentSpeed(data, s);
  if (s.efficiency > 0) {
    const bound = decodeBoundFromData(data, s.deviceId, s.deviceCount, s.modelId, s.quantization);
    if (bound === 0) fail("modelId", `${s.modelId} (${s.quantization}) does not fit in ${s.deviceCount} × ${s.deviceId}`);
    const basis = `no measurement in the data: the memory-bandwidth bound ${bound.toFixed(1)} tok/s × your ${s.efficiency} efficiency`;
    return { input: derived("tokensPerSecond", bound * s.efficiency, "tok/s", READER, basis), basis };
  }
  const p = predictDecodeSpeed(data, { deviceId: s.deviceId, deviceCount: s.deviceCount, modelId: s.modelId, quant: s.quantization });
  if (p.kind === "does-not-fit") fail("modelId", `${s.modelId} (${s.quantization}) does not fit in ${s.deviceCount} × ${s.deviceId}: ${p.explanation}`);
  const basis = `an estimate, not a measurement: ${p.tokensPerSecond.toFixed(1)} tok/s (range ${p.lowTokensPerSecond.toFixed(1)}–${p.highTokensPerSecond.toFixed(1)}); ${p.basis}`;
  return { input: derived("tokensPerSecond", p.tokensPerSecond, "tok/s", READER, basis), basis, range: { low: p.lowTokensPerSecond, high: p.highTokensPerSecond } };
}

/**
 * A setup serving several streams at a concurrency the data never measured. The measured
 * aggregate speeds of this very setup (any runtime; at one stream, the single-stream prediction
 * when none is measured) are the anchors; the estimate follows the batching gain measured setups
 * show (lib/analysis/batching-gain.ts: aggregate(c) = single stream × c^α):
 *
 *   between two anchors a < c < b:  a's speed × (c / a)^α_ab, α_ab the exponent joining them
 *   above the highest anchor h:     h's speed × (c / h)^α, α the measured runs' median
 *
 * with the band from the runs' exponents (never below the lower anchor nor above the upper one),
 * α kept within [0, 1] (batching neither lowers the total nor speeds a stream up). Only as many
 * streams as the memory holds with requests of `promptTokens` (default 10,000) are served at once;
 * the rest wait. Every figure is capped at the serving ceiling at that concurrency (servingCeiling:
 * the physical bound the audit uses).
 */
function concurrentSpeed(data: Data, s: Situation): Speed {
  const p = predictDecodeSpeed(data, { deviceId: s.deviceId, deviceCount: s.deviceCount, modelId: s.modelId, quant: s.quantization });
  if (p.kind === "does-not-fit") fail("modelId", `${s.modelId} (${s.quantization}) does not fit in ${s.deviceCount} × ${s.deviceId}: ${p.explanation}`);
  const device = deviceSpecFromData(data, s.deviceId);
  const devices = Array.from({ length: s.deviceCount }, () => device);
  const model = modelSpecFromData(data, s.modelId);
  const promptTokens = s.promptTokens ?? DEFAULT_PROMPT_TOKENS;
  const atContext = servingCeiling({ model, quant: s.quantization, devices, contextTokens: promptTokens, overheadGiBPerDevice: p.overheadGiBPerDevice, concurrency: s.concurrency });
  // a request of promptTokens that does not fit beside the weights leaves the streams unlimited by memory here (the fit itself was checked above)
  const ceiling = atContext.kind === "ceiling" ? atContext : servingCeiling({ model, quant: s.quantization, devices, overheadGiBPerDevice: p.overheadGiBPerDevice, concurrency: s.concurrency });
  if (ceiling.kind === "does-not-fit" || ceiling.atConcurrency === null) fail("modelId", `${s.modelId} (${s.quantization}) does not fit in ${s.deviceCount} × ${s.deviceId}`);
  const served = ceiling.atConcurrency.servedConcurrently;
  const bound = ceiling.atConcurrency.aggregateTokensPerSecond;
  const gain = batchingGain(data);
  const clampAlpha = (a: number) => Math.min(1, Math.max(0, a));

  // anchors: the measured aggregate speeds of this setup by concurrency (median per concurrency), and the predicted single stream where none is measured
  const runs = data.benchmarks.rows.filter(
    (b) => b.device_id === s.deviceId && b.device_count === s.deviceCount && b.model_id === s.modelId && b.quantization === s.quantization && countsAsDecodeRun(data, b),
  );
  const byStreams = new Map<number, BenchmarkRow[]>();
  for (const b of runs) byStreams.set(streamsOf(b), [...(byStreams.get(streamsOf(b)) ?? []), b]);
  type Anchor = { streams: number; value: number; low: number; high: number; what: string };
  const anchors: Anchor[] = [...byStreams.entries()].map(([c, rows]) => {
    const v = median(rows.map((r) => r.tokens_per_s!));
    return { streams: c, value: v, low: v, high: v, what: `measured ${v.toFixed(1)} tok/s at ${c} stream${c > 1 ? "s" : ""} (${[...new Set(rows.map((r) => r.source_id))].join(", ")})` };
  });
  if (!byStreams.has(1)) {
    if (s.efficiency > 0) {
      const one = decodeBoundFromData(data, s.deviceId, s.deviceCount, s.modelId, s.quantization) * s.efficiency; // as speed() prices a single stream at the reader's efficiency
      anchors.push({ streams: 1, value: one, low: one, high: one, what: `the single stream at your ${s.efficiency} of the bandwidth bound (${one.toFixed(1)} tok/s)` });
    } else anchors.push({ streams: 1, value: p.tokensPerSecond, low: p.lowTokensPerSecond, high: p.highTokensPerSecond, what: `the single-stream estimate ${p.tokensPerSecond.toFixed(1)} tok/s (range ${p.lowTokensPerSecond.toFixed(1)}–${p.highTokensPerSecond.toFixed(1)})` });
  }
  anchors.sort((a, b) => a.streams - b.streams);
  const below = [...anchors].reverse().find((a) => a.streams <= served) ?? anchors[0];
  const above = anchors.find((a) => a.streams > served) ?? null;

  let central: number, low: number, high: number, how: string;
  const scale = (a: Anchor, x: number, alpha: number) => x * Math.pow(served / a.streams, clampAlpha(alpha));
  if (below.streams === served) {
    // the memory holds exactly as many streams as an anchor serves: that anchor's speed
    ({ value: central, low, high } = below);
    how = `${below.what}, as many streams as are served at once`;
  } else if (above !== null) {
    const joining = clampAlpha(Math.log(above.value / below.value) / Math.log(above.streams / below.streams));
    central = scale(below, below.value, joining);
    low = Math.max(below.low, Math.min(above.low, scale(below, below.low, gain.low)));
    high = Math.min(above.high, Math.max(below.high, scale(below, below.high, gain.high)));
    how = `between ${below.what} and ${above.what}: ${below.value.toFixed(1)} × (${served} / ${below.streams})^${joining.toFixed(2)}, the exponent joining them`;
  } else {
    central = scale(below, below.value, gain.central);
    low = scale(below, below.low, gain.low);
    high = scale(below, below.high, gain.high);
    how = `${below.what}, times (${served} / ${below.streams})^α with α = ${gain.central.toFixed(2)}, the median of the batching gain ${gain.rows.length} measured batched runs show`;
  }
  const capped = central > bound || high > bound;
  [central, low, high] = [Math.min(central, bound), Math.min(low, bound), Math.min(high, bound)];
  if (low > central) low = central;
  if (high < central) high = central;
  const devicesLearned = [...new Set(gain.rows.map((r) => r.setup.replace(/^\d+ × ([^,]+),.*$/, "$1")))].join(", ");
  const basis =
    `an estimate, not a measurement: ${central.toFixed(1)} tok/s over ${s.concurrency} streams (range ${low.toFixed(1)}–${high.toFixed(1)}); ${how}; ` +
    `the range takes α over the ${gain.band} of those runs (${gain.low.toFixed(2)}–${gain.high.toFixed(2)}; aggregate at c streams = single stream × c^α, measured on ${devicesLearned})` +
    (served < s.concurrency ? `; ${served} streams of ${promptTokens.toLocaleString("en-US")}-token requests fit in memory at once, the rest wait` : "") +
    `; ${capped ? "capped at" : "under"} the serving ceiling of ${bound.toFixed(1)} tok/s at this concurrency (servingCeiling, the physical bound)`;
  return { input: derived("tokensPerSecond", central, "tok/s", READER, basis), basis, range: { low, high } };
}

function electricity(data: Data, s: Situation): CaseInput {
  if (s.usdPerKWh !== null) return given("usdPerKWh", s.usdPerKWh, "USD/kWh");
  const row = electricityPrice(data, { region: "us", sector: "residential", asOf: NEWEST });
  return fromData("usdPerKWh", row.usd_per_kwh, "USD/kWh", row.source_id, `US residential average, ${row.period}`);
}

function labour(data: Data, s: Situation): CaseInput | null {
  if (s.engineeringFte === 0) return null;
  if (s.loadedUsdPerYear !== null) return given("loadedUsdPerYear", s.loadedUsdPerYear, "USD/year");
  const row = [...data.labour.rows].sort((a, b) => a.loaded_annual_usd_low - b.loaded_annual_usd_low)[0];
  if (!row) fail("loadedUsdPerYear", "data/labour.csv is empty; give loadedUsdPerYear");
  return fromData("loadedUsdPerYear", row.loaded_annual_usd_low, "USD/year", row.source_id, `${row.role}, ${row.region}: the lowest loaded cost in the data`);
}

function api(data: Data, s: Situation): CaseInput[] {
  const share = s.cachedInputShare ?? 0;
  if (!data.api_prices.rows.some((r) => r.provider === s.apiProvider && r.model === s.apiModel && r.price_basis === "list")) return catalogApi(data, s, share);
  const row = apiPrice(data, { provider: s.apiProvider as ApiProvider, model: s.apiModel as ApiModel, basis: "list", asOf: NEWEST });
  const name = `${row.provider}/${row.model}, ${row.effective_date}`;
  if (row.usd_per_mtok_single_rate !== null) {
    return [fromData("apiUsdPerMTok", row.usd_per_mtok_single_rate, "USD/Mtok", row.source_id, `${name}: one rate for input and output`)];
  }
  if (row.usd_per_mtok_input === null || row.usd_per_mtok_output === null) fail("apiModel", `${name} has no input and output price`);
  const cached = row.usd_per_mtok_cached_input;
  const input =
    share === 0
      ? fromData("apiInputUsdPerMTok", row.usd_per_mtok_input, "USD/Mtok", row.source_id, `${name}: input`)
      : cached === null
        ? fromData("apiInputUsdPerMTok", row.usd_per_mtok_input, "USD/Mtok", row.source_id, `${name}: input (the source gives no cached-input price: the ${share} cache-hit share is priced as input)`)
        : derived("apiInputUsdPerMTok", (1 - share) * row.usd_per_mtok_input + share * cached, "USD/Mtok", row.source_id, `${name}: input ${row.usd_per_mtok_input}, ${share} of it cached at ${cached} USD/Mtok`);
  const blended = blendedUsdPerMTok({ inputUsdPerMTok: input.value, outputUsdPerMTok: row.usd_per_mtok_output }, { inputPerOutput: s.inputPerOutput });
  return [
    input,
    fromData("apiOutputUsdPerMTok", row.usd_per_mtok_output, "USD/Mtok", row.source_id, `${name}: output`),
    given("inputPerOutput", s.inputPerOutput, ""),
    derived("apiUsdPerMTok", blended, "USD/Mtok", row.source_id, share === 0 ? "blendedUsdPerMTok(input, output, ratio)" : "blendedUsdPerMTok(input with its cache share, output, ratio)"),
  ];
}

/** The API compared from the @pydantic/genai-prices catalog, when data/api_prices.csv has no list price for it. */
function catalogApi(data: Data, s: Situation, share: number): CaseInput[] {
  const m = findCatalogModel(s.apiProvider, s.apiModel);
  const o = m ? catalogOffer(m, { inputPerOutput: s.inputPerOutput, cachedInputShare: share, promptTokens: s.promptTokens }) : null;
  if (!m || !o) {
    const known = [...new Set(data.api_prices.rows.map((r) => `${r.provider}/${r.model}`))].join(", ");
    fail(
      "apiModel",
      `no list price for ${s.apiProvider}/${s.apiModel} in data/api_prices.csv (known: ${known}) ` +
        `nor a token price in the ${CATALOG_PACKAGE}@${CATALOG_VERSION} catalog${m ? "" : ` (providers: ${CATALOG_PROVIDER_IDS.join(", ")}; a model id as the package lists it)`}`,
    );
  }
  const name = `${o.provider}/${o.model} (${o.package}, pricing page ${o.sourceUrl}, as of ${o.effectiveDate}, ${o.tier})`;
  const input =
    share === 0
      ? fromData("apiInputUsdPerMTok", o.inputUsdPerMTok, "USD/Mtok", o.sourceId, `${name}: input`)
      : o.cachedInputUsdPerMTok === null
        ? fromData("apiInputUsdPerMTok", o.inputUsdPerMTok, "USD/Mtok", o.sourceId, `${name}: input (no cache-read price: the ${share} cache-hit share is priced as input)`)
        : derived("apiInputUsdPerMTok", (1 - share) * o.inputUsdPerMTok + share * o.cachedInputUsdPerMTok, "USD/Mtok", o.sourceId, `${name}: input ${o.inputUsdPerMTok}, ${share} of it cached at ${o.cachedInputUsdPerMTok} USD/Mtok`);
  return [
    input,
    fromData("apiOutputUsdPerMTok", o.outputUsdPerMTok, "USD/Mtok", o.sourceId, `${name}: output`),
    given("inputPerOutput", s.inputPerOutput, ""),
    derived("apiUsdPerMTok", o.usdPerMTok, "USD/Mtok", o.sourceId, `blendedUsdPerMTok(input${share > 0 ? " with its cache share" : ""}, output, ratio)${o.timeOfDay ? `; ${o.timeOfDay}` : ""}`),
  ];
}

/**
 * The reader's situation as a case. Throws a RangeError naming the parameter when one is out of
 * range or the data cannot fill it.
 *
 * @example readerCase(data, { ...situation, deviceId: "dgx-spark", modelId: "gpt-oss-120b", quantization: "mxfp4" })
 *   // speed: the median measured decode rate of a DGX Spark on gpt-oss-120b
 */
export function readerCase(data: Data, s: Situation): ReaderCase {
  checkReaderSituation(data, s);
  const caveats: string[] = [];
  const cited = hardwarePrice(data, s, caveats);
  return cited === null ? pricedAtCeiling(data, s, caveats) : buildCase(data, s, cited, caveats, null);
}

/**
 * A device the data has no purchase price for: the case is priced at the highest price at which
 * self-hosting still matches the API at the reader's volume ({@link breakEvenHardwareUsd}), or
 * free when even free hardware loses, and says so in its inputs and caveats.
 */
function pricedAtCeiling(data: Data, s: Situation, hostCaveats: readonly string[]): ReaderCase {
  const probe = buildCase(data, s, given("hardwareUsd", 0, "USD"), [], null);
  const ceiling = breakEvenHardwareUsd(probe.oneSetup, s.tokensPerMonth, probe.apiUsdPerMTok);
  const what = `${s.deviceCount > 1 ? `${s.deviceCount} × ` : ""}${s.deviceId}`;
  const price =
    ceiling.kind === "usd"
      ? derived("hardwareUsd", ceiling.hardwareUsd, "USD", READER, `data/hardware_prices.csv has no price for ${s.deviceId}: the highest price of ${what} at which self-hosting matches the API at your volume (breakEvenHardwareUsd); give hardwareUsd for your own`)
      : derived("hardwareUsd", 0, "USD", READER, `data/hardware_prices.csv has no price for ${s.deviceId}, and even free hardware loses (${ceiling.explanation}); give hardwareUsd for your own`);
  const caveats = [
    ceiling.kind === "usd"
      ? `The data has no purchase price for ${s.deviceId}: the figures are at $${Math.round(ceiling.hardwareUsd).toLocaleString("en-US")} for ${what}, the price at which self-hosting costs what the API does at your volume; for less, self-hosting is cheaper. Give hardwareUsd for your own price.`
      : `The data has no purchase price for ${s.deviceId}, and it does not matter at this volume: ${ceiling.explanation}. The figures are for free hardware.`,
    ...hostCaveats,
  ];
  return buildCase(data, s, price, caveats, ceiling);
}

function buildCase(data: Data, s: Situation, price: CaseInput, caveats: string[], ceiling: BreakEvenHardware | null): ReaderCase {
  const { load, idle } = power(data, s, caveats);
  const sp = speed(data, s);
  const one: CaseInput[] = [price, given("lifeMonths", s.lifeMonths, "month"), load, idle, electricity(data, s), sp.input, given("hoursPerMonth", s.hoursPerMonth, "h/month")];
  const capacityOne = sp.input.value * 3600 * s.hoursPerMonth;
  const setups = Math.ceil(s.tokensPerMonth / capacityOne - 1e-12);
  const scaled = setups === 1 ? one : one.map((i) =>
    ["hardwareUsd", "loadWatts", "idleWatts", "tokensPerSecond"].includes(i.name)
      ? { ...i, value: i.value * setups, origin: "derived" as const, note: `${setups} setups × ${+i.value.toPrecision(6)} (${i.note})` }
      : i,
  );
  const inputs: CaseInput[] = [...scaled, given("engineeringFte", s.engineeringFte, "FTE")];
  const lab = labour(data, s);
  if (lab) inputs.push(lab);
  inputs.push(...api(data, s));
  // at most 1: a volume within 1e-12 of a whole number of setups is served by that many
  const utilization = Math.min(1, s.tokensPerMonth / (capacityOne * setups));
  inputs.push(derived("utilization", utilization, "", READER, `your volume / capacity of ${setups} setup${setups > 1 ? "s" : ""}`));
  const values: Record<string, number> = {};
  for (const i of inputs) values[i.name] = i.value;
  const scenario = scenarioFromValues(values);
  // The break-even scales out from one setup (its own hardware, power and speed; engineering shared), not from the bundle this volume needs.
  const oneValues: Record<string, number> = { ...values };
  for (const i of one) oneValues[i.name] = i.value;
  const oneSetup = scenarioFromValues(oneValues);
  return {
    article: "scenario",
    caseId: `${s.deviceCount}x-${s.deviceId}-${s.modelId}`,
    inputs,
    scenario,
    utilization,
    apiUsdPerMTok: values.apiUsdPerMTok,
    claimedBreakEvenTokens: null,
    breakEven: breakEvenVolume(oneSetup, values.apiUsdPerMTok),
    month: selfHostCost(scenario, utilization),
    situation: s,
    setups,
    speedBasis: sp.basis,
    speedRange: sp.range ?? null,
    caveats,
    hardwarePrice: ceiling === null ? (s.hardwareUsd !== null ? { kind: "yours" } : { kind: "data" }) : { kind: "missing", ceiling },
    oneSetup,
  };
}

/** One API offer, blended at an input:output ratio: a row of data/api_prices.csv or a model of the price catalog. */
export interface ApiOffer {
  readonly provider: string;
  readonly model: string;
  readonly usdPerMTok: number;
  /** The date the price held: the row's effective date, or the catalog's as-of date. */
  readonly effectiveDate: string;
  /** The sources.csv id: the row's source, or the catalog package's (pydantic-genai-prices-<version>). */
  readonly sourceId: string;
  /** "cited": a hand-cited row of data/api_prices.csv (the price an article or source saw at its date); "catalog": @pydantic/genai-prices. */
  readonly origin: "cited" | "catalog";
  /** The address to check the price at: the source's URL, or the provider's pricing page as the catalog cites it. */
  readonly sourceUrl: string;
  /** Whether a cache-hit share was priced at a cached-input price (false when the share is 0 or no such price is given). */
  readonly cacheRead: boolean;
  /** Catalog offers: the package's details (tier used, cache price, time of day, charges left out). */
  readonly catalog?: CatalogOffer;
}

/** Which offers {@link apiOffers} compares, and how they are priced. */
export interface ApiOfferOptions extends CatalogFilter {
  /**
   * "cited" (the default): data/api_prices.csv only, as every published report shows it;
   * "catalog": the @pydantic/genai-prices catalog only; "all": both (a model priced by both appears
   * twice, each with its source and date).
   */
  readonly sources?: "cited" | "catalog" | "all";
  /** Share of input tokens read from the provider's cache, 0–1 (default 0); priced at the cached-input price where given. */
  readonly cachedInputShare?: number;
  /** Input tokens per request, which picks the tier of a catalog price (default 10,000). */
  readonly promptTokens?: number;
  /** The date catalog prices should hold (default the package version's publication date). */
  readonly asOf?: string;
}

/** Whether a data/api_prices.csv row passes the filters (provider, family: substring of the model, sameModelAs: the model or its model_id). */
function citedPasses(r: { provider: string; model: string; model_id: string | null }, f: ApiOfferOptions): boolean {
  if (f.providers && f.providers.length > 0 && !f.providers.some((p) => p.toLowerCase() === r.provider.toLowerCase())) return false;
  if (f.family !== undefined && f.family.trim() !== "" && !r.model.toLowerCase().includes(f.family.trim().toLowerCase())) return false;
  if (f.sameModelAs && f.sameModelAs.length > 0) {
    const own = normalizeModelId(r.model);
    if (!f.sameModelAs.some((n) => normalizeModelId(n) === own || (r.model_id !== null && normalizeModelId(n) === normalizeModelId(r.model_id)))) return false;
  }
  return true;
}

/**
 * API offers blended at `inputPerOutput` input tokens per output token; cheapest first (then
 * provider, model). By default every API of data/api_prices.csv at its newest list price
 * (promotions left out), as the published reports show them; `options.sources` adds or takes the
 * @pydantic/genai-prices catalog instead, and the filters (providers, family, sameModelAs) narrow
 * either. A cache-hit share uses cached-input prices where the source gives one.
 *
 * @example apiOffers(data, 3)                                                        // the hand-cited rows
 * @example apiOffers(data, 3, { sources: "all", sameModelAs: ["gpt-oss-120b"] })      // every host of the model you self-host
 * @example apiOffers(data, 3, { sources: "catalog", providers: ["anthropic"], cachedInputShare: 0.5 })
 */
export function apiOffers(data: Data, inputPerOutput: number, options: ApiOfferOptions = {}): ApiOffer[] {
  const which = options.sources ?? "cited";
  const share = options.cachedInputShare ?? 0;
  if (!(typeof share === "number" && share >= 0 && share <= 1)) fail("cachedInputShare", `must be in [0, 1] (got ${String(share)})`);
  const offers: ApiOffer[] = [];
  if (which !== "catalog") {
    const urls = new Map(data.sources.rows.map((r) => [r.source_id, r.url]));
    const listed = new Map(data.api_prices.rows.filter((r) => r.price_basis === "list" && citedPasses(r, options)).map((r) => [`${r.provider}/${r.model}`, r]));
    for (const { provider, model } of listed.values()) {
      const r = apiPrice(data, { provider: provider as ApiProvider, model: model as ApiModel, basis: "list", asOf: NEWEST });
      const cacheRead = share > 0 && r.usd_per_mtok_single_rate === null && r.usd_per_mtok_cached_input !== null;
      const usdPerMTok =
        r.usd_per_mtok_single_rate ??
        (r.usd_per_mtok_input !== null && r.usd_per_mtok_output !== null
          ? blendedUsdPerMTok(
              { inputUsdPerMTok: r.usd_per_mtok_input, outputUsdPerMTok: r.usd_per_mtok_output, cachedInputUsdPerMTok: r.usd_per_mtok_cached_input ?? r.usd_per_mtok_input },
              { inputPerOutput, cachedInputShare: share },
            )
          : null);
      if (usdPerMTok !== null) {
        offers.push({ provider: r.provider, model: r.model, usdPerMTok, effectiveDate: r.effective_date, sourceId: r.source_id, origin: "cited", sourceUrl: urls.get(r.source_id) ?? "", cacheRead });
      }
    }
  }
  if (which !== "cited") {
    const pricing = { inputPerOutput, cachedInputShare: share, promptTokens: options.promptTokens, asOf: options.asOf };
    for (const o of catalogOffers(pricing, options)) {
      offers.push({ provider: o.provider, model: o.model, usdPerMTok: o.usdPerMTok, effectiveDate: o.effectiveDate, sourceId: o.sourceId, origin: "catalog", sourceUrl: o.sourceUrl, cacheRead: o.cacheRead, catalog: o });
    }
  }
  return offers.sort((a, b) => a.usdPerMTok - b.usdPerMTok || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || a.origin.localeCompare(b.origin));
}

/** The figures a reader may give in place of the data's (the `yourValues` parameter). */
export const READER_VALUES = ["hardwareUsd", "loadWatts", "idleWatts", "tokensPerSecond", "usdPerKWh", "loadedUsdPerYear"] as const;
export type ReaderValue = (typeof READER_VALUES)[number];

/**
 * Parses "hardwareUsd=4000, usdPerKWh=0.30" into the reader's own figures; any name not in
 * {@link READER_VALUES} is an error that lists them.
 */
export function readerValues(text: string): Partial<Record<ReaderValue, number>> {
  const v = parseOverrides(text);
  for (const k of Object.keys(v)) {
    if (!(READER_VALUES as readonly string[]).includes(k)) fail("yourValues", `${k} is not one of ${READER_VALUES.join(", ")}`);
  }
  return v;
}
