/**
 * Makes the tables of a page readable: each table gets a wrapper that scrolls sideways
 * (and, on a wide screen, may use more width than the prose column), and its columns
 * are classed by what they hold, so that the stylesheet can keep short values on one
 * line (`col-short`) and give running text a sensible minimum width (`col-mid`, `col-text`)
 * instead of squeezing it into a tall, narrow column.
 *
 * Works on the plain tables that marked and arquero write (`<table>`, `<tr>`,
 * `<th>`/`<td>`, no spans). A table it cannot read (nested tables, colspan, rowspan)
 * is wrapped and otherwise left as it is. Pure string work: same input, same output.
 */

/** A column whose longest cell is at most this many characters stays on one line. */
const SHORT = 16;
/** A column of single words (no spaces) up to this long also stays on one line. */
const WORD = 30;
/** A column whose longest cell has more than this many characters is running text. */
const TEXT = 40;

/** Wraps and classes every table in an HTML fragment. */
export function enhanceTables(html: string): string {
  if (!/<table[\s>]/i.test(html)) return html;
  let out = "";
  let at = 0;
  for (;;) {
    const start = findTag(html, "table", at);
    if (start < 0) break;
    const end = findClose(html, start);
    if (end < 0) break;
    out += html.slice(at, start) + `<div class="table-wrap">${classifyColumns(html.slice(start, end))}</div>`;
    at = end;
  }
  return out + html.slice(at);
}

/** Index of the next `<NAME` opening tag from `from`, or -1. */
function findTag(html: string, name: string, from: number): number {
  const re = new RegExp(`<${name}[\\s>]`, "gi");
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/** The index just after the `</table>` that closes the table opened at `start`, or -1. */
function findClose(html: string, start: number): number {
  const re = /<(\/?)table[\s>]/gi;
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const close = html.indexOf(">", m.index);
      return close < 0 ? -1 : close + 1;
    }
  }
  return -1;
}

const CELL = /<(t[dh])(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/gi;

/** Adds `col-short` / `col-mid` / `col-text` classes to the cells of a simple table. */
export function classifyColumns(table: string): string {
  const inner = table.slice(1);
  if (/<table[\s>]/i.test(inner) || /\s(colspan|rowspan)\s*=/i.test(table)) return table;
  const rows = table.match(/<tr[\s>][\s\S]*?<\/tr\s*>/gi);
  if (!rows) return table;
  const longest: number[] = [];
  const spaced: boolean[] = [];
  for (const row of rows) {
    let column = 0;
    for (const m of row.matchAll(CELL)) {
      const text = visibleText(m[3]);
      longest[column] = Math.max(longest[column] ?? 0, text.length);
      spaced[column] = (spaced[column] ?? false) || /\s/.test(text);
      column++;
    }
  }
  const kinds = longest.map((n, i) =>
    n <= SHORT || (!spaced[i] && n <= WORD) ? "col-short" : n > TEXT ? "col-text" : "col-mid",
  );
  return table.replace(/<tr[\s>][\s\S]*?<\/tr\s*>/gi, (row) => {
    let column = 0;
    return row.replace(CELL, (cell, tag: string, attrs: string | undefined, content: string) => {
      const kind = kinds[column++];
      if (!kind) return cell;
      return `<${tag}${addClass(attrs ?? "", kind)}>${content}</${tag}>`;
    });
  });
}

function addClass(attrs: string, name: string): string {
  const m = /\sclass\s*=\s*"([^"]*)"/i.exec(attrs);
  if (!m) return ` class="${name}"${attrs}`;
  return attrs.slice(0, m.index) + ` class="${m[1]} ${name}"` + attrs.slice(m.index + m[0].length);
}

/** The visible text of a cell's HTML, roughly: tags dropped, an entity as one character. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z#0-9]+;/gi, "x")
    .trim();
}
