/**
 * One report template: every article's notebook in notebooks/ is lib/report/article-notebook.ts's
 * template around its own prose (introduction, take-away, explorer title), byte for byte, so no
 * report drifts from the others; every article with a case has one; and the sections of
 * lib/report/article-report.ts check their parameters and their case in the reader's words.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { articleIds } from "../../lib/articles";
import { loadData } from "../../lib/data";
import { articleNotebookOptions, articleNotebookText } from "../../lib/report/article-notebook";
import { articleReport, show } from "../../lib/report/article-report";

const NOTEBOOKS = resolve(__dirname, "../../notebooks");
const data = loadData();

/** The notebooks whose parameters cell names an article, with their own parts. */
const reports = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith(".ipynb"))
  .map((file) => ({ file, text: readFileSync(join(NOTEBOOKS, file), "utf8") }))
  .filter(({ text }) => /"const article = /.test(text))
  .map(({ file, text }) => ({ file, text, own: articleNotebookOptions(JSON.parse(text)) }));

describe("the article reports: one template", () => {
  it("every article with a case in data/article_inputs.csv has exactly one report notebook, named after it", () => {
    const ids = articleIds(data);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(reports.map((r) => r.own.article).sort()).toEqual([...ids].sort());
    for (const r of reports) expect(r.file).toMatch(new RegExp(`^\\d{2}-${r.own.article}\\.ipynb$`));
  });

  it("each is the template around its own introduction, take-away and explorer title, byte for byte", () => {
    for (const r of reports) expect(r.text, `${r.file}: regenerate it from lib/report/article-notebook.ts`).toBe(articleNotebookText(r.own));
  });

  it("its own prose is written for it: titled, naming its article, not shared with another report, no placeholder left", () => {
    for (const r of reports) {
      expect(r.own.intro, r.file).toMatch(/^# .+: the numbers, rechecked\n/);
      expect(r.own.intro, r.file).toContain(`\`${r.own.article}\``);
      for (const text of [r.own.intro, r.own.takeaway, r.own.explorer.title]) expect(text, r.file).not.toMatch(/TODO/);
    }
    for (const part of ["takeaway", "intro"] as const) expect(new Set(reports.map((r) => r.own[part])).size).toBe(reports.length);
    expect(new Set(reports.map((r) => r.own.explorer.title)).size).toBe(reports.length);
  });
});

describe("articleReport: the sections behind the template", () => {
  it("checks the notebook's parameters in their own names", () => {
    expect(() => articleReport(data, "not-cheaper", { sweepPoints: 1 })).toThrow(/sweepPoints/);
    expect(() => articleReport(data, "not-cheaper", { seed: -1 })).toThrow(/seed/);
    expect(() => articleReport(data, "not-cheaper", { overrides: "usdPerKWh=cheap" })).toThrow(/overrides: "usdPerKWh=cheap" is not name=number/);
    expect(() => articleReport(data, "not-cheaper", { overrides: "gpus=2" })).toThrow(/not-cheaper: no input named gpus/);
    expect(() => articleReport(data, "no-such-article")).toThrow(/no-such-article: no rows in data\/article_inputs\.csv/);
  });

  it("adds the physical-limit figures only where an input of the case is beyond physics (tco-breakdown's 70,000 tok/s on one A100)", () => {
    const labels = (article: string) => articleReport(data, article).headlines().flatMap((b) => (b.kind === "headline" ? [b.headline.label] : []));
    expect(labels("tco-breakdown")).toContain("Break-even with the impossible input at its physical limit");
    expect(labels("not-cheaper")).not.toContain("Break-even with the impossible input at its physical limit");
    expect(labels("not-cheaper")).toEqual(["Break-even, recomputed from the article's inputs", "Cost per million tokens at the article's utilization"]);
  });

  it("refuses the uncertainty section for a rented case, naming what it draws", () => {
    expect(() => articleReport(data, "local-vs-openai").monteCarlo()).toThrow(/draws hardwareUsd, lifeMonths, loadWatts, usdPerKWh, tokensPerSecond, apiUsdPerMTok \(an owned rig\), but the case has no range for hardwareUsd/);
  });

  it("the audit section has a row per claim of data/claims/<article>.csv, and show() outside a kernel displays nothing", () => {
    const lines = readFileSync(resolve(__dirname, "../../data/claims/not-cheaper.csv"), "utf8").trim().split("\n").length - 1;
    const audit = articleReport(data, "not-cheaper").audit();
    const table = audit.find((b) => b.kind === "table");
    expect(table?.kind === "table" ? table.rows.length : 0).toBe(lines);
    expect(audit[0]).toEqual({ kind: "markdown", text: expect.stringMatching(new RegExp(`^\\*\\*${lines}\\*\\* claims: `)) });
    expect(show(audit)).toBeUndefined();
  });
});
