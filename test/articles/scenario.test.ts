import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { apiOffers, inputValues, readerCase, readerValues, whatWouldFlip, type Situation } from "../../lib/articles/index";
import { predictDecodeSpeed } from "../../lib/analysis/speed-predict";
import { expectClose } from "../helpers/close";

const data = loadData();

/** A DGX Spark on gpt-oss-120b, one stream, 50 M tokens a month, no engineering, against OpenRouter. */
const spark: Situation = {
  deviceId: "dgx-spark",
  deviceCount: 1,
  modelId: "gpt-oss-120b",
  quantization: "mxfp4",
  concurrency: 1,
  tokensPerMonth: 50e6,
  hoursPerMonth: 730,
  hardwareUsd: null,
  hostUsd: 0,
  lifeMonths: 36,
  loadWatts: null,
  hostWatts: 0,
  idleWatts: null,
  tokensPerSecond: null,
  efficiency: 0.6,
  usdPerKWh: null,
  engineeringFte: 0,
  loadedUsdPerYear: null,
  apiProvider: "openrouter",
  apiModel: "openai/gpt-oss-120b",
  inputPerOutput: 3,
};

const input = (c: ReturnType<typeof readerCase>, name: string) => c.inputs.find((i) => i.name === name)!;

/** The cited decode measurements of one DGX Spark on gpt-oss-120b (mxfp4) at a concurrency, context ≤ 4,096, sorted. */
function sparkRuns(concurrency: number): number[] {
  const article = new Set(data.sources.rows.filter((x) => x.tier === "article").map((x) => x.source_id));
  return data.benchmarks.rows
    .filter((b) => b.device_id === "dgx-spark" && b.device_count === 1 && b.model_id === "gpt-oss-120b" && b.quantization === "mxfp4" && b.phase === "decode")
    .filter((b) => (b.concurrency ?? b.batch_size ?? 1) === concurrency && (b.context_depth ?? 0) <= 4096 && b.outcome === "ok" && !article.has(b.source_id))
    .map((b) => b.tokens_per_s!)
    .sort((a, b) => a - b);
}
const median = (xs: readonly number[]) => (xs.length % 2 === 1 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
/** A single stream on the Spark: the median of its cited measurements (57.8 tok/s or so; the data holds several runtimes). */
const sparkTps = median(sparkRuns(1));

describe("readerCase: the reader's situation, gaps filled from cited data rows", () => {
  it("DGX Spark, 50 M tokens: the median measured single stream (about 57.7 tok/s) → 33% busy; $4,700/36 + (22 W idle + 73 W more × 33%) × 730 h × $0.1883 ≈ $136.9 → $2.74/Mtok", () => {
    const c = readerCase(data, spark);
    // the newest single-unit price row, the cited load power, the newest monthly US residential price
    expect([input(c, "hardwareUsd").value, input(c, "hardwareUsd").sourceId]).toEqual([4700, "solafide-spark"]);
    expect([input(c, "loadWatts").value, input(c, "loadWatts").sourceId]).toEqual([95, "exolabs-spark-handbook"]);
    expect([input(c, "usdPerKWh").value, input(c, "usdPerKWh").sourceId]).toEqual([0.1883, "energyfactbook"]);
    // the median of the cited single-stream decode measurements of this setup
    expect(input(c, "tokensPerSecond").value).toBe(sparkTps);
    expect(c.speedBasis).toMatch(new RegExp(`median of ${sparkRuns(1).length} measured`));
    const capacity = sparkTps * 3600 * 730;
    expectClose(c.utilization, 50e6 / capacity);
    // idle 22 W around the clock (a cited idle figure), and the 73 W more it draws generating, for the share of time it does
    expect([input(c, "idleWatts").value, input(c, "idleWatts").sourceId]).toEqual([22, "tectack-dgx-spark-idle"]);
    const monthly = 4700 / 36 + (0.022 + (0.095 - 0.022) * (50e6 / capacity)) * 730 * 0.1883;
    expectClose(c.month.totalUsd, monthly);
    expectClose(c.month.usdPerMTok!, monthly / 50);
    expect(c.month.usdPerMTok!).toBeCloseTo(2.74, 2);
    expect(c.caveats.join(" ")).not.toMatch(/idle power of dgx-spark/);
  });

  it("against OpenRouter's gpt-oss-120b, (3 × $0.039 + $0.18) / 4 = $0.0743/Mtok, above the $0.066 marginal cost but below a full Spark's own cost: never", () => {
    const c = readerCase(data, spark);
    expectClose(c.apiUsdPerMTok, (3 * 0.039 + 0.18) / 4);
    expectClose(c.month.marginalUsdPerMTok, (((0.095 - 0.022) * 0.1883) / (sparkTps * 3600)) * 1e6);
    expect(c.breakEven).toMatchObject({ kind: "never", reason: "setup-cost-at-or-above-api" });
  });

  it("against Claude Sonnet 4.6, (3 × $3 + $15) / 4 = $6: break-even = ($130.56 + $3.02 idle) / ($6 − $0.066) × 1e6 = 22.5 M tokens", () => {
    const c = readerCase(data, { ...spark, apiProvider: "anthropic", apiModel: "claude-sonnet-4.6" });
    expect(c.apiUsdPerMTok).toBe(6);
    if (c.breakEven.kind !== "volume") throw new Error("expected a volume");
    const marginal = (((0.095 - 0.022) * 0.1883) / (sparkTps * 3600)) * 1e6;
    expectClose(c.breakEven.tokensPerMonth, ((4700 / 36 + 0.022 * 730 * 0.1883) / (6 - marginal)) * 1e6);
  });

  it("3 × RTX 3090 with an $800, 100 W host: 3 × $900 + $800; 3 × 350 W + 100 W; no measurement → 936 GB/s bound × 0.6", () => {
    const c = readerCase(data, { ...spark, deviceId: "rtx-3090", deviceCount: 3, hostUsd: 800, hostWatts: 100 });
    expect(input(c, "hardwareUsd").value).toBe(3 * ((750 + 1050) / 2) + 800);
    expect(input(c, "loadWatts").value).toBe(3 * 350 + 100);
    // gpt-oss-120b reads 5.1 B active weights × 4.25 bits / 8 per token; a layer split reads one card at a time
    const bound = 936e9 / ((5.1e9 * 4.25) / 8);
    expectClose(input(c, "tokensPerSecond").value, bound * 0.6, 1e-3);
    expect(input(c, "tokensPerSecond").origin).toBe("derived");
  });

  it("with efficiency 0, a setup the data never measured gets the predicted speed, marked as an estimate with its range", () => {
    const c = readerCase(data, { ...spark, deviceId: "rtx-3090", deviceCount: 3, efficiency: 0 });
    const p = predictDecodeSpeed(data, { deviceId: "rtx-3090", deviceCount: 3, modelId: "gpt-oss-120b", quant: "mxfp4" });
    if (p.kind !== "prediction") throw new Error("expected a prediction");
    expect(input(c, "tokensPerSecond").value).toBe(p.tokensPerSecond);
    expect(p.lowTokensPerSecond).toBeLessThanOrEqual(p.tokensPerSecond);
    expect(p.tokensPerSecond).toBeLessThanOrEqual(p.highTokensPerSecond);
    expect(c.speedBasis).toMatch(/^an estimate, not a measurement: [\d.]+ tok\/s \(range [\d.]+–[\d.]+\)/);
  });

  it("the break-even scales out from one setup: a volume needing 3 Sparks still breaks even where one Spark would", () => {
    const one = readerCase(data, { ...spark, apiProvider: "anthropic", apiModel: "claude-sonnet-4.6" });
    const three = readerCase(data, { ...spark, apiProvider: "anthropic", apiModel: "claude-sonnet-4.6", tokensPerMonth: 400e6 });
    expect(three.setups).toBe(3);
    expect(three.breakEven).toEqual(one.breakEven);
  });

  it("concurrency 32 uses the data's aggregate (batched) measurements at 32 streams (312.56 and 318.7 among them)", () => {
    const runs = sparkRuns(32);
    expect(runs).toEqual(expect.arrayContaining([312.56, 318.7]));
    expectClose(input(readerCase(data, { ...spark, concurrency: 32 }), "tokensPerSecond").value, median(runs));
  });

  it("500 M tokens is 3.3 machines' worth: four setups, each 82% busy, four times the price, power and speed", () => {
    const c = readerCase(data, { ...spark, tokensPerMonth: 500e6 });
    expect(c.setups).toBe(4);
    expect(input(c, "hardwareUsd").value).toBe(4 * 4700);
    expectClose(c.utilization, 500e6 / (4 * sparkTps * 3600 * 730));
  });

  it("the reader's own figures replace the data's and are marked as theirs", () => {
    const mine = readerValues("hardwareUsd=4000, usdPerKWh=0.30");
    const c = readerCase(data, { ...spark, hardwareUsd: mine.hardwareUsd!, usdPerKWh: mine.usdPerKWh! });
    expect([input(c, "hardwareUsd").value, input(c, "hardwareUsd").origin]).toEqual([4000, "stated"]);
    expect(input(c, "usdPerKWh").value).toBe(0.3);
  });

  it("engineering at 0.05 FTE takes the lowest loaded cost in the data: 0.05 × $145,000 / 12 = $604.17 a month", () => {
    const c = readerCase(data, { ...spark, engineeringFte: 0.05 });
    expect(input(c, "loadedUsdPerYear").value).toBe(145000);
    expectClose(c.month.fixedUsd, 4700 / 36 + 0.022 * 730 * 0.1883 + (0.05 * 145000) / 12);
  });

  it("what would have to change: against Sonnet at 10 M tokens, the API price at which the two cost the same is the all-in cost", () => {
    const s = { ...spark, apiProvider: "anthropic", apiModel: "claude-sonnet-4.6", tokensPerMonth: 10e6 };
    const c = readerCase(data, s);
    const api = whatWouldFlip(inputValues(c.inputs), s.tokensPerMonth, ["apiUsdPerMTok"])[0];
    expectClose(api.flipsAt!, c.month.usdPerMTok!, 1e-6);
  });
});

describe("readerCase: a bare card needs a machine around it", () => {
  const rig = { ...spark, deviceId: "rtx-3090", deviceCount: 2, modelId: "llama-3.1-70b", quantization: "q4_k_m" };
  const bare = (c: ReturnType<typeof readerCase>) => c.caveats.filter((x) => /is a bare card/.test(x));
  it("two RTX 3090s priced from the data with no host: the note says the price and power leave the machine out", () => {
    expect(bare(readerCase(data, rig))).toEqual([
      "rtx-3090 is a bare card: its price and power are for the cards alone, without the machine they need (CPU, board, memory, power supply), which flatters self-hosting. Give hostUsd and hostWatts for yours.",
    ]);
  });
  it("with a host price the note keeps only the power; with both, or your own all-in figures, it goes", () => {
    expect(bare(readerCase(data, { ...rig, hostUsd: 800 }))[0]).toMatch(/its power is for the cards alone.*Give hostWatts for yours/);
    expect(bare(readerCase(data, { ...rig, hostUsd: 800, hostWatts: 120 }))).toEqual([]);
    expect(bare(readerCase(data, { ...rig, hardwareUsd: 2500, loadWatts: 900 }))).toEqual([]);
  });
  it("a complete machine (the DGX Spark, a desktop system) gets no such note", () => {
    expect(bare(readerCase(data, spark))).toEqual([]);
  });
});

describe("readerCase: a price and a memory size from different configurations", () => {
  const ultra = { ...spark, deviceId: "mac-studio-m3-ultra", quantization: "q4_k_m", concurrency: 1 };
  const note = (c: ReturnType<typeof readerCase>) => c.caveats.filter((x) => /GB of memory/.test(x));
  it("DeepSeek R1 at Q4_K_M needs far more than the 96 GB Mac Studio the $3,999 price buys: the note says so from the price row's memory_gb", () => {
    const [n] = note(readerCase(data, { ...ultra, modelId: "deepseek-r1" }));
    expect(n).toMatch(/^The price used \(\$3,999, worldmagazine-mac-studio-2025\) is for mac-studio-m3-ultra with 96 GB of memory, and deepseek-r1 \(q4_k_m\) needs \d+ GiB for its weights, more than that holds; the fit uses the 512 GB/);
  });
  it("the same when only the price row knows the smaller configuration: every M2 Ultra hardware row says 192 GB, the $3,999 price is for 64 GB", () => {
    const m2 = { ...ultra, deviceId: "apple-m2-ultra", modelId: "llama-3.1-70b" };
    // at 8.5 bits a weight, Llama 3.1 70B takes 69 GiB: more than 64
    expect(note(readerCase(data, { ...m2, quantization: "q8_0" }))[0]).toMatch(/^The price used \(\$3,999, imore-mac-studio-m2-2023\) is for apple-m2-ultra with 64 GB of memory, and llama-3.1-70b \(q8_0\) needs 69 GiB for its weights, more than that holds; the fit uses the 192 GB/);
    // at 4.5 bits, 37 GiB: the priced machine holds it, no note
    expect(note(readerCase(data, m2))).toEqual([]);
  });
  it("without the priced configuration's memory, the spread of the hardware rows speaks, quoting the price row", () => {
    const noMemory = { ...data, hardware_prices: { ...data.hardware_prices, rows: data.hardware_prices.rows.map((r) => ({ ...r, memory_gb: null })) } };
    const [n] = note(readerCase(noMemory, { ...ultra, modelId: "deepseek-r1" }));
    expect(n).toMatch(/^The data gives mac-studio-m3-ultra with 96–512 GB of memory \(configurations\); the fit uses 512 GB, and deepseek-r1 \(q4_k_m\) needs \d+ GiB for its weights/);
    expect(n).toContain("($3,999, worldmagazine-mac-studio-2025: From price: 28c CPU / 60c GPU, 96 GB, 1 TB)");
  });
  it("a model the smallest configuration holds, or a price of your own, gets no such note", () => {
    expect(note(readerCase(data, { ...ultra, modelId: "llama-3.1-8b" }))).toEqual([]);
    expect(note(readerCase(data, { ...ultra, modelId: "deepseek-r1", hardwareUsd: 9499 }))).toEqual([]);
  });
});

describe("readerCase: errors name the parameter and what would be accepted", () => {
  it("an unknown device, model or format is named as such (not as a missing price) with some of the known ones", () => {
    expect(() => readerCase(data, { ...spark, deviceId: "rtx-9090", hardwareUsd: 1000 })).toThrow(/deviceId: no device "rtx-9090" in data\/hardware.csv; devices include /);
    expect(() => readerCase(data, { ...spark, deviceId: "rtx-9090" })).toThrow(/deviceId: no device "rtx-9090"/);
    expect(() => readerCase(data, { ...spark, modelId: "llama-9" })).toThrow(/modelId: no model "llama-9" in data\/models.csv; models include /);
    expect(() => readerCase(data, { ...spark, quantization: "q9" })).toThrow(/quantization: "q9" is not a weight format the models know: fp32, fp16/);
  });
  it("an unknown API lists the APIs", () => {
    expect(() => readerCase(data, { ...spark, apiModel: "gpt-9" })).toThrow(/apiModel: no list price for openrouter\/gpt-9 .*known: openai\/gpt-4o/);
  });
  it("a concurrency the data never measured is estimated between the setup's measured neighbours: 3 streams on the Spark lie between its runs at 2 and 4", () => {
    expect(sparkRuns(3)).toEqual([]);
    const c = readerCase(data, { ...spark, concurrency: 3 });
    expect(c.speedBasis).toMatch(/^an estimate, not a measurement: [\d.]+ tok\/s over 3 streams \(range [\d.]+–[\d.]+\); between measured /);
    const [two, four] = [median(sparkRuns(2)), median(sparkRuns(4))];
    const tps = input(c, "tokensPerSecond").value;
    // on the power law through the two: 2's speed × (3/2)^α, α = ln(four/two) / ln 2
    expectClose(tps, two * Math.pow(1.5, Math.log(four / two) / Math.log(2)), 1e-9);
    expect(c.speedRange!.low).toBeGreaterThanOrEqual(two);
    expect(c.speedRange!.high).toBeLessThanOrEqual(four);
  });
  it("one stream more than a measured concurrency changes the speed by a few percent, not several times (32 → 33 streams on the Spark)", () => {
    const measured = median(sparkRuns(32));
    const c = readerCase(data, { ...spark, concurrency: 33 });
    const tps = input(c, "tokensPerSecond").value;
    expect(tps).toBeGreaterThanOrEqual(measured);
    expect(tps / measured).toBeLessThan(1.04); // (33/32)^1 at most
    expect(c.speedBasis).toContain(`measured ${measured.toFixed(1)} tok/s at 32 streams`);
  });
  it("past the memory, streams wait: 1,024 streams on the Spark are served as many at a time as 10,000-token requests fit, and never above the serving ceiling", () => {
    const c = readerCase(data, { ...spark, concurrency: 1024 });
    const tps = input(c, "tokensPerSecond").value;
    const served = Number(/(\d+) streams of 10,000-token requests fit in memory at once/.exec(c.speedBasis)![1]);
    expect(served).toBeLessThan(1024);
    const ceiling = Number(/the serving ceiling of ([\d.]+) tok\/s/.exec(c.speedBasis)![1]);
    expect(tps).toBeLessThanOrEqual(ceiling);
    expect(c.speedRange!.high).toBeLessThanOrEqual(ceiling);
    // and no faster per stream than at 32 streams
    expect(tps / served).toBeLessThanOrEqual(median(sparkRuns(32)) / 32);
  });
  it("when the memory holds exactly as many streams as a measurement served, that measurement is the anchor (64 streams of 120,000-token requests on the Spark: 16 at once)", () => {
    const c = readerCase(data, { ...spark, concurrency: 64, promptTokens: 120_000 });
    expect(c.speedBasis).toContain(`measured ${median(sparkRuns(16)).toFixed(1)} tok/s at 16 streams`);
    expect(c.speedBasis).toContain("as many streams as are served at once; ");
    expect(c.speedBasis).toContain("16 streams of 120,000-token requests fit in memory at once");
    const ceiling = Number(/the serving ceiling of ([\d.]+) tok\/s/.exec(c.speedBasis)![1]);
    expectClose(input(c, "tokensPerSecond").value, Math.min(median(sparkRuns(16)), ceiling), 1e-3);
  });
  it("a setup never measured batched: its single-stream estimate × c^α; each stream is slower than a single one, the total faster", () => {
    // a volume one machine serves, so that the case's speed is one machine's
    const rig = { ...spark, deviceId: "rtx-3090", deviceCount: 2, modelId: "llama-3.1-70b", quantization: "q4_k_m", tokensPerMonth: 1e6, efficiency: 0 };
    const single = readerCase(data, { ...rig, concurrency: 1 });
    const one = input(single, "tokensPerSecond").value;
    const two = readerCase(data, { ...rig, concurrency: 2 });
    const tps = input(two, "tokensPerSecond").value;
    expect(tps).toBeGreaterThan(one);
    expect(tps).toBeLessThanOrEqual(2 * one);
    expect(two.speedRange!.high).toBeLessThanOrEqual(2 * single.speedRange!.high);
    expect(two.speedRange!.low).toBeGreaterThanOrEqual(single.speedRange!.low);
    expect(two.speedBasis).toMatch(/the single-stream estimate [\d.]+ tok\/s \(range [\d.]+–[\d.]+\), times \(2 \/ 1\)\^α with α = 0\.\d\d, the median of the batching gain \d+ measured batched runs show/);
  });
  it("out-of-range values", () => {
    expect(() => readerCase(data, { ...spark, tokensPerMonth: -1 })).toThrow(/tokensPerMonth: must be a number > 0/);
    expect(() => readerCase(data, { ...spark, hoursPerMonth: 800 })).toThrow(/at most 744 hours/);
    expect(() => readerCase(data, { ...spark, efficiency: 1.5 })).toThrow(/efficiency: must be in \[0, 1\], 0 to learn it/);
  });
  it("yourValues accepts only the figures the data would otherwise give", () => {
    expect(() => readerValues("utilization=0.5")).toThrow(/yourValues: utilization is not one of hardwareUsd, loadWatts/);
  });
});

describe("apiOffers: every API at its newest list price, blended, cheapest first", () => {
  it("Claude Sonnet 4.6 at 3:1 is (3 × 3 + 15) / 4 = $6; promotions are left out; sorted ascending", () => {
    const offers = apiOffers(data, 3);
    expect(offers.find((o) => o.model === "claude-sonnet-4.6")!.usdPerMTok).toBe(6);
    const pro = offers.find((o) => o.model === "deepseek-v4-pro")!;
    expectClose(pro.usdPerMTok, (3 * 1.74 + 3.48) / 4);
    for (let i = 1; i < offers.length; i++) expect(offers[i].usdPerMTok).toBeGreaterThanOrEqual(offers[i - 1].usdPerMTok);
  });
});
