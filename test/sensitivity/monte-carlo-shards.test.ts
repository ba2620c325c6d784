import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUCKETING_FROM,
  Histogram,
  MonteCarloPool,
  monteCarlo,
  percentiles,
  shardRange,
  shardSeed,
  Workspace,
  type CostModelInputs,
  type MonteCarloResult,
} from "../../lib/sensitivity";
import { PEER } from "../helpers/peer";


const OPTS = { percentiles: [1, 25, 99.9], bands: ["marginalUsdPerMTok", "tokensPerSecond", "apiUsdPerMTok"] as const };

/** The summary without the draws. */
function summary(r: MonteCarloResult): unknown {
  const { draws: _d, ...rest } = r;
  return rest;
}

/** Every column of the draws, by name. */
function columns(r: MonteCarloResult): Record<string, Float64Array | Uint8Array> {
  const out: Record<string, Float64Array | Uint8Array> = {};
  for (const [k, v] of Object.entries(r.draws.inputs)) out[`in:${k}`] = v!;
  for (const [k, v] of Object.entries(r.draws.columns)) out[`col:${k}`] = v;
  for (const [k, v] of Object.entries(r.draws.results)) out[`out:${k}`] = v;
  return out;
}

function expectSameDraws(a: MonteCarloResult, b: MonteCarloResult): void {
  const ca = columns(a);
  const cb = columns(b);
  expect(Object.keys(cb).sort()).toEqual(Object.keys(ca).sort());
  for (const k of Object.keys(ca)) {
    expect(cb[k].length, k).toBe(ca[k].length);
    // element by element, without building a huge diff on failure
    let firstDiff = -1;
    for (let i = 0; i < ca[k].length && firstDiff < 0; i++) if (!Object.is(ca[k][i], cb[k][i])) firstDiff = i;
    expect(firstDiff, k).toBe(-1);
  }
}

describe("shards of a Monte Carlo run, in-process", () => {
  it("shards: 1 is today's run: the same summary and draws as no option", () => {
    const a = monteCarlo(PEER, { n: 50_000, seed: 7, ...OPTS });
    const b = monteCarlo(PEER, { n: 50_000, seed: 7, shards: 1, threads: 1, ...OPTS });
    expect(summary(b)).toEqual(summary(a));
    expectSameDraws(a, b);
  });

  it("contiguous ranges covering every draw once; shard 0 keeps the seed, the others get distinct seeds", () => {
    expect([0, 1, 2].map((k) => shardRange(10, 3, k))).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(shardSeed(42, 0)).toBe(42);
    const seeds = new Set([0, 1, 2, 3, 4].map((k) => shardSeed(42, k)));
    expect(seeds.size).toBe(5);
    expect(shardSeed(42, 3)).toBe(shardSeed(42, 3));
    expect(shardSeed(43, 1)).not.toBe(shardSeed(42, 1));
  });

  it("shard 0's draws are the first draws of the one-shard run; shard 1's differ", () => {
    const n = 40_000;
    const one = monteCarlo(PEER, { n, seed: 3 });
    const two = monteCarlo(PEER, { n, seed: 3, shards: 2 });
    const half = n / 2;
    const a = one.draws.inputs.hardwareUsd!;
    const b = two.draws.inputs.hardwareUsd!;
    expect(Array.from(b.subarray(0, half))).toEqual(Array.from(a.subarray(0, half)));
    expect(Array.from(b.subarray(half, half + 10))).not.toEqual(Array.from(a.subarray(half, half + 10)));
    expect(Array.from(two.draws.results.usdPerMTok.subarray(0, half))).toEqual(Array.from(one.draws.results.usdPerMTok.subarray(0, half)));
  });

  it("reproducible for (inputs, n, seed, shards); percentiles exact over all draws; statistically the same study", () => {
    const n = 200_000;
    const a = monteCarlo(PEER, { n, seed: 11, shards: 4, ...OPTS });
    const b = monteCarlo(PEER, { n, seed: 11, shards: 4, ...OPTS });
    expect(summary(b)).toEqual(summary(a));
    const ps = a.usdPerMTok.percentiles.map((x) => x.p);
    expect(a.usdPerMTok.percentiles.map((x) => x.value)).toEqual(percentiles(a.draws.results.usdPerMTok, ps));
    let wins = 0;
    for (const w of a.draws.results.selfHostWins) wins += w;
    expect(a.pSelfHostWins).toBe(wins / n);
    const one = monteCarlo(PEER, { n, seed: 11, ...OPTS });
    expect(Math.abs(a.usdPerMTok.p50 / one.usdPerMTok.p50 - 1)).toBeLessThan(0.02);
    expect(Math.abs(a.pSelfHostWins - one.pSelfHostWins)).toBeLessThan(0.01);
  });

  it("more shards than draws, and small runs below the bucketing size", () => {
    const r = monteCarlo(PEER, { n: 3, seed: 1, shards: 5 });
    expect(r.draws.results.usdPerMTok.length).toBe(3);
    expect(Number.isFinite(r.usdPerMTok.p50)).toBe(true);
    expect(BUCKETING_FROM).toBeGreaterThan(1000);
    expect(summary(monteCarlo(PEER, { n: 1000, seed: 2, shards: 3 }))).toEqual(summary(monteCarlo(PEER, { n: 1000, seed: 2, shards: 3 })));
  });

  it("rejects shards and threads that are not whole numbers ≥ 1", () => {
    expect(() => monteCarlo(PEER, { n: 10, seed: 1, shards: 0 })).toThrow(/shards/);
    expect(() => monteCarlo(PEER, { n: 10, seed: 1, shards: 1.5 })).toThrow(/shards/);
    expect(() => monteCarlo(PEER, { n: 10, seed: 1, threads: 0 })).toThrow(/threads/);
  });

  it("Histogram.absorb adds a part's counts", () => {
    const v = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const whole = new Histogram(v);
    const a = new Histogram(v.subarray(0, 400));
    const b = new Histogram(v.subarray(400));
    a.add(0, 400);
    b.add(0, 600);
    whole.absorb(a);
    whole.absorb(b);
    expect(whole.size).toBe(1000);
    expect(whole.percentiles([5, 50, 95])).toEqual(percentiles(v, [5, 50, 95]));
  });
});

describe("shards on worker threads", () => {
  let pool: MonteCarloPool;
  beforeAll(async () => {
    pool = await MonteCarloPool.start(1);
  }, 60_000);
  afterAll(async () => {
    await pool.close();
  });

  it("the pool starts", () => {
    expect(pool.error).toBeNull();
    expect(pool.size).toBe(1);
  });

  for (const [n, shards] of [
    [300_000, 2],
    [300_001, 3],
    [5_000, 2],
  ] as const) {
    it(`threads 1 and 2 give identical summaries and draws (n = ${n}, ${shards} shards)`, () => {
      const single = monteCarlo(PEER, { n, seed: 42, shards, ...OPTS });
      const before = pool.runs;
      const threaded = monteCarlo(PEER, { n, seed: 42, shards, threads: 2, pool, ...OPTS });
      expect(pool.runs).toBe(before + 1); // the worker ran its shards
      expect(threaded.draws.results.usdPerMTok.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(summary(threaded)).toEqual(summary(single));
      expectSameDraws(single, threaded);
    });
  }

  it("without the draws (draws: false), 2 shards on 2 threads: the worker runs, and the figures are the sequential run's with every draw", () => {
    const n = 300_001;
    const sequential = monteCarlo(PEER, { n, seed: 42, shards: 2, ...OPTS });
    const before = pool.runs;
    const threaded = monteCarlo(PEER, { n, seed: 42, shards: 2, threads: 2, pool, ...OPTS, draws: false });
    expect(pool.runs).toBe(before + 1);
    expect("draws" in threaded).toBe(false);
    expect(threaded).toEqual(summary(sequential));
  });

  it("a reused shared workspace gives the same numbers run after run", () => {
    const ws = new Workspace(false, true);
    const single = monteCarlo(PEER, { n: 100_000, seed: 5, shards: 2 });
    const before = pool.runs;
    for (let i = 0; i < 3; i++) {
      const r = monteCarlo(PEER, { n: 100_000, seed: 5, shards: 2, threads: 2, pool, workspace: ws });
      expect(summary(r)).toEqual(summary(single));
      expectSameDraws(single, r);
    }
    expect(pool.runs).toBe(before + 3);
  });

  it("with a workspace that is not shared, the shards run in-process: same numbers", () => {
    const before = pool.runs;
    const r = monteCarlo(PEER, { n: 100_000, seed: 5, shards: 2, threads: 2, pool, workspace: new Workspace() });
    expect(pool.runs).toBe(before);
    expect(summary(r)).toEqual(summary(monteCarlo(PEER, { n: 100_000, seed: 5, shards: 2 })));
  });

  // both shards have draws with idle above load: shard 0 (this thread) throws, the worker's shard
  // fails too, and the run throws what it throws in sequence once the worker is done
  it("a run whose shards fail throws the error of the run in sequence, and leaves the pool usable", () => {
    const bad: CostModelInputs = { ...PEER, idleWatts: { kind: "uniform", min: 0, max: 1000 } };
    const n = 100_000;
    let sequential = "";
    try {
      monteCarlo(bad, { n, seed: 9, shards: 2 });
    } catch (e) {
      sequential = (e as Error).message;
    }
    expect(sequential).toMatch(/idleWatts/);
    expect(() => monteCarlo(bad, { n, seed: 9, shards: 2, threads: 2, pool })).toThrow(sequential);
    // the pool is still usable afterwards
    const before = pool.runs;
    monteCarlo(PEER, { n: 50_000, seed: 1, shards: 2, threads: 2, pool });
    expect(pool.runs).toBe(before + 1);
  });

  it("a pool whose workers cannot start is empty, and runs fall back to in-process with the same numbers", async () => {
    const broken = await MonteCarloPool.start(1, { script: "/nonexistent/worker.ts", startTimeoutMs: 20_000 });
    expect(broken.size).toBe(0);
    expect(broken.error).not.toBeNull();
    const r = monteCarlo(PEER, { n: 50_000, seed: 1, shards: 2, threads: 2, pool: broken });
    expect(broken.runs).toBe(0);
    expect(summary(r)).toEqual(summary(monteCarlo(PEER, { n: 50_000, seed: 1, shards: 2 })));
    await broken.close();
  }, 30_000);
});
