import { describe, expect, it } from "vitest";
import { checkRecomputed, checkBound, checkBoundAndMeasured, checkedText, checkSources } from "../../lib/audit/verdict";
import { inferHedge, halfUnitInLastPlace, toleranceFor, writtenNumbers } from "../../lib/audit/stated";
import { telltaleFor } from "../../lib/audit/factors";
import { convert } from "../../lib/audit/units";

const one = (text: string, v: number) => ({ text, low: v, high: v });

describe("stated precision", () => {
  it("halfUnitInLastPlace('$0.74', 0.74) = half a cent", () => {
    expect(halfUnitInLastPlace("$0.74", 0.74)).toBeCloseTo(0.005, 12);
  });
  it("halfUnitInLastPlace('3 billion', 3e9) = half a billion", () => {
    expect(halfUnitInLastPlace("3 billion", 3e9)).toBe(0.5e9);
  });
  it("halfUnitInLastPlace('$13,225', 13225) = half a dollar (the comma is a thousands separator)", () => {
    expect(halfUnitInLastPlace("$13,225", 13225)).toBe(0.5);
  });
  it("writtenNumbers('$1.40–2.10/M') = 1.40 and 2.10 with two decimals", () => {
    expect(writtenNumbers("$1.40–2.10/M")).toEqual([{ value: 1.4, decimals: 2 }, { value: 2.1, decimals: 2 }]);
  });
  it("inferHedge reads the wording: '~$0.74' approximate, '200+' at least, 'roughly a billion' order of magnitude, '$4.40' exact", () => {
    expect(inferHedge("~$0.74")).toBe("approximate");
    expect(inferHedge("200+ tokens/sec")).toBe("at-least");
    expect(inferHedge("roughly a billion")).toBe("order-of-magnitude");
    expect(inferHedge("$4.40")).toBe("exact");
    expect(inferHedge("roughly 20 million")).toBe("approximate");
  });
  it("toleranceFor('~$0.74') widens half a cent to 10% of the value", () => {
    expect(toleranceFor("~$0.74", 0.74).band).toBeCloseTo(0.074, 12);
  });
});

describe("checkRecomputed", () => {
  it("'~$0.74' against a recomputed 0.7386 is reproduced: it rounds to 0.74", () => {
    expect(checkRecomputed(one("~$0.74", 0.74), 0.7386).verdict).toBe("reproduced");
  });
  it("'about 17.7 cents' against 18.05 passes only by rounding (2% off, inside the 10% the wording allows)", () => {
    const v = checkRecomputed(one("about 17.7 cents", 0.177), 0.1805);
    expect(v.verdict).toBe("rounding");
    expect(v.explanation).toMatch(/outside its written digits \(±0\.0005\), inside what its hedge allows \(approximate: ±10%/);
  });
  it("'roughly 20 million' against 21.3 million passes only by rounding: an integer's trailing zeros are written digits (20 ± 0.5), the hedge allows 10%", () => {
    expect(checkRecomputed(one("roughly 20 million", 20e6), 21.3e6).verdict).toBe("rounding");
    expect(halfUnitInLastPlace("16,700", 16700)).toBe(0.5);
  });
  it("'$5.25/M' against a recomputed 6.00 is inconsistent with ratio 0.875", () => {
    const v = checkRecomputed(one("~$5.25/M", 5.25), 6);
    expect(v.verdict).toBe("inconsistent");
    expect(v.ratio).toBeCloseTo(0.875, 12);
  });
  it("'346M tokens/month' against 1,244M names the slip: ×3600 dropped and ×1000 applied", () => {
    const terms = "tokensPerMonth({tokensPerSecond: 800, utilization: 0.6, hoursPerMonth: 720}) tok/mo720";
    const v = checkRecomputed({ ...one("~346M tokens/month", 346e6), terms }, 1_244_160_000);
    expect(v.verdict).toBe("inconsistent");
    expect(v.explanation).toMatch(/3600 \/ 1000 = 3\.6/);
    // Without a formula that has seconds and hours, the same ratio draws no hint.
    expect(checkRecomputed(one("~346M tokens/month", 346e6), 1_244_160_000).explanation).not.toMatch(/suggests a slip/);
  });
  it("a range claim '$1.40–2.10' against a recomputed range compares end by end", () => {
    expect(checkRecomputed({ text: "~$1.40–2.10/M", low: 1.4, high: 2.1 }, [1.157, 2.43]).verdict).toBe("inconsistent");
    expect(checkRecomputed({ text: "$3,600–$5,040", low: 3600, high: 5040 }, [3600, 5040]).verdict).toBe("reproduced");
  });
  it("a range claim against one value reproduces when the value is inside", () => {
    expect(checkRecomputed({ text: "$800–1,100/month", low: 800, high: 1100 }, 833.3).verdict).toBe("reproduced");
  });
});

describe("checkBound", () => {
  it("a claimed 30 tokens/s above a 20.6 tokens/s bound is physically impossible", () => {
    const v = checkBound({ text: "20-30 tok/s", low: 20, high: 30 }, 20.6, "819 GB/s / 39.7 GB");
    expect(v.verdict).toBe("physically-impossible");
    expect(v.explanation).toMatch(/top of the claimed range/);
  });
  it("124 tokens/s under a 345 tokens/s bound is within the bound: possible, not reproduced", () => {
    const v = checkBound(one("~124 tok/s", 124), 345.5, "936 GB/s / 2.709 GB");
    expect(v.verdict).toBe("within-bound");
    expect(v.explanation).toMatch(/^possible, not reproduced: within the memory-bandwidth bound of 345\.5/);
  });
  it("a bound of 0 means the model does not fit: any speed is impossible", () => {
    expect(checkBound(one("40-80 tokens/sec", 40), 0, "needs 37 GiB, has 24").verdict).toBe("physically-impossible");
  });
});

describe("checkBoundAndMeasured: a bound says what is possible, a measurement what is true", () => {
  const m2Ultra70b = [{ value: 12.48, sourceId: "xiongjiedai-gpu-benchmarks", tier: "primary" }];
  it("3 tok/s under a 20.8 bound, where a comparable setup measured 12.48, stays within-bound and says where it sits", () => {
    const v = checkBoundAndMeasured(one("3 tokens/second", 3), 20.8, "819 GB/s / 39.4 GB", "single-stream memory-bandwidth bound", m2Ultra70b, "benchmarks[device_id=apple-m2-ultra]");
    expect(v.verdict).toBe("within-bound");
    expect(v.explanation).toMatch(/do not confirm it: the claim is below the source's 12\.48 \(xiongjiedai-gpu-benchmarks, primary\)/);
    expect(v.explanation).toContain("benchmarks[device_id=apple-m2-ultra]");
  });
  it("a figure a measurement matches (within its hedge) is reproduced, naming the measurement and the bound", () => {
    const v = checkBoundAndMeasured(one("~13 tok/s", 13), 20.8, "819 GB/s / 39.4 GB", "single-stream memory-bandwidth bound", m2Ultra70b);
    expect(v.verdict).toBe("rounding");
    expect(v.explanation).toMatch(/^measured \(the measurements\): .*12\.48.*; and within the single-stream memory-bandwidth bound of 20\.8/);
  });
  it("above the bound the measurements do not matter: physically impossible", () => {
    expect(checkBoundAndMeasured(one("30 tok/s", 30), 20.8, "819 GB/s / 39.4 GB", "bound", [{ value: 30, sourceId: "x" }]).verdict).toBe("physically-impossible");
  });
  it("a range claim below every measurement stays within-bound", () => {
    const v = checkBoundAndMeasured({ text: "2-5 tokens/sec", low: 2, high: 5 }, 302.3, "819 GB/s / 2.709 GB", "bound", [{ value: 85.6, sourceId: "llamacpp" }]);
    expect(v.verdict).toBe("within-bound");
    expect(v.explanation).toMatch(/the claimed 2-5 tokens\/sec lies below the source's 85\.6 \(llamacpp\)/);
  });
});

describe("checkedText: the figure as checked, when it is not the figure as written", () => {
  it("'~$20–32/hr' for eight GPUs, checked per GPU as 2.5–4, names the checked range with its unit", () => {
    expect(checkedText({ text: "~$20–32/hr", low: 2.5, high: 4, unit: "USD/hour" })).toBe("2.5–4 USD/hour (read from the article's ~$20–32/hr)");
  });
  it("a figure whose written digits are the values checked, at any scale, is shown as written", () => {
    expect(checkedText({ text: "$0.59-0.90/1M tokens", low: 0.59, high: 0.9, unit: "USD/Mtok" })).toBe("$0.59-0.90/1M tokens");
    expect(checkedText({ text: "3 billion", low: 3e9, high: 3e9, unit: "tok/mo720" })).toBe("3 billion");
    expect(checkedText({ text: "about 17.7 cents per kWh", low: 0.177, high: 0.177, unit: "USD/kWh" })).toBe("about 17.7 cents per kWh");
    expect(checkedText({ text: "A100 at $1.91/hr", low: 1.91, high: 1.91, unit: "USD/hour" })).toBe("A100 at $1.91/hr");
    expect(checkedText({ text: "$40,000–50,000", low: 40000, high: 50000, unit: "USD" })).toBe("$40,000–50,000");
    expect(checkedText({ text: "three times", low: 3, high: 3 })).toBe("three times");
  });
  it("a range source check shows the range it checked, with its unit", () => {
    const v = checkSources({ text: "~$20–32/hr", low: 2.5, high: 4, unit: "USD/hour" }, [{ value: 2.79, sourceId: "lambda" }, { value: 3.673, sourceId: "azure" }]);
    expect(v.verdict).toBe("reproduced");
    expect(v.explanation).toBe("every source value (2.79–3.673 USD/hour; lambda, azure) lies in the claimed range 2.5–4 USD/hour (read from the article's ~$20–32/hr)");
  });
});

describe("checkSources", () => {
  it("a claim matching one source row is reproduced and names it", () => {
    const v = checkSources(one("936 GB/s", 936), [{ value: 936, sourceId: "nvidia-3090" }]);
    expect(v.verdict).toBe("reproduced");
    expect(v.explanation).toContain("nvidia-3090");
  });
  it("'~38.55 tok/s' against llama.cpp's 59.02 contradicts the source", () => {
    const v = checkSources(one("~38.55 tok/s", 38.55), [{ value: 59.02, sourceId: "llamacpp" }, { value: 57.81, sourceId: "forum" }]);
    expect(v.verdict).toBe("contradicts-source");
    expect(v.explanation).toMatch(/source forum gives 57\.81/);
  });
  it("no source row: not checkable", () => {
    expect(checkSources(one("1", 1), []).verdict).toBe("not-checkable");
  });
});

describe("telltales and units", () => {
  it("telltaleFor(1000) and telltaleFor(1/30) name the slips", () => {
    expect(telltaleFor(1000)?.slip).toMatch(/per-thousand/);
    expect(telltaleFor(1 / 30)?.slip).toMatch(/days vs months/);
    expect(telltaleFor(730 / 720)?.slip).toMatch(/730 vs 720/);
    expect(telltaleFor(1.3)).toBeNull();
  });
  it("convert(0.013, 'USD/ktok', 'USD/Mtok') = 13; USD/month to USD/Mtok is a unit error", () => {
    expect(convert(0.013, "USD/ktok", "USD/Mtok")).toBeCloseTo(13, 10);
    expect(() => convert(5, "USD/mo730", "USD/Mtok")).toThrow(/units do not match/);
  });
});
