import { describe, expect, it } from "vitest";
import { escapeHtml as reportEscape } from "../lib/report/display";
import { escapeHtml as pageEscape } from "../lib/render/page";
import { escapeHtml as liveEscape } from "../lib/live/format";

describe("one HTML escaper", () => {
  it("reports, pages and the live explorer escape alike, quotes of both kinds included", () => {
    const text = `<a href="x" title='y'>Tom & "Jerry"</a>`;
    const want = "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;";
    expect(reportEscape(text)).toBe(want);
    expect(pageEscape(text)).toBe(want);
    expect(liveEscape(text)).toBe(want);
  });
});
