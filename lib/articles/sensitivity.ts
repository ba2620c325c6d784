/**
 * How robust an article's conclusion is: its break-even over each input's range (tornado), the
 * break-even against the API price and the hardware price, the cost per token against
 * utilization, and the points where the conclusion flips.
 */
import type { Data } from "../data/index";
import { breakEvenUtilization, selfHostCost, type BreakEvenUtilization } from "../models/index";
import { tornado, type TornadoResult } from "../sensitivity/tornado";
import { sweep, type SweepRow } from "../sensitivity/sweep";
import { articleCase, inputValues, type ArticleId } from "./cases";
import { inputRanges, type InputRange } from "./ranges";

/** Break-even tokens per month for a case with overrides; null when there is none. */
export function breakEvenWith(data: Data, article: ArticleId, overrides: Readonly<Record<string, number>>): number | null {
  const c = articleCase(data, article, overrides);
  return c.breakEven.kind === "volume" ? c.breakEven.tokensPerMonth : null;
}

/**
 * The tornado of an article's break-even over its inputs' ranges (utilization left out: it does
 * not move a break-even volume). `given` replaces inputs of the case first (a notebook's overrides).
 */
export function breakEvenTornado(data: Data, article: ArticleId, given: Readonly<Record<string, number>> = {}): TornadoResult & { ranges: InputRange[] } {
  const c = articleCase(data, article, given);
  const ranges = inputRanges(data, c).filter((r) => r.input !== "utilization");
  const base = { ...inputValues(c.inputs), ...given };
  const result = tornado((v) => breakEvenWith(data, article, v), base, Object.fromEntries(ranges.map((r) => [r.input, [r.low, r.high] as const])));
  return { ...result, ranges };
}

/** Break-even against one input's values (null where there is none), other inputs as the case has them after `given`. */
export function breakEvenSweep(data: Data, article: ArticleId, input: string, values: readonly number[], given: Readonly<Record<string, number>> = {}): SweepRow[] {
  return sweep((x) => breakEvenWith(data, article, { ...given, [input]: x }), values);
}

/** Cost per million tokens against utilization, beside the API price. */
export function costByUtilization(data: Data, article: ArticleId, utilizations: readonly number[], given: Readonly<Record<string, number>> = {}): { utilization: number; usdPerMTok: number; apiUsdPerMTok: number }[] {
  const c = articleCase(data, article, given);
  return utilizations.map((u) => ({ utilization: u, usdPerMTok: selfHostCost(c.scenario, u).usdPerMTok as number, apiUsdPerMTok: c.apiUsdPerMTok }));
}

/** Where an article's conclusion flips. */
export interface Flips {
  /** Below this utilization the API is cheaper at any volume (or "never" within capacity). */
  readonly utilization: BreakEvenUtilization;
  /** The API price below which self-hosting loses even at 100% utilization: the all-in cost per Mtok flat out. */
  readonly apiUsdPerMTokFlatOut: number;
  /** The API price below which self-hosting loses at the article's own utilization. */
  readonly apiUsdPerMTokAtArticleUtilization: number;
}

/** The flip points of an article's case. */
export function flips(data: Data, article: ArticleId, given: Readonly<Record<string, number>> = {}): Flips {
  const c = articleCase(data, article, given);
  return {
    utilization: breakEvenUtilization(c.scenario, c.apiUsdPerMTok),
    apiUsdPerMTokFlatOut: selfHostCost(c.scenario, 1).usdPerMTok as number,
    apiUsdPerMTokAtArticleUtilization: c.month.usdPerMTok as number,
  };
}
