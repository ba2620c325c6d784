/**
 * The API price catalog (@pydantic/genai-prices, lib/data/api-catalog.ts): the shape the adapter
 * relies on, worked examples of a tiered price and a cache price (checked against the package's own
 * calcPrice), and how apiOffers and the scenario use it next to data/api_prices.csv.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { calcPrice, waitForUpdate, type Provider } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import {
  CATALOG_AS_OF,
  CATALOG_PACKAGE,
  CATALOG_PROVIDER_IDS,
  CATALOG_SOURCE_ID,
  CATALOG_VERSION,
  CatalogShapeError,
  catalogModels,
  catalogOffer,
  catalogOffers,
  catalogRateAt,
  findCatalogModel,
  loadData,
  normalizeModelId,
  readCatalogProvider,
  source,
} from "../../lib/data";
import { apiOffers, readerCase, DEFAULT_SITUATION, type Situation } from "../../lib/articles/index";
import { blendedUsdPerMTok } from "../../lib/models/index";
import { expectClose } from "../helpers/close";

const data = loadData();
const root = join(__dirname, "..", "..");
const offer = (provider: string, model: string, pricing: Parameters<typeof catalogOffer>[1]) => {
  const m = findCatalogModel(provider, model);
  if (!m) throw new Error(`${provider}/${model} not in the catalog`);
  const o = catalogOffer(m, pricing);
  if (!o) throw new Error(`${provider}/${model} has no token price`);
  return o;
};

describe("the package's shape (fails loudly when a new version changes it)", () => {
  it("package.json pins the exact version the adapter names, and it is the one installed", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.dependencies[CATALOG_PACKAGE]).toBe(CATALOG_VERSION);
    const installed = JSON.parse(readFileSync(join(root, "node_modules", ...CATALOG_PACKAGE.split("/"), "package.json"), "utf8"));
    expect(installed.version).toBe(CATALOG_VERSION);
  });

  it("the provider ids the adapter reads are exactly the package's providers, and every model reads", async () => {
    // waitForUpdate() resolves to the active data; without updatePrices it is the bundled data (no network)
    const providers = (await waitForUpdate()) as Provider[];
    expect(providers.map((p) => p.id)).toEqual([...CATALOG_PROVIDER_IDS]);
    const models = catalogModels();
    expect(models.length).toBe(providers.reduce((n, p) => n + p.models.length, 0));
    expect(models.length).toBe(1694);
    for (const m of models) expect(m.pricingUrls[0]).toMatch(/^https?:\/\//);
  });

  it("an unexpected shape is a CatalogShapeError naming provider, model and key", () => {
    const p = (models: unknown[], extra: object = {}) => ({ id: "x", name: "X", api_pattern: "", pricing_urls: ["https://x.example/pricing"], models, ...extra }) as unknown as Provider;
    const ok = { id: "m", match: { equals: "m" }, prices: { input_mtok: 1, output_mtok: 2 } };
    expect(readCatalogProvider(p([ok]))[0].prices[0].prices).toEqual({ input_mtok: 1, output_mtok: 2 });
    expect(() => readCatalogProvider(p([{ ...ok, prices: { input_mtok: "1" } }]))).toThrow(CatalogShapeError);
    expect(() => readCatalogProvider(p([{ ...ok, prices: { input_mtok: { base: 1, tiers: [{ from: 5, price: 2 }] } } }]))).toThrow(/provider x, model "m" input_mtok tier 0/);
    expect(() => readCatalogProvider(p([{ ...ok, prices: [{ constraint: { weekday: "sat" }, prices: {} }] }]))).toThrow(/unknown price constraint/);
    expect(() => readCatalogProvider(p([ok], { pricing_urls: [] }))).toThrow(/no pricing_urls/);
    expect(() => readCatalogProvider(p([{ ...ok, match: undefined }]))).toThrow(/match rule/);
  });

  it("every offer's input and output prices are the package's own (calcPrice), for models without time-of-day prices", () => {
    const at = new Date(`${CATALOG_AS_OF}T12:00:00Z`);
    let compared = 0;
    for (const m of catalogModels()) {
      const o = catalogOffer(m, { inputPerOutput: 3, promptTokens: 10_000 });
      if (!o || o.timeOfDay) continue;
      const r = calcPrice({ input_tokens: 10_000, output_tokens: 1_000 }, m.modelId, { providerId: m.provider, timestamp: at });
      if (!r || r.model.id !== m.modelId) continue; // the package's look-up took another entry's rule first
      expectClose(r.input_price, (10_000 * o.inputUsdPerMTok) / 1e6, 1e-9);
      expectClose(r.output_price, (1_000 * o.outputUsdPerMTok) / 1e6, 1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(1300);
  });
});

describe("worked examples", () => {
  it("a tiered price: Gemini 2.5 Pro, $1.25 / $10 up to 200,000 prompt tokens, $2.50 / $15 over", () => {
    const short = offer("google", "gemini-2.5-pro", { inputPerOutput: 3 }); // 10,000-token prompts by default
    expect(short).toMatchObject({ inputUsdPerMTok: 1.25, cachedInputUsdPerMTok: 0.125, outputUsdPerMTok: 10, tiered: true, tier: "prompts up to 200,000 tokens", sourceUrl: "https://ai.google.dev/gemini-api/docs/pricing" });
    expectClose(short.usdPerMTok, (3 * 1.25 + 10) / 4, 1e-12); // 3.4375
    const long = offer("google", "gemini-2.5-pro", { inputPerOutput: 3, promptTokens: 250_000 });
    expect(long).toMatchObject({ inputUsdPerMTok: 2.5, cachedInputUsdPerMTok: 0.25, outputUsdPerMTok: 15, tier: "prompts over 200,000 tokens" });
    expectClose(long.usdPerMTok, (3 * 2.5 + 15) / 4, 1e-12); // 5.625
    // the tier starts above 200,000: a prompt of exactly 200,000 tokens is still the base tier
    expect(offer("google", "gemini-2.5-pro", { inputPerOutput: 3, promptTokens: 200_000 }).inputUsdPerMTok).toBe(1.25);
    // as the package prices one 250,000-token request with 1,000 output tokens
    const r = calcPrice({ input_tokens: 250_000, output_tokens: 1_000 }, "gemini-2.5-pro", { providerId: "google" })!;
    expectClose(r.input_price, 0.625, 1e-12);
    expectClose(r.output_price, 0.015, 1e-12);
    expect(catalogRateAt({ base: 1, tiers: [{ start: 10, price: 2 }, { start: 100, price: 3 }] }, 101)).toEqual({ price: 3, tier: "prompts over 100 tokens" });
  });

  it("a cache price: Claude Sonnet 4.6, $3 input, $0.30 cache read, $15 output; half the input cached", () => {
    const o = offer("anthropic", "claude-sonnet-4.6", { inputPerOutput: 3, cachedInputShare: 0.5 }); // the package's rule maps 4.6 to claude-sonnet-4-6
    expect(o).toMatchObject({ model: "claude-sonnet-4-6", inputUsdPerMTok: 3, cachedInputUsdPerMTok: 0.3, outputUsdPerMTok: 15, cacheRead: true, priceFrom: "2026-03-13", tier: "one price for any prompt length" });
    expect(o.otherCharges).toEqual(["cache_write_1h_mtok", "cache_write_mtok", "web_searches_kcount"]);
    // input = 0.5 × 3 + 0.5 × 0.30 = 1.65; blended = (3 × 1.65 + 15) / 4
    expectClose(o.usdPerMTok, 4.9875, 1e-12);
    // the package: 3,000 input tokens of which 1,500 read from cache, 1,000 output → $0.01995 for 4,000 tokens
    const r = calcPrice({ input_tokens: 3_000, cache_read_tokens: 1_500, output_tokens: 1_000 }, "claude-sonnet-4-6", { providerId: "anthropic", timestamp: new Date(CATALOG_AS_OF) })!;
    expectClose(r.total_price, 0.01995, 1e-12);
    expectClose((r.total_price / 4_000) * 1e6, o.usdPerMTok, 1e-12);
    // no cache share: $6, the same as the hand-cited row
    expectClose(offer("anthropic", "claude-sonnet-4-6", { inputPerOutput: 3 }).usdPerMTok, 6, 1e-12);
  });

  it("tier and cache together: Gemini 2.5 Pro over 200,000 tokens, half cached", () => {
    const o = offer("google", "gemini-2.5-pro", { inputPerOutput: 3, promptTokens: 250_000, cachedInputShare: 0.5 });
    expectClose(o.usdPerMTok, (3 * (0.5 * 2.5 + 0.5 * 0.25) + 15) / 4, 1e-12); // 4.78125
  });

  it("a price history: before 2026-03-13 Claude Sonnet 4.6 doubled input over 200,000 tokens", () => {
    const before = offer("anthropic", "claude-sonnet-4-6", { inputPerOutput: 3, promptTokens: 250_000, asOf: "2026-03-01" });
    expect(before).toMatchObject({ inputUsdPerMTok: 6, outputUsdPerMTok: 22.5, priceFrom: null, tier: "prompts over 200,000 tokens" });
    const after = offer("anthropic", "claude-sonnet-4-6", { inputPerOutput: 3, promptTokens: 250_000, asOf: "2026-03-13" });
    expect(after).toMatchObject({ inputUsdPerMTok: 3, outputUsdPerMTok: 15, priceFrom: "2026-03-13" });
  });

  it("time-of-day prices: DeepSeek Chat at the rate of most hours (16 h), the other rate named", () => {
    const o = offer("deepseek", "deepseek-chat", { inputPerOutput: 3 });
    expect(o).toMatchObject({ inputUsdPerMTok: 0.27, cachedInputUsdPerMTok: 0.07, outputUsdPerMTok: 1.1 });
    expect(o.timeOfDay).toBe("priced by time of day (UTC): the rate of 16 h a day is used; input 0.135, output 0.55 USD/Mtok for 8 h");
    // the package at noon UTC (inside the 00:30–16:30 window) agrees
    const r = calcPrice({ input_tokens: 1e6, output_tokens: 0 }, "deepseek-chat", { providerId: "deepseek", timestamp: new Date("2026-09-23T12:00:00Z") })!;
    expectClose(r.input_price, 0.27, 1e-12);
  });

  it("no cache-read price: a cache share costs the input price", () => {
    const m = catalogModels().find((x) => x.prices.length === 1 && x.prices[0].prices.input_mtok === 0.2288)!; // deepseek-v3.2: 0.2288 / 0.3432, no cache price
    expect(m.modelId).toBe("deepseek-v3.2");
    const o = catalogOffer(m, { inputPerOutput: 3, cachedInputShare: 0.9 })!;
    expect(o.cacheRead).toBe(false);
    expectClose(o.usdPerMTok, (3 * 0.2288 + 0.3432) / 4, 1e-12);
  });
});

describe("offers and filters", () => {
  const all = catalogOffers({ inputPerOutput: 3 });

  it("the catalog: about 1,400 token-priced offers, cheapest first, each citing its pricing page and the package", () => {
    expect(all.length).toBe(1439);
    for (let i = 1; i < all.length; i++) expect(all[i].usdPerMTok).toBeGreaterThanOrEqual(all[i - 1].usdPerMTok);
    for (const o of all) {
      expect(o.sourceUrl).toMatch(/^https?:\/\//);
      expect(o.package).toBe("@pydantic/genai-prices@0.1.8");
      expect(o.sourceId).toBe(CATALOG_SOURCE_ID);
      expect(o.usdPerMTok).toBeGreaterThan(0);
      expect(o.deprecated).toBe(false);
    }
    expect(source(data, CATALOG_SOURCE_ID as never).licence).toBe("MIT");
  });

  it("filters by provider, by family (substring of the model id), and by the models the reader names", () => {
    const anthropic = catalogOffers({ inputPerOutput: 3 }, { providers: ["Anthropic"] });
    expect(anthropic.length).toBeGreaterThan(10);
    expect(new Set(anthropic.map((o) => o.provider))).toEqual(new Set(["anthropic"]));
    const sonnet = catalogOffers({ inputPerOutput: 3 }, { family: "claude-sonnet" });
    expect(sonnet.every((o) => o.model.toLowerCase().includes("claude-sonnet"))).toBe(true);
    expect(new Set(sonnet.map((o) => o.provider)).size).toBeGreaterThan(2); // Anthropic, AWS, Google Vertex, OpenRouter…
    const oss = catalogOffers({ inputPerOutput: 3 }, { sameModelAs: ["gpt-oss-120b"] });
    expect(oss.map((o) => `${o.provider}/${o.model}`)).toContain("openrouter/openai/gpt-oss-120b");
    expect(oss.map((o) => `${o.provider}/${o.model}`)).toContain("cerebras/gpt-oss-120b");
    expect(oss.every((o) => normalizeModelId(o.model) === "gpt-oss-120b")).toBe(true);
    expect(normalizeModelId("meta-llama/Llama-3.3-70B-Instruct-Turbo")).toBe("llama-3.3-70b");
    expect(normalizeModelId("openai/gpt-oss-120b:free")).toBe("gpt-oss-120b");
    expect(catalogOffers({ inputPerOutput: 3 }, { includeDeprecated: true }).length).toBeGreaterThan(all.length);
  });
});

describe("apiOffers and the scenario", () => {
  it("apiOffers(data, 3) is still the hand-cited rows only, as published", () => {
    const cited = apiOffers(data, 3);
    const pairs = new Set(data.api_prices.rows.filter((r) => r.price_basis === "list").map((r) => `${r.provider}/${r.model}`));
    expect(cited.length).toBe(pairs.size);
    expect(cited.every((o) => o.origin === "cited" && o.catalog === undefined && o.sourceUrl !== "")).toBe(true);
    const sonnet = cited.find((o) => o.model === "claude-sonnet-4.6")!;
    expect(sonnet).toMatchObject({ provider: "anthropic", usdPerMTok: 6, effectiveDate: "2026-03-21", sourceId: "deploybase-claude-pricing" });
    expect(cited[0]).toMatchObject({ provider: "openrouter", model: "openai/gpt-oss-120b" }); // (3 × 0.039 + 0.18) / 4 = 0.07425
  });

  it("sources 'all' adds the catalog; filters apply to both", () => {
    const everything = apiOffers(data, 3, { sources: "all" });
    expect(everything.length).toBe(apiOffers(data, 3).length + 1439);
    expect(apiOffers(data, 3, { sources: "catalog" }).length).toBe(1439);
    const hosts = apiOffers(data, 3, { sources: "all", sameModelAs: ["gpt-oss-120b"] });
    expect(hosts.filter((o) => o.origin === "cited").map((o) => o.model)).toEqual(["openai/gpt-oss-120b"]);
    expect(hosts.filter((o) => o.origin === "catalog").length).toBeGreaterThan(10);
    const llama = apiOffers(data, 3, { sources: "cited", sameModelAs: ["llama-3.3-70b"] });
    expect(llama.map((o) => `${o.provider}/${o.model}`).sort()).toEqual(["deepinfra/meta-llama/Llama-3.3-70B-Instruct", "together/meta-llama/Llama-3.3-70B-Instruct-Turbo"]);
    const claude = apiOffers(data, 3, { sources: "all", providers: ["anthropic"], family: "sonnet-4" });
    expect(claude.some((o) => o.origin === "cited" && o.model === "claude-sonnet-4.6")).toBe(true);
    expect(claude.some((o) => o.origin === "catalog" && o.model === "claude-sonnet-4-6")).toBe(true);
  });

  it("a cache-hit share uses a cited row's cached-input price where it has one", () => {
    const gpt4o = apiOffers(data, 3, { cachedInputShare: 0.5 }).find((o) => o.model === "gpt-4o")!;
    expect(gpt4o.cacheRead).toBe(true);
    expectClose(gpt4o.usdPerMTok, blendedUsdPerMTok({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, cachedInputUsdPerMTok: 1.25 }, { inputPerOutput: 3, cachedInputShare: 0.5 }), 1e-12); // 3.90625
    const sonnet = apiOffers(data, 3, { cachedInputShare: 0.5 }).find((o) => o.model === "claude-sonnet-4.6")!;
    expect(sonnet).toMatchObject({ cacheRead: false, usdPerMTok: 6 }); // its source gives no cache-read price
    expect(() => apiOffers(data, 3, { cachedInputShare: 1.5 })).toThrow(/cachedInputShare/);
  });

  it("the scenario's default comparison is unchanged: anthropic/claude-sonnet-4.6 from the hand-cited row", () => {
    const c = readerCase(data, DEFAULT_SITUATION);
    expect(c.apiUsdPerMTok).toBe(6);
    expect(c.inputs.find((i) => i.name === "apiUsdPerMTok")).toMatchObject({ sourceId: "deploybase-claude-pricing", note: "blendedUsdPerMTok(input, output, ratio)" });
  });

  it("the scenario compares against a catalog model, at a prompt length and a cache share", () => {
    const s: Situation = { ...DEFAULT_SITUATION, apiProvider: "google", apiModel: "gemini-2.5-pro", promptTokens: 250_000, cachedInputShare: 0.5 };
    const c = readerCase(data, s);
    expectClose(c.apiUsdPerMTok, 4.78125, 1e-12);
    const input = c.inputs.find((i) => i.name === "apiInputUsdPerMTok")!;
    expect(input).toMatchObject({ value: 1.375, sourceId: CATALOG_SOURCE_ID, origin: "derived" });
    expect(input.note).toContain("https://ai.google.dev/gemini-api/docs/pricing");
    expect(input.note).toContain("prompts over 200,000 tokens");
    expect(input.note).toContain("@pydantic/genai-prices@0.1.8");
    // the case's parts give back its blended price (as the live explorer recomputes it)
    const v = (n: string) => c.inputs.find((i) => i.name === n)!.value;
    expectClose(blendedUsdPerMTok({ inputUsdPerMTok: v("apiInputUsdPerMTok"), outputUsdPerMTok: v("apiOutputUsdPerMTok") }, { inputPerOutput: v("inputPerOutput") }), c.apiUsdPerMTok, 1e-12);
    // a hand-cited row with a cache price
    const o = readerCase(data, { ...DEFAULT_SITUATION, apiProvider: "openai", apiModel: "gpt-4o", cachedInputShare: 0.5 });
    expectClose(o.apiUsdPerMTok, 3.90625, 1e-12);
    expect(() => readerCase(data, { ...DEFAULT_SITUATION, cachedInputShare: -0.1 })).toThrow(/cachedInputShare/);
    expect(() => readerCase(data, { ...DEFAULT_SITUATION, apiProvider: "nobody", apiModel: "x" })).toThrow(/no list price for nobody\/x .*nor a token price in the @pydantic\/genai-prices@0\.1\.8 catalog \(providers: anthropic/);
  });
});
