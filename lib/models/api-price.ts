/**
 * API prices: blending input, cached input and output prices into one price per token.
 */
import { fraction, nonNegative, optional, positive } from "./validate";

/** A provider's price list for one model, USD per million tokens. */
export interface ApiPriceInputs {
  /** Uncached input (prompt) tokens, USD per million. */
  readonly inputUsdPerMTok: number;
  /** Output (generated) tokens, USD per million. */
  readonly outputUsdPerMTok: number;
  /** Cached input tokens, USD per million. Needed when cachedInputShare > 0. */
  readonly cachedInputUsdPerMTok?: number;
}

/** The traffic mix the blend assumes. */
export interface TrafficMix {
  /** Input tokens per output token (3 means 3:1). */
  readonly inputPerOutput: number;
  /** Share of input tokens served from the provider's cache, 0–1. Default 0. */
  readonly cachedInputShare?: number;
}

/**
 * Blended USD per million tokens (input and output counted together):
 *
 *   effectiveInput = (1 − cachedShare) × input + cachedShare × cachedInput
 *   blended = (ratio × effectiveInput + output) / (ratio + 1)
 *
 * @example blendedUsdPerMTok({ inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 }, { inputPerOutput: 3 }) // 4.375
 */
export function blendedUsdPerMTok(price: ApiPriceInputs, mix: TrafficMix): number {
  const input = nonNegative("inputUsdPerMTok", price.inputUsdPerMTok);
  const output = nonNegative("outputUsdPerMTok", price.outputUsdPerMTok);
  const ratio = nonNegative("inputPerOutput", mix.inputPerOutput);
  const cachedShare = optional(fraction, "cachedInputShare", mix.cachedInputShare, 0);
  let effectiveInput = input;
  if (cachedShare > 0) {
    if (price.cachedInputUsdPerMTok === undefined) {
      throw new RangeError(`cachedInputShare = ${cachedShare}: needs cachedInputUsdPerMTok`);
    }
    const cached = nonNegative("cachedInputUsdPerMTok", price.cachedInputUsdPerMTok);
    effectiveInput = (1 - cachedShare) * input + cachedShare * cached;
  }
  return (ratio * effectiveInput + output) / (ratio + 1);
}

/**
 * Monthly API bill for a volume: tokensPerMonth / 1e6 × usdPerMTok.
 * @example apiUsdPerMonth({ tokensPerMonth: 20e6, usdPerMTok: 7 }) // 140
 */
export function apiUsdPerMonth(inputs: { readonly tokensPerMonth: number; readonly usdPerMTok: number }): number {
  return (nonNegative("tokensPerMonth", inputs.tokensPerMonth) / 1e6) * nonNegative("usdPerMTok", inputs.usdPerMTok);
}

/** Input:output ratio from counts of each, e.g. 3 from (3000, 1000). */
export function inputPerOutput(inputTokens: number, outputTokens: number): number {
  return nonNegative("inputTokens", inputTokens) / positive("outputTokens", outputTokens);
}
