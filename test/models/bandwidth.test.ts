import { describe, expect, it } from "vitest";
import {
  bitsPerWeight,
  weightBytes,
  effectiveBitsPerWeight,
  kvBytesPerToken,
  kvCacheBytes,
  checkCapacity,
  decodeEstimate,
  decodeEfficiency,
  effectiveBandwidthGBps,
  prefillTokensPerSecond,
  batchedDecode,
  batchCurve,
  rooflineKnee,
  weightBytesPerStep,
  BYTES_PER_GIB,
  type DeviceSpec,
  type ModelSpec,
} from "../../lib/models";
import { expectClose } from "../helpers/close";

// Illustrative specs typed here for worked arithmetic; the datasets in data/ carry the sourced values.
const gptOss120b: ModelSpec = { name: "gpt-oss-120b", totalParams: 116.8e9, activeParams: 5.1e9, experts: 128, expertsPerToken: 4 };
const llama70b: ModelSpec = { name: "Llama 3 70B", totalParams: 70.6e9, activeParams: 70.6e9, layers: 80, kvHeads: 8, headDim: 128 };
const spark: DeviceSpec = { name: "DGX Spark", memoryGiB: 128, bandwidthGBps: 273 };
const rtx3090: DeviceSpec = { name: "RTX 3090", memoryGiB: 24, bandwidthGBps: 936 };
const rtx4090: DeviceSpec = { name: "RTX 4090", memoryGiB: 24, bandwidthGBps: 1008 };
const m3Ultra: DeviceSpec = { name: "M3 Ultra", memoryGiB: 256, bandwidthGBps: 819 };

describe("quantization", () => {
  it("bitsPerWeight counts the scales: Q4_0 = 18 bytes / 32 weights = 4.5; Q8_0 = 34/32 × 8 = 8.5; MXFP4 = 4 + 8/32 = 4.25", () => {
    expect(bitsPerWeight("q4_0")).toBe((18 * 8) / 32);
    expect(bitsPerWeight("Q8_0")).toBe((34 * 8) / 32);
    expect(bitsPerWeight("mxfp4")).toBe(4 + 8 / 32);
    expect(bitsPerWeight("q6_k")).toBe((210 * 8) / 256);
  });
  it("bitsPerWeight of an unknown format lists the known ones", () => {
    expect(() => bitsPerWeight("q4_x")).toThrow(/unknown; known formats are fp32, fp16/);
  });
  it("weightBytes(5.1e9, 4.25) = 2.709 GB read per token by gpt-oss-120b in MXFP4", () => {
    expectClose(weightBytes(5.1e9, 4.25), 2.709375e9);
  });
  it("effectiveBitsPerWeight: a 59.02 GiB file of 116.83 B parameters averages 4.34 bits", () => {
    expectClose(effectiveBitsPerWeight(59.02 * BYTES_PER_GIB, 116.83e9), (59.02 * 2 ** 30 * 8) / 116.83e9);
  });
});

describe("kv cache", () => {
  it("kvBytesPerToken(Llama 3 70B, fp16) = 2 × 80 layers × 8 heads × 128 × 2 bytes = 327,680", () => {
    expect(kvBytesPerToken(llama70b, 2)).toBe(327_680);
  });
  it("kvCacheBytes at 8,192 tokens = 2.68 GB; null when the architecture is unknown", () => {
    expect(kvCacheBytes(llama70b, 8192)).toBe(327_680 * 8192);
    expect(kvCacheBytes(gptOss120b, 8192)).toBeNull();
  });
});

describe("checkCapacity", () => {
  it("gpt-oss-120b in MXFP4 (116.8e9 × 4.25 / 8 = 57.8 GiB) does not fit one 24 GiB RTX 4090", () => {
    const c = checkCapacity({ weightBytes: (116.8e9 * 4.25) / 8 }, [rtx4090]);
    expect(c.fits).toBe(false);
    expectClose(c.neededGiB, (116.8e9 * 4.25) / 8 / BYTES_PER_GIB);
    expect(c.explanation).toMatch(/does not fit/);
  });
  it("…but fits three RTX 3090s (72 GiB), 19.3 GiB each, and still fits with 2 GiB overhead per card", () => {
    const c = checkCapacity({ weightBytes: (116.8e9 * 4.25) / 8, overheadGiBPerDevice: 2 }, [rtx3090, rtx3090, rtx3090]);
    expect(c.fits).toBe(true);
    expect(c.perDevice).toHaveLength(3);
    expectClose(c.perDevice[0].neededGiB, (116.8e9 * 4.25) / 8 / BYTES_PER_GIB / 3 + 2);
  });
  it("a layer split shares by memory; the smaller card can be the one that overflows", () => {
    const small: DeviceSpec = { name: "small", memoryGiB: 8, bandwidthGBps: 300 };
    const big: DeviceSpec = { name: "big", memoryGiB: 24, bandwidthGBps: 900 };
    const c = checkCapacity({ weightBytes: 30 * BYTES_PER_GIB, overheadGiBPerDevice: 1 }, [small, big]);
    expect(c.perDevice.map((d) => d.fits)).toEqual([false, true]); // 30 × 8/32 + 1 = 8.5 > 8; 30 × 24/32 + 1 = 23.5 ≤ 24
    expectClose(c.perDevice[0].neededGiB, 30 * (8 / 32) + 1);
  });
});

describe("decodeEstimate", () => {
  it("decodeEstimate(gpt-oss-120b MXFP4, DGX Spark): 273 GB/s / 2.709 GB = 100.8 tokens/s at most", () => {
    const e = decodeEstimate({ model: gptOss120b, quant: "mxfp4", devices: [spark] });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.tokensPerSecond, 273e9 / 2.709375e9);
    expect(e.assumptions).toMatchObject({ method: "memory-bandwidth bound", bandwidthGBps: 273, efficiency: 1, bitsPerWeight: 4.25, kvModelled: false });
    expect(e.explanation).toContain("= 100.8 tokens/s");
  });
  it("decodeEfficiency: llama.cpp's measured 59.02 tok/s on the Spark is 58.6% of that bound", () => {
    expectClose(decodeEfficiency(59.02, 273e9 / 2.709375e9), 59.02 / (273e9 / 2.709375e9));
  });
  it("decodeEstimate on 3× RTX 3090, layer split: one card's 936 GB/s at a time → 345.5 tokens/s", () => {
    const e = decodeEstimate({ model: gptOss120b, quant: "mxfp4", devices: [rtx3090, rtx3090, rtx3090] });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.tokensPerSecond, 936e9 / 2.709375e9);
  });
  it("decodeEstimate on 3× RTX 3090, tensor split at 80% communication efficiency: 3 × 936 × 0.8 / 2.709 = 829 tokens/s", () => {
    const e = decodeEstimate({ model: gptOss120b, quant: "mxfp4", devices: [rtx3090, rtx3090, rtx3090], split: "tensor", commEfficiency: 0.8 });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.tokensPerSecond, (3 * 936 * 0.8 * 1e9) / 2.709375e9);
  });
  it("a tensor split without a communication efficiency is refused", () => {
    expect(() => effectiveBandwidthGBps([rtx3090, rtx3090], "tensor")).toThrow(/commEfficiency/);
  });
  it("a layer split over unequal devices: 1 / (0.25/300 + 0.75/900) = 600 GB/s", () => {
    const bw = effectiveBandwidthGBps([{ name: "a", memoryGiB: 8, bandwidthGBps: 300 }, { name: "b", memoryGiB: 24, bandwidthGBps: 900 }], "layer");
    expectClose(bw, 600);
  });
  it("decodeEstimate(gpt-oss-120b, one RTX 4090) does not fit and gives no speed", () => {
    const e = decodeEstimate({ model: gptOss120b, quant: "mxfp4", devices: [rtx4090] });
    expect(e.kind).toBe("does-not-fit");
    expect("tokensPerSecond" in e).toBe(false);
  });
  it("decodeEstimate(Llama 3 70B Q4_0, M3 Ultra): 819 / (70.6e9 × 4.5 / 8 = 39.7 GB) = 20.6 tokens/s, below a 30 tokens/s claim", () => {
    const e = decodeEstimate({ model: llama70b, quant: "q4_0", devices: [m3Ultra] });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.tokensPerSecond, 819e9 / ((70.6e9 * 4.5) / 8));
    expect(e.tokensPerSecond).toBeLessThan(30);
  });
  it("decodeEstimate reads the KV cache too: at 8,192 tokens Llama 3 70B reads 39.7 + 2.68 GB per token", () => {
    const e = decodeEstimate({ model: llama70b, quant: "q4_0", devices: [m3Ultra], contextTokens: 8192 });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.assumptions.bytesPerToken, (70.6e9 * 4.5) / 8 + 327_680 * 8192);
    expect(e.assumptions.kvModelled).toBe(true);
  });
  it("decodeEstimate with efficiency 0.6 scales the bound: 0.6 × 100.8 = 60.5 tokens/s", () => {
    const e = decodeEstimate({ model: gptOss120b, quant: "mxfp4", devices: [spark], efficiency: 0.6 });
    if (e.kind !== "estimate") throw new Error(e.explanation);
    expectClose(e.tokensPerSecond, (0.6 * 273e9) / 2.709375e9);
  });
  it("the decode bound falls as the model grows", () => {
    let previous = Infinity;
    for (const b of [1, 3, 8, 14, 32, 70]) {
      const e = decodeEstimate({ model: { name: `${b}B`, totalParams: b * 1e9, activeParams: b * 1e9 }, quant: "q4_0", devices: [m3Ultra] });
      if (e.kind !== "estimate") throw new Error(e.explanation);
      expect(e.tokensPerSecond).toBeLessThan(previous);
      previous = e.tokensPerSecond;
    }
  });
  it("decodeEstimate refuses active parameters above total", () => {
    expect(() => decodeEstimate({ model: { name: "x", totalParams: 1e9, activeParams: 2e9 }, quant: "fp16", devices: [spark] })).toThrow(/activeParams/);
  });
});

describe("prefillTokensPerSecond", () => {
  it("prefill is compute-bound: 142 TFLOPS × 50% / (2 × 8e9) = 4,437.5 tokens/s", () => {
    expect(prefillTokensPerSecond({ peakTflops: 142, utilization: 0.5, activeParams: 8e9 })).toBe(4437.5);
  });
});

describe("batching", () => {
  const dense = { model: { name: "dense 8B", totalParams: 8e9, activeParams: 8e9 }, bitsPerWeight: 16, bandwidthGBps: 3350, peakTflops: 989 };
  it("batchedDecode at batch 1 is memory-bound: 3350e9 / 16e9 bytes = 209.4 tokens/s", () => {
    const p = batchedDecode(dense, 1);
    expect(p.bound).toBe("memory");
    expectClose(p.aggregateTokensPerSecond, 3350e9 / 16e9);
  });
  it("aggregate throughput rises with batch while per-stream speed holds, until the knee", () => {
    const curve = batchCurve(dense, [1, 2, 8, 64, 256]);
    for (let i = 1; i < curve.length; i++) expect(curve[i].aggregateTokensPerSecond).toBeGreaterThan(curve[i - 1].aggregateTokensPerSecond);
    expectClose(curve[3].perStreamTokensPerSecond, curve[0].perStreamTokensPerSecond);
  });
  it("rooflineKnee for fp16 weights: batch = peak FLOPS / bandwidth = 989e12 / 3350e9 = 295.2 → 296", () => {
    expect(rooflineKnee(dense)).toBe(296);
    const past = batchedDecode(dense, 1024);
    expect(past.bound).toBe("compute");
    expectClose(past.aggregateTokensPerSecond, 989e12 / (2 * 8e9));
  });
  it("weightBytesPerStep for MoE: active bytes at batch 1, more experts touched as the batch grows", () => {
    expectClose(weightBytesPerStep(gptOss120b, 4.25, 1), (5.1e9 * 4.25) / 8);
    expect(weightBytesPerStep(gptOss120b, 4.25, 32)).toBeGreaterThan(weightBytesPerStep(gptOss120b, 4.25, 1));
    expect(weightBytesPerStep(gptOss120b, 4.25, 100_000)).toBeLessThanOrEqual((116.8e9 * 4.25) / 8 + 1);
  });
  it("batchedDecode refuses a fractional batch", () => {
    expect(() => batchedDecode(dense, 1.5)).toThrow(/whole number/);
  });
});

describe("batching a mixture-of-experts model", () => {
  const moe = { model: gptOss120b, bitsPerWeight: 4.25, bandwidthGBps: 273, peakTflops: 500 };
  it("identical routing reads only the active weights at any batch: 32 × 273e9 / 2.709e9 = 3,224 tokens/s at batch 32 (an upper bound)", () => {
    const p = batchedDecode({ ...moe, moeRouting: "identical" }, 32);
    expectClose(p.aggregateTokensPerSecond, (32 * 273e9) / ((5.1e9 * 4.25) / 8));
  });
  it("independent routing touches 1 − (1 − 4/128)^32 = 63.7% of the experts at batch 32, so it is slower", () => {
    const independent = batchedDecode(moe, 32).aggregateTokensPerSecond;
    const identical = batchedDecode({ ...moe, moeRouting: "identical" }, 32).aggregateTokensPerSecond;
    expect(independent).toBeLessThan(identical);
  });
});
