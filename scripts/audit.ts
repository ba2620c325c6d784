/**
 * `npm run audit`: every numeric claim of the five articles, recomputed and checked.
 *   npm run audit                      readable tables per article, then the overall count
 *   npm run audit -- --article <id>    one article
 *   npm run audit -- --json            machine-readable results on stdout (fields in README)
 *   npm run audit -- --data DIR        the articles of another data folder (a copy of data/)
 *   npm run audit -- new <id> <text>   start the registry and the report notebook of a new article (never overwrites)
 *   npm run audit -- --help            the commands and flags (help())
 * Findings are not failures: exits 0 when the audit ran; 1 with a clear message when a claim
 * entry is malformed or its check cannot run; 2 on a usage error.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { auditArticles, pinVerdicts, startArticle, VERDICT_KINDS, type AuditResult } from "../lib/audit";
import { defaultDataDir } from "../lib/data/index";

/** Where the pinned verdicts live (test/audit/snapshot.test.ts compares against it). */
const SNAPSHOT = fileURLToPath(new URL("../test/audit/verdicts.snapshot.json", import.meta.url));

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run audit -- [--json] [--article <id>] [--data DIR] [--write-snapshot]; npm run audit -- --help for every command and flag\n`);
  process.exit(2);
}

/** The article ids of the project's data (data/claims/<id>.csv), for --help; empty when it cannot read them. */
function articleIds(): string[] {
  try {
    return readdirSync(join(defaultDataDir(), "claims"))
      .filter((f) => f.endsWith(".csv") && !f.endsWith(".not-claims.csv"))
      .map((f) => f.slice(0, -".csv".length))
      .sort();
  } catch {
    return [];
  }
}

/** `npm run audit -- --help`: the two commands and every flag each reads. */
function help(): string {
  const ids = articleIds();
  const line = (flag: string, what: string) => `  ${flag.padEnd(26)} ${what}`;
  return [
    "usage: npm run audit -- [--json] [--article <id>] [--data DIR] [--write-snapshot]",
    "       npm run audit -- new <article-id> <text-file> [options]",
    "",
    "Every numeric claim of the articles, recomputed and checked: per article a table of claims and",
    "verdicts and a count, then the overall count. Findings are not failures: exits 0 when the audit",
    "ran, 1 when a claim entry is malformed or its check cannot run, 2 on a usage error.",
    "",
    line("--article <id>", `one article${ids.length > 0 ? ` (${ids.join(", ")})` : ""}`),
    line("--json", "the results as JSON on stdout (npm run --silent keeps npm's own lines out)"),
    line("--data DIR", "audit the articles of another data folder (a copy of data/)"),
    line("--write-snapshot", "accept moved verdicts: rewrites test/audit/verdicts.snapshot.json (all articles, the project's data/)"),
    line("--help", "this text"),
    "",
    "new <article-id> <text-file>: start a new article's claims registry and report notebook (never overwrites)",
    line("--url U", "the article's address (default: seed:<text-file>)"),
    line("--title T", "its title"),
    line("--publisher P", "its publisher"),
    line("--date D", "its publication date"),
    line("--accessed YYYY-MM-DD", "when it was read (default: today)"),
    line("--data DIR", "the data folder to add it to (default: the project's data/)"),
    line("--notebooks DIR", "the folder for its report notebook (default: notebooks/ beside the data folder)"),
    line("--uncertainty", "give its report the Monte Carlo and Sobol section (a case on owned hardware)"),
  ].join("\n");
}

const args = process.argv.slice(2);

if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(help() + "\n");
  process.exit(0);
}

// npm run audit -- new <article-id> <text-file> [--url U] [--title T] [--publisher P] [--date D] [--accessed YYYY-MM-DD]
//                                                [--data DIR] [--notebooks DIR] [--uncertainty]
// --data: the data folder to add the article to (default: the project's data/); --notebooks: the
// folder its report notebook goes in (default: the notebooks/ folder beside the data folder);
// --uncertainty: the report gets the Monte Carlo and Sobol section (a case on owned hardware).
if (args[0] === "new") {
  const [id, file] = [args[1], args[2]];
  if (!id || !file || id.startsWith("--") || file.startsWith("--")) usage("new needs an article id and the article's text file: npm run audit -- new my-article article.md");
  const opt = (flag: string) => {
    const i = args.indexOf(flag);
    return i > 0 ? args[i + 1] : undefined;
  };
  const uncertainty = args.includes("--uncertainty");
  const rest = args.filter((a) => a !== "--uncertainty");
  for (let i = 3; i < rest.length; i += 2) {
    if (!["--url", "--title", "--publisher", "--date", "--accessed", "--data", "--notebooks"].includes(rest[i]) || rest[i + 1] === undefined) usage(`new: unknown or incomplete option ${JSON.stringify(rest[i])}`);
  }
  const dataDir = resolve(opt("--data") ?? defaultDataDir());
  const notebooksDir = resolve(opt("--notebooks") ?? join(dirname(dataDir), "notebooks"));
  for (const [what, dir, flag] of [["data", join(dataDir, "datapackage.json"), "--data"], ["notebooks", notebooksDir, "--notebooks"]] as const) {
    if (!existsSync(dir)) usage(`new: no ${what} folder at ${what === "data" ? dataDir : dir}; name one with ${flag} DIR`);
  }
  try {
    const r = startArticle(dataDir, id, readFileSync(file, "utf8"), {
      notebooksDir: notebooksDir,
      uncertainty: uncertainty,
      url: opt("--url") ?? `seed:${file}`,
      title: opt("--title"),
      publisher: opt("--publisher"),
      datePublished: opt("--date"),
      dateAccessed: opt("--accessed") ?? new Date().toISOString().slice(0, 10),
    });
    process.stdout.write(
      `wrote ${r.claimsFile} (${r.claims} numbers, each a claim to describe and check) and ${r.notClaimsFile}; ` +
        `${r.sourceAdded ? "added the article to data/sources.csv; " : ""}${r.asOfMoved ? `moved the data's as-of date (datapackage.json "x-data-as-of") to ${r.asOfMoved}, the day it was read; ` : ""}declared both in data/datapackage.json; wrote its report notebook ${r.notebookFile}.\n` +
        `Next: follow data/README.md, "Adding an article" (give each claim a check, add the case's inputs to data/article_inputs.csv, write the report's introduction and take-away, render it).\n`,
    );
    process.exit(0);
  } catch (e) {
    process.stderr.write(`audit new: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
let json = false;
let writeSnapshot = false;
let article: string | undefined;
let dataDir: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--json") json = true;
  else if (args[i] === "--write-snapshot") writeSnapshot = true;
  else if (args[i] === "--article") article = args[++i] ?? usage("--article needs an article id");
  else if (args[i] === "--data") dataDir = resolve(args[++i] ?? usage("--data needs a data folder"));
  else usage(`unknown argument ${JSON.stringify(args[i])}`);
}

function fmtValue(v: AuditResult["recomputed"]): string {
  if (v === null) return "—";
  const one = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential(3) : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(4));
  return typeof v === "number" ? one(v) : `${one(v[0])}–${one(v[1])}`;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

try {
  const report = auditArticles({ article, dir: dataDir });
  if (article && report.results.length === 0) usage(`no claims for article ${JSON.stringify(article)}`);
  if (writeSnapshot) {
    if (article) usage("--write-snapshot pins every article's verdicts: leave out --article");
    if (dataDir !== undefined && dataDir !== resolve(defaultDataDir())) usage("--write-snapshot pins the verdicts of the project's data/: leave out --data");
    const tmp = `${SNAPSHOT}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(pinVerdicts(report.results), null, 1) + "\n");
    renameSync(tmp, SNAPSHOT);
    process.stderr.write(`pinned ${report.results.length} verdicts in test/audit/verdicts.snapshot.json\n`);
  }
  if (json) {
    const out = report.results.map((r) => ({
      article: r.article,
      claim: r.claim,
      claimId: r.claimId,
      location: r.location,
      claimed: r.claimed,
      claimedLow: r.claimedLow,
      claimedHigh: r.claimedHigh,
      recomputed: r.recomputed,
      unit: r.unit,
      check: r.check,
      verdict: r.verdict,
      ratio: r.ratio,
      explanation: r.explanation,
      sources: r.sources,
      ownVerdict: r.ownVerdict,
      dependsOn: r.dependsOn,
      inheritedFrom: r.inheritedFrom,
      corrected: r.corrected,
      tolerance: r.tolerance,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  } else {
    const articles = [...new Set(report.results.map((r) => r.article))];
    for (const a of articles) {
      const rows = report.results.filter((r) => r.article === a);
      process.stdout.write(`\n${a}: ${rows.length} claims\n`);
      const table = rows.map((r) => ({
        claim: clip(r.claim, 44),
        claimed: clip(r.claimed, 22),
        recomputed: fmtValue(r.recomputed),
        unit: r.unit,
        verdict: r.verdict,
        ratio: r.ratio === null ? "" : r.ratio.toPrecision(3),
        "follows from": r.inheritedFrom.length === 0 ? "" : clip(r.inheritedFrom.join(" ← "), 40),
      }));
      const cols = Object.keys(table[0]) as (keyof (typeof table)[number])[];
      const widths = cols.map((c) => Math.max(c.length, ...table.map((t) => t[c].length)));
      const line = (cells: string[]) => cells.map((s, i) => s.padEnd(widths[i])).join("  ").trimEnd();
      process.stdout.write(line(cols) + "\n" + line(widths.map((w) => "-".repeat(w))) + "\n");
      for (const t of table) process.stdout.write(line(cols.map((c) => t[c])) + "\n");
      const counts = report.counts[a];
      process.stdout.write("  " + VERDICT_KINDS.filter((k) => counts[k]).map((k) => `${k}: ${counts[k]}`).join(", ") + "\n");
    }
    const all = report.counts.all ?? {};
    process.stdout.write(`\nall articles: ${report.results.length} claims — ` + VERDICT_KINDS.filter((k) => all[k]).map((k) => `${k}: ${all[k]}`).join(", ") + "\n");
  }
} catch (e) {
  process.stderr.write(`audit could not run: ${(e as Error).message}\n`);
  process.exit(1);
}
