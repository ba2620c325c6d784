/**
 * Scale-out: serving a volume that one setup cannot produce by buying (or renting) more setups.
 *
 * Each setup brings its own compute costs (hardware amortization, power, rental, and by default
 * the overhead multiplier on them); some costs are paid once however many setups run
 * (engineering, supporting infrastructure, model refreshes, by default). The monthly cost of a
 * volume V is then a step function:
 *
 *   setups(V) = ceil(V / capacity)          (at least 1)
 *   total(V)  = setups × perSetupFixedUsd + sharedFixedUsd + marginalUsdPerMTok × V / 1e6
 *
 * Which costs are shared is the caller's to say (`sharedCosts`); the default is
 * {@link DEFAULT_SHARED_COSTS}.
 */
import { costLine, selfHostCost, type SelfHostScenario } from "./self-host";
import { nonNegative } from "./validate";
import { TOKENS_PER_MTOK } from "./units";

/** A cost term that may be paid once for all setups instead of once per setup. */
export type ShareableCost = "overhead" | "engineering" | "infra" | "refresh";

/** Costs paid once however many setups run, unless the caller says otherwise. Compute is always per setup. */
export const DEFAULT_SHARED_COSTS: readonly ShareableCost[] = ["engineering", "infra", "refresh"];

/** Options of the scale-out model. */
export interface ScaleOutOptions {
  /** Which fixed costs are paid once for all setups. Default {@link DEFAULT_SHARED_COSTS}. */
  readonly sharedCosts?: readonly ShareableCost[];
}

/** A scenario's monthly costs split into what each setup pays and what all setups share. */
export interface CostSplit {
  /** Fixed cost each setup adds, USD per month (amortization, idle power, always-on rental, and per-setup overhead and operations). */
  readonly perSetupFixedUsd: number;
  /** Fixed cost paid once for all setups, USD per month. */
  readonly sharedFixedUsd: number;
  /** Cost of one more million tokens (the same on every setup). */
  readonly marginalUsdPerMTok: number;
  /** Tokens one setup produces in a month at 100% utilization. */
  readonly capacityTokensPerMonth: number;
  /** The terms counted as shared. */
  readonly sharedCosts: readonly ShareableCost[];
}

const SHAREABLE: readonly ShareableCost[] = ["overhead", "engineering", "infra", "refresh"];

function sharedList(options: ScaleOutOptions | undefined): readonly ShareableCost[] {
  const list = options?.sharedCosts ?? DEFAULT_SHARED_COSTS;
  for (const c of list) {
    if (!SHAREABLE.includes(c)) throw new RangeError(`sharedCosts: ${JSON.stringify(c)} is not a cost that can be shared; choose from ${SHAREABLE.join(", ")} (compute is always per setup)`);
  }
  return list;
}

/**
 * Splits a scenario's fixed cost (from {@link costLine}) into per-setup and shared parts. The
 * overhead multiplier's fixed part is (multiplier − 1) × the fixed compute cost.
 *
 * @example 2× A100 always-on at $2.50/GPU-h, 720 h, 0.75 FTE at $150,000 + $250 infra:
 *   perSetupFixedUsd 3,600, sharedFixedUsd 9,375 + 250 = 9,625
 */
export function costSplit(scenario: SelfHostScenario, options?: ScaleOutOptions): CostSplit {
  const shared = sharedList(options);
  const line = costLine(scenario);
  const m = selfHostCost(scenario, 0);
  const overheadFixed = m.overheadUsd;
  const parts: Record<ShareableCost, number> = { overhead: overheadFixed, engineering: m.engineeringUsd, infra: m.infraUsd, refresh: m.refreshUsd };
  const sharedFixedUsd = shared.reduce((s, c) => s + parts[c], 0);
  return {
    perSetupFixedUsd: line.fixedUsd - sharedFixedUsd,
    sharedFixedUsd,
    marginalUsdPerMTok: line.marginalUsdPerMTok,
    capacityTokensPerMonth: line.capacityTokensPerMonth,
    sharedCosts: shared,
  };
}

/** The month of serving a volume with as many setups as it needs. */
export interface ScaleOutCost {
  readonly tokensPerMonth: number;
  /** Setups needed: ceil(volume / one setup's capacity), at least 1. */
  readonly setups: number;
  /** Utilization of the setups: volume / (setups × capacity). */
  readonly utilization: number;
  readonly perSetupFixedUsd: number;
  readonly sharedFixedUsd: number;
  readonly variableUsd: number;
  readonly totalUsd: number;
  /** All-in cost per million tokens; null at zero volume. */
  readonly usdPerMTok: number | null;
}

/** Setups a volume needs: ceil(volume / capacity), at least 1 (tolerant of rounding at exact multiples). */
export function setupsFor(tokensPerMonth: number, capacityTokensPerMonth: number): number {
  const v = nonNegative("tokensPerMonth", tokensPerMonth);
  const n = Math.ceil(v / capacityTokensPerMonth - 1e-9);
  return Math.max(1, n);
}

/**
 * The cost of a monthly volume with as many setups as it needs (see the module comment).
 *
 * @example 3× RTX 3090 rig (321.4 M tokens a month each) serving 500 M tokens: 2 setups,
 *   2 × $97.22 + $0.436 × 500 = $412.5 a month, $0.825 per million
 */
export function scaleOutCost(scenario: SelfHostScenario, tokensPerMonth: number, options?: ScaleOutOptions): ScaleOutCost {
  const s = costSplit(scenario, options);
  const setups = setupsFor(tokensPerMonth, s.capacityTokensPerMonth);
  const variableUsd = (s.marginalUsdPerMTok * tokensPerMonth) / TOKENS_PER_MTOK;
  const totalUsd = setups * s.perSetupFixedUsd + s.sharedFixedUsd + variableUsd;
  return {
    tokensPerMonth,
    setups,
    utilization: tokensPerMonth / (setups * s.capacityTokensPerMonth),
    perSetupFixedUsd: s.perSetupFixedUsd,
    sharedFixedUsd: s.sharedFixedUsd,
    variableUsd,
    totalUsd,
    usdPerMTok: tokensPerMonth > 0 ? (totalUsd / tokensPerMonth) * TOKENS_PER_MTOK : null,
  };
}

/**
 * The API price at or below which no volume and no number of setups breaks even: what a full
 * setup costs per million tokens, before the shared costs (which more setups dilute).
 *
 *   floor = marginalUsdPerMTok + perSetupFixedUsd / capacity × 1e6
 *
 * @example the 3× RTX 3090 rig: $0.436 + $97.22 / 321.4 M × 1e6 = $0.739 per million
 */
export function noBreakEvenBelowUsdPerMTok(scenario: SelfHostScenario, options?: ScaleOutOptions): number {
  const s = costSplit(scenario, options);
  return s.marginalUsdPerMTok + (s.perSetupFixedUsd / s.capacityTokensPerMonth) * TOKENS_PER_MTOK;
}
