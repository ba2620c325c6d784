import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { articleCase, articleIds, inputRanges } from "../../lib/articles";
import { describeBreakEven } from "../../lib/models";
import {
  buildLiveBundle,
  computeExplorer,
  explorerConfigFromCase,
  explorerHtml,
  explorerText,
  explorerChartSvg,
  explorerValues,
  formatUsdPerMTok,
  resultsHtml,
  inputProblem,
  liveBundle,
  readHashState,
  repoRoot,
  writeHashState,
  type ExplorerConfig,
} from "../../lib/live";

const data = loadData();
const ARTICLE_IDS = articleIds(data);
type ArticleIdT = string;
const configOf = (id: string): ExplorerConfig => {
  const c = articleCase(data, id);
  return explorerConfigFromCase(c, inputRanges(data, c));
};

describe("explorerConfigFromCase: the explorer's published state is the article's case", () => {
  for (const id of ARTICLE_IDS) {
    it(`${id}: same break-even, month and API price as articleCase`, () => {
      const c = articleCase(data, id);
      const o = computeExplorer(explorerValues(configOf(id)));
      expect(o.breakEven).toEqual(c.breakEven);
      expect(o.month).toEqual(c.month);
      expect(o.apiUsdPerMTok).toBe(c.apiUsdPerMTok);
      expect(o.utilization).toBe(c.utilization);
    });
  }

  it("exposes the API's input and output prices and ratio when the case has them, else the blended price", () => {
    const sits = configOf("breakeven-sits").inputs.map((i) => i.name);
    expect(sits).toEqual(expect.arrayContaining(["apiInputUsdPerMTok", "apiOutputUsdPerMTok", "inputPerOutput"]));
    expect(sits).not.toContain("apiUsdPerMTok");
    const rig = configOf("local-tokenomics").inputs.map((i) => i.name);
    expect(rig).toContain("apiUsdPerMTok");
    expect(rig).toEqual(["hardwareUsd", "lifeMonths", "loadWatts", "usdPerKWh", "tokensPerSecond", "utilization", "hoursPerMonth", "apiUsdPerMTok"]);
    const openai = configOf("local-vs-openai").inputs.map((i) => i.name);
    expect(openai).toEqual(expect.arrayContaining(["usdPerGpuHour", "gpus", "engineeringFte", "loadedUsdPerYear", "infraUsdPerMonth"]));
    expect(configOf("tco-breakdown").inputs.map((i) => i.name)).toContain("overheadMultiplier");
  });

  it("marks the source range of each input that has one, and keeps the article's value inside the slider", () => {
    for (const id of ARTICLE_IDS) {
      const c = articleCase(data, id);
      const ranges = inputRanges(data, c);
      for (const input of configOf(id).inputs) {
        const r = ranges.find((x) => x.input === input.name);
        if (r) expect(input.range).toEqual({ low: r.low, high: r.high, basis: r.basis });
        expect(input.min).toBeLessThanOrEqual(input.value);
        expect(input.max).toBeGreaterThanOrEqual(input.value);
        if (input.range) {
          expect(input.min).toBeLessThanOrEqual(input.range.low);
          expect(input.max).toBeGreaterThanOrEqual(input.range.high);
        }
      }
    }
    const u = configOf("local-vs-openai").inputs.find((i) => i.name === "utilization")!;
    expect(u).toMatchObject({ unit: "%", scale: 100, min: 0, max: 1, value: 0.6 });
  });

  it("holds breakeven-sits's idle draw fixed (its electricity is paid every hour) and leaves out figures the model does not read", () => {
    const cfg = configOf("breakeven-sits");
    expect(cfg.fixed).toEqual({ idleShareOfLoad: 1 });
    expect(Object.keys(cfg.fixed ?? {})).not.toContain("electricityUsdPerMonth");
  });
});

describe("the server-rendered explorer", () => {
  it("shows the article's cost per Mtok, break-even and verdict, and an SVG chart, without any script", () => {
    for (const id of ARTICLE_IDS) {
      const c = articleCase(data, id);
      const html = explorerHtml(configOf(id), { assets: false });
      expect(html).not.toContain("<script data-lbe-assets");
      const shown = /data-lbe="break-even">(.*?)<\/dd>/.exec(html)![1].replace(/<[^>]+>/g, "").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      expect(shown).toBe(describeBreakEven(c.breakEven));
      expect(html).toContain(`data-lbe="cost">${formatUsdPerMTok(c.month.usdPerMTok)}<`);
      expect(html).toMatch(/data-lbe="verdict" data-verdict="(api|self-host)"/);
      expect(html).toMatch(/<svg class="lbe-svg"[^>]*>.*<path d="M/);
      expect(html).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("namespaces every id by the explorer id", () => {
    const html = explorerHtml(configOf("local-tokenomics"), { assets: false });
    const ids = [...html.matchAll(/(?<![-\w])id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id.startsWith("lbe-local-tokenomics")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is deterministic, and the text stand-in carries the figures", () => {
    const cfg = configOf("not-cheaper");
    expect(explorerHtml(cfg)).toBe(explorerHtml(cfg));
    expect(explorerText(cfg)).toContain(describeBreakEven(articleCase(data, "not-cheaper").breakEven));
  });

  it("refuses a config whose published values do not compute, or an id unsafe in ids and URLs", () => {
    const cfg = configOf("local-tokenomics");
    expect(() => explorerHtml({ ...cfg, id: "a b" })).toThrow(/explorer id/);
    expect(() => explorerHtml({ ...cfg, inputs: cfg.inputs.map((i) => (i.name === "lifeMonths" ? { ...i, value: 0 } : i)) })).toThrow(/lifeMonths = 0: must be > 0/);
  });
});

describe("edge values render figures and a chart, never NaN", () => {
  const cases: [ArticleIdT, Record<string, number>][] = [
    ["local-tokenomics", { utilization: 0 }],
    ["local-tokenomics", { utilization: 0.0001 }],
    ["local-tokenomics", { apiUsdPerMTok: 0 }],
    ["local-tokenomics", { hardwareUsd: 0, usdPerKWh: 0 }],
    ["local-tokenomics", { apiUsdPerMTok: 1e6, tokensPerSecond: 1e-3 }],
    ["local-vs-openai", { usdPerGpuHour: 0, engineeringFte: 0, infraUsdPerMonth: 0 }],
    ["breakeven-sits", { inputPerOutput: 0, apiOutputUsdPerMTok: 0 }],
  ];
  for (const [id, over] of cases) {
    it(`${id} ${JSON.stringify(over)}`, () => {
      const o = computeExplorer({ ...explorerValues(configOf(id)), ...over });
      const html = resultsHtml(o, "API") + explorerChartSvg(o, "API");
      expect(html).not.toMatch(/NaN|Infinity|undefined|null/);
    });
  }
});

describe("inputProblem reads the model's errors", () => {
  const values = explorerValues(configOf("breakeven-sits"));
  const problem = (over: Record<string, number>) => {
    try {
      computeExplorer({ ...values, ...over });
    } catch (e) {
      return inputProblem(e);
    }
    throw new Error("expected an error");
  };
  it("names the input: ModelInputError's parameter, aliases of the API prices, RangeErrors' 'name = value:'", () => {
    expect(problem({ hardwareUsd: -1 })).toEqual({ parameter: "hardwareUsd", message: "hardwareUsd = -1: must be ≥ 0" });
    expect(problem({ utilization: 1.2 })).toEqual({ parameter: "utilization", message: "utilization = 1.2: must be between 0 and 1" });
    expect(problem({ apiOutputUsdPerMTok: NaN }).parameter).toBe("apiOutputUsdPerMTok");
    expect(problem({ apiInputUsdPerMTok: -3 }).parameter).toBe("apiInputUsdPerMTok");
    const tco = explorerValues(configOf("tco-breakdown"));
    try {
      computeExplorer({ ...tco, overheadMultiplier: 0.5 });
      throw new Error("expected an error");
    } catch (e) {
      expect(inputProblem(e)).toEqual({ parameter: "overheadMultiplier", message: "overheadMultiplier = 0.5: must be ≥ 1" });
    }
  });
});

describe("URL state", () => {
  it("round-trips an explorer's values at full precision and keeps other explorers' pairs and anchors", () => {
    const h = writeHashState("#cell-3&other.x=1&a.usdPerKWh=9", "a", { usdPerKWh: 0.1 + 0.2, utilization: 1 / 3 }, ["usdPerKWh", "utilization"]);
    expect(h).toBe("cell-3&other.x=1&a.usdPerKWh=0.30000000000000004&a.utilization=0.3333333333333333");
    expect(readHashState(`#${h}`, "a")).toEqual({ usdPerKWh: 0.1 + 0.2, utilization: 1 / 3 });
    expect(readHashState(`#${h}`, "other")).toEqual({ x: 1 });
    expect(writeHashState(`#${h}`, "a", {}, ["usdPerKWh"])).toBe("cell-3&other.x=1");
    expect(readHashState("#a.x=&a.y=abc", "a")).toEqual({ x: NaN, y: NaN });
  });
});

describe("the bundle", () => {
  it("is deterministic, small, and holds lib's model but nothing of node or lib/data", () => {
    const a = buildLiveBundle();
    const b = buildLiveBundle();
    expect(a.code).toBe(b.code);
    expect(a.bytes).toBeLessThan(100_000);
    console.log(`live bundle: ${a.bytes} bytes, built in ${a.buildMs.toFixed(0)} ms`);
    expect(a.inputs).toEqual(expect.arrayContaining(["lib/models/self-host.ts", "lib/models/breakeven.ts", "lib/articles/cases.ts", "lib/live/compute.ts"]));
    expect(a.inputs.filter((f) => f.startsWith("lib/data/") || f.startsWith("node_modules/"))).toEqual([]);
    expect(a.code).not.toMatch(/\brequire\(|node:|import\.meta/);
    expect(a.code).not.toContain(repoRoot());
    expect(a.code).not.toMatch(/@observablehq|d3-/);
  });

  it("is built once per process and reused", () => {
    const first = liveBundle();
    const started = performance.now();
    const again = liveBundle();
    expect(again).toBe(first);
    expect(performance.now() - started).toBeLessThan(first.buildMs + 50);
  });

  it("Node-side lib/live uses no import.meta (tslab compiles lib to CommonJS) and imports files, not folders", () => {
    const dir = join(repoRoot(), "lib/live");
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const src = readFileSync(join(dir, f), "utf8");
      expect(src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""), f).not.toContain("import.meta");
      expect(src, f).not.toMatch(/from "\.\.?\/(models|articles|data|report)"/);
    }
  });
});
