import { describe, expect, it } from "vitest";
import {
  batchedDecode,
  decodeEstimate,
  kvBytesPerToken,
  kvBytesPerTokenPerLayer,
  kvCacheBytes,
  kvLayoutKind,
  servingCeiling,
  type DeviceSpec,
  type ModelSpec,
} from "../../lib/models";
import { loadData } from "../../lib/data";
import { modelSpecFromData } from "../../lib/data/specs";
import { expectClose } from "../helpers/close";

// Config values typed here for the worked arithmetic (each as its config states it); the data test
// at the end checks that data/models.csv carries the same layout.

// DeepSeek-V3 671B, inference/configs/config_671B.json: n_layers 61, kv_lora_rank 512, qk_rope_head_dim 64, n_heads 128.
const deepseekV3: ModelSpec = { name: "DeepSeek-V3", totalParams: 671e9, activeParams: 37e9, layers: 61, kvLoraRank: 512, qkRopeHeadDim: 64, experts: 256, expertsPerToken: 8 };
// Gemma 3 27B, gemma/gm/nn/_gemma.py: 62 layers, 16 KV heads × 128, window 1024, pattern 5 local : 1 global → 52 local, 10 global.
const gemma3_27b: ModelSpec = { name: "Gemma 3 27B", totalParams: 27e9, activeParams: 27e9, layers: 62, kvHeads: 16, headDim: 128, slidingWindow: 1024, slidingWindowLayers: 52 };
// gpt-oss-120b, gpt_oss/torch/model.py: 36 layers, 8 KV heads × 64, window 128 on the even layers (18 of 36).
const gptOss120b: ModelSpec = { name: "gpt-oss-120b", totalParams: 116.83e9, activeParams: 5.1e9, layers: 36, kvHeads: 8, headDim: 64, slidingWindow: 128, slidingWindowLayers: 18, experts: 128, expertsPerToken: 4 };
// Llama 3 70B: 80 layers, 8 KV heads × 128, full attention everywhere.
const llama70b: ModelSpec = { name: "Llama 3 70B", totalParams: 70.6e9, activeParams: 70.6e9, layers: 80, kvHeads: 8, headDim: 128 };

describe("MLA (multi-head latent attention)", () => {
  it("DeepSeek-V3 caches kv_lora_rank + qk_rope_head_dim per token per layer: 61 × (512 + 64) × 2 bytes = 70,272", () => {
    expect(kvLayoutKind(deepseekV3)).toBe("mla");
    expect(kvBytesPerTokenPerLayer(deepseekV3, 2)).toBe((512 + 64) * 2);
    expect(kvBytesPerToken(deepseekV3, 2)).toBe(61 * (512 + 64) * 2);
    expect(kvBytesPerToken(deepseekV3, 2)).toBe(70_272);
    expect(kvBytesPerToken(deepseekV3, 1)).toBe(35_136); // an 8-bit cache
  });
  it("the latent does not depend on the 128 heads: 128 heads × (K 192 + V 128) would be 57× more", () => {
    const mha = 61 * 128 * (128 + 64 + 128) * 2;
    expect(mha / kvBytesPerToken(deepseekV3, 2)!).toBeCloseTo(320 * 128 / 576, 6);
  });
  it("a 32k context holds 70,272 × 32,768 = 2.30 GB (every MLA layer is full attention)", () => {
    expect(kvCacheBytes(deepseekV3, 32_768, 2)).toBe(61 * 576 * 2 * 32_768);
  });
  it("the MLA fields win over kvHeads × headDim when both are given", () => {
    expect(kvBytesPerToken({ ...deepseekV3, kvHeads: 128, headDim: 128 }, 2)).toBe(70_272);
  });
  it("half an MLA layout is an input error", () => {
    expect(() => kvBytesPerToken({ layers: 61, kvLoraRank: 512 })).toThrow(/qkRopeHeadDim/);
  });
});

describe("sliding-window layers", () => {
  it("Gemma 3 27B at 32,768 tokens: 2 × 16 × 128 × 2 × (10 × 32,768 + 52 × 1,024) = 3.12 GB instead of 16.6 GB", () => {
    const perLayer = 2 * 16 * 128 * 2; // 8,192 bytes per token per layer
    const expected = perLayer * ((62 - 52) * 32_768 + 52 * Math.min(32_768, 1024));
    expect(kvCacheBytes(gemma3_27b, 32_768, 2)).toBe(expected);
    expect(expected).toBe(3_120_562_176);
    const full = kvCacheBytes({ layers: 62, kvHeads: 16, headDim: 128 }, 32_768, 2)!;
    expect(full).toBe(perLayer * 62 * 32_768);
    expectClose(full / expected, (62 * 32_768) / (10 * 32_768 + 52 * 1024));
  });
  it("Gemma 3 27B within its window (1,000 tokens) caches as a full-attention model", () => {
    expect(kvCacheBytes(gemma3_27b, 1000, 2)).toBe(2 * 16 * 128 * 2 * 62 * 1000);
  });
  it("gpt-oss-120b at 8,192 tokens: 2 × 8 × 64 × 2 × (18 × 8,192 + 18 × 128) = 307 MB, about half the 604 MB of full attention", () => {
    const perLayer = 2 * 8 * 64 * 2; // 2,048
    expect(kvCacheBytes(gptOss120b, 8192, 2)).toBe(perLayer * (18 * 8192 + 18 * 128));
    expect(kvCacheBytes(gptOss120b, 8192, 2)).toBe(306_708_480);
    expect(perLayer * 36 * 8192).toBe(603_979_776);
  });
  it("gpt-oss-120b at 128 tokens fills its windows exactly: 2,048 × 36 × 128, the same as full attention", () => {
    expect(kvCacheBytes(gptOss120b, 128, 2)).toBe(2048 * 36 * 128);
    expect(kvBytesPerToken(gptOss120b, 2, 128)).toBe(2048 * 36);
  });
  it("kvBytesPerToken(model, b, C) is the average over C tokens; without C it is what a token adds to every layer", () => {
    expect(kvBytesPerToken(gptOss120b, 2)).toBe(73_728);
    expectClose(kvBytesPerToken(gptOss120b, 2, 8192)! * 8192, 306_708_480);
    expect(kvBytesPerToken(gptOss120b, 2, 0)).toBe(73_728);
  });
  it("a window without its layer count, or more windowed layers than layers, is an input error", () => {
    expect(() => kvCacheBytes({ layers: 36, kvHeads: 8, headDim: 64, slidingWindow: 128 }, 10)).toThrow(/slidingWindowLayers/);
    expect(() => kvCacheBytes({ ...gptOss120b, slidingWindowLayers: 40 }, 10)).toThrow(/must not exceed layers = 36/);
  });
});

describe("plain grouped-query attention is unchanged", () => {
  it("Llama 3 70B: 2 × 80 × 8 × 128 × 2 = 327,680 bytes per token at any context; kvCacheBytes = that × C", () => {
    expect(kvLayoutKind(llama70b)).toBe("grouped-query");
    expect(kvBytesPerToken(llama70b, 2)).toBe(327_680);
    expect(kvBytesPerToken(llama70b, 2, 8192)).toBe(327_680);
    expect(kvCacheBytes(llama70b, 8192, 2)).toBe(327_680 * 8192);
  });
  it("unknown layout stays null", () => {
    expect(kvLayoutKind({ layers: 36 })).toBeNull();
    expect(kvBytesPerToken({ layers: 36 })).toBeNull();
    expect(kvCacheBytes({ kvHeads: 8, headDim: 64 }, 100)).toBeNull();
  });
});

describe("the callers in lib/models read the context-aware cache", () => {
  const spark: DeviceSpec = { name: "DGX Spark", memoryGiB: 128, bandwidthGBps: 273, compute: { fp16: { denseTflops: 100 } } };
  it("decodeEstimate reads kvCacheBytes(C) per generated token: gpt-oss-120b at 8,192 tokens reads 306,708,480 KV bytes", () => {
    const e = decodeEstimate({ model: gptOss120b, devices: [spark], quant: "mxfp4", contextTokens: 8192 });
    if (e.kind !== "estimate") throw new Error("expected an estimate");
    expectClose(e.assumptions.kvBytesPerToken, 306_708_480);
  });
  it("servingCeiling holds one sequence's windowed cache", () => {
    const s = servingCeiling({ model: gemma3_27b, devices: [spark], quant: "bf16", contextTokens: 32_768 });
    if (s.kind !== "ceiling") throw new Error(`expected a ceiling, got ${s.kind}`);
    expect(s.capacity.fits).toBe(true);
    expect(s.capacity.neededGiB).toBeCloseTo((27e9 * 16) / 8 / 2 ** 30 + 3_120_562_176 / 2 ** 30, 6);
  });
  it("batchedDecode charges each stream the windowed cache", () => {
    const p = batchedDecode({ model: gptOss120b, bitsPerWeight: 4.25, bandwidthGBps: 273, peakTflops: 100, contextTokens: 8192, moeRouting: "identical" }, 1);
    expectClose(1 / p.perStreamTokensPerSecond, Math.max(((5.1e9 * 4.25) / 8 + 306_708_480) / 273e9, (2 * 5.1e9) / 100e12));
  });
});

describe("data/models.csv carries the layouts", () => {
  const data = loadData();
  it("DeepSeek-V3 and R1: MLA 512 + 64 over 61 layers", () => {
    for (const id of ["deepseek-v3", "deepseek-r1"]) {
      const m = modelSpecFromData(data, id);
      expect([m.layers, m.kvLoraRank, m.qkRopeHeadDim]).toEqual([61, 512, 64]);
      expect(kvBytesPerToken(m, 2)).toBe(70_272);
    }
  });
  it("Gemma 3 27B: 52 of 62 layers with a 1,024 window; gpt-oss-120b: 18 of 36 with 128; Mistral 7B: all 32 with 4,096", () => {
    const g = modelSpecFromData(data, "gemma-3-27b");
    expect([g.layers, g.kvHeads, g.headDim, g.slidingWindow, g.slidingWindowLayers]).toEqual([62, 16, 128, 1024, 52]);
    expect(kvCacheBytes(g, 32_768, 2)).toBe(3_120_562_176);
    const o = modelSpecFromData(data, "gpt-oss-120b");
    expect([o.layers, o.kvHeads, o.headDim, o.slidingWindow, o.slidingWindowLayers]).toEqual([36, 8, 64, 128, 18]);
    const m = modelSpecFromData(data, "mistral-7b");
    expect([m.slidingWindow, m.slidingWindowLayers]).toEqual([4096, 32]);
  });
  it("at least 40 models", () => {
    expect(new Set(data.models.rows.map((r) => r.model_id)).size).toBeGreaterThanOrEqual(40);
  });
});
