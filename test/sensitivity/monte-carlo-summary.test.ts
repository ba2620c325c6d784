import { describe, expect, it } from "vitest";
import {
  CHUNK,
  monteCarlo,
  monteCarloTable,
  sampleCostModel,
  ScratchWorkspace,
  Workspace,
  type CostModelInputs,
  type MonteCarloSummary,
} from "../../lib/sensitivity";
import { PEER } from "../helpers/peer";


/** The 936 GB/s card of the bandwidth model: tokens/s drawn through efficiency and bytes per token. */
const BANDWIDTH: CostModelInputs = (() => {
  const { tokensPerSecond: _t, ...rest } = PEER;
  return { ...rest, bandwidthGBps: 936, efficiency: { kind: "triangular", min: 0.45, mode: 0.55, max: 0.6 }, bytesPerToken: { kind: "uniform", min: 3.8e9, max: 4.4e9 } };
})();

const OPTS = { percentiles: [1, 25, 99.9], bands: ["marginalUsdPerMTok", "fixedUsdPerMonth", "apiUsdPerMTok"] } as const;

/** The summary fields of a run, whichever kind it is. */
function summaryOf(r: MonteCarloSummary): unknown {
  const { n, seed, usdPerMTok, breakEvenTokensPerMonth, pSelfHostWins, bands } = r;
  return { n, seed, usdPerMTok, breakEvenTokensPerMonth, pSelfHostWins, bands };
}

describe("Monte Carlo without its draws (draws: false)", () => {
  for (const n of [1, 1000, CHUNK, CHUNK + 1, 40_000, 250_001]) {
    it(`n = ${n}: the same summary as the run that keeps every draw, and no draws`, () => {
      const full = monteCarlo(PEER, { n, seed: 42, ...OPTS });
      const lean = monteCarlo(PEER, { n, seed: 42, ...OPTS, draws: false });
      expect(summaryOf(lean)).toEqual(summaryOf(full));
      expect("draws" in lean).toBe(false);
    });
  }

  it("in shards, and with the bandwidth model's default tokens/s band: the same figures", () => {
    const full = monteCarlo(BANDWIDTH, { n: 120_000, seed: 7, shards: 3 });
    const lean = monteCarlo(BANDWIDTH, { n: 120_000, seed: 7, shards: 3, draws: false });
    expect(lean.bands.tokensPerSecond).toBeDefined();
    // 936 GB/s × 0.45…0.6 / 3.8…4.4 GB per token lies in 95.7 … 147.8 tok/s
    expect(lean.bands.tokensPerSecond!.p5).toBeGreaterThan((936e9 * 0.45) / 4.4e9);
    expect(lean.bands.tokensPerSecond!.p95).toBeLessThan((936e9 * 0.6) / 3.8e9);
    expect(summaryOf(lean)).toEqual(summaryOf(full));
  });

  it("keeps whole only what the summary reads: cost and break-even (a reused workspace holds two columns)", () => {
    const n = 50_000;
    const ws = new Workspace(false, true); // shared, so that sharedBuffers lists its whole arrays
    monteCarlo(PEER, { n, seed: 1, workspace: ws, draws: false });
    expect(Object.keys(ws.sharedBuffers(n).columns).sort()).toEqual(["out:breakEvenTokensPerMonth", "out:usdPerMTok"]);
    expect(Object.keys(ws.sharedBuffers(n).flags)).toEqual([]);
    const withDraws = new Workspace(false, true);
    monteCarlo(PEER, { n, seed: 1, workspace: withDraws });
    expect(Object.keys(withDraws.sharedBuffers(n).columns).length).toBeGreaterThan(15);
    const fresh = new Workspace();
    const scratch = new Workspace();
    const view = new ScratchWorkspace(fresh, new Set(["out:usdPerMTok"]), scratch);
    expect(view.column("out:usdPerMTok", n).length).toBe(n);
    expect(view.column("in:hardwareUsd", n).length).toBe(CHUNK);
    expect(view.flag("out:never", 10).length).toBe(10);
  });

  it("sampleCostModel gives the same draws into scratch arrays as into whole ones, chunk by chunk", () => {
    const n = 3 * CHUNK + 17;
    const whole = sampleCostModel(PEER, n, 5);
    const seen: number[] = [];
    const scratch = new ScratchWorkspace(new Workspace(), new Set(), new Workspace());
    const results = {
      usdPerMTok: scratch.column("out:usdPerMTok", n),
      marginalUsdPerMTok: scratch.column("out:marginalUsdPerMTok", n),
      fixedUsdPerMonth: scratch.column("out:fixedUsdPerMonth", n),
      breakEvenTokensPerMonth: scratch.column("out:breakEvenTokensPerMonth", n),
      never: scratch.flag("out:never", n),
      selfHostWins: scratch.flag("out:selfHostWins", n),
    };
    sampleCostModel(PEER, n, 5, scratch, results, (start, end, chunk) => {
      expect(chunk.usdPerMTok.length).toBe(end - start);
      // the chunk's draws are the whole run's draws start … end
      const price = scratch.column("in:hardwareUsd", n).subarray(0, end - start);
      expect(Array.from(price)).toEqual(Array.from(whole.inputs.hardwareUsd!.subarray(start, end)));
      seen.push(start);
    });
    expect(seen).toEqual([0, CHUNK, 2 * CHUNK, 3 * CHUNK]);
  });

  it("an idle power above the load power is the same clear error as with the draws", () => {
    const bad: CostModelInputs = { ...PEER, idleWatts: { kind: "uniform", min: 0, max: 1000 } };
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    const withDraws = message(() => monteCarlo(bad, { n: 10_000, seed: 3 }));
    expect(withDraws).toMatch(/idleWatts.*must not exceed loadWatts/);
    expect(message(() => monteCarlo(bad, { n: 10_000, seed: 3, draws: false }))).toBe(withDraws);
  });

  it("rejects a draws option that is not true or false, and an unknown band, before drawing", () => {
    expect(() => monteCarlo(PEER, { n: 10, seed: 1, draws: "no" as unknown as boolean })).toThrow(/draws.*true or false/);
    expect(() => monteCarlo(PEER, { n: 10, seed: 1, draws: false, bands: ["speed" as never] })).toThrow(/bands/);
  });

  it("monteCarloTable takes a summary: one row per output", () => {
    const t = monteCarloTable(monteCarlo(PEER, { n: 5000, seed: 2, draws: false }));
    expect(t.array("output")).toEqual(["usdPerMTok", "breakEvenTokensPerMonth"]);
  });
});
