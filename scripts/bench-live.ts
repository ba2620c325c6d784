/**
 * The live explorer's costs: bytes the bundle adds to a page, esbuild build time, the HTML of
 * each article's explorer, and the latency from an input event to the updated figures in
 * Chromium (median and 95th percentile over 50 events, after 10 warm-up events).
 *
 *   npx tsx scripts/bench-live.ts
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { loadData } from "../lib/data";
import { articleCase, articleIds, inputRanges } from "../lib/articles";
import { buildLiveBundle, explorerAssetsHtml, explorerConfigFromCase, explorerHtml, liveBundle, repoRoot } from "../lib/live";

const CHROMIUM = "/usr/bin/chromium";
const EVENTS = 50;
const WARMUP = 10;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The q-quantile, nearest rank. */
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const kb = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

/** The article reports and their explorers. */
const REPORTS = ["01-local-tokenomics", "02-breakeven-sits", "03-not-cheaper", "04-local-vs-openai", "05-tco-breakdown"];

async function main(): Promise<void> {
  // build
  const builds = Array.from({ length: 5 }, () => buildLiveBundle());
  const bundle = builds[0];
  const same = builds.every((b) => b.code === bundle.code);
  const cachedStart = performance.now();
  liveBundle();
  const firstCached = performance.now() - cachedStart;
  const againStart = performance.now();
  liveBundle();
  const cachedMs = performance.now() - againStart;
  const assets = explorerAssetsHtml();
  console.log("bundle (lib/live/browser.ts + lib/models + scenarioFromValues, esbuild, minified)");
  console.log(`  script            ${bundle.bytes} bytes (${kb(bundle.bytes)}; gzip ${kb(gzipSync(bundle.code).length)})`);
  console.log(`  script + style    ${Buffer.byteLength(assets)} bytes, inlined once per page`);
  console.log(`  build             median ${median(builds.map((b) => b.buildMs)).toFixed(1)} ms over ${builds.length} builds; deterministic: ${same}`);
  console.log(`  liveBundle()      first call ${firstCached.toFixed(1)} ms, then ${cachedMs.toFixed(3)} ms (cached per process)`);
  console.log(`  files bundled     ${bundle.inputs.length}: ${bundle.inputs.join(", ")}`);

  // markup
  const data = loadData();
  const ARTICLE_IDS = articleIds(data);
  const html = ARTICLE_IDS.map((id) => {
    const c = articleCase(data, id);
    return { id, html: explorerHtml(explorerConfigFromCase(c, inputRanges(data, c)), { assets: false }) };
  });
  console.log("explorer markup (server-rendered figures, chart, inputs and config; without the script)");
  for (const h of html) console.log(`  ${h.id.padEnd(18)}${Buffer.byteLength(h.html)} bytes`);

  // in the rendered reports
  console.log("in the rendered reports (reports/, from `npm run reports`): the explorer's bytes (script, style, markup) of the page's");
  for (const name of REPORTS) {
    const path = join(repoRoot(), "reports", `${name}.html`);
    if (!existsSync(path)) {
      console.log(`  ${name.padEnd(22)}missing: run npm run reports`);
      continue;
    }
    const page = readFileSync(path, "utf8");
    const start = page.indexOf("<style data-lbe-assets>");
    const end = page.lastIndexOf("</lbe-explorer>");
    const added = start < 0 || end < 0 ? 0 : Buffer.byteLength(page.slice(start, end + "</lbe-explorer>".length));
    const total = Buffer.byteLength(page);
    console.log(`  ${name.padEnd(22)}${added} bytes (${kb(added)}; gzip ${kb(gzipSync(page.slice(start, end)).length)}) of ${kb(total)}`);
  }

  // latency
  if (!existsSync(CHROMIUM)) {
    console.log(`latency: skipped, ${CHROMIUM} is missing`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "lbe-bench-"));
  const file = join(dir, "bench.html");
  writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body>${assets}${html.map((h) => h.html).join("\n")}</body></html>`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector(`lbe-explorer[data-lbe-mounted="1"] >> nth=${ARTICLE_IDS.length - 1}`, { state: "attached" });
    console.log(`input event -> updated figures and chart (Chromium headless, median of ${EVENTS} events)`);
    for (const id of ARTICLE_IDS) {
      const name = id === "local-vs-openai" || id === "tco-breakdown" ? "usdPerGpuHour" : "usdPerKWh";
      const times = await page.evaluate(
        async ({ id, name, n }) => {
          const host = document.getElementById(`lbe-${id}`) as HTMLElement & { lastUpdateMs: number };
          const slider = document.getElementById(`lbe-${id}-${name}-slider`) as HTMLInputElement;
          const min = Number(slider.min);
          const span = Number(slider.max) - min;
          const out: { total: number; handler: number }[] = [];
          for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            slider.value = String(min + span * (0.1 + 0.8 * ((i * 7) % 20) / 20));
            slider.dispatchEvent(new Event("input", { bubbles: true }));
            void (host.querySelector('[data-lbe="break-even"]') as HTMLElement).getBoundingClientRect();
            out.push({ total: performance.now() - t0, handler: host.lastUpdateMs });
            await new Promise((r) => requestAnimationFrame(r));
          }
          return out;
        },
        { id, name, n: EVENTS + WARMUP },
      );
      const measured = times.slice(WARMUP);
      const total = measured.map((t) => t.total);
      console.log(
        `  ${id.padEnd(18)}median ${median(total).toFixed(2)} ms, p95 ${quantile(total, 0.95).toFixed(2)} ms (handler median ${median(measured.map((t) => t.handler)).toFixed(2)} ms, max ${Math.max(...total).toFixed(2)} ms)`,
      );
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
