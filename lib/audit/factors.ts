/**
 * Telltale factors: when a figure is off by a ratio that a unit slip produces, say which slip —
 * but only with evidence. A hint is offered when
 * 1. the factor explains the ratio closely: the claimed figure, with the factor undone, agrees
 *    with the recomputation to within its written digits plus 0.5% (at most 2%,
 *    {@link hintCloseness}), and
 * 2. the claim's formula (for a source check, its source fields; and its units) has a term the
 *    factor belongs to: seconds and hours for ×3600, days and months for ×30, bits or bytes
 *    for ×8, GB or GiB for 2^30/10^9…, and
 * 3. the registry does not say that no hint applies (`no_hint`, e.g. "the ×7 is seven machines").
 * Without the evidence a ratio near a factor is a coincidence: about 15% of ratios between 1.05
 * and 100 lie within 5% of one of the factors (test/audit/slip-hints.test.ts measures the rate).
 */

/** A factor that a common slip produces, with the slip it suggests and the terms it belongs to. */
export interface Telltale {
  readonly factor: number;
  readonly slip: string;
  /**
   * Terms the claim's formula must have for the slip to be possible: every pattern must match
   * (e.g. ×3600 needs a per-second and a per-hour term).
   */
  readonly terms: readonly RegExp[];
  /** The terms in words, for the explanation ("seconds and hours"). */
  readonly termWords: string;
}

const THOUSANDS = /\b1e[369]\b|\b1,?000\b|ktok|mtok|\bkwh?\b|\bkw\b|thousand|million|billion/i;
const MILLIONS = /mtok|\b1e6\b|million/i;
const PER_TOKEN = /usd\/tok\b|\/tok\b|per[_ ]?token|pertoken/i;
const BILLIONS = /\b1e9\b|billion/i;
const SECONDS = /second|per_s\b|tok\/s\b|\/s\b|3600/i;
const MINUTES = /minute|\bmin\b|\b60\b/i;
const HOURS = /hour|\/h\b|\bhr\b|kwh|3600|\b8760\b/i;
const DAYS = /\bday|daily|\b(?:perday|per_day)|\/day\b|\b24\b|\b30\b|\b720\b|mo720/i;
const WEEKS = /week/i;
const MONTHS = /month|\bmo7[23]0\b|\/mo\b|\b7[23]0\b/i;
const YEARS = /year|annual|\b12\b|\b365\b|\b8760\b/i;
const HOURS_PER_MONTH = /\b7[23]0\b|mo7[23]0/i;
const PAIR = /\bgpus: *[2-9]|\b(?:input|output)\b|usd_per_mtok_(?:input|output)|inputperoutput|\b2 *\*|\/ *2\b|\bhalf\b|\bcount\b/i;
const BITS = /\bbits?\b|bitsperweight|weightbytes|\bbytes?\b|gbps|gbit/i;
const GIB = /gib|\bgb\b|memory_gb|2\^30|\bgb\/s\b/i;

/** The slips the audit looks for, in order of preference when two factors are close. */
export const TELLTALES: readonly Telltale[] = [
  { factor: 1000, slip: "per-thousand vs per-million (or thousand vs million) units", terms: [THOUSANDS], termWords: "a thousands or millions term" },
  { factor: 1e6, slip: "per-token vs per-million units", terms: [MILLIONS, PER_TOKEN], termWords: "per-token and per-million terms" },
  { factor: 1e9 / 1e6, slip: "millions vs billions", terms: [MILLIONS, BILLIONS], termWords: "millions and billions" },
  { factor: 3600, slip: "seconds vs hours (×3600)", terms: [SECONDS, HOURS], termWords: "seconds and hours" },
  { factor: 3.6, slip: "×3600 seconds per hour dropped and ×1000 applied (3600 / 1000 = 3.6)", terms: [SECONDS, HOURS], termWords: "seconds and hours" },
  { factor: 60, slip: "seconds vs minutes or minutes vs hours (×60)", terms: [MINUTES], termWords: "minutes" },
  { factor: 24, slip: "hours vs days (×24)", terms: [HOURS, DAYS], termWords: "hours and days" },
  { factor: 30, slip: "days vs months (×30): a daily figure labelled monthly or the reverse", terms: [DAYS, MONTHS], termWords: "days and months" },
  { factor: 365, slip: "days vs years (×365)", terms: [DAYS, YEARS], termWords: "days and years" },
  { factor: 12, slip: "months vs years (×12)", terms: [MONTHS, YEARS], termWords: "months and years" },
  { factor: 8760, slip: "hours vs years (×8760)", terms: [HOURS, YEARS], termWords: "hours and years" },
  { factor: 730 / 720, slip: "730 vs 720 hours per month", terms: [HOURS_PER_MONTH], termWords: "hours per month" },
  { factor: 7, slip: "days vs weeks (×7)", terms: [WEEKS], termWords: "weeks" },
  { factor: 8, slip: "bits vs bytes (×8)", terms: [BITS], termWords: "bits or bytes" },
  { factor: 2 ** 30 / 1e9, slip: "GB vs GiB (2^30 / 10^9 = 1.074)", terms: [GIB], termWords: "GB or GiB" },
  { factor: 2, slip: "a factor of two (one of two GPUs, input vs output, or a halved figure)", terms: [PAIR], termWords: "a pair (GPUs, input and output, a halving)" },
];

/** How close a ratio must be to a factor when the claim's digits say nothing finer: 0.5%. */
export const HINT_SLACK = 0.005;
/** The widest a hint's window gets, however coarse the claim's digits: 2%. */
export const HINT_MAX_CLOSENESS = 0.02;

/**
 * How close (relative) the ratio must be to a factor for the factor to explain it: the claim's
 * own written precision (half a unit in its last digit over its value) plus 0.5%, at most 2%.
 * @example hintCloseness(0.0014) // 0.0064: "346M" is written to 0.14%
 */
export function hintCloseness(claimPrecision = 0): number {
  return Math.min(HINT_MAX_CLOSENESS, Math.max(0, claimPrecision) + HINT_SLACK);
}

/** The closeness window of a factor, as a log distance: a factor near 1 (730/720, GB/GiB) gets at most a quarter of its own excess. */
function window(t: Telltale, relative: number): number {
  const own = Math.log(1 + relative);
  return t.factor < 1.1 ? Math.min(own, Math.log(1 + (t.factor - 1) / 4)) : own;
}

/**
 * The factor a ratio lies close to, ignoring the claim (no evidence asked): within `relative` of
 * a telltale factor or its inverse.
 * @example telltaleFor(3.596)?.factor // 3.6
 */
export function telltaleFor(ratio: number, relative = HINT_SLACK * 2): (Telltale & { direction: "claimed larger" | "claimed smaller" }) | null {
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  const larger = ratio >= 1;
  const r = larger ? ratio : 1 / ratio;
  let best: Telltale | null = null;
  let bestDistance = Infinity;
  for (const t of TELLTALES) {
    const distance = Math.abs(Math.log(r / t.factor));
    if (distance <= window(t, relative) && distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best === null ? null : { ...best, direction: larger ? "claimed larger" : "claimed smaller" };
}

/** The whole word (identifier, unit) a term pattern matches in, e.g. "tokensPerSecond" for /second/i. */
function wordAt(text: string, re: RegExp): string | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  let start = m.index;
  let end = m.index + m[0].length;
  while (start > 0 && /[\w/^.]/.test(text[start - 1])) start--;
  while (end < text.length && /[\w/^]/.test(text[end])) end++;
  return text.slice(start, end).replace(/^[^\w]+|[^\w]+$/g, "") || m[0];
}

/** What a slip hint looks at besides the ratio. */
export interface HintContext {
  /** The claim's formula (for a source check, its source references) and units: where the terms are looked for. */
  readonly terms: string;
  /** The claim's written precision: half a unit in its last digit over its value. */
  readonly precision?: number;
  /** The registry's reason why no slip applies; no hint is offered when set. */
  readonly noHint?: string | null;
}

/** A hint with its evidence. */
export interface SlipHint {
  readonly factor: number;
  readonly slip: string;
  readonly direction: "claimed larger" | "claimed smaller";
  /** How far the ratio is from the factor, relative (0.0012 = 0.12%). */
  readonly off: number;
  /** The terms of the formula the factor belongs to, in words. */
  readonly termWords: string;
  /** The matched terms as written in the formula. */
  readonly matched: readonly string[];
}

/**
 * The slip a ratio suggests, with evidence, or null: the nearest factor within the closeness
 * window ({@link hintCloseness}) whose terms the context has, unless the registry says no hint
 * applies.
 * @example slipHint(0.2781, { terms: "tokensPerMonth({tokensPerSecond: 800, hoursPerMonth: 720}) tok/mo720" })?.factor // 3.6
 * @example slipHint(1 / 7, { terms: "ceil(utilizationForVolume(...)) * 197" }) // null: no weeks in the formula
 */
export function slipHint(ratio: number, context: HintContext): SlipHint | null {
  if (context.noHint) return null;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  const larger = ratio >= 1;
  const r = larger ? ratio : 1 / ratio;
  const relative = hintCloseness(context.precision);
  let best: SlipHint | null = null;
  let bestDistance = Infinity;
  for (const t of TELLTALES) {
    const distance = Math.abs(Math.log(r / t.factor));
    if (distance > window(t, relative) || distance >= bestDistance) continue;
    const matched = t.terms.map((re) => wordAt(context.terms, re));
    if (matched.some((m) => m === undefined)) continue;
    best = { factor: t.factor, slip: t.slip, direction: larger ? "claimed larger" : "claimed smaller", off: Math.abs(r / t.factor - 1), termWords: t.termWords, matched: [...new Set(matched as string[])] };
    bestDistance = distance;
  }
  return best;
}
