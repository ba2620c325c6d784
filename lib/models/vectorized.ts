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
  /** 1 where the API is at or below the marginal cost (no break-even), else 0. */
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

/**
 * Evaluates every scenario:
 *
 *   fixed    = hardwareUsd / lifeMonths + idleWatts/1000 × hours × usdPerKWh + fte × loaded / 12 + otherOps
 *   variable = (loadWatts − idleWatts)/1000 × hours × usdPerKWh          (at 100% utilization)
 *   capacity = tokensPerSecond × 3600 × hours
 *   usdPerMTok = (fixed + variable × u) / (capacity × u) × 1e6
 *   marginal   = variable / capacity × 1e6
 *   breakEven  = fixed / (api − marginal) × 1e6, or +Infinity when api ≤ marginal
 *
 * Inputs are not validated per element (that would halve the speed); validate the sampler's
 * distributions instead. Writes into `out` when given, so repeated runs allocate nothing.
 */
export function evaluateScenarios(columns: ScenarioColumns, out?: ScenarioResults): ScenarioResults {
  const n = checkColumns(columns);
  const r = out ?? allocateResults(n);
  const { hardwareUsd, lifeMonths, loadWatts, idleWatts, usdPerKWh, tokensPerSecond, utilization, hoursPerMonth, engineeringFte, loadedUsdPerYear, otherOpsUsdPerMonth, apiUsdPerMTok } = columns;
  const { usdPerMTok, marginalUsdPerMTok, fixedUsdPerMonth, breakEvenTokensPerMonth, never, selfHostWins } = r;
  for (let i = 0; i < n; i++) {
    const hours = hoursPerMonth[i];
    const energyUsdPerW = (hours * usdPerKWh[i]) / 1000;
    const idle = idleWatts[i];
    const fixed = hardwareUsd[i] / lifeMonths[i] + idle * energyUsdPerW + (engineeringFte[i] * loadedUsdPerYear[i]) / 12 + otherOpsUsdPerMonth[i];
    const variable = (loadWatts[i] - idle) * energyUsdPerW;
    const capacity = tokensPerSecond[i] * 3600 * hours;
    const u = utilization[i];
    const cost = ((fixed + variable * u) / (capacity * u)) * 1e6;
    const marginal = (variable / capacity) * 1e6;
    const api = apiUsdPerMTok[i];
    usdPerMTok[i] = cost;
    marginalUsdPerMTok[i] = marginal;
    fixedUsdPerMonth[i] = fixed;
    if (api > marginal) {
      breakEvenTokensPerMonth[i] = (fixed / (api - marginal)) * 1e6;
      never[i] = 0;
    } else {
      breakEvenTokensPerMonth[i] = Infinity;
      never[i] = 1;
    }
    selfHostWins[i] = cost < api ? 1 : 0;
  }
  return r;
}
