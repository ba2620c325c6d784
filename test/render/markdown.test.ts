import { describe, expect, it } from "vitest";
import { createMarkdownRenderer, firstHeading, rewriteNotebookLink, slugify } from "../../lib/render/markdown";

describe("createMarkdownRenderer()", () => {
  it("renders GitHub-flavoured Markdown as prose: emphasis, lists, tables, code", () => {
    const html = createMarkdownRenderer()("Some *emphasis*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nnpm run reports\n```");
    expect(html).toContain("<p>Some <em>emphasis</em>.</p>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<td>1</td>");
    expect(html).toContain('<pre><code class="language-sh">npm run reports');
  });

  it("gives headings unique ids across the cells of one page", () => {
    const render = createMarkdownRenderer();
    expect(render("## Cost per token")).toBe('<h2 id="cost-per-token">Cost per token</h2>\n');
    expect(render("## Cost per token")).toBe('<h2 id="cost-per-token-1">Cost per token</h2>\n');
  });

  it("points links to sibling notebooks at their pages", () => {
    expect(createMarkdownRenderer()("[next](02-speed.ipynb#setup)")).toContain('href="02-speed.html#setup"');
  });
});

describe("rewriteNotebookLink(href)", () => {
  it("rewrites relative .ipynb links only", () => {
    expect(rewriteNotebookLink("01-a.ipynb")).toBe("01-a.html");
    expect(rewriteNotebookLink("https://example.com/x.ipynb")).toBe("https://example.com/x.ipynb");
    expect(rewriteNotebookLink("/abs/x.ipynb")).toBe("/abs/x.ipynb");
    expect(rewriteNotebookLink("notes.md")).toBe("notes.md");
  });
});

describe("firstHeading(markdown)", () => {
  it("returns the first level-1 heading as plain text", () => {
    expect(firstHeading("Intro\n\n## Not this\n\n# Cost &amp; *speed* of `decode`\n\n# Later")).toBe("Cost & speed of decode");
    expect(firstHeading("## No title")).toBeUndefined();
  });
});

describe("slugify(text)", () => {
  it("lower-cases and joins words with dashes, keeping letters of any script", () => {
    expect(slugify("Break-even at 40% utilisation!")).toBe("break-even-at-40-utilisation");
    expect(slugify("Coût réel")).toBe("coût-réel");
    expect(slugify("???")).toBe("section");
  });
});
