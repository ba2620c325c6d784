import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data/index";
import { bandwidthSurvey, type SurveyRow } from "../../lib/analysis/bandwidth-survey";
import { citedEfficiency } from "../../lib/analysis/cited-efficiency";
import { describeByWithDanfo, summaryStats } from "../../lib/sensitivity/describe";

/** A survey row with what citedEfficiency reads. */
const row = (efficiency: number | null, runtime = "llama.cpp", fromArticle = false) =>
  ({ efficiency, runtime, device: "dgx-spark", model: "gpt-oss-120b", fromArticle }) as SurveyRow;

describe("citedEfficiency(rows)", () => {
  it("keeps measurements with a bound, leaves out articles' figures and setups that do not fit", () => {
    const c = citedEfficiency([row(0.6), row(0.2, "ollama", true), row(null), row(0.4, "vllm"), row(0.9)]);
    expect(c.values).toEqual([0.4, 0.6, 0.9]);
    expect([c.count, c.min, c.median, c.max]).toEqual([3, 0.4, 0.6, 0.9]);
    expect(c.rows.map((r) => r.runtime)).toEqual(["llama.cpp", "vllm", "llama.cpp"]);
  });

  it("an even count's median is the mean of the two middle values: [0.2, 0.4, 0.6, 0.9] → 0.5", () => {
    expect(citedEfficiency([row(0.9), row(0.2), row(0.6), row(0.4)]).median).toBeCloseTo(0.5, 15);
  });

  it("throws when nothing is cited", () => {
    expect(() => citedEfficiency([row(0.3, "ollama", true), row(null)])).toThrow(RangeError);
  });
});

describe("notebook 11's danfo table agrees with its other figures, on the data", () => {
  const cited = citedEfficiency(bandwidthSurvey(loadData()).rows);

  it("danfo's describe() of every cited efficiency gives the count, range and median the prose prints", async () => {
    const { all } = await describeByWithDanfo(cited.rows.map((r) => ({ runtime: r.runtime, efficiency: r.efficiency })), "runtime", "efficiency");
    expect(cited.count).toBeGreaterThan(100);
    expect([all.count, all.min, all.median, all.max]).toEqual([cited.count, cited.min, cited.median, cited.max]);
    const s = summaryStats(cited.values);
    expect(all.mean).toBeCloseTo(s.mean, 12);
    expect(all.std).toBeCloseTo(s.std, 12);
  });

  it("danfo's group-by gives each runtime the statistics of that runtime's efficiencies", async () => {
    const { groups } = await describeByWithDanfo(cited.rows.map((r) => ({ runtime: r.runtime, efficiency: r.efficiency })), "runtime", "efficiency");
    const runtimes = [...new Set(cited.rows.map((r) => r.runtime))];
    expect(groups.map((g) => g.key).sort()).toEqual(runtimes.sort());
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(cited.count);
    for (const g of groups) {
      const s = summaryStats(cited.rows.filter((r) => r.runtime === g.key).map((r) => r.efficiency));
      expect(g.count, g.key).toBe(s.count);
      expect([g.min, g.max], g.key).toEqual([s.min, s.max]);
      for (const [danfo, own] of [[g.mean, s.mean], [g.median, s.p50], [g.std, s.std]]) expect(danfo, g.key).toBeCloseTo(own, 12);
    }
  });
});
