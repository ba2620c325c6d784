/**
 * The scenario report for a reader's own situation, one per hardware family: rendered with
 * `--param` into a temporary folder by the real renderer, as `npm run reports -- 12-scenario-explorer
 * --param … --out DIR` does. Each page must answer (a model that does not fit says so and what
 * would; an unmeasured setup shows an estimate with its range; a device without a cited price says
 * so), show no NaN, Infinity or undefined, and print the same headline figures that lib's
 * `scenarioAnswer` computes for that situation in this process.
 */
import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SITUATION, scenarioAnswer, type ScenarioAnswer } from "../../lib/articles/answer";
import type { Situation } from "../../lib/articles/scenario";
import { loadData } from "../../lib/data";
import { headlineRecord } from "../../lib/report/headline";
import { breakEvenText } from "../../lib/report/format";
import type { Manifest } from "../../lib/render/manifest";
import { inputErrorMessage, renderReports } from "../../lib/render/render";
import { ROOT, tempDir } from "./helpers";
import { readableText } from "../helpers/page-text";

interface Family {
  readonly family: string;
  readonly params: Partial<Situation>;
}

/** A device, model and API from each family a reader is likely to ask about. */
const FAMILIES: readonly Family[] = [
  { family: "NVIDIA consumer: gpt-oss-120b on one 24 GB card", params: { deviceId: "rtx-4090" } },
  { family: "NVIDIA workstation against a catalog price (Gemini 2.5 Pro)", params: { deviceId: "rtx-a6000", modelId: "qwen3-32b", quantization: "q4_k_m", concurrency: 1, apiProvider: "google", apiModel: "gemini-2.5-pro" } },
  { family: "NVIDIA data centre: two H100s batched, against GPT-5", params: { deviceId: "h100-sxm", deviceCount: 2, modelId: "llama-3.3-70b", quantization: "fp8", concurrency: 8, apiProvider: "openai", apiModel: "gpt-5" } },
  { family: "AMD consumer against DeepSeek", params: { deviceId: "rx-7900-xtx", modelId: "gemma-3-27b", quantization: "q4_k_m", concurrency: 1, apiProvider: "deepseek", apiModel: "deepseek-chat" } },
  { family: "Apple silicon", params: { deviceId: "mac-studio-m4-max-40c", modelId: "qwen3-30b-a3b", quantization: "q4_k_m", concurrency: 1, tokensPerMonth: 20e6 } },
  { family: "Intel Arc", params: { deviceId: "arc-b580", modelId: "llama-3.1-8b", quantization: "q4_k_m", concurrency: 1, tokensPerMonth: 20e6 } },
];

const SLOW = 600_000;
const data = loadData();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Rendered {
  readonly text: string;
  readonly headlines: Manifest["reports"][string]["headlines"];
  readonly answer: ScenarioAnswer;
}

const rendered = new Map<string, Rendered>();

async function renderFamily(f: Family): Promise<void> {
  const out = tempDir("scenario-family");
  dirs.push(out);
  const params = Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`);
  const result = await renderReports({ root: ROOT, outDir: out, only: ["12-scenario-explorer"], params, verdicts: null });
  if (!result.ok) throw new Error(`${f.family}: the render failed: ${JSON.stringify(result.reports)}`);
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
  rendered.set(f.family, {
    text: readableText(readFileSync(join(out, "12-scenario-explorer.html"), "utf8")),
    headlines: manifest.reports["12-scenario-explorer"].headlines,
    answer: scenarioAnswer(data, { ...DEFAULT_SITUATION, ...f.params }),
  });
}

describe("the scenario report rendered with --param for each hardware family", () => {
  beforeAll(async () => {
    // two renders at a time: one per core
    for (let i = 0; i < FAMILIES.length; i += 2) await Promise.all(FAMILIES.slice(i, i + 2).map(renderFamily));
  }, SLOW);

  it.each(FAMILIES.map((f) => [f.family]))("%s: renders, with no NaN, Infinity or undefined on the page", (family) => {
    const r = rendered.get(family)!;
    expect(r.text).toMatch(/The answer at your volume/);
    expect(r.text).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
  });

  it("a model that does not fit says so first, with the memory it needs and what would fit", () => {
    const r = rendered.get(FAMILIES[0].family)!;
    expect(r.answer.kind).toBe("does-not-fit");
    if (r.answer.kind !== "does-not-fit") return;
    expect(r.text).toContain(`gpt-oss-120b (mxfp4) does not fit in 1 × rtx-4090`);
    expect(r.text).toContain(`What would fit instead: ${r.answer.fit.devicesNeeded} × rtx-4090`);
  });

  it.each(FAMILIES.slice(1).map((f) => [f.family]))("%s: the headlines are scenarioAnswer's figures, with an estimate's range", (family) => {
    const r = rendered.get(family)!;
    const a = r.answer;
    if (a.kind !== "answer") throw new Error(`${family}: expected an answer, got ${a.kind}`);
    const cost = r.headlines.find((h) => /^Self-hosted cost per million/.test(h.label))!;
    expect(cost.value).toBe(headlineRecord({ label: "", value: a.usdPerMTok.value, range: [a.usdPerMTok.low, a.usdPerMTok.high] }).value);
    expect(cost.value.includes("(range ")).toBe(a.estimated && a.usdPerMTok.low !== a.usdPerMTok.high);
    const be = r.headlines.find((h) => /^Break-even against/.test(h.label))!;
    expect(be.value.startsWith(breakEvenText(a.breakEven.value))).toBe(true);
    if (a.estimated) expect(r.text).toMatch(/its speed is an estimate : [\d.]+ tok\/s \(range [\d.]+ tok\/s to [\d.]+ tok\/s\)/);
    if (a.case.hardwarePrice.kind === "missing") expect(r.text).toContain(`The data has no purchase price for ${a.situation.deviceId}`);
  });

  it("an API the cited rows lack is priced from the catalog, its pricing page named", () => {
    expect(rendered.get(FAMILIES[1].family)!.text).toContain("google/gemini-2.5-pro (@pydantic/genai-prices@0.1.8, pricing page https://ai.google.dev/gemini-api/docs/pricing");
    expect(rendered.get(FAMILIES[2].family)!.text).toMatch(/openai\/gpt-5 \(@pydantic\/genai-prices@0\.1\.8, pricing page https:\/\/\S+/);
  });

  it("every page compares against the whole price catalog and the hosts of the model self-hosted", () => {
    for (const f of FAMILIES.slice(1)) {
      const text = rendered.get(f.family)!.text;
      expect(text).toMatch(/Of the 1,\d{3} token-priced offers from \d+ providers in the price catalog/);
      expect(text).toMatch(/offers? sells? \S+ itself, from \$|No API in the data or the catalog sells/);
    }
  });
});

describe("a genuinely invalid scenario is an error naming the parameter, the value and the rule, without stack frames", () => {
  it("inputErrorMessage keeps an input error's message alone: no source excerpt above it, no frames below", () => {
    const printed = [
      "./notebooks/lib/articles/scenario.js:29",
      "    throw new ScenarioInputError(field, rule);",
      "    ^",
      "",
      'ScenarioInputError: scenario parameter deviceId: no device "rtx-9090" in data/hardware.csv',
      "    at fail (./notebooks/lib/articles/scenario.js:29:11)",
      "    at evalmachine.<anonymous>:59:43",
    ].join("\n");
    expect(inputErrorMessage(printed)).toBe('ScenarioInputError: scenario parameter deviceId: no device "rtx-9090" in data/hardware.csv');
    expect(inputErrorMessage("ModelInputError: lifeMonths = 0: must be > 0\n    at positive (x.js:1:1)")).toBe("ModelInputError: lifeMonths = 0: must be > 0");
    // any other error keeps its frames (they locate a bug)
    expect(inputErrorMessage("TypeError: x is not a function\n    at y (z.js:1:1)")).toBeNull();
  });

  it("--param deviceId=rtx-9090: the render fails in the setup cell with the message alone, and publishes nothing", async () => {
    const out = tempDir("scenario-invalid");
    dirs.push(out);
    const result = await renderReports({ root: ROOT, outDir: out, only: ["12-scenario-explorer"], params: ["deviceId=rtx-9090"], verdicts: null });
    expect(result.ok).toBe(false);
    const failure = result.reports[0].failure!;
    expect(failure.cellId).toBe("setup");
    expect(failure.message).toMatch(/^ScenarioInputError: scenario parameter deviceId: no device "rtx-9090" in data\/hardware\.csv; devices include a10, /);
    expect(failure.message).not.toMatch(/\n\s+at |scenario\.js:\d+/);
  }, SLOW);
});
