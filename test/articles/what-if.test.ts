import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { DEFAULT_SITUATION, inputValues, monthlyBills, monthlyGapUsd, scenarioAnswer, scenarioFromValues, whatWouldFlip, type FlipRow, type ReaderCase, type Situation } from "../../lib/articles/index";
import { scaleOutCost } from "../../lib/models";
import { expectClose } from "../helpers/close";

const data = loadData();

/**
 * One setup: $3,600 over 36 months ($100 a month), 1 kW at $0.20/kWh, 100 tok/s over 730 h, no
 * engineering, against an API at $1/Mtok. It makes at most 100 × 3600 × 730 = 262.8 M tokens a month.
 */
const rig = { hardwareUsd: 3600, lifeMonths: 36, loadWatts: 1000, idleWatts: 0, usdPerKWh: 0.2, tokensPerSecond: 100, hoursPerMonth: 730, apiUsdPerMTok: 1 };
/** Electricity per token: 1,000 W / 100 tok/s = 10 J = 10 / 3.6e6 kWh, at $0.20/kWh. */
const usdPerToken = (10 / 3.6e6) * 0.2;

/** The float next to x, towards `target`. */
function nextFloat(x: number, target: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += target > x ? 1n : -1n;
  return f[0];
}

describe("monthlyGapUsd(values, volume): a volume beyond one setup's capacity is served by more setups", () => {
  it("monthlyGapUsd(rig, 500 M) = 2 setups × $100 + 500 M × 10 J at $0.20/kWh ($277.78) − $500 = −$22.22 (self-hosting wins; not +∞)", () => {
    const bills = monthlyBills(rig, 500e6);
    expect(bills.setups).toBe(2); // 500 M / 262.8 M = 1.9 → 2
    expectClose(bills.selfHostUsd, 2 * 100 + 500e6 * usdPerToken);
    expectClose(monthlyGapUsd(rig, 500e6), 2 * 100 + 500e6 * usdPerToken - 500);
    expect(monthlyGapUsd(rig, 500e6)).toBeLessThan(0);
  });
  it("monthlyGapUsd(rig, volume) is lib/models scaleOutCost of one setup minus the API bill, at 1, 2 and 7 setups", () => {
    for (const volume of [100e6, 500e6, 1.8e9]) {
      expectClose(monthlyGapUsd(rig, volume), scaleOutCost(scenarioFromValues(rig), volume).totalUsd - volume / 1e6);
    }
    expect(monthlyBills(rig, 1.8e9).setups).toBe(7); // 1,800 / 262.8 = 6.85
  });
  it("monthlyGapUsd(two rigs' values, 500 M, { setups: 2 }) = monthlyGapUsd(one rig's, 500 M): the values of a reader case are for its setups", () => {
    const two = { ...rig, hardwareUsd: 7200, loadWatts: 2000, tokensPerSecond: 200 };
    expectClose(monthlyGapUsd(two, 500e6, { setups: 2 }), monthlyGapUsd(rig, 500e6));
    // read as one machine twice as big, the same values would be one setup
    expect(monthlyBills(two, 500e6).setups).toBe(1);
  });
});

describe("whatWouldFlip(values, volume): the nearest value at which the verdict changes, setups added as needed", () => {
  it("the rig's speed flips where 2 setups no longer make 500 M tokens: 5e8 / (2 × 3600 × 730) = 95.13 tok/s, then 3 setups cost $300 + $292.0 > $500", () => {
    const row = whatWouldFlip(rig, 500e6, ["tokensPerSecond"])[0];
    const edge = 5e8 / (2 * 3600 * 730);
    expectClose(row.flipsAt!, edge, 1e-9);
    // there: 3 setups and the API is cheaper; one float faster: 2 setups and self-hosting is
    expect(monthlyBills({ ...rig, tokensPerSecond: row.flipsAt! }, 500e6).setups).toBe(3);
    expect(monthlyGapUsd({ ...rig, tokensPerSecond: row.flipsAt! }, 500e6)).toBeGreaterThan(0);
    expect(monthlyBills({ ...rig, tokensPerSecond: nextFloat(row.flipsAt!, 100) }, 500e6).setups).toBe(2);
    expect(monthlyGapUsd({ ...rig, tokensPerSecond: nextFloat(row.flipsAt!, 100) }, 500e6)).toBeLessThan(0);
  });
  it("the rig's price flips where 2 × price / 36 + $277.78 = $500: (500 − 277.78) × 36 / 2 = $4,000 a setup", () => {
    const row = whatWouldFlip(rig, 500e6, ["hardwareUsd"])[0];
    expectClose(row.flipsAt!, ((500 - 500e6 * usdPerToken) * 36) / 2, 1e-9);
    expect(monthlyGapUsd({ ...rig, hardwareUsd: row.flipsAt! }, 500e6)).toBeGreaterThanOrEqual(0);
    expect(monthlyGapUsd({ ...rig, hardwareUsd: nextFloat(row.flipsAt!, 3600) }, 500e6)).toBeLessThan(0);
  });
  it("a faster rig never flips it: more speed only lowers the cost", () => {
    // the nearest flip is downwards; none lies upwards, and utilization never flips it
    expect(whatWouldFlip(rig, 500e6, ["tokensPerSecond"])[0].factor!).toBeLessThan(1);
    expect(whatWouldFlip({ ...rig, utilization: 0.95 }, 500e6, ["utilization"])[0].flipsAt).toBeNull();
  });
});

/** The rtx-3090 case of the review: 2 × RTX 3090 on Llama 3.1 70B (q4_k_m), 500 M tokens a month, the explorer's defaults. */
const rtx: Situation = { ...DEFAULT_SITUATION, deviceId: "rtx-3090", deviceCount: 2, modelId: "llama-3.1-70b", quantization: "q4_k_m", tokensPerMonth: 5e8 };
/** The inputs the scenario explorer's "What would have to change" table moves. */
const FLIP_INPUTS = ["hardwareUsd", "lifeMonths", "loadWatts", "usdPerKWh", "tokensPerSecond", "engineeringFte", "loadedUsdPerYear"];

/** The situation in which one what-if input (of a case's values, which are for c.setups setups) takes the value x. */
function situationAt(s: Situation, c: ReaderCase, input: string, x: number): Situation {
  const perSetup = x / c.setups;
  switch (input) {
    case "hardwareUsd":
      return { ...s, hardwareUsd: perSetup - s.hostUsd };
    case "loadWatts":
      return { ...s, loadWatts: perSetup };
    case "tokensPerSecond":
      return { ...s, tokensPerSecond: perSetup };
    case "lifeMonths":
    case "usdPerKWh":
    case "engineeringFte":
    case "loadedUsdPerYear":
      return { ...s, [input]: x };
    default:
      throw new Error(`no situation field for ${input}`);
  }
}

const cheaper = (s: Situation) => {
  const a = scenarioAnswer(data, s);
  if (a.kind !== "answer") throw new Error("expected an answer");
  return a.cheaper;
};

/**
 * Every flip reported is one of scenarioAnswer's verdict: changed at flipsAt; unchanged a billionth
 * short of it and at 8 points between it and today's value; where the costs are continuous at
 * flipsAt, unchanged at the very float short of it.
 */
function expectRealFlips(s: Situation): FlipRow[] {
  const a = scenarioAnswer(data, s);
  if (a.kind !== "answer") throw new Error("expected an answer");
  const c = a.case;
  const values = inputValues(c.inputs);
  const rows = whatWouldFlip(values, s.tokensPerMonth, FLIP_INPUTS.filter((n) => values[n] !== undefined), { setups: c.setups });
  const flips = rows.filter((x) => x.flipsAt !== null);
  for (const r of flips) expect(cheaper(situationAt(s, c, r.input, r.flipsAt!)), `${r.input} at ${r.flipsAt}`).not.toBe(a.cheaper);
  for (const r of flips) {
    const at = r.flipsAt!;
    const short = at + (r.current - at) * 1e-9;
    expect(cheaper(situationAt(s, c, r.input, short)), `${r.input} at ${short}, just short of ${at}`).toBe(a.cheaper);
    const float = nextFloat(at, r.current);
    if (monthlyBills({ ...values, [r.input]: float }, s.tokensPerMonth, { setups: c.setups }).setups === monthlyBills({ ...values, [r.input]: at }, s.tokensPerMonth, { setups: c.setups }).setups) {
      expect(cheaper(situationAt(s, c, r.input, float)), `${r.input} at ${float}, the float short of ${at}`).toBe(a.cheaper);
    }
    for (let k = 1; k < 9; k++) {
      const x = r.current * Math.pow(at / r.current, k / 9);
      expect(cheaper(situationAt(s, c, r.input, x)), `${r.input} at ${x}, between ${r.current} and ${at}`).toBe(a.cheaper);
    }
  }
  return rows;
}

describe("whatWouldFlip on the scenario explorer's cases: every flip it reports flips scenarioAnswer there, and not before", () => {
  it("2 × rtx-3090 at the review's 298.7 tok/s: a 190 tok/s setup is short of 500 M tokens a month, but 2 setups still win, so 190 (and 150) flip nothing", () => {
    const s = { ...rtx, tokensPerSecond: 298.7 };
    expect(cheaper(s)).toBe("self-hosting");
    // 190 tok/s makes 190 × 3600 × 730 = 499.3 M tokens: the scenario takes 2 setups, and self-hosting still wins
    expect(cheaper({ ...s, tokensPerSecond: 190 })).toBe("self-hosting");
    expect(cheaper({ ...s, tokensPerSecond: 150 })).toBe("self-hosting");
    const speed = expectRealFlips(s).find((r) => r.input === "tokensPerSecond")!;
    // the speed that flips it, if any within a hundredth, is far below the one setup's capacity edge
    if (speed.flipsAt !== null) expect(speed.flipsAt).toBeLessThan(150);
  });
  it("2 × rtx-3090 at the speed the data gives (an estimate; as many setups as the volume needs)", () => {
    expect(cheaper(rtx)).toBe("self-hosting");
    const rows = expectRealFlips(rtx);
    expect(rows.some((r) => r.flipsAt !== null)).toBe(true);
  });
  it("a DGX Spark on gpt-oss-120b against OpenRouter at 500 M tokens (several setups; the API is cheaper)", () => {
    const spark: Situation = { ...DEFAULT_SITUATION, concurrency: 1, efficiency: 0.6, engineeringFte: 0, apiProvider: "openrouter", apiModel: "openai/gpt-oss-120b", tokensPerMonth: 500e6 };
    const a = scenarioAnswer(data, spark);
    expect(a.kind === "answer" && a.case.setups).toBeGreaterThan(1);
    expect(cheaper(spark)).toBe("the API");
    expectRealFlips(spark);
  });
});
