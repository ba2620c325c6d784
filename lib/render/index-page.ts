/**
 * reports/index.html: every report with its title, one-line finding and headline
 * numbers, then (when the audit provides them) the verdict counts per article.
 */
import type { ManifestEntry } from "./manifest";
import { escapeHtml, pageShell } from "./page";
import { formatLiteral } from "./params";
import type { VerdictCounts } from "./verdicts";

export interface IndexInput {
  /** Report name -> manifest entry; listed in name order. */
  reports: { [name: string]: ManifestEntry };
  /** The audit's counts, or undefined to leave the section out. */
  verdicts?: VerdictCounts;
}

/** Renders the index page. */
export function renderIndex(input: IndexInput): string {
  const names = Object.keys(input.reports).sort();
  const items = names.map((name) => reportItem(input.reports[name]));
  const main: string[] = [
    `<h1>Reports</h1>`,
    `<p class="muted">Each report is a notebook in <code>notebooks/</code>, executed and rendered by <code>npm run reports</code>. ` +
      `Code is folded under “Show code”; outputs and headline numbers are shown as computed.</p>`,
    names.length > 0 ? `<ul class="reports">\n${items.join("\n")}\n</ul>` : `<p>No reports yet.</p>`,
  ];
  if (input.verdicts) main.push(verdictSection(input.verdicts));
  return pageShell({
    title: "Reports",
    header: `<span class="muted">llm-breakeven</span>`,
    main: main.join("\n"),
    footer: `<p>Rendered with <code>npm run reports</code>; <code>manifest.json</code> lists the inputs of every page.</p>`,
  });
}

function reportItem(entry: ManifestEntry): string {
  const parts = [`<li>`, `<h2><a href="${escapeHtml(entry.file)}">${escapeHtml(entry.title)}</a></h2>`];
  if (entry.finding) parts.push(`<p class="finding">${escapeHtml(entry.finding)}</p>`);
  if (entry.headlines.length > 0) {
    const numbers = entry.headlines.map((h, i) => {
      const unit = h.unit ? ` ${escapeHtml(h.unit)}` : "";
      // a caveat repeated on the next number is said once
      const again = i > 0 && h.caveat !== undefined && entry.headlines[i - 1].caveat === h.caveat;
      const caveat = h.caveat ? ` <span class="caveat">⚠ ${again ? "the same caution applies" : escapeHtml(h.caveat)}</span>` : "";
      return `<li>${escapeHtml(h.label)}: <strong>${escapeHtml(h.value)}</strong>${unit}${caveat}</li>`;
    });
    parts.push(`<ul class="numbers">${numbers.join("")}</ul>`);
  }
  if (entry.overrides.length > 0) {
    const list = entry.overrides.map((o) => `<code>${escapeHtml(o.name)} = ${escapeHtml(formatLiteral(o.to))}</code>`).join(", ");
    parts.push(`<p class="muted">Scenario: ${list}</p>`);
  }
  parts.push(`</li>`);
  return parts.join("");
}

/** The row that sums all articles, when the provider adds one. */
const TOTAL_ROW = "all";

function verdictSection(counts: VerdictCounts): string {
  const articles = Object.keys(counts)
    .filter((a) => a !== TOTAL_ROW)
    .sort();
  if (counts[TOTAL_ROW]) articles.push(TOTAL_ROW);
  const verdicts = [...new Set(articles.flatMap((a) => Object.keys(counts[a])))].sort();
  const head = `<tr><th>Article</th>${verdicts.map((v) => `<th>${escapeHtml(v)}</th>`).join("")}</tr>`;
  const rows = articles.map(
    (a) =>
      `<tr${a === TOTAL_ROW ? ` class="total"` : ""}><td>${a === TOTAL_ROW ? "<strong>All articles</strong>" : escapeHtml(a)}</td>` +
      `${verdicts.map((v) => `<td>${counts[a][v] ?? 0}</td>`).join("")}</tr>`,
  );
  return (
    `<section id="audit"><h2>Audit verdicts per article</h2>` +
    `<div class="table-wrap"><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div></section>`
  );
}
