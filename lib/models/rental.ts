/**
 * Rented compute: cloud GPUs billed by the GPU-hour.
 */
import { fraction, nonNegative, positive } from "./validate";

/**
 * How rented GPUs are billed:
 * - `always-on`: reserved for every hour of the month, busy or idle;
 * - `on-demand`: started only for the hours that generate (utilization × hours).
 */
export type RentalBilling = "always-on" | "on-demand";

/** Rental inputs. */
export interface RentalInputs {
  /** Price per GPU-hour, USD. */
  readonly usdPerGpuHour: number;
  /** Number of GPUs rented. */
  readonly gpus: number;
  /** Hours in the month (720, 730, …): always explicit. */
  readonly hoursPerMonth: number;
  /** Billing mode. */
  readonly billing: RentalBilling;
  /** Fraction of hours generating; only changes the bill when billing is on-demand. */
  readonly utilization: number;
}

/**
 * Monthly rental:
 *
 *   always-on: usdPerGpuHour × gpus × hoursPerMonth
 *   on-demand: usdPerGpuHour × gpus × hoursPerMonth × utilization
 *
 * @example rentalUsdPerMonth({ usdPerGpuHour: 2.5, gpus: 2, hoursPerMonth: 720, billing: "always-on", utilization: 0.6 }) // 3600
 */
export function rentalUsdPerMonth(inputs: RentalInputs): number {
  const usdPerGpuHour = nonNegative("usdPerGpuHour", inputs.usdPerGpuHour);
  const gpus = positive("gpus", inputs.gpus);
  const hoursPerMonth = positive("hoursPerMonth", inputs.hoursPerMonth);
  const utilization = fraction("utilization", inputs.utilization);
  const hours = inputs.billing === "always-on" ? hoursPerMonth : hoursPerMonth * utilization;
  if (inputs.billing !== "always-on" && inputs.billing !== "on-demand") {
    throw new RangeError(`billing = ${JSON.stringify(inputs.billing)}: must be "always-on" or "on-demand"`);
  }
  return usdPerGpuHour * gpus * hours;
}
