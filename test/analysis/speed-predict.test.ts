import { describe, expect, it } from "vitest";
import { loadData, type Data } from "../../lib/data";
import { deviceSpecFromData, modelSpecFromData } from "../../lib/data/specs";
import { fitTimePerToken, formatClass, learningRows, leaveOneOut, predictDecodeSpeed, type LearningRow, type SpeedPrediction } from "../../lib/analysis/speed-predict";
import { runtimeOverheadFromMeasurements } from "../../lib/analysis/capacity-fit";
import { expectClose } from "../helpers/close";

const data = loadData();
const learned = learningRows(data);
const efficiencyOf = new Map(learned.map((r) => [r.benchmarkId, r.efficiency]));
const rowOf = new Map<string, LearningRow>(learned.map((r) => [r.benchmarkId, r]));

/** numpy's default ("linear") percentile, written out for the check. */
function linearPercentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const k = Math.floor(h);
  return k + 1 < s.length ? s[k] + (h - k) * (s[k + 1] - s[k]) : s[k];
}

function prediction(p: SpeedPrediction): Extract<SpeedPrediction, { kind: "prediction" }> {
  if (p.kind !== "prediction") throw new Error(`expected a prediction, got ${p.explanation}`);
  return p;
}

/** The band the prediction should have, recomputed from the efficiencies of the measurements it names. */
function expectBandFromMembers(p: Extract<SpeedPrediction, { kind: "prediction" }>): void {
  const effs = p.learnedFrom.map((id) => efficiencyOf.get(id)!);
  const cap = (x: number) => Math.min(x, 1);
  expectClose(p.efficiency.central, cap(linearPercentile(effs, 50)));
  if (effs.length >= 10) {
    expect(p.band).toBe("10th–90th percentile");
    expectClose(p.efficiency.low, cap(linearPercentile(effs, 10)));
    expectClose(p.efficiency.high, cap(linearPercentile(effs, 90)));
  } else {
    expect(p.band).toBe("min–max");
    expectClose(p.efficiency.low, cap(Math.min(...effs)));
    expectClose(p.efficiency.high, cap(Math.max(...effs)));
  }
  expectClose(p.tokensPerSecond, p.boundTokensPerSecond * p.efficiency.central);
  expectClose(p.lowTokensPerSecond, p.boundTokensPerSecond * p.efficiency.low);
  expectClose(p.highTokensPerSecond, p.boundTokensPerSecond * p.efficiency.high);
}

/** Σ ((a / bound + b) × measured − 1)²: what fitTimePerToken minimises. */
function objective(rows: readonly { bound: number; measured: number }[], a: number, b: number): number {
  return rows.reduce((s, r) => s + ((a / r.bound + b) * r.measured - 1) ** 2, 0);
}

/** The prediction's fit, central estimate and band, recomputed from the measurements it names. */
function expectFitFromMembers(p: Extract<SpeedPrediction, { kind: "prediction" }>): void {
  const members = p.learnedFrom.map((id) => rowOf.get(id)!);
  const f = p.fit!;
  expect(f).toEqual(fitTimePerToken(members));
  expect(f.bandwidthEfficiency).toBeLessThanOrEqual(1);
  expect(f.overheadSecondsPerToken).toBeGreaterThanOrEqual(0);
  // No feasible nudge of (a, b) = (1 / efficiency, overhead) lowers the relative squared error.
  const a = 1 / f.bandwidthEfficiency, b = f.overheadSecondsPerToken, best = objective(members, a, b);
  for (const [da, db] of [[1e-3, 0], [-1e-3, 0], [0, 1e-5], [0, -1e-5]]) {
    if (a + da < 1 || b + db < 0) continue;
    expect(objective(members, a + da, b + db)).toBeGreaterThanOrEqual(best - 1e-12);
  }
  const speed = (bound: number) => 1 / (1 / bound / f.bandwidthEfficiency + f.overheadSecondsPerToken);
  expectClose(p.tokensPerSecond, speed(p.boundTokensPerSecond));
  const ratios = members.map((r) => r.measured / speed(r.bound));
  const [lo, hi] = ratios.length >= 10 ? [linearPercentile(ratios, 10), linearPercentile(ratios, 90)] : [Math.min(...ratios), Math.max(...ratios)];
  expect(p.band).toBe(ratios.length >= 10 ? "10th–90th percentile" : "min–max");
  expectClose(p.lowTokensPerSecond, p.tokensPerSecond * Math.min(lo, 1));
  expectClose(p.highTokensPerSecond, Math.min(p.tokensPerSecond * Math.max(hi, 1), p.boundTokensPerSecond));
  expectClose(p.efficiency.central, p.tokensPerSecond / p.boundTokensPerSecond);
}

describe("fitTimePerToken(rows): seconds/token = (1 / bound) / efficiency + overhead", () => {
  it("recovers efficiency 0.8 and 2.5 ms from three setups that follow it exactly (10 ms / 0.8 + 2.5 ms = 15 ms: 66.7 tokens/s)", () => {
    const f = fitTimePerToken([
      { bound: 100, measured: 1 / (0.01 / 0.8 + 0.0025) },
      { bound: 20, measured: 1 / (0.05 / 0.8 + 0.0025) },
      { bound: 200, measured: 1 / (0.005 / 0.8 + 0.0025) },
    ]);
    expectClose(f.bandwidthEfficiency, 0.8, 1e-9);
    expectClose(f.overheadSecondsPerToken, 0.0025, 1e-9);
    expect(f.constrained).toBe("none");
  });
  it("a pure efficiency (every setup at 60% of its bound) gives overhead 0 and efficiency 0.6", () => {
    const f = fitTimePerToken([100, 20, 200, 50].map((bound) => ({ bound, measured: 0.6 * bound })));
    expectClose(f.bandwidthEfficiency, 0.6, 1e-9);
    expect(f.overheadSecondsPerToken).toBeLessThan(1e-12);
  });
  it("never fits an efficiency above 1 (faster than the bus) nor a negative overhead", () => {
    // Unconstrained, these would need efficiency 1.1 and overhead 5 ms: held at efficiency 1, the overhead refitted.
    const f = fitTimePerToken([100, 20, 200].map((bound) => ({ bound, measured: 1 / (1 / bound / 1.1 + 0.005) })));
    expect(f.bandwidthEfficiency).toBe(1);
    expect(f.overheadSecondsPerToken).toBeGreaterThan(0);
    expect(f.constrained).toBe("efficiency ≤ 1");
    // A fixed cost that falls with the model's size would be a negative overhead: held at 0.
    const g = fitTimePerToken([100, 20, 200].map((bound) => ({ bound, measured: 1 / (1 / bound / 0.5 - 0.001) })));
    expect(g.overheadSecondsPerToken).toBe(0);
    expect(g.constrained).toBe("overhead ≥ 0");
  });
  it("with fewer than 3 measurements fits the efficiency alone", () => {
    const f = fitTimePerToken([{ bound: 100, measured: 50 }]);
    expectClose(f.bandwidthEfficiency, 0.5);
    expect(f.overheadSecondsPerToken).toBe(0);
  });
});

describe("predictDecodeSpeed(data, query) with a measurement of the setup", () => {
  const query = { deviceId: "rtx-3090", deviceCount: 1, modelId: "llama-3-8b", quant: "q4_k_m", runtime: "llama.cpp" };
  const p = prediction(predictDecodeSpeed(data, query));

  it("bound = bandwidth / (params × 4.5 bits / 8): one RTX 3090, Llama 3 8B in Q4_K_M, context 0", () => {
    const gpu = deviceSpecFromData(data, "rtx-3090");
    const model = modelSpecFromData(data, "llama-3-8b");
    expectClose(p.boundTokensPerSecond, (gpu.bandwidthGBps * 1e9) / ((model.activeParams * 4.5) / 8));
  });
  it("names the measurement of exactly this setup beside the prediction", () => {
    const rows = data.benchmarks.rows.filter((b) => b.device_id === "rtx-3090" && b.device_count === 1 && b.model_id === "llama-3-8b" && b.quantization === "q4_k_m" && b.runtime === "llama.cpp" && b.phase === "decode");
    const m = rows.find((b) => b.benchmark_id === p.measured?.benchmarkId)!;
    expect(m).toBeDefined();
    expect(p.measured!.tokensPerSecond).toBe(m.tokens_per_s);
    expect(p.measured!.sourceId).toBe(m.source_id);
  });
  it("learns from the RTX 3090's own llama.cpp measurements (any model, format, device count) when at least 3 exist", () => {
    const own = learned.filter((r) => r.deviceId === "rtx-3090" && r.runtime === "llama.cpp");
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(p.group).toBe("rtx-3090 with llama.cpp (any model, format, device count)");
    expect([...p.learnedFrom].sort()).toEqual(own.map((r) => r.benchmarkId).sort());
  });
  it("central = 1 / (bound time / efficiency + overhead) of the group's fit; the band its measured / fitted percentiles (or min–max)", () => {
    expectFitFromMembers(p);
  });
  it("states its basis: the fitted efficiency and overhead, the group, how many measurements, and the bound's arithmetic", () => {
    expect(p.basis).toContain(p.group);
    expect(p.basis).toContain(`${p.learnedFrom.length} cited`);
    expect(p.basis).toContain(`bandwidth efficiency ${p.fit!.bandwidthEfficiency.toFixed(2)}`);
    expect(p.basis).toContain(`per-token overhead ${(p.fit!.overheadSecondsPerToken * 1000).toFixed(2)} ms`);
    expect(p.basis).toContain("GB/s");
    expect(p.basis).toContain(p.tokensPerSecond.toFixed(1));
  });
  it("method 'ratio' (the previous one): bound × the median efficiency of llama.cpp, one device, 4-bit class", () => {
    const r = prediction(predictDecodeSpeed(data, { ...query, method: "ratio" }));
    const narrow = learned.filter((x) => x.runtime === "llama.cpp" && x.deviceCount === 1 && x.formatClass === "4-bit class");
    expect(r.group).toBe("llama.cpp, one device, 4-bit class");
    expect([...r.learnedFrom].sort()).toEqual(narrow.map((x) => x.benchmarkId).sort());
    expectBandFromMembers(r);
  });
});

describe("predictDecodeSpeed(data, query) for a device no benchmark has used", () => {
  const used = new Set(data.benchmarks.rows.map((b) => b.device_id));
  const candidates = [...new Set(data.hardware.rows.map((h) => h.device_id))].filter((id) => {
    if (used.has(id)) return false;
    try {
      deviceSpecFromData(data, id);
      return true;
    } catch {
      return false; // no cited memory or bandwidth
    }
  });
  it("there is such a device (memory and bandwidth cited, no benchmark)", () => {
    expect(candidates.length).toBeGreaterThan(0);
  });
  it("predicts Llama 3 8B Q4_K_M with llama.cpp from the fit over llama.cpp, one device, 4-bit class, and names no measurement", () => {
    const deviceId = candidates[0];
    const p = prediction(predictDecodeSpeed(data, { deviceId, deviceCount: 1, modelId: "llama-3-8b", quant: "q4_k_m", runtime: "llama.cpp" }));
    expect(p.measured).toBeUndefined();
    expect(p.group).toBe("llama.cpp, one device, 4-bit class");
    expect(p.basis).toContain(`after narrower groups had fewer than 3 (${deviceId} with llama.cpp (any model, format, device count): 0)`);
    const gpu = deviceSpecFromData(data, deviceId);
    expectClose(p.boundTokensPerSecond, (gpu.bandwidthGBps * 1e9) / ((modelSpecFromData(data, "llama-3-8b").activeParams * 4.5) / 8));
    expectFitFromMembers(p);
  });
  it("split over 2 of them, learns from multi-device measurements only", () => {
    const p = prediction(predictDecodeSpeed(data, { deviceId: candidates[0], deviceCount: 2, modelId: "llama-3-70b", quant: "q4_k_m", runtime: "llama.cpp" }));
    expect(p.group).toMatch(/several devices/);
    for (const id of p.learnedFrom) expect(rowOf.get(id)!.deviceCount).toBeGreaterThan(1);
  });
});

describe("predictDecodeSpeed(data, query) when the model does not fit", () => {
  it("llama-3-70b in fp16 on one RTX 3090: needs 70e9 × 16 / 8 bytes = 130.4 GiB, plus the runtime overhead, of 24 GiB", () => {
    const p = predictDecodeSpeed(data, { deviceId: "rtx-3090", deviceCount: 1, modelId: "llama-3-70b", quant: "fp16" });
    if (p.kind !== "does-not-fit") throw new Error("expected does-not-fit");
    const model = modelSpecFromData(data, "llama-3-70b");
    // The overhead is the middle of the interval the GPU-card runs allow (lib/analysis/capacity-fit.ts).
    expectClose(p.overheadGiBPerDevice, runtimeOverheadFromMeasurements(data, "dedicated").midpointGiB!);
    expectClose(p.neededGiB, (model.totalParams * 16) / 8 / 2 ** 30 + p.overheadGiBPerDevice);
    expectClose(p.memoryGiB, deviceSpecFromData(data, "rtx-3090").memoryGiB);
    expect(p.neededGiB).toBeGreaterThan(p.memoryGiB);
    expect(p.explanation).toMatch(/does not fit/);
  });
  it("Llama 3 8B in fp16 at 8,192 tokens of context on one RTX 4080 does not fit with the measured overhead (it ran out of memory), and fits at 0", () => {
    const q = { deviceId: "rtx-4080", deviceCount: 1, modelId: "llama-3-8b", quant: "f16", contextTokens: 8192 };
    expect(predictDecodeSpeed(data, q).kind).toBe("does-not-fit");
    expect(predictDecodeSpeed(data, { ...q, overheadGiBPerDevice: 0 }).kind).toBe("prediction");
  });
  it("the data's spelling f16 is read as fp16", () => {
    const p = predictDecodeSpeed(data, { deviceId: "rtx-3090", deviceCount: 1, modelId: "llama-3-70b", quant: "f16" });
    expect(p.kind).toBe("does-not-fit");
  });
});

describe("predictDecodeSpeed(data, query) ranges", () => {
  it("low ≤ central ≤ high ≤ bound for every measured setup, with and without its runtime", () => {
    for (const r of learned) {
      for (const runtime of [r.runtime, undefined]) {
        const p = prediction(predictDecodeSpeed(data, { deviceId: r.deviceId, deviceCount: r.deviceCount, modelId: r.modelId, quant: r.format, contextTokens: r.contextTokens, runtime }));
        expect(p.lowTokensPerSecond, r.benchmarkId).toBeLessThanOrEqual(p.tokensPerSecond);
        expect(p.tokensPerSecond, r.benchmarkId).toBeLessThanOrEqual(p.highTokensPerSecond);
        expect(p.highTokensPerSecond, r.benchmarkId).toBeLessThanOrEqual(p.boundTokensPerSecond);
        expect(p.efficiency.high).toBeLessThanOrEqual(1);
      }
    }
  });
  it("with the ratio method, several devices learn from multi-device measurements only", () => {
    const p = prediction(predictDecodeSpeed(data, { deviceId: "rtx-4090", deviceCount: 2, modelId: "llama-3-70b", quant: "q4_k_m", runtime: "llama.cpp", method: "ratio" }));
    expect(p.group).toMatch(/several devices/);
    for (const id of p.learnedFrom) expect(learned.find((r) => r.benchmarkId === id)!.deviceCount).toBeGreaterThan(1);
  });
  it("without a runtime, the device group takes every runtime of the device", () => {
    const p = prediction(predictDecodeSpeed(data, { deviceId: "dgx-spark", deviceCount: 1, modelId: "gpt-oss-120b", quant: "mxfp4" }));
    expect(p.group).toBe("dgx-spark with any runtime (any model, format, device count)");
    expect([...p.learnedFrom].sort()).toEqual(learned.filter((r) => r.deviceId === "dgx-spark").map((r) => r.benchmarkId).sort());
    expectFitFromMembers(p);
  });
  it("falls back to every measurement when no narrower group is large enough (minGroupSize 10 000)", () => {
    const p = prediction(predictDecodeSpeed(data, { deviceId: "rtx-3090", deviceCount: 1, modelId: "llama-3-8b", quant: "q4_k_m", runtime: "llama.cpp", minGroupSize: 10_000 }));
    expect(p.group).toBe("every measurement");
    expect(p.learnedFrom.length).toBe(learned.length);
    expect(p.basis).toMatch(/fewer than 10000/);
    expectFitFromMembers(p);
  });
  it("formatClass(quant): mxfp4, q4_k_m → 4-bit; fp8, q8_0 → 8-bit; f16, bf16 → 16-bit", () => {
    expect(["mxfp4", "q4_k_m", "q4_0"].map(formatClass)).toEqual(["4-bit class", "4-bit class", "4-bit class"]);
    expect(["fp8", "q8_0"].map(formatClass)).toEqual(["8-bit class", "8-bit class"]);
    expect(["f16", "bf16"].map(formatClass)).toEqual(["16-bit class", "16-bit class"]);
  });
});

describe("learningRows(data)", () => {
  it("leaves out article-tier sources (claims, not measurements)", () => {
    const articles = new Set(data.sources.rows.filter((s) => s.tier === "article").map((s) => s.source_id));
    expect(learned.length).toBeGreaterThan(0);
    for (const r of learned) expect(articles.has(r.sourceId), r.benchmarkId).toBe(false);
  });
  it("leaves out a run whose outcome is oom, and reads a row without the column as ok", () => {
    const target = learned[0].benchmarkId;
    const withOom: Data = {
      ...data,
      benchmarks: { ...data.benchmarks, rows: data.benchmarks.rows.map((b) => (b.benchmark_id === target ? { ...b, outcome: "oom" } : b)) },
    } as Data;
    const ids = learningRows(withOom).map((r) => r.benchmarkId);
    expect(ids).not.toContain(target);
    expect(ids.length).toBe(learned.length - 1);
  });
});

describe("leaveOneOut(data)", () => {
  const loo = leaveOneOut(data);
  it("predicts every learning row once", () => {
    expect(loo.rows.map((r) => r.benchmarkId).sort()).toEqual(learned.map((r) => r.benchmarkId).sort());
    expect(loo.summary.n).toBe(learned.length);
  });
  it("a row's own value is never in the group that predicts it", () => {
    for (const r of learned) {
      const p = prediction(predictDecodeSpeed(data, { deviceId: r.deviceId, deviceCount: r.deviceCount, modelId: r.modelId, quant: r.format, contextTokens: r.contextTokens, runtime: r.runtime, exclude: [r.benchmarkId] }));
      expect(p.learnedFrom, r.benchmarkId).not.toContain(r.benchmarkId);
      expect(p.measured?.benchmarkId).not.toBe(r.benchmarkId);
      const row = loo.rows.find((x) => x.benchmarkId === r.benchmarkId)!;
      expectClose(row.predicted, p.tokensPerSecond);
      expectClose(row.absError, Math.abs(p.tokensPerSecond / r.measured - 1));
    }
  });
  it("leaving out the setup excludes every row of the same device, count, model, format and runtime", () => {
    const bySetup = leaveOneOut(data, { leaveOut: "setup" });
    const r = learned.find((x) => x.benchmarkId === "spark-llamacpp-gptoss120b-tg32-d0") ?? learned[0];
    const same = learned.filter((o) => o.deviceId === r.deviceId && o.deviceCount === r.deviceCount && o.modelId === r.modelId && o.format === r.format && o.runtime === r.runtime);
    const p = prediction(predictDecodeSpeed(data, { deviceId: r.deviceId, deviceCount: r.deviceCount, modelId: r.modelId, quant: r.format, contextTokens: r.contextTokens, runtime: r.runtime, exclude: same.map((o) => o.benchmarkId) }));
    for (const o of same) expect(p.learnedFrom).not.toContain(o.benchmarkId);
    expectClose(bySetup.rows.find((x) => x.benchmarkId === r.benchmarkId)!.predicted, p.tokensPerSecond);
  });
  it("is within ±25% for at least 80% of the rows, left out by row and by setup (the previous ratio method: below)", () => {
    expect(loo.summary.shareWithin25Percent).toBeGreaterThanOrEqual(0.8);
    expect(leaveOneOut(data, { leaveOut: "setup" }).summary.shareWithin25Percent).toBeGreaterThanOrEqual(0.8);
    expect(leaveOneOut(data, { method: "ratio" }).summary.shareWithin25Percent).toBeLessThan(loo.summary.shareWithin25Percent);
  });
  it("summary: median and 80th percentile of the errors, shares within ±25% and inside [low, high]", () => {
    const errs = loo.rows.map((r) => r.absError);
    expectClose(loo.summary.medianAbsError, linearPercentile(errs, 50));
    expectClose(loo.summary.p80AbsError, linearPercentile(errs, 80));
    expectClose(loo.summary.shareWithin25Percent, errs.filter((e) => e <= 0.25).length / errs.length);
    expectClose(loo.summary.shareInBand, loo.rows.filter((r) => r.measured >= r.low && r.measured <= r.high).length / loo.rows.length);
  });
});
