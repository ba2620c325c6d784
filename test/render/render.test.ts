/**
 * The renderer end to end on the fixture notebooks in test/fixtures/notebooks:
 * execution with tslab, every kind of output, tags, parameters, failures, freshness.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../lib/render/manifest";
import { ParameterError } from "../../lib/render/params";
import { defaultJobs, renderReports, type RenderResult } from "../../lib/render/render";
import { FIXTURES, readTree, ROOT, tempDir } from "./helpers";

const SLOW = 240_000;
const dirs: string[] = [];
const fresh = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const render = (outDir: string, only: string[], extra: Partial<Parameters<typeof renderReports>[0]> = {}) =>
  renderReports({ root: ROOT, notebooksDir: FIXTURES, outDir, only, verdicts: null, ...extra });

describe("renderReports on the features fixture", () => {
  let out: string;
  let result: RenderResult;
  let html: string;
  beforeAll(async () => {
    out = fresh("render-features");
    result = await render(out, ["features"]);
    html = readFileSync(join(out, "features.html"), "utf8");
  }, SLOW);

  it("renders the page, the index and the manifest", () => {
    expect(result.ok).toBe(true);
    expect(result.reports).toMatchObject([{ name: "features", status: "rendered", file: "features.html" }]);
    expect(readdirSync(out).sort()).toEqual(["features.html", "index.html", "manifest.json"]);
  });

  it("shows what console.log printed and the value of a cell's last expression, as tslab does", () => {
    expect(html).toContain('<pre class="stream stdout">rate is 2 who is fixture flag is false\n42\n</pre>');
  });

  it("supports top-level await", () => {
    expect(html).toMatch(/const waited = await[\s\S]*?<pre class="stream stdout">7\n<\/pre>/);
  });

  it("shows tslab.display html, markdown, text, svg and png outputs", () => {
    expect(html).toContain(`<div class="output-html"><p class='from-html'>html output</p></div>`);
    expect(html).toContain("<p><strong>markdown output</strong></p>");
    expect(html).toContain('<pre class="output-text">text output</pre>');
    expect(html).toContain('<div class="output-html"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">');
    expect(html).toContain('<img alt="" src="data:image/png;base64,iVBORw0KGgo=">');
  });

  it("inlines the chart drawn with showPlot", () => {
    expect(html).toMatch(/<div class="output-html"><svg class="plot-d6a7b5"[\s\S]*aria-label="bar"/);
  });

  it("honours remove-input, remove-output and remove-cell", () => {
    expect(html).toContain("visible output, hidden input");
    expect(html).not.toContain("console.log(&quot;visible output, hidden input&quot;)");
    expect(html).toContain("console.log(&quot;hidden output, visible input&quot;)");
    expect(html).not.toContain('<pre class="stream stdout">hidden output, visible input');
    expect(html).not.toContain("hidden cell");
    expect(html).not.toContain("This markdown is removed.");
  });

  it("shows stderr apart from stdout", () => {
    expect(html).toContain('<pre class="stream stderr">a warning on stderr\n</pre>\n<pre class="stream stdout">stdout after stderr\n</pre>');
  });

  it("shows an expected error (raises-exception) where it happens, and stops there as tslab does", () => {
    expect(html).toMatch(/<pre class="error">[^<]*Error: expected failure, shown in place/);
    expect(html).toContain('<p class="failed-note">The notebook stops at this error');
    expect(html).toContain("console.log(&quot;never runs: tslab stops at an error&quot;)");
    expect(html).not.toContain('<pre class="stream stdout">never runs');
  });

  it("links to sibling notebooks' pages and holds no absolute path", () => {
    expect(html).toContain('<a href="failing.html">');
    expect(html).not.toContain(ROOT);
  });

  it("collects title, finding and headline numbers into the manifest and the index", () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.reports.features).toMatchObject({
      title: "Features fixture",
      finding: "The fixture works.",
      headlines: [{ label: "Answer", value: "42", number: 42, unit: "things", source: "fixture" }],
      notebook: "test/fixtures/notebooks/features.ipynb",
      overrides: [],
    });
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain('<a href="features.html">Features fixture</a>');
    expect(index).toContain("The fixture works.");
    expect(index).toContain("Answer: <strong>42</strong> things");
  });

  it("is reproducible: a second render, without the compile cache, gives byte-identical files", async () => {
    const again = fresh("render-features-again");
    await render(again, ["features"], { compileCache: false });
    expect(readTree(again)).toEqual(readTree(out));
  }, SLOW);

  it("does not execute unchanged notebooks again", async () => {
    await render(out, ["features"]); // catches up if lib/ or data/ changed since beforeAll
    const started = performance.now();
    const second = await render(out, ["features"]);
    expect(second.reports).toMatchObject([{ name: "features", status: "fresh" }]);
    expect(second.indexWritten).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  }, SLOW);

  it("re-renders a page whose file no longer matches the manifest", async () => {
    writeFileSync(join(out, "features.html"), "tampered");
    const third = await render(out, ["features"]);
    expect(third.reports[0].status).toBe("rendered");
    expect(readFileSync(join(out, "features.html"), "utf8")).toBe(html);
  }, SLOW);
});

describe("renderReports with parameters", () => {
  it("injects the overrides after the parameters cell and lists them on the page", async () => {
    const out = fresh("render-params");
    const result = await render(out, ["features"], { params: ["rate=5", "who=scenario"] });
    expect(result.ok).toBe(true);
    const html = readFileSync(join(out, "features.html"), "utf8");
    expect(html).toContain("rate is 5 who is scenario flag is false\n105\n");
    expect(html).toMatch(/<aside class="scenario">[\s\S]*<code>rate<\/code><\/td><td>5<\/td><td class="muted">2<\/td>/);
    expect(html).toContain('<section class="cell cell-code" id="cell-injected-parameters">');
    expect(html).toContain("const rate: number = 5;\nconst who: string = &quot;scenario&quot;;");
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.reports.features.overrides).toEqual([
      { name: "rate", type: "number", from: 2, to: 5 },
      { name: "who", type: "string", from: "fixture", to: "scenario" },
    ]);
  }, SLOW);

  it("rejects an unknown name, listing the notebook's parameters with types and defaults", async () => {
    const call = render(fresh("render-params-unknown"), ["features"], { params: ["ratee=5"] });
    await expect(call).rejects.toThrow(ParameterError);
    await expect(render(fresh("x"), ["features"], { params: ["ratee=5"] })).rejects.toThrow(
      /unknown parameter "ratee"[\s\S]*rate: number = 2 {2}\/\/ per hour\n {2}who: string = "fixture"\n {2}flag: boolean = false/,
    );
  });

  it("rejects a value of the wrong type", async () => {
    await expect(render(fresh("render-params-type"), ["features"], { params: ["flag=maybe"] })).rejects.toThrow(
      /parameter "flag" is a boolean, not "maybe"/,
    );
  });
});

describe("renderReports with failing cells", () => {
  it("stops the notebook at the failing cell, reports it, and publishes nothing", async () => {
    const out = fresh("render-failing");
    writeFileSync(join(out, "failing.html"), "previous page");
    const result = await render(out, ["failing", "type-error"], { forceOut: true });
    expect(result.ok).toBe(false);
    const [failing, typeError] = result.reports;
    expect(failing).toMatchObject({ name: "failing", status: "failed", failure: { cell: 3 } });
    expect(failing.failure!.message).toContain("Error: deliberate failure in cell 3");
    expect(typeError).toMatchObject({ name: "type-error", status: "failed", failure: { cell: 2 } });
    expect(typeError.failure!.message).toContain("Type 'string' is not assignable to type 'number'.");
    expect(readFileSync(join(out, "failing.html"), "utf8")).toBe("previous page");
    expect(existsSync(join(out, "type-error.html"))).toBe(false);
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(result.published).toBe(false);
    expect(readdirSync(out)).toEqual(["failing.html"]);
  }, SLOW);

  it("npm run reports prints notebook, cell number and error, and exits non-zero", () => {
    const out = fresh("render-cli");
    const cli = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/render.ts", "--notebooks", FIXTURES, "--out", out, "failing"],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "" } },
    );
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/FAILED +failing +[\d.]+ s +stopped at cell 3/);
    expect(cli.stderr).toContain("failing.ipynb failed in cell 3");
    expect(cli.stderr).toContain("Error: deliberate failure in cell 3");
    expect(cli.stderr).toContain("Nothing was published");
  }, SLOW);

  it("npm run reports refuses --param without --out, and lists parameters on a bad name", () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/render.ts", "--notebooks", FIXTURES, ...args], { cwd: ROOT, encoding: "utf8" });
    const noOut = run(["features", "--param", "rate=3"]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("--out");
    const bad = run(["features", "--param", "nope=3", "--out", fresh("render-cli-bad")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown parameter "nope"[\s\S]*rate: number = 2/);
  });
});

describe("worker processes by default", () => {
  it("one per two cores, at least one, never more than the notebooks to run", () => {
    expect(defaultJobs(9, 2)).toBe(1);
    expect(defaultJobs(9, 1)).toBe(1);
    expect(defaultJobs(9, 8)).toBe(4);
    expect(defaultJobs(3, 16)).toBe(3);
    expect(defaultJobs(1, 16)).toBe(1);
  });
});

describe("a notebook with a @module cell", () => {
  it("is converted cell by cell in the worker (not ahead), and its later cells import the module", async () => {
    const out = fresh("render-module-cell");
    const result = await render(out, ["module-cell"]);
    expect(result.ok).toBe(true);
    const html = readFileSync(join(out, "module-cell.html"), "utf8");
    // 3600 USD over 36 months
    expect(html).toContain('<pre class="stream stdout">100\n</pre>');
  }, SLOW);
});
