/**
 * "What would have to change?": for a scenario and a monthly volume, the value of each input at
 * which self-hosting and the API cost the same, holding the others fixed.
 */
import { selfHostCost, utilizationForVolume, type SelfHostScenario } from "../models/index";
import { flipPoint } from "../sensitivity/sweep";
import { scenarioFromValues } from "./cases";

/** Monthly self-hosted cost minus API cost at a volume (positive: the API is cheaper). Throws past capacity. */
export function monthlyGapUsd(values: Readonly<Record<string, number>>, tokensPerMonth: number): number {
  const s: SelfHostScenario = scenarioFromValues(values);
  const u = utilizationForVolume({ tokensPerMonth, tokensPerSecond: s.tokensPerSecond, hoursPerMonth: s.hoursPerMonth });
  if (u > 1) return Number.POSITIVE_INFINITY;
  return selfHostCost(s, u).totalUsd - (tokensPerMonth / 1e6) * values.apiUsdPerMTok;
}

/** One input's flip value. */
export interface FlipRow {
  readonly input: string;
  readonly current: number;
  /** The value at which the two cost the same; null when none lies within [current/100, current×100]. */
  readonly flipsAt: number | null;
  /** flipsAt / current. */
  readonly factor: number | null;
}

/**
 * For each input (or the given ones), the value at which the cheaper choice changes at the given
 * volume, searched from a hundredth to a hundred times its current value (utilization within 0–1).
 */
export function whatWouldFlip(values: Readonly<Record<string, number>>, tokensPerMonth: number, inputs: readonly string[] = Object.keys(values)): FlipRow[] {
  return inputs
    .filter((name) => values[name] !== undefined && values[name] > 0)
    .map((name) => {
      const current = values[name];
      const gap = (x: number) => {
        try {
          const g = monthlyGapUsd({ ...values, [name]: x }, tokensPerMonth);
          return Number.isFinite(g) ? g : 1e30;
        } catch {
          return Number.NaN;
        }
      };
      const lo = current / 100;
      const hi = name === "utilization" ? 1 : current * 100;
      let at: number | null = null;
      try {
        at = flipPoint((x) => {
          const g = gap(x);
          return Number.isNaN(g) ? 1e30 : g;
        }, lo, hi, { steps: 64 });
      } catch {
        at = null;
      }
      return { input: name, current, flipsAt: at, factor: at === null ? null : at / current };
    });
}
