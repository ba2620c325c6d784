/**
 * The reports and the live explorer format numbers alike. The explorer's page runs lib/report/format.ts
 * as esbuild bundled it (lowered to ES2020 and minified, in a browser whose locale may not be en-US),
 * so the checks run that bundled copy, in a fresh Node realm and in Chromium with a German locale,
 * against the module the reports import, over wide ranges of values (fast-check) and worked examples.
 */
import { runInNewContext } from "node:vm";
import { buildSync } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { breakEvenText, num, pct, tokens, usd, usdPerMTok } from "../../lib/report/format";
import { formatUsdPerMTok } from "../../lib/live/format";
import { describeBreakEven, type BreakEvenVolume } from "../../lib/models";
import { liveBundle, repoRoot } from "../../lib/live/bundle";
import { HAVE_CHROMIUM, launchChromium } from "../live/browser";

/** What the explorer's script calls, bundled as lib/live/bundle.ts bundles the page's script. */
const ENTRY = `export { num, pct, usd, usdPerMTok, formatUsdPerMTok } from "./lib/live/format";
export { tokens, breakEvenText } from "./lib/report/format";
export { describeBreakEven } from "./lib/models/index";`;
const bundled = buildSync({
  stdin: { contents: ENTRY, resolveDir: repoRoot(), loader: "ts" },
  bundle: true,
  write: false,
  format: "iife",
  globalName: "lbeFormat",
  platform: "browser",
  target: ["es2020"],
  minify: true,
  charset: "ascii",
  logLevel: "silent",
}).outputFiles[0].text;

interface Formatters {
  num(x: number): string;
  pct(x: number, digits?: number): string;
  usd(x: number): string;
  usdPerMTok(x: number): string;
  formatUsdPerMTok(x: number | null): string;
  tokens(x: number): string;
  breakEvenText(be: BreakEvenVolume): string;
  describeBreakEven(be: BreakEvenVolume): string;
}
/** The bundled copy, run in a realm of its own (its own Intl objects, nothing shared with this module). */
const browserCopy = runInNewContext(`${bundled};lbeFormat`, {}) as Formatters;

/** Every number formatter, each on one value: the strings a page and a report would print. */
function allTexts(f: Formatters, x: number): string[] {
  return [f.num(x), f.pct(x), f.pct(x, 0), f.pct(x, 3), f.usd(x), f.usdPerMTok(x), f.formatUsdPerMTok(x), f.tokens(x)];
}
const REPORT: Formatters = { num, pct, usd, usdPerMTok, formatUsdPerMTok, tokens, breakEvenText, describeBreakEven };

/** Values either side of every rule's edges: 1, 10, 100, 1,000, the word scales, rounding halves. */
const EDGES = [
  0, -0, 1e-7, 9.995e-7, 0.0009995, 0.001, 0.09995, 0.5, 0.9995, 0.99949, 1, 4.375, 9.9949, 9.995, 9.99951, 10, 99.995, 99.5, 100,
  999.494, 999.995, 999.5, 1000, 1234.5, 999_500, 1e6, 9.995e8, 1e9, 1e12, 1.5e13, 1e21, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE,
  NaN, Infinity, -Infinity,
].flatMap((x) => [x, -x]);

const anyDouble = fc.double(); // NaN, ±Infinity, ±0 and the extremes included
const tiny = fc.double({ min: -1e-6, max: 1e-6 });
const tokenCounts = fc.double({ min: 1e-3, max: 1e13, noNaN: true });
const usdAmounts = fc.oneof(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((cents) => cents / 100), fc.double({ min: 0, max: 1e6, noNaN: true }));
const fractions = fc.double({ min: -3, max: 3, noNaN: true });
const breakEvens: fc.Arbitrary<BreakEvenVolume> = fc.oneof(
  fc.record({ tokensPerMonth: tokenCounts, setups: fc.integer({ min: 1, max: 400 }), capacityTokensPerMonth: tokenCounts }).map(
    (v): BreakEvenVolume => ({ kind: "volume", ...v, utilization: 0.5, alwaysWinsAboveTokensPerMonth: v.tokensPerMonth, perSetupFixedUsd: 100, sharedFixedUsd: 0 }),
  ),
  fc.constant<BreakEvenVolume>({ kind: "never", reason: "api-at-or-below-marginal-cost", explanation: "the API's $0.262/Mtok is at or below the self-hosted marginal cost" }),
);

describe("the reports' formatter, worked examples", () => {
  it("usd: three significant digits below $10, cents from $10, whole dollars with separators from $1,000", () => {
    expect([usd(0.739), usd(0.5), usd(5), usd(9.994), usd(10), usd(97.222), usd(237.406), usd(999.994)]).toEqual(["$0.739", "$0.500", "$5.00", "$9.99", "$10.00", "$97.22", "$237.41", "$999.99"]);
    expect([usd(1000), usd(13225.4), usd(1e13)]).toEqual(["$1,000", "$13,225", "$10,000,000,000,000"]);
  });

  it("usd of a negative amount puts the sign before the dollar; -0 and amounts that round to nothing carry none", () => {
    expect([usd(-5), usd(-13225.5), usd(-0.000123), usd(-0), usd(-Infinity)]).toEqual(["-$5.00", "-$13,226", "-$0.000123", "$0.00", "-$∞"]);
  });

  it("pct: one decimal unless told; a negative that rounds to zero prints no sign", () => {
    expect([pct(0.066), pct(0.0663), pct(1), pct(0.25, 0), pct(0.2996), pct(-0.066), pct(-0.0001), pct(-0.004, 0)]).toEqual(["6.6%", "6.6%", "100.0%", "25%", "30.0%", "-6.6%", "0.0%", "0%"]);
  });

  it("num: three significant digits, whole with separators from 1,000", () => {
    expect([num(4.375), num(0.5), num(12.34), num(0.1217), num(1234.5), num(36), num(-2500.4)]).toEqual(["4.38", "0.5", "12.3", "0.122", "1,235", "36", "-2,500"]);
  });

  it("tokens, usdPerMTok and the break-even texts", () => {
    expect([tokens(2.13e7), tokens(1.52e9), tokens(1e-3), tokens(1.5e13)]).toEqual(["21.3M", "1.52B", "0.00100", "15.0T"]);
    expect([usdPerMTok(0.739), formatUsdPerMTok(4.4), formatUsdPerMTok(null)]).toEqual(["$0.739/Mtok", "$4.40/Mtok", "no tokens"]);
    const two = { kind: "volume", tokensPerMonth: 3.82e9, setups: 2, utilization: 0.92, capacityTokensPerMonth: 2.07e9, alwaysWinsAboveTokensPerMonth: 3.82e9, perSetupFixedUsd: 1, sharedFixedUsd: 0 } as const;
    expect(breakEvenText(two)).toBe("3.82B tokens/month on 2 setups");
    expect(describeBreakEven(two)).toBe("3.82B tokens/month with 2 setups (one makes at most 2.07B)");
    expect(breakEvenText({ ...two, tokensPerMonth: 2.13e7, setups: 1 })).toBe("21.3M tokens/month");
  });
});

describe("the explorer's bundled copy formats as the reports do (fresh Node realm)", () => {
  it("the page's script is built from lib/report/format.ts: no formatter of its own", () => {
    expect(liveBundle().inputs).toContain("lib/report/format.ts");
  });

  it("on the rules' edges, ±", () => {
    for (const x of EDGES) expect(allTexts(browserCopy, x), String(x)).toEqual(allTexts(REPORT, x));
  });

  it("on any double, tiny values, token counts from 1e-3 to 1e13, USD amounts and fractions (fast-check)", () => {
    for (const arb of [anyDouble, tiny, tokenCounts, usdAmounts, fractions]) {
      fc.assert(
        fc.property(arb, (x) => {
          expect(allTexts(browserCopy, x)).toEqual(allTexts(REPORT, x));
        }),
        { numRuns: 2000 },
      );
    }
    fc.assert(fc.property(fractions, fc.integer({ min: 0, max: 4 }), (x, d) => browserCopy.pct(x, d) === pct(x, d)), { numRuns: 2000 });
  });

  it("on the break-even texts, short and long, which name the same figure", () => {
    fc.assert(
      fc.property(breakEvens, (be) => {
        expect(browserCopy.breakEvenText(be)).toBe(breakEvenText(be));
        expect(browserCopy.describeBreakEven(be)).toBe(describeBreakEven(be));
        const short = breakEvenText(be);
        expect(describeBreakEven(be).startsWith(be.kind === "volume" && be.setups > 1 ? short.replace(/ on \d+ setups$/, "") : short)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe.skipIf(!HAVE_CHROMIUM)("the explorer's bundled copy formats as the reports do (Chromium, German locale)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("over the edges and 4,000 drawn values, every formatter gives the reports' string", async () => {
    const drawn = [anyDouble, tiny, tokenCounts, usdAmounts, fractions].flatMap((arb, i) => fc.sample(arb, { seed: 17 + i, numRuns: 800 }));
    // JSON has no NaN, Infinity or -0: send each value's text and parse it in the page
    const values = [...EDGES, ...drawn];
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await page.setContent("<!DOCTYPE html><title>format</title>");
    await page.addScriptTag({ content: bundled });
    const inPage = await page.evaluate((texts: string[]) => {
      const f = (window as unknown as { lbeFormat: Formatters }).lbeFormat;
      const locale = (1234.5).toLocaleString();
      return { locale, out: texts.map((t) => { const x = t === "-0" ? -0 : Number(t); return [f.num(x), f.pct(x), f.pct(x, 0), f.pct(x, 3), f.usd(x), f.usdPerMTok(x), f.formatUsdPerMTok(x), f.tokens(x)]; }) };
    }, values.map((x) => (Object.is(x, -0) ? "-0" : String(x))));
    await context.close();
    expect(inPage.locale).toBe("1.234,5"); // the page's own locale is German: the formatters must not follow it
    expect(inPage.out).toEqual(values.map((x) => allTexts(REPORT, x)));
  });
});
