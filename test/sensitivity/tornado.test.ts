import { describe, expect, it } from "vitest";
import { tornado, tornadoTable, relativeRanges } from "../../lib/sensitivity";
import { breakEvenVolume, type SelfHostScenario } from "../../lib/models";

describe("tornado (one at a time)", () => {
  it("f = 3a − 2b + c over a ∈ [0, 2], b ∈ [0, 4], c ∈ [−1, 1]: swings 6, 8, 2 → order b, a, c", () => {
    const r = tornado(({ a, b, c }) => 3 * a - 2 * b + c, { a: 1, b: 2, c: 0 }, { a: [0, 2], b: [0, 4], c: [-1, 1] });
    expect(r.base).toBe(-1);
    expect(r.rows.map((x) => [x.input, x.outputAtLow, x.outputAtHigh, x.swing])).toEqual([
      ["b", 3, -5, 8],
      ["a", -4, 2, 6],
      ["c", -2, 0, 2],
    ]);
    expect(r.rows.every((x) => x.never === "none")).toBe(true);
  });

  it("equal swings keep the order the ranges were given in", () => {
    const r = tornado(({ x, y }) => x + y, { x: 0, y: 0 }, { y: [0, 1], x: [0, 1] });
    expect(r.rows.map((x) => x.input)).toEqual(["y", "x"]);
  });

  it("break-even of the 3090 rig vs a $1/Mtok API: at $0.30/kWh a full rig costs $1.04/Mtok, so there is no break-even; that row says never at high, with a null output and null swing, and comes first", () => {
    type K = "hardwareUsd" | "usdPerKWh" | "apiUsdPerMTok";
    const f = (x: Readonly<Record<K, number>>) => {
      const s: SelfHostScenario = { compute: { kind: "owned", hardwareUsd: x.hardwareUsd, lifeMonths: 36, loadWatts: 1100, usdPerKWh: x.usdPerKWh }, tokensPerSecond: 124, hoursPerMonth: 720 };
      const b = breakEvenVolume(s, x.apiUsdPerMTok);
      return b.kind === "never" ? null : b.tokensPerMonth;
    };
    const base = { hardwareUsd: 3500, usdPerKWh: 0.177, apiUsdPerMTok: 1 };
    const r = tornado(f, base, { hardwareUsd: [3000, 4200], usdPerKWh: [0.12, 0.3], apiUsdPerMTok: [0.9, 1.5] });
    expect(r.rows[0]).toMatchObject({ input: "usdPerKWh", never: "high", outputAtHigh: null, swing: null });
    expect(r.rows[0].outputAtLow).toBeGreaterThan(0);
    // at $0.30/kWh: $97.22 / 321.4 M + 1.1 × 0.30 / (124 × 3600) × 1e6 = $0.302 + $0.739 = $1.04 > $1
    expect(r.rows.slice(1).map((x) => x.input)).toEqual(["apiUsdPerMTok", "hardwareUsd"]);
    expect(r.rows.slice(1).every((x) => x.swing !== null && x.swing > 0)).toBe(true);
    const t = tornadoTable(r);
    expect(t.numRows()).toBe(3);
    expect(t.get("outputAtHigh", 0)).toBeNull();
    expect(t.get("never", 0)).toBe("high");
  });

  it("a model that returns Infinity or NaN for 'never' is refused: it must return null", () => {
    expect(() => tornado(({ x }) => 1 / x, { x: 1 }, { x: [0, 1] })).toThrow('return a finite number, or null for "never"');
  });

  it("relativeRanges({ hardwareUsd: 3500, lifeMonths: 36 }, 0.2) = ±20%: [2800, 4200] and [28.8, 43.2]", () => {
    const r = relativeRanges({ hardwareUsd: 3500, lifeMonths: 36 }, 0.2);
    expect(r.hardwareUsd).toEqual([2800, 4200]);
    expect(r.lifeMonths[0]).toBeCloseTo(28.8, 12);
    expect(r.lifeMonths[1]).toBeCloseTo(43.2, 12);
  });

  it("a range for an input with no base value is refused", () => {
    expect(() => tornado(({ x }) => x, { x: 1 } as Record<"x" | "y", number>, { y: [0, 1] })).toThrow("y = 0,1: has a range but no base value");
  });
});
