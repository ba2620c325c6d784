import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { bandwidthSurvey } from "../../lib/analysis/bandwidth-survey";
import { expectClose } from "../helpers/close";

const survey = bandwidthSurvey(loadData());

describe("bandwidthSurvey(data)", () => {
  it("puts llama.cpp's 59.02 tok/s on the DGX Spark beside its bound: 273 GB/s / (5.1e9 × 4.25 / 8) = 100.8, efficiency 0.586", () => {
    const r = survey.rows.find((x) => x.benchmarkId === "spark-llamacpp-gptoss120b-tg32-d0")!;
    expectClose(r.bound!, 273e9 / ((5.1e9 * 4.25) / 8));
    expectClose(r.efficiency!, 59.02 / r.bound!);
  });
  it("no cited measurement is faster than physics allows", () => {
    for (const r of survey.rows.filter((x) => !x.fromArticle)) expect(r.efficiency!, r.benchmarkId).toBeLessThan(1);
  });
  it("lists the benchmarks it could not survey, with the missing fact", () => {
    for (const s of survey.skipped) expect(s.reason).toMatch(/no source gives/);
  });
});
