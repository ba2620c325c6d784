/**
 * Physics and capacity before arithmetic: claims of batched throughput against the serving
 * ceiling, and claimed break-evens against what the stated setup (or any number of them) can reach.
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { loadRegistry, runAudit, type ClaimRow } from "../../lib/audit";

const data = loadData();
const registry = loadRegistry();
const results = runAudit(registry.claims, data, registry.where);
const result = (id: string) => {
  const r = results.find((x) => x.claimId === id);
  if (!r) throw new Error(`no claim ${id}`);
  return r;
};

describe("batched throughput against the serving ceiling", () => {
  it("tco-breakdown's 70,000 tokens/s of Qwen3 14B on one A100 is physically impossible: 312 TFLOPS / (2 × 14.8 B) = 10,541", () => {
    const r = result("tb-fin-a100-tps");
    expect(r.verdict).toBe("physically-impossible");
    expect(r.ratio!).toBeCloseTo(70_000 / (312e12 / (2 * 14.8e9)), 6);
    expect(r.explanation).toMatch(/exceeds the serving ceiling \(all streams together\) of 10,541 \(compute: 312 dense FP16 TFLOPS/);
  });
  it("its 135,000 on an H100 exceeds even the FP8 ceiling: 1,978.9 TFLOPS / (2 × 14.8 B) = 66,858", () => {
    const r = result("tb-fin-h100-tps");
    expect(r.verdict).toBe("physically-impossible");
    // sources give 1,978.9 and 1,979 dense FP8 TFLOPS; the ceiling takes the larger
    expect(r.ratio!).toBeCloseTo(135_000 / (1979e12 / (2 * 14.8e9)), 6);
  });
  it("local-vs-openai's 800–1,200 tok/s of a 70B model on two A100s is within their ceiling (624 TFLOPS / 141 GFLOP = 4,419+): possible, not reproduced (no measurement)", () => {
    const r = result("lo-t2-70b-tps");
    expect(r.verdict).toBe("within-bound");
    expect(r.recomputed as number).toBeGreaterThan(1200);
  });
});

describe("claimed break-evens the setup cannot reach", () => {
  it("local-tokenomics' 'break-even in the billions' against a $0.50 API: the rig costs $0.739/Mtok flat out, so no number of rigs breaks even", () => {
    const r = result("lt-answer-billion");
    expect(r.verdict).toBe("physically-impossible");
    expect(r.explanation).toMatch(/^no setup can reach it: one setup's all-in cost at full use, \$0\.739\/Mtok, is at or above the API's \$0\.500\/Mtok/);
  });
  it("local-vs-openai's ~3 B tokens a month on one pair of A100s (2.07 B at most): the break-even takes 2 pairs, at 3.82 B", () => {
    const r = result("lo-s3-headline");
    expect(r.verdict).toBe("physically-impossible");
    expect(r.explanation).toMatch(/the claimed break-even is 1\.45× what the stated setup can make in a month \(at most 2\.07B tokens\)/);
    expect(r.explanation).toMatch(/the break-even is 3\.82B on 2 setups/);
  });
  it("a break-even one setup reaches keeps the arithmetic verdict: local-tokenomics' ~20 M against $5 passes by rounding (21.3 M recomputed, within 'roughly')", () => {
    const r = result("lt-be-frontier");
    expect(r.verdict).toBe("rounding");
    expect(r.explanation).not.toMatch(/stated setup/);
  });
  it("a claim built the same way but within one setup's capacity is graded on its arithmetic alone", () => {
    const c: ClaimRow = {
      ...registry.claims.find((x) => x.claim_id === "lo-s3-headline")!,
      claim_id: "test-within",
      claimed_text: "~3.8 billion",
      claimed_low: 3.8e9,
      // twice the speed: one pair makes 4.15 B tokens a month, so the break-even (3.01 B) is within one setup
      formula: registry.claims.find((x) => x.claim_id === "lo-s3-headline")!.formula!.replace("tokensPerSecond: 800", "tokensPerSecond: 1600"),
    };
    const r = runAudit([c], data)[0];
    expect(r.verdict).toBe("inconsistent");
    expect(r.explanation).not.toMatch(/stated setup/);
  });
});

describe("a speed under its bound is possible, not reproduced", () => {
  it("no physics claim is 'reproduced' by its bound alone: each under its bound is within-bound unless a measurement matches it", () => {
    const physics = results.filter((r) => r.check === "physics" && r.ownVerdict !== "physically-impossible" && r.ownVerdict !== "not-checkable");
    expect(physics.length).toBeGreaterThan(0);
    for (const r of physics) {
      if (r.ownVerdict === "within-bound") continue;
      expect(r.explanation, r.claimId).toMatch(/^measured/);
    }
  });
  it("breakeven-sits' 3 tok/s for a 70B model on an 'M4 Ultra' is within the M3 Ultra's 20.8 tok/s bound, and a quarter of what an M2 Ultra measured (12.48)", () => {
    const r = result("bs-be-tps");
    expect(r.verdict).toBe("within-bound");
    expect(r.explanation).toMatch(/below the source's 12\.48/);
  });
  it("its '2–5 tokens/sec' on a 120B model is within-bound: an M2 Ultra measured 85.6 on gpt-oss-120b", () => {
    const r = result("bs-hw-ultra-tps");
    expect(r.verdict).toBe("within-bound");
    expect(r.explanation).toMatch(/lies below the source's 85\.6/);
  });
});

describe("a figure computed from the Spark's speed inherits its failure", () => {
  it("lt-t1-spark-cost reads lt-t1-spark-tps (38.55 tok/s, contradicted by 57.81 measured) and follows from it; at 57.81 it would be about $1.07", () => {
    const r = result("lt-t1-spark-cost");
    expect(r.dependsOn).toContain("lt-t1-spark-tps");
    expect(r.ownVerdict).toBe("reproduced");
    expect(r.verdict).toBe("contradicts-source");
    expect(r.inheritedFrom[0]).toBe("lt-t1-spark-tps");
    expect(r.corrected as number).toBeCloseTo(1.075, 2);
  });
  it("its registry row says the 240 W is the power-supply rating chosen to reproduce the figure, against the ~95 W measured", () => {
    const row = registry.claims.find((c) => c.claim_id === "lt-t1-spark-cost")!;
    expect(row.claim).toMatch(/240 W power-supply rating, not its measured ~95 W draw/);
    expect(row.note).toMatch(/chosen only because it is the power that reproduces \$1\.61/);
  });
});
