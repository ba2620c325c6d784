import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { modelSpecFromData } from "../../lib/data/specs";
import { capacityAgreement, capacityRows, runtimeOverheadFromMeasurements } from "../../lib/analysis/capacity-fit";
import { expectClose } from "../helpers/close";

const data = loadData();
const rows = capacityRows(data).rows;
const byId = (id: string) => rows.find((r) => r.benchmarkId === id)!;

// Llama 3 8B: weights = total params × 16 bits / 8; KV cache = 2 (K, V) × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes per token.
const llama8b = modelSpecFromData(data, "llama-3-8b");
const f16WeightsGiB = (llama8b.totalParams * 16) / 8 / 2 ** 30;
const kvGiB = (tokens: number) => (2 * 32 * 8 * 128 * 2 * tokens) / 2 ** 30;

describe("capacityRows(data): the runs the capacity model can be checked against", () => {
  it("slack = memory − (weights + KV cache) / devices: one RTX 4080 (16 GiB), Llama 3 8B F16, 8,192 tokens ran out of memory with 0.10 GiB of room", () => {
    const oom = byId("rtx4080-llamacpp-llama3-8b-f16-tg8192-oom");
    expect(oom.outcome).toBe("oom");
    expect(oom.kvTokens).toBe(8192);
    expectClose(oom.slackGiB, 16 - f16WeightsGiB - kvGiB(8192));
    expect(oom.slackGiB).toBeCloseTo(0.1, 2);
  });
  it("the same at 512 tokens ran, with 1.04 GiB of room", () => {
    const ok = byId("rtx4080-llamacpp-llama3-8b-f16-tg512");
    expect(ok.outcome).toBe("ok");
    expectClose(ok.slackGiB, 16 - f16WeightsGiB - kvGiB(512));
    expect(ok.slackGiB).toBeCloseTo(1.04, 2);
  });
  it("checks devices without a cited bandwidth too (capacity needs memory only)", () => {
    const devices = new Set(rows.map((r) => r.deviceId));
    expect(devices.has("apple-m1")).toBe(true);
    expect(devices.has("rtx-4000-ada")).toBe(true);
  });
  it("a layer split shares weights and KV cache in proportion to memory: 4 × RTX 4000 Ada (20 GiB) and Llama 3 70B F16", () => {
    const r = byId("rtx4000adax4-llamacpp-llama3-70b-f16-tg1024-oom");
    const m = modelSpecFromData(data, "llama-3-70b");
    const shared = ((m.totalParams * 16) / 8 + 2 * 80 * 8 * 128 * 2 * 1024) / 2 ** 30;
    expectClose(r.slackGiB, 20 - shared / 4);
    expect(r.slackGiB).toBeLessThan(0);
  });
  it("leaves out article claims and runs serving several requests at once", () => {
    const { skipped } = capacityRows(data);
    const articles = new Set(data.sources.rows.filter((s) => s.tier === "article").map((s) => s.source_id));
    for (const r of rows) expect(articles.has(r.sourceId), r.benchmarkId).toBe(false);
    for (const b of data.benchmarks.rows.filter((x) => (x.concurrency ?? 1) > 1)) expect(skipped.map((s) => s.benchmarkId)).toContain(b.benchmark_id);
  });
});

describe("runtimeOverheadFromMeasurements(data, memoryKind?)", () => {
  const dedicated = runtimeOverheadFromMeasurements(data, "dedicated");
  const unified = runtimeOverheadFromMeasurements(data, "unified");
  const all = runtimeOverheadFromMeasurements(data);

  it("GPU cards: above 0.10 GiB (the RTX 4080 at 8,192 tokens ran out of memory) and at most 1.04 GiB (at 512 tokens it ran)", () => {
    expect(dedicated.nonEmpty).toBe(true);
    expect(dedicated.low!.benchmarkId).toMatch(/^rtx4080-llamacpp-llama3-8b-f16-(tg|pp)8192-oom$/);
    expect(dedicated.high!.benchmarkId).toMatch(/^rtx4080-llamacpp-llama3-8b-f16-(tg|pp)512$/);
    expect(dedicated.low!.sourceId).toBe("xiongjiedai-gpu-benchmarks-2024-05-12");
    expectClose(dedicated.low!.gib, 16 - f16WeightsGiB - kvGiB(8192));
    expectClose(dedicated.high!.gib, 16 - f16WeightsGiB - kvGiB(512));
    expectClose(dedicated.midpointGiB!, (dedicated.low!.gib + dedicated.high!.gib) / 2);
  });
  it("unified memory: the 8 GB M1 ran Llama 3 8B Q4_K_M at 512 tokens but not at 8,192, with 2.81 GiB still free in the model", () => {
    expect(unified.nonEmpty).toBe(true);
    expect(unified.low!.benchmarkId).toMatch(/^m1-llamacpp-llama3-8b-(tg|pp)8192-oom$/);
    expect(unified.high!.benchmarkId).toMatch(/^m1-llamacpp-llama3-8b-(tg|pp)512$/);
    expect(unified.low!.gib).toBeCloseTo(2.81, 2);
    expect(unified.high!.gib).toBeCloseTo(3.75, 2);
  });
  it("one overhead for every device agrees with no set of runs: the M1 ran out with more room than the RTX 4080 ran with", () => {
    expect(all.nonEmpty).toBe(false);
    expect(all.midpointGiB).toBeNull();
    expect(all.low!.gib).toBeGreaterThan(all.high!.gib);
    expect(all.low!.benchmarkId).toBe(unified.low!.benchmarkId);
    expect(all.high!.benchmarkId).toBe(dedicated.high!.benchmarkId);
    expect(all.explanation).toMatch(/^no runtime overhead per device agrees/);
    expect(all.okRows + all.oomRows).toBe(rows.length);
  });
});

describe("capacityAgreement(data, overheadGiBPerDevice)", () => {
  const dedicated = runtimeOverheadFromMeasurements(data, "dedicated");
  const unified = runtimeOverheadFromMeasurements(data, "unified");

  it("with an overhead inside each kind's interval, every oom run does not fit and every ok run fits", () => {
    for (const overhead of [
      { dedicated: dedicated.midpointGiB!, unified: unified.midpointGiB! },
      { dedicated: dedicated.high!.gib, unified: unified.high!.gib }, // the high end is inside (inclusive)
      { dedicated: dedicated.low!.gib + 1e-6, unified: unified.low!.gib + 1e-6 },
    ]) {
      const a = capacityAgreement(data, overhead);
      expect(a.disagreements).toEqual([]);
      for (const r of a.rows) expect(r.fits, r.benchmarkId).toBe(r.outcome === "ok");
      expect(a.oomAgree).toBe(a.oomRows);
      expect(a.okAgree).toBe(a.okRows);
      expect(a.oomRows).toBeGreaterThan(0);
    }
  });
  it("at 0 GiB the capacity model says the two RTX 4080 runs at 8,192 tokens fit, but they ran out of memory (and so did the M1's)", () => {
    const a = capacityAgreement(data, 0);
    const onCards = a.disagreements.filter((r) => r.memoryKind === "dedicated").map((r) => r.benchmarkId).sort();
    expect(onCards).toEqual(["rtx4080-llamacpp-llama3-8b-f16-pp8192-oom", "rtx4080-llamacpp-llama3-8b-f16-tg8192-oom"]);
    for (const r of a.disagreements) expect(r.outcome === "oom" && r.fits).toBe(true);
    expect(a.disagreements.filter((r) => r.memoryKind === "unified").map((r) => r.deviceId)).toEqual(["apple-m1", "apple-m1"]);
    expect(a.okAgree).toBe(a.okRows);
  });
  it("at the high end of the card interval plus a hair, the RTX 4080 run at 512 tokens no longer fits", () => {
    const a = capacityAgreement(data, { dedicated: dedicated.high!.gib + 1e-6, unified: unified.midpointGiB! });
    expect(a.disagreements.map((r) => r.benchmarkId)).toContain("rtx4080-llamacpp-llama3-8b-f16-tg512");
  });
  it("rejects a negative overhead", () => {
    expect(() => capacityAgreement(data, -1)).toThrow(RangeError);
  });
});
