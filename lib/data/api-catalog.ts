/**
 * API prices from a price library: `@pydantic/genai-prices` (MIT), pinned at {@link CATALOG_VERSION},
 * read offline from the data bundled in the package (`updatePrices` is never called: no network).
 *
 * A second source next to data/api_prices.csv, never in place of it: the hand-cited rows keep the
 * prices the articles saw at their dates; the catalog gives every provider and model the package
 * prices (about 1,500 token-priced offers), each citing its provider's pricing page (from the
 * package) and the package's name@version (sources.csv: {@link CATALOG_SOURCE_ID}).
 *
 * What the adapter reads, for each provider (found with the package's public `findProvider`, by the
 * ids in {@link CATALOG_PROVIDER_IDS}): `id`, `name`, `pricing_urls`, and for each model `id`, `name`,
 * `match`, `deprecated`, `context_window`, `price_comments` and `prices`, which is either one price
 * list or a history of them (`{ constraint?, prices }[]`, a constraint being a `start_date` or a
 * daily UTC `time_of_date` window). A price list maps keys to USD per million tokens: `input_mtok`
 * (uncached input), `cache_read_mtok`, `output_mtok` and others (cache writes, audio, searches…),
 * each a number or tiers by prompt length, `{ base, tiers: [{ start, price }] }`: the whole request
 * is priced at the last tier whose `start` its input tokens exceed (the package's own rule).
 * Any other shape is a {@link CatalogShapeError} naming the provider, model and key.
 *
 * An offer is priced as of a date (default {@link CATALOG_AS_OF}, the version's publication date),
 * for a prompt length (default {@link DEFAULT_PROMPT_TOKENS}, which picks the tier), with a
 * cache-hit share (default 0) that takes `cache_read_mtok` where the provider prices it:
 *
 *   input   = (1 − share) × input_mtok + share × cache_read_mtok   (cache_read_mtok absent: input_mtok)
 *   blended = (ratio × input + output_mtok) / (ratio + 1)            (blendedUsdPerMTok)
 *
 * A model priced by time of day (DeepSeek's peak and off-peak hours) is priced at the rate that
 * holds for most of the day at that date; the offer says so and gives the other rates.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { join } from "path";
import type * as GenaiPrices from "@pydantic/genai-prices";
import type { ModelInfo, Provider } from "@pydantic/genai-prices";
import { blendedUsdPerMTok } from "../models/api-price";

/** The package and the exact version package.json pins (a test checks they agree). */
export const CATALOG_PACKAGE = "@pydantic/genai-prices";
export const CATALOG_VERSION = "0.1.8";
/** The sources.csv row citing the package. */
export const CATALOG_SOURCE_ID = "pydantic-genai-prices-0.1.8";
/** The date 0.1.8 was published on the npm registry: the default "as of" for the prices. */
export const CATALOG_AS_OF = "2026-09-23";
/** The prompt length (input tokens per request) that picks a tier when none is given. */
export const DEFAULT_PROMPT_TOKENS = 10_000;

/**
 * The provider ids of the package's bundled data at 0.1.8, in its order. The package exports no
 * list of providers that can be read synchronously (only `waitForUpdate()`, a promise); a test
 * checks this list against it, so a new version that adds or drops a provider fails loudly.
 */
export const CATALOG_PROVIDER_IDS = [
  "anthropic", "arcee", "avian", "aws", "azure", "baseten", "cerebras", "cloudflare", "cohere", "cursor",
  "deepseek", "doubleword", "fireworks", "github-copilot", "google", "groq", "huggingface_cerebras",
  "huggingface_fireworks-ai", "huggingface_groq", "huggingface_hyperbolic", "huggingface_nebius",
  "huggingface_novita", "huggingface_nscale", "huggingface_ovhcloud", "huggingface_publicai",
  "huggingface_sambanova", "huggingface_together", "minimax", "mistral", "modal", "moonshotai", "novita",
  "openai", "openrouter", "ovhcloud", "perplexity", "quicksilverpro", "together", "typesafe", "voyageai",
  "x-ai", "zai", "zhipuai",
] as const;

/** The package's data is not shaped as this adapter reads it. */
export class CatalogShapeError extends Error {
  constructor(where: string, what: string) {
    super(`${CATALOG_PACKAGE}@${CATALOG_VERSION} data, ${where}: ${what} (the package's data shape changed; update lib/data/api-catalog.ts)`);
    this.name = "CatalogShapeError";
  }
}

/** One price, USD per million tokens: flat, or by prompt length. */
export type CatalogRate = number | { readonly base: number; readonly tiers: readonly { readonly start: number; readonly price: number }[] };

/** A price list: key (e.g. input_mtok) → rate. */
export type CatalogPrices = Readonly<Record<string, CatalogRate>>;

/** One entry of a model's price history. */
export interface CatalogPriceEntry {
  readonly constraint:
    | null
    | { readonly type: "start_date"; readonly startDate: string }
    | { readonly type: "time_of_date"; readonly startTime: string; readonly endTime: string };
  readonly prices: CatalogPrices;
}

/** A model as the package lists it under one provider. */
export interface CatalogModel {
  readonly provider: string;
  readonly providerName: string;
  /** The provider's pricing pages, as the package cites them (the first is the offer's source URL). */
  readonly pricingUrls: readonly string[];
  /** The model id as the package lists it (e.g. "claude-sonnet-4-6", "openai/gpt-oss-120b"). */
  readonly modelId: string;
  readonly name: string | null;
  readonly deprecated: boolean;
  readonly contextWindow: number | null;
  readonly priceComments: string | null;
  /** The price history, oldest first (one entry when the package gives one price list). */
  readonly prices: readonly CatalogPriceEntry[];
  /** The package's rule for which model names this entry prices. */
  readonly match: unknown;
}

/** The keys the blend uses; every other key is an extra charge the blend leaves out. */
const BLEND_KEYS = new Set(["input_mtok", "output_mtok", "cache_read_mtok"]);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isPrice = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UTC_TIME = /^\d{2}:\d{2}(:\d{2})?Z$/;

function readRate(where: string, key: string, v: unknown): CatalogRate {
  if (isPrice(v)) return v;
  if (isObject(v) && isPrice(v.base) && Array.isArray(v.tiers)) {
    const tiers = v.tiers.map((t, i) => {
      if (!isObject(t) || !Number.isSafeInteger(t.start) || (t.start as number) < 0 || !isPrice(t.price)) throw new CatalogShapeError(`${where} ${key} tier ${i}`, `expected { start: integer ≥ 0, price: number ≥ 0 }, got ${JSON.stringify(t)}`);
      return { start: t.start as number, price: t.price };
    });
    return { base: v.base, tiers: [...tiers].sort((a, b) => a.start - b.start) };
  }
  throw new CatalogShapeError(`${where} ${key}`, `expected a number ≥ 0 or { base, tiers }, got ${JSON.stringify(v)}`);
}

function readPrices(where: string, v: unknown): CatalogPrices {
  if (!isObject(v)) throw new CatalogShapeError(where, `expected a price list (an object), got ${JSON.stringify(v)}`);
  const out: Record<string, CatalogRate> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = readRate(where, k, x);
  return out;
}

function readEntry(where: string, v: unknown): CatalogPriceEntry {
  if (!isObject(v) || !("prices" in v)) throw new CatalogShapeError(where, `expected { constraint?, prices }, got ${JSON.stringify(v)}`);
  const prices = readPrices(where, v.prices);
  const c = v.constraint;
  if (c === undefined) return { constraint: null, prices };
  if (isObject(c) && typeof c.start_date === "string" && ISO_DATE.test(c.start_date) && (c.type === undefined || c.type === "start_date")) {
    return { constraint: { type: "start_date", startDate: c.start_date }, prices };
  }
  if (isObject(c) && typeof c.start_time === "string" && typeof c.end_time === "string" && UTC_TIME.test(c.start_time) && UTC_TIME.test(c.end_time) && (c.type === undefined || c.type === "time_of_date")) {
    return { constraint: { type: "time_of_date", startTime: c.start_time, endTime: c.end_time }, prices };
  }
  throw new CatalogShapeError(where, `unknown price constraint ${JSON.stringify(c)}`);
}

function readModel(p: Provider, urls: readonly string[], m: ModelInfo): CatalogModel {
  const where = `provider ${p.id}, model ${JSON.stringify((m as { id?: unknown }).id)}`;
  if (typeof m.id !== "string" || m.id === "") throw new CatalogShapeError(where, "model without a string id");
  if (!isObject(m.match)) throw new CatalogShapeError(where, "model without a match rule");
  const prices = Array.isArray(m.prices) ? m.prices.map((e, i) => readEntry(`${where} price ${i}`, e)) : [{ constraint: null, prices: readPrices(where, m.prices) }];
  if (prices.length === 0) throw new CatalogShapeError(where, "empty price history");
  return {
    provider: p.id,
    providerName: p.name,
    pricingUrls: urls,
    modelId: m.id,
    name: typeof m.name === "string" ? m.name : null,
    deprecated: m.deprecated === true,
    contextWindow: typeof m.context_window === "number" ? m.context_window : null,
    priceComments: typeof m.price_comments === "string" ? m.price_comments : null,
    prices,
    match: m.match,
  };
}

let cached: readonly CatalogModel[] | null = null;

/**
 * The package, loaded on first use (parsing its bundled data takes about 80 ms, which the scenario
 * CLI and the notebooks that never ask for the catalog should not pay). Resolved from this file
 * where CommonJS gives its name (tslab), else from the working directory (the bundled CLI).
 */
function genaiPrices(): typeof GenaiPrices {
  return packageRequire()(CATALOG_PACKAGE) as typeof GenaiPrices;
}

/** A require that finds the package: from this file where CommonJS gives its name (tslab), else from the working directory (the bundled CLI). */
function packageRequire(): NodeJS.Require {
  return createRequire(typeof __filename === "string" ? __filename : join(process.cwd(), "package.json"));
}

/**
 * Every model of every provider in the package's bundled data, checked against the shape above.
 * Read once per process. Throws {@link CatalogShapeError} when a provider is missing or the data
 * is shaped otherwise.
 */
export function catalogModels(): readonly CatalogModel[] {
  if (cached) return cached;
  const kept = cacheDir === null ? null : readKept(cacheDir);
  if (kept) return (cached = kept.models);
  const out: CatalogModel[] = [];
  const { findProvider } = genaiPrices();
  for (const id of CATALOG_PROVIDER_IDS) {
    const p = findProvider({ providerId: id });
    if (!p || p.id !== id) throw new CatalogShapeError(`provider ${id}`, "findProvider does not return it");
    out.push(...readCatalogProvider(p));
  }
  cached = out;
  if (cacheDir !== null) keep(cacheDir, out);
  return out;
}

let cacheDir: string | null = null;

/**
 * Keep what {@link catalogModels} reads as JSON in `dir` (null: stop), and read it from there in
 * the next process instead of loading the package: loading it takes about 70 ms, most of the
 * terminal answer's catalog time (scripts/scenario.ts keeps it beside its bundle). The file holds
 * the models as read and checked here, keyed by {@link CATALOG_VERSION} and the size and
 * modification time of the package's code, so another install is read afresh; a file that does not
 * parse or has another key is read afresh and rewritten (a temporary file, then a rename, so a
 * reader never sees half a file).
 */
export function cacheCatalogIn(dir: string | null): void {
  cacheDir = dir;
  cached = null; // the next read goes to the folder (or the package)
}

/** The key a kept catalog must carry: the version and the installed package's code file, as stat sees it. */
function catalogKey(): string {
  const file = packageRequire().resolve(CATALOG_PACKAGE);
  const st = statSync(file);
  return `${CATALOG_PACKAGE}@${CATALOG_VERSION} ${st.size} ${Math.round(st.mtimeMs)}`;
}

const keptFile = (dir: string) => join(dir, `genai-prices-${CATALOG_VERSION}.json`);

function readKept(dir: string): { models: readonly CatalogModel[] } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(keptFile(dir), "utf8"));
  } catch {
    return null; // absent or not JSON: read the package
  }
  if (!isObject(parsed) || parsed.key !== catalogKey() || !Array.isArray(parsed.models)) return null;
  return { models: parsed.models as CatalogModel[] };
}

function keep(dir: string, models: readonly CatalogModel[]): void {
  const file = keptFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, JSON.stringify({ key: catalogKey(), models }));
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written only costs the next process the package's load time
  }
}

/** One provider of the package's data as catalog models; {@link CatalogShapeError} when it is shaped otherwise. */
export function readCatalogProvider(p: Provider): CatalogModel[] {
  const id = typeof p?.id === "string" ? p.id : JSON.stringify(p?.id);
  if (!isObject(p) || typeof p.id !== "string" || typeof p.name !== "string") throw new CatalogShapeError(`provider ${id}`, "expected { id: string, name: string, … }");
  if (!Array.isArray(p.models)) throw new CatalogShapeError(`provider ${id}`, "no models array");
  const urls = Array.isArray(p.pricing_urls) ? p.pricing_urls.filter((u): u is string => typeof u === "string" && /^https?:\/\//.test(u)) : [];
  if (urls.length === 0) throw new CatalogShapeError(`provider ${id}`, "no pricing_urls to cite");
  return p.models.map((m) => readModel(p, urls, m));
}

/** Whether the package's match rule (equals, starts_with, ends_with, contains, regex, and, or) takes `name`; as the package applies it. */
export function catalogMatches(rule: unknown, name: string): boolean {
  if (!isObject(rule)) throw new CatalogShapeError("match rule", JSON.stringify(rule));
  const t = name.toLowerCase().trim();
  if (Array.isArray(rule.or)) return rule.or.some((r) => catalogMatches(r, name));
  if (Array.isArray(rule.and)) return rule.and.every((r) => catalogMatches(r, name));
  if (typeof rule.equals === "string") return t === rule.equals.toLowerCase();
  if (typeof rule.starts_with === "string") return t.startsWith(rule.starts_with.toLowerCase());
  if (typeof rule.ends_with === "string") return t.endsWith(rule.ends_with.toLowerCase());
  if (typeof rule.contains === "string") return t.includes(rule.contains.toLowerCase());
  if (typeof rule.regex === "string") return new RegExp(rule.regex).test(t);
  throw new CatalogShapeError("match rule", `unknown rule ${JSON.stringify(rule)}`);
}

/** How an offer is priced. */
export interface CatalogPricing {
  /** Input tokens per output token (3 means 3:1). */
  readonly inputPerOutput: number;
  /** Share of input tokens read from the provider's cache, 0–1 (default 0); priced at cache_read_mtok where the provider gives one. */
  readonly cachedInputShare?: number;
  /** Input tokens per request, which picks the tier of a tiered price (default {@link DEFAULT_PROMPT_TOKENS}). */
  readonly promptTokens?: number;
  /** The date the prices should hold, YYYY-MM-DD (default {@link CATALOG_AS_OF}). */
  readonly asOf?: string;
}

/** One model of one provider in the catalog, priced. */
export interface CatalogOffer {
  readonly provider: string;
  readonly model: string;
  readonly name: string | null;
  /** Uncached input, cache read (null: the provider gives none), output; USD per million tokens, at the tier used. */
  readonly inputUsdPerMTok: number;
  readonly cachedInputUsdPerMTok: number | null;
  readonly outputUsdPerMTok: number;
  /** Blended USD per million tokens (input, cache share and output; see the module comment). */
  readonly usdPerMTok: number;
  /** The tier used, in words, e.g. "prompts over 200,000 tokens" or "one price for any prompt length". */
  readonly tier: string;
  /** Whether the price has tiers by prompt length. */
  readonly tiered: boolean;
  /** Whether the cache share was priced at a cache-read price (false when the share is 0 or the provider gives none). */
  readonly cacheRead: boolean;
  /** The start date of the price used, or null when it has none (the package's undated price). */
  readonly priceFrom: string | null;
  /** Time-of-day pricing in words, or null. */
  readonly timeOfDay: string | null;
  /** Price keys the blend leaves out (cache writes, searches, audio…). */
  readonly otherCharges: readonly string[];
  readonly deprecated: boolean;
  /** The provider's pricing page (as the package cites it), the package name@version, and the sources.csv id. */
  readonly sourceUrl: string;
  readonly package: string;
  readonly sourceId: string;
  /** The date the price is taken at (the pricing's asOf). */
  readonly effectiveDate: string;
}

/** The rate of a key at a prompt length: the last tier whose start the prompt's input tokens exceed. */
export function catalogRateAt(rate: CatalogRate, promptTokens: number): { price: number; tier: string } {
  if (typeof rate === "number") return { price: rate, tier: "one price for any prompt length" };
  let price = rate.base;
  let tier = rate.tiers.length > 0 ? `prompts up to ${rate.tiers[0].start.toLocaleString("en-US")} tokens` : "one price for any prompt length";
  for (const t of rate.tiers) {
    if (promptTokens > t.start) {
      price = t.price;
      tier = `prompts over ${t.start.toLocaleString("en-US")} tokens`;
    }
  }
  return { price, tier };
}

const minutesOf = (t: string): number => {
  const [h, m, s] = t.replace("Z", "").split(":").map(Number);
  return h * 60 + m + (s ?? 0) / 60;
};

/** The entry in force at a date and a minute of the (UTC) day: the package's rule, newest entry first. */
function entryAt(history: readonly CatalogPriceEntry[], asOf: string, minute: number): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const c = history[i].constraint;
    if (c === null) return i;
    if (c.type === "start_date") {
      if (asOf >= c.startDate) return i;
    } else {
      const s = minutesOf(c.startTime);
      const e = minutesOf(c.endTime);
      if (e < s ? minute >= s || minute < e : minute >= s && minute < e) return i;
    }
  }
  return 0;
}

/** The price list in force at a date: the one that holds the most minutes of the day, and the others that hold some. */
function pricesAt(m: CatalogModel, asOf: string): { entry: CatalogPriceEntry; others: { entry: CatalogPriceEntry; minutes: number }[] } {
  const minutes = new Map<number, number>();
  for (let min = 0; min < 1440; min++) {
    const i = entryAt(m.prices, asOf, min + 0.5);
    minutes.set(i, (minutes.get(i) ?? 0) + 1);
  }
  const ranked = [...minutes].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { entry: m.prices[ranked[0][0]], others: ranked.slice(1).map(([i, n]) => ({ entry: m.prices[i], minutes: n })) };
}

function checkPricing(p: CatalogPricing): Required<CatalogPricing> {
  const promptTokens = p.promptTokens ?? DEFAULT_PROMPT_TOKENS;
  const asOf = p.asOf ?? CATALOG_AS_OF;
  if (!(Number.isFinite(promptTokens) && promptTokens >= 0)) throw new RangeError(`promptTokens must be a number ≥ 0 (got ${promptTokens})`);
  if (!ISO_DATE.test(asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD (got ${JSON.stringify(asOf)})`);
  return { inputPerOutput: p.inputPerOutput, cachedInputShare: p.cachedInputShare ?? 0, promptTokens, asOf };
}

/**
 * A catalog model priced (see {@link CatalogPricing}); null when it has no input and output
 * token price at that date (embeddings, images, audio, or a model not priced yet), or both are 0
 * (free variants, whose limits the catalog does not give).
 */
export function catalogOffer(m: CatalogModel, pricing: CatalogPricing): CatalogOffer | null {
  const p = checkPricing(pricing);
  const { entry, others } = pricesAt(m, p.asOf);
  const pr = entry.prices;
  if (pr.input_mtok === undefined || pr.output_mtok === undefined) return null;
  const input = catalogRateAt(pr.input_mtok, p.promptTokens);
  const output = catalogRateAt(pr.output_mtok, p.promptTokens);
  if (input.price === 0 && output.price === 0) return null;
  const cache = pr.cache_read_mtok === undefined ? null : catalogRateAt(pr.cache_read_mtok, p.promptTokens).price;
  const cacheRead = p.cachedInputShare > 0 && cache !== null;
  const usdPerMTok = blendedUsdPerMTok(
    { inputUsdPerMTok: input.price, outputUsdPerMTok: output.price, cachedInputUsdPerMTok: cache ?? input.price },
    { inputPerOutput: p.inputPerOutput, cachedInputShare: p.cachedInputShare },
  );
  const tiered = [pr.input_mtok, pr.output_mtok, pr.cache_read_mtok].some((r) => typeof r === "object" && r.tiers.length > 0);
  const otherRates = new Map<string, number>();
  for (const o of others) {
    const k = `input ${catalogRateAt(o.entry.prices.input_mtok ?? 0, p.promptTokens).price}, output ${catalogRateAt(o.entry.prices.output_mtok ?? 0, p.promptTokens).price} USD/Mtok`;
    otherRates.set(k, (otherRates.get(k) ?? 0) + o.minutes);
  }
  const hours = (minutes: number) => `${Math.round(minutes / 6) / 10} h`;
  const timeOfDay =
    others.length === 0
      ? null
      : `priced by time of day (UTC): the rate of ${hours(1440 - others.reduce((s, o) => s + o.minutes, 0))} a day is used; ` +
        [...otherRates].map(([k, n]) => `${k} for ${hours(n)}`).join("; ");
  return {
    provider: m.provider,
    model: m.modelId,
    name: m.name,
    inputUsdPerMTok: input.price,
    cachedInputUsdPerMTok: cache,
    outputUsdPerMTok: output.price,
    usdPerMTok,
    tier: tiered ? (input.tier === "one price for any prompt length" ? output.tier : input.tier) : "one price for any prompt length",
    tiered,
    cacheRead,
    priceFrom: entry.constraint?.type === "start_date" ? entry.constraint.startDate : null,
    timeOfDay,
    otherCharges: Object.keys(pr).filter((k) => !BLEND_KEYS.has(k)).sort(),
    deprecated: m.deprecated,
    sourceUrl: m.pricingUrls[0],
    package: `${CATALOG_PACKAGE}@${CATALOG_VERSION}`,
    sourceId: CATALOG_SOURCE_ID,
    effectiveDate: p.asOf,
  };
}

/** Which offers to keep. Every filter given must pass. */
export interface CatalogFilter {
  /** Provider ids (catalog ids, e.g. "anthropic", "openrouter"); case-insensitive. */
  readonly providers?: readonly string[];
  /** A model family: a substring of the model id, case-insensitive (e.g. "claude", "gpt-oss", "llama-3.3"). */
  readonly family?: string;
  /**
   * "Models of about this size/quality", named by the reader: model ids (e.g. the open-weight model
   * you self-host, "gpt-oss-120b", or the API models you consider equivalent). An offer passes when
   * its id, or the package's match rule, takes one of them, or when its id normalized (lower case,
   * the part after the last "/", without a ":variant" and without -instruct, -it, -chat, -turbo,
   * -fp8, -hf endings) equals one of them normalized. No judgement of quality is made: the list is yours.
   */
  readonly sameModelAs?: readonly string[];
  /** Keep models the package marks deprecated (default false). */
  readonly includeDeprecated?: boolean;
}

const SUFFIXES = /(-instruct|-it|-chat|-turbo|-fp8|-hf)$/;

/** A model id reduced for "the same model" comparisons (see {@link CatalogFilter.sameModelAs}). */
export function normalizeModelId(id: string): string {
  let t = id.toLowerCase().trim();
  t = t.slice(t.lastIndexOf("/") + 1).replace(/:.*$/, "").replace(/[_\s]+/g, "-");
  while (SUFFIXES.test(t)) t = t.replace(SUFFIXES, "");
  return t;
}

/** Whether a catalog model passes a filter. */
export function catalogModelPasses(m: CatalogModel, f: CatalogFilter): boolean {
  if (!f.includeDeprecated && m.deprecated) return false;
  if (f.providers && f.providers.length > 0 && !f.providers.some((p) => p.toLowerCase() === m.provider)) return false;
  if (f.family !== undefined && f.family.trim() !== "" && !m.modelId.toLowerCase().includes(f.family.trim().toLowerCase())) return false;
  if (f.sameModelAs && f.sameModelAs.length > 0) {
    const own = normalizeModelId(m.modelId);
    if (!f.sameModelAs.some((n) => n.toLowerCase() === m.modelId.toLowerCase() || catalogMatches(m.match, n) || normalizeModelId(n) === own)) return false;
  }
  return true;
}

/** Every catalog offer passing the filter, priced; cheapest first (then provider, model). */
export function catalogOffers(pricing: CatalogPricing, filter: CatalogFilter = {}): CatalogOffer[] {
  const out: CatalogOffer[] = [];
  for (const m of catalogModels()) {
    if (!catalogModelPasses(m, filter)) continue;
    const o = catalogOffer(m, pricing);
    if (o) out.push(o);
  }
  return out.sort((a, b) => a.usdPerMTok - b.usdPerMTok || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}

/**
 * The catalog model a provider and model name stand for: the exact id first, else the first model
 * whose match rule takes the name (as the package finds it: "claude-sonnet-4.6" → claude-sonnet-4-6).
 * Null when the provider or model is not in the catalog.
 */
export function findCatalogModel(provider: string, model: string): CatalogModel | null {
  const ms = catalogModels().filter((m) => m.provider === provider.toLowerCase());
  return ms.find((m) => m.modelId.toLowerCase() === model.toLowerCase()) ?? ms.find((m) => catalogMatches(m.match, model.toLowerCase().trim())) ?? null;
}
