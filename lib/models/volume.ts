/**
 * Volume: how many tokens a machine produces in a month.
 */
import { fraction, nonNegative, positive } from "./validate";
import { SECONDS_PER_HOUR } from "./units";

/** Throughput inputs. */
export interface ThroughputInputs {
  /** Sustained generation speed while busy, tokens per second. */
  readonly tokensPerSecond: number;
  /** Fraction of the month's hours spent generating, 0–1. */
  readonly utilization: number;
  /** Hours in the month (720 = 24 × 30, 730 = 8760 / 12): always explicit. */
  readonly hoursPerMonth: number;
}

/**
 * Tokens per month: tokensPerSecond × 3600 × hoursPerMonth × utilization.
 * @example tokensPerMonth({ tokensPerSecond: 124, utilization: 1, hoursPerMonth: 720 }) // 321_408_000
 */
export function tokensPerMonth(inputs: ThroughputInputs): number {
  const tps = nonNegative("tokensPerSecond", inputs.tokensPerSecond);
  const utilization = fraction("utilization", inputs.utilization);
  const hours = positive("hoursPerMonth", inputs.hoursPerMonth);
  return tps * SECONDS_PER_HOUR * hours * utilization;
}

/**
 * Utilization needed to produce a volume: tokens / (tokensPerSecond × 3600 × hoursPerMonth).
 * Can exceed 1: the volume is then beyond one machine's capacity.
 */
export function utilizationForVolume(inputs: {
  readonly tokensPerMonth: number;
  readonly tokensPerSecond: number;
  readonly hoursPerMonth: number;
}): number {
  const tokens = nonNegative("tokensPerMonth", inputs.tokensPerMonth);
  const tps = positive("tokensPerSecond", inputs.tokensPerSecond);
  const hours = positive("hoursPerMonth", inputs.hoursPerMonth);
  return tokens / (tps * SECONDS_PER_HOUR * hours);
}
