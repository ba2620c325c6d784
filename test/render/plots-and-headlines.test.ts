import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { plotSvg } from "../../lib/plots/plot";
import { stableIds } from "../../lib/plots/stable-ids";
import { formatValue, headlineHtml, headlineRecord, headlineText } from "../../lib/report/headline";
import { displayBundle } from "../../lib/report/display";

describe("plotSvg(options)", () => {
  const options = () => ({
    marks: [Plot.line([{ x: 1, y: 2 }, { x: 2, y: 3 }], { x: "x", y: "y", clip: true, marker: "circle" })],
  });

  it("renders a Plot chart to SVG markup on the server", () => {
    const svg = plotSvg(options());
    expect(svg.startsWith('<svg class="plot-d6a7b5"')).toBe(true);
    expect(svg).toContain('aria-label="line"');
  });

  it("gives byte-identical markup however many charts were drawn before", () => {
    const first = plotSvg(options());
    plotSvg(options());
    expect(plotSvg(options())).toBe(first);
    expect(first).toMatch(/plot-clip-[0-9a-f]{8}-1/);
    expect(first).toMatch(/plot-marker-[0-9a-f]{8}-1/);
  });

  it("returns a <figure> when the chart has a title", () => {
    expect(plotSvg({ ...options(), title: "A title" })).toMatch(/^<figure[^>]*><h2>A title<\/h2><svg/);
  });
});

describe("stableIds(svg)", () => {
  it("renumbers Plot's ids from 1 in order of appearance under a hash of the chart", () => {
    const a = stableIds('<clipPath id="plot-clip-9"/><g clip-path="url(#plot-clip-9)"/><clipPath id="plot-clip-4"/>');
    expect(a).toMatch(/^<clipPath id="plot-clip-([0-9a-f]{8})-1"\/><g clip-path="url\(#plot-clip-\1-1\)"\/><clipPath id="plot-clip-\1-2"\/>$/);
    expect(stableIds('<clipPath id="plot-clip-1"/><g clip-path="url(#plot-clip-1)"/><clipPath id="plot-clip-2"/>')).toBe(a);
  });

  it("leaves markup without generated ids as it is", () => {
    expect(stableIds("<svg><rect/></svg>")).toBe("<svg><rect/></svg>");
  });
});

describe("formatValue(value, digits)", () => {
  it("formats by magnitude in en-US style when digits is not given", () => {
    expect(formatValue(1234.5)).toBe("1,235");
    expect(formatValue(41.237)).toBe("41.24");
    expect(formatValue(0.012345)).toBe("0.0123");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(Number.NaN)).toBe("NaN");
  });

  it("uses exactly `digits` decimals when given", () => {
    expect(formatValue(2, 2)).toBe("2.00");
    expect(formatValue(1234.5678, 1)).toBe("1,234.6");
  });
});

describe("headlineRecord(h) / headlineText(r) / headlineHtml(r)", () => {
  const record = headlineRecord({ label: "Cost <per> token", value: 0.4166, unit: "USD/MTok", source: "lib/models" });

  it("keeps the raw number and the formatted value", () => {
    expect(record).toEqual({ label: "Cost <per> token", value: "0.417", number: 0.4166, unit: "USD/MTok", source: "lib/models" });
  });

  it("writes one plain line and one escaped HTML line", () => {
    expect(headlineText(record)).toBe("Cost <per> token: 0.417 USD/MTok (source: lib/models)");
    expect(headlineHtml(record)).toContain('<span class="label">Cost &lt;per&gt; token</span>');
  });
});

describe("headlineRecord with a range: an estimate shows its ends, formatted like the value", () => {
  it("cost per million tokens 6.553 estimated between 6.47 and 6.781: '6.55 (range 6.47–6.78)', the number kept central", () => {
    const r = headlineRecord({ label: "Cost", value: 6.553, range: [6.47, 6.781], unit: "USD" });
    expect(r.value).toBe("6.55 (range 6.47–6.78)");
    expect(r.number).toBe(6.553);
    expect(r.range).toEqual([6.47, 6.781]);
  });
  it("a range whose ends are equal (a measured speed) adds nothing", () => {
    expect(headlineRecord({ label: "Cost", value: 6.553, range: [6.553, 6.553] })).toEqual({ label: "Cost", value: "6.55", number: 6.553 });
  });
});

describe("displayBundle(bundle)", () => {
  it("does nothing and returns false outside a kernel", () => {
    expect(displayBundle({ "text/plain": "x" })).toBe(false);
  });
});
