import { describe, expect, it } from "vitest";
import { loadData, type BenchmarkRow } from "../../lib/data/index";
import { prefillDecodePairs } from "../../lib/analysis/prefill-decode";

/** A measured single-request run on one DGX Spark; `over` changes what a case needs. */
function run(id: string, phase: "prefill" | "decode", tokensPerSecond: number | null, over: Partial<BenchmarkRow> = {}): BenchmarkRow {
  return {
    benchmark_id: id, device_id: "dgx-spark", device_count: 1, model_id: "gpt-oss-120b", quantization: "mxfp4", runtime: "llama.cpp",
    runtime_build: null, phase, batch_size: 1, concurrency: null, context_depth: null, prompt_tokens: null, output_tokens: null,
    tokens_per_s: tokensPerSecond, tokens_per_s_high: null, tokens_per_s_stddev: null, outcome: "ok", throughput_scope: "per-request",
    date: "2026-02-05", settings: "", source_id: "src-a", notes: null, ...over,
  } as BenchmarkRow;
}

describe("prefillDecodePairs(rows)", () => {
  it("pairs a prefill run with the decode run of the same setup, source and context; an empty depth is depth 0", () => {
    const pairs = prefillDecodePairs([run("pp", "prefill", 1700), run("tg", "decode", 50, { context_depth: 0 })]);
    expect(pairs).toEqual([
      {
        device: "dgx-spark", deviceCount: 1, model: "gpt-oss-120b", quantization: "mxfp4", runtime: "llama.cpp", source: "src-a", contextTokens: 0,
        prefillBenchmarkId: "pp", decodeBenchmarkId: "tg", prefillTokensPerSecond: 1700, decodeTokensPerSecond: 50,
      },
    ]);
  });

  it("takes the first matching decode run in file order, and keeps the prefill rows' order (not grouped by key)", () => {
    // more decode runs than prefill runs: arquero's join then walks the decode side, in its order
    const rows = [
      run("tg-0", "decode", 56),
      ...["qwen3-14b", "llama-3-8b", "gpt-oss-20b"].map((m) => run(`tg-${m}`, "decode", 90, { model_id: m })),
      run("pp-0", "prefill", 1700),
      run("pp-4k", "prefill", 1500, { context_depth: 4096 }),
      run("tg-4k-a", "decode", 54, { context_depth: 4096 }),
      run("pp-0-b1", "prefill", 1650, { batch_size: null }),
      run("tg-4k-b", "decode", 53, { context_depth: 4096 }),
      run("tg-0-later", "decode", 55),
    ];
    expect(prefillDecodePairs(rows).map((p) => [p.prefillBenchmarkId, p.decodeBenchmarkId, p.contextTokens])).toEqual([
      ["pp-0", "tg-0", 0],
      ["pp-4k", "tg-4k-a", 4096],
      ["pp-0-b1", "tg-0", 0],
    ]);
  });

  it("leaves out a prefill run whose decode differs in any key, runs out of memory, or is batched", () => {
    const decode = run("tg", "decode", 50);
    const unpaired = [
      run("other-runtime", "prefill", 1, { runtime: "vllm" }),
      run("other-source", "prefill", 1, { source_id: "src-b" }),
      run("two-devices", "prefill", 1, { device_count: 2 }),
      run("other-format", "prefill", 1, { quantization: "q4_0" }),
      run("other-model", "prefill", 1, { model_id: "gpt-oss-20b" }),
      run("other-device", "prefill", 1, { device_id: "rtx-3090" }),
      run("deeper", "prefill", 1, { context_depth: 512 }),
      run("oom", "prefill", null, { outcome: "oom" }),
      run("batched", "prefill", 9000, { batch_size: 8 }),
    ];
    expect(prefillDecodePairs([decode, ...unpaired])).toEqual([]);
    // and a decode run that ran out of memory or was batched pairs with nothing
    expect(prefillDecodePairs([run("pp", "prefill", 1700), run("tg-oom", "decode", null, { outcome: "oom" }), run("tg-b8", "decode", 300, { batch_size: 8 })])).toEqual([]);
  });

  it("on the data, gives the pairs the notebook's hand-written search found", () => {
    const rows = loadData().benchmarks.rows;
    // the search notebook 11 ran before (a find over seven keys per prefill row)
    const runs = rows.filter((b) => b.outcome === "ok" && b.tokens_per_s !== null && (b.batch_size ?? 1) === 1);
    const byHand = runs
      .filter((b) => b.phase === "prefill")
      .map((p) => [p, runs.find((b) => b.phase === "decode" && b.device_id === p.device_id && b.device_count === p.device_count && b.model_id === p.model_id && b.quantization === p.quantization && b.runtime === p.runtime && b.source_id === p.source_id && (b.context_depth ?? 0) === (p.context_depth ?? 0))] as const)
      .filter(([, d]) => d !== undefined)
      .map(([p, d]) => [p.benchmark_id, d!.benchmark_id, p.tokens_per_s, d!.tokens_per_s]);
    const pairs = prefillDecodePairs(rows);
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.map((p) => [p.prefillBenchmarkId, p.decodeBenchmarkId, p.prefillTokensPerSecond, p.decodeTokensPerSecond])).toEqual(byHand);
  });
});
