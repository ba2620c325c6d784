/**
 * The live explorer in the rendered article reports (reports/01-… to 05-…, as `npm run reports`
 * writes them and the staleness test keeps them), in Debian's Chromium through playwright-core.
 * Every expected figure is computed here with lib (articleCase, selfHostCost, blendedUsdPerMTok,
 * describeBreakEven), never hard-coded. Skipped only outside CI when Chromium is missing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadData } from "../../lib/data";
import { articleCase, inputRanges, type ArticleCase, type ArticleId } from "../../lib/articles";
import { blendedUsdPerMTok, describeBreakEven, noBreakEvenBelowUsdPerMTok, selfHostCost } from "../../lib/models";
import { explorerConfigFromCase, formatUsdPerMTok, type ExplorerConfig } from "../../lib/live";
import { REPORTS, skipWithout } from "../render/helpers";
import { CHROMIUM, launchChromium, open, setValue, slide, type Watch } from "./browser";

const data = loadData();

/** Each article's report and its case. */
const REPORTED: readonly { notebook: string; id: ArticleId }[] = [
  { notebook: "01-local-tokenomics", id: "local-tokenomics" },
  { notebook: "02-breakeven-sits", id: "breakeven-sits" },
  { notebook: "03-not-cheaper", id: "not-cheaper" },
  { notebook: "04-local-vs-openai", id: "local-vs-openai" },
  { notebook: "05-tco-breakdown", id: "tco-breakdown" },
];

interface Figures {
  cost: string;
  api: string;
  breakEven: string;
  verdict: string | null;
}

const sel = (id: string, what: string) => `#lbe-${id} [data-lbe="${what}"]`;
const field = (id: string, name: string) => `#lbe-${id}-${name}`;

async function figures(page: Page, id: string): Promise<Figures> {
  return {
    cost: await page.locator(sel(id, "cost")).innerText(),
    api: await page.locator(sel(id, "api")).innerText(),
    breakEven: await page.locator(sel(id, "break-even")).innerText(),
    verdict: await page.locator(sel(id, "verdict")).getAttribute("data-verdict"),
  };
}

/** What lib computes for the article's case with `overrides`, at `utilization` (default: the case's). */
function libFigures(id: ArticleId, overrides: Record<string, number> = {}, utilization?: number): Figures {
  const c = articleCase(data, id, overrides);
  const u = utilization ?? c.utilization;
  const month = selfHostCost(c.scenario, u);
  return {
    cost: formatUsdPerMTok(month.usdPerMTok),
    api: formatUsdPerMTok(c.apiUsdPerMTok),
    breakEven: describeBreakEven(c.breakEven),
    verdict: month.usdPerMTok !== null && month.usdPerMTok < c.apiUsdPerMTok ? "self-host" : "api",
  };
}

/** The message lib throws for these overrides. */
function libError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected lib to throw");
}

/** The case's hardware input: the purchase price, or a rented case's price per GPU-hour. */
const hardwareOf = (c: ArticleCase): string => (c.inputs.some((i) => i.name === "hardwareUsd") ? "hardwareUsd" : "usdPerGpuHour");
/** The API price the explorer exposes: the output price when the case has the parts, else the blended price. */
const apiOf = (config: ExplorerConfig): string => (config.inputs.some((i) => i.name === "apiOutputUsdPerMTok") ? "apiOutputUsdPerMTok" : "apiUsdPerMTok");
/** Overrides of articleCase for a new API price (articleCase keeps the derived blend: recompute it with lib). */
function apiOverrides(c: ArticleCase, name: string, value: number): Record<string, number> {
  if (name === "apiUsdPerMTok") return { apiUsdPerMTok: value };
  const v = Object.fromEntries(c.inputs.map((i) => [i.name, i.value]));
  return { apiOutputUsdPerMTok: value, apiUsdPerMTok: blendedUsdPerMTok({ inputUsdPerMTok: v.apiInputUsdPerMTok, outputUsdPerMTok: value }, { inputPerOutput: v.inputPerOutput }) };
}

const clean = (w: Watch) => expect({ errors: w.errors, requests: w.requests }).toEqual({ errors: [], requests: [] });

const skip = skipWithout(CHROMIUM, "the live explorer's tests on the rendered reports");

describe.skipIf(skip)("the live explorer in each article's rendered report, in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const { notebook, id } of REPORTED) {
    describe(`reports/${notebook}.html`, () => {
      const path = join(REPORTS, `${notebook}.html`);
      const url = pathToFileURL(path).href;
      const c = articleCase(data, id);
      const config = explorerConfigFromCase(c, inputRanges(data, c));
      const published = libFigures(id);
      const hw = hardwareOf(c);
      const apiName = apiOf(config);
      const contexts: BrowserContext[] = [];
      afterAll(async () => {
        for (const context of contexts) await context.close();
      });

      const openPage = async (at = url, options: { javaScriptEnabled?: boolean; width?: number; height?: number } = {}) => {
        expect(existsSync(path), `${path} is missing: run npm run reports`).toBe(true);
        const context = await browser.newContext({ viewport: { width: options.width ?? 1000, height: options.height ?? 1200 }, javaScriptEnabled: options.javaScriptEnabled !== false });
        contexts.push(context);
        const opened = await open(context, at);
        if (options.javaScriptEnabled !== false) await opened.page.waitForSelector(`#lbe-${id}[data-lbe-mounted="1"]`, { state: "attached" });
        return opened;
      };

      /** Slides the hardware input three quarters of the way (on a step of the slider); returns the value the model gets. */
      const slideHardware = async (page: Page): Promise<number> => {
        const slider = page.locator(`${field(id, hw)}-slider`);
        const [min, max, step] = await Promise.all(["min", "max", "step"].map(async (a) => Number(await slider.getAttribute(a))));
        const target = min + Math.round((0.75 * (max - min)) / step) * step;
        await slide(page, `${field(id, hw)}-slider`, String(target));
        return Number(await page.inputValue(field(id, hw)));
      };

      it("has one explorer for the article's case, published at the article's figures", async () => {
        const { page, watched } = await openPage();
        expect(await page.locator("lbe-explorer").count()).toBe(1);
        expect(await page.locator("script[data-lbe-assets]").count()).toBe(1);
        expect(await figures(page, id)).toEqual(published);
        // the section the explorer sits in
        expect(await page.locator("h2", { hasText: "Try your own assumptions" }).count()).toBe(1);
        const names = await page.locator(`#lbe-${id} .lbe-field`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name));
        expect(names).toEqual(config.inputs.map((i) => i.name));
        expect(names).toEqual(expect.arrayContaining([hw, "tokensPerSecond", "utilization", "hoursPerMonth", apiName]));
        clean(watched);
      });

      it("moving an input changes the break-even, cost, verdict and chart to what lib computes", async () => {
        const { page, watched } = await openPage();
        const chart = await page.locator(sel(id, "chart")).innerHTML();
        const v = await slideHardware(page);
        expect(v).not.toBe(config.inputs.find((i) => i.name === hw)!.value);
        const moved = libFigures(id, { [hw]: v });
        expect(moved.cost).not.toBe(published.cost);
        // a case that never breaks even (the API below the marginal cost) still never does
        if (c.breakEven.kind === "volume") expect(moved.breakEven).not.toBe(published.breakEven);
        expect(await figures(page, id)).toEqual(moved);
        expect(await page.locator(sel(id, "chart")).innerHTML()).not.toBe(chart);

        // then the API price, typed in its field: three times the article's, and above what a full
        // setup costs (below it no number of setups breaks even) so that every case breaks even
        const ratio = c.inputs.find((i) => i.name === "inputPerOutput")?.value ?? 0;
        const floor = noBreakEvenBelowUsdPerMTok(articleCase(data, id, { [hw]: v }).scenario);
        const above = 2 * floor * (apiName === "apiUsdPerMTok" ? 1 : ratio + 1);
        const apiValue = Number(Math.max(3 * config.inputs.find((i) => i.name === apiName)!.value, above).toPrecision(3));
        await setValue(page, field(id, apiName), String(apiValue));
        const priced = libFigures(id, { [hw]: v, ...apiOverrides(c, apiName, apiValue) });
        expect(priced.breakEven).not.toBe(moved.breakEven);
        expect(priced.breakEven).not.toMatch(/^never/);
        expect(await figures(page, id)).toEqual(priced);

        // and utilization, in % on the page, a fraction in the model
        await slide(page, `${field(id, "utilization")}-slider`, "15");
        expect(await page.inputValue(field(id, "utilization"))).toBe("15");
        expect(await figures(page, id)).toEqual(libFigures(id, { [hw]: v, ...apiOverrides(c, apiName, apiValue) }, 0.15));
        clean(watched);
      });

      it("a shared URL reopens exactly the same scenario", async () => {
        const first = await openPage();
        const v = await slideHardware(first.page);
        await setValue(first.page, field(id, "tokensPerSecond"), String(c.inputs.find((i) => i.name === "tokensPerSecond")!.value / 2));
        await first.page.waitForFunction((id) => location.hash.includes(`${id}.tokensPerSecond=`), id);
        const shared = first.page.url();
        expect(shared).toContain(`#${id}.${hw}=`);
        expect(await first.page.getAttribute(sel(id, "link"), "href")).toBe(`#${shared.split("#")[1]}`);
        const want = await figures(first.page, id);
        const tps = Number(await first.page.inputValue(field(id, "tokensPerSecond")));
        expect(want).toEqual(libFigures(id, { [hw]: v, tokensPerSecond: tps }));

        const second = await openPage(shared);
        for (const input of config.inputs) {
          expect(await second.page.inputValue(field(id, input.name)), input.name).toBe(await first.page.inputValue(field(id, input.name)));
        }
        expect(await figures(second.page, id)).toEqual(want);
        expect(await second.page.locator(sel(id, "chart")).innerHTML()).toBe(await first.page.locator(sel(id, "chart")).innerHTML());
        clean(first.watched);
        clean(second.watched);
      });

      it("invalid input shows its message next to the field, and the previous figures stay", async () => {
        const { page, watched } = await openPage();
        const v = await slideHardware(page);
        const before = await figures(page, id);
        expect(before).toEqual(libFigures(id, { [hw]: v }));
        const chart = await page.locator(sel(id, "chart")).innerHTML();
        const error = (name: string) => page.locator(`${field(id, name)}-error`).innerText();

        await setValue(page, field(id, hw), "-1");
        expect(await error(hw)).toBe(libError(() => articleCase(data, id, { [hw]: -1 })));
        expect(await error(hw)).toMatch(/must be/);
        expect(await page.getAttribute(field(id, hw), "aria-invalid")).toBe("true");
        expect(await figures(page, id)).toEqual(before);
        expect(await page.locator(sel(id, "chart")).innerHTML()).toBe(chart);
        expect(await page.locator(sel(id, "stale")).isVisible()).toBe(true);

        await setValue(page, field(id, hw), "");
        expect(await error(hw)).toBe(libError(() => articleCase(data, id, { [hw]: NaN })));

        await setValue(page, field(id, "utilization"), "120");
        expect(await error("utilization")).toBe(libError(() => selfHostCost(c.scenario, 1.2)));
        expect(await error(hw)).not.toBe("");
        expect(await figures(page, id)).toEqual(before);
        expect(await page.locator(sel(id, "results")).innerText()).not.toMatch(/NaN|Infinity|undefined/);

        // fixed again: the messages go, the figures follow
        await setValue(page, field(id, hw), String(v));
        await setValue(page, field(id, "utilization"), "50");
        expect(await error(hw)).toBe("");
        expect(await error("utilization")).toBe("");
        expect(await page.locator(sel(id, "stale")).isVisible()).toBe(false);
        expect(await figures(page, id)).toEqual(libFigures(id, { [hw]: v }, 0.5));
        clean(watched);
      });

      it("reset restores the article's figures, fields, chart and URL", async () => {
        const { page, watched } = await openPage(`${url}#cell-3`);
        const results = await page.locator(sel(id, "results")).innerHTML();
        const chart = await page.locator(sel(id, "chart")).innerHTML();
        await slideHardware(page);
        await setValue(page, field(id, apiName), "0.01");
        await setValue(page, field(id, "hoursPerMonth"), "-3");
        await page.waitForFunction((id) => location.hash.includes(`${id}.`), id);
        expect(await figures(page, id)).not.toEqual(published);
        await page.click(sel(id, "reset"));
        expect(await figures(page, id)).toEqual(published);
        expect(await page.locator(sel(id, "results")).innerHTML()).toBe(results);
        expect(await page.locator(sel(id, "chart")).innerHTML()).toBe(chart);
        for (const input of config.inputs) {
          expect(await page.inputValue(field(id, input.name)), input.name).toBe(await page.getAttribute(field(id, input.name), "value"));
          expect(await page.locator(`${field(id, input.name)}-error`).innerText()).toBe("");
        }
        expect(await page.evaluate(() => location.hash)).toBe("#cell-3");
        clean(watched);
      });

      it("with JavaScript off, the article's figures, the explorer's published state and the charts are in the page", async () => {
        const { page, watched } = await openPage(url, { javaScriptEnabled: false });
        expect(await figures(page, id)).toEqual(published);
        expect(await page.locator(`${sel(id, "chart")} svg path`).count()).toBeGreaterThan(0);
        expect(await page.locator(`${sel(id, "chart")} svg`).isVisible()).toBe(true);
        for (const input of config.inputs) expect(await page.locator(field(id, input.name)).isDisabled(), input.name).toBe(true);
        expect(await page.inputValue(field(id, hw))).toBe(String(config.inputs.find((i) => i.name === hw)!.value));
        expect(await page.locator(sel(id, "hint")).innerText()).toContain("enable JavaScript");
        // the report's own static figures: its headline, tables and charts
        expect(await page.locator(".headline").count()).toBeGreaterThan(0);
        expect(await page.locator("table").count()).toBeGreaterThan(0);
        expect(await page.locator(".output-html svg").count()).toBeGreaterThan(1);
        clean(watched);
      });

      it("on a phone, the figures stay in view while the inputs scroll", async () => {
        const { page, watched } = await openPage(url, { width: 390, height: 700 });
        // the first input at the top of the screen: the results, below all inputs, would be out of view
        await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView({ block: "start" }), field(id, config.inputs[0].name));
        const flowTop = await page.evaluate((sel) => {
          const results = document.querySelector(sel) as HTMLElement;
          const stuck = results.getBoundingClientRect().top;
          results.style.position = "static";
          const top = results.getBoundingClientRect().top;
          results.style.position = "";
          return { stuck, top };
        }, sel(id, "results"));
        const viewport = page.viewportSize()!;
        expect(flowTop.top).toBeGreaterThan(viewport.height);
        const box = await page.locator(sel(id, "results")).boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 1);
        expect(box!.y).toBeGreaterThan(0);
        expect(await page.locator(sel(id, "break-even")).isVisible()).toBe(true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        clean(watched);
      });
    });
  }
});
