/**
 * One answer for any valid situation, in the terminal (scripts/scenario.ts) or a notebook: if the
 * model does not fit, say so first with the memory it needs against what the devices have, and
 * what would fit instead; otherwise the cost per million tokens, the break-even and the cheapest
 * comparable API, with their sources; a speed the data does not measure is an estimate with a
 * range, and so are the figures computed from it.
 */
import type { Data } from "../data/index";
import { num, tokens, usd, usdPerMTok } from "../report/format";
import { deviceSpecFromData, modelSpecFromData } from "../data/specs";
import { bitsPerWeight, BITS_PER_WEIGHT, breakEvenHardwareUsd, checkCapacity, describeBreakEven, type BreakEvenVolume } from "../models/index";
import { apiOffers, checkReaderSituation, readerCase, type ApiOffer, type ReaderCase, type Situation } from "./scenario";

/** The situation a reader starts from: the scenario notebook's parameters. */
export const DEFAULT_SITUATION: Situation = {
  deviceId: "dgx-spark",
  deviceCount: 1,
  modelId: "gpt-oss-120b",
  quantization: "mxfp4",
  concurrency: 8,
  tokensPerMonth: 100e6,
  hoursPerMonth: 730,
  hardwareUsd: null,
  hostUsd: 0,
  lifeMonths: 36,
  loadWatts: null,
  hostWatts: 0,
  idleWatts: null,
  tokensPerSecond: null,
  efficiency: 0,
  usdPerKWh: null,
  engineeringFte: 0.05,
  loadedUsdPerYear: null,
  apiProvider: "anthropic",
  apiModel: "claude-sonnet-4.6",
  inputPerOutput: 3,
};

/** What would fit when the model does not. */
export interface FitAdvice {
  readonly neededGiB: number;
  readonly memoryGiB: number;
  readonly explanation: string;
  /** The fewest devices of this kind that hold the weights (up to 64), or null. */
  readonly devicesNeeded: number | null;
  /** Smaller formats that fit on the devices given. */
  readonly formatsThatFit: readonly string[];
  /** The largest models in the data that fit on the devices in this format (up to 5). */
  readonly modelsThatFit: readonly string[];
}

/** A value with the range an estimated speed carries into it (low = high = value when measured). */
export interface Ranged<T> {
  readonly value: T;
  readonly low: T;
  readonly high: T;
}

export type ScenarioAnswer =
  | { readonly kind: "does-not-fit"; readonly situation: Situation; readonly fit: FitAdvice }
  | {
      readonly kind: "answer";
      readonly situation: Situation;
      readonly case: ReaderCase;
      /** Whether the speed is an estimate (no measurement of this setup). */
      readonly estimated: boolean;
      readonly tokensPerSecond: Ranged<number>;
      readonly usdPerMTok: Ranged<number>;
      readonly breakEven: Ranged<BreakEvenVolume>;
      readonly apiMonthUsd: number;
      readonly selfHostMonthUsd: number;
      /** Which costs less at the volume; "depends on the price" when the data has no price for the device (see maxHardwareUsd). */
      readonly cheaper: "self-hosting" | "the API" | "depends on the price";
      /**
       * The most one setup's hardware may cost for self-hosting to match the API at this volume
       * (lib/models breakEvenHardwareUsd), with the speed's range; null where even free hardware loses.
       */
      readonly maxHardwareUsd: Ranged<number | null>;
      /** The cheapest API in the data (newest list prices, blended at the situation's ratio). */
      readonly cheapestApi: ApiOffer;
      /**
       * The cheapest host of the model you self-host, among the cited rows and the
       * @pydantic/genai-prices catalog (`sameModelAs`); null when none sells it.
       */
      readonly cheapestHostOfModel: ApiOffer | null;
    };

/** Formats from most to fewest bits, for the "a smaller format fits" advice. */
const SMALLER_FORMATS = ["fp16", "fp8", "q8_0", "q6_k", "q5_k_m", "q4_k_m", "mxfp4", "q3_k", "q2_k"] as const;

/** Whether a model in a format fits on `count` devices (weights only, the generous check). */
function fits(data: Data, deviceId: string, count: number, modelId: string, format: string): boolean {
  const device = deviceSpecFromData(data, deviceId);
  const model = modelSpecFromData(data, modelId);
  return checkCapacity({ weightBytes: (model.totalParams * bitsPerWeight(format)) / 8 }, Array.from({ length: count }, () => device)).fits;
}

/** The advice when a model does not fit (null when it does). */
export function fitAdvice(data: Data, s: Situation): FitAdvice | null {
  const device = deviceSpecFromData(data, s.deviceId);
  const model = modelSpecFromData(data, s.modelId);
  const bits = bitsPerWeight(s.quantization);
  const check = checkCapacity({ weightBytes: (model.totalParams * bits) / 8 }, Array.from({ length: s.deviceCount }, () => device));
  if (check.fits) return null;
  let devicesNeeded: number | null = null;
  for (let n = s.deviceCount + 1; n <= 64; n++) {
    if (fits(data, s.deviceId, n, s.modelId, s.quantization)) {
      devicesNeeded = n;
      break;
    }
  }
  const formatsThatFit = SMALLER_FORMATS.filter((f) => BITS_PER_WEIGHT[f] < bits && fits(data, s.deviceId, s.deviceCount, s.modelId, f));
  const ids = [...new Set(data.models.rows.map((r) => r.model_id))];
  const sized = ids
    .map((id) => {
      try {
        return { id, params: modelSpecFromData(data, id).totalParams };
      } catch {
        return null;
      }
    })
    .filter((x): x is { id: string; params: number } => x !== null && fits(data, s.deviceId, s.deviceCount, x.id, s.quantization))
    .sort((a, b) => b.params - a.params || a.id.localeCompare(b.id));
  return {
    neededGiB: check.neededGiB,
    memoryGiB: check.memoryGiB,
    explanation: `${s.modelId} in ${s.quantization} ${check.explanation}`,
    devicesNeeded,
    formatsThatFit,
    modelsThatFit: sized.slice(0, 5).map((x) => x.id),
  };
}


/** The answer for a situation (see the module comment). Throws only for a genuinely invalid input, naming it. */
export function scenarioAnswer(data: Data, s: Situation): ScenarioAnswer {
  // an invalid input is an error first, so that a wrong id is never reported as "does not fit"
  checkReaderSituation(data, s);
  const advice = fitAdvice(data, s);
  if (advice !== null) return { kind: "does-not-fit", situation: s, fit: advice };
  const c = readerCase(data, s);
  const r = c.speedRange;
  // one setup's speed and price (the case's inputs are for the setups the volume needs)
  const tps = c.oneSetup.tokensPerSecond;
  // the speed's ends keep the central case's price (a device without a cited price stays at the price the case is figured at)
  const price = c.oneSetup.compute.kind === "owned" ? c.oneSetup.compute.hardwareUsd : 0;
  const at = (x: number) => (x === tps ? c : readerCase(data, { ...s, tokensPerSecond: x, hardwareUsd: c.hardwarePrice.kind === "missing" ? Math.max(0, price - s.hostUsd) : s.hardwareUsd }));
  const lowCase = r ? at(r.low) : c;
  const highCase = r ? at(r.high) : c;
  const apiMonthUsd = (s.tokensPerMonth / 1e6) * c.apiUsdPerMTok;
  const offers = apiOffers(data, s.inputPerOutput);
  const hosts = apiOffers(data, s.inputPerOutput, { sources: "all", sameModelAs: [s.modelId], cachedInputShare: s.cachedInputShare, promptTokens: s.promptTokens });
  const ceiling = (k: ReaderCase) => {
    const h = breakEvenHardwareUsd(k.oneSetup, s.tokensPerMonth, k.apiUsdPerMTok);
    return h.kind === "usd" ? h.hardwareUsd : null;
  };
  return {
    kind: "answer",
    situation: s,
    case: c,
    estimated: r !== null,
    tokensPerSecond: { value: tps, low: r ? r.low : tps, high: r ? r.high : tps },
    // a slower machine costs more per token: the low speed gives the high cost
    usdPerMTok: { value: c.month.usdPerMTok ?? 0, low: highCase.month.usdPerMTok ?? 0, high: lowCase.month.usdPerMTok ?? 0 },
    breakEven: { value: c.breakEven, low: highCase.breakEven, high: lowCase.breakEven },
    apiMonthUsd,
    selfHostMonthUsd: c.month.totalUsd,
    cheaper: c.hardwarePrice.kind === "missing" && c.hardwarePrice.ceiling.kind === "usd" ? "depends on the price" : c.month.totalUsd < apiMonthUsd ? "self-hosting" : "the API",
    // a faster machine may cost more: the high speed gives the high ceiling
    maxHardwareUsd: { value: ceiling(c), low: ceiling(lowCase), high: ceiling(highCase) },
    cheapestApi: offers[0],
    cheapestHostOfModel: hosts[0] ?? null,
  };
}

/**
 * A monthly volume as the reports write one (lib/report/format tokens: "100M", "1.52B", "1,000T",
 * rounded before the unit is chosen), and the count itself below 1,000 ("1", "0.001", never "0 M").
 * @example volumeText(1e8) // "100M tokens", volumeText(1e15) // "1,000T tokens", volumeText(1) // "1 token"
 */
function volumeText(x: number): string {
  return `${Math.abs(x) >= 1000 ? tokens(x) : num(x)} token${x === 1 ? "" : "s"}`;
}

/** A month's cost: lib/report/format usd, but an amount below half a cent reads "less than $0.01" (never "$6.00e-9"). */
function monthUsd(x: number): string {
  return x > 0 && x < 0.005 ? "less than $0.01" : usd(x);
}

/** The answer as lines of text, each figure with its source or basis. */
export function answerText(a: ScenarioAnswer): string {
  const s = a.situation;
  const setup = `${num(s.deviceCount)} × ${s.deviceId} running ${s.modelId} (${s.quantization})`;
  if (a.kind === "does-not-fit") {
    const f = a.fit;
    return [
      `Does not fit: ${setup} needs ${f.neededGiB.toFixed(1)} GiB for its weights; the devices have ${f.memoryGiB.toFixed(0)} GiB.`,
      `What would fit instead:`,
      `  more devices: ${f.devicesNeeded === null ? "not within 64" : `${f.devicesNeeded} × ${s.deviceId}`}`,
      `  a smaller format: ${f.formatsThatFit.length === 0 ? "none of the formats the models know" : f.formatsThatFit.join(", ")}`,
      `  the largest models in the data that fit in ${s.quantization}: ${f.modelsThatFit.length === 0 ? "none" : f.modelsThatFit.join(", ")}`,
    ].join("\n");
  }
  const range = (r: Ranged<number>, f: (x: number) => string) => (r.low === r.high ? f(r.value) : `${f(r.value)} (range ${f(r.low)}–${f(r.high)})`);
  const be = (b: BreakEvenVolume) => describeBreakEven(b);
  const c = a.case;
  const src = (name: string) => {
    const i = [...c.inputs].reverse().find((x) => x.name === name);
    return i ? `${i.origin} ${i.sourceId}` : "";
  };
  const volume = `${volumeText(s.tokensPerMonth)} a month`;
  const ceiling = (x: number | null) => (x === null ? "none (even free hardware loses)" : usd(x));
  const maxPrice = a.maxHardwareUsd.low === a.maxHardwareUsd.high ? ceiling(a.maxHardwareUsd.value) : `${ceiling(a.maxHardwareUsd.value)} (range ${ceiling(a.maxHardwareUsd.low)}–${ceiling(a.maxHardwareUsd.high)})`;
  const host = a.cheapestHostOfModel;
  return [
    a.cheaper === "depends on the price"
      ? `It depends on the price: the data has no purchase price for ${s.deviceId}. At ${volume}, self-hosting beats ${s.apiProvider}/${s.apiModel} (${monthUsd(a.apiMonthUsd)} a month) if ${s.deviceCount > 1 ? `the ${num(s.deviceCount)} devices cost` : "the device costs"} less than ${maxPrice}${c.setups > 1 ? ` per setup (${num(c.setups)} setups)` : ""}; give --hardware-usd for a verdict.`
      : `${a.cheaper === "self-hosting" ? "Self-hosting is cheaper" : "The API is cheaper"} at ${volume}: ${monthUsd(a.selfHostMonthUsd)} self-hosted against ${monthUsd(a.apiMonthUsd)} for ${s.apiProvider}/${s.apiModel}.`,
    `Setup: ${setup}, ${num(s.concurrency)} stream${s.concurrency > 1 ? "s" : ""} at once; ${num(c.setups)} setup${c.setups > 1 ? "s" : ""} for this volume.`,
    // an estimate's basis states the figure and its range itself
    a.estimated ? `Speed: ${c.speedBasis}` : `Speed: ${range(a.tokensPerSecond, (x) => `${x.toFixed(1)} tok/s`)} — ${c.speedBasis}`,
    `Cost per million tokens, all-in: ${range(a.usdPerMTok, usdPerMTok)} (lib/models selfHostCost; hardware ${src("hardwareUsd")}, power ${src("loadWatts")}, electricity ${src("usdPerKWh")})`,
    `Break-even against ${s.apiProvider}/${s.apiModel} at ${usdPerMTok(c.apiUsdPerMTok)} (${src("apiUsdPerMTok")}): ${be(a.breakEven.value)}${a.estimated ? ` (with the speed's range: ${be(a.breakEven.low)} to ${be(a.breakEven.high)})` : ""}`,
    ...(a.cheaper === "depends on the price"
      ? []
      : [
          a.maxHardwareUsd.value === null && a.maxHardwareUsd.high === null
            ? `No hardware price breaks even at this volume: even free hardware loses (lib/models breakEvenHardwareUsd)`
            : `Highest price of ${num(s.deviceCount)} × ${s.deviceId}${c.setups > 1 ? ", per setup," : ""} at which self-hosting breaks even at this volume: ${maxPrice} (lib/models breakEvenHardwareUsd)`,
        ]),
    `Cheapest API in the data: ${a.cheapestApi.provider}/${a.cheapestApi.model} at ${usdPerMTok(a.cheapestApi.usdPerMTok)} blended ${s.inputPerOutput}:1 (${a.cheapestApi.sourceId}, ${a.cheapestApi.effectiveDate})`,
    host === null
      ? `No API in the data or the price catalog sells ${s.modelId} itself.`
      : `Cheapest host of ${s.modelId} itself: ${host.provider}/${host.model} at ${usdPerMTok(host.usdPerMTok)} (${host.origin === "catalog" ? `${host.sourceId}, pricing page ${host.sourceUrl}` : host.sourceId}, ${host.effectiveDate})`,
    ...c.caveats.map((x) => `Note: ${x}`),
  ].join("\n");
}
