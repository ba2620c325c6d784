import { describe, expect, it } from "vitest";
import { checkRecomputed, checkSources, placeAmongSources, toleranceOf } from "../../lib/audit/verdict";
import { halfUnitInLastPlace, inferHedge, toleranceFor, writtenNumbers } from "../../lib/audit/stated";
import { loadData } from "../../lib/data";
import { AuditEntryError, validateClaims, type ClaimRow } from "../../lib/audit";

const one = (text: string, v: number) => ({ text, low: v, high: v });

describe("unhedged figures are held to their written digits, trailing zeros included", () => {
  it("'100 tok/s' allows ±0.5: 100.4 reproduces, 140 is inconsistent", () => {
    expect(halfUnitInLastPlace("100 tok/s", 100)).toBe(0.5);
    expect(checkRecomputed(one("100 tok/s", 100), 100.4).verdict).toBe("reproduced");
    expect(checkRecomputed(one("100 tok/s", 100), 140).verdict).toBe("inconsistent");
  });
  it("'$200' allows ±$0.50: 151 is inconsistent, not rounding", () => {
    expect(toleranceFor("$200", 200).band).toBe(0.5);
    const v = checkRecomputed(one("$200", 200), 151);
    expect(v.verdict).toBe("inconsistent");
    expect(v.explanation).toMatch(/held to its written digits, ±0\.5/);
  });
  it("'1,000' allows ±0.5, not ±500: 995 is inconsistent; 'about 1,000' lets 995 pass by rounding", () => {
    expect(writtenNumbers("1,000")).toEqual([{ value: 1000, decimals: 0 }]);
    expect(toleranceFor("1,000", 1000).band).toBe(0.5);
    expect(checkRecomputed(one("1,000", 1000), 995).verdict).toBe("inconsistent");
    expect(checkRecomputed(one("about 1,000", 1000), 995).verdict).toBe("rounding");
  });
  it("'3 billion' is held to the digit the word scales: ±0.5 billion", () => {
    expect(halfUnitInLastPlace("3 billion", 3e9)).toBe(0.5e9);
  });
  it("a number word is an integer: 'three times' allows ±0.5, so 3.22 reproduces", () => {
    expect(halfUnitInLastPlace("three times", 3)).toBe(0.5);
    expect(checkRecomputed(one("three times", 3), 3.2166).verdict).toBe("reproduced");
  });
});

describe("hedged figures get a stated band; passing only inside it is 'rounding'", () => {
  it("'roughly 20 million' against 21.3 million: outside the digits (±0.5 million), inside the 10% band → rounding", () => {
    const v = checkRecomputed(one("roughly 20 million", 20e6), 21.3e6);
    expect(v.verdict).toBe("rounding");
    expect(v.explanation).toMatch(/approximate: ±10%/);
  });
  it("'~$0.74' against 0.7386 rounds to what was written → reproduced", () => {
    expect(checkRecomputed(one("~$0.74", 0.74), 0.7386).verdict).toBe("reproduced");
  });
  it("'roughly a billion' allows a factor of two", () => {
    expect(checkRecomputed(one("roughly a billion", 1e9), 1.9e9).verdict).toBe("rounding");
    expect(checkRecomputed(one("roughly a billion", 1e9), 2.1e9).verdict).toBe("inconsistent");
  });
  it("the wording's one-sided hedges: '120B+' is at least, 'fewer than' at most", () => {
    expect(inferHedge("120B+ parameters")).toBe("at-least");
    expect(inferHedge("fewer than 28 million tokens per month")).toBe("at-most");
  });
});

describe("a hedge override needs a reason, and the report prints it", () => {
  it("'$40,000–50,000' checked at both ends without an override: against the cards' $30,000–40,000 it is inconsistent", () => {
    const v = checkRecomputed({ text: "$40,000-50,000", low: 40000, high: 50000 }, [30000, 40000]);
    expect(v.verdict).toBe("inconsistent");
    expect(v.explanation).toMatch(/^low end/);
  });
  it("with the registry's 'at-most' and its reason, the explanation and the tolerance carry the reason", () => {
    const reason = "a server costs its two cards plus a host";
    const claimed = { text: "$40,000-50,000", low: 40000, high: 50000, hedge: "at-most" as const, hedgeReason: reason };
    const v = checkRecomputed(claimed, [30000, 40000]);
    expect(v.verdict).toBe("reproduced");
    expect(v.explanation).toContain(`[hedge 'at-most' set by the registry: ${reason}]`);
    const t = toleranceOf(claimed);
    expect(t).toMatchObject({ hedge: "at-most", hedgeFrom: "registry", hedgeReason: reason, halfUlp: 0.5 });
    expect(t.rule).toContain(reason);
  });
  it("validateClaims rejects an override without a reason, naming the claim", () => {
    const row: ClaimRow = {
      claim_id: "x-hedge", article_id: "breakeven-sits", location: "test", claim: "test", claimed_text: "$40,000-50,000",
      claimed_low: 40000, claimed_high: 50000, unit: "USD", hedge: "at-most", check: "arithmetic", formula: "[30000, 40000]",
      formula_unit: null, source_refs: null, note: null, claimed_name: null, derived_from: null, hedge_reason: null, no_hint: null,
    };
    const data = loadData();
    expect(() => validateClaims([row], data)).toThrow(AuditEntryError);
    expect(() => validateClaims([row], data)).toThrow(/x-hedge.*without a hedge_reason/);
    expect(() => validateClaims([{ ...row, hedge_reason: "checked at both ends" }], data)).not.toThrow();
  });
});

describe("source checks say where the claim sits, and fail outside all sources or against a primary one", () => {
  const sources = [
    { value: 1.79, sourceId: "reseller-a", tier: "secondary" },
    { value: 1.99, sourceId: "reseller-b", tier: "secondary" },
  ];
  it("between two secondary sources, matching neither: passes, saying between which", () => {
    const v = checkSources(one("$1.91/hr", 1.91), sources);
    expect(v.verdict).toBe("reproduced");
    expect(v.explanation).toMatch(/between 1\.79 \(reseller-a\) and 1\.99 \(reseller-b\)/);
  });
  it("outside all of them: contradicts the nearest, saying it is above every source", () => {
    const v = checkSources(one("$2.49/hr", 2.49), sources);
    expect(v.verdict).toBe("contradicts-source");
    expect(v.explanation).toMatch(/source reseller-b gives 1\.99.*above every source \(highest 1\.99 \(reseller-b\)\)/);
  });
  it("inside the range but a primary source disagrees: contradicts the primary one", () => {
    const v = checkSources(one("$1.91/hr", 1.91), [...sources, { value: 1.89, sourceId: "vendor", tier: "primary" }]);
    expect(v.verdict).toBe("contradicts-source");
    expect(v.explanation).toMatch(/the primary source 1\.89 \(vendor, primary\) disagrees/);
    expect(v.ratio).toBeCloseTo(1.91 / 1.89, 12);
  });
  it("matching one source within its digits reproduces and names it", () => {
    const v = checkSources(one("$1.99/hr", 1.99), sources);
    expect(v.verdict).toBe("reproduced");
    expect(v.explanation).toMatch(/reseller-b.*equal to 1\.99 \(reseller-b\)/);
  });
  it("a round '$1,600' against a $1,599 MSRP contradicts unless hedged: the digits allow ±0.5", () => {
    expect(checkSources(one("$1,600", 1600), [{ value: 1599, sourceId: "msrp", tier: "primary" }]).verdict).toBe("contradicts-source");
    expect(checkSources({ ...one("$1,600", 1600), hedge: "approximate", hedgeReason: "the MSRP rounded" }, [{ value: 1599, sourceId: "msrp", tier: "primary" }]).verdict).toBe("rounding");
  });
  it("placeAmongSources names below, between and above", () => {
    expect(placeAmongSources(1, sources)).toMatch(/^below every source/);
    expect(placeAmongSources(1.9, sources)).toBe("between 1.79 (reseller-a) and 1.99 (reseller-b)");
  });
});
