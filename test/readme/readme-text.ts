/**
 * README.md's examples, read with marked's lexer: every fenced code block (with its language
 * and line), every line of the shell blocks split into the command and its `#` comment, and
 * every inline code span that is a command (it starts with `npm ` or `npx `). The tables the
 * checks read their expectations from (the audit's --json fields, the data tables) are found
 * by their header here too.
 */
import { marked, type Token, type Tokens } from "marked";

export interface CodeBlock {
  /** The fence's language as written ("" when none). */
  lang: string;
  text: string;
  /** 1-based line of README.md where the block's first code line is. */
  line: number;
}

export interface ShellLine {
  command: string;
  /** The `#` comment after the command, trimmed; undefined when there is none. */
  comment?: string;
  line: number;
  /** "block" for a line of a ```sh block, "inline" for a `npm …` code span in prose. */
  where: "block" | "inline";
}

export interface ReadmeExamples {
  blocks: CodeBlock[];
  inline: ShellLine[];
  tables: Tokens.Table[];
}

/** Line (1-based) of the character at `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function readExamples(markdown: string): ReadmeExamples {
  const tokens = marked.lexer(markdown);
  const blocks: CodeBlock[] = [];
  const inline: ShellLine[] = [];
  const tables: Tokens.Table[] = [];
  let cursor = 0;
  // walkTokens visits tokens in document order; each token's raw text is found from the last one's place
  const place = (raw: string): number => {
    const at = markdown.indexOf(raw, cursor);
    if (at < 0) return cursor;
    cursor = at;
    return at;
  };
  marked.walkTokens(tokens, (token: Token) => {
    if (token.type === "code") {
      const t = token as Tokens.Code;
      const at = place(t.raw);
      // a fenced block's code starts on the line after the fence; an indented block's on its own line
      const fenced = /^ {0,3}(`{3,}|~{3,})/.test(t.raw);
      blocks.push({ lang: (t.lang ?? "").trim(), text: t.text, line: lineAt(markdown, at) + (fenced ? 1 : 0) });
    } else if (token.type === "codespan") {
      const t = token as Tokens.Codespan;
      const at = place(t.raw);
      if (/^(npm|npx) /.test(t.text)) inline.push({ command: t.text.trim(), line: lineAt(markdown, at), where: "inline" });
    } else if (token.type === "table") {
      place(token.raw);
      tables.push(token as Tokens.Table);
    } else if (token.type === "paragraph" || token.type === "heading" || token.type === "list_item") {
      place(token.raw);
    }
  });
  return { blocks, inline, tables };
}

/**
 * Splits a shell line at its comment: a `#` at the start or after white space, outside quotes.
 * Returns undefined for the comment when there is none.
 */
export function splitComment(line: string): { command: string; comment?: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "\\") i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
      return { command: line.slice(0, i).trim(), comment: line.slice(i + 1).trim() };
    }
  }
  return { command: line.trim() };
}

/** The lines of a ```sh block (a line ending in `\` continues on the next), each with its README line. */
export function shellLines(block: CodeBlock): ShellLine[] {
  const out: ShellLine[] = [];
  const lines = block.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i];
    while (text.endsWith("\\") && i + 1 < lines.length) text = text.slice(0, -1) + " " + lines[++i].trim();
    if (text.trim() === "") continue;
    out.push({ ...splitComment(text), line: block.line + start, where: "block" });
  }
  return out;
}

/**
 * The words of a command line as a POSIX shell splits them, for the simple lines README uses:
 * single and double quotes and backslashes; no expansion (a `~` or `$X` stays as written).
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${command}`);
      word = (word ?? "") + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let s = "";
      for (; j < command.length && command[j] !== '"'; j++) s += command[j] === "\\" ? command[++j] : command[j];
      if (j >= command.length) throw new Error(`unclosed " in ${command}`);
      word = (word ?? "") + s;
      i = j;
    } else if (c === "\\") {
      word = (word ?? "") + (command[++i] ?? "");
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Plain text of a table cell (its code spans without backticks). */
export function cellText(cell: Tokens.TableCell): string {
  return cell.text.replace(/`/g, "");
}

/** The code spans of a table cell, in order. */
export function cellCode(cell: Tokens.TableCell): string[] {
  return [...cell.text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** The table whose header cells are exactly these, or an error naming what README has. */
export function tableWithHeader(tables: readonly Tokens.Table[], header: readonly string[]): Tokens.Table {
  const found = tables.filter((t) => t.header.map(cellText).join("|") === header.join("|"));
  if (found.length !== 1) {
    throw new Error(`README.md has ${found.length} table(s) headed ${header.join(" | ")} (tables: ${tables.map((t) => t.header.map(cellText).join(" | ")).join("; ")})`);
  }
  return found[0];
}
