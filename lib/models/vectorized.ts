/**
 * The owned-hardware cost model over many scenarios at once, on typed arrays (one column per
 * input), for Monte Carlo and sweeps. Same formulas as {@link costLine} and {@link selfHostCost};
 * a test checks the two agree scenario by scenario.
 */

/** One Float64Array per input; all the same length. Units as in the scalar model. */
export interface ScenarioColumns {
  readonly hardwareUsd: Float64Array;
  readonly lifeMonths: Float64Array;
  readonly loadWatts: Float64Array;
  readonly idleWatts: Float64Array;
  readonly usdPerKWh: Float64Array;
  readonly tokensPerSecond: Float64Array;
  readonly utilization: Float64Array;
  readonly hoursPerMonth: Float64Array;
  readonly engineeringFte: Float64Array;
  readonly loadedUsdPerYear: Float64Array;
  /** Operations other than engineering (infrastructure, refreshes), USD per month. */
  readonly otherOpsUsdPerMonth: Float64Array;
  /** The API price compared, USD per million tokens (already blended). */
  readonly apiUsdPerMTok: Float64Array;
}

/** Results per scenario. */
export interface ScenarioResults {
  /** All-in cost per million tokens at the scenario's utilization. */
  readonly usdPerMTok: Float64Array;
  /** Marginal cost per million tokens (electricity above idle). */
  readonly marginalUsdPerMTok: Float64Array;
  /** Fixed cost, USD per month. */
  readonly fixedUsdPerMonth: Float64Array;
  /** Break-even tokens per month; +Infinity where there is none (see `never`). */
  readonly breakEvenTokensPerMonth: Float64Array;
  /** 1 where there is no break-even at any number of setups, else 0. */
  readonly never: Uint8Array;
  /** 1 where self-hosting is cheaper per token than the API at the scenario's utilization. */
  readonly selfHostWins: Uint8Array;
}

/** Allocates result arrays for n scenarios. */
export function allocateResults(n: number): ScenarioResults {
  return {
    usdPerMTok: new Float64Array(n),
    marginalUsdPerMTok: new Float64Array(n),
    fixedUsdPerMonth: new Float64Array(n),
    breakEvenTokensPerMonth: new Float64Array(n),
    never: new Uint8Array(n),
    selfHostWins: new Uint8Array(n),
  };
}

/** Checks every column has length n; names the first that does not. */
export function checkColumns(columns: ScenarioColumns): number {
  const entries = Object.entries(columns) as [string, Float64Array][];
  const n = entries[0][1].length;
  for (const [name, col] of entries) {
    if (!(col instanceof Float64Array)) throw new TypeError(`${name}: must be a Float64Array`);
    if (col.length !== n) throw new RangeError(`${name}: length ${col.length}, expected ${n} like ${entries[0][0]}`);
  }
  return n;
}

/** Scenarios are evaluated this many at a time (short calls keep V8's type feedback complete). */
const EVAL_BLOCK = 4096;

/**
 * Evaluates every scenario:
 *
 *   fixed    = hardwareUsd / lifeMonths + idleWatts/1000 × hours × usdPerKWh + fte × loaded / 12 + otherOps
 *   variable = (loadWatts − idleWatts)/1000 × hours × usdPerKWh          (at 100% utilization)
 *   capacity = tokensPerSecond × 3600 × hours
 *   usdPerMTok = (fixed + variable × u) / (capacity × u) × 1e6
 *   marginal   = variable / capacity × 1e6
 *   breakEven  = (setups × perSetup + shared) / (api − marginal) × 1e6 with the setups the volume
 *                needs (breakEvenVolume's scale-out: hardware and idle power per setup, engineering
 *                and other operations shared), or +Infinity when there is none
 *
 * Inputs are not validated per element (that would halve the speed); validate the sampler's
 * distributions instead. Writes into `out` when given, so repeated runs allocate nothing.
 */
export function evaluateScenarios(columns: ScenarioColumns, out?: ScenarioResults): ScenarioResults {
  const n = checkColumns(columns);
  const r = out ?? allocateResults(n);
  for (const [name, col] of Object.entries(r) as [string, Float64Array | Uint8Array][]) {
    if (col.length < n) throw new RangeError(`out.${name}: length ${col.length}, expected ${n}`);
  }
  for (let start = 0; start < n; start += EVAL_BLOCK) evaluateScenarioRange(columns, r, start, Math.min(n, start + EVAL_BLOCK));
  return r;
}

/**
 * {@link evaluateScenarios} for scenarios [start, end) only, without checks: the kernel, for
 * callers that evaluate chunk by chunk while the chunk's inputs are still in cache.
 *
 * Three divisions per scenario: with k = 1e6 / (capacity × u),
 * usdPerMTok = (fixed + variable × u) × k, marginal = variable × u × k (= variable / capacity × 1e6),
 * breakEven = (setups × perSetup + shared) × 1e6 / (api − marginal). Agrees with the formulas above to a few ulps.
 */
export function evaluateScenarioRange(columns: ScenarioColumns, r: ScenarioResults, start: number, end: number): void {
  const { hardwareUsd, lifeMonths, loadWatts, idleWatts, usdPerKWh, tokensPerSecond, utilization, hoursPerMonth, engineeringFte, loadedUsdPerYear, otherOpsUsdPerMonth, apiUsdPerMTok } = columns;
  const { usdPerMTok, marginalUsdPerMTok, fixedUsdPerMonth, breakEvenTokensPerMonth, never, selfHostWins } = r;
  for (let i = start; i < end; i++) {
    const hours = hoursPerMonth[i];
    const energyUsdPerW = hours * usdPerKWh[i] * 0.001;
    const idle = idleWatts[i];
    const perSetup = hardwareUsd[i] / lifeMonths[i] + idle * energyUsdPerW;
    const shared = engineeringFte[i] * loadedUsdPerYear[i] * (1 / 12) + otherOpsUsdPerMonth[i];
    const fixed = perSetup + shared;
    const u = utilization[i];
    const variableAtU = (loadWatts[i] - idle) * energyUsdPerW * u;
    const k = 1e6 / (tokensPerSecond[i] * 3600 * hours * u);
    const cost = (fixed + variableAtU) * k;
    const marginal = variableAtU * k;
    const api = apiUsdPerMTok[i];
    const margin = api - marginal;
    // Scale-out: a full setup earns margin × capacity; below its own fixed cost no number of setups breaks even.
    const spare = margin * tokensPerSecond[i] * 3600 * hours * 1e-6 - perSetup;
    let be = Infinity;
    if (margin > 0 && spare > 0) {
      const setups = shared > spare ? Math.ceil(shared / spare) : 1;
      be = ((setups * perSetup + shared) * 1e6) / margin;
    }
    usdPerMTok[i] = cost;
    marginalUsdPerMTok[i] = marginal;
    fixedUsdPerMonth[i] = fixed;
    breakEvenTokensPerMonth[i] = be;
    never[i] = be === Infinity ? 1 : 0;
    selfHostWins[i] = cost < api ? 1 : 0;
  }
}
