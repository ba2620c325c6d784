import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ApiPriceRow,
  BenchmarkRow,
  CloudGpuPriceRow,
  coverage,
  defaultDataDir,
  ElectricityRow,
  HardwarePriceRow,
  HardwareRow,
  isPartialDate,
  LabourRow,
  ArticleInputRow,
  loadData,
  ModelCheckpointRow,
  ModelRow,
  renderIdsModule,
  SourceRow,
  TableName,
  TABLE_NAMES,
} from "../../lib/data/index";

const data = loadData();
const repoRoot = resolve(defaultDataDir(), "..");

/** Article ids as listed in shared/seeds/README.md (beside the repository), else the five known ids. */
function seedArticleIds(): string[] {
  const readme = resolve(repoRoot, "..", "shared", "seeds", "README.md");
  if (!existsSync(readme)) return ["local-tokenomics", "breakeven-sits", "not-cheaper", "local-vs-openai", "tco-breakdown"];
  const ids = Array.from(readFileSync(readme, "utf8").matchAll(/\|\s*`([a-z0-9-]+)`\s*\|/g)).map((m) => m[1]);
  return ids;
}

// Exhaustive key lists: the compiler rejects a missing or extra key, so these stay in step
// with the row interfaces; the test below checks them against datapackage.json.
const KEYS: { [K in TableName]: string[] } = {
  sources: Object.keys({
    source_id: 1, title: 1, publisher: 1, author: 1, date_published: 1, url: 1, date_accessed: 1, licence: 1, tier: 1, supports: 1, notes: 1,
  } satisfies Record<keyof SourceRow, 1>),
  hardware: Object.keys({
    device_id: 1, name: 1, vendor: 1, category: 1, memory_gb: 1, memory_type: 1, bandwidth_gbps: 1, fp16_tflops_dense: 1, fp16_tflops_sparse: 1,
    fp8_tflops_dense: 1, fp8_tflops_sparse: 1, fp4_tflops_dense: 1, fp4_tflops_sparse: 1, int8_tops_dense: 1, int8_tops_sparse: 1, board_power_w: 1, idle_power_w: 1, load_power_w: 1,
    source_id: 1, notes: 1,
  } satisfies Record<keyof HardwareRow, 1>),
  hardware_prices: Object.keys({
    device_id: 1, units: 1, scope: 1, condition: 1, usd_low: 1, usd_high: 1, date: 1, source_id: 1, notes: 1, memory_gb: 1,
  } satisfies Record<keyof HardwarePriceRow, 1>),
  models: Object.keys({
    model_id: 1, name: 1, developer: 1, architecture: 1, total_params_b: 1, active_params_b: 1, layers: 1, hidden_size: 1, attention_heads: 1,
    kv_heads: 1, head_dim: 1, kv_lora_rank: 1, qk_rope_head_dim: 1, sliding_window: 1, sliding_window_layers: 1, num_experts: 1, experts_per_token: 1,
    context_length: 1, release_date: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof ModelRow, 1>),
  model_checkpoints: Object.keys({
    model_id: 1, quantization: 1, format: 1, size_gb: 1, size_gib: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof ModelCheckpointRow, 1>),
  benchmarks: Object.keys({
    benchmark_id: 1, device_id: 1, device_count: 1, model_id: 1, quantization: 1, runtime: 1, runtime_build: 1, phase: 1, batch_size: 1,
    concurrency: 1, context_depth: 1, prompt_tokens: 1, output_tokens: 1, tokens_per_s: 1, tokens_per_s_high: 1, tokens_per_s_stddev: 1,
    outcome: 1, throughput_scope: 1, date: 1, settings: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof BenchmarkRow, 1>),
  api_prices: Object.keys({
    provider: 1, model: 1, model_id: 1, price_basis: 1, usd_per_mtok_input: 1, usd_per_mtok_cached_input: 1, usd_per_mtok_output: 1,
    usd_per_mtok_single_rate: 1, effective_date: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof ApiPriceRow, 1>),
  cloud_gpu_prices: Object.keys({
    provider: 1, offering: 1, device_id: 1, gpus_per_instance: 1, pricing_type: 1, usd_per_gpu_hour: 1, usd_per_gpu_hour_high: 1,
    usd_per_instance_hour: 1, region: 1, date: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof CloudGpuPriceRow, 1>),
  electricity: Object.keys({
    region: 1, sector: 1, usd_per_kwh: 1, period: 1, period_type: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof ElectricityRow, 1>),
  labour: Object.keys({
    role: 1, region: 1, loaded_annual_usd_low: 1, loaded_annual_usd_high: 1, date: 1, source_id: 1, notes: 1,
  } satisfies Record<keyof LabourRow, 1>),
  article_inputs: Object.keys({
    source_id: 1, case_id: 1, input: 1, value: 1, unit: 1, stated: 1, location: 1, note: 1, claim_id: 1, data_ref: 1, range_low: 1, range_high: 1,
  } satisfies Record<keyof ArticleInputRow, 1>),
};

describe("the real data in data/", () => {
  it("validates against datapackage.json and loads every table as rows, each with its CSV line", () => {
    for (const t of TABLE_NAMES) {
      expect(data[t].rows.length, t).toBeGreaterThan(0);
      expect(data[t].lines.length, t).toBe(data[t].rows.length);
    }
  });

  it("has row types whose keys are exactly the schema's fields", () => {
    for (const t of TABLE_NAMES) {
      const fields = data.package.resources.find((r) => r.name === t)!.schema.fields.map((f) => f.name);
      expect([...KEYS[t]].sort(), t).toEqual([...fields].sort());
      expect(Object.keys(data[t].rows[0]).sort(), t).toEqual([...fields].sort());
    }
  });

  it("gives a speed on every benchmark row whose outcome is 'ok' and none on an 'oom' row", () => {
    for (const b of data.benchmarks.rows) {
      if (b.outcome === "ok") expect(typeof b.tokens_per_s, b.benchmark_id).toBe("number");
      else expect(b.tokens_per_s, b.benchmark_id).toBeNull();
    }
    const oom = data.benchmarks.rows.filter((b) => b.outcome === "oom");
    expect(oom.length).toBeGreaterThan(0);
    expect(oom.find((b) => b.device_id === "h100-pcie" && b.device_count === 1 && b.model_id === "llama-3-70b" && b.quantization === "fp16")).toBeDefined();
  });

  it("cites an existing source on every row of every table", () => {
    const ids = new Set(data.sources.rows.map((s) => s.source_id));
    for (const t of TABLE_NAMES) {
      for (const row of data[t].rows as Array<{ source_id: string }>) {
        expect(ids.has(row.source_id), `${t}: ${row.source_id}`).toBe(true);
      }
    }
  });

  it("lists each article of shared/seeds/README.md as a source of tier 'article' under the same id", () => {
    const articleIds = seedArticleIds();
    expect(articleIds).toHaveLength(5);
    for (const id of articleIds) {
      const s = data.sources.rows.find((r) => r.source_id === id);
      expect(s, id).toBeDefined();
      expect(s!.tier).toBe("article");
    }
  });

  it("gives every source a url, a publication date (or n.d.), an access date and a licence", () => {
    for (const s of data.sources.rows) {
      expect(s.url, s.source_id).toMatch(/^(https?:\/\/|seed:)\S+$/);
      expect(s.date_published === "n.d." || isPartialDate(s.date_published), s.source_id).toBe(true);
      expect(isPartialDate(s.date_accessed), s.source_id).toBe(true);
      expect(s.licence.length, s.source_id).toBeGreaterThan(0);
    }
  });

  it("dates every price and benchmark", () => {
    const dated: Array<[string, string[]]> = [
      ["hardware_prices", data.hardware_prices.rows.map((r) => r.date)],
      ["benchmarks", data.benchmarks.rows.map((r) => r.date)],
      ["api_prices", data.api_prices.rows.map((r) => r.effective_date)],
      ["cloud_gpu_prices", data.cloud_gpu_prices.rows.map((r) => r.date)],
      ["electricity", data.electricity.rows.map((r) => r.period)],
    ];
    for (const [t, dates] of dated) for (const d of dates) expect(isPartialDate(d), t).toBe(true);
  });

  it("stores electricity in USD per kWh, not cents (every U.S. average is between $0.05 and $0.50)", () => {
    for (const r of data.electricity.rows) {
      expect(r.usd_per_kwh).toBeGreaterThan(0.05);
      expect(r.usd_per_kwh).toBeLessThan(0.5);
    }
  });

  it("keeps lib/data/ids.ts in step with the CSVs (regenerate with: npx tsx scripts/data-check.ts --write-ids)", () => {
    const current = readFileSync(join(repoRoot, "lib", "data", "ids.ts"), "utf8");
    expect(current).toBe(renderIdsModule(data));
  });

  it("covers the devices, models and providers the five articles discuss", () => {
    const devices = new Set(data.hardware.rows.map((r) => r.device_id));
    for (const d of [
      "rtx-3090", "rtx-4090", "rtx-5090", "dgx-spark", "mac-studio-m3-ultra", "mac-studio-m4-max", "mac-mini-m4",
      "h100-sxm", "h100-pcie", "h100-nvl", "a100-40gb", "a100-80gb", "a10g", "l4", "l40s",
    ]) expect(devices.has(d), d).toBe(true);
    const models = new Set(data.models.rows.map((r) => r.model_id));
    for (const m of [
      "gpt-oss-120b", "gpt-oss-20b", "llama-3-70b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "qwen2.5-72b", "qwen3-14b", "gemma-3-4b", "mistral-7b",
    ]) expect(models.has(m), m).toBe(true);
    const apis = new Set(data.api_prices.rows.map((r) => `${r.provider}/${r.model}`));
    for (const a of [
      "openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4.6", "anthropic/claude-3-haiku", "deepseek/deepseek-v4-pro", "deepseek/deepseek-v4-flash",
    ]) expect(apis.has(a), a).toBe(true);
    const clouds = new Set(data.cloud_gpu_prices.rows.map((r) => r.provider));
    for (const c of ["lambda", "runpod", "hyperbolic", "azure", "aws"]) expect(clouds.has(c), c).toBe(true);
  });

  it("reports coverage per table and lists the facts that only an article gives", () => {
    const c = coverage(data);
    expect(c.tables.map((t) => t.table)).toEqual(TABLE_NAMES);
    const keys = c.articleOnly.map((f) => `${f.table}:${f.key}`);
    expect(keys).toContain("benchmarks:article-rtx3090x3-gptoss120b-decode");
    expect(keys).toContain("hardware:mac-studio-m4-ultra");
    // a device that primary or secondary sources describe is not article-only
    expect(c.articleOnly.some((f) => f.table === "hardware" && f.key === "rtx-3090")).toBe(false);
  });
});
