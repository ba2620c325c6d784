/**
 * The committed reports/ must be exactly what `npm run reports` renders from this
 * commit: render notebooks/ into a temporary folder and compare byte for byte.
 * When this fails, run `npm run reports` and commit reports/.
 */
import { rmSync } from "fs";
import { afterAll, describe, expect, it } from "vitest";
import { renderReports } from "../../lib/render/render";
import { NOTEBOOKS, readTree, REPORTS, ROOT, tempDir } from "./helpers";

const out = tempDir("staleness");
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("reports/", () => {
  it("is byte-identical to a fresh render of notebooks/ (else run `npm run reports`)", async () => {
    const result = await renderReports({ root: ROOT, notebooksDir: NOTEBOOKS, outDir: out });
    expect(result.reports.filter((r) => r.status === "failed")).toEqual([]);
    expect(result.verdictsError).toBeUndefined();
    const expected = readTree(out);
    const actual = readTree(REPORTS);
    expect([...actual.keys()], "files in reports/").toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) {
      expect(actual.get(file)?.equals(bytes), `reports/${file} differs from a fresh render: run npm run reports`).toBe(true);
    }
  }, 600_000);
});
