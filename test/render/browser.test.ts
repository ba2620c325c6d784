/**
 * Every committed report as a reader meets it, in headless Chromium: no console
 * error, no network request, every chart has marks, every link from the index
 * resolves. Needs /usr/bin/chromium (scripts/setup-system.sh); skipped without it
 * only when CI is not set.
 */
import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { fileURLToPath, pathToFileURL } from "url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORTS, skipWithout } from "./helpers";

const CHROMIUM = "/usr/bin/chromium";
const skip = skipWithout(CHROMIUM, "the browser test");
const pages = existsSync(REPORTS) ? readdirSync(REPORTS).filter((f) => f.endsWith(".html")).sort() : [];
let browser: Browser;

beforeAll(async () => {
  if (skip) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ], // playwright gives every launch a fresh temporary profile (--user-data-dir)
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(skip)("reports/ in headless Chromium", () => {
  it("has an index and at least one report", () => {
    expect(pages).toContain("index.html");
    expect(pages.length).toBeGreaterThan(1);
  });

  it.each(pages)(
    "%s: no console error, no request, charts with marks, links that resolve",
    async (file) => {
      const url = pathToFileURL(join(REPORTS, file)).href;
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        const page = await browser.newPage({ viewport });
        const problems: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("request", (r) => {
          if (r.url() !== url) problems.push(`request: ${r.url()}`);
        });
        await page.goto(url, { waitUntil: "load" });
        await page.emulateMedia({ media: "print" });
        await page.emulateMedia({ media: "screen" });
        expect(problems, file).toEqual([]);

        const charts = await page.$$eval("svg.plot-d6a7b5", (svgs) =>
          svgs.map((svg) => {
            const marks = [...svg.querySelectorAll("g[aria-label]")].filter((g) => !/axis|grid|tick|label|legend/.test(g.getAttribute("aria-label")!));
            return marks.reduce((n, g) => n + g.querySelectorAll("path, circle, rect, line, text, polygon, image").length, 0);
          }),
        );
        for (const [i, marks] of charts.entries()) expect(marks, `${file}: chart ${i + 1} has no marks`).toBeGreaterThan(0);

        // Nothing wider than the screen but what scrolls inside its own box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${file} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);

        const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const href of links) {
          if (!href.startsWith("file:")) continue;
          const [path, fragment] = href.split("#");
          expect(existsSync(fileURLToPath(path)), `${file} links to missing ${path}`).toBe(true);
          if (fragment && path === url) expect(await page.$(`[id="${decodeURIComponent(fragment)}"]`), `${file}#${fragment}`).not.toBeNull();
        }
        await page.close();
      }
    },
    120_000,
  );

  it("the index links to every report", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(REPORTS, "index.html")).href);
    const hrefs = await page.$$eval("ul.reports h2 a", (as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.sort()).toEqual(pages.filter((p) => p !== "index.html"));
    await page.close();
  }, 60_000);
});
