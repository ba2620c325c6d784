/**
 * How precisely an article states a number, and so how far a recomputation may fall from it.
 *
 * The tolerance rule (statcheck-style, README "The audit"):
 * - an unhedged figure is held to its written digits, trailing zeros included: "$0.74" allows
 *   half a cent, "$13,225" and "$1,000" half a dollar, "100 tok/s" half a token per second,
 *   "3 billion" half a billion (the word gives the scale, the digit the precision);
 * - a hedged figure ("~", "about", "roughly", "approximately", "around", "nearly"…) gets a stated
 *   relative band, 10% ({@link HEDGE_RELATIVE_TOLERANCE}); "a billion", "billions" a factor of two;
 * - "more than", "over", "200+" hold for anything at or above the figure; "under", "up to", "at
 *   most" for anything at or below it;
 * - a figure that passes only inside its hedge's band, not its written digits, passes by
 *   `rounding`: the difference is explained by the rounding its wording admits to.
 * The registry may override the hedge the wording gives, but only with a reason, which the
 * verdict prints.
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
const AT_LEAST = /(\d[kKMB]?\+|\bover\b|\bmore than\b|\babove\b|\bat least\b|\bexceeds?\b)/i;
const AT_MOST = /(\bunder\b|\bbelow\b|\bless than\b|\bfewer than\b|\bat most\b|\bup to\b)/i;

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
 * 2 decimals each; "16,700" → 16700 with 0 decimals (an integer's trailing zeros are written
 * digits, so significant). Thousands separators are ignored.
 */
export function writtenNumbers(claimedText: string): { value: number; decimals: number }[] {
  const out: { value: number; decimals: number }[] = [];
  const re = /\d[\d,]*(?:\.(\d+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(claimedText)) !== null) {
    const text = m[0].replace(/,(?=\d{3}\b)/g, "").replace(/,$/, "");
    const value = Number(text);
    if (Number.isFinite(value)) out.push({ value, decimals: m[1] ? m[1].length : 0 });
  }
  return out;
}

/** Number words a claim may be written in ("three times", "ten times"): integers, so held to ±0.5. */
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};

/**
 * Half a unit in the last written digit, in the claim's unit. The written number is matched to
 * the claimed value to find the scale ("3 billion" written as 3, claimed 3e9 → scale 1e9).
 * A number word counts as an integer ("three times" → ±0.5). Falls back to 0.5% of the value
 * when the text has no number at all ("climbs further").
 * @example halfUnitInLastPlace("100 tok/s", 100) // 0.5
 */
export function halfUnitInLastPlace(claimedText: string, claimedValue: number): number {
  let written = writtenNumbers(claimedText);
  if (written.length === 0) {
    // "three times": a number word is an integer written out.
    written = [...claimedText.toLowerCase().matchAll(/\b[a-z]+\b/g)].filter((m) => m[0] in NUMBER_WORDS).map((m) => ({ value: NUMBER_WORDS[m[0]], decimals: 0 }));
  }
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
  /** Where the hedge comes from: the claim's wording, or the registry's override (with `hedgeReason`). */
  readonly hedgeFrom: "wording" | "registry";
  /** Why the registry overrides the wording; null when the wording gives the hedge. */
  readonly hedgeReason: string | null;
  /** Half a unit in the last written place, claim units. */
  readonly halfUlp: number;
  /** The band the hedge allows, claim units (≥ halfUlp); for order-of-magnitude see {@link ORDER_OF_MAGNITUDE_FACTOR}. */
  readonly band: number;
  /** The band as a fraction of the claimed value (the digits alone for an exact figure). */
  readonly relative: number;
  /** The rule in words, e.g. "held to its written digits: ±0.5" or "approximate (wording): ±10%". */
  readonly rule: string;
}

function num(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e9) return `${+(x / 1e9).toPrecision(4)}e9`;
  if (a >= 1e6) return `${+(x / 1e6).toPrecision(4)}e6`;
  if (a >= 100) return (+x.toPrecision(6)).toLocaleString("en-US");
  return `${+x.toPrecision(4)}`;
}

/**
 * Tolerance for a claimed value as written. An explicit hedge overrides the inferred one; its
 * reason (required by the registry) is carried into the rule so that the report prints it.
 * @example toleranceFor("100 tok/s", 100).band // 0.5: held to its written digits
 * @example toleranceFor("about 100 tok/s", 100).band // 10: the approximate band
 */
export function toleranceFor(claimedText: string, claimedValue: number, hedge?: Hedge, hedgeReason?: string | null): Tolerance {
  const h = hedge ?? inferHedge(claimedText);
  const halfUlp = halfUnitInLastPlace(claimedText, claimedValue);
  const band = Math.max(halfUlp, Math.abs(claimedValue) * HEDGE_RELATIVE_TOLERANCE[h]);
  const hedgeFrom = hedge === undefined ? "wording" : "registry";
  const digits = `±${num(halfUlp)}`;
  const why = hedgeFrom === "registry" ? `${h} set by the registry: ${hedgeReason ?? "no reason given"}` : h;
  const rule =
    h === "exact"
      ? hedgeFrom === "registry"
        ? `held to its written digits, ${digits} (${why})`
        : `held to its written digits, ${digits}`
      : h === "approximate"
        ? `${why}: ±${HEDGE_RELATIVE_TOLERANCE.approximate * 100}% (±${num(band)})`
        : h === "order-of-magnitude"
          ? `${why}: within a factor of ${ORDER_OF_MAGNITUDE_FACTOR}`
          : h === "at-least"
            ? `${why}: met by anything at or above it, ${digits} below`
            : `${why}: met by anything at or below it, ${digits} above`;
  return { hedge: h, hedgeFrom, hedgeReason: hedgeFrom === "registry" ? (hedgeReason ?? null) : null, halfUlp, band, relative: Math.abs(claimedValue) > 0 ? band / Math.abs(claimedValue) : 0, rule };
}
