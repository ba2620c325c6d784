/**
 * The stylesheet inlined in every page: system fonts only (no downloads), readable on a
 * phone (fluid width, scrollable code and tables, charts scaled to the column), dark
 * mode, and print rules (code folded away, outputs kept, links spelled out, tables
 * fitted to the page).
 *
 * Tables come wrapped and their columns classed by tables.ts: `col-short` stays on one
 * line, `col-mid` and `col-text` (running text) get a minimum width, so a wide table
 * scrolls sideways in its wrapper rather than squeezing text into tall, narrow rows.
 * Chart titles and subtitles (Observable Plot's <h2>/<h3> in a <figure>) read as captions.
 */
export const STYLE = `
:root {
  --fg: #1d2330; --muted: #5b6475; --bg: #ffffff; --panel: #f5f6f8; --line: #dde1e7;
  --accent: #1f5fbf; --error-bg: #fdecec; --error-fg: #8a1c1c; --note-bg: #fff7e0;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e3e6eb; --muted: #a0a8b8; --bg: #14171c; --panel: #1d2129; --line: #303641;
    --accent: #7fb0ff; --error-bg: #3a1d1d; --error-fg: #ffb4b4; --note-bg: #3a3320;
  }
  .output-html svg, .output-image img { background: #ffffff; color: #1d2330; border-radius: 4px; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header.site, main, footer.site { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header.site { padding-top: 0.75rem; font-size: 0.9rem; }
footer.site { margin-top: 3rem; padding-bottom: 2rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
a { color: var(--accent); }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0.8em; }
h2 { font-size: 1.4rem; }
h3 { font-size: 1.15rem; }
p, ul, ol { margin: 0.6em 0; }
img, svg, video { max-width: 100%; height: auto; }
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
:not(pre) > code { background: var(--panel); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--panel); padding: 0.75rem; overflow-x: auto; border-radius: 4px; margin: 0.5em 0; }
table { border-collapse: collapse; margin: 0; font-size: 0.85rem; line-height: 1.4; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { font-weight: 600; vertical-align: bottom; border-bottom-width: 2px; }
td.col-short, th.col-short { white-space: nowrap; }
td.col-mid { min-width: 7em; }
td.col-text { min-width: 16em; max-width: 34em; overflow-wrap: anywhere; }
th.col-text { min-width: 16em; }
/* Each table sits in a wrapper that scrolls sideways; on a wide screen it may grow past
   the prose column (up to 72rem), centred on it, before it scrolls. Shadows at the edges
   show that there is more to scroll to. */
.table-wrap {
  overflow-x: auto; margin: 0.75em 0; -webkit-overflow-scrolling: touch;
  width: max-content; min-width: 100%; max-width: min(72rem, calc(100vw - 2rem));
  position: relative; left: 50%; transform: translateX(-50%);
  background:
    linear-gradient(to right, var(--bg) 30%, transparent) left center / 2rem 100% no-repeat local,
    linear-gradient(to left, var(--bg) 30%, transparent) right center / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.18), transparent) left center / 0.6rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.18), transparent) right center / 0.6rem 100% no-repeat scroll;
}
.output-html { overflow-x: auto; max-width: 100%; }
.output-html.has-table { overflow: visible; }
.caption { color: var(--muted); font-size: 0.9rem; margin: 0.75em 0 -0.4em; }
blockquote { margin: 0.8em 0; padding: 0 1em; border-left: 3px solid var(--line); color: var(--muted); }
.cell { margin: 0.9rem 0; }
.cell-code details.source { margin: 0.4rem 0; }
.cell-code summary { cursor: pointer; color: var(--muted); font-size: 0.85rem; user-select: none; }
.cell-code summary .tag { margin-left: 0.5em; }
.outputs > * { margin: 0.4rem 0; }
.stream { white-space: pre-wrap; word-break: break-word; }
.stream.stderr { background: var(--note-bg); }
.error { background: var(--error-bg); color: var(--error-fg); white-space: pre-wrap; word-break: break-word; }
.failed-note { color: var(--error-fg); font-weight: 600; }
.scenario { background: var(--note-bg); padding: 0.6rem 0.9rem; border-radius: 4px; margin: 1rem 0; }
.scenario table { margin: 0.3rem 0; }
.scenario .table-wrap { background: none; }
.headline { background: var(--panel); border-left: 4px solid var(--accent); padding: 0.5rem 0.8rem; }
.headline .value { font-size: 1.2em; }
.headline .source { display: block; color: var(--muted); font-size: 0.85em; }
.caveat { display: block; color: var(--error-fg); font-size: 0.9em; }
.finding { font-size: 1.05em; }
figure { margin: 0.75rem 0; }
/* Observable Plot puts a chart's title and subtitle in <h2>/<h3>: set them as a caption. */
figure > h2, figure > h3 { margin: 0; line-height: 1.35; }
figure > h2 { font-size: 0.95rem; font-weight: 600; }
figure > h3 { font-size: 0.85rem; font-weight: 400; color: var(--muted); }
figure > h2 + h3 { margin-top: 0.1rem; }
figure > :is(h2, h3) + :not(h2, h3) { margin-top: 0.4rem; }
figcaption { color: var(--muted); font-size: 0.8rem; margin-top: 0.3rem; }
.tag { display: inline-block; font-size: 0.75rem; padding: 0 0.4em; border: 1px solid var(--line); border-radius: 3px; color: var(--muted); }
.reports { list-style: none; padding: 0; }
.reports > li { border-top: 1px solid var(--line); padding: 0.9rem 0; }
.reports h2 { margin: 0 0 0.3rem; font-size: 1.2rem; }
.reports .finding { margin: 0.2rem 0 0.4rem; }
.reports ul.numbers { margin: 0.2rem 0; padding-left: 1.2rem; }
.muted { color: var(--muted); }
#audit th:not(:first-child), #audit td:not(:first-child) { text-align: right; }
#audit td:first-child { white-space: nowrap; }
#audit tr.total td { border-top: 2px solid var(--line); }
@media (max-width: 600px) {
  body { font-size: 16px; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.25rem; }
  pre { padding: 0.5rem; font-size: 0.8em; }
  table { font-size: 0.8rem; }
  th, td { padding: 0.3em 0.45em; }
  td.col-text, th.col-text { min-width: 12em; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --panel: #f3f3f3; }
  body { font-size: 11pt; }
  header.site, details.source { display: none; }
  main, footer.site { max-width: none; padding: 0; }
  a { color: inherit; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  pre, figure, .headline, svg { break-inside: avoid; }
  /* Tables fit the page: no scrolling wrapper to cut them off, text wraps in every column. */
  .table-wrap { overflow: visible; width: auto; min-width: 0; max-width: none; left: 0; transform: none; background: none; }
  table { font-size: 8.5pt; }
  td.col-short, th.col-short { white-space: normal; }
  td.col-mid { min-width: 0; }
  td.col-text, th.col-text { min-width: 9em; max-width: none; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  h1, h2, h3 { break-after: avoid; }
  .output-html svg, .output-image img { background: none; }
}
`.trim();
