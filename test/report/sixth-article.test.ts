/**
 * A sixth article from its text to a rendered, audited report, by data/README.md's guide
 * ("Adding an article"), in a temporary copy of data/ and notebooks/: the starter
 * (`npm run audit -- new … --data DIR --notebooks DIR`) registers the fixture article
 * (test/fixtures/articles/tiny-rig.md) and writes its claims file and its report notebook; the
 * auditor's prepared work (tiny-rig.claims.csv, .not-claims.csv, .inputs.csv, .report.json) fills
 * the claims, the case and the report's own prose; the real renderer then renders the notebook,
 * and the page's audit table, headlines and finding are checked against values worked from the
 * fixture's own figures. Nothing under the project's data/, notebooks/ or reports/ is written.
 *
 * Cost: about 20 s on a quiet 2-core machine (70-80 s measured while other renders ran), most of it
 * the render's type-check of lib/ for the copy (no compile cache); the starter and the audit take a
 * few seconds.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditArticles } from "../../lib/audit";
import { renderReports, type RenderResult } from "../../lib/render/render";

const ROOT = resolve(__dirname, "../..");
const FIXTURE = join(ROOT, "test/fixtures/articles");
const ARTICLE = "tiny-rig";

// the copy: data/ and notebooks/ side by side, with lib/, node_modules/ and package.json linked as a checkout has them
const root = mkdtempSync(join(tmpdir(), "llm-breakeven-sixth-article-"));
const data = join(root, "data");
const notebooks = join(root, "notebooks");
const out = join(root, "out");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Parses a CSV text (quoted cells with "" escapes) into rows of cells. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else cell += ch;
  }
  if (cell.length > 0 || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** A CSV file as records keyed by its header. */
function records(path: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(readFileSync(path, "utf8"));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** The text of an HTML fragment: tags dropped, the entities the renderer writes decoded. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const prepared = records(join(FIXTURE, `${ARTICLE}.claims.csv`));
const report = JSON.parse(readFileSync(join(FIXTURE, `${ARTICLE}.report.json`), "utf8")) as { intro: string; takeaway: string; explorer: { title: string; apiLabel: string } };
// the fixture's figures (tiny-rig.md): two RTX 3090s, $1,800 over 36 months, 700 W at $0.30/kWh, 17 tok/s, 720 h, a $0.60/Mtok API
const rig = { hardwareUsd: 1800, lifeMonths: 36, kW: 0.7, usdPerKWh: 0.3, tokensPerSecond: 17, hours: 720, api: 0.6 };
const marginalUsdPerMTok = ((rig.kW * rig.usdPerKWh) / (rig.tokensPerSecond * 3600)) * 1e6; // $3.43: above the API's $0.60
const fullUsdPerMTok = ((rig.hardwareUsd / rig.lifeMonths + rig.kW * rig.hours * rig.usdPerKWh) / (rig.tokensPerSecond * 3600 * rig.hours)) * 1e6; // $4.57

/** The verdict each prepared claim must get, from its own check: a claim with no check is not checkable; the rest as worked here. */
function expectedVerdict(claim: Record<string, string>): string {
  if (claim.check === "none") return "not-checkable";
  if (claim.claim_id === "tr-005") {
    // $0.30 per kWh, held to its written digits (±0.005), against the U.S. residential prices the copy's data cites
    const articles = new Set(records(join(data, "sources.csv")).filter((s) => s.tier === "article").map((s) => s.source_id));
    const cited = records(join(data, "electricity.csv")).filter((r) => r.region === "us" && r.sector === "residential" && !articles.has(r.source_id)).map((r) => Number(r.usd_per_kwh));
    expect(cited.length).toBeGreaterThan(0);
    return Math.max(...cited) < rig.usdPerKWh - 0.005 ? "contradicts-source" : "reproduced";
  }
  if (claim.claim_id === "tr-008") return marginalUsdPerMTok > rig.api ? "physically-impossible" : "inconsistent";
  throw new Error(`no expected verdict for ${claim.claim_id}`);
}

describe("a sixth article, from text to rendered, audited report (data/README.md, 'Adding an article')", () => {
  let notebookFile: string;
  let result: RenderResult;
  let page: string;

  beforeAll(async () => {
    cpSync(join(ROOT, "data"), data, { recursive: true });
    cpSync(join(ROOT, "notebooks"), notebooks, { recursive: true, verbatimSymlinks: true }); // notebooks/lib stays ../lib
    symlinkSync(join(ROOT, "lib"), join(root, "lib"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    symlinkSync(join(ROOT, "package.json"), join(root, "package.json")); // the live explorer's bundler finds the project by it

    // 1. the starter, as the guide runs it
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts/audit.ts"), "new", ARTICLE, join(FIXTURE, `${ARTICLE}.md`), "--data", data, "--notebooks", notebooks,
        "--url", `seed:test/fixtures/articles/${ARTICLE}.md`, "--publisher", "Fixture Press", "--accessed", "2026-12-05"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const written = readdirSync(notebooks).filter((f) => f.endsWith(`-${ARTICLE}.ipynb`));
    expect(written).toEqual([`06-${ARTICLE}.ipynb`]); // the first free number after 01–05
    notebookFile = join(notebooks, written[0]);
    expect(run.stdout).toContain(notebookFile);

    // 2. the claims: the prepared registry is the starter's rows given their checks ("3090" moved to the not-claims)
    const started = records(join(data, `claims/${ARTICLE}.csv`));
    const notClaims = records(join(FIXTURE, `${ARTICLE}.not-claims.csv`));
    expect(started.map((r) => r.claim_id).sort()).toEqual([...prepared.map((r) => r.claim_id), "tr-001"].sort());
    for (const p of prepared) {
      const s = started.find((r) => r.claim_id === p.claim_id)!;
      expect(p.location, p.claim_id).toBe(s.location);
      expect(p.claimed_text, p.claim_id).toContain(s.claimed_text);
    }
    expect(notClaims.map((r) => r.text)).toEqual([started.find((r) => r.claim_id === "tr-001")!.claimed_text]);
    writeFileSync(join(data, `claims/${ARTICLE}.csv`), readFileSync(join(FIXTURE, `${ARTICLE}.claims.csv`), "utf8"));
    writeFileSync(join(data, `claims/${ARTICLE}.not-claims.csv`), readFileSync(join(FIXTURE, `${ARTICLE}.not-claims.csv`), "utf8"));

    // 3. the case's inputs, appended to article_inputs.csv under its own header
    const [inputsHeader, ...inputRows] = readFileSync(join(FIXTURE, `${ARTICLE}.inputs.csv`), "utf8").trimEnd().split("\n");
    const table = readFileSync(join(data, "article_inputs.csv"), "utf8");
    expect(inputsHeader).toBe(table.split("\n")[0]);
    writeFileSync(join(data, "article_inputs.csv"), `${table.endsWith("\n") ? table : `${table}\n`}${inputRows.join("\n")}\n`);

    // 4. the report's own prose: the introduction, the take-away and the explorer's title, in the starter's notebook
    const nb = JSON.parse(readFileSync(notebookFile, "utf8")) as { cells: { id: string; source: string[] }[] };
    const set = (id: string, text: string) => {
      const cell = nb.cells.find((c) => c.id === id);
      expect(cell, `cell ${id}`).toBeDefined();
      expect(cell!.source.join(""), `the starter leaves cell ${id} for the author`).toContain("TODO");
      cell!.source = text.split(/(?<=\n)/);
    };
    set("intro", report.intro);
    set("takeaway", report.takeaway);
    set("explorer", `show(report.explorer({ title: ${JSON.stringify(report.explorer.title)}, apiLabel: ${JSON.stringify(report.explorer.apiLabel)} }));`);
    writeFileSync(notebookFile, `${JSON.stringify(nb, null, 1)}\n`);

    // 5. the render, with the real renderer, into a folder of the copy
    result = await renderReports({
      root: ROOT,
      notebooksDir: notebooks,
      outDir: out,
      only: [`06-${ARTICLE}`],
      verdicts: () => auditArticles({ dir: data }).counts,
      compileCache: false,
    });
    page = existsSync(join(out, `06-${ARTICLE}.html`)) ? readFileSync(join(out, `06-${ARTICLE}.html`), "utf8") : "";
  }, 240_000);

  it("renders the report from the starter's notebook, and writes nothing into the project's data/, notebooks/ or reports/", () => {
    expect(result.reports.map((r) => [r.name, r.status, r.failure?.message])).toEqual([[`06-${ARTICLE}`, "rendered", undefined]]);
    expect(result.ok).toBe(true);
    expect(existsSync(join(ROOT, `data/claims/${ARTICLE}.csv`))).toBe(false);
    expect(readdirSync(join(ROOT, "notebooks")).filter((f) => f.includes(ARTICLE))).toEqual([]);
    expect(readFileSync(join(ROOT, "reports/manifest.json"), "utf8")).not.toContain(ARTICLE);
    expect(plain(page)).toContain("A Tiny Rig Pays Off (Fixture Press): the numbers, rechecked");
    expect(page).not.toContain("TODO");
  });

  it("shows every claim of the registry in its audit table, with the verdict its check gives", () => {
    const audit = /<h2 id="the-audit[^"]*">[\s\S]*?<table>([\s\S]*?)<\/table>/.exec(page);
    expect(audit, "the audit section's table").not.toBeNull();
    const [head, ...body] = [...audit![1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => plain(c[1])));
    const col = (name: string) => head.indexOf(name);
    expect(col("claim")).toBeGreaterThanOrEqual(0);
    expect(col("verdict")).toBeGreaterThanOrEqual(0);
    const shown = body.map((r) => ({ claim: r[col("claim")], claimed: r[col("claimed")], verdict: r[col("verdict")] }));
    expect(shown).toEqual(prepared.map((p) => ({ claim: p.claim, claimed: p.claimed_text, verdict: expectedVerdict(p) })));
    expect(plain(page)).toContain(`${prepared.length} claims:`);
  });

  it("prints the headline figures worked from the article's inputs, cautioned by its failing electricity price, and the finding", () => {
    const entry = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).reports[`06-${ARTICLE}`] as { headlines: { label: string; value: string; caveat?: string }[]; finding: string };
    const headline = (label: RegExp) => entry.headlines.find((h) => label.test(h.label))!;
    // power alone costs $3.43 per million tokens, above the $0.60 API: no volume breaks even
    expect(marginalUsdPerMTok).toBeGreaterThan(rig.api);
    expect(headline(/^Break-even, recomputed/).value).toBe("never");
    // ($1,800 / 36 + 0.7 kW × 720 h × $0.30) / (17 × 3600 × 720) tokens = $4.57 per million, flat out
    expect(Number(headline(/^Cost per million tokens at the article's utilization/).value)).toBeCloseTo(fullUsdPerMTok, 2);
    for (const h of entry.headlines.slice(0, 2)) expect(h.caveat).toContain(`usdPerKWh = 0.3 USD/kWh (claim tr-005: ${expectedVerdict(prepared.find((p) => p.claim_id === "tr-005")!)})`);
    const failing = prepared.filter((p) => ["inconsistent", "contradicts-source", "physically-impossible"].includes(expectedVerdict(p))).length;
    expect(entry.finding).toBe(`Recomputed from its own inputs, this case never breaks even against the API it names; ${failing} of its ${prepared.length} printed figures fail a check.`);
    expect(plain(page)).toContain(report.takeaway);
  });

  it("lists the report and the article's verdict counts in the index", () => {
    const index = plain(readFileSync(join(out, "index.html"), "utf8"));
    expect(index).toContain("A Tiny Rig Pays Off (Fixture Press): the numbers, rechecked");
    expect(index).toContain(ARTICLE);
  });
});
