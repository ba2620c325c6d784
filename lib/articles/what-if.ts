/**
 * "What would have to change?": for a scenario and a monthly volume, the value of each input at
 * which the other choice becomes the cheaper one, holding the others fixed.
 *
 * The volume is priced as the scenario explorer prices it (lib/articles/scenario.ts readerCase,
 * lib/articles/answer.ts scenarioAnswer): with as many setups as it needs (lib/models/scale-out.ts),
 * each bringing its own hardware, power and speed, engineering shared:
 *
 *   setups      = ceil(volume / one setup's capacity)
 *   self-hosted = selfHostCost(the setups' scenario, volume / (setups × capacity)).totalUsd
 *   cheaper     = self-hosting when self-hosted < volume / 1e6 × apiUsdPerMTok, else the API
 *
 * A volume beyond one setup's capacity is served by more setups, never counted as lost.
 */
import { selfHostCost } from "../models/index";
import { scenarioFromValues } from "./cases";

/** The inputs that are one setup's own and multiply with the setups (engineering and infrastructure are shared). */
const PER_SETUP = ["hardwareUsd", "loadWatts", "idleWatts", "tokensPerSecond", "gpus"] as const;

/** Options of the what-if analysis. */
export interface WhatIfOptions {
  /**
   * How many identical setups `values` describe: a reader case's inputs are for the `setups` its
   * volume needs (hardware, power and speed already multiplied). Default 1.
   */
  readonly setups?: number;
}

function scaled(values: Readonly<Record<string, number>>, by: (x: number) => number): Record<string, number> {
  const out: Record<string, number> = { ...values };
  for (const name of PER_SETUP) if (out[name] !== undefined) out[name] = by(out[name]);
  return out;
}

/** The self-hosted and API bills of a volume, USD per month, and the setups it takes (see the module comment). */
export interface MonthlyBills {
  readonly setups: number;
  readonly selfHostUsd: number;
  readonly apiUsd: number;
}

/**
 * The month of serving a volume, self-hosted with as many setups as it needs and through the API,
 * in the same steps as readerCase and scenarioAnswer, so that their verdicts agree to the bit.
 *
 * @example one setup of 100 tok/s over 730 h makes 262.8 M tokens a month: 500 M tokens take 2 setups
 */
export function monthlyBills(values: Readonly<Record<string, number>>, tokensPerMonth: number, options: WhatIfOptions = {}): MonthlyBills {
  const given = options.setups ?? 1;
  if (!Number.isInteger(given) || given < 1) throw new RangeError(`setups: must be a whole number ≥ 1 (got ${given})`);
  const one = given === 1 ? { ...values } : scaled(values, (x) => x / given);
  const capacityOne = one.tokensPerSecond * 3600 * one.hoursPerMonth;
  // as readerCase counts them (tolerant of rounding at an exact multiple of the capacity)
  const setups = Math.max(1, Math.ceil(tokensPerMonth / capacityOne - 1e-12));
  const all = setups === 1 ? one : scaled(one, (x) => x * setups);
  // within that tolerance the volume is a hair above the setups' capacity: they run flat out
  const utilization = Math.min(1, tokensPerMonth / (capacityOne * setups));
  return {
    setups,
    selfHostUsd: selfHostCost(scenarioFromValues(all), utilization).totalUsd,
    apiUsd: (tokensPerMonth / 1e6) * values.apiUsdPerMTok,
  };
}

/** Monthly self-hosted cost minus API cost at a volume, with as many setups as it needs (positive: the API is cheaper). */
export function monthlyGapUsd(values: Readonly<Record<string, number>>, tokensPerMonth: number, options: WhatIfOptions = {}): number {
  const b = monthlyBills(values, tokensPerMonth, options);
  return b.selfHostUsd - b.apiUsd;
}

/** Whether self-hosting is the cheaper choice, as scenarioAnswer decides it (strictly cheaper; a tie goes to the API). */
function selfHostingCheaper(values: Readonly<Record<string, number>>, tokensPerMonth: number, options: WhatIfOptions): boolean {
  const b = monthlyBills(values, tokensPerMonth, options);
  return b.selfHostUsd < b.apiUsd;
}

/** One input's flip value. */
export interface FlipRow {
  readonly input: string;
  readonly current: number;
  /**
   * The value nearest to the current one, within [current/100, current×100], at which the other
   * choice is cheaper: the verdict has changed at it and not yet at the value just short of it.
   * Where the cost is continuous the two cost the same there; where a setup is added or dropped
   * the cost steps. Null when the search finds none.
   */
  readonly flipsAt: number | null;
  /** flipsAt / current. */
  readonly factor: number | null;
}

/** Grid points per direction between the current value and a hundredth (or a hundred times) of it. */
const STEPS = 64;

/**
 * For each input (or the given ones), the value at which the cheaper choice changes at the given
 * volume (see {@link FlipRow.flipsAt}), searched on a grid from its current value down to a hundredth
 * and up to a hundred times it, then narrowed by bisection to neighbouring floating-point values.
 * Setups are added or dropped as the volume needs. A value the cost model cannot price (it throws)
 * counts as no change. Utilization follows from the volume, so it never flips the answer; hours
 * per month are searched up to 744.
 */
export function whatWouldFlip(
  values: Readonly<Record<string, number>>,
  tokensPerMonth: number,
  inputs: readonly string[] = Object.keys(values),
  options: WhatIfOptions = {},
): FlipRow[] {
  const today = selfHostingCheaper(values, tokensPerMonth, options);
  return inputs
    .filter((name) => values[name] !== undefined && values[name] > 0)
    .map((name) => {
      const current = values[name];
      const flipped = (x: number): boolean => {
        try {
          return selfHostingCheaper({ ...values, [name]: x }, tokensPerMonth, options) !== today;
        } catch {
          return false;
        }
      };
      // utilization cannot pass 1, nor a month 744 hours (as the scenario checks)
      const hi = name === "utilization" ? Math.max(current, 1) : name === "hoursPerMonth" ? Math.max(current, 744) : current * 100;
      const found = [nearestFlip(flipped, current, current / 100), nearestFlip(flipped, current, hi)].filter((x): x is number => x !== null);
      const at = found.sort((a, b) => Math.abs(Math.log(a / current)) - Math.abs(Math.log(b / current)))[0] ?? null;
      return { input: name, current, flipsAt: at, factor: at === null ? null : at / current };
    });
}

/**
 * The first x from `from` towards `to` with flipped(x), on a geometric grid of {@link STEPS}, then
 * bisected until the last unflipped value and the first flipped one are neighbouring floats; the
 * flipped one is returned. Null when no grid point is flipped.
 */
function nearestFlip(flipped: (x: number) => boolean, from: number, to: number): number | null {
  if (!(to !== from && to > 0)) return null;
  let a = from;
  for (let k = 1; k <= STEPS; k++) {
    let b = k === STEPS ? to : from * Math.pow(to / from, k / STEPS);
    if (flipped(b)) {
      // invariant: a is not flipped, b is
      for (;;) {
        const m = a + (b - a) / 2;
        if (m === a || m === b) return b;
        if (flipped(m)) b = m;
        else a = m;
      }
    }
    a = b;
  }
  return null;
}
