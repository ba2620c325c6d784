/**
 * The live explorer in a real browser (Debian's Chromium through playwright-core): a page with
 * two explorers built by explorerHtml from the articles' cases, opened from a file:// URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadData } from "../../lib/data";
import { articleCase, inputRanges, type ArticleId } from "../../lib/articles";
import { blendedUsdPerMTok, breakEvenVolume, describeBreakEven, selfHostCost, type SelfHostScenario } from "../../lib/models";
import { explorerConfigFromCase, explorerHtml, formatUsdPerMTok } from "../../lib/live";
import { CHROMIUM, HAVE_CHROMIUM, TempPages, launchChromium, open, pageHtml, setValue, slide, type Watch } from "./browser";

const data = loadData();
const RIG: ArticleId = "local-tokenomics";
const MAC: ArticleId = "breakeven-sits";
const configOf = (id: ArticleId) => {
  const c = articleCase(data, id);
  return explorerConfigFromCase(c, inputRanges(data, c));
};

/** The message lib throws for these overrides of an article's case. */
function libError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected lib to throw");
}

const sel = (id: string, what: string) => `#lbe-${id} [data-lbe="${what}"]`;
const text = (page: Page, selector: string) => page.locator(selector).innerText();
const figures = async (page: Page, id: string) => ({
  cost: await text(page, sel(id, "cost")),
  breakEven: await text(page, sel(id, "break-even")),
  verdict: await page.locator(sel(id, "verdict")).getAttribute("data-verdict"),
});
/** What lib computes, formatted by the functions the page uses. */
const expected = (scenario: SelfHostScenario, utilization: number, api: number) => {
  const month = selfHostCost(scenario, utilization);
  return {
    cost: formatUsdPerMTok(month.usdPerMTok),
    breakEven: describeBreakEven(breakEvenVolume(scenario, api)),
    verdict: month.usdPerMTok !== null && month.usdPerMTok < api ? "self-host" : "api",
  };
};
const clean = (w: Watch) => expect({ errors: w.errors, requests: w.requests }).toEqual({ errors: [], requests: [] });

if (!HAVE_CHROMIUM) {
  if (process.env.CI) {
    it("needs Chromium on CI", () => {
      throw new Error(`${CHROMIUM} is missing: the live explorer's browser tests cannot run`);
    });
  } else {
    console.warn(`skipping the live explorer's browser tests: ${CHROMIUM} is missing (set CI to make this a failure)`);
  }
}

describe.skipIf(!HAVE_CHROMIUM)("the live explorer in Chromium", () => {
  let browser: Browser;
  let pages: TempPages;
  let url: string;

  beforeAll(async () => {
    browser = await launchChromium();
    pages = new TempPages();
    // As showExplorer emits them: the script with the first explorer only.
    url = pages.write("explorers.html", pageHtml([explorerHtml(configOf(RIG)), explorerHtml(configOf(MAC), { assets: false })]));
  });
  afterAll(async () => {
    await browser?.close();
    pages?.dispose();
  });

  const openPage = async (at = url, options: { javaScriptEnabled?: boolean } = {}) => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, ...options });
    const opened = await open(context, at);
    if (options.javaScriptEnabled !== false) await opened.page.waitForSelector('lbe-explorer[data-lbe-mounted="1"] >> nth=1', { state: "attached" });
    return { ...opened, context };
  };

  it("moving an input changes the figures to exactly what lib computes in Node, in that explorer only", async () => {
    const { page, watched, context } = await openPage();
    const rig = articleCase(data, RIG);
    const mac = articleCase(data, MAC);
    const macBefore = await figures(page, MAC);
    expect(macBefore).toEqual(expected(mac.scenario, mac.utilization, mac.apiUsdPerMTok));
    const chartBefore = await page.locator(`#lbe-${RIG} svg`).getAttribute("aria-label");

    await setValue(page, `#lbe-${RIG}-usdPerKWh`, "0.3");
    const hot = articleCase(data, RIG, { usdPerKWh: 0.3 });
    expect(await figures(page, RIG)).toEqual({ cost: formatUsdPerMTok(hot.month.usdPerMTok), breakEven: describeBreakEven(hot.breakEven), verdict: "self-host" });
    expect(await page.locator(`#lbe-${RIG} svg`).getAttribute("aria-label")).not.toBe(chartBefore);
    expect(await figures(page, MAC)).toEqual(macBefore);

    // the slider: utilization in %, the model in fractions
    await slide(page, `#lbe-${RIG}-utilization-slider`, "4");
    expect(await page.inputValue(`#lbe-${RIG}-utilization`)).toBe("4");
    expect(await figures(page, RIG)).toEqual(expected(hot.scenario, 0.04, hot.apiUsdPerMTok));
    expect((await figures(page, RIG)).verdict).toBe("api");

    // the API's output price: the page blends it with lib's blendedUsdPerMTok
    await setValue(page, `#lbe-${MAC}-apiOutputUsdPerMTok`, "40");
    expect(await figures(page, MAC)).toEqual(expected(mac.scenario, 1, blendedUsdPerMTok({ inputUsdPerMTok: 3, outputUsdPerMTok: 40 }, { inputPerOutput: 2 })));
    expect(rig.breakEven).not.toEqual(hot.breakEven);
    clean(watched);
    await context.close();
  });

  it("a shared URL reopens the same scenario", async () => {
    const first = await openPage();
    await setValue(first.page, `#lbe-${RIG}-usdPerKWh`, "0.3");
    await slide(first.page, `#lbe-${RIG}-utilization-slider`, "40");
    await setValue(first.page, `#lbe-${MAC}-inputPerOutput`, "1");
    await first.page.waitForFunction(() => /local-tokenomics\.usdPerKWh=0\.3&local-tokenomics\.utilization=0\.4&breakeven-sits\.inputPerOutput=1$/.test(location.hash));
    const shared = first.page.url();
    expect(await first.page.getAttribute(sel(RIG, "link"), "href")).toBe(`#${shared.split("#")[1]}`);
    const want = { rig: await figures(first.page, RIG), mac: await figures(first.page, MAC) };
    const hot = articleCase(data, RIG, { usdPerKWh: 0.3 });
    expect(want.rig).toEqual(expected(hot.scenario, 0.4, hot.apiUsdPerMTok));

    const second = await openPage(shared);
    expect(await second.page.inputValue(`#lbe-${RIG}-usdPerKWh`)).toBe("0.3");
    expect(await second.page.inputValue(`#lbe-${RIG}-utilization`)).toBe("40");
    expect(await second.page.inputValue(`#lbe-${MAC}-inputPerOutput`)).toBe("1");
    expect({ rig: await figures(second.page, RIG), mac: await figures(second.page, MAC) }).toEqual(want);
    expect(await second.page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML()).toBe(await first.page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML());

    // a link followed within the page (hashchange) applies its state too
    await second.page.evaluate(() => {
      location.hash = "local-tokenomics.tokensPerSecond=62";
    });
    await second.page.waitForFunction(() => (document.getElementById("lbe-local-tokenomics-tokensPerSecond") as HTMLInputElement).value === "62");
    const slow = articleCase(data, RIG, { tokensPerSecond: 62 });
    expect(await figures(second.page, RIG)).toEqual(expected(slow.scenario, 1, slow.apiUsdPerMTok));
    const mac = articleCase(data, MAC);
    expect(await figures(second.page, MAC)).toEqual(expected(mac.scenario, 1, mac.apiUsdPerMTok));
    clean(first.watched);
    clean(second.watched);
    await first.context.close();
    await second.context.close();
  });

  it("invalid input shows lib's message next to its field, and the previous result stays", async () => {
    const { page, watched, context } = await openPage();
    await setValue(page, `#lbe-${RIG}-usdPerKWh`, "0.25");
    const before = await figures(page, RIG);
    const chart = await page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML();
    const hashBefore = await page.evaluate(() => location.hash);
    const error = (name: string) => text(page, `#lbe-${RIG}-${name}-error`);

    await setValue(page, `#lbe-${RIG}-hardwareUsd`, "-100");
    expect(await error("hardwareUsd")).toBe(libError(() => articleCase(data, RIG, { hardwareUsd: -100 })));
    expect(await error("hardwareUsd")).toBe("hardwareUsd = -100: must be ≥ 0");
    expect(await page.getAttribute(`#lbe-${RIG}-hardwareUsd`, "aria-invalid")).toBe("true");
    expect(await figures(page, RIG)).toEqual(before);
    expect(await page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML()).toBe(chart);
    expect(await page.locator(sel(RIG, "stale")).isVisible()).toBe(true);

    await setValue(page, `#lbe-${RIG}-hardwareUsd`, "");
    expect(await error("hardwareUsd")).toBe(libError(() => articleCase(data, RIG, { hardwareUsd: NaN })));

    // a second invalid field: each shows its own message
    await setValue(page, `#lbe-${RIG}-utilization`, "120");
    expect(await error("utilization")).toBe(libError(() => selfHostCost(articleCase(data, RIG).scenario, 1.2)));
    expect(await error("hardwareUsd")).toContain("must be a finite number");
    expect(await figures(page, RIG)).toEqual(before);
    expect(await page.locator(`#lbe-${RIG} [data-lbe="results"]`).innerText()).not.toMatch(/NaN|Infinity|undefined/);

    await setValue(page, `#lbe-${RIG}-hardwareUsd`, "3500");
    expect(await error("hardwareUsd")).toBe("");
    expect(await error("utilization")).not.toBe("");
    await setValue(page, `#lbe-${RIG}-utilization`, "50");
    expect(await error("utilization")).toBe("");
    expect(await page.locator(sel(RIG, "stale")).isVisible()).toBe(false);
    const fixed = articleCase(data, RIG, { usdPerKWh: 0.25 });
    expect(await figures(page, RIG)).toEqual(expected(fixed.scenario, 0.5, fixed.apiUsdPerMTok));
    expect(hashBefore).toBe("#local-tokenomics.usdPerKWh=0.25");
    await page.waitForFunction(() => location.hash === "#local-tokenomics.usdPerKWh=0.25&local-tokenomics.utilization=0.5");
    clean(watched);
    await context.close();
  });

  it("reset returns to the article's figures, fields and URL", async () => {
    const { page, watched, context } = await openPage(`${url}#cell-2&${MAC}.hardwareUsd=9000`);
    const published = {
      results: await page.locator(`#lbe-${RIG} [data-lbe="results"]`).innerHTML(),
      chart: await page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML(),
    };
    await setValue(page, `#lbe-${RIG}-tokensPerSecond`, "60");
    await setValue(page, `#lbe-${RIG}-apiUsdPerMTok`, "2");
    await setValue(page, `#lbe-${RIG}-lifeMonths`, "-1");
    expect(await figures(page, RIG)).not.toEqual(expected(articleCase(data, RIG).scenario, 1, 5));
    await page.click(sel(RIG, "reset"));
    const rig = articleCase(data, RIG);
    expect(await figures(page, RIG)).toEqual({ cost: formatUsdPerMTok(rig.month.usdPerMTok), breakEven: describeBreakEven(rig.breakEven), verdict: "self-host" });
    expect(await page.locator(`#lbe-${RIG} [data-lbe="results"]`).innerHTML()).toBe(published.results);
    expect(await page.locator(`#lbe-${RIG} [data-lbe="chart"]`).innerHTML()).toBe(published.chart);
    expect(await page.inputValue(`#lbe-${RIG}-tokensPerSecond`)).toBe("124");
    expect(await page.inputValue(`#lbe-${RIG}-lifeMonths`)).toBe("36");
    expect(await text(page, `#lbe-${RIG}-lifeMonths-error`)).toBe("");
    // the other explorer's state and the anchor stay in the URL
    expect(await page.evaluate(() => location.hash)).toBe(`#cell-2&${MAC}.hardwareUsd=9000`);
    expect(await page.inputValue(`#lbe-${MAC}-hardwareUsd`)).toBe("9000");
    clean(watched);
    await context.close();
  });

  it("several explorers, even with the script repeated, mount once each with unique ids and no errors", async () => {
    const dup = pages.write("repeated.html", pageHtml([explorerHtml(configOf(RIG)), explorerHtml(configOf(MAC)), explorerHtml(configOf("local-vs-openai"))]));
    const { page, watched, context } = await openPage(dup);
    await page.waitForSelector('lbe-explorer[data-lbe-mounted="1"] >> nth=2', { state: "attached" });
    const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.locator("fieldset[disabled]").count()).toBe(0);
    await setValue(page, `#lbe-local-vs-openai-engineeringFte`, "0");
    const c = articleCase(data, "local-vs-openai", { engineeringFte: 0 });
    expect(await text(page, sel("local-vs-openai", "break-even"))).toBe(describeBreakEven(c.breakEven));
    clean(watched);
    await context.close();
  });

  it("with JavaScript off, the page shows the article's cost, break-even, verdict and chart", async () => {
    const { page, watched, context } = await openPage(url, { javaScriptEnabled: false });
    for (const id of [RIG, MAC]) {
      const c = articleCase(data, id);
      expect(await figures(page, id)).toEqual({
        cost: formatUsdPerMTok(c.month.usdPerMTok),
        breakEven: describeBreakEven(c.breakEven),
        verdict: c.month.usdPerMTok! < c.apiUsdPerMTok ? "self-host" : "api",
      });
      expect(await page.locator(`#lbe-${id} [data-lbe="chart"] svg path`).count()).toBeGreaterThan(0);
      expect(await page.locator(`#lbe-${id} [data-lbe="chart"] svg`).isVisible()).toBe(true);
      expect(await page.locator(`#lbe-${id}-hardwareUsd`).isDisabled()).toBe(true);
      expect(await page.locator(`#lbe-${id}-hardwareUsd`).inputValue()).toBe(String(c.scenario.compute.kind === "owned" && c.scenario.compute.hardwareUsd));
    }
    clean(watched);
    await context.close();
  });

  it("updates the figures within a frame of an input event", async () => {
    const { page, watched, context } = await openPage();
    const times = await page.evaluate(async (id) => {
      const host = document.getElementById(`lbe-${id}`) as HTMLElement & { lastUpdateMs: number };
      const slider = document.getElementById(`lbe-${id}-usdPerKWh-slider`) as HTMLInputElement;
      const figure = host.querySelector('[data-lbe="break-even"]') as HTMLElement;
      const out: { total: number; handler: number }[] = [];
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        slider.value = String(0.05 + (i % 20) * 0.02);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        void (host.querySelector('[data-lbe="break-even"]') as HTMLElement).getBoundingClientRect(); // style and layout of the new figures
        out.push({ total: performance.now() - t0, handler: host.lastUpdateMs });
        await new Promise((r) => requestAnimationFrame(r));
      }
      void figure;
      return out.slice(10);
    }, RIG);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const total = median(times.map((t) => t.total));
    const handler = median(times.map((t) => t.handler));
    console.log(`input -> updated figures: median ${total.toFixed(2)} ms (handler ${handler.toFixed(2)} ms) over ${times.length} events`);
    expect(total).toBeLessThan(16);
    clean(watched);
    await context.close();
  });
});
