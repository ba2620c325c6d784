/**
 * The first step of auditing a new article: `npm run audit -- new <article-id> <text-file>`.
 * Registers the article as a source (tier "article"), finds every number in its text with the
 * section and line it appears in (the completeness check's own number finder), and writes a claims
 * file whose rows are ready to be given a check kind, a formula or source reference, and a hedge,
 * plus an empty not-claims file, both declared in data/datapackage.json; given a notebooks
 * folder, also the article's report notebook, written from the report template
 * (lib/report/article-notebook.ts) with the article's id, ready for its own introduction and
 * take-away. It never overwrites: if any of those exist it stops before writing anything, and each
 * file is written whole (a temporary file, then renamed).
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { articleNotebookText } from "../report/article-notebook";
import { numbersInText } from "./article-numbers";

/** What the starter needs besides the text. */
export interface StarterOptions {
  /** Title as published; default: the text's first heading. */
  readonly title?: string;
  readonly publisher?: string;
  readonly author?: string;
  /** YYYY, YYYY-MM, YYYY-MM-DD or n.d. */
  readonly datePublished?: string;
  /** http(s):// address, or seed:<path> for a stored copy. */
  readonly url: string;
  /** The day the text was read (YYYY-MM-DD): explicit, so the same input writes the same files. */
  readonly dateAccessed: string;
  /** The notebooks folder: when given, the article's report notebook is written there too (see reportNotebookName). */
  readonly notebooksDir?: string;
  /** Give the report the Monte Carlo and Sobol section (a case on owned hardware). */
  readonly uncertainty?: boolean;
}

/** What the starter wrote. */
export interface StarterResult {
  readonly claimsFile: string;
  readonly notClaimsFile: string;
  readonly claims: number;
  readonly sourceAdded: boolean;
  /** The as-of date datapackage.json was moved forward to (the day the article was read), or null. */
  readonly asOfMoved: string | null;
  /** The report notebook written, when a notebooks folder was given. */
  readonly notebookFile?: string;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeWhole(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The section each line of a markdown text is in: the nearest heading above it. */
function sections(text: string): string[] {
  let current = "Introduction";
  return text.split("\n").map((line) => {
    const h = /^#{1,6}\s+(.*)$/.exec(line.trim());
    if (h) current = `§ ${h[1].trim()}`;
    return current;
  });
}

/** A claim id prefix from an article id: its words' initials ("my-new-article" → "mna"). */
export function claimPrefix(articleId: string): string {
  return articleId.split("-").map((w) => w[0]).join("");
}

/**
 * The file name of a new article's report notebook: `NN-<article-id>.ipynb`, NN the first
 * two-digit number from 01 that no notebook in the folder starts with (after 01–05, 06). Throws
 * when a notebook of that article is there already.
 */
export function reportNotebookName(notebooksDir: string, articleId: string): string {
  const names = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb"));
  const mine = names.find((f) => f.replace(/^\d+-/, "") === `${articleId}.ipynb`);
  if (mine !== undefined) throw new RangeError(`${join(notebooksDir, mine)} exists: the starter never overwrites a report; edit it, or remove it to start again`);
  const used = new Set(names.map((f) => /^(\d{2})-/.exec(f)?.[1]).filter((n): n is string => n !== undefined));
  for (let n = 1; n < 100; n++) {
    const nn = String(n).padStart(2, "0");
    if (!used.has(nn)) return `${nn}-${articleId}.ipynb`;
  }
  throw new RangeError(`${notebooksDir}: every number from 01 to 99 is taken`);
}

/** The report notebook of a new article: the template, with placeholders for the prose that must be its own. */
export function starterNotebookText(articleId: string, title: string, publisher: string | undefined, uncertainty = false): string {
  return articleNotebookText({
    uncertainty: uncertainty,
    article: articleId,
    intro:
      `# ${title}${publisher ? ` (${publisher})` : ""}: the numbers, rechecked\n\n` +
      `TODO: what the article argues, in your own words: the setup it prices, the figures it gives and the conclusion it draws\n` +
      `(article \`${articleId}\`, the sections they are in).\n\n` +
      `This report rebuilds the article's headline case from the inputs it states, recomputes its figures\n` +
      `with the cost model, audits every number it prints, and then tests how far its conclusion holds.`,
    takeaway:
      "TODO: what the reader should take away from this article, once its figures are recomputed and audited:\n" +
      "which of its conclusions hold, which do not, and why.",
    explorer: { title: "TODO: the article's setup against the API it compares", apiLabel: "API" },
  });
}

/** Writes the starter files for a new article into a data folder (see the module comment). */
export function startArticle(dataDir: string, articleId: string, text: string, options: StarterOptions): StarterResult {
  if (!ID.test(articleId)) throw new RangeError(`article id ${JSON.stringify(articleId)}: use lower-case words joined by "-", e.g. my-new-article`);
  const claimsRel = `claims/${articleId}.csv`;
  const notRel = `claims/${articleId}.not-claims.csv`;
  const claimsFile = join(dataDir, claimsRel);
  const notClaimsFile = join(dataDir, notRel);
  for (const f of [claimsFile, notClaimsFile]) if (existsSync(f)) throw new RangeError(`${f} exists: the starter never overwrites a registry; edit it, or remove it to start again`);
  const pkgPath = join(dataDir, "datapackage.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { "x-data-as-of"?: string; resources: { name: string; path: string; title?: string; description?: string; schema: unknown }[] };
  if (pkg.resources.some((r) => r.name === `claims-${articleId}`)) throw new RangeError(`data/datapackage.json already declares claims-${articleId}`);
  const template = pkg.resources.find((r) => r.name.startsWith("claims-"));
  const notTemplate = pkg.resources.find((r) => r.name.startsWith("not-claims-"));
  if (!template || !notTemplate) throw new RangeError("data/datapackage.json declares no claims resource to take the schema from");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.dateAccessed)) throw new RangeError(`dateAccessed ${JSON.stringify(options.dateAccessed)}: give YYYY-MM-DD`);
  if (!/^(https?:\/\/|seed:)/.test(options.url)) throw new RangeError(`url ${JSON.stringify(options.url)}: give an http(s):// address or seed:<path>`);
  const notebookFile = options.notebooksDir === undefined ? undefined : join(options.notebooksDir, reportNotebookName(options.notebooksDir, articleId));

  const lines = text.split("\n");
  const heading = lines.map((l) => /^#\s+(.*)$/.exec(l.trim())?.[1]).find((x) => x !== undefined);
  const title = options.title ?? heading ?? articleId;

  // the source, unless sources.csv already has it
  const sourcesPath = join(dataDir, "sources.csv");
  const sources = readFileSync(sourcesPath, "utf8");
  const sourceAdded = !sources.split("\n").some((l) => l.startsWith(`${articleId},`));

  // one row per number printed, with where it is; the rest is for the auditor to fill in
  const where = sections(text);
  const prefix = claimPrefix(articleId);
  const header = (template.schema as { fields: { name: string }[] }).fields.map((f) => f.name);
  const rows = numbersInText(text).map((n, i) => {
    const row: Record<string, string> = Object.fromEntries(header.map((h) => [h, ""]));
    row.claim_id = `${prefix}-${String(i + 1).padStart(3, "0")}`;
    row.article_id = articleId;
    row.location = `${where[n.line - 1]} (line ${n.line})`;
    row.claim = "TODO: the claim in the project's own words";
    row.claimed_text = n.text;
    row.claimed_low = String(n.value);
    row.check = "none";
    row.note = "TODO: give a check (arithmetic, source, physics, consistency or name) with its formula or source_refs and the unit, or move this number to the not-claims file with the reason it is not a claim";
    return header.map((h) => csvCell(row[h])).join(",");
  });

  const resource = (t: typeof template, name: string, path: string, title2: string, description: string) => ({ ...t, name, path, title: title2, description });
  pkg.resources.push(
    resource(template, `claims-${articleId}`, claimsRel, `Claims of ${title}`, `Every numeric claim of the article ${articleId}, with how it is checked. Claims are stated in the project's own words.`),
    resource(notTemplate, `not-claims-${articleId}`, notRel, `Numbers in ${articleId} that are not claims`, "Dates, model names' digits and other numbers the audit deliberately does not check."),
  );
  writeWhole(claimsFile, [header.join(","), ...rows].join("\n") + "\n");
  writeWhole(notClaimsFile, "article_id,text,reason\n");
  if (sourceAdded) {
    const row = [articleId, title, options.publisher ?? "unknown", options.author ?? "unknown", options.datePublished ?? "n.d.", options.url, options.dateAccessed, "all rights reserved", "article", "the article's claims (audited)", "added by npm run audit -- new"];
    writeWhole(sourcesPath, (sources.endsWith("\n") ? sources : `${sources}\n`) + row.map(csvCell).join(",") + "\n");
  }
  // the article is read on dateAccessed: the data is as of that day at least (loadData checks it)
  const asOfMoved = sourceAdded && pkg["x-data-as-of"] !== undefined && pkg["x-data-as-of"] < options.dateAccessed;
  if (asOfMoved) pkg["x-data-as-of"] = options.dateAccessed;
  writeWhole(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
  if (notebookFile !== undefined) writeWhole(notebookFile, starterNotebookText(articleId, title, options.publisher, options.uncertainty));
  return { claimsFile, notClaimsFile, claims: rows.length, sourceAdded, asOfMoved: asOfMoved ? options.dateAccessed : null, ...(notebookFile === undefined ? {} : { notebookFile }) };
}
