/**
 * Test helpers: a page of explorers written to a temporary file, and Debian's Chromium driven
 * by playwright-core. When /usr/bin/chromium is missing the browser tests are skipped, unless
 * CI is set (then they fail).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** The flags the brief asks for: no sandbox (container), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A minimal page around explorer outputs, as the renderer wraps outputs (one div each). */
export function pageHtml(outputs: readonly string[], title = "Live explorer test"): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title></head><body><main>\n<h1>${title}</h1>\n` +
    outputs.map((o) => `<div class="output-html">${o}</div>`).join("\n") +
    `\n</main></body></html>\n`
  );
}

/** Writes pages to a fresh temporary folder; `url(name)` is a file:// URL. */
export class TempPages {
  readonly dir = mkdtempSync(join(tmpdir(), "lbe-live-"));
  write(name: string, html: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, html);
    return pathToFileURL(path).href;
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a page did that a test forbids: console errors, page errors, requests other than the page. */
export interface Watch {
  readonly errors: string[];
  readonly requests: string[];
}

/** Watches a page: console errors, uncaught errors, and every request not to a file of the page itself. */
export function watch(page: Page, allowed: (url: string) => boolean): Watch {
  const w: Watch = { errors: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") w.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (!allowed(r.url())) w.requests.push(r.url());
  });
  return w;
}

/** Opens `url` in a new page of `context`, watched. */
export async function open(context: BrowserContext, url: string): Promise<{ page: Page; watched: Watch }> {
  const page = await context.newPage();
  const base = url.split("#")[0];
  const watched = watch(page, (u) => u.split("#")[0] === base);
  await page.goto(url);
  return { page, watched };
}

/** Sets an input's value as typing would, then commits it (input, then change). */
export async function setValue(page: Page, selector: string, value: string): Promise<void> {
  const el = page.locator(selector);
  await el.fill(value);
  await el.dispatchEvent("change");
}

/** Moves a range input to `value` (input and change events, as a drag would end). */
export async function slide(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).evaluate((el: HTMLInputElement, v: string) => {
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}
