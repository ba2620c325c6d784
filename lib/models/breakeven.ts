/**
 * Decisions: at what volume, utilization or API price self-hosting and an API cost the same,
 * how long hardware takes to pay back, and what a split between the two costs.
 *
 * When the API is cheaper per token than even the marginal (electricity or on-demand) cost of
 * self-hosting, there is no break-even: the result says "never" with the reason, instead of a
 * negative number, NaN or Infinity.
 */
import { costLine, selfHostCost, type SelfHostScenario } from "./self-host";
import { fraction, nonNegative } from "./validate";
import { TOKENS_PER_MTOK } from "./units";

/** Why there is no break-even. */
export type NeverReason =
  /** The API's price per token is at or below the marginal cost of self-hosting. */
  | "api-at-or-below-marginal-cost"
  /** Break-even needs more tokens than the setup can generate at 100% utilization. */
  | "beyond-capacity"
  /** Running costs alone (excluding the hardware) are at or above the API bill. */
  | "running-cost-at-or-above-api";

/** No break-even exists, with the reason and the figures that show it. */
export interface Never {
  readonly kind: "never";
  readonly reason: NeverReason;
  /** A sentence stating why. */
  readonly explanation: string;
}

/** Break-even monthly volume. */
export type BreakEvenVolume =
  | Never
  | {
      readonly kind: "volume";
      /** Monthly tokens at which self-hosting and API cost the same. */
      readonly tokensPerMonth: number;
      /** Utilization that volume implies (can exceed 1 when beyond capacity). */
      readonly utilization: number;
      /** Whether one setup can produce that volume. */
      readonly withinCapacity: boolean;
    };

/**
 * Break-even monthly volume against an API price:
 *
 *   tokens* = fixedUsd / (apiUsdPerMTok − marginalUsdPerMTok) × 1e6
 *
 * "never" when apiUsdPerMTok ≤ marginalUsdPerMTok. A volume beyond one setup's capacity is
 * still reported (with withinCapacity = false), since several setups could produce it.
 *
 * @example 3×RTX 3090 at $3,500 over 36 months, 1.1 kW at $0.177/kWh, 124 tok/s, 720 h, vs $5/Mtok:
 *   fixed 97.22, marginal 0.436 → 97.22 / (5 − 0.436) × 1e6 ≈ 21.3 M tokens per month
 */
export function breakEvenVolume(scenario: SelfHostScenario, apiUsdPerMTok: number): BreakEvenVolume {
  const api = nonNegative("apiUsdPerMTok", apiUsdPerMTok);
  const line = costLine(scenario);
  if (api <= line.marginalUsdPerMTok) {
    return {
      kind: "never",
      reason: "api-at-or-below-marginal-cost",
      explanation: `the API's $${fmt(api)}/Mtok is at or below the self-hosted marginal cost of $${fmt(line.marginalUsdPerMTok)}/Mtok, so every extra token widens the gap`,
    };
  }
  const tokens = (line.fixedUsd / (api - line.marginalUsdPerMTok)) * TOKENS_PER_MTOK;
  const utilization = tokens / line.capacityTokensPerMonth;
  return { kind: "volume", tokensPerMonth: tokens, utilization, withinCapacity: utilization <= 1 };
}

/** Break-even utilization of one setup. */
export type BreakEvenUtilization = Never | { readonly kind: "utilization"; readonly utilization: number; readonly tokensPerMonth: number };

/**
 * Utilization at which one setup matches the API: tokens* / capacity; "never" when that
 * exceeds 100% or when the API is below the marginal cost.
 */
export function breakEvenUtilization(scenario: SelfHostScenario, apiUsdPerMTok: number): BreakEvenUtilization {
  const v = breakEvenVolume(scenario, apiUsdPerMTok);
  if (v.kind === "never") return v;
  if (!v.withinCapacity) {
    return {
      kind: "never",
      reason: "beyond-capacity",
      explanation: `break-even needs ${fmtTokens(v.tokensPerMonth)} tokens a month, ${fmt(v.utilization * 100)}% of this setup's capacity`,
    };
  }
  return { kind: "utilization", utilization: v.utilization, tokensPerMonth: v.tokensPerMonth };
}

/**
 * The API price (USD per million tokens) at which self-hosting a volume costs the same:
 * the self-hosted all-in cost per million tokens at that volume. Throws past capacity.
 */
export function breakEvenApiUsdPerMTok(scenario: SelfHostScenario, tokensPerMonth: number): number {
  const volume = nonNegative("tokensPerMonth", tokensPerMonth);
  if (volume === 0) throw new RangeError("tokensPerMonth = 0: a price per token needs tokens");
  const line = costLine(scenario);
  if (volume > line.capacityTokensPerMonth) {
    throw new RangeError(`tokensPerMonth = ${volume}: beyond capacity of ${line.capacityTokensPerMonth}`);
  }
  return ((line.fixedUsd + line.variableUsdAtFull * (volume / line.capacityTokensPerMonth)) / volume) * TOKENS_PER_MTOK;
}

/** Months for owned hardware to pay for itself out of the API bill it replaces. */
export type Payback = Never | { readonly kind: "months"; readonly months: number; readonly savingsUsdPerMonth: number };

/**
 * Payback of owned hardware at a monthly volume:
 *
 *   savings = apiUsdPerMonth − (self-hosted monthly cost − amortization)
 *   months  = hardwareUsd / savings
 *
 * "never" when running costs alone match or exceed the API bill.
 */
export function paybackMonths(scenario: SelfHostScenario, tokensPerMonth: number, apiUsdPerMTok: number): Payback {
  if (scenario.compute.kind !== "owned") throw new RangeError("paybackMonths: needs owned compute (there is nothing to pay back on rented GPUs)");
  const api = nonNegative("apiUsdPerMTok", apiUsdPerMTok);
  const volume = nonNegative("tokensPerMonth", tokensPerMonth);
  const line = costLine(scenario);
  if (volume > line.capacityTokensPerMonth) throw new RangeError(`tokensPerMonth = ${volume}: beyond capacity of ${line.capacityTokensPerMonth}`);
  const month = selfHostCost(scenario, volume / line.capacityTokensPerMonth);
  const apiUsd = (volume / TOKENS_PER_MTOK) * api;
  const running = month.totalUsd - month.amortizationUsd * (scenario.overheadMultiplier ?? 1);
  const savings = apiUsd - running;
  if (savings <= 0) {
    return {
      kind: "never",
      reason: "running-cost-at-or-above-api",
      explanation: `running costs of $${fmt(running)}/month are at or above the API bill of $${fmt(apiUsd)}/month`,
    };
  }
  return { kind: "months", months: scenario.compute.hardwareUsd / savings, savingsUsdPerMonth: savings };
}

/** A month split between a self-hosted setup and an API. */
export interface HybridCost {
  /** Tokens served locally (capped at capacity). */
  readonly localTokens: number;
  /** Tokens sent to the API, including any overflow beyond local capacity. */
  readonly apiTokens: number;
  /** Tokens that wanted to run locally but exceeded capacity. */
  readonly overflowTokens: number;
  readonly localUsd: number;
  readonly apiUsd: number;
  readonly totalUsd: number;
  /** totalUsd / all tokens × 1e6. */
  readonly usdPerMTok: number;
}

/**
 * Hybrid: localShare of the volume runs locally (up to capacity, the rest overflows to the API):
 *
 *   local = min(localShare × volume, capacity); api = volume − local
 *   total = selfHostCost(local / capacity).totalUsd + api / 1e6 × apiUsdPerMTok
 *
 * The local setup's fixed cost is paid whenever localShare > 0.
 */
export function hybridCost(
  scenario: SelfHostScenario,
  inputs: { readonly tokensPerMonth: number; readonly localShare: number; readonly apiUsdPerMTok: number },
): HybridCost {
  const volume = nonNegative("tokensPerMonth", inputs.tokensPerMonth);
  const share = fraction("localShare", inputs.localShare);
  const api = nonNegative("apiUsdPerMTok", inputs.apiUsdPerMTok);
  const line = costLine(scenario);
  const wanted = volume * share;
  const local = Math.min(wanted, line.capacityTokensPerMonth);
  const apiTokens = volume - local;
  const localUsd = share > 0 ? selfHostCost(scenario, local / line.capacityTokensPerMonth).totalUsd : 0;
  const apiUsd = (apiTokens / TOKENS_PER_MTOK) * api;
  const totalUsd = localUsd + apiUsd;
  return {
    localTokens: local,
    apiTokens,
    overflowTokens: wanted - local,
    localUsd,
    apiUsd,
    totalUsd,
    usdPerMTok: volume > 0 ? (totalUsd / volume) * TOKENS_PER_MTOK : 0,
  };
}

/** A one-line description of a break-even result, for tables and prose. */
export function describeBreakEven(result: BreakEvenVolume | BreakEvenUtilization | Payback): string {
  switch (result.kind) {
    case "never":
      return `never: ${result.explanation}`;
    case "volume":
      return `${fmtTokens(result.tokensPerMonth)} tokens/month${result.withinCapacity ? "" : ` (${fmt(result.utilization * 100)}% of one setup's capacity)`}`;
    case "utilization":
      return `${fmt(result.utilization * 100)}% utilization (${fmtTokens(result.tokensPerMonth)} tokens/month)`;
    case "months":
      return `${fmt(result.months)} months`;
  }
}

/** A short form for table cells: "21.3M", "3.01B (past capacity)", "never". */
export function briefBreakEven(result: BreakEvenVolume): string {
  if (result.kind === "never") return "never";
  return `${fmtTokens(result.tokensPerMonth)}${result.withinCapacity ? "" : " (past capacity)"}`;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

/** Formats a token count with a word scale: 21.3M, 1.52B. */
export function fmtTokens(tokens: number): string {
  const abs = Math.abs(tokens);
  if (abs >= 1e12) return `${(tokens / 1e12).toPrecision(3)}T`;
  if (abs >= 1e9) return `${(tokens / 1e9).toPrecision(3)}B`;
  if (abs >= 1e6) return `${(tokens / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(tokens / 1e3).toPrecision(3)}k`;
  return tokens.toPrecision(3);
}
