import { describe, expect, it } from "vitest";
import { evaluateScenarios, evaluateScenarioRange, allocateResults, selfHostCost, breakEvenVolume, type SelfHostScenario, type ScenarioColumns } from "../../lib/models";
import { expectClose } from "../helpers/close";

const scenarios: { s: SelfHostScenario; u: number; fte: number; loaded: number; other: number; api: number }[] = [
  { s: { compute: { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 }, tokensPerSecond: 124, hoursPerMonth: 720 }, u: 1, fte: 0, loaded: 0, other: 0, api: 5 },
  { s: { compute: { kind: "owned", hardwareUsd: 4699, lifeMonths: 36, loadWatts: 240, idleWatts: 40, usdPerKWh: 0.177 }, tokensPerSecond: 38.55, hoursPerMonth: 730 }, u: 0.3, fte: 0.1, loaded: 145_000, other: 50, api: 0.87 },
  { s: { compute: { kind: "owned", hardwareUsd: 2800, lifeMonths: 36, loadWatts: 700, usdPerKWh: 0.3 }, tokensPerSecond: 40, hoursPerMonth: 720 }, u: 1 / 3, fte: 0, loaded: 0, other: 0, api: 0.15 },
];

function col(f: (x: (typeof scenarios)[number]) => number): Float64Array {
  return Float64Array.from(scenarios, f);
}

describe("evaluateScenarios", () => {
  const own = (x: (typeof scenarios)[number]) => x.s.compute as Extract<SelfHostScenario["compute"], { kind: "owned" }>;
  const r = evaluateScenarios({
    hardwareUsd: col((x) => own(x).hardwareUsd),
    lifeMonths: col((x) => own(x).lifeMonths),
    loadWatts: col((x) => own(x).loadWatts),
    idleWatts: col((x) => own(x).idleWatts ?? 0),
    usdPerKWh: col((x) => own(x).usdPerKWh),
    tokensPerSecond: col((x) => x.s.tokensPerSecond),
    utilization: col((x) => x.u),
    hoursPerMonth: col((x) => x.s.hoursPerMonth),
    engineeringFte: col((x) => x.fte),
    loadedUsdPerYear: col((x) => x.loaded),
    otherOpsUsdPerMonth: col((x) => x.other),
    apiUsdPerMTok: col((x) => x.api),
  });

  it("evaluateScenarios agrees with selfHostCost and breakEvenVolume scenario by scenario", () => {
    scenarios.forEach((x, i) => {
      const scalar = { ...x.s, operations: { engineeringFte: x.fte, loadedUsdPerYear: x.loaded, infraUsdPerMonth: x.other } };
      const m = selfHostCost(scalar, x.u);
      expectClose(r.usdPerMTok[i], m.usdPerMTok!, 1e-12);
      expectClose(r.marginalUsdPerMTok[i], m.marginalUsdPerMTok, 1e-12);
      expectClose(r.fixedUsdPerMonth[i], m.fixedUsd, 1e-12);
      const b = breakEvenVolume(scalar, x.api);
      if (b.kind === "volume") {
        expect(r.never[i]).toBe(0);
        expectClose(r.breakEvenTokensPerMonth[i], b.tokensPerMonth, 1e-12);
      } else {
        expect(r.never[i]).toBe(1);
        expect(r.breakEvenTokensPerMonth[i]).toBe(Infinity);
      }
      expect(r.selfHostWins[i]).toBe(m.usdPerMTok! < x.api ? 1 : 0);
    });
  });
  it("the third scenario (GPT-4o mini's $0.15 against $0.30/kWh power) has no break-even", () => {
    expect(r.never[2]).toBe(1);
  });
  it("evaluateScenarios names a column of the wrong length", () => {
    expect(() =>
      evaluateScenarios({
        hardwareUsd: new Float64Array(2), lifeMonths: new Float64Array(3), loadWatts: new Float64Array(2), idleWatts: new Float64Array(2),
        usdPerKWh: new Float64Array(2), tokensPerSecond: new Float64Array(2), utilization: new Float64Array(2), hoursPerMonth: new Float64Array(2),
        engineeringFte: new Float64Array(2), loadedUsdPerYear: new Float64Array(2), otherOpsUsdPerMonth: new Float64Array(2), apiUsdPerMTok: new Float64Array(2),
      }),
    ).toThrow("lifeMonths: length 3, expected 2 like hardwareUsd");
  });
  it("evaluateScenarioRange over pieces writes exactly what evaluateScenarios writes, and nothing outside its range", () => {
    const n = 10_000;
    let x = 12345;
    const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const c = (lo: number, hi: number) => Float64Array.from({ length: n }, () => lo + (hi - lo) * rand());
    const cols: ScenarioColumns = {
      hardwareUsd: c(2000, 6000), lifeMonths: c(24, 48), loadWatts: c(300, 1300), idleWatts: c(0, 200), usdPerKWh: c(0.05, 0.4),
      tokensPerSecond: c(20, 200), utilization: c(0.02, 1), hoursPerMonth: c(720, 730), engineeringFte: c(0, 0.2), loadedUsdPerYear: c(1e5, 2e5),
      otherOpsUsdPerMonth: c(0, 100), apiUsdPerMTok: c(0, 3),
    };
    const whole = evaluateScenarios(cols);
    const pieces = allocateResults(n);
    pieces.usdPerMTok.fill(-1);
    evaluateScenarioRange(cols, pieces, 0, 3001);
    expect(pieces.usdPerMTok[3001]).toBe(-1);
    evaluateScenarioRange(cols, pieces, 3001, n);
    expect(pieces).toEqual(whole);
    expect(whole.never.some((v) => v === 1) && whole.never.some((v) => v === 0)).toBe(true);
    // and each agrees with the scalar model
    for (let i = 0; i < n; i += 37) {
      const s: SelfHostScenario = {
        compute: { kind: "owned", hardwareUsd: cols.hardwareUsd[i], lifeMonths: cols.lifeMonths[i], loadWatts: cols.loadWatts[i], idleWatts: cols.idleWatts[i], usdPerKWh: cols.usdPerKWh[i] },
        tokensPerSecond: cols.tokensPerSecond[i],
        hoursPerMonth: cols.hoursPerMonth[i],
        operations: { engineeringFte: cols.engineeringFte[i], loadedUsdPerYear: cols.loadedUsdPerYear[i], infraUsdPerMonth: cols.otherOpsUsdPerMonth[i] },
      };
      expectClose(whole.usdPerMTok[i], selfHostCost(s, cols.utilization[i]).usdPerMTok!, 1e-12);
      expectClose(whole.marginalUsdPerMTok[i], selfHostCost(s, 1).marginalUsdPerMTok, 1e-12);
      const b = breakEvenVolume(s, cols.apiUsdPerMTok[i]);
      if (b.kind === "volume") expectClose(whole.breakEvenTokensPerMonth[i], b.tokensPerMonth, 1e-12);
      else expect(whole.breakEvenTokensPerMonth[i]).toBe(Infinity);
    }
  });
  it("evaluateScenarios refuses an out array shorter than the columns", () => {
    const one = Float64Array.of(1);
    const cols = { hardwareUsd: one, lifeMonths: one, loadWatts: one, idleWatts: one, usdPerKWh: one, tokensPerSecond: one, utilization: one, hoursPerMonth: one, engineeringFte: one, loadedUsdPerYear: one, otherOpsUsdPerMonth: one, apiUsdPerMTok: one };
    expect(() => evaluateScenarios(cols, allocateResults(0))).toThrow("length 0, expected 1");
  });
});
