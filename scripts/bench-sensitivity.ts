/**
 * `npx tsx scripts/bench-sensitivity.ts`: speed of the sensitivity methods, printed (never asserted).
 *
 * (a) Monte Carlo, one million draws of the cost model including sampling and the summary
 *     (p5/p50/p95 of cost per Mtok and of break-even, P(never), P(self-host wins)):
 *     - like for like with ../shared/bench/peer_mc.py: the same distributions, input for input;
 *     - the same with the speed from the bandwidth model (two more sampled inputs).
 *     Fresh arrays each run (as numpy allocates), and with a reused Workspace; single thread.
 * (b) The numpy peer, run with python3 if it and numpy are available, its own timer (not Python's
 *     start-up). (a) and (b) are interleaved round by round (numpy, ours fresh, ours reused), so
 *     both sides see the same machine load; each figure is its best of the rounds
 *     (BENCH_ROUNDS, default 7), and the ratio is printed for each of our two variants.
 *     Then the same study in 2 shards on 2 threads (the main thread and one worker of a pool
 *     started once, before the rounds: "warm pool"), fresh shared arrays and a reused shared
 *     Workspace, in the same rounds; the pool's start-up is printed once, apart. These are
 *     different draws from the single-thread figures (2 shards, each with its own streams).
 *     Each also without its draws (draws: false: the summary only, the same figures, with only
 *     the columns the summary reads kept whole), single thread and in 2 shards on 2 threads.
 * (c) Sobol indices of the 3×RTX 3090 rig's break-even volume, 100,000 base samples.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  closeMonteCarloPool,
  costModelFunction,
  monteCarlo,
  sobol,
  startMonteCarloPool,
  Workspace,
  type CostModelInputs,
  type Distribution,
  type MonteCarloSummary,
} from "../lib/sensitivity";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N = 1_000_000;

/** peer_mc.py's distributions, input for input (numpy's lognormal(log(0.177), 0.25) is median 0.177, sigma 0.25). */
const PEER: CostModelInputs = {
  hardwareUsd: { kind: "triangular", min: 3000, mode: 3500, max: 4200 }, // price
  lifeMonths: { kind: "uniform", min: 24, max: 48 }, // life
  loadWatts: { kind: "triangular", min: 900, mode: 1100, max: 1300 }, // kw_load × 1000
  idleWatts: { kind: "uniform", min: 100, max: 200 }, // kw_idle × 1000
  usdPerKWh: { kind: "lognormal", median: 0.177, sigma: 0.25 }, // usd_kwh
  tokensPerSecond: { kind: "triangular", min: 90, mode: 124, max: 140 }, // tok_s
  utilization: { kind: "uniform", min: 0.02, max: 1 }, // util
  hoursPerMonth: 730, // hours
  engineeringFte: { kind: "uniform", min: 0, max: 0.25 }, // fte
  loadedUsdPerYear: { kind: "uniform", min: 120e3, max: 200e3 }, // fte_cost
  apiInputUsdPerMTok: { kind: "uniform", min: 0.1, max: 3 }, // api_in
  apiOutputUsdPerMTok: { kind: "uniform", min: 0.4, max: 15 }, // api_out
  inputPerOutput: 3, // ratio
};

/** The same, with tokens/s = 936 GB/s × efficiency / bytes per token (≈ 90–140 tok/s). */
const WITH_BANDWIDTH: CostModelInputs = (() => {
  const { tokensPerSecond: _tps, ...rest } = PEER;
  return {
    ...rest,
    bandwidthGBps: 936,
    efficiency: { kind: "triangular", min: 0.45, mode: 0.55, max: 0.6 },
    bytesPerToken: { kind: "uniform", min: 3.8e9, max: 4.4e9 },
  };
})();

function best(runs: number, fn: () => void): number {
  let t = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t;
}

function line(label: string, seconds: number, n = N): string {
  return `${label}: ${(seconds * 1000).toFixed(1)} ms, ${(n / seconds / 1e6).toFixed(1)} M draws/s`;
}

// (a) Monte Carlo and (b) the numpy peer, interleaved: each round runs numpy once, then ours
// with fresh arrays, then ours with a reused Workspace, so that every side sees the same
// machine load; each figure is the best of its ROUNDS runs.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const peerScript = path.resolve(repoRoot, "../shared/bench/peer_mc.py");
const hasNumpy = (() => {
  if (!existsSync(peerScript)) return `${peerScript} not found`;
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch (e) {
    return `python3 with numpy not available (${(e as Error).message.split("\n")[0]})`;
  }
})();

/** One run of the peer: its own timer (sampling, model and summary; not Python's start-up), in seconds. */
function numpyRun(): { seconds: number; text: string } {
  const out = execFileSync("python3", [peerScript, String(N)], { encoding: "utf8" });
  const m = /:\s*([\d.]+)\s*s\b/.exec(out);
  if (!m) throw new Error(`could not read the seconds in: ${out.trim()}`);
  return { seconds: Number(m[1]), text: out.trim() };
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const poolStart = process.hrtime.bigint();
const pool = await startMonteCarloPool(2);
const poolSeconds = Number(process.hrtime.bigint() - poolStart) / 1e9;
const ws = new Workspace();
const sharedWs = new Workspace(false, true);
const THREADED = { shards: 2, threads: 2, pool } as const;
let last = monteCarlo(PEER, { n: N, seed: 42 }); // warm-up (JIT), every variant
monteCarlo(PEER, { n: N, seed: 42, workspace: ws });
let lastThreaded = monteCarlo(PEER, { n: N, seed: 42, ...THREADED });
monteCarlo(PEER, { n: N, seed: 42, ...THREADED, workspace: sharedWs });
let lastSummary = monteCarlo(PEER, { n: N, seed: 42, draws: false });
let lastThreadedSummary = monteCarlo(PEER, { n: N, seed: 42, ...THREADED, draws: false });
const runsBefore = pool.runs;
let fresh = Infinity;
let reused = Infinity;
let threadedFresh = Infinity;
let threadedReused = Infinity;
let summaryOnly = Infinity;
let threadedSummaryOnly = Infinity;
let numpy: { seconds: number; text: string } | null = null;
for (let round = 0; round < ROUNDS; round++) {
  if (hasNumpy === true) {
    const r = numpyRun();
    if (numpy === null || r.seconds < numpy.seconds) numpy = r;
  }
  fresh = Math.min(fresh, time(() => (last = monteCarlo(PEER, { n: N, seed: 42 }))));
  reused = Math.min(reused, time(() => (last = monteCarlo(PEER, { n: N, seed: 42, workspace: ws }))));
  threadedFresh = Math.min(threadedFresh, time(() => (lastThreaded = monteCarlo(PEER, { n: N, seed: 42, ...THREADED }))));
  threadedReused = Math.min(threadedReused, time(() => (lastThreaded = monteCarlo(PEER, { n: N, seed: 42, ...THREADED, workspace: sharedWs }))));
  summaryOnly = Math.min(summaryOnly, time(() => (lastSummary = monteCarlo(PEER, { n: N, seed: 42, draws: false }))));
  threadedSummaryOnly = Math.min(threadedSummaryOnly, time(() => (lastThreadedSummary = monteCarlo(PEER, { n: N, seed: 42, ...THREADED, draws: false }))));
}
const threadedRuns = pool.runs - runsBefore;
/** Whether two runs give the same summary (a run without its draws must match the run with them). */
const sameSummary = (a: MonteCarloSummary, b: MonteCarloSummary) =>
  JSON.stringify([a.usdPerMTok, a.breakEvenTokensPerMonth, a.pSelfHostWins]) === JSON.stringify([b.usdPerMTok, b.breakEvenTokensPerMonth, b.pSelfHostWins]);
monteCarlo(WITH_BANDWIDTH, { n: N, seed: 42, workspace: ws });
let bw = monteCarlo(WITH_BANDWIDTH, { n: N, seed: 42, workspace: ws });
const bandwidth = best(ROUNDS, () => {
  bw = monteCarlo(WITH_BANDWIDTH, { n: N, seed: 42, workspace: ws });
});
console.log(`(a) Monte Carlo, ${N.toLocaleString("en-US")} draws incl. sampling and summary, single thread, best of ${ROUNDS} (interleaved with (b)):`);
console.log(`    ${line("peer's distributions, fresh arrays   ", fresh)}`);
console.log(`    ${line("peer's distributions, reused arrays  ", reused)}`);
console.log(`    ${line("peer's distributions, summary only   ", summaryOnly)} (draws: false: only cost and break-even kept whole; same figures as with the draws: ${sameSummary(lastSummary, last) ? "yes" : "NO"})`);
console.log(`    ${line("with the bandwidth model, reused     ", bandwidth)}`);
console.log(
  `    p50 cost/Mtok ${last.usdPerMTok.p50.toFixed(2)} (p5 ${last.usdPerMTok.p5.toFixed(2)}, p95 ${last.usdPerMTok.p95.toFixed(2)}), ` +
    `P(self-host wins) ${last.pSelfHostWins.toFixed(3)}, P(never) ${last.breakEvenTokensPerMonth.pNever.toFixed(4)}; ` +
    `bandwidth model: p50 ${bw.bands.tokensPerSecond!.p50.toFixed(1)} tok/s, p50 cost/Mtok ${bw.usdPerMTok.p50.toFixed(2)}`,
);
const workersUsed = threadedRuns === 3 * ROUNDS;
console.log(
  `    2 shards on 2 threads (warm pool; ${workersUsed ? "the worker ran in every timed run" : `WORKERS NOT USED in ${3 * ROUNDS - threadedRuns} of ${3 * ROUNDS} timed runs${pool.error ? `: ${pool.error}` : ""}`}):`,
);
console.log(`    ${line("peer's distributions, fresh arrays   ", threadedFresh)}`);
console.log(`    ${line("peer's distributions, reused arrays  ", threadedReused)}`);
console.log(`    ${line("peer's distributions, summary only   ", threadedSummaryOnly)} (same figures as with the draws: ${sameSummary(lastThreadedSummary, lastThreaded) ? "yes" : "NO"})`);
console.log(
  `    p50 cost/Mtok ${lastThreaded.usdPerMTok.p50.toFixed(2)} (p5 ${lastThreaded.usdPerMTok.p5.toFixed(2)}, p95 ${lastThreaded.usdPerMTok.p95.toFixed(2)}), ` +
    `P(self-host wins) ${lastThreaded.pSelfHostWins.toFixed(3)}; pool start-up (1 worker, once, not in the figures): ${(poolSeconds * 1000).toFixed(0)} ms`,
);
if (numpy === null) {
  console.log(`(b) numpy peer: ${hasNumpy}; skipped`);
} else {
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  console.log(`(b) numpy peer, best of ${ROUNDS} (same rounds as (a)): ${numpy.text}`);
  console.log(`    ratio numpy / TypeScript, fresh arrays:  ${(numpy.seconds / fresh).toFixed(2)}× (${ms(numpy.seconds)} vs ${ms(fresh)}; target ≥ 2×)`);
  console.log(`    ratio numpy / TypeScript, reused arrays: ${(numpy.seconds / reused).toFixed(2)}× (${ms(numpy.seconds)} vs ${ms(reused)}; target ≥ 2×)`);
  const r2 = (t: number) => `${(numpy!.seconds / t).toFixed(2)}× (${ms(numpy!.seconds)} vs ${ms(t)}; target ≥ 2×)`;
  console.log(`    ratio numpy / TypeScript, 2 shards on 2 threads (warm pool), fresh arrays:  ${r2(threadedFresh)}`);
  console.log(`    ratio numpy / TypeScript, summary only (draws: false): ${r2(summaryOnly)}`);
  console.log(`    ratio numpy / TypeScript, 2 shards on 2 threads (warm pool), reused arrays: ${r2(threadedReused)}`);
  console.log(`    ratio numpy / TypeScript, 2 shards on 2 threads (warm pool), summary only:  ${r2(threadedSummaryOnly)}`);
}
await closeMonteCarloPool();

// (c) Sobol of the 3×RTX 3090 rig's break-even volume
const SOBOL_N = 100_000;
const rigInputs: Record<string, Distribution> = {
  hardwareUsd: { kind: "triangular", min: 3000, mode: 3500, max: 4200 },
  lifeMonths: { kind: "uniform", min: 24, max: 48 },
  loadWatts: { kind: "triangular", min: 900, mode: 1100, max: 1300 },
  idleWatts: { kind: "uniform", min: 0, max: 200 },
  usdPerKWh: { kind: "triangular", min: 0.1, mode: 0.177, max: 0.35 },
  tokensPerSecond: { kind: "triangular", min: 90, mode: 124, max: 140 },
  engineeringFte: { kind: "uniform", min: 0, max: 0.1 },
  loadedUsdPerYear: { kind: "uniform", min: 120e3, max: 200e3 },
  apiUsdPerMTok: { kind: "uniform", min: 2, max: 10 },
};
const model = costModelFunction({ hoursPerMonth: 720, utilization: 1 }, "breakEvenTokensPerMonth");
sobol(model, rigInputs, { n: 1000, seed: 1 }); // warm-up
let sob = sobol(model, rigInputs, { n: SOBOL_N, seed: 1 });
const sobolSeconds = best(3, () => {
  sob = sobol(model, rigInputs, { n: SOBOL_N, seed: 1 });
});
const d = Object.keys(rigInputs).length;
console.log(
  `(c) Sobol, break-even of the 3×RTX 3090 rig, ${d} inputs, ${SOBOL_N.toLocaleString("en-US")} base samples ` +
    `(${sob.evaluations.toLocaleString("en-US")} model runs): ${sobolSeconds.toFixed(3)} s, best of 3 (target < 2 s)`,
);
const ranked = [...sob.indices].sort((a, b) => b.total - a.total);
console.log(`    total (first-order): ${ranked.map((x) => `${x.input} ${x.total.toFixed(3)} (${x.firstOrder.toFixed(3)})`).join(", ")}`);
