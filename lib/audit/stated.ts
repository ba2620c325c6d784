/**
 * How precisely an article states a number, and so how far a recomputation may fall from it.
 *
 * As statcheck does for reported statistics, the tolerance follows from the digits written:
 * "$0.74" allows half a cent; "$13,225" half a dollar; "3 billion" half a billion. Hedging words
 * ("~", "about", "roughly", "approximately", "around", "nearly") widen it to a relative band,
 * and a figure that passes only inside that band is reported as passing by rounding.
 */

/** How a claim is hedged in the text. */
export type Hedge = "exact" | "approximate" | "order-of-magnitude" | "at-least" | "at-most";

/** "Roughly a billion" holds for anything within a factor of two either way. */
export const ORDER_OF_MAGNITUDE_FACTOR = 2;

/** Relative tolerance granted by each hedge (beyond the stated digits); order-of-magnitude is a factor, see above. */
export const HEDGE_RELATIVE_TOLERANCE: Record<Hedge, number> = {
  exact: 0,
  approximate: 0.1,
  "order-of-magnitude": 0.5,
  "at-least": 0,
  "at-most": 0,
};

const APPROXIMATE = /(^|[\s(])(~|≈|about|around|roughly|approximately|approx\.?|nearly|near|almost|some|circa)(?=[\s$\d]|$)/i;
const ORDER = /\b(billions|millions|tens of|hundreds of|a billion|a million|order of magnitude)\b/i;
const AT_LEAST = /(\d\+|\bover\b|\bmore than\b|\babove\b|\bat least\b|\bexceeds?\b)/i;
const AT_MOST = /(\bunder\b|\bbelow\b|\bless than\b|\bat most\b|\bup to\b)/i;

/** Infers the hedge from a claim as written, e.g. "~$0.74" → approximate, "200+" → at-least. */
export function inferHedge(claimedText: string): Hedge {
  if (ORDER.test(claimedText)) return "order-of-magnitude";
  if (AT_LEAST.test(claimedText)) return "at-least";
  if (AT_MOST.test(claimedText)) return "at-most";
  if (APPROXIMATE.test(claimedText)) return "approximate";
  return "exact";
}

/**
 * The numbers written in a claim's text, with their decimals: "$1.40–2.10" → [1.40, 2.10] with
 * 2 decimals each. Thousands separators are ignored.
 */
export function writtenNumbers(claimedText: string): { value: number; decimals: number }[] {
  const out: { value: number; decimals: number }[] = [];
  // decimals < 0 for an integer's trailing zeros, which are not significant: "16,700" is -2 (to the hundred).
  const re = /\d[\d,]*(?:\.(\d+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(claimedText)) !== null) {
    const text = m[0].replace(/,(?=\d{3}\b)/g, "").replace(/,$/, "");
    const value = Number(text);
    const trailingZeros = m[1] || value === 0 ? 0 : (/0+$/.exec(text)?.[0].length ?? 0);
    if (Number.isFinite(value)) out.push({ value, decimals: m[1] ? m[1].length : -trailingZeros });
  }
  return out;
}

/**
 * Half a unit in the last written digit, in the claim's unit. The written number is matched to
 * the claimed value to find the scale ("3 billion" written as 3, claimed 3e9 → scale 1e9).
 * Falls back to 0.5% of the value when the text has no digits ("a billion").
 */
export function halfUnitInLastPlace(claimedText: string, claimedValue: number): number {
  const written = writtenNumbers(claimedText);
  if (written.length === 0 || claimedValue === 0) return Math.abs(claimedValue) * 0.005;
  // The written number whose scale to the claimed value is closest to a power of ten.
  let best = written[0];
  let bestScore = Infinity;
  for (const w of written) {
    if (w.value === 0) continue;
    const log = Math.log10(Math.abs(claimedValue / w.value));
    const score = Math.abs(log - Math.round(log));
    if (score < bestScore) {
      bestScore = score;
      best = w;
    }
  }
  const scale = best.value === 0 ? 1 : Math.pow(10, Math.round(Math.log10(Math.abs(claimedValue / best.value))));
  return 0.5 * Math.pow(10, -best.decimals) * scale;
}

/** The tolerance of a claimed value: the stated digits, widened by its hedge. */
export interface Tolerance {
  readonly hedge: Hedge;
  /** Half a unit in the last written place, claim units. */
  readonly halfUlp: number;
  /** The band the hedge allows, claim units (≥ halfUlp). */
  readonly band: number;
}

/** Tolerance for a claimed value as written. An explicit hedge overrides the inferred one. */
export function toleranceFor(claimedText: string, claimedValue: number, hedge?: Hedge): Tolerance {
  const h = hedge ?? inferHedge(claimedText);
  const halfUlp = halfUnitInLastPlace(claimedText, claimedValue);
  const band = Math.max(halfUlp, Math.abs(claimedValue) * HEDGE_RELATIVE_TOLERANCE[h]);
  return { hedge: h, halfUlp, band };
}
