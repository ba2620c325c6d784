/**
 * The range each input of an article's case can plausibly take, for tornado charts and Monte
 * Carlo: from the data's sources where they give one, otherwise from the article's own stated
 * range, otherwise an explicit assumption. Every range says which.
 */
import type { Data } from "../data/index";
import { blendedUsdPerMTok } from "../models/index";
import type { ArticleCase } from "./cases";

/** A low–high range for one input, with its basis. */
export interface InputRange {
  readonly input: string;
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly unit: string;
  /** "data", "article" or "assumption". */
  readonly basis: "data" | "article" | "assumption";
  /** How the range was formed, in a sentence. */
  readonly note: string;
  readonly sources: readonly string[];
}

function span(values: readonly { value: number; source: string }[], base: number): { low: number; high: number; sources: string[] } {
  const all = [...values.map((v) => v.value), base];
  return { low: Math.min(...all), high: Math.max(...all), sources: [...new Set(values.map((v) => v.source))] };
}

function nonArticle(data: Data): (sourceId: string) => boolean {
  const articles = new Set(data.sources.rows.filter((s) => s.tier === "article").map((s) => s.source_id));
  return (id) => !articles.has(id);
}

/** Blended prices of the API tier the case compares against (premium ≥ $1/Mtok, else open-model APIs). */
function apiTier(data: Data, base: number, ratio: number): { value: number; source: string }[] {
  const cited = nonArticle(data);
  const premium = base >= 1;
  return data.api_prices.rows
    .filter((r) => cited(r.source_id) && r.price_basis !== "promotional")
    .filter((r) => (premium ? ["openai", "anthropic"].includes(r.provider) && !/mini|haiku/.test(r.model) : !["openai", "anthropic"].includes(r.provider) || /mini|haiku/.test(r.model)))
    .map((r) => {
      const value =
        r.usd_per_mtok_single_rate ??
        (r.usd_per_mtok_input !== null && r.usd_per_mtok_output !== null ? blendedUsdPerMTok({ inputUsdPerMTok: r.usd_per_mtok_input, outputUsdPerMTok: r.usd_per_mtok_output }, { inputPerOutput: ratio }) : null);
      return value === null ? null : { value, source: r.source_id };
    })
    .filter((x): x is { value: number; source: string } => x !== null);
}

/**
 * Ranges for the inputs of a case that drive its break-even. Inputs the case does not use are
 * left out.
 */
export function inputRanges(data: Data, c: ArticleCase): InputRange[] {
  const v: Record<string, number> = {};
  const unitOf: Record<string, string> = {};
  for (const i of c.inputs) {
    v[i.name] = i.value;
    unitOf[i.name] = i.unit;
  }
  const cited = nonArticle(data);
  const out: InputRange[] = [];
  const add = (input: string, r: Omit<InputRange, "input" | "base" | "unit">) => {
    if (v[input] === undefined) return;
    out.push({ input, base: v[input], unit: unitOf[input] ?? "", ...r });
  };
  const assume = (input: string, low: number, high: number, note: string) => add(input, { low, high, basis: "assumption", note, sources: [] });
  /** The range the article itself states for an input (data/article_inputs.csv range_low/range_high), cited to it; else an assumption. */
  const statedOr = (input: string, what: string, low: number, high: number, note: string) => {
    const row = data.article_inputs.rows.find((r) => r.source_id === c.article && r.input === input && r.range_low !== null && r.range_high !== null);
    if (row) add(input, { low: row.range_low!, high: row.range_high!, basis: "article", note: `the article's own ${what}`, sources: [c.article] });
    else assume(input, low, high, note);
  };

  if (v.hardwareUsd !== undefined) assume("hardwareUsd", v.hardwareUsd * 0.75, v.hardwareUsd * 1.25, "±25%: no source prices the whole build");
  if (v.lifeMonths !== undefined) assume("lifeMonths", 24, 48, "two to four years of useful life");
  if (v.loadWatts !== undefined) assume("loadWatts", v.loadWatts * 0.8, v.loadWatts * 1.2, "±20% around the stated draw");
  if (v.usdPerKWh !== undefined) {
    const s = span(data.electricity.rows.filter((r) => cited(r.source_id)).map((r) => ({ value: r.usd_per_kwh, source: r.source_id })), v.usdPerKWh);
    add("usdPerKWh", { ...s, basis: "data", note: "US residential prices in the data, and the article's own" });
  }
  if (v.tokensPerSecond !== undefined) assume("tokensPerSecond", v.tokensPerSecond * 0.5, v.tokensPerSecond * 1.5, "±50%: speed varies with runtime, quantization and batch");
  if (v.utilization !== undefined || c.utilization === 1) {
    const base = c.utilization;
    if (v.utilization === undefined) v.utilization = base;
    assume("utilization", Math.max(0.05, base / 2), Math.min(1, base * 1.5), "half to one and a half times the article's utilization, within 5–100%");
  }
  if (v.usdPerGpuHour !== undefined) {
    // the GPU the case rents: the first GPU family of data/cloud_gpu_prices.csv (device id up to its first "-") that the
    // GPU-hour input's note names; none named: every GPU-hour price in the data
    const rentalNote = c.inputs.find((i) => i.name === "usdPerGpuHour")?.note ?? "";
    const families = [...new Set(data.cloud_gpu_prices.rows.map((r) => (r.device_id ?? "").split("-")[0]).filter((f) => f !== ""))];
    const named = families
      .map((f) => ({ f, at: rentalNote.search(new RegExp(`\\b${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i")) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at || b.f.length - a.f.length)[0]?.f;
    const rows = data.cloud_gpu_prices.rows.filter((r) => cited(r.source_id) && (named === undefined || (r.device_id ?? "").split("-")[0] === named));
    const s = span(rows.map((r) => ({ value: r.usd_per_gpu_hour, source: r.source_id })), v.usdPerGpuHour);
    add("usdPerGpuHour", { ...s, basis: "data", note: named === undefined ? "every on-demand GPU-hour price in the data (the case names no GPU the data prices)" : `on-demand ${named.toUpperCase()} prices per GPU-hour in the data` });
  }
  if (v.engineeringFte !== undefined) statedOr("engineeringFte", "range of engineering time", v.engineeringFte * 0.5, v.engineeringFte * 1.5, "±50% of the stated engineering time");
  if (v.loadedUsdPerYear !== undefined) {
    const rows = data.labour.rows.flatMap((r) => [{ value: r.loaded_annual_usd_low, source: r.source_id }, ...(r.loaded_annual_usd_high === null ? [] : [{ value: r.loaded_annual_usd_high, source: r.source_id }])]);
    add("loadedUsdPerYear", { ...span(rows, v.loadedUsdPerYear), basis: "article", note: "the loaded costs the articles state; no salary survey is in the data" });
  }
  if (v.infraUsdPerMonth !== undefined) statedOr("infraUsdPerMonth", "range for supporting infrastructure", v.infraUsdPerMonth * 0.5, v.infraUsdPerMonth * 2, "half to twice the stated infrastructure");
  if (v.overheadMultiplier !== undefined) statedOr("overheadMultiplier", "range of the overhead multiplier", Math.max(1, v.overheadMultiplier * 0.75), v.overheadMultiplier * 1.25, "±25% of the stated multiplier, at least 1");
  if (v.apiUsdPerMTok !== undefined) {
    const s = span(apiTier(data, v.apiUsdPerMTok, v.inputPerOutput ?? 3), v.apiUsdPerMTok);
    add("apiUsdPerMTok", { ...s, basis: "data", note: `${v.apiUsdPerMTok >= 1 ? "premium frontier" : "open-model and small"} API prices in the data, blended at ${v.inputPerOutput ?? 3}:1` });
  }
  return out;
}
