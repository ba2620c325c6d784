import { describe, expect, it } from "vitest";
import { flipPoint, linspace, logspace, sweep, sweep2d, sweepTable, sweep2dTable } from "../../lib/sensitivity";
import { breakEvenUtilization, breakEvenVolume, selfHostCost, type SelfHostScenario } from "../../lib/models";

const rig = (usdPerKWh = 0.177): SelfHostScenario => ({
  compute: { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh },
  tokensPerSecond: 124,
  hoursPerMonth: 720,
});

describe("grids and sweeps", () => {
  it("linspace(0, 1, 5) = [0, 0.25, 0.5, 0.75, 1]; logspace(1e6, 1e9, 4) = [1e6, 1e7, 1e8, 1e9]", () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const l = logspace(1e6, 1e9, 4);
    expect(l[0]).toBe(1e6);
    expect(l[3]).toBe(1e9);
    expect(l[1]).toBeCloseTo(1e7, 3);
    expect(l[2]).toBeCloseTo(1e8, 1);
  });

  it("sweep over utilization: the rig costs $0.739/Mtok at 100% and $7.39… at 10% minus the variable part", () => {
    const rows = sweep((u) => selfHostCost(rig(), u).usdPerMTok, [0.1, 1]);
    expect(rows[1].value).toBe(1);
    expect(rows[1].output).toBeCloseTo(0.7389, 3);
    // fixed 97.22 / (32.14 M) + marginal 0.436 = 3.461
    expect(rows[0].output).toBeCloseTo(97.2222 / 32.1408 + 0.43616, 3);
    const t = sweepTable(rows, { value: "utilization", output: "usdPerMTok" });
    expect(t.columnNames()).toEqual(["utilization", "usdPerMTok"]);
  });

  it("sweep2d of break-even over energy price × API price: long format, x fastest, null where there is no break-even", () => {
    const f = (kwh: number, api: number) => {
      const b = breakEvenVolume(rig(kwh), api);
      return b.kind === "never" ? null : b.tokensPerMonth;
    };
    const rows = sweep2d(f, [0.1, 0.3], [0.7, 5]);
    expect(rows.map((r) => [r.x, r.y])).toEqual([[0.1, 0.7], [0.3, 0.7], [0.1, 5], [0.3, 5]]);
    expect(rows[1].output).toBeNull(); // marginal at $0.30/kWh is $0.739 > $0.70
    expect(rows[0].output).toBeGreaterThan(0);
    const t = sweep2dTable(rows, { x: "usdPerKWh", y: "apiUsdPerMTok", output: "breakEven" });
    expect(t.numRows()).toBe(4);
    expect(t.get("breakEven", 1)).toBeNull();
  });

  it("a sweep whose model returns NaN is refused", () => {
    expect(() => sweep(() => NaN, [1])).toThrow("value 1");
  });
});

describe("flipPoint (bisection on a sign change)", () => {
  it("flipPoint(x ↦ x² − 2, 0, 2) = √2 to 1e-12", () => {
    expect(flipPoint((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 12);
  });

  it("the utilization at which the rig's cost per Mtok equals a $5 API equals breakEvenUtilization: 21.3 M / 321.4 M = 6.63%", () => {
    const u = flipPoint((x) => selfHostCost(rig(), x).usdPerMTok! - 5, 0.001, 1);
    const b = breakEvenUtilization(rig(), 5);
    expect(b.kind).toBe("utilization");
    if (b.kind === "utilization") expect(u).toBeCloseTo(b.utilization, 10);
    expect(u).toBeCloseTo(0.0663, 3);
  });

  it("a boolean decision works too: 'self-hosting is cheaper' flips at the same utilization", () => {
    const u = flipPoint((x) => selfHostCost(rig(), x).usdPerMTok! < 5, 0.001, 1);
    expect(u).toBeCloseTo(0.06630, 4);
  });

  it("no flip in range → null: against a $0.40 API (below the $0.436 marginal cost) the API is cheaper at every utilization", () => {
    expect(flipPoint((x) => selfHostCost(rig(), x).usdPerMTok! - 0.4, 0.001, 1)).toBeNull();
  });

  it("two roots: endpoints alone see no flip (null); with steps = 10 the first root from lo is found", () => {
    const g = (x: number) => (x - 0.25) * (x - 0.75);
    expect(flipPoint(g, 0, 1)).toBeNull();
    expect(flipPoint(g, 0, 1, { steps: 10 })).toBeCloseTo(0.25, 12);
  });

  it("a root exactly at an endpoint is returned as is", () => {
    expect(flipPoint((x) => x - 1, 0, 1)).toBe(1);
  });
});
