/**
 * Unit conventions and the only constants in the models: unit conversions. Empirical numbers
 * (prices, speeds, watts) live in data/, never here.
 *
 * Conventions used in every name:
 * - `usdPerMTok`: US dollars per million (1e6) tokens. Per-thousand and per-billion prices are
 *   converted through {@link toUsdPerMTok}, never by hand.
 * - `hoursPerMonth`: always an explicit input. The articles use 720 (24 × 30), 730 (8760 / 12).
 * - `watts` for power draw, `usdPerKWh` for energy prices (kW = W / 1000).
 * - `bandwidthGBps`: decimal gigabytes per second (1e9 bytes/s), as vendors state bandwidth.
 * - `memoryGiB`: binary gibibytes (2^30 bytes). Vendors print "24 GB" of VRAM or "128 GB" of
 *   unified memory; DRAM capacity is binary, so those figures are GiB.
 * - `params`: a count of parameters (not billions); `paramsB` is billions where a name says so.
 */

export const SECONDS_PER_HOUR = 3600;
export const HOURS_PER_DAY = 24;
export const WATTS_PER_KW = 1000;
export const BYTES_PER_GB = 1e9;
export const BYTES_PER_GIB = 2 ** 30;
export const TOKENS_PER_MTOK = 1e6;
export const MONTHS_PER_YEAR = 12;

/**
 * Hours in a month under each convention an analysis may use. The choice changes monthly
 * energy and token volume by 1.4%; state it, never assume it.
 */
export const HOURS_PER_MONTH = {
  /** 24 h × 30 days = 720. */
  thirtyDays: 720,
  /** 8760 h per year / 12 = 730. */
  yearOverTwelve: 730,
  /** 24 h × 31 days = 744. */
  thirtyOneDays: 744,
} as const;

/** How many tokens a price is quoted per. */
export type TokenQuantum = "token" | "thousand" | "million" | "billion";

const TOKENS_PER_QUANTUM: Record<TokenQuantum, number> = {
  token: 1,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
};

/** A price with its token unit spelled out: `{ usd: 0.013, per: "thousand" }`. */
export interface TokenPrice {
  readonly usd: number;
  readonly per: TokenQuantum;
}

/**
 * Converts a price quoted per token, thousand, million or billion tokens to USD per million.
 * @example toUsdPerMTok({ usd: 0.013, per: "thousand" }) // 13
 */
export function toUsdPerMTok(price: TokenPrice): number {
  return (price.usd / TOKENS_PER_QUANTUM[price.per]) * TOKENS_PER_MTOK;
}

/** Converts USD per million tokens to a price per the given quantum. */
export function fromUsdPerMTok(usdPerMTok: number, per: TokenQuantum): TokenPrice {
  return { usd: (usdPerMTok / TOKENS_PER_MTOK) * TOKENS_PER_QUANTUM[per], per };
}

/** Watts to kilowatts. */
export function wattsToKW(watts: number): number {
  return watts / WATTS_PER_KW;
}

/** Gibibytes to bytes. */
export function gibToBytes(gib: number): number {
  return gib * BYTES_PER_GIB;
}

/** Decimal gigabytes to bytes. */
export function gbToBytes(gb: number): number {
  return gb * BYTES_PER_GB;
}
