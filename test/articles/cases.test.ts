import { describe, expect, it } from "vitest";
import { loadData, tierOf } from "../../lib/data";
import { articleCase, allArticleCases, inputRanges, reconcile, parseOverrides, whatWouldFlip } from "../../lib/articles/index";
import { selfHostCost } from "../../lib/models";
import { expectClose } from "../helpers/close";

const data = loadData();

describe("articleCase(data, id) rebuilds each article's headline break-even from data rows", () => {
  it("local-tokenomics: $3,500/36 = $97.22 fixed; marginal 1.1 kW × $0.177 / (124 × 3600) × 1e6 = $0.436; vs $5 → 21.3 M", () => {
    const c = articleCase(data, "local-tokenomics");
    if (c.breakEven.kind !== "volume") throw new Error("expected a volume");
    const marginal = ((1.1 * 0.177) / (124 * 3600)) * 1e6;
    expectClose(c.breakEven.tokensPerMonth, (3500 / 36 / (5 - marginal)) * 1e6);
    expect(c.claimedBreakEvenTokens).toBe(20e6);
  });
  it("breakeven-sits: $6,000/36 + $30 = $196.67 a month for at most 7.88 M tokens = $24.94/Mtok at full use, above the $7 API → never (the article's 28 M is 3.6 machines' output)", () => {
    const c = articleCase(data, "breakeven-sits");
    expect(c.apiUsdPerMTok).toBe(7);
    expect(c.breakEven).toMatchObject({ kind: "never", reason: "setup-cost-at-or-above-api" });
    expectClose(selfHostCost(c.scenario, 1).usdPerMTok!, ((6000 / 36 + 30) / (3 * 3600 * 730)) * 1e6);
    const derived = c.inputs.find((x) => x.name === "usdPerKWh")!;
    expect(derived.origin).toBe("derived");
    expectClose(derived.value, 30 / (0.35 * 730));
  });
  it("not-cheaper: $0.21/h at 700 W is $0.30/kWh; at 16.57 tok/s the power alone costs $3.52/Mtok, above GPT-4o mini → never", () => {
    const c = articleCase(data, "not-cheaper");
    expect(c.breakEven.kind).toBe("never");
    expectClose(c.inputs.find((x) => x.name === "usdPerKWh")!.value, 0.3);
    expect(c.inputs.find((x) => x.name === "tokensPerSecond")!.origin).toBe("from data");
    expectClose(c.month.totalUsd, 2800 / 36 + 0.7 * 0.3 * 240);
  });
  it("local-vs-openai: $3,600 per A100 pair + $9,625 shared vs $4.40: one pair (2.07 B at most) never gets there; two pairs break even at 3.82 B", () => {
    const c = articleCase(data, "local-vs-openai");
    expect(c.month.fixedUsd).toBe(13_225);
    if (c.breakEven.kind !== "volume") throw new Error("expected a volume");
    expect(c.breakEven.setups).toBe(2);
    expectClose(c.breakEven.tokensPerMonth, ((2 * 3600 + 9625) / 4.4) * 1e6);
  });
  it("tco-breakdown: $1.91 × 730 h × 3 overhead = $4,182.90 vs GPT-4o mini at 1:1 ($0.375) → 11.2 B", () => {
    const c = articleCase(data, "tco-breakdown");
    expectClose(c.month.totalUsd, 1.91 * 730 * 3);
    if (c.breakEven.kind !== "volume") throw new Error("expected a volume");
    expectClose(c.breakEven.tokensPerMonth, ((1.91 * 730 * 3) / 0.375) * 1e6);
  });
  it("every case names a source for every input", () => {
    for (const c of allArticleCases(data)) for (const i of c.inputs) expect(i.sourceId, `${c.article} ${i.name}`).toBeTruthy();
  });
  it("articleCase(data, id, { usdPerKWh: 0.30 }) reruns the case: marginal 1.1 × 0.30 / (124 × 3600) × 1e6 = $0.739", () => {
    const c = articleCase(data, "local-tokenomics", { usdPerKWh: 0.3 });
    expectClose(c.month.marginalUsdPerMTok, ((1.1 * 0.3) / (124 * 3600)) * 1e6);
  });
  it("an override of an input the case does not have lists the inputs", () => {
    expect(() => articleCase(data, "local-tokenomics", { usdPerGallon: 3 })).toThrow(/no input named usdPerGallon; inputs are hardwareUsd, lifeMonths/);
  });
});

describe("inputRanges(data, case)", () => {
  it("takes electricity from the data's US residential prices, widened to include the article's own value", () => {
    const ranges = inputRanges(data, articleCase(data, "not-cheaper"));
    const kwh = ranges.find((r) => r.input === "usdPerKWh")!;
    expect(kwh.basis).toBe("data");
    expect(kwh.high).toBeCloseTo(0.3, 12); // the article's implied $0.30 is above every US average in the data
    expect(kwh.low).toBe(Math.min(...data.electricity.rows.map((r) => r.usd_per_kwh)));
    expect(kwh.sources.length).toBeGreaterThan(0);
  });
  it("labels a range no source gives as an assumption, with no sources", () => {
    const life = inputRanges(data, articleCase(data, "local-tokenomics")).find((r) => r.input === "lifeMonths")!;
    expect(life).toMatchObject({ low: 24, high: 48, basis: "assumption", sources: [] });
  });
  it("prices the premium tier for a $5 comparison: GPT-4o (4.375) to Sonnet (6.00) at 3:1", () => {
    const api = inputRanges(data, articleCase(data, "local-tokenomics")).find((r) => r.input === "apiUsdPerMTok")!;
    expectClose(api.low, 4.375);
    expectClose(api.high, 6);
  });
});

describe("reconcile(data)", () => {
  const r = reconcile(data);
  it("Shapley shares add up: Σ varianceExplained = total variance − residual variance", () => {
    const sum = r.shares.reduce((s, x) => s + x.varianceExplained, 0);
    expectClose(sum, r.totalVariance - r.residualVariance, 1e-9);
  });
  it("the total is the variance of log10 break-even as published, over articles that break even", () => {
    const logs = r.rows.filter((x) => r.articles.includes(x.article)).map((x) => Math.log10(x.asPublished!));
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    expectClose(r.totalVariance, logs.reduce((s, x) => s + (x - mean) ** 2, 0) / logs.length, 1e-9);
  });
  it("breakeven-sits and not-cheaper are excluded with their reasons (their cases never break even, at any number of setups)", () => {
    expect(r.excluded.map((e) => e.article)).toEqual(["breakeven-sits", "not-cheaper"]);
    expect(r.excluded[0].explanation).toMatch(/no number of setups breaks even/);
    expect(r.rows.find((x) => x.article === "not-cheaper")!.asPublished).toBeNull();
  });
  it("with no groups to harmonize, nothing is explained", () => {
    const none = reconcile(data, []);
    expect(none.shares).toEqual([]);
    expectClose(none.residualVariance, none.totalVariance);
  });
});

describe("parseOverrides(text)", () => {
  it("parseOverrides('usdPerKWh=0.30, utilization=0.5') = { usdPerKWh: 0.3, utilization: 0.5 }", () => {
    expect(parseOverrides("usdPerKWh=0.30, utilization=0.5")).toEqual({ usdPerKWh: 0.3, utilization: 0.5 });
    expect(parseOverrides("")).toEqual({});
  });
  it("names the piece that is not name=number", () => {
    expect(() => parseOverrides("usdPerKWh=thirty")).toThrow('overrides: "usdPerKWh=thirty" is not name=number');
  });
});

describe("whatWouldFlip(values, volume)", () => {
  const rig = { hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, tokensPerSecond: 124, hoursPerMonth: 720, apiUsdPerMTok: 5 };
  it("at 10 M tokens a month the API flips to dearer when it charges the rig's own cost: $10.16/Mtok", () => {
    const row = whatWouldFlip(rig, 10e6, ["apiUsdPerMTok"])[0];
    const own = (3500 / 36 + 1.1 * 0.177 * 720 * (10e6 / (124 * 3600 * 720))) / 10;
    expectClose(row.flipsAt!, own, 1e-9);
  });
  it("the hardware price that flips it: (API bill − power) × life = (50 − 4.36) × 36", () => {
    const row = whatWouldFlip(rig, 10e6, ["hardwareUsd"])[0];
    const power = 1.1 * 0.177 * 720 * (10e6 / (124 * 3600 * 720));
    expectClose(row.flipsAt!, (50 - power) * 36, 1e-9);
  });
  it("an input that cannot flip the answer within ×100 gives null", () => {
    expect(whatWouldFlip(rig, 10e6, ["loadWatts"])[0].flipsAt).toBeNull();
  });
});

describe("sensitivity functions follow a notebook's overrides (given)", () => {
  it("breakEvenSweep over the API price with usdPerKWh = 0.30 given equals the case rebuilt with both", async () => {
    const { breakEvenSweep, flips } = await import("../../lib/articles/index");
    const [row] = breakEvenSweep(data, "local-tokenomics", "apiUsdPerMTok", [6], { usdPerKWh: 0.3 });
    const c = articleCase(data, "local-tokenomics", { usdPerKWh: 0.3, apiUsdPerMTok: 6 });
    if (c.breakEven.kind !== "volume") throw new Error("expected a volume");
    // $97.22 / ($6 − 1.1 × 0.30 / (124 × 3600) × 1e6) × 1e6
    expectClose(row.output!, (3500 / 36 / (6 - ((1.1 * 0.3) / (124 * 3600)) * 1e6)) * 1e6);
    expectClose(row.output!, c.breakEven.tokensPerMonth);
    expect(flips(data, "local-tokenomics", { usdPerKWh: 0.3 }).apiUsdPerMTokFlatOut).toBeGreaterThan(flips(data, "local-tokenomics").apiUsdPerMTokFlatOut);
  });
});

describe("inputRanges: the GPU-hour range is the rented GPU's, named by the data's GPU families", () => {
  const rented = articleCase(loadData(), "tco-breakdown");
  const withNote = (note: string) => ({ ...rented, inputs: rented.inputs.map((i) => (i.name === "usdPerGpuHour" ? { ...i, note } : i)) });
  const gpuHour = (c: typeof rented) => inputRanges(loadData(), c).find((r) => r.input === "usdPerGpuHour")!;
  const pricesOf = (family: string | null) =>
    loadData().cloud_gpu_prices.rows.filter((r) => tierOf(loadData(), r.source_id) !== "article" && (family === null || (r.device_id ?? "").split("-")[0] === family)).map((r) => r.usd_per_gpu_hour);
  it("tco-breakdown's note names the A100: the span of the cited A100 prices", () => {
    const r = gpuHour(rented);
    expect(r.note).toBe("on-demand A100 prices per GPU-hour in the data");
    expect(r.low).toBe(Math.min(...pricesOf("a100"), 1.91));
  });
  it("a sixth article renting an H200 gets the H200 prices, not the A100's or the H100's", () => {
    const r = gpuHour(withNote("one H200 at $3.50 an hour"));
    expect(r.note).toBe("on-demand H200 prices per GPU-hour in the data");
    expect([r.low, r.high]).toEqual([Math.min(...pricesOf("h200"), 1.91), Math.max(...pricesOf("h200"), 1.91)]);
  });
  it("a note naming no GPU the data prices spans every cited GPU-hour price, and says so", () => {
    const r = gpuHour(withNote("a rented accelerator"));
    expect(r.note).toMatch(/^every on-demand GPU-hour price in the data/);
    expect(r.high).toBe(Math.max(...pricesOf(null), 1.91));
  });
});
