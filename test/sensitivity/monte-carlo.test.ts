import { describe, expect, it } from "vitest";
import {
  monteCarlo,
  monteCarloTable,
  drawsTable,
  sampleCostModel,
  quantile,
  band,
  breakEvenBand,
  Workspace,
  type CostModelInputs,
  type Distribution,
} from "../../lib/sensitivity";
import { breakEvenVolume, evaluateScenarios, selfHostCost, type SelfHostScenario } from "../../lib/models";
import { expectClose } from "../helpers/close";
import { PEER } from "../helpers/peer";

/** The 3×RTX 3090 rig of the README: $3,500, 36 months, 1.1 kW at $0.177/kWh, 124 tok/s, 720 h. */
function rig(hardwareUsd: number, extra: Partial<SelfHostScenario> = {}): SelfHostScenario {
  return { compute: { kind: "owned", hardwareUsd, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 }, tokensPerSecond: 124, hoursPerMonth: 720, ...extra };
}


describe("monteCarlo of the owned-hardware cost model", () => {
  it("only the price uncertain (triangular 3000/3500/4200): the median cost per Mtok is the cost at the median price", () => {
    // cost per Mtok rises with the price, so with an odd n the median draw of one is the other's median draw
    const price: Distribution = { kind: "triangular", min: 3000, mode: 3500, max: 4200 };
    const n = 100_001;
    const r = monteCarlo(
      { hardwareUsd: price, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, utilization: 1, hoursPerMonth: 720, tokensPerSecond: 124, apiUsdPerMTok: 5 },
      { n, seed: 1 },
    );
    const sortedPrices = r.draws.inputs.hardwareUsd!.slice().sort();
    expectClose(r.usdPerMTok.p50, selfHostCost(rig(sortedPrices[(n - 1) / 2]), 1).usdPerMTok!, 1e-12);
    // and within 0.2% of the cost at the distribution's own median, 3551.93
    expectClose(r.usdPerMTok.p50, selfHostCost(rig(quantile(price, 0.5)), 1).usdPerMTok!, 0.002);
    // break-even against $5/Mtok: 97.22 / (5 − 0.436) × 1e6 ≈ 21.3 M at $3,500; the median near $3,552
    const be = breakEvenVolume(rig(sortedPrices[(n - 1) / 2]), 5);
    expect(be.kind).toBe("volume");
    if (be.kind === "volume") expectClose(r.breakEvenTokensPerMonth.p50!, be.tokensPerMonth, 1e-12);
    expect(r.breakEvenTokensPerMonth.pNever).toBe(0);
    expect(r.pSelfHostWins).toBe(1); // $0.74–0.80/Mtok at full use, always below $5
  });

  it("every draw agrees with the scalar selfHostCost and breakEvenVolume (first 300 draws of the peer study)", () => {
    const r = monteCarlo(PEER, { n: 300, seed: 3 });
    const c = r.draws.columns;
    const res = r.draws.results;
    for (let i = 0; i < 300; i++) {
      const s: SelfHostScenario = {
        compute: { kind: "owned", hardwareUsd: c.hardwareUsd[i], lifeMonths: c.lifeMonths[i], loadWatts: c.loadWatts[i], idleWatts: c.idleWatts[i], usdPerKWh: c.usdPerKWh[i] },
        tokensPerSecond: c.tokensPerSecond[i],
        hoursPerMonth: c.hoursPerMonth[i],
        operations: { engineeringFte: c.engineeringFte[i], loadedUsdPerYear: c.loadedUsdPerYear[i] },
      };
      const api = (3 * r.draws.inputs.apiInputUsdPerMTok![i] + r.draws.inputs.apiOutputUsdPerMTok![i]) / 4;
      expectClose(c.apiUsdPerMTok[i], api, 1e-14);
      expectClose(res.usdPerMTok[i], selfHostCost(s, c.utilization[i]).usdPerMTok!, 1e-12);
      const be = breakEvenVolume(s, api);
      if (be.kind === "never") expect(res.breakEvenTokensPerMonth[i]).toBe(Infinity);
      else expectClose(res.breakEvenTokensPerMonth[i], be.tokensPerMonth, 1e-12);
    }
  });

  it("the peer study (numpy: p50 $11.70/Mtok, P(self-host wins) 0.096) gives the same figures within sampling error at n = 200,000", () => {
    const r = monteCarlo(PEER, { n: 200_000, seed: 42 });
    expectClose(r.usdPerMTok.p50, 11.7, 0.02);
    expect(Math.abs(r.pSelfHostWins - 0.096)).toBeLessThan(0.003);
    expect(r.usdPerMTok.p5).toBeLessThan(r.usdPerMTok.p50);
    expect(r.usdPerMTok.p50).toBeLessThan(r.usdPerMTok.p95);
  });

  it("same seed → identical results; another seed → different draws", () => {
    const a = monteCarlo(PEER, { n: 20_000, seed: 7, percentiles: [1, 99] });
    const b = monteCarlo(PEER, { n: 20_000, seed: 7, percentiles: [1, 99] });
    const c = monteCarlo(PEER, { n: 20_000, seed: 8 });
    expect(b.usdPerMTok).toEqual(a.usdPerMTok);
    expect(b.breakEvenTokensPerMonth).toEqual(a.breakEvenTokensPerMonth);
    expect(b.pSelfHostWins).toBe(a.pSelfHostWins);
    expect(c.usdPerMTok.p50).not.toBe(a.usdPerMTok.p50);
    expect(a.usdPerMTok.percentiles.map((x) => x.p)).toEqual([1, 5, 50, 95, 99]);
  });

  it("a reused Workspace gives the same figures as fresh arrays", () => {
    const ws = new Workspace();
    const fresh = monteCarlo(PEER, { n: 10_000, seed: 9 });
    monteCarlo(PEER, { n: 10_000, seed: 1, workspace: ws });
    const reused = monteCarlo(PEER, { n: 10_000, seed: 9, workspace: ws });
    expect(reused.usdPerMTok).toEqual(fresh.usdPerMTok);
    expect(reused.breakEvenTokensPerMonth).toEqual(fresh.breakEvenTokensPerMonth);
  });

  it("at n = 100,000 (summaries built chunk by chunk): bands equal band()/breakEvenBand() of the draws, results equal evaluateScenarios of the columns, fresh = reused", () => {
    const n = 100_000;
    const r = monteCarlo(PEER, { n, seed: 21, percentiles: [1, 99], bands: ["usdPerMTok", "apiUsdPerMTok"] });
    const list = [1, 5, 50, 95, 99];
    expect(r.usdPerMTok).toEqual(band(r.draws.results.usdPerMTok, list));
    expect(r.breakEvenTokensPerMonth).toEqual(breakEvenBand(r.draws.results.breakEvenTokensPerMonth, r.draws.results.never, list));
    expect(r.bands.usdPerMTok).toEqual(r.usdPerMTok);
    let wins = 0;
    for (const w of r.draws.results.selfHostWins) wins += w;
    expect(r.pSelfHostWins).toBe(wins / n);
    expect(evaluateScenarios(r.draws.columns)).toEqual(r.draws.results);
    // constants and defaults are materialized as columns
    expect(r.draws.inputs.hoursPerMonth!.every((h) => h === 730)).toBe(true);
    expect(r.draws.inputs.inputPerOutput!.every((x) => x === 3)).toBe(true);
    expect(r.draws.inputs.otherOpsUsdPerMonth!.every((x) => x === 0)).toBe(true);
    const ws = new Workspace();
    monteCarlo({ ...PEER, hoursPerMonth: 720, otherOpsUsdPerMonth: 50 }, { n, seed: 1, workspace: ws }); // leaves other values in the arrays
    const reused = monteCarlo(PEER, { n, seed: 21, percentiles: [1, 99], bands: ["usdPerMTok", "apiUsdPerMTok"], workspace: ws });
    expect(reused.usdPerMTok).toEqual(r.usdPerMTok);
    expect(reused.breakEvenTokensPerMonth).toEqual(r.breakEvenTokensPerMonth);
    expect(reused.bands).toEqual(r.bands);
    expect(reused.draws.inputs.otherOpsUsdPerMonth!.every((x) => x === 0)).toBe(true);
    expect(reused.draws.results).toEqual(r.draws.results);
  });

  it("each input has its own stream: adding idle power leaves the price draws unchanged", () => {
    const base = { ...PEER, idleWatts: undefined };
    delete (base as Record<string, unknown>).idleWatts;
    const a = sampleCostModel(base as CostModelInputs, 1000, 5);
    const b = sampleCostModel(PEER, 1000, 5);
    expect(b.inputs.hardwareUsd).toEqual(a.inputs.hardwareUsd);
  });

  it("bandwidth model: 936 GB/s × 0.6 / 5.0 GB per token = 112.3 tok/s, and its band is reported", () => {
    const r = monteCarlo(
      {
        hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, utilization: 1, hoursPerMonth: 720,
        bandwidthGBps: 936, efficiency: { kind: "uniform", min: 0.5, max: 0.7 }, bytesPerToken: 5e9, apiUsdPerMTok: 5,
      },
      { n: 50_001, seed: 11 },
    );
    const tps = r.bands.tokensPerSecond!;
    expectClose(tps.p50, (936e9 * 0.6) / 5e9, 0.005);
    expect(tps.p5).toBeGreaterThanOrEqual((936e9 * 0.5) / 5e9);
    expect(tps.p95).toBeLessThanOrEqual((936e9 * 0.7) / 5e9);
    // cost per Mtok falls as speed rises: median cost = cost at the median speed
    const s = r.draws.columns.tokensPerSecond.slice().sort()[25_000];
    expectClose(r.usdPerMTok.p50, selfHostCost({ ...rig(3500), tokensPerSecond: s }, 1).usdPerMTok!, 1e-12);
  });

  it("API prices straddling a full rig's cost: P(never) is the share of draws below it, and a percentile among them is null", () => {
    // a full rig costs $97.22 / 321.4 M + $0.436 = $0.739/Mtok; below that no number of rigs breaks even.
    // API uniform on [0, 1] → P(never) ≈ 0.739
    const r = monteCarlo(
      { hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, utilization: 1, hoursPerMonth: 720, tokensPerSecond: 124, apiUsdPerMTok: { kind: "uniform", min: 0, max: 1 } },
      { n: 100_000, seed: 12 },
    );
    const fullRigUsdPerMTok = ((3500 / 36 + 1.1 * 0.177 * 720) / (124 * 3600 * 720)) * 1e6;
    expect(Math.abs(r.breakEvenTokensPerMonth.pNever - fullRigUsdPerMTok)).toBeLessThan(0.01);
    expect(r.breakEvenTokensPerMonth.p95).toBeNull();
    expect(r.breakEvenTokensPerMonth.p5).toBeGreaterThan(0);
  });

  it("monteCarloTable: one row per output with p5/p50/p95, nulls for never; drawsTable: one row per draw", () => {
    const r = monteCarlo(PEER, { n: 5000, seed: 13, bands: ["marginalUsdPerMTok"] });
    const t = monteCarloTable(r);
    expect(t.numRows()).toBe(3);
    expect(t.columnNames()).toEqual(["output", "mean", "p5", "p50", "p95", "pNever", "pSelfHostWins"]);
    expect(t.get("p50", 0)).toBe(r.usdPerMTok.p50);
    expect(t.get("output", 2)).toBe("marginalUsdPerMTok");
    const d = drawsTable(r);
    expect(d.numRows()).toBe(5000);
    expect(d.columnNames()).toContain("breakEvenTokensPerMonth");
  });

  it("errors name the input: unknown input, idle above load, utilization reaching 0, both speed sources, missing API price", () => {
    const base = { hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, utilization: 1, hoursPerMonth: 720, tokensPerSecond: 124, apiUsdPerMTok: 5 };
    expect(() => monteCarlo({ ...base, hardwareUSD: 1 } as unknown as CostModelInputs, { n: 10, seed: 1 })).toThrow("hardwareUSD");
    expect(() => monteCarlo({ ...base, idleWatts: { kind: "uniform", min: 1000, max: 1200 } }, { n: 1000, seed: 1 })).toThrow(/idleWatts = [\d.]+: must not exceed loadWatts \(1100 in that draw\); it does in \d+ of 1000 draws/);
    expect(() => monteCarlo({ ...base, utilization: { kind: "uniform", min: 0, max: 1 } }, { n: 10, seed: 1 })).toThrow("utilization");
    expect(() => monteCarlo({ ...base, bandwidthGBps: 936 }, { n: 10, seed: 1 })).toThrow("not both");
    expect(() => monteCarlo({ ...base, apiUsdPerMTok: undefined }, { n: 10, seed: 1 })).toThrow("apiUsdPerMTok");
    expect(() => monteCarlo({ ...base, lifeMonths: { kind: "triangular", min: 36, mode: 30, max: 48 } }, { n: 10, seed: 1 })).toThrow("lifeMonths.mode = 30");
  });
});
