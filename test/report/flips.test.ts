/**
 * "Where the conclusion flips" agrees with the break-even headline: when one setup never breaks
 * even but several do (local-vs-openai: 3.82B tokens a month on 2 setups), the utilization it
 * gives is that of each of those setups, not "self-hosting never wins".
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { articleReport } from "../../lib/report/article-report";
import type { ReportBlock } from "../../lib/report/article-report";

const data = loadData();

function utilizationHeadline(blocks: readonly ReportBlock[]): string {
  const h = blocks.flatMap((b) => (b.kind === "headline" && b.headline.label === "Utilization below which the API is always cheaper" ? [String(b.headline.value)] : []));
  expect(h).toHaveLength(1);
  return h[0];
}

function text(blocks: readonly ReportBlock[]): string {
  return blocks.flatMap((b) => (b.kind === "markdown" ? [String(b.text)] : [])).join(" ");
}

describe("the utilization headline agrees with the break-even", () => {
  it("local-vs-openai: break-even on 2 setups, so the utilization is each setup's at the break-even (3.82B / (2 × 2.07B) = 92.2%), one setup never winning", () => {
    const r = articleReport(data, "local-vs-openai");
    const be = r.case.breakEven;
    expect(be.kind === "volume" && be.setups).toBe(2);
    const f = r.flips();
    expect(utilizationHeadline(f)).toBe("92.2% of each of the break-even's 2 setups (one setup never wins)");
    const t = text(f);
    expect(t).toMatch(/One setup beats the API at no utilization/);
    expect(t).toMatch(/The break-even's \*\*2\*\* setups do: below \*\*92\.2%\*\* utilization of each/);
    // F / ((api − m) × C) = 3,600 / (4.4 × 2,073.6) = 39.5%: the limit with ever more setups
    expect(t).toMatch(/falls toward \*\*39\.5%\*\*/);
    // one setup flat out costs $6.38, yet two setups beat a $4.40 API: the floor is each setup's own cost, $1.74
    expect(t).toMatch(/one setup costs \*\*\$6\.38\/Mtok\*\*; .* toward \*\*\$1\.74\/Mtok\*\*/);
    expect(t).not.toMatch(/self-hosting never wins;/);
  });
  it("local-tokenomics: one setup breaks even, at 6.6% utilization", () => {
    expect(utilizationHeadline(articleReport(data, "local-tokenomics").flips())).toBe("6.6%");
  });
  it("breakeven-sits: no number of setups breaks even, so self-hosting never wins", () => {
    const r = articleReport(data, "breakeven-sits");
    expect(r.case.breakEven.kind).toBe("never");
    expect(utilizationHeadline(r.flips())).toBe("above 100%: self-hosting never wins");
  });
});
