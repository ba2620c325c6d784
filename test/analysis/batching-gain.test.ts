/**
 * The batching gain (lib/analysis/batching-gain.ts): each measured batched run as an exponent of
 * its concurrency over the same setup's single stream.
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { batchingGain } from "../../lib/analysis/batching-gain";
import { expectClose } from "../helpers/close";

const data = loadData();

describe("batchingGain", () => {
  const g = batchingGain(data);
  it("a worked example: the Spark with llama.cpp on gpt-oss-120b, 32 streams against its single stream", () => {
    const row = g.rows.find((r) => r.benchmarkId === "spark-llamacpp-b7941-gptoss120b-batched-b32-tg32-after512")!;
    const run = data.benchmarks.rows.find((b) => b.benchmark_id === row.benchmarkId)!;
    expect(row.concurrency).toBe(32);
    expect(row.aggregateTokensPerSecond).toBe(run.tokens_per_s);
    // aggregate = single × 32^α
    expectClose(row.singleTokensPerSecond * Math.pow(32, row.exponent), row.aggregateTokensPerSecond, 1e-9);
    // the single stream is the median of the same setup's one-stream runs (same runtime), all near 58 tok/s
    expect(row.singleTokensPerSecond).toBeGreaterThan(50);
    expect(row.singleTokensPerSecond).toBeLessThan(60);
  });
  it("counts only cited, aggregate, short-context runs of setups also measured at one stream", () => {
    const article = new Set(data.sources.rows.filter((s) => s.tier === "article").map((s) => s.source_id));
    for (const r of g.rows) {
      const b = data.benchmarks.rows.find((x) => x.benchmark_id === r.benchmarkId)!;
      expect(article.has(b.source_id)).toBe(false);
      expect(b.throughput_scope).toBe("aggregate");
      expect(b.context_depth ?? 0).toBeLessThanOrEqual(4096);
      expect(r.concurrency).toBeGreaterThan(1);
    }
    expect(g.rows.length).toBeGreaterThanOrEqual(10);
  });
  it("the measured exponents lie well below the memory roofline's 1 and above 0: batching helps, less than the bandwidth alone suggests", () => {
    expect(g.low).toBeGreaterThan(0);
    expect(g.high).toBeLessThan(1);
    expect(g.low).toBeLessThanOrEqual(g.central);
    expect(g.central).toBeLessThanOrEqual(g.high);
    expect(g.band).toBe("10th–90th percentile");
  });
  it("with no setup measured both ways there is nothing to learn from: a clear error", () => {
    const none = { ...data, benchmarks: { ...data.benchmarks, rows: data.benchmarks.rows.filter((b) => (b.concurrency ?? b.batch_size ?? 1) === 1) } };
    expect(() => batchingGain(none)).toThrow(/no setup measured both at one stream and at several/);
  });
});
