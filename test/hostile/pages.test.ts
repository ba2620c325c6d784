/**
 * No published page shows NaN, Infinity or undefined outside code: a figure that could not be
 * computed says so in words ("never", "not checkable", "no ceiling") instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { proseOf } from "../helpers/page-text";

const REPORTS = resolve(__dirname, "../../reports");

describe("published pages", () => {
  const pages = readdirSync(REPORTS).filter((f) => f.endsWith(".html"));
  it("there are pages to check", () => expect(pages.length).toBeGreaterThan(5));
  for (const page of pages) {
    it(`${page} has no NaN, Infinity or undefined in its prose, tables or figures`, () => {
      const text = proseOf(readFileSync(resolve(REPORTS, page), "utf8"));
      const hit = /.{0,60}\b(NaN|Infinity|undefined)\b.{0,60}/.exec(text);
      expect(hit?.[0] ?? null, page).toBeNull();
    });
  }
  it("the scan sees a bad figure when there is one", () => {
    expect(proseOf(`<p>Break-even: <strong>InfinityT tokens</strong></p><pre>const x = undefined;</pre>`)).toMatch(/\bInfinity/);
    expect(proseOf(`<pre>const x = undefined;</pre><script>NaN</script>`)).not.toMatch(/undefined|NaN/);
  });
});
