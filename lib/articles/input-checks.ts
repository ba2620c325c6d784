/**
 * The verdicts of a case's inputs: when an article's case uses a figure whose own claim fails the
 * audit, a report must say so where it uses it, and show the headline both as the article
 * computes it and with every physically impossible input at the nearest value physics allows
 * (the bound its claim was checked against: a serving ceiling or a bandwidth bound).
 */
import type { Data } from "../data/index";
import type { AuditResult } from "../audit/types";
import type { VerdictKind } from "../audit/verdict";
import { convert } from "../audit/units";
import { articleCase, type ArticleCase, type ArticleId } from "./cases";

/** Verdicts that mean a figure is wrong. */
export const FAILING_VERDICTS: readonly VerdictKind[] = ["inconsistent", "contradicts-source", "physically-impossible"];

/** An input of a case whose claim fails a check. */
export interface FailingInput {
  readonly input: string;
  readonly value: number;
  readonly unit: string;
  readonly claimId: string;
  readonly verdict: VerdictKind;
  readonly explanation: string;
  /** The nearest value physics allows, in the input's unit, when the claim is above a bound; else null. */
  readonly nearestPossible: number | null;
}

/** A case's inputs checked against the audit. */
export interface CaseInputCheck {
  readonly failing: readonly FailingInput[];
  /** Input values that make the case physically possible (the nearest possible values); empty when none is needed. */
  readonly physicalOverrides: Readonly<Record<string, number>>;
  /** The case rebuilt with physicalOverrides; null when every input is physically possible. */
  readonly physical: ArticleCase | null;
}

/**
 * Which inputs of a case fail their own claim's check (data/article_inputs.csv names the claim in
 * claim_id). Inputs the caller overrides are the caller's, not the article's, and are not flagged.
 *
 * @example tco-breakdown: tokensPerSecond = 70,000 (claim tb-fin-a100-tps) is physically impossible;
 *   nearest possible 10,541, the A100's serving ceiling for Qwen3 14B in BF16
 */
export function checkCaseInputs(data: Data, c: ArticleCase, results: readonly AuditResult[], overrides: Readonly<Record<string, number>> = {}): CaseInputCheck {
  const byId = new Map(results.map((r) => [r.claimId, r]));
  const failing: FailingInput[] = [];
  for (const row of data.article_inputs.rows.filter((r) => r.source_id === c.article && r.claim_id !== null)) {
    // The article's own results (claimed…) are compared with the case, not fed into it.
    if (row.input in overrides || row.input.startsWith("claimed")) continue;
    const r = byId.get(row.claim_id!);
    if (!r) throw new RangeError(`data/article_inputs.csv: ${c.article} ${row.input} names claim ${row.claim_id}, which the audit did not run`);
    if (!FAILING_VERDICTS.includes(r.verdict)) continue;
    let nearestPossible: number | null = null;
    if (r.verdict === "physically-impossible" && r.check === "physics" && typeof r.recomputed === "number" && r.recomputed > 0) {
      try {
        nearestPossible = convert(r.recomputed, r.unit, row.unit ?? "");
      } catch {
        nearestPossible = null;
      }
    }
    // the value the case uses (a data_ref row has it only there)
    const value = c.inputs.find((i) => i.name === row.input)?.value ?? row.value;
    if (value === null) continue;
    failing.push({ input: row.input, value, unit: row.unit ?? "", claimId: r.claimId, verdict: r.verdict, explanation: r.explanation, nearestPossible });
  }
  const physicalOverrides: Record<string, number> = {};
  for (const f of failing) if (f.nearestPossible !== null) physicalOverrides[f.input] = f.nearestPossible;
  const physical = Object.keys(physicalOverrides).length === 0 ? null : articleCase(data, c.article as ArticleId, { ...overrides, ...physicalOverrides });
  return { failing, physicalOverrides, physical };
}

/** A sentence naming the failing inputs, for a headline's caveat; null when none fails. */
export function inputCaveat(check: CaseInputCheck): string | null {
  if (check.failing.length === 0) return null;
  const parts = check.failing.map(
    (f) => `${f.input} = ${f.value.toLocaleString("en-US")}${f.unit ? ` ${f.unit}` : ""} (claim ${f.claimId}: ${f.verdict})` + (f.nearestPossible !== null ? `; physics allows at most ${f.nearestPossible >= 1000 ? Math.round(f.nearestPossible).toLocaleString("en-US") : +f.nearestPossible.toPrecision(4)}` : ""),
  );
  return `computed from an input that fails the audit: ${parts.join("; ")}`;
}
