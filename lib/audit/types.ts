/**
 * Types of the claims registry (data/claims/*.csv) and of audit results.
 */
import type { Hedge, Tolerance } from "./stated";
import type { VerdictKind } from "./verdict";

/** How a claim is checked. */
export type CheckKind = "arithmetic" | "source" | "physics" | "consistency" | "name" | "none";

export const CHECK_KINDS: readonly CheckKind[] = ["arithmetic", "source", "physics", "consistency", "name", "none"];

/** One row of the claims registry. */
export interface ClaimRow {
  /** Unique id, e.g. "lt-cost-rig-full". */
  readonly claim_id: string;
  /** The article's source id (local-tokenomics, …). */
  readonly article_id: string;
  /** Where the claim is: section heading, or table with row and column. */
  readonly location: string;
  /** The claim in a few words of our own. */
  readonly claim: string;
  /** The figure as printed, e.g. "~$0.74" (short: the number and its unit words only). */
  readonly claimed_text: string;
  /** Claimed value, or the low end of a range, in `unit`. */
  readonly claimed_low: number;
  /** High end of a range; null for a single figure. */
  readonly claimed_high: number | null;
  /** mathjs unit of the claim, e.g. "USD/Mtok", "tok/s", "USD/mo720"; "" for a plain number. */
  readonly unit: string;
  /** Overrides the hedge inferred from claimed_text. */
  readonly hedge: Hedge | null;
  readonly check: CheckKind;
  /** mathjs recomputation (arithmetic, consistency, physics). */
  readonly formula: string | null;
  /** Unit of the formula's result when it differs from `unit`. */
  readonly formula_unit: string | null;
  /** Data references: a source check's sources; a physics check's measurements of the same or a comparable setup; informative for others. */
  readonly source_refs: string | null;
  /** Why a claim is not checkable, or a note on the check. */
  readonly note: string | null;
  /** Name check: the name the article gives (memory type, product, chip, precision, vendor). */
  readonly claimed_name: string | null;
  /** Claim ids this figure is computed from, ';'-separated, besides those its formula reads with claim(). */
  readonly derived_from: string | null;
  /** Why the hedge overrides the wording (required with hedge). */
  readonly hedge_reason: string | null;
  /** Why no unit-slip hint applies to this claim's ratio. */
  readonly no_hint: string | null;
}

/** A number in an article that is not a claim (a date, a model name's digits, a count of readers). */
export interface NotClaimRow {
  readonly article_id: string;
  /** The number as printed. */
  readonly text: string;
  readonly reason: string;
}

/** The audit's result for one claim (the fields of `npm run audit -- --json`). */
export interface AuditResult {
  readonly article: string;
  readonly claimId: string;
  readonly claim: string;
  readonly location: string;
  /** The figure as the article prints it. */
  readonly claimed: string;
  readonly claimedLow: number;
  readonly claimedHigh: number | null;
  /** The recomputed value (or [low, high], or the bound for physics, or the nearest source value); null when not checkable. */
  readonly recomputed: number | readonly [number, number] | null;
  readonly unit: string;
  readonly check: CheckKind;
  readonly verdict: VerdictKind;
  readonly ratio: number | null;
  readonly explanation: string;
  /** Source ids behind the check, the article first. */
  readonly sources: readonly string[];
  /** The claims this one is computed from (its formula's claim() references and derived_from). */
  readonly dependsOn: readonly string[];
  /** When an input fails: the chain of failing claims it follows from, nearest first; empty otherwise. */
  readonly inheritedFrom: readonly string[];
  /** The verdict of its own check, before any inherited failure. */
  readonly ownVerdict: VerdictKind;
  /** The recomputation with every failing input at its corrected value (the input's recomputation or bound); null when none applies. */
  readonly corrected: number | readonly [number, number] | null;
  /** The tolerance the claim was checked with (hedge, where it comes from, half a unit in the last written digit, band, the rule in words); null for unchecked and name claims. */
  readonly tolerance: Tolerance | null;
}
