/** fmtTokens (lib/models/breakeven.ts): a token count with a word scale, three figures. */
import { describe, expect, it } from "vitest";
import { fmtTokens } from "../../lib/models";

describe("fmtTokens", () => {
  it("three figures with k, M, B, T", () => {
    expect([950, 21_300, 21_340_000, 1_523_000_000, 3.82e12].map(fmtTokens)).toEqual(["950", "21.3k", "21.3M", "1.52B", "3.82T"]);
  });
  it("rounds before choosing the unit: 999,600 is 1.00M, not 1.00e+3k; 999.6B is 1.00T", () => {
    expect(fmtTokens(999_600)).toBe("1.00M");
    expect(fmtTokens(999.6e9)).toBe("1.00T");
    expect(fmtTokens(999_499)).toBe("999k");
  });
  it("past a thousand trillion, whole trillions with separators, never an exponent", () => {
    expect(fmtTokens(1e15)).toBe("1,000T");
    expect(fmtTokens(2.5e18)).toBe("2,500,000T");
    for (const x of [1e15, 3.3e16, 7e20]) expect(fmtTokens(x)).not.toMatch(/e[+-]/);
  });
  it("not a finite number is said, not printed as InfinityT", () => {
    expect(fmtTokens(Infinity)).toBe("not a finite number");
  });
});
