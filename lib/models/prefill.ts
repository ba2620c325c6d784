/**
 * Prefill (prompt processing): all prompt tokens go through the model in parallel, so the
 * bound is compute, not bandwidth.
 */
import { positive, positiveFraction } from "./validate";

/**
 * Compute-bound prefill speed: each token costs about 2 FLOPs per active parameter, so
 *
 *   tokens/s = peakTflops × 1e12 × utilization / (2 × activeParams)
 *
 * @example prefillTokensPerSecond({ peakTflops: 142, utilization: 0.5, activeParams: 8e9 }) // 4437.5
 */
export function prefillTokensPerSecond(inputs: { readonly peakTflops: number; readonly utilization: number; readonly activeParams: number }): number {
  const flops = positive("peakTflops", inputs.peakTflops) * 1e12;
  return (flops * positiveFraction("utilization", inputs.utilization)) / (2 * positive("activeParams", inputs.activeParams));
}

/** Seconds to process a prompt of `promptTokens` at a prefill speed. */
export function prefillSeconds(promptTokens: number, tokensPerSecond: number): number {
  return positive("promptTokens", promptTokens) / positive("tokensPerSecond", tokensPerSecond);
}
