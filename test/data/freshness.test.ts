import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findStale, loadData, parseCsv } from "../../lib/data/index";
import { formatFreshness, freshness } from "../../lib/data/staleness";
import { isQuantFormat } from "../../lib/models/quantization";

const data = loadData();
const asOf = data.package["x-data-as-of"] as string;

describe("freshness against datapackage.json's x-data-as-of", () => {
  const report = freshness(data, { asOf, asOfFrom: "x-data-as-of" });

  it("the reference date is the package's stated date, not the clock", () => {
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.asOf).toBe(asOf);
    expect(report.maxAgeDays).toBe(365);
  });

  it("reports every dated table: prices, benchmarks, electricity and labour", () => {
    expect(report.tables.map((t) => t.table)).toEqual(["hardware_prices", "benchmarks", "api_prices", "cloud_gpu_prices", "electricity", "labour"]);
    for (const t of report.tables) {
      expect(t.newestDate, t.table).not.toBeNull();
      expect(t.rows, t.table).toBeGreaterThan(0);
    }
  });

  it("the newest benchmark is the newest date in the table, and its age is counted from it", () => {
    const b = report.tables.find((t) => t.table === "benchmarks")!;
    const newest = [...data.benchmarks.rows].sort((x, y) => (x.date < y.date ? 1 : -1))[0];
    expect(b.newestDate).toBe(newest.date);
    expect(b.newestAgeDays).toBeGreaterThanOrEqual(0);
  });

  it("counts the same rows older than a year as findStale", () => {
    for (const t of report.tables) {
      const rows = (data as unknown as Record<string, { rows: Array<{ source_id: string }> }>)[t.table].rows;
      expect(t.stale.length, t.table).toBe(findStale(rows, { asOf, maxAgeDays: 365, dateField: t.dateField }).length);
      // oldest first
      for (let i = 1; i < t.stale.length; i++) expect(t.stale[i - 1].ageDays).toBeGreaterThanOrEqual(t.stale[i].ageDays);
    }
  });

  it("prints the reference date, each table's newest row and the first few stale ids", () => {
    const text = formatFreshness(report, 2);
    expect(text).toContain(`Freshness as of ${asOf} (x-data-as-of;`);
    expect(text).toMatch(/\| benchmarks +\| date +\|/);
    expect(text).toMatch(/- benchmarks: \d+ — .+, and \d+ more/);
  });

  it("a forecast dated after the reference date shows as days after it", () => {
    const f = freshness(
      { package: { resources: [{ name: "electricity", "x-date-field": "period", schema: { primaryKey: ["region", "period"] } }] }, electricity: { rows: [{ region: "us", period: "2027", source_id: "s" }] } } as never,
      { asOf: "2026-11-23" },
    );
    expect(f.tables[0]).toMatchObject({ newestDate: "2027", newestKey: "us | 2027", newestAgeDays: -39, stale: [] });
    expect(formatFreshness(f)).toContain("39 days after");
  });
});

describe("npm run data:check", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/data-check.ts", ...args], { encoding: "utf8" });

  it("states the data's date and prints freshness after the coverage table", () => {
    const r = run();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`data as of ${asOf}`);
    expect(r.stdout).toContain(`Freshness as of ${asOf} (datapackage.json "x-data-as-of"`);
    expect(r.stdout).toContain("Rows older than 365 days (oldest first):");
  }, 30_000);

  it("takes --as-of and --max-age-days, and refuses a malformed date", () => {
    const r = run("--as-of", "2030-01-01", "--max-age-days", "30");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Freshness as of 2030-01-01 (--as-of;");
    expect(r.stdout).toContain("older than 30 days");
    const bad = run("--as-of", "yesterday");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("not an ISO date");
  }, 30_000);
});

describe("benchmarks.csv", () => {
  it("has at least 300 measured (outcome ok) rows, each with a known format, runtime, date and source", () => {
    const ok = data.benchmarks.rows.filter((b) => b.outcome === "ok");
    expect(ok.length).toBeGreaterThanOrEqual(300);
    const sources = new Set(data.sources.rows.map((s) => s.source_id));
    for (const b of ok) {
      expect(b.quantization === "unspecified" || isQuantFormat(b.quantization), b.benchmark_id).toBe(true);
      expect(b.settings.length, b.benchmark_id).toBeGreaterThan(0);
      expect(sources.has(b.source_id), b.benchmark_id).toBe(true);
    }
  });

  it("keeps benchmark ids unique and kebab-case", () => {
    const ids = data.benchmarks.rows.map((b) => b.benchmark_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+([.-][a-z0-9]+)*$/);
  });

  it("enters llama.cpp's benches/ runs for the M2 Ultra and DGX Spark at each context depth (pp2048/tg32 @ d0-d32768)", () => {
    const rows = data.benchmarks.rows.filter((b) => b.source_id === "llamacpp-bench-mac-m2-ultra-2026-02" && b.model_id === "gpt-oss-120b" && b.batch_size === 1 && b.prompt_tokens === 2048);
    expect(rows.map((r) => [r.context_depth, r.tokens_per_s])).toEqual([
      [0, 1648.69],
      [4096, 1429.86],
      [8192, 1257.9],
      [16384, 1013.49],
      [32768, 721.11],
    ]);
    const batched = data.benchmarks.rows.find((b) => b.benchmark_id === "spark-llamacpp-b7941-gptoss120b-batched-b32-tg32-after512");
    expect(batched).toMatchObject({ throughput_scope: "aggregate", concurrency: 32, batch_size: 32, phase: "decode" });
  });
});

describe("the CSV parser after the speed-up", () => {
  it("still counts lines inside quoted fields and reads doubled quotes and quotes inside an unquoted field", () => {
    const r = parseCsv('a,b\n"x\ny","say ""hi"""\r\nplain "q",z\r"open');
    expect(r.records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x\ny", 'say "hi"'] },
      { line: 4, fields: ['plain "q"', "z"] },
      { line: 5, fields: ["open"] },
    ]);
    expect(r.errors).toEqual([{ line: 5, message: "unterminated quoted field (missing closing double quote)" }]);
  });
});
