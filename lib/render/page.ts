/**
 * One notebook and its outputs to one self-contained HTML page.
 *
 * Markdown cells become prose; code cells are folded in a <details> ("Show code")
 * with their outputs always visible; tags act like nbconvert's TagRemovePreprocessor
 * (`remove-cell`, `remove-input`, `remove-output`). Everything is inline: styles,
 * SVG charts, images as data: URLs. Nothing depends on the time or the machine.
 */
import type { FindingRecord, HeadlineRecord } from "../report/headline";
import { FINDING_MIME, HEADLINE_MIME } from "../report/mime";
import type { CellRun, NotebookRun } from "./execute";
import { cellSource, cellTags, hasTag, joinText, type Cell, type Notebook, type Output } from "./nbformat";
import { createMarkdownRenderer, firstHeading } from "./markdown";
import { formatLiteral, type Override } from "./params";
import { STYLE } from "./style";
import { enhanceTables } from "./tables";
import { escapeHtml } from "../report/escape";

/** What the index and the manifest keep of a report. */
export interface ReportSummary {
  title: string;
  /** The one-line finding: the last `finding(...)` output, else metadata `llm_breakeven.finding`. */
  finding?: string;
  /** Every `headline(...)` output, in order. */
  headlines: HeadlineRecord[];
}

export interface PageInput {
  /** The report's name, e.g. "01-cost-per-token" (its file is NAME.html). */
  name: string;
  /** The notebook's path relative to the project root, shown in the footer. */
  source: string;
  /** The notebook as executed (with an injected parameters cell, if any). */
  notebook: Notebook;
  run: NotebookRun;
  /** Parameters this scenario overrode. */
  overrides: readonly Override[];
  /** The hash of the inputs the page was rendered from, shown in the footer. */
  inputs: string;
}

/** The project's one HTML escaper (lib/report/escape.ts). */
export { escapeHtml };

/** Removes ANSI colour codes from terminal text. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}

/** Collects title, finding and headlines from a notebook and its outputs. */
export function summarize(name: string, notebook: Notebook, run: NotebookRun): ReportSummary {
  let title = notebook.metadata.llm_breakeven?.title;
  for (const cell of notebook.cells) {
    if (title) break;
    if (cell.cell_type === "markdown") title = firstHeading(cellSource(cell));
  }
  let finding = notebook.metadata.llm_breakeven?.finding;
  const headlines: HeadlineRecord[] = [];
  for (const cell of run.cells) {
    for (const output of cell.outputs) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const h = readJson<HeadlineRecord>(output.data[HEADLINE_MIME]);
      if (h) headlines.push(h);
      const f = readJson<FindingRecord>(output.data[FINDING_MIME]);
      if (f) finding = f.text;
    }
  }
  const summary: ReportSummary = { title: title || name, headlines };
  if (finding) summary.finding = finding;
  return summary;
}

function readJson<T>(value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "object") return value as T;
  const text = joinText(value);
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Renders a report page. */
export function renderPage(input: PageInput): { html: string; summary: ReportSummary } {
  const { name, notebook, run } = input;
  const summary = summarize(name, notebook, run);
  const markdown = createMarkdownRenderer();
  const runs = new Map<number, CellRun>(run.cells.map((c) => [c.index, c]));
  const body: string[] = [];
  if (input.overrides.length > 0) body.push(scenarioBanner(input.overrides));
  let injectedBefore = 0;
  notebook.cells.forEach((cell, index) => {
    const html = renderCell(cell, index, injectedBefore, runs.get(index), markdown);
    if (cell.id === "injected-parameters") injectedBefore = 1;
    if (html) body.push(html);
  });
  const html = pageShell({
    title: summary.title,
    description: summary.finding,
    header: `<a href="index.html">&larr; All reports</a>`,
    main: body.join("\n"),
    footer:
      `<p>Rendered from <code>${escapeHtml(input.source)}</code> with <code>npm run reports</code>. ` +
      `The hashes of its inputs are in <code>manifest.json</code>.</p>`,
  });
  return { html, summary };
}

/** The common page around a report or the index. */
export function pageShell(page: { title: string; description?: string; header: string; main: string; footer: string }): string {
  const description = page.description ? `\n<meta name="description" content="${escapeHtml(page.description)}">` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>${description}
<style>
${STYLE}
</style>
</head>
<body>
<header class="site">${page.header}</header>
<main>
${page.main}
</main>
<footer class="site">${page.footer}</footer>
</body>
</html>
`;
}

function scenarioBanner(overrides: readonly Override[]): string {
  const rows = overrides
    .map(
      (o) =>
        `<tr><td><code>${escapeHtml(o.name)}</code></td><td>${escapeHtml(formatLiteral(o.to))}</td>` +
        `<td class="muted">${escapeHtml(formatLiteral(o.from))}</td></tr>`,
    )
    .join("");
  return (
    `<aside class="scenario"><strong>Scenario.</strong> This page was rendered with parameters overridden:` +
    `<div class="table-wrap"><table><thead><tr><th>Parameter</th><th>Value</th><th>Default</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div></aside>`
  );
}

/** Renders a cell; `index` is its position as executed, `injectedBefore` 1 after an injected cell. */
function renderCell(cell: Cell, index: number, injectedBefore: number, run: CellRun | undefined, markdown: (src: string) => string): string {
  if (hasTag(cell, "remove-cell")) return "";
  if (cell.cell_type === "markdown") {
    return `<section class="cell cell-markdown">\n${enhanceTables(markdown(cellSource(cell)))}</section>`;
  }
  if (cell.cell_type === "raw") return "";
  const parts: string[] = [];
  const source = cellSource(cell);
  if (!hasTag(cell, "remove-input") && source.trim() !== "") {
    const shown = cellTags(cell).filter((t) => t === "parameters" || t === "injected-parameters" || t === "raises-exception");
    const labels = shown.map((t) => ` <span class="tag">${escapeHtml(t)}</span>`).join("");
    const summary = cell.id === "injected-parameters" ? "Show injected parameters" : "Show code";
    parts.push(
      `<details class="source"><summary>${summary}${labels}</summary>` +
        `<pre><code class="language-typescript">${escapeHtml(source)}</code></pre></details>`,
    );
  }
  if (!hasTag(cell, "remove-output") && run) {
    const outputs = run.outputs.map((o) => renderOutput(o, !run.ok, markdown)).filter((o) => o !== "");
    if (!run.ok) outputs.push(`<p class="failed-note">The notebook stops at this error (tslab does not run the cells after an error).</p>`);
    if (outputs.length > 0) parts.push(`<div class="outputs">\n${outputs.join("\n")}\n</div>`);
  }
  if (parts.length === 0) return "";
  const id = cell.id === "injected-parameters" ? ` id="cell-injected-parameters"` : ` id="cell-${index + 1 - injectedBefore}"`;
  return `<section class="cell cell-code"${id}>\n${parts.join("\n")}\n</section>`;
}

/** The MIME types shown, richest first (custom JSON types are data for the index, not shown). */
const DISPLAY_ORDER = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/latex", "text/plain"];

/** Renders one output; `failed` marks the stderr of a failed cell as its error. */
export function renderOutput(output: Output, failed = false, markdown = createMarkdownRenderer()): string {
  switch (output.output_type) {
    case "stream": {
      const text = stripAnsi(joinText(output.text));
      if (text === "") return "";
      const kind = output.name === "stderr" && failed ? "error" : `stream ${output.name}`;
      return `<pre class="${kind}">${escapeHtml(text)}</pre>`;
    }
    case "error":
      return `<pre class="error">${escapeHtml(stripAnsi([`${output.ename}: ${output.evalue}`, ...output.traceback].join("\n")))}</pre>`;
    case "display_data":
    case "execute_result": {
      const mime = DISPLAY_ORDER.find((m) => output.data[m] !== undefined);
      if (!mime) return "";
      const value = joinText(output.data[mime]);
      switch (mime) {
        case "text/html":
          return htmlOutput(value);
        case "image/svg+xml":
          return `<div class="output-html">${value.replace(/^\s*<\?xml[^>]*>\s*/, "")}</div>`;
        case "image/png":
        case "image/jpeg":
        case "image/gif":
          return `<div class="output-image"><img alt="" src="data:${mime};base64,${value.replace(/\s+/g, "")}"></div>`;
        case "text/markdown":
          return `<div class="output-markdown">${enhanceTables(markdown(value))}</div>`;
        default:
          return `<pre class="output-text">${escapeHtml(stripAnsi(value))}</pre>`;
      }
    }
  }
}

/** An HTML output; its tables get scrolling wrappers, which its own box must not clip. */
function htmlOutput(value: string): string {
  const html = enhanceTables(value);
  return html === value ? `<div class="output-html">${value}</div>` : `<div class="output-html has-table">${html}</div>`;
}
