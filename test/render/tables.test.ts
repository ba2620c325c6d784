import { describe, expect, it } from "vitest";
import { classifyColumns, enhanceTables } from "../../lib/render/tables";

const long = "a sentence of running text that is clearly longer than forty characters";

describe("enhanceTables(html)", () => {
  it("wraps every table in a scrolling wrapper and leaves the rest alone", () => {
    const html = `<p>before</p><table><tr><td>1</td></tr></table><p>between</p><TABLE class="x"><tr><td>2</td></tr></TABLE>`;
    expect(enhanceTables(html)).toBe(
      `<p>before</p><div class="table-wrap"><table><tr><td class="col-short">1</td></tr></table></div>` +
        `<p>between</p><div class="table-wrap"><TABLE class="x"><tr><td class="col-short">2</td></tr></TABLE></div>`,
    );
  });

  it("returns HTML without tables unchanged, and a nested table whole", () => {
    expect(enhanceTables("<p>no tables</p>")).toBe("<p>no tables</p>");
    const nested = `<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>`;
    expect(enhanceTables(nested)).toBe(`<div class="table-wrap">${nested}</div>`);
  });

  it("leaves an unclosed table as it is", () => {
    expect(enhanceTables("<table><tr><td>1</td></tr>")).toBe("<table><tr><td>1</td></tr>");
  });
});

describe("classifyColumns(table)", () => {
  it("classes short, single-word, medium and running-text columns, keeping existing attributes", () => {
    const table =
      `<table><thead><tr><th style="text-align: left;">name</th><th>verdict</th><th>claimed</th><th>claim</th></tr></thead>` +
      `<tbody><tr><td style="text-align: left;">x</td><td>physically-impossible</td><td>more than three times</td><td class="k">${long}</td></tr></tbody></table>`;
    const out = classifyColumns(table);
    expect(out).toContain(`<th class="col-short" style="text-align: left;">name</th>`);
    expect(out).toContain(`<td class="col-short">physically-impossible</td>`);
    expect(out).toContain(`<td class="col-mid">more than three times</td>`);
    expect(out).toContain(`<td class="k col-text">${long}</td>`);
    expect(out).toContain(`<th class="col-text">claim</th>`);
  });

  it("measures visible text: tags do not count, an entity is one character", () => {
    const out = classifyColumns(`<table><tr><td><a href="https://example.com/a/very/long/address">short</a> &amp; c</td></tr></table>`);
    expect(out).toContain(`<td class="col-short">`);
  });

  it("does not touch tables with spans", () => {
    const table = `<table><tr><td colspan="2">${long}</td></tr></table>`;
    expect(classifyColumns(table)).toBe(table);
  });
});

describe("tables on the page", () => {
  it("wraps the tables of HTML and Markdown outputs, and marks the HTML output so that it does not clip them", async () => {
    const { renderOutput } = await import("../../lib/render/page");
    const html = renderOutput({ output_type: "display_data", data: { "text/html": "<table><tr><td>1</td></tr></table>" }, metadata: {} });
    expect(html).toBe(`<div class="output-html has-table"><div class="table-wrap"><table><tr><td class="col-short">1</td></tr></table></div></div>`);
    const md = renderOutput({ output_type: "display_data", data: { "text/markdown": "| a | b |\n|---|---|\n| 1 | 2 |\n" }, metadata: {} });
    expect(md).toMatch(/^<div class="output-markdown"><div class="table-wrap"><table>/);
  });
});
