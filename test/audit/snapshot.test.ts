/**
 * The audit's verdicts are pinned: a change to a model, a datum or the registry that moves a
 * verdict or a ratio fails here with a table of what moved, until it is accepted on purpose with
 * `npm run audit -- --write-snapshot` (and the change reviewed in the commit's diff).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { auditArticles, formatVerdictChanges, pinVerdicts, verdictChanges, type AuditResult, type PinnedVerdict } from "../../lib/audit";

const pinned = JSON.parse(readFileSync(resolve(__dirname, "verdicts.snapshot.json"), "utf8")) as PinnedVerdict[];

const fake = (claimId: string, verdict: AuditResult["verdict"], ratio: number | null): AuditResult =>
  ({ claimId, verdict, ratio, inheritedFrom: [] }) as unknown as AuditResult;

describe("pinned verdicts", () => {
  it("every claim's verdict and ratio is what test/audit/verdicts.snapshot.json pins", () => {
    const changes = verdictChanges(pinned, pinVerdicts(auditArticles().results));
    if (changes.length > 0) {
      expect.fail(`${changes.length} verdict(s) moved; if that is intended, run npm run audit -- --write-snapshot\n${formatVerdictChanges(changes)}`);
    }
  });
  it("a moved verdict, a moved ratio, a new and a removed claim all show in the table", () => {
    const was = pinVerdicts([fake("a", "reproduced", 1.0001), fake("b", "rounding", 0.9), fake("gone", "reproduced", 1)]);
    const now = pinVerdicts([fake("a", "inconsistent", 1.4), fake("b", "rounding", 0.90004), fake("new", "not-checkable", null)]);
    const changes = verdictChanges(was, now);
    // b moved by less than four significant digits: not a change
    expect(changes.map((c) => c.claimId)).toEqual(["a", "new", "gone"]);
    const table = formatVerdictChanges(changes);
    expect(table).toMatch(/a\s+reproduced \(1\)\s+inconsistent \(1\.4\)/);
    expect(table).toMatch(/gone\s+reproduced \(1\)\s+\(absent\)/);
  });
});
