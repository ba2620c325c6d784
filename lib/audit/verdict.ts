/**
 * Verdicts: compare a claimed figure with a recomputation, a bound or source values.
 *
 * The tolerance rule is in ./stated.ts: an unhedged figure is held to its written digits,
 * trailing zeros included; a hedged one gets its hedge's band, and passing only inside that band
 * is `rounding`. Slip hints (./factors.ts) are offered only with evidence.
 */
import { slipHint, type SlipHint } from "./factors";
import { ORDER_OF_MAGNITUDE_FACTOR, toleranceFor, type Hedge, type Tolerance } from "./stated";

/** The verdicts a claim can get. */
export type VerdictKind =
  | "reproduced"
  | "rounding"
  /** A speed under the physical bound of its setup that no measurement of the setup confirms: possible, not reproduced. */
  | "within-bound"
  | "inconsistent"
  | "contradicts-source"
  | "physically-impossible"
  | "not-checkable";

export const VERDICT_KINDS: readonly VerdictKind[] = ["reproduced", "rounding", "within-bound", "inconsistent", "contradicts-source", "physically-impossible", "not-checkable"];

/** A claimed figure as the article writes it (already in the claim's unit). */
export interface Claimed {
  /** The figure as written, e.g. "~$0.74" or "$1.40–2.10/M". */
  readonly text: string;
  /** Lower (or only) value. */
  readonly low: number;
  /** Upper value of a range; equal to low for a single figure. */
  readonly high: number;
  /** Hedge override; inferred from the text when absent. */
  readonly hedge?: Hedge;
  /** Why the registry overrides the hedge; printed with the verdict. */
  readonly hedgeReason?: string | null;
  /** The claim's formula (for a source check, its source references) and units: where slip hints look for their terms. */
  readonly terms?: string;
  /** The registry's reason why no slip hint applies to this claim's ratio. */
  readonly noHint?: string | null;
  /** The claim's mathjs unit ("USD/hour"), named when the figure as written is not the figure checked. */
  readonly unit?: string;
}

/** Scales a written number may carry to its value in the claim's unit: thousands, millions, billions, cents. */
const WRITTEN_SCALES = [1, 1e3, 1e6, 1e9, 1e12, 1e-2];

/**
 * The figure as checked, when it is not the figure as written: "$20–32/hr" for eight GPUs checked
 * per GPU as 2.5–4 gives "2.5–4 USD/hour (read from the article's ~$20–32/hr)"; the text as
 * written when its digits (at some scale: "3 billion", "17.7 cents") are the values checked, or
 * when it writes its figure in words.
 */
export function checkedText(claimed: Claimed): string {
  const values = claimed.low === claimed.high ? [claimed.low] : [claimed.low, claimed.high];
  const written = [...claimed.text.replace(/(\d),(?=\d{3}\b)/g, "$1").matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (written.length < values.length) return claimed.text;
  const is = (w: number, v: number) => WRITTEN_SCALES.some((k) => Math.abs(w * k - v) <= 1e-9 * Math.max(1, Math.abs(v)));
  // the values checked appear as written, in a row, somewhere in the text ("A100 at $1.91/hr" writes 1.91)
  const same = written.some((_, at) => at + values.length <= written.length && values.every((v, i) => is(written[at + i], v)));
  if (same) return claimed.text;
  return `${values.map(fmt).join("–")}${claimed.unit ? ` ${claimed.unit}` : ""} (read from the article's ${claimed.text})`;
}

/** A range's shown text: as written, or as checked when that differs. */
function rangeText(claimed: Claimed): string {
  return checkedText(claimed);
}

/** A verdict with the number behind it. */
export interface Verdict {
  readonly verdict: VerdictKind;
  /** claimed / recomputed (or / bound, / source value); null where no ratio applies. */
  readonly ratio: number | null;
  readonly explanation: string;
}

function fmt(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e9) return `${+(x / 1e9).toPrecision(4)}e9`;
  if (a >= 1e6) return `${+(x / 1e6).toPrecision(4)}e6`;
  if (a >= 100) return (+x.toPrecision(5)).toLocaleString("en-US");
  return `${+x.toPrecision(4)}`;
}

function pct(ratio: number): string {
  return `${((ratio - 1) * 100).toFixed(1)}%`;
}

/** The tolerance a claim is checked with (at its low end; a range's ends share their digits and hedge). */
export function toleranceOf(claimed: Claimed, value = claimed.low): Tolerance {
  return toleranceFor(claimed.text, value, claimed.hedge, claimed.hedgeReason);
}

/** The slip hint for a claim's ratio, with its evidence; null without evidence. */
export function hintFor(claimed: Claimed, ratio: number): SlipHint | null {
  const precision = claimed.low !== 0 ? toleranceOf(claimed).halfUlp / Math.abs(claimed.low) : 0;
  return slipHint(ratio, { terms: claimed.terms ?? "", precision, noHint: claimed.noHint });
}

function slipNote(claimed: Claimed, ratio: number): string {
  const h = hintFor(claimed, ratio);
  if (h) {
    return `; the ratio ${ratio.toPrecision(4)} suggests a slip: ${h.slip} (within ${(h.off * 100).toFixed(2)}% of ×${+h.factor.toPrecision(4)}; the formula has ${h.termWords}: ${h.matched.join(", ")})`;
  }
  if (claimed.noHint && hintFor({ ...claimed, noHint: null }, ratio) !== null) return `; the ratio ${ratio.toPrecision(4)} is not a unit slip: ${claimed.noHint}`;
  return "";
}

/** The registry's hedge override and its reason, for the explanation. */
function hedgeNote(claimed: Claimed): string {
  return claimed.hedge === undefined ? "" : ` [hedge '${claimed.hedge}' set by the registry: ${claimed.hedgeReason ?? "no reason given"}]`;
}

/** Compares one claimed value with one recomputed value. */
function compareOne(claimed: Claimed, value: number, recomputed: number): Verdict {
  const tol = toleranceOf(claimed, value);
  const diff = value - recomputed;
  const ratio = recomputed === 0 ? null : value / recomputed;
  if (tol.hedge === "at-least" && recomputed >= value - tol.halfUlp) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} is at least the claimed ${fmt(value)}` };
  }
  if (tol.hedge === "at-most" && recomputed <= value + tol.halfUlp) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} is at most the claimed ${fmt(value)}` };
  }
  if (Math.abs(diff) <= tol.halfUlp * (1 + 1e-9)) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} rounds to the claimed ${fmt(value)} (±${fmt(tol.halfUlp)}, its written digits)` };
  }
  const withinBand =
    tol.hedge === "order-of-magnitude"
      ? value > 0 && recomputed > 0 && Math.abs(Math.log(value / recomputed)) <= Math.log(ORDER_OF_MAGNITUDE_FACTOR)
      : Math.abs(diff) <= tol.band * (1 + 1e-9);
  if (withinBand) {
    return {
      verdict: "rounding",
      ratio,
      explanation: `recomputed ${fmt(recomputed)}; the claimed ${fmt(value)} is ${ratio === null ? "off" : pct(ratio)} away: outside its written digits (±${fmt(tol.halfUlp)}), inside what its hedge allows (${tol.rule})`,
    };
  }
  return {
    verdict: "inconsistent",
    ratio,
    explanation: `recomputed ${fmt(recomputed)} but the article states ${fmt(value)}, beyond its tolerance (${tol.rule})` + (ratio === null ? "" : ` (ratio ${ratio.toPrecision(4)})${slipNote(claimed, ratio)}`),
  };
}

const SEVERITY: Record<VerdictKind, number> = {
  reproduced: 0,
  rounding: 1,
  "within-bound": 2,
  "not-checkable": 3,
  inconsistent: 4,
  "contradicts-source": 5,
  "physically-impossible": 6,
};

/** The worse of two verdicts. */
export function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[b.verdict] > SEVERITY[a.verdict] ? b : a;
}

function withHedgeNote(claimed: Claimed, v: Verdict): Verdict {
  const note = hedgeNote(claimed);
  // The rule printed in a failing or rounding explanation already names the override and its reason.
  return note && !(claimed.hedgeReason && v.explanation.includes(claimed.hedgeReason)) ? { ...v, explanation: v.explanation + note } : v;
}

/**
 * Arithmetic or consistency check: does the recomputation (a value, or a [low, high] pair for a
 * range) match what the article states, to the precision it states it?
 */
export function checkRecomputed(claimed: Claimed, recomputed: number | readonly [number, number]): Verdict {
  return withHedgeNote(claimed, recomputedVerdict(claimed, recomputed));
}

function recomputedVerdict(claimed: Claimed, recomputed: number | readonly [number, number]): Verdict {
  if (typeof recomputed === "number") {
    if (claimed.low !== claimed.high) {
      // A range claim against one recomputed value: inside the range (widened by its precision) reproduces.
      if (recomputed >= claimed.low && recomputed <= claimed.high) {
        return { verdict: "reproduced", ratio: null, explanation: `recomputed ${fmt(recomputed)} lies in the claimed range ${fmt(claimed.low)}–${fmt(claimed.high)}` };
      }
      return recomputed < claimed.low ? compareOne(claimed, claimed.low, recomputed) : compareOne(claimed, claimed.high, recomputed);
    }
    return compareOne(claimed, claimed.low, recomputed);
  }
  const lo = compareOne(claimed, claimed.low, recomputed[0]);
  const hi = compareOne(claimed, claimed.high, recomputed[1]);
  const w = worse(lo, hi);
  if (w.verdict === "reproduced") {
    return { verdict: "reproduced", ratio: null, explanation: `recomputed ${fmt(recomputed[0])}–${fmt(recomputed[1])} matches the claimed ${fmt(claimed.low)}–${fmt(claimed.high)}` };
  }
  return { ...w, explanation: `${w === lo ? "low end" : "high end"}: ${w.explanation}` };
}

/**
 * Physics check: a claimed speed against the bandwidth bound (or 0 when the model does not fit).
 * The claim fails when even its low end exceeds the bound by more than its stated precision.
 * A claim under the bound is `within-bound`: possible, not reproduced (a bound is an upper limit,
 * not a measurement); a measurement that matches it makes it reproduced (`checkBoundAndMeasured`).
 */
export function checkBound(claimed: Claimed, boundValue: number, boundExplanation: string, boundName = "memory-bandwidth bound"): Verdict {
  if (boundValue === 0) {
    return { verdict: "physically-impossible", ratio: null, explanation: `no speed is possible: ${boundExplanation}` };
  }
  const tol = toleranceOf(claimed);
  const ratio = claimed.low / boundValue;
  if (claimed.low > boundValue + tol.halfUlp) {
    return {
      verdict: "physically-impossible",
      ratio,
      explanation: `the claimed ${fmt(claimed.low)} exceeds the ${boundName} of ${fmt(boundValue)} (${boundExplanation}) by ${pct(ratio)}`,
    };
  }
  const highRatio = claimed.high / boundValue;
  if (claimed.high > boundValue + toleranceOf(claimed, claimed.high).halfUlp) {
    return {
      verdict: "physically-impossible",
      ratio: highRatio,
      explanation: `the top of the claimed range, ${fmt(claimed.high)}, exceeds the ${boundName} of ${fmt(boundValue)} (${boundExplanation})`,
    };
  }
  return {
    verdict: "within-bound",
    ratio,
    explanation: `possible, not reproduced: within the ${boundName} of ${fmt(boundValue)}, the claim is ${(highRatio * 100).toFixed(0)}% of it (${boundExplanation}); a bound is an upper limit, not a measurement, and no measurement in the data confirms the figure`,
  };
}

/**
 * Physics check with measurements: the bound first (above it the claim is physically impossible);
 * under it, the measurements of the same or a comparable setup (the claim's source_refs) decide.
 * A measurement the claim matches (within its tolerance, as a source check) reproduces it; otherwise
 * it stays `within-bound`, saying where it sits among the measurements. The measurements are not
 * held against it as a contradiction: a comparable setup is not the setup the article names (a
 * measurement of that very setup belongs in a source check).
 */
export function checkBoundAndMeasured(claimed: Claimed, boundValue: number, boundExplanation: string, boundName: string, measured: readonly SourceValue[], measuredWhat = "the measurements"): Verdict {
  const bound = checkBound(claimed, boundValue, boundExplanation, boundName);
  if (bound.verdict !== "within-bound" || measured.length === 0) return bound;
  const within = `within the ${boundName} of ${fmt(boundValue)}, the claim is ${((claimed.high / boundValue) * 100).toFixed(0)}% of it (${boundExplanation})`;
  const m = checkSources(claimed, measured);
  if (m.verdict === "reproduced" || m.verdict === "rounding") {
    return { verdict: m.verdict, ratio: m.ratio ?? bound.ratio, explanation: `measured (${measuredWhat}): ${m.explanation}; and ${within}` };
  }
  const place = claimed.low === claimed.high ? `the claim is ${placeAmongSources(claimed.low, measured)}` : `the claimed ${rangeText(claimed)} ${rangeAmongSources(claimed, measured)}`;
  return { ...bound, explanation: `possible, not reproduced: ${within}; a bound is an upper limit, not a measurement, and the measurements it is compared with (${measuredWhat}) do not confirm it: ${place}` };
}

/** Where a claimed range sits among source values: "lies below every measured value (lowest …)". */
function rangeAmongSources(claimed: Claimed, values: readonly SourceValue[]): string {
  const lo = placeAmongSources(claimed.low, values);
  const hi = placeAmongSources(claimed.high, values);
  return lo === hi ? `lies ${lo}` : `runs from ${lo} to ${hi}`;
}

/** A value from a source row. */
export interface SourceValue {
  readonly value: number;
  readonly sourceId: string;
  /** The source's tier (sources.csv): "primary" (vendor page, model card, the benchmark's own run) or "secondary". */
  readonly tier?: string;
}

function src(v: SourceValue): string {
  return `${fmt(v.value)} (${v.sourceId}${v.tier === "primary" ? ", primary" : ""})`;
}

/** Where a value sits among the sources: "between 1,499 (a) and 1,799 (b)", "above every source (highest …)". */
export function placeAmongSources(value: number, values: readonly SourceValue[]): string {
  const sorted = [...values].sort((a, b) => a.value - b.value);
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const equal = sorted.filter((v) => v.value === value);
  if (equal.length > 0) return `equal to ${equal.map(src).join(", ")}` + (sorted.length > equal.length ? ` (sources span ${fmt(lo.value)}–${fmt(hi.value)})` : "");
  if (value < lo.value) return sorted.length === 1 ? `below the source's ${src(lo)}` : `below every source (lowest ${src(lo)})`;
  if (value > hi.value) return sorted.length === 1 ? `above the source's ${src(hi)}` : `above every source (highest ${src(hi)})`;
  const below = sorted.filter((v) => v.value < value).pop()!;
  const above = sorted.find((v) => v.value > value)!;
  return `between ${src(below)} and ${src(above)}`;
}

/**
 * Source check. A single figure passes when it matches a source within its tolerance (reproduced
 * inside its written digits, rounding inside its hedge's band). Otherwise it contradicts the
 * sources when it lies outside all of them, or when a primary source gives a value (the claim
 * should have matched it); a figure between secondary sources only, matching none, passes, saying
 * where it sits. A range claim passes when every source value lies inside it. Every explanation
 * says where the claim sits among the sources.
 */
export function checkSources(claimed: Claimed, values: readonly SourceValue[]): Verdict {
  return withHedgeNote(claimed, sourcesVerdict(claimed, values));
}

function sourcesVerdict(claimed: Claimed, values: readonly SourceValue[]): Verdict {
  if (values.length === 0) return { verdict: "not-checkable", ratio: null, explanation: "no source row gives this value" };
  const min = Math.min(...values.map((v) => v.value));
  const max = Math.max(...values.map((v) => v.value));
  const nearestOf = (vs: readonly SourceValue[], x: number) =>
    vs.reduce((a, b) => (Math.abs(Math.log(x / b.value)) < Math.abs(Math.log(x / a.value)) ? b : a));
  if (claimed.low !== claimed.high) {
    // A range claim ("$0.10-0.90"): consistent when every source value lies inside it (its ends widened by their tolerance).
    const tolLo = toleranceOf(claimed, claimed.low);
    const tolHi = toleranceOf(claimed, claimed.high);
    const loEdge = tolLo.hedge === "at-most" ? -Infinity : claimed.low - (tolLo.hedge === "approximate" ? tolLo.band : tolLo.halfUlp);
    const hiEdge = tolHi.hedge === "at-least" ? Infinity : claimed.high + (tolHi.hedge === "approximate" ? tolHi.band : tolHi.halfUlp);
    const strictLo = claimed.low - tolLo.halfUlp;
    const strictHi = claimed.high + tolHi.halfUlp;
    const outside = values.filter((v) => v.value < loEdge || v.value > hiEdge);
    const unit = claimed.unit && checkedText(claimed) !== claimed.text ? ` ${claimed.unit}` : "";
    const span = values.length === 1 ? `the source's ${src(values[0])}` : `every source value (${fmt(min)}–${fmt(max)}${unit}; ${[...new Set(values.map((v) => v.sourceId))].join(", ")})`;
    if (outside.length === 0) {
      const loose = values.some((v) => v.value < strictLo || v.value > strictHi);
      return loose
        ? { verdict: "rounding", ratio: null, explanation: `${span} lies in the claimed range ${rangeText(claimed)} only with its hedge (${tolLo.rule})` }
        : { verdict: "reproduced", ratio: null, explanation: `${span} lies in the claimed range ${rangeText(claimed)}` };
    }
    const o = outside.reduce((a, b) => (Math.max(a.value / claimed.high, claimed.low / a.value) >= Math.max(b.value / claimed.high, claimed.low / b.value) ? a : b));
    return { verdict: "contradicts-source", ratio: null, explanation: `source ${o.sourceId} gives ${fmt(o.value)}, outside the claimed range ${rangeText(claimed)} (${tolLo.rule}); sources: ${values.map(src).join(", ")}` };
  }
  const x = claimed.low;
  const place = placeAmongSources(x, values);
  const checks = values.map((v) => ({ v, c: compareOne(claimed, x, v.value) }));
  const byCloseness = (a: { v: SourceValue }, b: { v: SourceValue }) => Math.abs(Math.log(x / a.v.value)) - Math.abs(Math.log(x / b.v.value));
  const primaries = values.filter((v) => v.tier === "primary");
  const reproducing = checks.filter((k) => k.c.verdict === "reproduced").sort(byCloseness);
  const rounding = checks.filter((k) => k.c.verdict === "rounding").sort(byCloseness);
  const primaryNote = (matched: SourceValue) =>
    matched.tier !== "primary" && primaries.length > 0 && !checks.some((k) => k.v.tier === "primary" && (k.c.verdict === "reproduced" || k.c.verdict === "rounding"))
      ? `; the primary source ${src(nearestOf(primaries, x))} disagrees`
      : "";
  if (reproducing.length > 0) {
    const m = reproducing[0];
    return { ...m.c, explanation: `${m.c.explanation} (source ${m.v.sourceId}); the claim is ${place}${primaryNote(m.v)}` };
  }
  const tol = toleranceOf(claimed);
  const inside = x >= min && x <= max;
  if (inside && primaries.length === 0) {
    return { verdict: "reproduced", ratio: null, explanation: `the claimed ${checkedText(claimed)} lies ${place}, and no primary source gives a value (${tol.rule})` };
  }
  if (rounding.length > 0) {
    const m = rounding[0];
    return { ...m.c, explanation: `${m.c.explanation} (source ${m.v.sourceId}); the claim is ${place}${primaryNote(m.v)}` };
  }
  const against = inside ? nearestOf(primaries, x) : nearestOf(values, x);
  const ratio = x / against.value;
  const why = inside ? `it lies ${place}, but the primary source ${src(against)} disagrees` : `it lies ${place}`;
  return {
    verdict: "contradicts-source",
    ratio,
    explanation: `source ${against.sourceId} gives ${fmt(against.value)}; the article states ${checkedText(claimed)}, beyond its tolerance (${tol.rule}): ${why}${slipNote(claimed, ratio)}`,
  };
}

/** The words of a name, lower-cased, without punctuation: "Apple Mac Studio (M3 Ultra)" → apple mac studio m3 ultra. */
function nameTokens(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/**
 * A name the article gives against the names the sources give. It matches a source name when every
 * word of it appears in that name ("Mac Studio M3 Ultra" matches "Apple Mac Studio (M3 Ultra)";
 * "GDDR7" does not match "GDDR6X"). When the references list a lineup (their field is `name`),
 * a name no source lists is a product the sources do not know: contradicts-source, naming what
 * they list instead.
 */
export function checkName(claimed: string, names: readonly { readonly name: string; readonly sourceId: string }[], lineup: boolean): Verdict {
  if (names.length === 0) return { verdict: "not-checkable", ratio: null, explanation: "no cited source gives a value to compare the name with" };
  const want = nameTokens(claimed);
  const hits = names.filter((n) => {
    const have = new Set(nameTokens(n.name));
    return want.every((t) => have.has(t));
  });
  if (hits.length > 0) {
    return { verdict: "reproduced", ratio: null, explanation: `matches ${[...new Set(hits.map((h) => `${h.name} (${h.sourceId})`))].join(", ")}` };
  }
  const distinct = [...new Set(names.map((n) => n.name))];
  const bySource = distinct.map((n) => `${n} (${[...new Set(names.filter((x) => x.name === n).map((x) => x.sourceId))].join(", ")})`);
  return {
    verdict: "contradicts-source",
    ratio: null,
    explanation: lineup
      ? `no source lists a product named "${claimed}": it does not exist in the cited lineup, which has ${bySource.join("; ")}`
      : `the sources give ${bySource.join("; ")}, not "${claimed}"`,
  };
}
