/**
 * `npm run bench`: speed of the models, printed as figures (never asserted in tests).
 * - the full owned-hardware cost model over one million scenarios (typed arrays), in
 *   scenarios per second; target ≥ 20 million per second on one core.
 * Then, each in its own process so one section's JIT state and heap do not colour another's:
 * - scripts/bench-sensitivity.ts: Monte Carlo (one million draws) beside ../shared/bench/peer_mc.py
 *   (numpy), and Sobol indices with 100,000 base samples;
 * - scripts/bench-render.ts: rendering every report cold and warm, beside jupyter nbconvert;
 * - scripts/bench-live.ts: the live explorer's bundle bytes and input-to-figure latency in Chromium;
 * - scripts/bench-predict.ts: leave-one-out accuracy of the decode-speed prediction on the data.
 * - scenario: the terminal answer's time, cold and warm.
 * - scripts/bench-data.ts: loadData() over the whole data package, cold (fresh process) and warm; target < 100 ms.
 * `npm run bench -- models` (or sensitivity, render, live, predict, scenario, data) runs only the named sections.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { allocateResults, evaluateScenarios, type ScenarioColumns } from "../lib/models";

const N = 1_000_000;

/** Fills columns deterministically (a fixed linear congruential sequence; no Math.random). */
function columns(n: number): ScenarioColumns {
  let state = 42;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const col = (lo: number, hi: number) => Float64Array.from({ length: n }, () => lo + (hi - lo) * next());
  return {
    hardwareUsd: col(3000, 4200),
    lifeMonths: col(24, 48),
    loadWatts: col(900, 1300),
    idleWatts: col(100, 200),
    usdPerKWh: col(0.12, 0.3),
    tokensPerSecond: col(90, 140),
    utilization: col(0.02, 1),
    hoursPerMonth: new Float64Array(n).fill(730),
    engineeringFte: col(0, 0.25),
    loadedUsdPerYear: col(120e3, 200e3),
    otherOpsUsdPerMonth: new Float64Array(n),
    apiUsdPerMTok: col(0.1, 7),
  };
}

function timeBest(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

const SECTIONS = ["models", "sensitivity", "render", "live", "predict", "scenario", "data"] as const;
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const w of wanted) {
  if (!(SECTIONS as readonly string[]).includes(w)) {
    console.error(`bench: unknown section ${JSON.stringify(w)}; the sections are ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
}
const runs = (section: (typeof SECTIONS)[number]) => wanted.length === 0 || wanted.includes(section);

function modelsSection(): void {
const cols = columns(N);
const out = allocateResults(N);
evaluateScenarios(cols, out); // warm-up (JIT)
const seconds = timeBest(10, () => evaluateScenarios(cols, out));
let wins = 0;
for (let i = 0; i < N; i++) wins += out.selfHostWins[i];
console.log(`cost model, ${N.toLocaleString("en-US")} scenarios: ${(seconds * 1000).toFixed(1)} ms, ${(N / seconds / 1e6).toFixed(1)} M scenarios/s (target ≥ 20 M/s; best of 10; self-hosting wins in ${((wins / N) * 100).toFixed(1)}%)`);
}

/**
 * The terminal answer (npm run scenario), wall clock of the whole process: its first run after an
 * install or an edit of lib/ (builds the bundle, loads the price package and keeps its catalog), and
 * each run after that (a new process every time, so cold: nothing is kept in memory between runs,
 * only the bundle and the catalog on disk). Median of 5.
 */
function scenarioSection(): void {
  const args = ["scripts/scenario.mjs", "--device", "rtx-4090", "--model", "llama-3.1-8b", "--format", "q4_k_m", "--tokens-per-month", "2e8", "--concurrency", "1"];
  const time = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`npm run scenario failed: ${r.stderr}`);
    return (performance.now() - t) / 1000;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const firsts: number[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync("node_modules/.cache/llm-breakeven", { recursive: true, force: true });
    firsts.push(time());
  }
  const later = median([time(), time(), time(), time(), time()]);
  console.log(`terminal answer (node scripts/scenario.mjs, an RTX 4090 with Llama 3.1 8B), wall clock of a new process:`);
  console.log(`  each run: ${later.toFixed(2)} s (median of 5; target < 0.5 s cold; npm run adds about 0.3 s)`);
  console.log(`  first run after an install or an edit of lib/ (builds the bundle, reads the price package): ${median(firsts).toFixed(2)} s (median of 3)`);
  console.log(`  bare node, for scale: ${median([0, 0, 0].map(() => { const t = performance.now(); spawnSync(process.execPath, ["-e", "0"]); return (performance.now() - t) / 1000; })).toFixed(2)} s`);
}

let failed = false;
for (const section of SECTIONS) {
  if (!runs(section)) continue;
  console.log(`\n== ${section} ==`);
  if (section === "models") {
    modelsSection();
    continue;
  }
  if (section === "scenario") {
    scenarioSection();
    continue;
  }
  const r = spawnSync(process.execPath, ["--import", "tsx", `scripts/bench-${section}.ts`], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`bench: the ${section} section failed (exit ${r.status ?? r.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
