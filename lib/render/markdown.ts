/**
 * Markdown cells to HTML with `marked` (GitHub-flavoured Markdown).
 * Headings get ids for links; links to sibling notebooks (`01-foo.ipynb`) point at
 * their rendered pages (`01-foo.html`).
 */
import { Marked, type Token, type Tokens } from "marked";

/** Turns heading text into a URL fragment: lower case, words joined by "-". */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z#0-9]+;/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}

/** Points a link at a notebook to its rendered page; other links are kept. */
export function rewriteNotebookLink(href: string): string {
  const m = /^([^:/?#][^:?#]*?)\.ipynb(#.*)?$/.exec(href);
  return m ? `${m[1]}.html${m[2] ?? ""}` : href;
}

/**
 * Returns a renderer for the Markdown cells of one page; heading ids stay unique
 * across all cells rendered with it.
 *
 * @example createMarkdownRenderer()("# Title") // '<h1 id="title">Title</h1>\n'
 */
export function createMarkdownRenderer(): (markdown: string) => string {
  const used = new Map<string, number>();
  const unique = (slug: string) => {
    const n = used.get(slug) ?? 0;
    used.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  };
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    walkTokens(token: Token) {
      if (token.type === "link" || token.type === "image") token.href = rewriteNotebookLink(token.href);
    },
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        const id = unique(slugify(text));
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return (markdown: string) => marked.parse(markdown) as string;
}

/** The text of the first level-1 heading in `markdown`, without Markdown syntax. */
export function firstHeading(markdown: string): string | undefined {
  const marked = new Marked({ gfm: true });
  for (const token of marked.lexer(markdown)) {
    if (token.type === "heading" && token.depth === 1) return plainText(token.tokens ?? []).trim();
  }
  return undefined;
}

function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      if ("tokens" in t && Array.isArray(t.tokens) && t.tokens.length > 0) return plainText(t.tokens);
      if (t.type === "codespan") return t.text;
      if (t.type === "html") return "";
      return "text" in t && typeof t.text === "string" ? decodeEntities(t.text) : "";
    })
    .join("");
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
