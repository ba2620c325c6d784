/**
 * The pinned verdicts: every claim's verdict and ratio, committed in
 * test/audit/verdicts.snapshot.json, so that a change to a model or a datum that moves a verdict
 * is seen and accepted on purpose (`npm run audit -- --write-snapshot`).
 */
import type { AuditResult } from "./types";

/** One claim's pinned verdict. */
export interface PinnedVerdict {
  readonly claimId: string;
  readonly verdict: string;
  /** The ratio to four significant digits; null when none applies. */
  readonly ratio: number | null;
  /** The claim it follows from, when the verdict is inherited. */
  readonly follows: string | null;
}

/** A claim whose pinned verdict or ratio moved. */
export interface VerdictChange {
  readonly claimId: string;
  readonly was: PinnedVerdict | null;
  readonly now: PinnedVerdict | null;
}

/** Ratios are pinned to four significant digits: a move smaller than that is noise, not a change. */
function round4(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : +x.toPrecision(4);
}

/** The pinned form of audit results, in registry order. */
export function pinVerdicts(results: readonly AuditResult[]): PinnedVerdict[] {
  return results.map((r) => ({ claimId: r.claimId, verdict: r.verdict, ratio: round4(r.ratio), follows: r.inheritedFrom[0] ?? null }));
}

/** Claims added, removed, or whose verdict, ratio or inherited source changed. */
export function verdictChanges(pinned: readonly PinnedVerdict[], now: readonly PinnedVerdict[]): VerdictChange[] {
  const before = new Map(pinned.map((p) => [p.claimId, p]));
  const after = new Map(now.map((p) => [p.claimId, p]));
  const changes: VerdictChange[] = [];
  for (const p of now) {
    const b = before.get(p.claimId) ?? null;
    if (b === null || b.verdict !== p.verdict || b.ratio !== p.ratio || b.follows !== p.follows) changes.push({ claimId: p.claimId, was: b, now: p });
  }
  for (const b of pinned) if (!after.has(b.claimId)) changes.push({ claimId: b.claimId, was: b, now: null });
  return changes;
}

/** A readable table of changes, one line each: "claim  verdict (ratio) → verdict (ratio)". */
export function formatVerdictChanges(changes: readonly VerdictChange[]): string {
  const cell = (p: PinnedVerdict | null) => (p === null ? "(absent)" : `${p.verdict}${p.ratio === null ? "" : ` (${p.ratio})`}${p.follows ? ` ← ${p.follows}` : ""}`);
  const rows = changes.map((c) => [c.claimId, cell(c.was), cell(c.now)]);
  const head = ["claim", "pinned", "now"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((s, i) => s.padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
