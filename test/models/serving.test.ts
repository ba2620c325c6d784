import { describe, expect, it } from "vitest";
import { computePrecisions, decodeEstimate, kvBytesPerToken, servingCeiling, type DeviceSpec, type ModelSpec } from "../../lib/models";
import { expectClose } from "../helpers/close";

// NVIDIA's A100 and H100 SXM datasheet peaks (dense / with 2:4 sparsity), as data/hardware.csv records them.
const a100: DeviceSpec = { name: "A100 80GB", memoryGiB: 80, bandwidthGBps: 2039, compute: { fp16: { denseTflops: 312, sparseTflops: 624 }, int8: { denseTflops: 624, sparseTflops: 1248 } } };
const h100: DeviceSpec = { name: "H100 SXM", memoryGiB: 80, bandwidthGBps: 3350, compute: { fp16: { denseTflops: 989.4, sparseTflops: 1978.9 }, fp8: { denseTflops: 1978.9, sparseTflops: 3957.8 } } };
const qwen3_14b: ModelSpec = { name: "qwen3-14b", totalParams: 14.8e9, activeParams: 14.8e9, layers: 40, kvHeads: 8 };
const llama70b: ModelSpec = { name: "llama-3.1-70b", totalParams: 70.6e9, activeParams: 70.6e9, layers: 80, kvHeads: 8, headDim: 128 };

describe("servingCeiling: the most tokens per second devices can generate over all streams", () => {
  it("tco-breakdown's 'Qwen3 14B at 70,000 tokens/s on one A100': 312 TFLOPS / (2 × 14.8 B) = 10,541 tokens/s, so 70,000 is 6.6× too many", () => {
    const c = servingCeiling({ model: qwen3_14b, quant: "bf16", devices: [a100] });
    if (c.kind !== "ceiling") throw new Error("expected a ceiling");
    expectClose(c.aggregateTokensPerSecond!, 312e12 / (2 * 14.8e9));
    expect(c.binding).toBe("compute");
    expect(c.precisions).toEqual(["fp16"]);
    expectClose(70_000 / c.aggregateTokensPerSecond!, 70_000 / 10_540.54, 1e-6);
    // the 2:4-sparse peak is reported beside it, never used
    expectClose(c.sparseComputeTokensPerSecond!, 624e12 / (2 * 14.8e9));
    expect(c.explanation).toMatch(/312 dense FP16 TFLOPS .* = 10,541 tokens\/s \(2:4-sparse peaks, not counted, would give 21,081\)/);
  });
  it("its '135,000 tokens/s on an H100' is above even the sparse FP8 peak: 3,957.8 TFLOPS / (2 × 14.8 B) = 133,716", () => {
    const c = servingCeiling({ model: qwen3_14b, quant: "fp8", devices: [h100] });
    if (c.kind !== "ceiling") throw new Error("expected a ceiling");
    expectClose(c.aggregateTokensPerSecond!, 1978.9e12 / (2 * 14.8e9));
    expect(c.sparseComputeTokensPerSecond!).toBeLessThan(135_000);
  });
  it("a format runs only in precisions the device has: FP8 weights on an A100 (no FP8 units) are bounded by FP16", () => {
    expect(computePrecisions("fp8")).toEqual(["fp8", "fp16"]);
    const c = servingCeiling({ model: qwen3_14b, quant: "fp8", devices: [a100] });
    if (c.kind !== "ceiling") throw new Error("expected a ceiling");
    expect(c.precisions).toEqual(["fp16"]);
    expectClose(c.denseTflops!, 312);
    // GGUF blocks may use INT8 dot products: the higher INT8 peak is the (generous) bound
    expect(servingCeiling({ model: qwen3_14b, quant: "q4_k_m", devices: [a100] })).toMatchObject({ precisions: ["int8"], denseTflops: 624 });
    expect(() => computePrecisions("q9_z")).toThrow(/unknown; known formats are/);
  });
  it("Llama 3.1 70B in FP16 on 2× A100 80GB at 8,192 tokens of context: the KV cache caps the batch at 11, and memory binds at 263 tokens/s", () => {
    const c = servingCeiling({ model: llama70b, quant: "fp16", devices: [a100, a100], contextTokens: 8192 });
    if (c.kind !== "ceiling") throw new Error("expected a ceiling");
    const weights = 70.6e9 * 2;
    const kvPerSequence = 2 * 80 * 8 * 128 * 2 * 8192; // K and V × layers × KV heads × head dim × 2 bytes × context
    expect(kvBytesPerToken(llama70b)! * 8192).toBe(kvPerSequence);
    const free = 160 * 2 ** 30 - weights;
    expect(c.maxConcurrentSequences).toBe(Math.floor(free / kvPerSequence));
    expect(c.maxConcurrentSequences).toBe(11);
    expectClose(c.memoryTokensPerSecond!, (11 * 2 * 2039e9) / (weights + 11 * kvPerSequence));
    expect(c.binding).toBe("memory");
    expectClose(c.computeTokensPerSecond!, (2 * 312e12) / (2 * 70.6e9));
  });
  it("per-user speed at a concurrency: one stream on 2× A100 reads the weights alone, as the tensor-split decode bound does", () => {
    const c = servingCeiling({ model: llama70b, quant: "fp16", devices: [a100, a100], concurrency: 1 });
    if (c.kind !== "ceiling" || c.atConcurrency === null) throw new Error("expected a ceiling at concurrency 1");
    const single = decodeEstimate({ model: llama70b, quant: "fp16", devices: [a100, a100], split: "tensor", commEfficiency: 1 });
    if (single.kind !== "estimate") throw new Error("expected an estimate");
    expectClose(c.atConcurrency.perUserTokensPerSecond, single.tokensPerSecond);
    expect(c.atConcurrency.bound).toBe("memory");
    // at 256 streams compute binds: each stream gets 1/256 of the compute ceiling
    const busy = servingCeiling({ model: llama70b, quant: "fp16", devices: [a100, a100], concurrency: 256 });
    if (busy.kind !== "ceiling" || busy.atConcurrency === null) throw new Error("expected a ceiling");
    expect(busy.atConcurrency.bound).toBe("compute");
    expectClose(busy.atConcurrency.aggregateTokensPerSecond, busy.computeTokensPerSecond!);
  });
  it("does not fit: a 70B model in FP16 (131.5 GiB) on one 80 GB A100", () => {
    const c = servingCeiling({ model: llama70b, quant: "fp16", devices: [a100] });
    expect(c.kind).toBe("does-not-fit");
    if (c.kind === "does-not-fit") expect(c.explanation).toMatch(/needs 131\.5 GiB but A100 80GB has 80 GiB/);
  });
  it("no ceiling without a dense compute figure and with nothing in the KV cache: null, said in words", () => {
    const bare: DeviceSpec = { name: "A10G", memoryGiB: 24, bandwidthGBps: 600 };
    const c = servingCeiling({ model: qwen3_14b, quant: "q4_k_m", devices: [bare] });
    if (c.kind !== "ceiling") throw new Error("expected a ceiling result");
    expect(c.aggregateTokensPerSecond).toBeNull();
    expect(c.binding).toBe("unknown");
    expect(c.explanation).toMatch(/no dense INT8\/FP16 figure for A10G/);
  });
});
