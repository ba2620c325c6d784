/**
 * lib/report/escape.ts is the project's one HTML escaper: no other file of lib/ or scripts/
 * writes an entity for <, >, &, " or ' by hand. (lib/render/markdown.ts decodes marked's entities
 * back to text, matching them with regular expressions: that is reading entities, not writing them.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../lib/report/escape";

const ROOT = join(__dirname, "..", "..");
const ESCAPER = "lib/report/escape.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name) ? [path] : [];
  });
}

/** An entity for an escaped character inside a string literal ("&lt;", '&#39;', `&amp;`…). */
const WRITTEN_ENTITY = /(["'`])(?:(?!\1).)*&(?:amp|lt|gt|quot|apos|#0*39|#x0*27|#0*34|#x0*22|#0*60|#x0*3c);/i;

describe("one HTML escaper", () => {
  it("escapeHtml escapes the five characters, the single quote included", () => {
    expect(escapeHtml(`<b class="x" title='y'>Tom & Jerry</b>`)).toBe("&lt;b class=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/b&gt;");
  });

  it(`no file of lib/ or scripts/ but ${ESCAPER} writes an HTML entity for them`, () => {
    const files = [...sourceFiles(join(ROOT, "lib")), ...sourceFiles(join(ROOT, "scripts"))].map((f) => relative(ROOT, f).split("\\").join("/"));
    expect(files).toContain(ESCAPER);
    const writers = files.filter((f) => f !== ESCAPER && readFileSync(join(ROOT, f), "utf8").split("\n").some((line) => WRITTEN_ENTITY.test(line)));
    expect(writers).toEqual([]);
  });

  it("the scan sees an escaper written by hand (the pattern is not vacuous)", () => {
    expect(WRITTEN_ENTITY.test(`s.replace(/</g, "&lt;")`)).toBe(true);
    expect(WRITTEN_ENTITY.test("s.replace(/'/g, '&#39;')")).toBe(true);
    expect(WRITTEN_ENTITY.test(".replace(/&lt;/g, \"<\")")).toBe(false);
  });
});
