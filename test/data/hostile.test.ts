import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataValidationError, loadData, TableName } from "../../lib/data/index";
import { cleanupFixtures, copyOfRealData, fixtureDir, headerOf, issuesOf, REAL_DIR, SOURCES_CSV } from "./fixtures";

afterEach(cleanupFixtures);

/** A CSV line for `table` with the given cells; every other cell empty. */
function line(table: TableName, cells: Record<string, string>): string {
  return headerOf(table)
    .split(",")
    .map((c) => cells[c] ?? "")
    .join(",");
}
const csv = (table: TableName, ...rows: Array<Record<string, string>>): string =>
  [headerOf(table), ...rows.map((r) => line(table, r))].join("\n") + "\n";

const gpu = { device_id: "gpu-x", name: "GPU X", vendor: "V", category: "consumer-gpu", memory_gb: "24", bandwidth_gbps: "936", source_id: "src-a" };
const llm = { model_id: "llm-x", name: "LLM X", developer: "D", architecture: "dense", total_params_b: "8", source_id: "src-a" };
const bench = {
  benchmark_id: "b-1", device_id: "gpu-x", device_count: "1", model_id: "llm-x", quantization: "q4_k_m", runtime: "llama.cpp",
  phase: "decode", tokens_per_s: "100", outcome: "ok", throughput_scope: "per-request", date: "2024-05", settings: "tg128", source_id: "src-a",
};

describe("a minimal fixture", () => {
  it("with a source, a GPU, a model and a benchmark loads cleanly", () => {
    const data = loadData(fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", bench) }));
    expect(data.benchmarks.rows[0]).toMatchObject({ benchmark_id: "b-1", tokens_per_s: 100, batch_size: null });
  });
});

describe("a run that ran out of memory", () => {
  it("loads with outcome 'oom' and no tokens_per_s (the schema cannot require a speed only when outcome is 'ok')", () => {
    const data = loadData(fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", { ...bench, tokens_per_s: "", outcome: "oom" }) }));
    expect(data.benchmarks.rows[0]).toMatchObject({ benchmark_id: "b-1", outcome: "oom", tokens_per_s: null });
  });
});

describe("hostile data is rejected with file, line, column, rule and value", () => {
  it("wrong type: bandwidth 'fast' on line 3 of hardware.csv", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu, { ...gpu, device_id: "gpu-y", bandwidth_gbps: "fast" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "hardware.csv", line: 3, column: "bandwidth_gbps", rule: "type", value: "fast" }),
    );
  });

  it("a source read after the data's as-of date: line 3 of sources.csv, accessed 2099-01-02", () => {
    const dir = fixtureDir({ sources: SOURCES_CSV.replace("art-b,An article,Blog,unknown,2026,seed:x.txt,2026-11-23", "art-b,An article,Blog,unknown,2026,seed:x.txt,2099-01-02") });
    const issues = issuesOf(dir);
    expect(issues).toContainEqual(expect.objectContaining({ file: "sources.csv", line: 3, column: "date_accessed", rule: "as-of", value: "2099-01-02" }));
    expect(issues.find((i) => i.rule === "as-of")!.message).toMatch(/^read after the data's as-of date \d{4}-\d{2}-\d{2} \(datapackage.json "x-data-as-of"\); move that date forward to 2099-01-02 or later$/);
    expect(issues.filter((i) => i.rule === "as-of")).toHaveLength(1); // line 2, read on the as-of date or before, passes
  });

  it("missing source: a price citing source 'ghost' that sources.csv lacks", () => {
    const dir = fixtureDir({
      api_prices: csv("api_prices", { provider: "acme", model: "m", price_basis: "list", usd_per_mtok_input: "1", effective_date: "2026-01", source_id: "ghost" }),
    });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "api_prices.csv", line: 2, column: "source_id", rule: "foreign-key", value: "ghost" }),
    );
  });

  it("unknown device: a benchmark on a device hardware.csv does not list", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", { ...bench, device_id: "gpu-z" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "benchmarks.csv", line: 2, column: "device_id", rule: "foreign-key", value: "gpu-z" }),
    );
  });

  it("duplicate key: benchmark id b-1 appears on lines 2 and 3", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", bench, { ...bench, tokens_per_s: "90" }) });
    const issue = issuesOf(dir).find((i) => i.rule === "primary-key");
    expect(issue).toMatchObject({ file: "benchmarks.csv", line: 3, column: "benchmark_id", value: "b-1" });
    expect(issue!.message).toContain("line 2");
  });

  it("bad enum: phase 'generation' is not prefill, decode or end-to-end", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", { ...bench, phase: "generation" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "benchmarks.csv", line: 2, column: "phase", rule: "enum", value: "generation" }),
    );
  });

  it("bad enum: memory type 'GDDR9' is not a known memory technology", () => {
    const dir = fixtureDir({ hardware: csv("hardware", { ...gpu, memory_type: "GDDR9" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "hardware.csv", line: 2, column: "memory_type", rule: "enum", value: "GDDR9" }),
    );
  });

  it("bad unit: a 'bandwidth_tbps' column instead of the schema's 'bandwidth_gbps'", () => {
    const header = headerOf("hardware").replace("bandwidth_gbps", "bandwidth_tbps");
    const dir = fixtureDir({ hardware: header + "\n" });
    const issues = issuesOf(dir);
    expect(issues).toContainEqual(expect.objectContaining({ file: "hardware.csv", line: 1, column: "bandwidth_tbps", rule: "header" }));
    expect(issues).toContainEqual(expect.objectContaining({ file: "hardware.csv", line: 1, column: "bandwidth_gbps", rule: "header" }));
  });

  it("negative price: an H100 at -2.49 USD per GPU-hour", () => {
    const dir = fixtureDir({
      hardware: csv("hardware", gpu),
      cloud_gpu_prices: csv("cloud_gpu_prices", {
        provider: "acme", offering: "1x", device_id: "gpu-x", gpus_per_instance: "1", pricing_type: "on-demand", usd_per_gpu_hour: "-2.49", date: "2026-01", source_id: "src-a",
      }),
    });
    const issue = issuesOf(dir).find((i) => i.rule === "minimum");
    expect(issue).toMatchObject({ file: "cloud_gpu_prices.csv", line: 2, column: "usd_per_gpu_hour", value: "-2.49" });
    expect(issue!.message).toContain("USD per GPU-hour");
  });

  it("truncated line: line 3 of hardware_prices.csv stops after four fields", () => {
    const full = line("hardware_prices", { device_id: "gpu-x", units: "1", scope: "device", condition: "msrp", usd_low: "1499", date: "2020-09", source_id: "src-a" });
    const dir = fixtureDir({ hardware: csv("hardware", gpu), hardware_prices: [headerOf("hardware_prices"), full, "gpu-x,1,device,used"].join("\n") + "\n" });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "hardware_prices.csv", line: 3, column: "", rule: "field-count", value: "gpu-x,1,device,used" }),
    );
  });

  it("empty file: electricity.csv with no header at all", () => {
    expect(issuesOf(fixtureDir({ electricity: "" }))).toContainEqual(
      expect.objectContaining({ file: "electricity.csv", line: 1, column: "", rule: "empty-file" }),
    );
  });

  it("missing required value: a benchmark without outcome", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", { ...bench, outcome: "" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "benchmarks.csv", line: 2, column: "outcome", rule: "required", value: "" }),
    );
  });

  it("bad enum: outcome 'crashed' is not ok or oom", () => {
    const dir = fixtureDir({ hardware: csv("hardware", gpu), models: csv("models", llm), benchmarks: csv("benchmarks", { ...bench, outcome: "crashed" }) });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "benchmarks.csv", line: 2, column: "outcome", rule: "enum", value: "crashed" }),
    );
  });

  it("pattern: a price dated 'March 2026' instead of an ISO date", () => {
    const dir = fixtureDir({
      hardware: csv("hardware", gpu),
      hardware_prices: csv("hardware_prices", { device_id: "gpu-x", units: "1", scope: "device", condition: "msrp", usd_low: "1", date: "March 2026", source_id: "src-a" }),
    });
    expect(issuesOf(dir)).toContainEqual(
      expect.objectContaining({ file: "hardware_prices.csv", line: 2, column: "date", rule: "pattern", value: "March 2026" }),
    );
  });

  it("CSV syntax: an unterminated quote on line 2", () => {
    const dir = fixtureDir({ labour: headerOf("labour") + '\nengineer,us,1000,,2026,src-a,"unclosed\n' });
    expect(issuesOf(dir)).toContainEqual(expect.objectContaining({ file: "labour.csv", line: 2, rule: "csv-syntax" }));
  });

  it("several bad files: one error lists every issue and nothing is returned", () => {
    const dir = fixtureDir({ electricity: "", hardware: csv("hardware", gpu, { ...gpu, device_id: "gpu-y", bandwidth_gbps: "fast" }) });
    let result: unknown = "not assigned";
    let error: unknown;
    try {
      result = loadData(dir);
    } catch (e) {
      error = e;
    }
    expect(result).toBe("not assigned");
    expect(error).toBeInstanceOf(DataValidationError);
    const err = error as DataValidationError;
    expect(new Set(err.issues.map((i) => i.file))).toEqual(new Set(["electricity.csv", "hardware.csv"]));
    expect(err.message).toContain('hardware.csv:3 column "bandwidth_gbps" [type]');
  });

  it("a copy of the real data with one bad benchmark appended names that exact line", () => {
    const real = readFileSync(join(REAL_DIR, "benchmarks.csv"), "utf8");
    const lastLine = real.trimEnd().split("\n").length;
    const bad = line("benchmarks", { ...bench, benchmark_id: "bad-phase", device_id: "rtx-3090", model_id: "llama-3-8b", phase: "generation", source_id: "xiongjiedai-gpu-benchmarks" });
    const dir = copyOfRealData({ benchmarks: real.trimEnd() + "\n" + bad + "\n" });
    expect(issuesOf(dir)).toEqual([
      expect.objectContaining({ file: "benchmarks.csv", line: lastLine + 1, column: "phase", rule: "enum", value: "generation" }),
    ]);
  });
});
