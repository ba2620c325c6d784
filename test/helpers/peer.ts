import type { CostModelInputs } from "../../lib/sensitivity";

/** The distributions of ../shared/bench/peer_mc.py (numpy), input for input: the study the Monte Carlo tests run. */
export const PEER: CostModelInputs = {
  hardwareUsd: { kind: "triangular", min: 3000, mode: 3500, max: 4200 },
  lifeMonths: { kind: "uniform", min: 24, max: 48 },
  loadWatts: { kind: "triangular", min: 900, mode: 1100, max: 1300 },
  idleWatts: { kind: "uniform", min: 100, max: 200 },
  usdPerKWh: { kind: "lognormal", median: 0.177, sigma: 0.25 },
  tokensPerSecond: { kind: "triangular", min: 90, mode: 124, max: 140 },
  utilization: { kind: "uniform", min: 0.02, max: 1 },
  hoursPerMonth: 730,
  engineeringFte: { kind: "uniform", min: 0, max: 0.25 },
  loadedUsdPerYear: { kind: "uniform", min: 120e3, max: 200e3 },
  apiInputUsdPerMTok: { kind: "uniform", min: 0.1, max: 3 },
  apiOutputUsdPerMTok: { kind: "uniform", min: 0.4, max: 15 },
  inputPerOutput: 3,
};
