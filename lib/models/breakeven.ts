/**
 * Decisions: at what volume, utilization or API price self-hosting and an API cost the same,
 * how long hardware takes to pay back, and what a split between the two costs.
 *
 * When the API is cheaper per token than even the marginal (electricity or on-demand) cost of
 * self-hosting, there is no break-even: the result says "never" with the reason, instead of a
 * negative number, NaN or Infinity.
 */
import { costLine, selfHostCost, type SelfHostScenario } from "./self-host";
import { costSplit, scaleOutCost, type ScaleOutOptions } from "./scale-out";
import { finiteResult, fraction, nonNegative } from "./validate";
import { TOKENS_PER_MTOK } from "./units";

/** Why there is no break-even. */
export type NeverReason =
  /** The API's price per token is at or below the marginal cost of self-hosting. */
  | "api-at-or-below-marginal-cost"
  /** Each setup's own cost at full use is at or above the API price: no number of setups breaks even. */
  | "setup-cost-at-or-above-api"
  /** Break-even needs more tokens than one setup can generate at 100% utilization. */
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

/** Break-even monthly volume, with the setups it takes. */
export type BreakEvenVolume =
  | Never
  | {
      readonly kind: "volume";
      /** The smallest monthly volume at which self-hosting costs no more than the API. */
      readonly tokensPerMonth: number;
      /** Setups that volume needs (1 when one setup can produce it). */
      readonly setups: number;
      /** Utilization of those setups at the break-even: tokens / (setups × capacity). */
      readonly utilization: number;
      /** Tokens one setup produces in a month at 100% utilization. */
      readonly capacityTokensPerMonth: number;
      /**
       * From this volume on self-hosting always wins. Above the first break-even it can lose
       * again just after a new setup is added (the step adds a setup's fixed cost at once);
       * equal to tokensPerMonth when it never does.
       */
      readonly alwaysWinsAboveTokensPerMonth: number;
      /** The fixed costs each setup adds and those paid once, USD per month. */
      readonly perSetupFixedUsd: number;
      readonly sharedFixedUsd: number;
    };

/**
 * Break-even monthly volume against an API price, with as many setups as the volume needs
 * (lib/models/scale-out.ts: per-setup costs multiply, shared costs do not). With per-setup fixed
 * cost F, shared fixed cost S, marginal cost m and one setup's capacity C:
 *
 *   never  when api ≤ m, or when a full setup's own cost (F + m × C) / C ≥ api
 *   n*     = the fewest setups whose full capacity covers their break-even:
 *            n*(api − m)C ≥ n*F + S  →  n* = max(1, ceil(S / ((api − m)C − F)))
 *   tokens = (n* × F + S) / (api − m) × 1e6
 *
 * A single setup with no shared costs is the plain fixed / (api − m).
 *
 * @example 3×RTX 3090 at $3,500 over 36 months, 1.1 kW at $0.177/kWh, 124 tok/s, 720 h, vs $5/Mtok:
 *   fixed 97.22, marginal 0.436 → 97.22 / (5 − 0.436) × 1e6 ≈ 21.3 M tokens per month, 1 setup
 * @example the same rig vs $0.50/Mtok: a full rig costs $0.739/Mtok → never, however many rigs
 */
export function breakEvenVolume(scenario: SelfHostScenario, apiUsdPerMTok: number, options?: ScaleOutOptions): BreakEvenVolume {
  const api = nonNegative("apiUsdPerMTok", apiUsdPerMTok);
  const s = costSplit(scenario, options);
  const m = s.marginalUsdPerMTok;
  if (api <= m) {
    return {
      kind: "never",
      reason: "api-at-or-below-marginal-cost",
      explanation: `the API's $${fmt(api)}/Mtok is at or below the self-hosted marginal cost of $${fmt(m)}/Mtok, so every extra token widens the gap`,
    };
  }
  const C = s.capacityTokensPerMonth;
  const F = s.perSetupFixedUsd;
  const S = s.sharedFixedUsd;
  const fullSetupUsdPerMTok = m + (F / C) * TOKENS_PER_MTOK;
  /** Margin a full setup earns over its own running cost, USD per month. */
  const marginAtFullUsd = ((api - m) * C) / TOKENS_PER_MTOK;
  if (marginAtFullUsd <= F) {
    const sharedNote = S > 0 ? ` (before the $${fmt(S)}/month of shared costs)` : "";
    return {
      kind: "never",
      reason: "setup-cost-at-or-above-api",
      explanation: `${S > 0 ? "each setup's own cost" : "one setup's all-in cost"} at full use, $${fmt(fullSetupUsdPerMTok)}/Mtok${sharedNote}, is at or above the API's $${fmt(api)}/Mtok, so no volume and no number of setups breaks even (one setup makes at most ${fmtTokens(C)} tokens/month)`,
    };
  }
  const volumeFor = (n: number) => finiteResult(((n * F + S) / (api - m)) * TOKENS_PER_MTOK, "apiUsdPerMTok", api, "the break-even volume");
  let setups = Math.max(1, Math.ceil(S / (marginAtFullUsd - F) - 1e-9));
  // the closed form can be off by one in floating point; a step or two either way settles it
  for (let k = 0; k < 2 && setups > 1 && volumeFor(setups - 1) <= (setups - 1) * C; k++) setups--;
  for (let k = 0; k < 2 && volumeFor(setups) > setups * C * (1 + 1e-9); k++) setups++;
  const tokens = volumeFor(setups);
  // The tail from which consecutive setups' winning ranges join: (k + 1)F + S ≤ k × margin.
  const joined = Math.max(setups, Math.ceil((F + S) / (marginAtFullUsd - F) - 1e-9));
  return {
    kind: "volume",
    tokensPerMonth: tokens,
    setups,
    utilization: tokens / (setups * C),
    capacityTokensPerMonth: C,
    alwaysWinsAboveTokensPerMonth: volumeFor(joined),
    perSetupFixedUsd: F,
    sharedFixedUsd: S,
  };
}

/** Whether self-hosting a volume (with the setups it needs) costs no more than the API. */
export function selfHostWinsAt(scenario: SelfHostScenario, apiUsdPerMTok: number, tokensPerMonth: number, options?: ScaleOutOptions): boolean {
  const c = scaleOutCost(scenario, tokensPerMonth, options);
  return c.totalUsd <= (nonNegative("apiUsdPerMTok", apiUsdPerMTok) * tokensPerMonth) / TOKENS_PER_MTOK;
}

/** Break-even utilization of one setup. */
export type BreakEvenUtilization = Never | { readonly kind: "utilization"; readonly utilization: number; readonly tokensPerMonth: number };

/**
 * Utilization at which one setup matches the API: tokens* / capacity; "never" when the break-even
 * needs more than one setup, or when there is none.
 */
export function breakEvenUtilization(scenario: SelfHostScenario, apiUsdPerMTok: number): BreakEvenUtilization {
  const v = breakEvenVolume(scenario, apiUsdPerMTok);
  if (v.kind === "never") return v;
  if (v.setups > 1) {
    return {
      kind: "never",
      reason: "beyond-capacity",
      explanation: `break-even needs ${fmtTokens(v.tokensPerMonth)} tokens a month, ${fmt((v.tokensPerMonth / v.capacityTokensPerMonth) * 100)}% of one setup's capacity (${v.setups} setups)`,
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

/** The highest price owned hardware may cost for self-hosting to match an API at a volume. */
export type BreakEvenHardware =
  | Never
  | {
      readonly kind: "usd";
      /** The price of one setup's hardware, USD, at which self-hosting the volume costs what the API does; any less and self-hosting is cheaper. */
      readonly hardwareUsd: number;
      /** Setups the volume needs (each bought at that price). */
      readonly setups: number;
      /** The API bill for the volume, and the self-hosted cost without any hardware, USD per month. */
      readonly apiUsdPerMonth: number;
      readonly runningUsdPerMonth: number;
    };

/**
 * The hardware price at which self-hosting a monthly volume costs the same as the API, with as many
 * setups as the volume needs (the scale-out cost of {@link scaleOutCost}, which is linear in the
 * price of a setup):
 *
 *   running  = scaleOutCost with hardwareUsd = 0           (power, engineering, infrastructure)
 *   perUsd   = the monthly cost of one more dollar per setup (setups × overheadMultiplier / lifeMonths by default)
 *   price    = (apiUsdPerMonth − running) / perUsd
 *
 * "never" when the running costs alone are at or above the API bill: no price, not even free
 * hardware, makes self-hosting cheaper. For a device the data has no price for, this is the
 * answer's price ceiling.
 *
 * @example 3× RTX 3090 (36 months, 1.1 kW at $0.177/kWh, 124 tok/s, 720 h) serving 100 M tokens
 *   against $5/Mtok: API $500, running 0.436 × 100 = $43.60 → ($500 − 43.60) × 36 = $16,430
 */
export function breakEvenHardwareUsd(scenario: SelfHostScenario, tokensPerMonth: number, apiUsdPerMTok: number, options?: ScaleOutOptions): BreakEvenHardware {
  if (scenario.compute.kind !== "owned") throw new RangeError("breakEvenHardwareUsd: needs owned compute (a rented setup has no hardware price)");
  const api = nonNegative("apiUsdPerMTok", apiUsdPerMTok);
  const volume = nonNegative("tokensPerMonth", tokensPerMonth);
  const free: SelfHostScenario = { ...scenario, compute: { ...scenario.compute, hardwareUsd: 0 } };
  const running = scaleOutCost(free, volume, options);
  const apiUsdPerMonth = (volume / TOKENS_PER_MTOK) * api;
  if (running.totalUsd >= apiUsdPerMonth) {
    return {
      kind: "never",
      reason: "running-cost-at-or-above-api",
      explanation: `even free hardware loses: running ${running.setups} setup${running.setups > 1 ? "s" : ""} costs $${fmt(running.totalUsd)}/month (power, engineering, infrastructure), at or above the API bill of $${fmt(apiUsdPerMonth)}/month`,
    };
  }
  // the month's cost is linear in the price of a setup: its slope from a million dollars of hardware per setup
  const STEP_USD = 1e6;
  const perUsd = (scaleOutCost({ ...scenario, compute: { ...scenario.compute, hardwareUsd: STEP_USD } }, volume, options).totalUsd - running.totalUsd) / STEP_USD;
  const hardwareUsd = finiteResult((apiUsdPerMonth - running.totalUsd) / perUsd, "lifeMonths", scenario.compute.lifeMonths, "the break-even hardware price");
  return { kind: "usd", hardwareUsd, setups: running.setups, apiUsdPerMonth, runningUsdPerMonth: running.totalUsd };
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
      return `${fmtTokens(result.tokensPerMonth)} tokens/month${result.setups === 1 ? "" : ` with ${result.setups} setups (one makes at most ${fmtTokens(result.capacityTokensPerMonth)})`}`;
    case "utilization":
      return `${fmt(result.utilization * 100)}% utilization (${fmtTokens(result.tokensPerMonth)} tokens/month)`;
    case "months":
      return `${fmt(result.months)} months`;
  }
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

/** Formats a token count with a word scale: 21.3M, 1.52B; "not a finite number" rather than "InfinityT". */
export function fmtTokens(tokens: number): string {
  if (!Number.isFinite(tokens)) return "not a finite number";
  // rounded to three figures before the unit is chosen, so 999,600 is 1.00M, not 1.00e+3k
  const rounded = Number(tokens.toPrecision(3));
  const abs = Math.abs(rounded);
  if (abs >= 1e15) return `${Math.round(rounded / 1e12).toLocaleString("en-US")}T`;
  if (abs >= 1e12) return `${(rounded / 1e12).toPrecision(3)}T`;
  if (abs >= 1e9) return `${(rounded / 1e9).toPrecision(3)}B`;
  if (abs >= 1e6) return `${(rounded / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(rounded / 1e3).toPrecision(3)}k`;
  return tokens.toPrecision(3);
}
