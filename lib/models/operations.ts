/**
 * Operations: the people and supporting systems around the compute.
 */
import { nonNegative, optional, positive } from "./validate";
import { MONTHS_PER_YEAR } from "./units";

/** Operations inputs; every term defaults to 0 (a hobbyist's rig). */
export interface OperationsInputs {
  /** Engineering effort in full-time equivalents (0.75 = three quarters of one person). */
  readonly engineeringFte?: number;
  /** Fully loaded annual cost of one FTE, USD per year (salary, benefits, overhead). */
  readonly loadedUsdPerYear?: number;
  /** Supporting infrastructure (load balancer, storage, monitoring…), USD per month. */
  readonly infraUsdPerMonth?: number;
  /** Engineering cost of one model refresh (re-evaluate, re-quantize, redeploy), USD. */
  readonly refreshUsd?: number;
  /** Model refreshes per year. */
  readonly refreshesPerYear?: number;
}

/** Monthly operations cost with its parts. */
export interface OperationsCost {
  /** engineeringFte × loadedUsdPerYear / 12. */
  readonly engineeringUsd: number;
  /** infraUsdPerMonth as given. */
  readonly infraUsd: number;
  /** refreshUsd × refreshesPerYear / 12. */
  readonly refreshUsd: number;
  /** Sum of the parts, USD per month. */
  readonly usdPerMonth: number;
}

/**
 * Engineering cost per month: fte × loadedUsdPerYear / 12.
 * @example engineeringUsdPerMonth({ fte: 0.75, loadedUsdPerYear: 150_000 }) // 9375
 */
export function engineeringUsdPerMonth(inputs: { readonly fte: number; readonly loadedUsdPerYear: number }): number {
  return (nonNegative("fte", inputs.fte) * nonNegative("loadedUsdPerYear", inputs.loadedUsdPerYear)) / MONTHS_PER_YEAR;
}

/**
 * Monthly operations:
 *
 *   engineering = engineeringFte × loadedUsdPerYear / 12
 *   refresh     = refreshUsd × refreshesPerYear / 12
 *   total       = engineering + infraUsdPerMonth + refresh
 */
export function operationsCost(inputs: OperationsInputs = {}): OperationsCost {
  const fte = optional(nonNegative, "engineeringFte", inputs.engineeringFte, 0);
  const loaded = optional(nonNegative, "loadedUsdPerYear", inputs.loadedUsdPerYear, 0);
  if (fte > 0 && inputs.loadedUsdPerYear === undefined) {
    throw new RangeError(`engineeringFte = ${fte}: needs loadedUsdPerYear (the cost of one FTE)`);
  }
  const infraUsd = optional(nonNegative, "infraUsdPerMonth", inputs.infraUsdPerMonth, 0);
  const perRefresh = optional(nonNegative, "refreshUsd", inputs.refreshUsd, 0);
  const perYear = optional(nonNegative, "refreshesPerYear", inputs.refreshesPerYear, 0);
  const engineeringUsd = engineeringUsdPerMonth({ fte, loadedUsdPerYear: loaded });
  const refreshUsd = (perRefresh * perYear) / MONTHS_PER_YEAR;
  return { engineeringUsd, infraUsd, refreshUsd, usdPerMonth: engineeringUsd + infraUsd + refreshUsd };
}

/**
 * Applies an overhead multiplier to a compute cost (one article prices operations as 3–5× the
 * raw GPU cost): total = computeUsd × multiplier, overhead = computeUsd × (multiplier − 1).
 * @example withOverheadMultiplier(1000, 4) // { totalUsd: 4000, overheadUsd: 3000 }
 */
export function withOverheadMultiplier(computeUsd: number, multiplier: number): { totalUsd: number; overheadUsd: number } {
  nonNegative("computeUsd", computeUsd);
  positive("overheadMultiplier", multiplier);
  if (multiplier < 1) throw new RangeError(`overheadMultiplier = ${multiplier}: must be ≥ 1`);
  return { totalUsd: computeUsd * multiplier, overheadUsd: computeUsd * (multiplier - 1) };
}
