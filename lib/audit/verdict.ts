/**
 * Verdicts: compare a claimed figure with a recomputation, a bound or source values.
 */
import { telltaleFor } from "./factors";
import { ORDER_OF_MAGNITUDE_FACTOR, toleranceFor, type Hedge } from "./stated";

/** The verdicts a claim can get. */
export type VerdictKind =
  | "reproduced"
  | "rounding"
  | "inconsistent"
  | "contradicts-source"
  | "physically-impossible"
  | "not-checkable";

export const VERDICT_KINDS: readonly VerdictKind[] = ["reproduced", "rounding", "inconsistent", "contradicts-source", "physically-impossible", "not-checkable"];

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

function slipNote(ratio: number): string {
  const t = telltaleFor(ratio);
  return t ? `; the ratio ${ratio.toPrecision(4)} suggests a slip: ${t.slip}` : "";
}

/** Compares one claimed value with one recomputed value. */
function compareOne(claimedText: string, claimed: number, recomputed: number, hedge: Hedge | undefined): Verdict {
  const tol = toleranceFor(claimedText, claimed, hedge);
  const diff = claimed - recomputed;
  const ratio = recomputed === 0 ? null : claimed / recomputed;
  if (tol.hedge === "at-least" && recomputed >= claimed - tol.halfUlp) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} is at least the claimed ${fmt(claimed)}` };
  }
  if (tol.hedge === "at-most" && recomputed <= claimed + tol.halfUlp) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} is at most the claimed ${fmt(claimed)}` };
  }
  if (Math.abs(diff) <= tol.halfUlp * (1 + 1e-9)) {
    return { verdict: "reproduced", ratio, explanation: `recomputed ${fmt(recomputed)} rounds to the claimed ${fmt(claimed)}` };
  }
  const withinBand =
    tol.hedge === "order-of-magnitude"
      ? claimed > 0 && recomputed > 0 && Math.abs(Math.log(claimed / recomputed)) <= Math.log(ORDER_OF_MAGNITUDE_FACTOR)
      : Math.abs(diff) <= tol.band * (1 + 1e-9);
  if (withinBand) {
    return {
      verdict: "rounding",
      ratio,
      explanation: `recomputed ${fmt(recomputed)}; the claimed ${fmt(claimed)} is ${ratio === null ? "off" : pct(ratio)} away, within the ${tol.hedge} wording's allowance but not the written digits`,
    };
  }
  return {
    verdict: "inconsistent",
    ratio,
    explanation: `recomputed ${fmt(recomputed)} but the article states ${fmt(claimed)}` + (ratio === null ? "" : ` (ratio ${ratio.toPrecision(4)})${slipNote(ratio)}`),
  };
}

const SEVERITY: Record<VerdictKind, number> = {
  reproduced: 0,
  rounding: 1,
  "not-checkable": 2,
  inconsistent: 3,
  "contradicts-source": 4,
  "physically-impossible": 5,
};

/** The worse of two verdicts. */
export function worse(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[b.verdict] > SEVERITY[a.verdict] ? b : a;
}

/**
 * Arithmetic or consistency check: does the recomputation (a value, or a [low, high] pair for a
 * range) match what the article states, to the precision it states it?
 */
export function checkRecomputed(claimed: Claimed, recomputed: number | readonly [number, number]): Verdict {
  if (typeof recomputed === "number") {
    if (claimed.low !== claimed.high) {
      // A range claim against one recomputed value: inside the range (widened by its precision) reproduces.
      const lo = compareOne(claimed.text, claimed.low, recomputed, claimed.hedge);
      const hi = compareOne(claimed.text, claimed.high, recomputed, claimed.hedge);
      if (recomputed >= claimed.low && recomputed <= claimed.high) {
        return { verdict: "reproduced", ratio: null, explanation: `recomputed ${fmt(recomputed)} lies in the claimed range ${fmt(claimed.low)}–${fmt(claimed.high)}` };
      }
      return recomputed < claimed.low ? lo : hi;
    }
    return compareOne(claimed.text, claimed.low, recomputed, claimed.hedge);
  }
  const lo = compareOne(claimed.text, claimed.low, recomputed[0], claimed.hedge);
  const hi = compareOne(claimed.text, claimed.high, recomputed[1], claimed.hedge);
  const w = worse(lo, hi);
  if (w.verdict === "reproduced") {
    return { verdict: "reproduced", ratio: null, explanation: `recomputed ${fmt(recomputed[0])}–${fmt(recomputed[1])} matches the claimed ${fmt(claimed.low)}–${fmt(claimed.high)}` };
  }
  return { ...w, explanation: `${w === lo ? "low end" : "high end"}: ${w.explanation}` };
}

/**
 * Physics check: a claimed speed against the bandwidth bound (or 0 when the model does not fit).
 * The claim fails when even its low end exceeds the bound by more than its stated precision.
 */
export function checkBound(claimed: Claimed, boundValue: number, boundExplanation: string, boundName = "memory-bandwidth bound"): Verdict {
  if (boundValue === 0) {
    return { verdict: "physically-impossible", ratio: null, explanation: `no speed is possible: ${boundExplanation}` };
  }
  const tol = toleranceFor(claimed.text, claimed.low, claimed.hedge);
  const ratio = claimed.low / boundValue;
  if (claimed.low > boundValue + tol.halfUlp) {
    return {
      verdict: "physically-impossible",
      ratio,
      explanation: `the claimed ${fmt(claimed.low)} exceeds the ${boundName} of ${fmt(boundValue)} (${boundExplanation}) by ${pct(ratio)}`,
    };
  }
  const highRatio = claimed.high / boundValue;
  if (claimed.high > boundValue + tol.halfUlp) {
    return {
      verdict: "physically-impossible",
      ratio: highRatio,
      explanation: `the top of the claimed range, ${fmt(claimed.high)}, exceeds the ${boundName} of ${fmt(boundValue)} (${boundExplanation})`,
    };
  }
  return { verdict: "reproduced", ratio, explanation: `within the ${boundName} of ${fmt(boundValue)}: the claim is ${(highRatio * 100).toFixed(0)}% of it (${boundExplanation})` };
}

/** A value from a source row. */
export interface SourceValue {
  readonly value: number;
  readonly sourceId: string;
}

/**
 * Source check: does the claim match what the sources say? Matching any source row (within the
 * claim's precision) or lying inside the range the sources span reproduces; otherwise the claim
 * contradicts the nearest source, named with its value.
 */
export function checkSources(claimed: Claimed, values: readonly SourceValue[]): Verdict {
  if (values.length === 0) return { verdict: "not-checkable", ratio: null, explanation: "no source row gives this value" };
  const min = Math.min(...values.map((v) => v.value));
  const max = Math.max(...values.map((v) => v.value));
  const ids = [...new Set(values.map((v) => v.sourceId))].join(", ");
  if (claimed.low !== claimed.high) {
    // A range claim ("$0.10-0.90"): consistent when every source value lies inside it.
    const tol = toleranceFor(claimed.text, claimed.high, claimed.hedge);
    const outside = values.filter((v) => v.value < claimed.low - tol.halfUlp || v.value > claimed.high + tol.halfUlp);
    if (outside.length === 0) {
      return { verdict: "reproduced", ratio: null, explanation: `every source value (${fmt(min)}–${fmt(max)}; ${ids}) lies in the claimed range` };
    }
    const o = outside[0];
    return { verdict: "contradicts-source", ratio: null, explanation: `source ${o.sourceId} gives ${fmt(o.value)}, outside the claimed range ${claimed.text}` };
  }
  let best: { verdict: Verdict; value: SourceValue } | null = null;
  for (const v of values) {
    const c = checkRecomputed(claimed, v.value);
    if (!best || SEVERITY[c.verdict] < SEVERITY[best.verdict.verdict] ||
      (c.verdict === best.verdict.verdict && Math.abs(Math.log(claimed.low / v.value)) < Math.abs(Math.log(claimed.low / best.value.value)))) {
      best = { verdict: c, value: v };
    }
  }
  const b = best!;
  if (b.verdict.verdict === "reproduced") {
    return { ...b.verdict, explanation: `${b.verdict.explanation} (source ${b.value.sourceId})` };
  }
  if (claimed.low >= min && claimed.high <= max) {
    return { verdict: "reproduced", ratio: null, explanation: `within the range the sources give, ${fmt(min)}–${fmt(max)} (${ids})` };
  }
  if (b.verdict.verdict === "rounding") {
    return { ...b.verdict, explanation: `${b.verdict.explanation} (source ${b.value.sourceId})` };
  }
  const ratio = claimed.low / b.value.value;
  return {
    verdict: "contradicts-source",
    ratio,
    explanation: `source ${b.value.sourceId} gives ${fmt(b.value.value)}` + (values.length > 1 ? ` (sources span ${fmt(min)}–${fmt(max)})` : "") + `; the article states ${claimed.text}${slipNote(ratio)}`,
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
