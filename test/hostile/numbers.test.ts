/**
 * Hostile numbers: every number read from data/ must be finite, and the models never hand back
 * NaN or Infinity for finite inputs in a realistic range — they answer "never" with a reason or
 * reject the input naming it. Table-driven cases first, then property tests (fast-check).
 */
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsv } from "../../lib/data/index";
import {
  breakEvenVolume,
  describeBreakEven,
  decodeEstimate,
  ModelInputError,
  scaleOutCost,
  selfHostCost,
  servingCeiling,
  type SelfHostScenario,
} from "../../lib/models";
import { cleanupFixtures, fixtureDir, headerOf, issuesOf } from "../data/fixtures";

afterEach(cleanupFixtures);

const gpu = (bandwidth: string) =>
  headerOf("hardware") + "\n" + headerOf("hardware").split(",").map((c) => ({ device_id: "gpu-x", name: "GPU X", vendor: "V", category: "consumer-gpu", memory_gb: "24", bandwidth_gbps: bandwidth, source_id: "src-a" } as Record<string, string>)[c] ?? "").join(",") + "\n";

describe("a number in data/ that is not finite is rejected with file, line, column and rule", () => {
  const cases: [string, string, string][] = [
    ["1e309 (overflows to Infinity)", "1e309", "finite"],
    ["-1e309", "-1e309", "finite"],
    ["Infinity (not a number the format allows)", "Infinity", "type"],
    ["NaN", "NaN", "type"],
    ["0x10 (hexadecimal)", "0x10", "type"],
  ];
  for (const [what, raw, rule] of cases) {
    it(`bandwidth_gbps = ${what}`, () => {
      expect(issuesOf(fixtureDir({ hardware: gpu(raw) }))).toContainEqual(expect.objectContaining({ file: "hardware.csv", line: 2, column: "bandwidth_gbps", rule, value: raw }));
    });
  }
});

describe("finite but absurd model inputs are named, never turned into Infinity", () => {
  const rig: SelfHostScenario = { compute: { kind: "owned", hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177 }, tokensPerSecond: 124, hoursPerMonth: 720 };
  const cases: [string, SelfHostScenario, RegExp][] = [
    ["lifeMonths = 1e-306", { ...rig, compute: { ...rig.compute, lifeMonths: 1e-306 } as SelfHostScenario["compute"] }, /^lifeMonths = 1e-306: makes the monthly amortization \(hardwareUsd \/ lifeMonths\) overflow/],
    ["hardwareUsd = 1e308 over 0.5 months", { ...rig, compute: { ...rig.compute, hardwareUsd: 1e308, lifeMonths: 0.5 } as SelfHostScenario["compute"] }, /^hardwareUsd = 1e\+308: makes the monthly amortization/],
    ["tokensPerSecond = 1e306", { ...rig, tokensPerSecond: 1e306 }, /^tokensPerSecond = 1e\+306: makes the monthly capacity/],
    ["loadWatts = 1e308 at $10/kWh", { ...rig, compute: { ...rig.compute, loadWatts: 1e308, usdPerKWh: 10 } as SelfHostScenario["compute"] }, /^loadWatts = 1e\+308: makes the monthly electricity cost/],
  ];
  for (const [what, scenario, message] of cases) {
    it(what, () => {
      expect(() => selfHostCost(scenario, 1)).toThrow(ModelInputError);
      expect(() => breakEvenVolume(scenario, 5)).toThrow(message);
    });
  }
  it("a break-even too large to represent is refused, naming the API price, not printed as 'InfinityT'", () => {
    // $1 a month per setup, 1e305 tokens a month each, $10 M a month shared, against an API at twice a setup's cost:
    // 10 million setups break even at 1e312 tokens, more than a double holds
    const huge: SelfHostScenario = {
      compute: { kind: "owned", hardwareUsd: 36, lifeMonths: 36, loadWatts: 0, usdPerKWh: 0.1 },
      tokensPerSecond: 1e305 / (3600 * 720),
      hoursPerMonth: 720,
      operations: { engineeringFte: 1, loadedUsdPerYear: 1.2e8 },
    };
    expect(() => describeBreakEven(breakEvenVolume(huge, 2e-299))).toThrow(/apiUsdPerMTok = 2e-299: makes the break-even volume overflow/);
  });
});

/** Realistic ranges: what any reader's scenario could hold. */
const owned = fc.record({
  hardwareUsd: fc.double({ min: 0, max: 1e7, noNaN: true }),
  lifeMonths: fc.double({ min: 1, max: 240, noNaN: true }),
  loadWatts: fc.double({ min: 0, max: 1e5, noNaN: true }),
  idleShare: fc.double({ min: 0, max: 1, noNaN: true }),
  usdPerKWh: fc.double({ min: 0, max: 10, noNaN: true }),
  tokensPerSecond: fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
  hoursPerMonth: fc.double({ min: 1, max: 744, noNaN: true }),
  engineeringFte: fc.double({ min: 0, max: 100, noNaN: true }),
  loadedUsdPerYear: fc.double({ min: 0, max: 1e7, noNaN: true }),
  // free, or at least a millionth of a dollar per million tokens
  api: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e4, noNaN: true })),
  // no volume or a whole token at least: a price per million of 5e-324 tokens is no one's question
  volume: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e13, noNaN: true })),
});

const finiteOrNull = (x: number | null) => x === null || Number.isFinite(x);

describe("property: for any finite inputs in range, the cost model gives finite numbers or 'never' with a reason", () => {
  it("selfHostCost, breakEvenVolume, scaleOutCost and describeBreakEven (2,000 random scenarios)", () => {
    fc.assert(
      fc.property(owned, (o) => {
        const s: SelfHostScenario = {
          compute: { kind: "owned", hardwareUsd: o.hardwareUsd, lifeMonths: o.lifeMonths, loadWatts: o.loadWatts, idleWatts: o.loadWatts * o.idleShare, usdPerKWh: o.usdPerKWh },
          tokensPerSecond: o.tokensPerSecond,
          hoursPerMonth: o.hoursPerMonth,
          operations: { engineeringFte: o.engineeringFte, loadedUsdPerYear: o.loadedUsdPerYear },
        };
        const m = selfHostCost(s, 0.5);
        expect(Number.isFinite(m.totalUsd) && finiteOrNull(m.usdPerMTok) && Number.isFinite(m.marginalUsdPerMTok)).toBe(true);
        const b = breakEvenVolume(s, o.api);
        if (b.kind === "volume") expect(Number.isFinite(b.tokensPerMonth) && Number.isFinite(b.alwaysWinsAboveTokensPerMonth) && Number.isInteger(b.setups)).toBe(true);
        else expect(b.explanation.length).toBeGreaterThan(0);
        expect(describeBreakEven(b)).not.toMatch(/NaN|Infinity|undefined/);
        const c = scaleOutCost(s, o.volume);
        expect(Number.isFinite(c.totalUsd) && finiteOrNull(c.usdPerMTok)).toBe(true);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
  it("decodeEstimate and servingCeiling (1,000 random devices and models)", () => {
    const spec = fc.record({
      totalB: fc.double({ min: 0.1, max: 2000, noNaN: true }),
      activeShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
      layers: fc.integer({ min: 1, max: 200 }),
      kvHeads: fc.integer({ min: 1, max: 128 }),
      headDim: fc.integer({ min: 16, max: 512 }),
      memoryGiB: fc.double({ min: 1, max: 2048, noNaN: true }),
      bandwidthGBps: fc.double({ min: 1, max: 20000, noNaN: true }),
      tflops: fc.double({ min: 0.1, max: 20000, noNaN: true }),
      count: fc.integer({ min: 1, max: 16 }),
      context: fc.integer({ min: 0, max: 1_000_000 }),
      concurrency: fc.integer({ min: 1, max: 4096 }),
      quant: fc.constantFrom("fp16", "fp8", "q4_k_m", "q8_0", "mxfp4", "int4"),
    });
    fc.assert(
      fc.property(spec, (x) => {
        const model = { name: "m", totalParams: x.totalB * 1e9, activeParams: x.totalB * 1e9 * x.activeShare, layers: x.layers, kvHeads: x.kvHeads, headDim: x.headDim };
        const devices = Array.from({ length: x.count }, () => ({ name: "d", memoryGiB: x.memoryGiB, bandwidthGBps: x.bandwidthGBps, compute: { fp16: { denseTflops: x.tflops }, int8: { denseTflops: 2 * x.tflops } } }));
        const d = decodeEstimate({ model, quant: x.quant, devices, contextTokens: x.context });
        if (d.kind === "estimate") expect(Number.isFinite(d.tokensPerSecond) && d.tokensPerSecond > 0).toBe(true);
        const s = servingCeiling({ model, quant: x.quant, devices, contextTokens: x.context, concurrency: x.concurrency });
        if (s.kind === "ceiling") {
          expect(finiteOrNull(s.aggregateTokensPerSecond) && finiteOrNull(s.memoryTokensPerSecond) && finiteOrNull(s.computeTokensPerSecond)).toBe(true);
          if (s.atConcurrency) expect(Number.isFinite(s.atConcurrency.perUserTokensPerSecond)).toBe(true);
          expect(s.explanation).not.toMatch(/NaN|Infinity|undefined/);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe("property: the CSV parser parses any text or reports located errors, and never throws", () => {
  it("10,000 random strings of CSV-ish characters", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r", " ", "é", "\t", "e", "9"), maxLength: 200 });
    fc.assert(
      fc.property(text, (t) => {
        const r = parseCsv(t);
        for (const e of r.errors) expect(Number.isInteger(e.line) && e.line >= 1 && e.message.length > 0).toBe(true);
      }),
      { numRuns: 10_000, seed: 1 },
    );
  });
});

describe("parameters are checked in the reader's words", () => {
  it("monteCarloDraws = 1e9 names the parameter and the limit, not Node's ERR_OUT_OF_RANGE", async () => {
    const { wholeNumber } = await import("../../lib/report/parameters");
    const { MAX_DRAWS_SUMMARY, monteCarlo } = await import("../../lib/sensitivity/monte-carlo");
    expect(() => wholeNumber("monteCarloDraws", 1e9, 100, MAX_DRAWS_SUMMARY)).toThrow(/^monteCarloDraws = 1000000000: must be a whole number from 100 to 200,000,000$/);
    expect(() => wholeNumber("sweepPoints", 0, 2, 1000)).toThrow(/^sweepPoints = 0: must be a whole number from 2 to 1,000$/);
    expect(() => monteCarlo({ hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100, usdPerKWh: 0.177, utilization: 1, hoursPerMonth: 720, tokensPerSecond: 124, apiUsdPerMTok: 5 }, { n: 1e9, seed: 1 })).toThrow(/^n = 1000000000: at most 20,000,000 draws when the draws are kept/);
  });
});

describe("overrides are finite numbers", () => {
  it("usdPerKWh=1e309 is refused, naming the piece", async () => {
    const { parseOverrides } = await import("../../lib/articles/cases");
    expect(() => parseOverrides("usdPerKWh=1e309")).toThrow('overrides: "usdPerKWh=1e309": the number overflows; give a finite number');
  });
});
