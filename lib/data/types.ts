/**
 * Row types for every table in data/. Field names and units follow data/datapackage.json;
 * an empty CSV cell is `null` (no cited source gives the value).
 */

export type Tier = "primary" | "secondary" | "article";

export interface SourceRow {
  source_id: string;
  title: string;
  publisher: string;
  author: string;
  /** YYYY, YYYY-MM, YYYY-MM-DD or "n.d." */
  date_published: string;
  url: string;
  date_accessed: string;
  licence: string;
  tier: Tier;
  supports: string;
  notes: string | null;
}

export type DeviceCategory =
  | "consumer-gpu"
  | "workstation-gpu"
  | "datacenter-gpu"
  | "desktop-system"
  | "laptop-soc"
  | "multi-gpu-build";

export interface HardwareRow {
  device_id: string;
  name: string;
  vendor: string;
  category: DeviceCategory;
  /** GB */
  memory_gb: number | null;
  memory_type: string | null;
  /** GB/s */
  bandwidth_gbps: number | null;
  /** TFLOPS */
  fp16_tflops_dense: number | null;
  fp16_tflops_sparse: number | null;
  fp8_tflops_dense: number | null;
  fp8_tflops_sparse: number | null;
  fp4_tflops_dense: number | null;
  fp4_tflops_sparse: number | null;
  /** TOPS */
  int8_tops_dense: number | null;
  int8_tops_sparse: number | null;
  /** W */
  board_power_w: number | null;
  idle_power_w: number | null;
  load_power_w: number | null;
  source_id: string;
  notes: string | null;
}

export type PriceCondition = "msrp" | "street" | "used" | "new" | "unspecified";

export interface HardwarePriceRow {
  device_id: string;
  units: number;
  scope: "device" | "system";
  condition: PriceCondition;
  /** USD */
  usd_low: number;
  usd_high: number | null;
  date: string;
  source_id: string;
  notes: string | null;
  /** GB of memory of the configuration priced, where the source states it. */
  memory_gb: number | null;
}

export interface ModelRow {
  model_id: string;
  name: string;
  developer: string;
  architecture: "dense" | "moe";
  /** billions of parameters */
  total_params_b: number | null;
  active_params_b: number | null;
  layers: number | null;
  hidden_size: number | null;
  attention_heads: number | null;
  kv_heads: number | null;
  head_dim: number | null;
  /** MLA: compressed KV latent cached per token per layer */
  kv_lora_rank: number | null;
  /** MLA: decoupled RoPE key dimension cached next to the latent */
  qk_rope_head_dim: number | null;
  /** tokens: window of the sliding-window (local) attention layers */
  sliding_window: number | null;
  /** how many layers use the sliding window */
  sliding_window_layers: number | null;
  num_experts: number | null;
  experts_per_token: number | null;
  /** tokens */
  context_length: number | null;
  release_date: string | null;
  source_id: string;
  notes: string | null;
}

export type Quantization = "mxfp4" | "fp8" | "bf16" | "fp16" | "f16" | "q8_0" | "q4_k_m" | "q4_0" | "4-bit" | "unspecified";

export interface ModelCheckpointRow {
  model_id: string;
  quantization: Quantization;
  format: "gguf" | "safetensors" | "unspecified";
  /** decimal GB (1e9 bytes) */
  size_gb: number | null;
  /** GiB (2^30 bytes) */
  size_gib: number | null;
  source_id: string;
  notes: string | null;
}

export type Phase = "prefill" | "decode" | "end-to-end";
export type Runtime = "llama.cpp" | "vllm" | "sglang" | "ollama" | "mlx" | "tensorrt-llm" | "unspecified";

export interface BenchmarkRow {
  benchmark_id: string;
  device_id: string;
  device_count: number;
  model_id: string;
  quantization: Quantization;
  runtime: Runtime;
  runtime_build: string | null;
  phase: Phase;
  batch_size: number | null;
  concurrency: number | null;
  /** tokens already in context */
  context_depth: number | null;
  prompt_tokens: number | null;
  output_tokens: number | null;
  /** tokens/s (low end when a range); null when outcome is "oom" */
  tokens_per_s: number | null;
  tokens_per_s_high: number | null;
  tokens_per_s_stddev: number | null;
  /** "ok": the run produced a speed; "oom": the source reports it ran out of memory (no speed) */
  outcome: "ok" | "oom";
  throughput_scope: "per-request" | "aggregate";
  date: string;
  settings: string;
  source_id: string;
  notes: string | null;
}

export interface ApiPriceRow {
  provider: string;
  model: string;
  model_id: string | null;
  price_basis: "list" | "promotional";
  /** USD per million tokens */
  usd_per_mtok_input: number | null;
  usd_per_mtok_cached_input: number | null;
  usd_per_mtok_output: number | null;
  usd_per_mtok_single_rate: number | null;
  effective_date: string;
  source_id: string;
  notes: string | null;
}

export type PricingType = "on-demand" | "spot" | "reserved" | "community" | "secure" | "marketplace" | "unspecified";

export interface CloudGpuPriceRow {
  provider: string;
  offering: string;
  device_id: string;
  gpus_per_instance: number;
  pricing_type: PricingType;
  /** USD per GPU-hour (low end when a range) */
  usd_per_gpu_hour: number;
  usd_per_gpu_hour_high: number | null;
  usd_per_instance_hour: number | null;
  region: string | null;
  date: string;
  source_id: string;
  notes: string | null;
}

export interface ElectricityRow {
  region: string;
  sector: "residential" | "commercial" | "industrial" | "all";
  /** USD per kWh */
  usd_per_kwh: number;
  period: string;
  period_type: "month" | "year" | "forecast-year" | "unstated";
  source_id: string;
  notes: string | null;
}

export interface LabourRow {
  role: string;
  region: string;
  /** USD per year, fully loaded */
  loaded_annual_usd_low: number;
  loaded_annual_usd_high: number | null;
  date: string;
  source_id: string;
  notes: string | null;
}

/** An input an article states (or that reproduces its figure) for its headline break-even. */
export interface ArticleInputRow {
  /** The article that states the input. */
  source_id: string;
  case_id: string;
  input: string;
  /** null when data_ref fills the gap */
  value: number | null;
  unit: string | null;
  /** false: not in the article; the value that reproduces the article's figure. */
  stated: boolean;
  location: string;
  note: string | null;
  /** The claim (data/claims/<article>.csv) where the article prints this input, if it does. */
  claim_id: string | null;
  /** A data row that fills the gap (table[field=value,…]:field) when the article gives no value. */
  data_ref: string | null;
  /** A range the article itself states for this input. */
  range_low: number | null;
  range_high: number | null;
}

/** Map from resource name (datapackage.json) to its row type. */
export interface TableRows {
  sources: SourceRow;
  hardware: HardwareRow;
  hardware_prices: HardwarePriceRow;
  models: ModelRow;
  model_checkpoints: ModelCheckpointRow;
  benchmarks: BenchmarkRow;
  api_prices: ApiPriceRow;
  cloud_gpu_prices: CloudGpuPriceRow;
  electricity: ElectricityRow;
  labour: LabourRow;
  article_inputs: ArticleInputRow;
}

export type TableName = keyof TableRows;

export const TABLE_NAMES: TableName[] = [
  "sources",
  "hardware",
  "hardware_prices",
  "models",
  "model_checkpoints",
  "benchmarks",
  "api_prices",
  "cloud_gpu_prices",
  "electricity",
  "labour",
  "article_inputs",
];
