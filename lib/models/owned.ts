/**
 * Owned hardware: what a machine costs each month before it generates a token (amortization)
 * and what it costs to keep it powered (electricity).
 */
import { optional, nonNegative, positive, fraction } from "./validate";
import { wattsToKW } from "./units";

/** Straight-line amortization inputs. */
export interface AmortizationInputs {
  /** Purchase price all-in, USD (cards, host, power supply). */
  readonly hardwareUsd: number;
  /** Useful life in months over which the price is spread. */
  readonly lifeMonths: number;
  /** What the hardware sells for at the end of its life, USD. Default 0. */
  readonly resaleUsd?: number;
}

/**
 * Monthly amortization, straight line:
 *
 *   amortizationUsdPerMonth = (hardwareUsd − resaleUsd) / lifeMonths
 *
 * @example amortizationUsdPerMonth({ hardwareUsd: 3500, lifeMonths: 36 }) // 97.22…
 */
export function amortizationUsdPerMonth(inputs: AmortizationInputs): number {
  const hardwareUsd = nonNegative("hardwareUsd", inputs.hardwareUsd);
  const lifeMonths = positive("lifeMonths", inputs.lifeMonths);
  const resaleUsd = optional(nonNegative, "resaleUsd", inputs.resaleUsd, 0);
  if (resaleUsd > hardwareUsd) {
    throw new RangeError(`resaleUsd = ${resaleUsd}: must not exceed hardwareUsd = ${hardwareUsd}`);
  }
  return (hardwareUsd - resaleUsd) / lifeMonths;
}

/** Electricity inputs for one machine. */
export interface ElectricityInputs {
  /** Wall power while generating, W. */
  readonly loadWatts: number;
  /** Wall power while powered on and idle, W. Default 0 (machine off when not generating). */
  readonly idleWatts?: number;
  /** Fraction of the month's hours spent generating, 0–1. */
  readonly utilization: number;
  /** Hours in the month (720, 730, …): always explicit. */
  readonly hoursPerMonth: number;
  /** Energy price, USD per kWh. */
  readonly usdPerKWh: number;
}

/** Electricity cost with its parts. */
export interface ElectricityCost {
  /** Energy while generating, kWh per month. */
  readonly loadKWh: number;
  /** Energy while idle, kWh per month. */
  readonly idleKWh: number;
  /** Total energy, kWh per month. */
  readonly totalKWh: number;
  /** Cost of the energy while generating, USD per month. */
  readonly loadUsd: number;
  /** Cost of the energy while idle, USD per month. */
  readonly idleUsd: number;
  /** Total, USD per month. */
  readonly usdPerMonth: number;
}

/**
 * Monthly electricity:
 *
 *   kWh = (loadWatts × utilization + idleWatts × (1 − utilization)) / 1000 × hoursPerMonth
 *   usdPerMonth = kWh × usdPerKWh
 *
 * @example electricityCost({ loadWatts: 1100, utilization: 1, hoursPerMonth: 720, usdPerKWh: 0.177 })
 *   // usdPerMonth = 1.1 kW × 720 h × 0.177 = 140.18
 */
export function electricityCost(inputs: ElectricityInputs): ElectricityCost {
  const loadWatts = nonNegative("loadWatts", inputs.loadWatts);
  const idleWatts = optional(nonNegative, "idleWatts", inputs.idleWatts, 0);
  const utilization = fraction("utilization", inputs.utilization);
  const hoursPerMonth = positive("hoursPerMonth", inputs.hoursPerMonth);
  const usdPerKWh = nonNegative("usdPerKWh", inputs.usdPerKWh);
  const loadKWh = wattsToKW(loadWatts) * utilization * hoursPerMonth;
  const idleKWh = wattsToKW(idleWatts) * (1 - utilization) * hoursPerMonth;
  return {
    loadKWh,
    idleKWh,
    totalKWh: loadKWh + idleKWh,
    loadUsd: loadKWh * usdPerKWh,
    idleUsd: idleKWh * usdPerKWh,
    usdPerMonth: (loadKWh + idleKWh) * usdPerKWh,
  };
}

/**
 * Electricity cost of one hour at full load: loadWatts / 1000 × usdPerKWh.
 * @example electricityUsdPerHour({ loadWatts: 700, usdPerKWh: 0.30 }) // 0.21
 */
export function electricityUsdPerHour(inputs: { readonly loadWatts: number; readonly usdPerKWh: number }): number {
  return wattsToKW(nonNegative("loadWatts", inputs.loadWatts)) * nonNegative("usdPerKWh", inputs.usdPerKWh);
}
