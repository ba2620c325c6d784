/**
 * The inputs of the owned-hardware cost model and the bandwidth model as uncertain quantities,
 * sampled into the columns {@link evaluateScenarios} takes:
 *
 *   tokensPerSecond = bandwidthGBps × 1e9 × efficiency / bytesPerToken   (when not given directly)
 *   apiUsdPerMTok   = (inputPerOutput × apiInputUsdPerMTok + apiOutputUsdPerMTok) / (inputPerOutput + 1)
 *                                                                         (when not given directly)
 *
 * Every input is a {@link Distribution} or a plain number (held constant).
 */
import { allocateResults, evaluateScenarioRange, evaluateScenarios, type ScenarioColumns, type ScenarioResults } from "../models/vectorized";
import { ModelInputError } from "../models/validate";
import { sampleInto, support, validateDistribution, type Distribution } from "./distributions";
import { Rng } from "./rng";
import { Workspace } from "./workspace";

/** A distribution, or a number held constant. */
export type Uncertain = Distribution | number;

/** The inputs of one Monte Carlo study. Units as in `lib/models`. */
export interface CostModelInputs {
  /** Purchase price all-in, USD. */
  readonly hardwareUsd: Uncertain;
  /** Amortization life, months. */
  readonly lifeMonths: Uncertain;
  /** Wall power while generating, W. */
  readonly loadWatts: Uncertain;
  /** Wall power while idle, W. Default 0. Must not exceed loadWatts in any draw. */
  readonly idleWatts?: Uncertain;
  /** Energy price, USD per kWh. */
  readonly usdPerKWh: Uncertain;
  /** Fraction of the month's hours generating, in (0, 1]. */
  readonly utilization: Uncertain;
  /** Hours in the month (720, 730…). */
  readonly hoursPerMonth: Uncertain;
  /** Engineering effort, FTE. Default 0; needs loadedUsdPerYear when given. */
  readonly engineeringFte?: Uncertain;
  /** Fully loaded cost of one FTE, USD per year. */
  readonly loadedUsdPerYear?: Uncertain;
  /** Other operations (infrastructure, refreshes), USD per month. Default 0. */
  readonly otherOpsUsdPerMonth?: Uncertain;
  /** Aggregate generation speed, tokens/s; or give the bandwidth model's three inputs instead. */
  readonly tokensPerSecond?: Uncertain;
  /** Bandwidth model: effective memory bandwidth, GB/s (decimal). */
  readonly bandwidthGBps?: Uncertain;
  /** Bandwidth model: fraction of that bandwidth achieved, (0, 1]. Default 1 (the bound). */
  readonly efficiency?: Uncertain;
  /** Bandwidth model: bytes read per generated token (active weights + KV cache). */
  readonly bytesPerToken?: Uncertain;
  /** The API price compared, USD per million tokens (blended); or give the three below. */
  readonly apiUsdPerMTok?: Uncertain;
  /** API input (prompt) price, USD per million tokens. */
  readonly apiInputUsdPerMTok?: Uncertain;
  /** API output price, USD per million tokens. */
  readonly apiOutputUsdPerMTok?: Uncertain;
  /** Input tokens per output token in the traffic (3 means 3:1). */
  readonly inputPerOutput?: Uncertain;
}

export type CostModelInput = keyof CostModelInputs;

type Rule = "nonNegative" | "positive" | "positiveFraction";

/**
 * Every input in its canonical order (each input draws from its own stream, forked from the
 * seed in this order, so adding or removing an input leaves the others' draws unchanged), with
 * the range its draws must stay in.
 */
export const COST_MODEL_INPUTS: readonly { readonly name: CostModelInput; readonly rule: Rule }[] = [
  { name: "hardwareUsd", rule: "nonNegative" },
  { name: "lifeMonths", rule: "positive" },
  { name: "loadWatts", rule: "nonNegative" },
  { name: "idleWatts", rule: "nonNegative" },
  { name: "usdPerKWh", rule: "nonNegative" },
  { name: "utilization", rule: "positiveFraction" },
  { name: "hoursPerMonth", rule: "positive" },
  { name: "engineeringFte", rule: "nonNegative" },
  { name: "loadedUsdPerYear", rule: "nonNegative" },
  { name: "otherOpsUsdPerMonth", rule: "nonNegative" },
  { name: "tokensPerSecond", rule: "positive" },
  { name: "bandwidthGBps", rule: "positive" },
  { name: "efficiency", rule: "positiveFraction" },
  { name: "bytesPerToken", rule: "positive" },
  { name: "apiUsdPerMTok", rule: "nonNegative" },
  { name: "apiInputUsdPerMTok", rule: "nonNegative" },
  { name: "apiOutputUsdPerMTok", rule: "nonNegative" },
  { name: "inputPerOutput", rule: "nonNegative" },
];

const NAMES = new Set<string>(COST_MODEL_INPUTS.map((x) => x.name));
const REQUIRED: readonly CostModelInput[] = ["hardwareUsd", "lifeMonths", "loadWatts", "usdPerKWh", "utilization", "hoursPerMonth"];
const DEFAULT_ZERO: readonly CostModelInput[] = ["idleWatts", "engineeringFte", "loadedUsdPerYear", "otherOpsUsdPerMonth"];
const BANDWIDTH: readonly CostModelInput[] = ["bandwidthGBps", "efficiency", "bytesPerToken"];
const API_PARTS: readonly CostModelInput[] = ["apiInputUsdPerMTok", "apiOutputUsdPerMTok", "inputPerOutput"];

/** A number or distribution as a distribution. */
export function toDistribution(x: Uncertain): Distribution {
  return typeof x === "number" ? { kind: "constant", value: x } : x;
}

function checkRule(name: string, dist: Distribution, rule: Rule): void {
  const s = support(dist);
  if (rule === "nonNegative" && s.min < 0) throw new ModelInputError(name, s.min, "draws must be ≥ 0 (the distribution reaches below 0)");
  if (rule === "positive" && s.min <= 0) throw new ModelInputError(name, s.min, "draws must be > 0 (the distribution reaches 0 or below)");
  if (rule === "positiveFraction" && (s.min <= 0 || s.max > 1)) {
    throw new ModelInputError(name, `[${s.min}, ${s.max}]`, "draws must lie in (0, 1] (the distribution's range does not)");
  }
}

/**
 * Checks a study's inputs: known names only, the required ones present, one way to get the
 * speed (tokensPerSecond, or bandwidthGBps and bytesPerToken) and one API price (apiUsdPerMTok,
 * or its three parts), every distribution valid and within the input's range. Errors name the input.
 */
export function validateCostModelInputs(inputs: CostModelInputs): void {
  const given = inputs as unknown as Readonly<Record<string, Uncertain | undefined>>;
  for (const key of Object.keys(given)) {
    if (!NAMES.has(key)) throw new ModelInputError(key, given[key], `is not an input of the cost model (inputs: ${[...NAMES].join(", ")})`);
  }
  const has = (k: CostModelInput) => given[k] !== undefined;
  for (const k of REQUIRED) if (!has(k)) throw new ModelInputError(k, undefined, "is required");
  if (has("tokensPerSecond") && BANDWIDTH.some(has)) {
    throw new ModelInputError("tokensPerSecond", given.tokensPerSecond, "give either tokensPerSecond or the bandwidth model (bandwidthGBps, efficiency, bytesPerToken), not both");
  }
  if (!has("tokensPerSecond")) {
    if (!has("bandwidthGBps") || !has("bytesPerToken")) {
      throw new ModelInputError("tokensPerSecond", undefined, "is required, or bandwidthGBps and bytesPerToken (with optional efficiency) for the bandwidth model");
    }
  }
  if (has("apiUsdPerMTok") && API_PARTS.some(has)) {
    throw new ModelInputError("apiUsdPerMTok", given.apiUsdPerMTok, "give either apiUsdPerMTok or apiInputUsdPerMTok, apiOutputUsdPerMTok and inputPerOutput, not both");
  }
  if (!has("apiUsdPerMTok")) {
    const missing = API_PARTS.filter((k) => !has(k));
    if (missing.length > 0) throw new ModelInputError("apiUsdPerMTok", undefined, `is required, or all of ${API_PARTS.join(", ")} (missing ${missing.join(", ")})`);
  }
  if (has("engineeringFte") && given.engineeringFte !== 0 && !has("loadedUsdPerYear")) {
    throw new ModelInputError("engineeringFte", given.engineeringFte, "needs loadedUsdPerYear (the cost of one FTE)");
  }
  for (const { name, rule } of COST_MODEL_INPUTS) {
    const x = given[name];
    if (x === undefined) continue;
    if (typeof x === "number") {
      if (!Number.isFinite(x)) throw new ModelInputError(name, x, "must be a finite number or a distribution");
    }
    const dist = validateDistribution(name, toDistribution(x));
    checkRule(name, dist, rule);
  }
}

/** Sampled inputs and the columns the cost model reads. */
export interface SampledCostModel {
  readonly n: number;
  /** Every input given (sampled or constant), and the optional ones left at their default 0, by name. */
  readonly inputs: Readonly<Partial<Record<CostModelInput, Float64Array>>>;
  /** The columns passed to evaluateScenarios (tokensPerSecond and apiUsdPerMTok derived when needed). */
  readonly columns: ScenarioColumns;
}

/**
 * Draws are made and evaluated this many at a time: the chunk's ~19 columns (16 KB each) stay
 * in the L2 cache from drawing to evaluation to summary.
 */
export const CHUNK = 2048;

/**
 * Called after each chunk's draws are evaluated, with the chunk's range [start, end) of the
 * run and its results as views of length end − start (index 0 is draw `start`).
 */
export type OnChunk = (start: number, end: number, chunk: ScenarioResults) => void;

/**
 * Draws n scenarios and, when `results` is given, evaluates them with {@link evaluateScenarios}
 * chunk by chunk (the draws of a chunk are still in cache when the model reads them), then
 * calls `onChunk` (say, to summarize the chunk's results while they are in cache).
 * Each input in {@link COST_MODEL_INPUTS} order gets its own generator, forked from `seed`, so
 * the draws do not depend on the chunking; constants are filled without drawing. Arrays come
 * from `workspace` when given.
 *
 * An array `workspace` hands out may be of length min({@link CHUNK}, n) instead of n: a scratch
 * array, which holds only the current chunk (see {@link ScratchWorkspace}). The draws are the
 * same either way; a scratch column is simply not kept. The returned arrays are the workspace's.
 */
export function sampleCostModel(
  inputs: CostModelInputs,
  n: number,
  seed: number,
  workspace: Workspace = new Workspace(),
  results?: ScenarioResults,
  onChunk?: OnChunk,
): SampledCostModel {
  validateCostModelInputs(inputs);
  if (!Number.isInteger(n) || n < 1) throw new ModelInputError("n", n, "must be a whole number ≥ 1");
  const scratchLength = Math.min(CHUNK, n);
  if (results !== undefined) {
    for (const [name, col] of Object.entries(results) as [string, Float64Array | Uint8Array][]) {
      if (col.length !== n && col.length !== scratchLength) throw new RangeError(`results.${name}: length ${col.length}, expected ${n} (or ${scratchLength}, scratch)`);
    }
  }
  const given = inputs as unknown as Readonly<Record<string, Uncertain | undefined>>;
  const { inputs: sampled, columns } = costModelColumns(inputs, n, workspace);
  const master = new Rng(seed);
  const drawn: { dist: Distribution; rng: Rng; name: CostModelInput }[] = [];
  const constants: { value: number; name: CostModelInput }[] = [];
  for (const { name } of COST_MODEL_INPUTS) {
    const stream = master.fork();
    const x = given[name];
    if (x === undefined) continue;
    // constants are filled chunk by chunk too, so that the model reads them from cache
    if (typeof x === "number" || x.kind === "constant") constants.push({ value: typeof x === "number" ? x : x.value, name });
    else drawn.push({ dist: x, rng: stream, name });
  }
  for (const name of DEFAULT_ZERO) if (given[name] === undefined) constants.push({ value: 0, name });
  const inputNames = Object.keys(sampled) as CostModelInput[];
  const columnNames = Object.keys(columns) as (keyof ScenarioColumns)[];
  const resultNames = results === undefined ? [] : (Object.keys(results) as (keyof ScenarioResults)[]);
  let over = 0;
  let firstOver: { idle: number; load: number } | null = null;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const len = end - start;
    // the chunk's views: [start, end) of a kept array, [0, len) of a scratch one
    const view = <T extends Float64Array | Uint8Array>(a: T): T => (a.length === n ? a.subarray(start, end) : a.subarray(0, len)) as T;
    const inputViews: Partial<Record<CostModelInput, Float64Array>> = {};
    for (const name of inputNames) inputViews[name] = view(sampled[name]!);
    const cols = {} as Record<keyof ScenarioColumns, Float64Array>;
    for (const name of columnNames) cols[name] = view(columns[name]);
    for (const c of constants) inputViews[c.name]!.fill(c.value);
    for (const d of drawn) sampleInto(d.dist, d.rng, inputViews[d.name]!, 0, len);
    if (sampled.tokensPerSecond === undefined) bandwidthTokensPerSecond(inputViews, cols.tokensPerSecond, 0, len);
    if (sampled.apiUsdPerMTok === undefined) blendedApi(inputViews, cols.apiUsdPerMTok, 0, len);
    const chunkOver = countAbove(cols.idleWatts, cols.loadWatts, 0, len);
    if (chunkOver > 0 && over === 0) {
      const i = firstAbove(cols.idleWatts, cols.loadWatts, 0, len);
      firstOver = { idle: cols.idleWatts[i], load: cols.loadWatts[i] };
    }
    over += chunkOver;
    if (results !== undefined && over === 0) {
      const out = {} as Record<keyof ScenarioResults, Float64Array | Uint8Array>;
      for (const name of resultNames) out[name] = view(results[name]);
      const chunk = out as unknown as ScenarioResults;
      evaluateScenarioRange(cols, chunk, 0, len);
      if (onChunk !== undefined) onChunk(start, end, chunk);
    }
  }
  if (over > 0) {
    throw new ModelInputError(
      "idleWatts",
      firstOver!.idle,
      `must not exceed loadWatts (${firstOver!.load} in that draw); it does in ${over} of ${n} draws: narrow the two distributions`,
    );
  }
  return { n, inputs: sampled, columns };
}

/**
 * A workspace whose arrays are scratch (length min({@link CHUNK}, n), reused chunk after chunk,
 * from `scratch`) except those named in `keep`, which come whole from `source`: a run that keeps
 * only the columns its summary needs writes a few arrays to memory instead of ~20.
 */
export class ScratchWorkspace extends Workspace {
  constructor(
    private readonly source: { column(name: string, n: number): Float64Array; flag(name: string, n: number): Uint8Array },
    private readonly keep: ReadonlySet<string>,
    private readonly scratch: Workspace,
  ) {
    super();
  }

  override column(name: string, n: number): Float64Array {
    return this.keep.has(name) ? this.source.column(name, n) : this.scratch.column(name, Math.min(CHUNK, n));
  }

  override flag(name: string, n: number): Uint8Array {
    return this.keep.has(name) ? this.source.flag(name, n) : this.scratch.flag(name, Math.min(CHUNK, n));
  }
}

/**
 * The columns {@link sampleCostModel} fills for these inputs, taken from `workspace` (names
 * `in:<input>`, `zero:<input>` for optional inputs left at 0, `derived:tokensPerSecond`,
 * `derived:apiUsdPerMTok`), without drawing anything.
 */
export function costModelColumns(inputs: CostModelInputs, n: number, workspace: Workspace): SampledCostModel {
  const given = inputs as unknown as Readonly<Record<string, Uncertain | undefined>>;
  const sampled: Partial<Record<CostModelInput, Float64Array>> = {};
  for (const { name } of COST_MODEL_INPUTS) if (given[name] !== undefined) sampled[name] = workspace.column(`in:${name}`, n);
  for (const name of DEFAULT_ZERO) if (sampled[name] === undefined) sampled[name] = workspace.column(`zero:${name}`, n);
  const columns: ScenarioColumns = {
    hardwareUsd: sampled.hardwareUsd!,
    lifeMonths: sampled.lifeMonths!,
    loadWatts: sampled.loadWatts!,
    idleWatts: sampled.idleWatts!,
    usdPerKWh: sampled.usdPerKWh!,
    tokensPerSecond: sampled.tokensPerSecond ?? workspace.column("derived:tokensPerSecond", n),
    utilization: sampled.utilization!,
    hoursPerMonth: sampled.hoursPerMonth!,
    engineeringFte: sampled.engineeringFte!,
    loadedUsdPerYear: sampled.loadedUsdPerYear!,
    otherOpsUsdPerMonth: sampled.otherOpsUsdPerMonth!,
    apiUsdPerMTok: sampled.apiUsdPerMTok ?? workspace.column("derived:apiUsdPerMTok", n),
  };
  return { n, inputs: sampled, columns };
}

/** How many of draws [start, end) have idle above load. */
function countAbove(idle: Float64Array, load: Float64Array, start: number, end: number): number {
  let c = 0;
  for (let i = start; i < end; i++) c += idle[i] > load[i] ? 1 : 0;
  return c;
}

function firstAbove(idle: Float64Array, load: Float64Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (idle[i] > load[i]) return i;
  return -1;
}

/** tokens/s = bandwidthGBps × 1e9 × efficiency / bytesPerToken, for draws [start, end). */
function bandwidthTokensPerSecond(s: Partial<Record<CostModelInput, Float64Array>>, out: Float64Array, start: number, end: number): void {
  const bw = s.bandwidthGBps!;
  const bytes = s.bytesPerToken!;
  const eff = s.efficiency;
  if (eff === undefined) for (let i = start; i < end; i++) out[i] = (bw[i] * 1e9) / bytes[i];
  else for (let i = start; i < end; i++) out[i] = (bw[i] * 1e9 * eff[i]) / bytes[i];
}

/** (ratio × input + output) / (ratio + 1), for draws [start, end). */
function blendedApi(s: Partial<Record<CostModelInput, Float64Array>>, out: Float64Array, start: number, end: number): void {
  const inp = s.apiInputUsdPerMTok!;
  const outp = s.apiOutputUsdPerMTok!;
  const ratio = s.inputPerOutput!;
  for (let i = start; i < end; i++) {
    const r = ratio[i];
    out[i] = (r * inp[i] + outp[i]) / (r + 1);
  }
}

/** Outputs of the cost model a vectorized study can ask for. */
export type CostModelOutput = "usdPerMTok" | "marginalUsdPerMTok" | "fixedUsdPerMonth" | "breakEvenTokensPerMonth" | "tokensPerSecond" | "apiUsdPerMTok";

/** A model over columns: reads one Float64Array per input (all of one length), writes one output per row. */
export type VectorModel = (inputs: Readonly<Record<string, Float64Array>>, out: Float64Array) => void;

/**
 * The cost model as a {@link VectorModel} for global sensitivity: inputs it is handed as
 * columns vary, every other input is held at `fixed` (numbers; the same rules as
 * {@link CostModelInputs}). `output` picks the figure written per row.
 *
 * @example costModelFunction({ idleWatts: 0, hoursPerMonth: 720, ... }, "breakEvenTokensPerMonth")
 */
export function costModelFunction(fixed: Readonly<Partial<Record<CostModelInput, number>>>, output: CostModelOutput): VectorModel {
  const workspace = new Workspace();
  let results: ScenarioResults | null = null;
  const derive = (name: string, n: number, f: (out: Float64Array) => void): Float64Array => {
    const out = workspace.column(`derived:${name}`, n);
    f(out);
    return out;
  };
  return (varying, out) => {
    const names = Object.keys(varying);
    if (names.length === 0) throw new RangeError("costModelFunction: no input columns");
    const n = varying[names[0]].length;
    const cols: Partial<Record<CostModelInput, Float64Array>> = {};
    for (const name of names) {
      if (!NAMES.has(name)) throw new ModelInputError(name, "(column)", `is not an input of the cost model`);
      cols[name as CostModelInput] = varying[name];
    }
    for (const key of Object.keys(fixed) as CostModelInput[]) {
      if (cols[key] !== undefined) continue;
      const v = fixed[key];
      if (v === undefined) continue;
      const c = workspace.column(`fixed:${key}`, n);
      if (c[0] !== v || c[n - 1] !== v) c.fill(v);
      cols[key] = c;
    }
    for (const name of DEFAULT_ZERO) if (cols[name] === undefined) cols[name] = workspace.column(`zero:${name}`, n).fill(0);
    if (cols.tokensPerSecond === undefined && (cols.bandwidthGBps === undefined || cols.bytesPerToken === undefined)) {
      throw new ModelInputError("tokensPerSecond", undefined, "is required, or bandwidthGBps and bytesPerToken");
    }
    if (cols.apiUsdPerMTok === undefined && API_PARTS.some((k) => cols[k] === undefined)) {
      throw new ModelInputError("apiUsdPerMTok", undefined, `is required, or all of ${API_PARTS.join(", ")}`);
    }
    for (const k of REQUIRED) if (cols[k] === undefined) throw new ModelInputError(k, undefined, "is required (give it as a column or in fixed)");
    const columns: ScenarioColumns = {
      hardwareUsd: cols.hardwareUsd!,
      lifeMonths: cols.lifeMonths!,
      loadWatts: cols.loadWatts!,
      idleWatts: cols.idleWatts!,
      usdPerKWh: cols.usdPerKWh!,
      tokensPerSecond: cols.tokensPerSecond ?? derive("tokensPerSecond", n, (out) => bandwidthTokensPerSecond(cols, out, 0, n)),
      utilization: cols.utilization!,
      hoursPerMonth: cols.hoursPerMonth!,
      engineeringFte: cols.engineeringFte!,
      loadedUsdPerYear: cols.loadedUsdPerYear!,
      otherOpsUsdPerMonth: cols.otherOpsUsdPerMonth!,
      apiUsdPerMTok: cols.apiUsdPerMTok ?? derive("apiUsdPerMTok", n, (out) => blendedApi(cols, out, 0, n)),
    };
    if (output === "tokensPerSecond" || output === "apiUsdPerMTok") {
      out.set(columns[output]);
      return;
    }
    if (results === null || results.usdPerMTok.length !== n) results = allocateResults(n);
    evaluateScenarios(columns, results);
    out.set(results[output]);
  };
}
