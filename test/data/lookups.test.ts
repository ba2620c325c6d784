import { describe, expect, it, vi } from "vitest";
import {
  apiPrice,
  benchmarks,
  cloudGpuPrices,
  device,
  DeviceId,
  electricityPrice,
  findStale,
  hardwarePrices,
  loadData,
  model,
  range,
  source,
  StaleWarning,
  UnknownIdError,
  warnIfOlderThan,
} from "../../lib/data/index";

const data = loadData();

describe("device() merges a device's rows, preferring primary over secondary over article", () => {
  it("an RTX 3090 has 24 GB of GDDR6X at 936 GB/s and a 350 W board, each value with its source", () => {
    const d = device(data, "rtx-3090");
    expect(d).toMatchObject({ name: "NVIDIA GeForce RTX 3090", memory_gb: 24, memory_type: "GDDR6X", bandwidth_gbps: 936, board_power_w: 350 });
    expect(d.sourceOf.bandwidth_gbps).toBe("thinksmart-spark-vs-3090");
    expect(d.sourceOf.memory_gb).toBe("indianexpress-rtx-3090");
    expect(d.fp16_tflops_dense).toBe(142); // only a secondary compilation gives it (accumulate precision not stated)
    expect(d.sourceOf.fp16_tflops_dense).toBe("vladislavduma-gpu-specs");
    expect(d.fp8_tflops_dense).toBeNull(); // Ampere has no FP8 tensor path; no source gives one
  });

  it("a DGX Spark reads 273 GB/s and 1 PFLOP FP4 (sparse) from the primary LMSYS review", () => {
    const d = device(data, "dgx-spark");
    expect(d.bandwidth_gbps).toBe(273);
    expect(d.fp4_tflops_sparse).toBe(1000);
    expect(d.sourceOf.bandwidth_gbps).toBe("lmsys-dgx-spark-review");
    expect(d.load_power_w).toBe(95);
  });

  it("an unknown device id fails at compile time and, if forced, at run time with the list of known ids", () => {
    // @ts-expect-error "rtx-9090" is not a DeviceId
    expect(() => device(data, "rtx-9090")).toThrow(UnknownIdError);
    try {
      device(data, "rtx-9090" as DeviceId);
    } catch (e) {
      expect((e as UnknownIdError).message).toContain('Unknown device "rtx-9090"');
      expect((e as UnknownIdError).known).toContain("rtx-3090");
    }
  });
});

describe("model()", () => {
  it("gpt-oss-120b: 36 layers, 8 KV heads of dimension 64, 5.1B active of ~117B total", () => {
    const m = model(data, "gpt-oss-120b");
    expect(m).toMatchObject({ layers: 36, kv_heads: 8, head_dim: 64, active_params_b: 5.1, context_length: 131072 });
    // the primary llama-bench count wins over the rounded docs figure
    expect(m.total_params_b).toBe(116.83);
    expect(m.sourceOf.total_params_b).toBe("llamacpp-dgx-spark-bench");
  });

  it("KV cache per token of Llama 3.1 70B follows from its rows: 2 x 80 layers x 8 heads x 128 dims x 2 bytes = 327,680 bytes", () => {
    const m = model(data, "llama-3.1-70b");
    expect(2 * m.layers! * m.kv_heads! * m.head_dim! * 2).toBe(327_680);
  });

  it("an unknown model id throws and lists the known ids", () => {
    // @ts-expect-error not a ModelId
    expect(() => model(data, "gpt-5")).toThrow(/Unknown model "gpt-5".*gpt-oss-120b/);
  });
});

describe("apiPrice() returns the row in force at a date", () => {
  it("GPT-4o as of 2026-06-01 costs $2.50 in / $1.25 cached / $10 out per million tokens", () => {
    const p = apiPrice(data, { provider: "openai", model: "gpt-4o", asOf: "2026-06-01" });
    expect(p).toMatchObject({ usd_per_mtok_input: 2.5, usd_per_mtok_cached_input: 1.25, usd_per_mtok_output: 10, source_id: "commitbrief-openai-wiki" });
  });

  it("DeepSeek V4-Flash cache hits cost $0.028 on 2026-04-25 and $0.0028 after the 2026-04-26 cut", () => {
    expect(apiPrice(data, { provider: "deepseek", model: "deepseek-v4-flash", asOf: "2026-04-25" }).usd_per_mtok_cached_input).toBe(0.028);
    expect(apiPrice(data, { provider: "deepseek", model: "deepseek-v4-flash", asOf: "2026-05-01" }).usd_per_mtok_cached_input).toBe(0.0028);
  });

  it("DeepSeek V4-Pro needs a basis, because list ($3.48 out) and promotional ($0.87 out) prices coexist", () => {
    expect(() => apiPrice(data, { provider: "deepseek", model: "deepseek-v4-pro", asOf: "2026-05-01" })).toThrow(/pass basis/);
    expect(apiPrice(data, { provider: "deepseek", model: "deepseek-v4-pro", asOf: "2026-05-01", basis: "promotional" }).usd_per_mtok_output).toBe(0.87);
    expect(apiPrice(data, { provider: "deepseek", model: "deepseek-v4-pro", asOf: "2026-05-01", basis: "list" }).usd_per_mtok_output).toBe(3.48);
  });

  it("Claude 3 Haiku as of 2025-12 comes from Anthropic's own page (with the $0.03 cache-hit price); by 2026-04 the newest row is dated 2026-03-21", () => {
    expect(apiPrice(data, { provider: "anthropic", model: "claude-3-haiku", asOf: "2025-12-01" })).toMatchObject({
      usd_per_mtok_cached_input: 0.03,
      source_id: "anthropic-pricing-docs",
    });
    expect(apiPrice(data, { provider: "anthropic", model: "claude-3-haiku", asOf: "2026-04-01" }).effective_date).toBe("2026-03-21");
  });

  it("a date before any price, and an unknown model, both fail clearly", () => {
    expect(() => apiPrice(data, { provider: "openai", model: "gpt-4o", asOf: "2023-01-01" })).toThrow(/dated at or before 2023-01-01/);
    // @ts-expect-error not an ApiModel
    expect(() => apiPrice(data, { provider: "openai", model: "gpt-9", asOf: "2026-01-01" })).toThrow(/Unknown provider\/model "openai\/gpt-9".*openai\/gpt-4o/);
  });

  it("warns, through the given callback, when the price found is older than maxAgeDays", () => {
    const seen: StaleWarning[] = [];
    const p = apiPrice(data, { provider: "groq", model: "llama3-70b", asOf: "2026-06-01", maxAgeDays: 365, warn: (w) => seen.push(w) });
    expect(p.usd_per_mtok_input).toBe(0.59);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ table: "api_prices", date: "2024", source_id: "kunishou-genai-cost", ageDays: 882 });
  });
});

describe("benchmarks() and range()", () => {
  it("DGX Spark decodes gpt-oss-120b at 38.55-59.5 tok/s per request across sources; the low end is the article's", () => {
    const rows = benchmarks(data, { model: "gpt-oss-120b", device: "dgx-spark", phase: "decode", deviceCount: 1, scope: "per-request" });
    expect(rows.every((r) => r.phase === "decode" && r.device_id === "dgx-spark")).toBe(true);
    expect(range(rows, "tokens_per_s")).toMatchObject({ min: 38.55, max: 59.5, minSources: ["local-tokenomics"], maxSources: ["spark-arena-issue-17"] });
  });

  it("restricted to primary sources, the same range is 41.35 (at 32K context) to 59.5 tok/s", () => {
    const rows = benchmarks(data, { model: "gpt-oss-120b", device: "dgx-spark", phase: "decode", deviceCount: 1, scope: "per-request", tiers: ["primary"] });
    expect(range(rows, "tokens_per_s")).toMatchObject({ min: 41.35, max: 59.5, minSources: ["llamacpp-dgx-spark-bench"] });
  });

  it("range() of hardware rows shows the disagreement over the M3 Ultra's maximum memory (96-512 GB)", () => {
    const rows = data.hardware.rows.filter((r) => r.device_id === "mac-studio-m3-ultra");
    expect(range(rows, "memory_gb")).toMatchObject({ min: 96, max: 512, minSources: ["runaihome-mac-studio"], maxSources: ["worldmagazine-mac-studio-2025"] });
    expect(range(rows, "fp16_tflops_dense")).toBeNull();
  });

  it("an unknown model in a benchmark filter throws", () => {
    // @ts-expect-error not a ModelId
    expect(() => benchmarks(data, { model: "llama-9" })).toThrow(UnknownIdError);
  });
});

describe("prices by date", () => {
  it("the DGX Spark's MSRP was $3,999 before 2026 and $4,699 from 2026-02-23", () => {
    expect(hardwarePrices(data, { device: "dgx-spark", condition: "msrp", asOf: "2025-12-31" }).map((r) => r.usd_low)).toEqual([3999]);
    expect(hardwarePrices(data, { device: "dgx-spark", condition: "msrp", asOf: "2026-03-01" }).map((r) => r.usd_low)).toContain(4699);
  });

  it("H100 SXM on-demand hours span $2.69 (RunPod community) to $12.29 (Azure 8-GPU VM) per GPU", () => {
    const rows = cloudGpuPrices(data, { device: "h100-sxm" });
    expect(range(rows, "usd_per_gpu_hour")).toMatchObject({ min: 2.69, max: 12.29, maxSources: ["datareceipts-hyperscalers"] });
    // @ts-expect-error not a CloudProvider
    expect(() => cloudGpuPrices(data, { provider: "coreweave" })).toThrow(/Unknown cloud provider/);
  });

  it("U.S. residential electricity: $0.1805/kWh for a mid-March 2026 analysis, $0.1883 from April 2026", () => {
    expect(electricityPrice(data, { region: "us", asOf: "2026-03-15" }).usd_per_kwh).toBe(0.1805);
    expect(electricityPrice(data, { region: "us", asOf: "2026-05-01" })).toMatchObject({ usd_per_kwh: 0.1883, period: "2026-04" });
    expect(() => electricityPrice(data, { region: "mars", asOf: "2026-05-01" })).toThrow(/Unknown region\/sector/);
  });

  it("source() returns a source's citation data", () => {
    expect(source(data, "local-tokenomics")).toMatchObject({ tier: "article", publisher: "Capital & Compute" });
  });
});

describe("staleness is relative to an explicit as-of date", () => {
  it("as of 2026-06-01, API prices older than a year are the 2024 Groq and Claude 3 launch rows", () => {
    const stale = findStale(data.api_prices.rows, { asOf: "2026-06-01", maxAgeDays: 365, table: "api_prices" });
    expect(stale.map((w) => w.source_id).sort()).toEqual(["harrywang-claude3-gist", "kunishou-genai-cost"]);
  });

  it("warnIfOlderThan reports through the callback and does not touch the console", () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const seen: string[] = [];
    const out = warnIfOlderThan(data.benchmarks.rows, { asOf: "2026-01-01", maxAgeDays: 365, warn: (w) => seen.push(w.date) });
    expect(out.length).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(["2024-05", "2023-12"]));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it("loadData with asOf and maxAgeDays collects the same warnings every time (no clock involved)", () => {
    const a = loadData(undefined, { asOf: "2026-06-01", maxAgeDays: 730, warn: () => undefined });
    const b = loadData(undefined, { asOf: "2026-06-01", maxAgeDays: 730, warn: () => undefined });
    expect(a.warnings.map((w) => w.message)).toEqual(b.warnings.map((w) => w.message));
    expect(a.warnings.some((w) => w.table === "hardware_prices" && w.date === "2020-09-02")).toBe(true);
    expect(loadData().warnings).toEqual([]);
  });
});
