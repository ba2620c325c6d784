/**
 * Adding an article, as data/README.md's guide does it, in a temporary copy of data/: the starter
 * registers the source and writes a claims file with every number of the text; the auditor gives
 * the claims their checks and the case its inputs; the audit and the case then run like the
 * five articles'.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditArticles, claimPrefix, reportNotebookName, startArticle } from "../../lib/audit";
import { articleNotebookOptions, articleNotebookText } from "../../lib/report/article-notebook";
import { defaultDataDir, loadData } from "../../lib/data";
import { articleCase, articleIds } from "../../lib/articles";

const text = readFileSync(resolve(__dirname, "../fixtures/articles/tiny-rig.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "llm-breakeven-new-article-"));
cpSync(defaultDataDir(), dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a sixth article, from text to audited case", () => {
  it("npm run audit -- new writes the source, a claims file with every number and its section, and never overwrites", () => {
    const r = startArticle(dir, "tiny-rig", text, { url: "seed:test/fixtures/articles/tiny-rig.md", dateAccessed: "2026-12-05" });
    expect(r.sourceAdded).toBe(true);
    // 3090, 1,800, 36, 700, 0.30, 17, 0.60, 90: every number the text prints
    expect(r.claims).toBe(8);
    const claims = readFileSync(r.claimsFile, "utf8").split("\n");
    expect(claims[1]).toMatch(/^tr-001,tiny-rig,§ The build \(line 5\),TODO: the claim in the project's own words,3090,3090,/);
    expect(claims[5]).toMatch(/^tr-005,tiny-rig,§ The build \(line 6\),.*,0\.30,0\.3,/);
    expect(claimPrefix("tiny-rig")).toBe("tr");
    expect(() => startArticle(dir, "tiny-rig", text, { url: "seed:x", dateAccessed: "2026-12-05" })).toThrow(/exists: the starter never overwrites/);
    expect(() => startArticle(dir, "Tiny Rig", text, { url: "seed:x", dateAccessed: "2026-12-05" })).toThrow(/use lower-case words joined by "-"/);
    // the data still loads, the new registry included, and its claims are all waiting for a check
    const audit = auditArticles({ dir, article: "tiny-rig" });
    expect(audit.results.every((x) => x.verdict === "not-checkable")).toBe(true);
  });

  it("an article read after the data's as-of date moves that date forward, so the data still loads (and the reports' 'data as of' is not older than what it holds)", () => {
    const later = mkdtempSync(join(tmpdir(), "llm-breakeven-as-of-"));
    try {
      cpSync(defaultDataDir(), later, { recursive: true });
      const before = JSON.parse(readFileSync(join(later, "datapackage.json"), "utf8"))["x-data-as-of"];
      expect(before < "2099-01-15").toBe(true);
      const r = startArticle(later, "tiny-rig", text, { url: "seed:test/fixtures/articles/tiny-rig.md", dateAccessed: "2099-01-15" });
      expect(r.asOfMoved).toBe("2099-01-15");
      expect(JSON.parse(readFileSync(join(later, "datapackage.json"), "utf8"))["x-data-as-of"]).toBe("2099-01-15");
      expect(loadData(later).package["x-data-as-of"]).toBe("2099-01-15");
    } finally {
      rmSync(later, { recursive: true, force: true });
    }
  });

  it("with the claims given checks and the case its inputs, the case and the audit run: the rig never breaks even against $0.60", () => {
    // the auditor's edits: "3090" is a product name; the break-even gets its formula; the case's inputs are stated
    const claimsFile = join(dir, "claims/tiny-rig.csv");
    const lines = readFileSync(claimsFile, "utf8").split("\n");
    const header = lines[0].split(",");
    const rows = lines.slice(1).filter((l) => l.length > 0).filter((l) => !l.startsWith("tr-001,"));
    const be = rows.findIndex((l) => l.startsWith("tr-008,"));
    const q = (x: string) => (/[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
    const filled: Record<string, string> = {
      claim_id: "tr-008",
      article_id: "tiny-rig",
      location: "§ The answer (line 11)",
      claim: "Break-even volume against a $0.60/Mtok API",
      claimed_text: "about 90 million tokens a month",
      claimed_low: "90000000",
      unit: "tok/mo720",
      check: "arithmetic",
      formula: "breakEvenTokens(ownedScenario({hardwareUsd: 1800, lifeMonths: 36, loadWatts: 700, usdPerKWh: 0.3, tokensPerSecond: 17, hoursPerMonth: 720}), 0.6)",
      note: "the rig's stated inputs",
    };
    rows[be] = header.map((h) => q(filled[h] ?? "")).join(",");
    writeFileSync(claimsFile, [lines[0], ...rows].join("\n") + "\n");
    appendFileSync(join(dir, "claims/tiny-rig.not-claims.csv"), "tiny-rig,3090,a product name's digits\n");
    const inputs = [
      ["hardwareUsd", "1800", "USD"], ["lifeMonths", "36", "month"], ["loadWatts", "700", "W"], ["usdPerKWh", "0.3", "USD/kWh"],
      ["tokensPerSecond", "17", "tok/s"], ["hoursPerMonth", "720", "hour"], ["apiUsdPerMTok", "0.6", "USD/Mtok"], ["claimedBreakEvenTokens", "90000000", "tok/month"],
    ];
    const header2 = readFileSync(join(dir, "article_inputs.csv"), "utf8").split("\n")[0].split(",");
    appendFileSync(join(dir, "article_inputs.csv"), inputs.map(([input, value, unit]) => header2.map((h) => ({ source_id: "tiny-rig", case_id: "two-3090s", input, value, unit, stated: "true", location: "§ The build" } as Record<string, string>)[h] ?? "").join(",")).join("\n") + "\n");

    const data = loadData(dir);
    expect(articleIds(data)).toContain("tiny-rig");
    const c = articleCase(data, "tiny-rig");
    // power alone: 0.7 kW × $0.30 / (17 × 3600 tokens an hour) × 1e6 = $3.43 per million, above $0.60
    expect(c.month.marginalUsdPerMTok).toBeCloseTo(((0.7 * 0.3) / (17 * 3600)) * 1e6, 6);
    expect(c.breakEven).toMatchObject({ kind: "never", reason: "api-at-or-below-marginal-cost" });
    const r = auditArticles({ dir, article: "tiny-rig" }).results.find((x) => x.claimId === "tr-008")!;
    expect(r.verdict).toBe("physically-impossible");
    expect(r.explanation).toMatch(/^no setup can reach it: the API's \$0\.600\/Mtok is at or below the self-hosted marginal cost/);
  });

  it("with a notebooks folder, also writes the report notebook from the template, numbered after the others, and never overwrites one", () => {
    const data2 = mkdtempSync(join(tmpdir(), "llm-breakeven-new-article-data-"));
    const nbs = mkdtempSync(join(tmpdir(), "llm-breakeven-new-article-notebooks-"));
    try {
      cpSync(defaultDataDir(), data2, { recursive: true });
      for (const f of ["00-how-to-read.ipynb", "01-a.ipynb", "02-b.ipynb", "03-c.ipynb", "04-d.ipynb", "05-e.ipynb", "10-f.ipynb"]) writeFileSync(join(nbs, f), "{}");
      expect(reportNotebookName(nbs, "tiny-rig")).toBe("06-tiny-rig.ipynb");
      const r = startArticle(data2, "tiny-rig", text, { url: "seed:x", dateAccessed: "2026-12-05", publisher: "Fixture Press", notebooksDir: nbs });
      expect(r.notebookFile).toBe(join(nbs, "06-tiny-rig.ipynb"));
      const written = readFileSync(r.notebookFile!, "utf8");
      const own = articleNotebookOptions(JSON.parse(written));
      // the template with the article's id and title, and placeholders for the prose that must be its own
      expect(written).toBe(articleNotebookText(own));
      expect(own.article).toBe("tiny-rig");
      expect(own.intro).toMatch(/^# A Tiny Rig Pays Off \(Fixture Press\): the numbers, rechecked\n\nTODO: /);
      expect(own.takeaway).toMatch(/^TODO: /);
      expect(own.uncertainty).toBe(false);
      // a second start stops at the notebook too, before writing anything
      expect(() => reportNotebookName(nbs, "tiny-rig")).toThrow(/06-tiny-rig\.ipynb exists: the starter never overwrites a report/);
      const data3 = mkdtempSync(join(tmpdir(), "llm-breakeven-new-article-data-"));
      try {
        cpSync(defaultDataDir(), data3, { recursive: true });
        const sources = readFileSync(join(data3, "sources.csv"), "utf8");
        expect(() => startArticle(data3, "tiny-rig", text, { url: "seed:x", dateAccessed: "2026-12-05", notebooksDir: nbs })).toThrow(/never overwrites a report/);
        expect(existsSync(join(data3, "claims/tiny-rig.csv"))).toBe(false);
        expect(readFileSync(join(data3, "sources.csv"), "utf8")).toBe(sources);
      } finally {
        rmSync(data3, { recursive: true, force: true });
      }
      expect(readdirSync(nbs).filter((f) => f.includes("tiny-rig"))).toEqual(["06-tiny-rig.ipynb"]);
      mkdirSync(join(nbs, "sub")); // a folder is not a notebook
      expect(reportNotebookName(nbs, "other-article")).toBe("07-other-article.ipynb");
    } finally {
      rmSync(data2, { recursive: true, force: true });
      rmSync(nbs, { recursive: true, force: true });
    }
  });
});
