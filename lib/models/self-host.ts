/**
 * The self-hosted cost of a month: compute (owned or rented), operations, and the tokens it
 * buys, split into a fixed part and a part that grows with utilization, so that cost per token
 * and break-even follow from one place.
 */
import { amortizationUsdPerMonth, electricityCost } from "./owned";
import { rentalUsdPerMonth, type RentalBilling } from "./rental";
import { operationsCost, type OperationsInputs } from "./operations";
import { tokensPerMonth } from "./volume";
import { finiteResult, fraction, nonNegative, optional, positive } from "./validate";
import { TOKENS_PER_MTOK } from "./units";

/** Hardware you buy and power. */
export interface OwnedCompute {
  readonly kind: "owned";
  /** Purchase price all-in, USD. */
  readonly hardwareUsd: number;
  /** Amortization life, months. */
  readonly lifeMonths: number;
  /** Resale value at end of life, USD. Default 0. */
  readonly resaleUsd?: number;
  /** Wall power while generating, W. */
  readonly loadWatts: number;
  /** Wall power while on and idle, W. Default 0 (switched off when idle). */
  readonly idleWatts?: number;
  /** Energy price, USD per kWh. */
  readonly usdPerKWh: number;
}

/** GPUs you rent by the hour. */
export interface RentedCompute {
  readonly kind: "rented";
  /** USD per GPU-hour. */
  readonly usdPerGpuHour: number;
  /** GPUs rented. */
  readonly gpus: number;
  /** Paid every hour (always-on) or only hours in use (on-demand). */
  readonly billing: RentalBilling;
}

/** A self-hosting setup, independent of how hard it is used. */
export interface SelfHostScenario {
  readonly compute: OwnedCompute | RentedCompute;
  /** Sustained generation speed while busy, tokens per second (aggregate over all streams). */
  readonly tokensPerSecond: number;
  /** Hours in the month (720, 730, …): always explicit. */
  readonly hoursPerMonth: number;
  /** Engineering, supporting infrastructure and model refreshes. Default: none. */
  readonly operations?: OperationsInputs;
  /** Multiplier on compute cost for operations (3–5× in one article). Default 1 (none). */
  readonly overheadMultiplier?: number;
}

/** A month of self-hosting at one utilization, with every term. All money in USD per month. */
export interface SelfHostCost {
  readonly utilization: number;
  /** Tokens generated this month. */
  readonly tokensPerMonth: number;
  /** Tokens the setup could generate at 100% utilization. */
  readonly capacityTokensPerMonth: number;
  readonly amortizationUsd: number;
  readonly electricityUsd: number;
  readonly rentalUsd: number;
  /** Compute × (overheadMultiplier − 1). */
  readonly overheadUsd: number;
  readonly engineeringUsd: number;
  readonly infraUsd: number;
  readonly refreshUsd: number;
  /** The part that is paid whatever the utilization. */
  readonly fixedUsd: number;
  /** The part that grows in proportion to utilization. */
  readonly variableUsd: number;
  readonly totalUsd: number;
  /** All-in cost per million tokens; null when no tokens are generated. */
  readonly usdPerMTok: number | null;
  /** Cost of one more million tokens (the variable part only). */
  readonly marginalUsdPerMTok: number;
}

/** The linear shape of a scenario's cost: total(u) = fixedUsd + variableUsdAtFull × u. */
export interface CostLine {
  readonly fixedUsd: number;
  readonly variableUsdAtFull: number;
  readonly capacityTokensPerMonth: number;
  /** variableUsdAtFull / capacity × 1e6. */
  readonly marginalUsdPerMTok: number;
}

interface ComputeParts {
  amortizationUsd: number;
  electricityFixedUsd: number;
  electricityVariableUsdAtFull: number;
  rentalFixedUsd: number;
  rentalVariableUsdAtFull: number;
}

function computeParts(scenario: SelfHostScenario): ComputeParts {
  const hours = positive("hoursPerMonth", scenario.hoursPerMonth);
  const c = scenario.compute;
  if (c.kind === "owned") {
    const idle = optional(nonNegative, "idleWatts", c.idleWatts, 0);
    if (idle > nonNegative("loadWatts", c.loadWatts)) {
      throw new RangeError(`idleWatts = ${idle}: must not exceed loadWatts = ${c.loadWatts}`);
    }
    const atIdle = electricityCost({ loadWatts: c.loadWatts, idleWatts: idle, utilization: 0, hoursPerMonth: hours, usdPerKWh: c.usdPerKWh });
    const atFull = electricityCost({ loadWatts: c.loadWatts, idleWatts: idle, utilization: 1, hoursPerMonth: hours, usdPerKWh: c.usdPerKWh });
    finiteResult(atFull.usdPerMonth, "loadWatts", c.loadWatts, "the monthly electricity cost (loadWatts × hours × usdPerKWh)");
    return {
      amortizationUsd: finiteResult(amortizationUsdPerMonth(c), c.hardwareUsd >= 1e300 ? "hardwareUsd" : "lifeMonths", c.hardwareUsd >= 1e300 ? c.hardwareUsd : c.lifeMonths, "the monthly amortization (hardwareUsd / lifeMonths)"),
      electricityFixedUsd: atIdle.usdPerMonth,
      electricityVariableUsdAtFull: atFull.usdPerMonth - atIdle.usdPerMonth,
      rentalFixedUsd: 0,
      rentalVariableUsdAtFull: 0,
    };
  }
  if (c.kind === "rented") {
    const full = finiteResult(rentalUsdPerMonth({ ...c, hoursPerMonth: hours, utilization: 1 }), "usdPerGpuHour", c.usdPerGpuHour, "the monthly rental (usdPerGpuHour × gpus × hours)");
    const always = c.billing === "always-on";
    return {
      amortizationUsd: 0,
      electricityFixedUsd: 0,
      electricityVariableUsdAtFull: 0,
      rentalFixedUsd: always ? full : 0,
      rentalVariableUsdAtFull: always ? 0 : full,
    };
  }
  throw new RangeError(`compute.kind = ${JSON.stringify((c as { kind: unknown }).kind)}: must be "owned" or "rented"`);
}

function multiplier(scenario: SelfHostScenario): number {
  const m = optional(positive, "overheadMultiplier", scenario.overheadMultiplier, 1);
  if (m < 1) throw new RangeError(`overheadMultiplier = ${m}: must be ≥ 1`);
  return m;
}

/**
 * The cost line of a scenario:
 *
 *   fixedUsd          = (amortization + idle electricity + always-on rental) × overheadMultiplier + operations
 *   variableUsdAtFull = ((load − idle) electricity + on-demand rental) × overheadMultiplier, at 100% utilization
 *   capacity          = tokensPerSecond × 3600 × hoursPerMonth
 */
export function costLine(scenario: SelfHostScenario): CostLine {
  const p = computeParts(scenario);
  const m = multiplier(scenario);
  const ops = operationsCost(scenario.operations);
  const capacity = tokensPerMonth({ tokensPerSecond: positive("tokensPerSecond", scenario.tokensPerSecond), utilization: 1, hoursPerMonth: scenario.hoursPerMonth });
  finiteResult(capacity, "tokensPerSecond", scenario.tokensPerSecond, "the monthly capacity (tokensPerSecond × 3600 × hoursPerMonth)");
  finiteResult(ops.usdPerMonth, "operations", scenario.operations, "the monthly operations cost");
  const fixedUsd = finiteResult((p.amortizationUsd + p.electricityFixedUsd + p.rentalFixedUsd) * m + ops.usdPerMonth, "overheadMultiplier", m, "the fixed monthly cost");
  const variableUsdAtFull = finiteResult((p.electricityVariableUsdAtFull + p.rentalVariableUsdAtFull) * m, "overheadMultiplier", m, "the variable monthly cost");
  return { fixedUsd, variableUsdAtFull, capacityTokensPerMonth: capacity, marginalUsdPerMTok: (variableUsdAtFull / capacity) * TOKENS_PER_MTOK };
}

/**
 * A month of self-hosting at a utilization (fraction of hours generating, 0–1):
 *
 *   total(u)   = fixedUsd + variableUsdAtFull × u
 *   tokens(u)  = tokensPerSecond × 3600 × hoursPerMonth × u
 *   usdPerMTok = total(u) / tokens(u) × 1e6
 *
 * @example selfHostCost({ compute: { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 },
 *   tokensPerSecond: 124, hoursPerMonth: 720 }, 1).usdPerMTok // (97.22 + 140.18) / 321.4 = 0.739
 */
export function selfHostCost(scenario: SelfHostScenario, utilization: number): SelfHostCost {
  const u = fraction("utilization", utilization);
  const p = computeParts(scenario);
  const m = multiplier(scenario);
  const ops = operationsCost(scenario.operations);
  const line = costLine(scenario);
  const electricityUsd = p.electricityFixedUsd + p.electricityVariableUsdAtFull * u;
  const rentalUsd = p.rentalFixedUsd + p.rentalVariableUsdAtFull * u;
  const compute = p.amortizationUsd + electricityUsd + rentalUsd;
  const tokens = line.capacityTokensPerMonth * u;
  const totalUsd = line.fixedUsd + line.variableUsdAtFull * u;
  return {
    utilization: u,
    tokensPerMonth: tokens,
    capacityTokensPerMonth: line.capacityTokensPerMonth,
    amortizationUsd: p.amortizationUsd,
    electricityUsd,
    rentalUsd,
    overheadUsd: compute * (m - 1),
    engineeringUsd: ops.engineeringUsd,
    infraUsd: ops.infraUsd,
    refreshUsd: ops.refreshUsd,
    fixedUsd: line.fixedUsd,
    variableUsd: line.variableUsdAtFull * u,
    totalUsd,
    usdPerMTok: tokens > 0 ? (totalUsd / tokens) * TOKENS_PER_MTOK : null,
    marginalUsdPerMTok: line.marginalUsdPerMTok,
  };
}

/**
 * The cost of producing a given monthly volume with one setup: the utilization is
 * volume / capacity. Throws when the volume is beyond the setup's capacity.
 */
export function selfHostCostAtVolume(scenario: SelfHostScenario, tokensPerMonthWanted: number): SelfHostCost {
  const volume = nonNegative("tokensPerMonth", tokensPerMonthWanted);
  const { capacityTokensPerMonth } = costLine(scenario);
  if (volume > capacityTokensPerMonth) {
    throw new RangeError(
      `tokensPerMonth = ${volume}: beyond this setup's capacity of ${capacityTokensPerMonth} tokens per month at 100% utilization`,
    );
  }
  return selfHostCost(scenario, volume / capacityTokensPerMonth);
}
