/**
 * Report tables (lib/report/tables.ts tableHtml): arquero draws them; what reaches the page is
 * escaped, column names included (arquero escapes cells but writes names as given).
 */
import { describe, expect, it } from "vitest";
import { tableHtml } from "../../lib/report/tables";

describe("tableHtml", () => {
  it("a worked example: two rows, a caption, a custom format", () => {
    const html = tableHtml([{ device: "rtx-4090", usd: 1599 }, { device: "m4-max", usd: 3499 }], { caption: "Prices", format: { usd: (v: number) => `$${v}` } });
    expect(html).toContain('<p class="caption">Prices</p>');
    expect(html).toMatch(/<th[^>]*>device<\/th><th[^>]*>usd<\/th>/);
    expect(html).toMatch(/<td[^>]*>rtx-4090<\/td><td[^>]*>\$1599<\/td>/);
  });

  it("escapes column names, cells, custom formats and the caption, each once", () => {
    const html = tableHtml([{ "<b>cost</b> & more": "<i>x</i> & y" }], { caption: "a < b", format: { "<b>cost</b> & more": (v: string) => `${v} <u>` } });
    expect(html).toContain(">&lt;b&gt;cost&lt;/b&gt; &amp; more</th>");
    expect(html).toContain(">&lt;i&gt;x&lt;/i&gt; &amp; y &lt;u&gt;</td>");
    expect(html).toContain('<p class="caption">a &lt; b</p>');
    expect(html).not.toMatch(/<(b|i|u)>/);
    expect(html).not.toContain("&amp;lt;"); // not twice
  });
});

describe("an article's input ranges table", () => {
  it("shows each value as rounded, with thousands separators, not padded to its column's longest decimals (local-tokenomics: $3,500, low $2,625)", async () => {
    const { loadData } = await import("../../lib/data");
    const { articleReport } = await import("../../lib/report/article-report");
    const block = articleReport(loadData(), "local-tokenomics").tornado().find((b) => b.kind === "table" && "format" in b && b.format !== undefined);
    if (!block || block.kind !== "table") throw new Error("no formatted ranges table");
    const html = tableHtml(block.rows, { format: block.format });
    expect(html).toMatch(/<td[^>]*>hardwareUsd<\/td><td[^>]*>3,500<\/td><td[^>]*>2,625<\/td><td[^>]*>4,375<\/td>/);
    expect(html).not.toMatch(/\d\.\d*0<\/td>/); // no padded decimals such as 3500.000 or 36.000
  });
});
