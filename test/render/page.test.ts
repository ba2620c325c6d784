import { describe, expect, it } from "vitest";
import type { NotebookRun } from "../../lib/render/execute";
import type { Cell, Notebook, Output } from "../../lib/render/nbformat";
import { renderOutput, renderPage, summarize } from "../../lib/render/page";
import { FINDING_MIME, HEADLINE_MIME } from "../../lib/report/mime";

const code = (source: string, tags: string[] = []): Cell => ({ cell_type: "code", metadata: { tags }, source, execution_count: null, outputs: [] });
const md = (source: string, tags: string[] = []): Cell => ({ cell_type: "markdown", metadata: { tags }, source });
const stdout = (text: string): Output => ({ output_type: "stream", name: "stdout", text });

function page(cells: Cell[], outputs: Record<number, Output[]>, failed: number[] = []) {
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
  const run: NotebookRun = {
    cells: Object.entries(outputs).map(([i, o]) => ({ index: Number(i), outputs: o, ok: !failed.includes(Number(i)), ms: 1 })),
  };
  return renderPage({ name: "nb", source: "notebooks/nb.ipynb", notebook, run, overrides: [], inputs: "0".repeat(64) }).html;
}

describe("renderPage: cell tags, as nbconvert's TagRemovePreprocessor", () => {
  const cells = [
    md("# Title"),
    code("const plain = 1;"),
    code("const noInput = 2;", ["remove-input"]),
    code("const noOutput = 3;", ["remove-output"]),
    code("const noCell = 4;", ["remove-cell"]),
    md("removed prose", ["remove-cell"]),
  ];
  const html = page(cells, { 1: [stdout("out-plain")], 2: [stdout("out-no-input")], 3: [stdout("out-no-output")], 4: [stdout("out-no-cell")] });

  it("folds code in a <details> and shows its outputs", () => {
    expect(html).toMatch(/<details class="source"><summary>Show code<\/summary><pre><code class="language-typescript">const plain = 1;/);
    expect(html).toContain('<pre class="stream stdout">out-plain</pre>');
  });

  it("remove-input hides the code and keeps the outputs", () => {
    expect(html).not.toContain("const noInput");
    expect(html).toContain("out-no-input");
  });

  it("remove-output keeps the code and hides the outputs", () => {
    expect(html).toContain("const noOutput");
    expect(html).not.toContain("out-no-output");
  });

  it("remove-cell hides code, outputs and markdown", () => {
    expect(html).not.toContain("noCell");
    expect(html).not.toContain("out-no-cell");
    expect(html).not.toContain("removed prose");
  });

  it("numbers code sections by their position in the notebook file", () => {
    expect(html).toContain('<section class="cell cell-code" id="cell-2">');
    expect(html).not.toContain('id="cell-5"');
  });
});

describe("renderPage: a self-contained, reproducible page", () => {
  const html = page([md("# Title"), code("x")], { 1: [stdout("1")] });

  it("inlines its styles and loads nothing: no src or href to another host, no script", () => {
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<link|<script|src="http|url\(http|@import/);
  });

  it("is readable on a phone and in print", () => {
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/img, svg, video \{ max-width: 100%/);
    expect(html).toContain("@media print");
  });

  it("holds no time and no absolute path", () => {
    expect(html).not.toMatch(/\b20\d\d-\d\d-\d\d|\/work\/|\/home\/|\/tmp\//);
  });

  it("takes its title from the first H1", () => {
    expect(html).toContain("<title>Title</title>");
  });
});

describe("renderOutput(output, failed)", () => {
  it("shows the stderr of a failed cell as an error, where it happened", () => {
    const stderr: Output = { output_type: "stream", name: "stderr", text: "Error: boom\n    at x" };
    expect(renderOutput(stderr, true)).toBe('<pre class="error">Error: boom\n    at x</pre>');
    expect(renderOutput(stderr, false)).toBe('<pre class="stream stderr">Error: boom\n    at x</pre>');
  });

  it("picks the richest MIME type and ignores the machine-readable ones", () => {
    const bundle = (data: Record<string, string>): Output => ({ output_type: "display_data", data, metadata: {} });
    expect(renderOutput(bundle({ "text/plain": "p", "text/html": "<b>h</b>" }))).toBe('<div class="output-html"><b>h</b></div>');
    expect(renderOutput(bundle({ "image/png": "AAAA" }))).toBe('<div class="output-image"><img alt="" src="data:image/png;base64,AAAA"></div>');
    expect(renderOutput(bundle({ "text/markdown": "**m**" }))).toContain("<strong>m</strong>");
    expect(renderOutput(bundle({ "text/plain": "a < b" }))).toBe('<pre class="output-text">a &lt; b</pre>');
    expect(renderOutput(bundle({ [HEADLINE_MIME]: "{}" }))).toBe("");
  });

  it("escapes text and strips terminal colours", () => {
    expect(renderOutput(stdout("\u001b[33m<x>\u001b[39m"))).toBe('<pre class="stream stdout">&lt;x&gt;</pre>');
  });
});

describe("summarize(name, notebook, run)", () => {
  it("collects headlines in order and the last finding", () => {
    const h = (label: string): Output => ({
      output_type: "display_data",
      metadata: {},
      data: { "text/plain": label, [HEADLINE_MIME]: JSON.stringify({ label, value: "1" }) },
    });
    const f = (text: string): Output => ({ output_type: "display_data", metadata: {}, data: { [FINDING_MIME]: JSON.stringify({ text }) } });
    const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [md("intro\n\n# The title"), code("")] };
    const run: NotebookRun = { cells: [{ index: 1, outputs: [h("a"), f("first"), h("b"), f("second")], ok: true, ms: 0 }] };
    expect(summarize("nb", notebook, run)).toEqual({
      title: "The title",
      finding: "second",
      headlines: [
        { label: "a", value: "1" },
        { label: "b", value: "1" },
      ],
    });
  });

  it("falls back to metadata, then to the notebook's name", () => {
    const notebook: Notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { llm_breakeven: { finding: "From metadata." } },
      cells: [md("no heading")],
    };
    expect(summarize("01-x", notebook, { cells: [] })).toEqual({ title: "01-x", finding: "From metadata.", headlines: [] });
  });
});
