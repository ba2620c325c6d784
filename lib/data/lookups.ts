/**
 * Convenience look-ups over loaded data, with typed ids and clear errors for unknown ones.
 *
 * Written by hand, not with arquero, on purpose: each look-up answers for one entity (a device, a
 * model, a provider's model at a date) and returns the typed row objects themselves, which callers
 * keep (`device(…).rows`, `sourceOf`); an arquero filter returns a new table whose `objects()` are
 * untyped copies, and costs about 20× as much per call (370 µs against 17 µs for benchmarks() with
 * three criteria, measured on the data). The one join, a row's source tier, is a keyed Map.
 * Joins and group-bys across many rows are arquero's (lib/analysis/prefill-decode.ts).
 */
import { compareDates, dayNumber } from "./dates";
import type { Data } from "./load";
import type { ApiModel, ApiProvider, CloudProvider, DeviceId, ModelId, SourceId } from "./ids";
import { warnIfOlderThan, StaleWarning } from "./staleness";
import type {
  ApiPriceRow,
  BenchmarkRow,
  CloudGpuPriceRow,
  ElectricityRow,
  HardwarePriceRow,
  HardwareRow,
  ModelRow,
  Phase,
  PriceCondition,
  Quantization,
  Runtime,
  SourceRow,
  Tier,
} from "./types";

const TIER_RANK: Record<Tier, number> = { primary: 0, secondary: 1, article: 2 };

export class UnknownIdError extends Error {
  readonly kind: string;
  readonly id: string;
  readonly known: string[];
  constructor(kind: string, id: string, known: string[]) {
    super(`Unknown ${kind} ${JSON.stringify(id)}. Known ${kind}s: ${known.join(", ")}`);
    this.name = "UnknownIdError";
    this.kind = kind;
    this.id = id;
    this.known = known;
  }
}

function distinct(values: string[]): string[] {
  return Array.from(new Set(values)).sort();
}

/** Sources by id (the first row of an id, as a scan would find it), made once per sources table and again if rows were added. */
const sourceIndexes = new WeakMap<readonly SourceRow[], { readonly length: number; readonly byId: Map<string, SourceRow> }>();
function sourceIndex(rows: readonly SourceRow[]): Map<string, SourceRow> {
  let index = sourceIndexes.get(rows);
  if (index === undefined || index.length !== rows.length) {
    const byId = new Map<string, SourceRow>();
    for (const r of rows) if (!byId.has(r.source_id)) byId.set(r.source_id, r);
    index = { length: rows.length, byId };
    sourceIndexes.set(rows, index);
  }
  return index.byId;
}

export function source(data: Data, id: SourceId): SourceRow {
  const s = sourceIndex(data.sources.rows).get(id);
  if (!s) throw new UnknownIdError("source", id, distinct(data.sources.rows.map((r) => r.source_id)));
  return s;
}

/** Tier of a source (throws for an unknown source id). */
export function tierOf(data: Data, sourceId: string): Tier {
  return source(data, sourceId as SourceId).tier;
}

/** Rows sorted primary first, then secondary, then article; file order within a tier. */
function byTier<R extends { source_id: string }>(data: Data, rows: R[]): R[] {
  return rows
    .map((row, i) => ({ row, i, rank: TIER_RANK[tierOf(data, row.source_id)] }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.row);
}

type Merged<R, K extends keyof R> = { [P in K]: R[P] } & {
  /** Source of each non-empty merged field. */
  sourceOf: Partial<Record<K, string>>;
  /** Every row about this entity, as stored. */
  rows: R[];
};

function merge<R extends { source_id: string }, K extends keyof R>(data: Data, rows: R[], fields: readonly K[]): Merged<R, K> {
  const ordered = byTier(data, rows);
  const out = { sourceOf: {}, rows } as Merged<R, K>;
  for (const f of fields) {
    const hit = ordered.find((r) => r[f] !== null && r[f] !== undefined);
    (out as unknown as Record<K, unknown>)[f] = hit ? hit[f] : null;
    if (hit) out.sourceOf[f] = hit.source_id;
  }
  return out;
}

export const HARDWARE_SPEC_FIELDS = [
  "memory_gb",
  "memory_type",
  "bandwidth_gbps",
  "fp16_tflops_dense",
  "fp16_tflops_sparse",
  "fp8_tflops_dense",
  "fp8_tflops_sparse",
  "fp4_tflops_dense",
  "fp4_tflops_sparse",
  "int8_tops_dense",
  "int8_tops_sparse",
  "board_power_w",
  "idle_power_w",
  "load_power_w",
] as const;
export type HardwareSpecField = (typeof HARDWARE_SPEC_FIELDS)[number];

export type DeviceSpec = Merged<HardwareRow, HardwareSpecField> & {
  device_id: DeviceId;
  name: string;
  vendor: string;
  category: HardwareRow["category"];
};

/**
 * One device's specification, merged over its rows: each field takes the value from the
 * highest-tier source that gives it (primary > secondary > article). `sourceOf` names that
 * source; `rows` keeps every row so disagreements stay visible (see range()).
 */
/**
 * Merged entities by id, made once per rows array and made again when its rows or the sources'
 * rows change in number (as the source index is): the analyses look a device up once per
 * benchmark row, and a merge sorts the device's rows by tier each time. Callers read the merged
 * objects; none writes to them.
 */
const mergedCaches = new WeakMap<readonly object[], { length: number; sources: readonly SourceRow[]; sourcesLength: number; byId: Map<string, unknown> }>();
function memoById<T>(data: Data, rows: readonly object[], id: string, make: () => T): T {
  let c = mergedCaches.get(rows);
  if (c === undefined || c.length !== rows.length || c.sources !== data.sources.rows || c.sourcesLength !== data.sources.rows.length) {
    c = { length: rows.length, sources: data.sources.rows, sourcesLength: data.sources.rows.length, byId: new Map() };
    mergedCaches.set(rows, c);
  }
  if (!c.byId.has(id)) c.byId.set(id, make());
  return c.byId.get(id) as T;
}

export function device(data: Data, id: DeviceId): DeviceSpec {
  return memoById(data, data.hardware.rows, id, () => mergeDevice(data, id));
}

function mergeDevice(data: Data, id: DeviceId): DeviceSpec {
  const rows = data.hardware.rows.filter((r) => r.device_id === id);
  if (rows.length === 0) throw new UnknownIdError("device", id, distinct(data.hardware.rows.map((r) => r.device_id)));
  const m = merge(data, rows, HARDWARE_SPEC_FIELDS);
  const first = byTier(data, rows)[0];
  return Object.assign(m, { device_id: id, name: first.name, vendor: first.vendor, category: first.category });
}

export const MODEL_SPEC_FIELDS = [
  "total_params_b",
  "active_params_b",
  "layers",
  "hidden_size",
  "attention_heads",
  "kv_heads",
  "head_dim",
  "kv_lora_rank",
  "qk_rope_head_dim",
  "sliding_window",
  "sliding_window_layers",
  "num_experts",
  "experts_per_token",
  "context_length",
  "release_date",
] as const;
export type ModelSpecField = (typeof MODEL_SPEC_FIELDS)[number];

export type ModelSpec = Merged<ModelRow, ModelSpecField> & {
  model_id: ModelId;
  name: string;
  developer: string;
  architecture: ModelRow["architecture"];
};

/** One model's facts merged over its rows (same rule as device()). */
export function model(data: Data, id: ModelId): ModelSpec {
  return memoById(data, data.models.rows, id, () => mergeModel(data, id));
}

function mergeModel(data: Data, id: ModelId): ModelSpec {
  const rows = data.models.rows.filter((r) => r.model_id === id);
  if (rows.length === 0) throw new UnknownIdError("model", id, distinct(data.models.rows.map((r) => r.model_id)));
  const m = merge(data, rows, MODEL_SPEC_FIELDS);
  const first = byTier(data, rows)[0];
  return Object.assign(m, { model_id: id, name: first.name, developer: first.developer, architecture: first.architecture });
}

export interface AsOfQuery {
  /** Only rows dated at or before this date count (YYYY, YYYY-MM or YYYY-MM-DD). */
  asOf: string;
  /** Warn when the chosen row is older than this many days before asOf. */
  maxAgeDays?: number;
  /** Receives staleness warnings; default console.warn. */
  warn?: (w: StaleWarning) => void;
}

function latestAtOrBefore<R extends { source_id: string }>(data: Data, rows: R[], dateOf: (r: R) => string, asOf: string): R[] {
  const eligible = rows.filter((r) => compareDates(dateOf(r), asOf) <= 0);
  if (eligible.length === 0) return [];
  const latest = Math.max(...eligible.map((r) => dayNumber(dateOf(r))));
  return byTier(
    data,
    eligible.filter((r) => dayNumber(dateOf(r)) === latest),
  );
}

function checkAge<R extends { source_id: string }>(row: R, table: string, q: AsOfQuery, dateField: string): void {
  if (q.maxAgeDays === undefined) return;
  warnIfOlderThan([row], { asOf: q.asOf, maxAgeDays: q.maxAgeDays, dateField, table, warn: q.warn });
}

export interface ApiPriceQuery extends AsOfQuery {
  provider: ApiProvider;
  model: ApiModel;
  /** Required when list and promotional prices exist on the chosen date. */
  basis?: ApiPriceRow["price_basis"];
}

/**
 * The API price row in force at `asOf`: the latest effective_date at or before asOf; among rows
 * of that date the highest-tier source wins. Throws when the provider/model is unknown, when no
 * row is old enough, or when list and promotional prices compete and no basis was given.
 */
export function apiPrice(data: Data, q: ApiPriceQuery): ApiPriceRow {
  const all = data.api_prices.rows;
  const forModel = all.filter((r) => r.provider === q.provider && r.model === q.model);
  if (forModel.length === 0) {
    const known = distinct(all.map((r) => `${r.provider}/${r.model}`));
    throw new UnknownIdError("provider/model", `${q.provider}/${q.model}`, known);
  }
  const candidates = q.basis ? forModel.filter((r) => r.price_basis === q.basis) : forModel;
  const hits = latestAtOrBefore(data, candidates, (r) => r.effective_date, q.asOf);
  if (hits.length === 0) {
    const dates = distinct(candidates.map((r) => r.effective_date)).join(", ");
    throw new Error(`No ${q.provider}/${q.model} price${q.basis ? ` (${q.basis})` : ""} dated at or before ${q.asOf}; dates available: ${dates || "none"}`);
  }
  const bases = distinct(hits.map((r) => r.price_basis));
  if (!q.basis && bases.length > 1) {
    throw new Error(`${q.provider}/${q.model} has ${bases.join(" and ")} prices on ${hits[0].effective_date}; pass basis: "list" or "promotional"`);
  }
  checkAge(hits[0], "api_prices", q, "effective_date");
  return hits[0];
}

export interface BenchmarkFilter {
  model?: ModelId;
  device?: DeviceId;
  phase?: Phase;
  runtime?: Runtime;
  quantization?: Quantization;
  deviceCount?: number;
  scope?: BenchmarkRow["throughput_scope"];
  /** Keep only rows whose source has one of these tiers. */
  tiers?: Tier[];
}

/** Benchmark rows matching every given criterion, in file order. Unknown model/device ids throw. */
export function benchmarks(data: Data, f: BenchmarkFilter = {}): BenchmarkRow[] {
  if (f.model !== undefined && !data.models.rows.some((r) => r.model_id === f.model)) {
    throw new UnknownIdError("model", f.model, distinct(data.models.rows.map((r) => r.model_id)));
  }
  if (f.device !== undefined && !data.hardware.rows.some((r) => r.device_id === f.device)) {
    throw new UnknownIdError("device", f.device, distinct(data.hardware.rows.map((r) => r.device_id)));
  }
  return data.benchmarks.rows.filter(
    (r) =>
      (f.model === undefined || r.model_id === f.model) &&
      (f.device === undefined || r.device_id === f.device) &&
      (f.phase === undefined || r.phase === f.phase) &&
      (f.runtime === undefined || r.runtime === f.runtime) &&
      (f.quantization === undefined || r.quantization === f.quantization) &&
      (f.deviceCount === undefined || r.device_count === f.deviceCount) &&
      (f.scope === undefined || r.throughput_scope === f.scope) &&
      (f.tiers === undefined || f.tiers.includes(tierOf(data, r.source_id))),
  );
}

export interface CloudGpuQuery {
  device?: DeviceId;
  provider?: CloudProvider;
  pricingType?: CloudGpuPriceRow["pricing_type"];
  /** Keep only rows dated at or before this date. */
  asOf?: string;
}

/** Cloud GPU price rows matching the query, in file order. */
export function cloudGpuPrices(data: Data, q: CloudGpuQuery = {}): CloudGpuPriceRow[] {
  if (q.device !== undefined && !data.hardware.rows.some((r) => r.device_id === q.device)) {
    throw new UnknownIdError("device", q.device, distinct(data.hardware.rows.map((r) => r.device_id)));
  }
  if (q.provider !== undefined && !data.cloud_gpu_prices.rows.some((r) => r.provider === q.provider)) {
    throw new UnknownIdError("cloud provider", q.provider, distinct(data.cloud_gpu_prices.rows.map((r) => r.provider)));
  }
  return data.cloud_gpu_prices.rows.filter(
    (r) =>
      (q.device === undefined || r.device_id === q.device) &&
      (q.provider === undefined || r.provider === q.provider) &&
      (q.pricingType === undefined || r.pricing_type === q.pricingType) &&
      (q.asOf === undefined || compareDates(r.date, q.asOf) <= 0),
  );
}

export interface HardwarePriceQuery {
  device: DeviceId;
  condition?: PriceCondition;
  asOf?: string;
}

/** Purchase-price rows for one device, in file order. */
export function hardwarePrices(data: Data, q: HardwarePriceQuery): HardwarePriceRow[] {
  if (!data.hardware.rows.some((r) => r.device_id === q.device)) {
    throw new UnknownIdError("device", q.device, distinct(data.hardware.rows.map((r) => r.device_id)));
  }
  return data.hardware_prices.rows.filter(
    (r) =>
      r.device_id === q.device &&
      (q.condition === undefined || r.condition === q.condition) &&
      (q.asOf === undefined || compareDates(r.date, q.asOf) <= 0),
  );
}

export interface ElectricityQuery extends AsOfQuery {
  region: string;
  sector?: ElectricityRow["sector"];
  /** Include forecasts and rows whose month is unstated (default false). */
  includeForecasts?: boolean;
}

/** The most recent measured electricity price whose period starts at or before asOf. */
export function electricityPrice(data: Data, q: ElectricityQuery): ElectricityRow {
  const sector = q.sector ?? "residential";
  const rows = data.electricity.rows.filter(
    (r) =>
      r.region === q.region &&
      r.sector === sector &&
      (q.includeForecasts || (r.period_type !== "forecast-year" && r.period_type !== "unstated")),
  );
  if (rows.length === 0) {
    throw new UnknownIdError("region/sector", `${q.region}/${sector}`, distinct(data.electricity.rows.map((r) => `${r.region}/${r.sector}`)));
  }
  const hits = latestAtOrBefore(data, rows, (r) => r.period, q.asOf);
  if (hits.length === 0) throw new Error(`No ${q.region}/${sector} electricity price for a period starting at or before ${q.asOf}`);
  checkAge(hits[0], "electricity", q, "period");
  return hits[0];
}

type NumericKeys<R> = { [K in keyof R]-?: R[K] extends number | null ? K : never }[keyof R];

export interface RangeResult {
  field: string;
  /** Number of rows with a value. */
  count: number;
  min: number;
  max: number;
  /** Sources of the rows holding the minimum / maximum. */
  minSources: string[];
  maxSources: string[];
  /** Every source that contributed a value. */
  sources: string[];
}

/**
 * Minimum and maximum of a numeric field across rows, with the sources of each extreme.
 * Returns null when no row has a value.
 */
export function range<R extends { source_id: string }>(rows: readonly R[], field: NumericKeys<R>): RangeResult | null {
  const vals = rows
    .map((r) => ({ v: r[field] as unknown as number | null, s: r.source_id }))
    .filter((x): x is { v: number; s: string } => typeof x.v === "number");
  if (vals.length === 0) return null;
  const min = Math.min(...vals.map((x) => x.v));
  const max = Math.max(...vals.map((x) => x.v));
  return {
    field: String(field),
    count: vals.length,
    min,
    max,
    minSources: distinct(vals.filter((x) => x.v === min).map((x) => x.s)),
    maxSources: distinct(vals.filter((x) => x.v === max).map((x) => x.s)),
    sources: distinct(vals.map((x) => x.s)),
  };
}
