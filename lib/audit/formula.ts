/**
 * Recomputation formulas: mathjs expressions that call the lib's model functions by name, so a
 * claim is recomputed through the same code as every report (never a second copy of the formula).
 *
 * @example "selfHostCost({compute: {kind: 'owned', hardwareUsd: 3500, lifeMonths: 36, loadWatts: 1100,
 *           usdPerKWh: 0.177}, tokensPerSecond: 124, hoursPerMonth: 720}, 1).usdPerMTok"
 */
import * as models from "../models/index";
import { auditMath } from "./units";

/** The model functions a formula may call. Validators and constants stay out of scope. */
export const FORMULA_FUNCTIONS = [
  "amortizationUsdPerMonth",
  "electricityCost",
  "electricityUsdPerHour",
  "rentalUsdPerMonth",
  "engineeringUsdPerMonth",
  "operationsCost",
  "withOverheadMultiplier",
  "tokensPerMonth",
  "utilizationForVolume",
  "blendedUsdPerMTok",
  "apiUsdPerMonth",
  "toUsdPerMTok",
  "costLine",
  "selfHostCost",
  "selfHostCostAtVolume",
  "breakEvenApiUsdPerMTok",
  "hybridCost",
  "bitsPerWeight",
  "weightBytes",
  "effectiveBitsPerWeight",
  "kvBytesPerToken",
  "kvCacheBytes",
  "prefillTokensPerSecond",
] as const;

/** A formula asked for a break-even that does not exist at any number of setups. */
export class NoBreakEven extends Error {
  constructor(readonly result: models.Never) {
    super(`no break-even: ${result.explanation}`);
    this.name = "NoBreakEven";
  }
}

/** A formula's bound cannot be computed from the data (e.g. no dense compute figure): the claim is not checkable. */
export class BoundUnknown extends Error {
  constructor(explanation: string) {
    super(explanation);
    this.name = "BoundUnknown";
  }
}

/** Functions the audit adds for formulas: results that may be "never" become numbers or errors. */
const AUDIT_FUNCTIONS = {
  /** An owned-hardware scenario from flat inputs (idleWatts optional). */
  ownedScenario(o: { hardwareUsd: number; lifeMonths: number; loadWatts: number; idleWatts?: number; usdPerKWh: number; tokensPerSecond: number; hoursPerMonth: number; resaleUsd?: number }): models.SelfHostScenario {
    return {
      compute: { kind: "owned", hardwareUsd: o.hardwareUsd, lifeMonths: o.lifeMonths, loadWatts: o.loadWatts, idleWatts: o.idleWatts, usdPerKWh: o.usdPerKWh, resaleUsd: o.resaleUsd },
      tokensPerSecond: o.tokensPerSecond,
      hoursPerMonth: o.hoursPerMonth,
    };
  },
  /** A rented-GPU scenario from flat inputs, with optional operations. */
  rentedScenario(o: { usdPerGpuHour: number; gpus: number; billing: models.RentalBilling; tokensPerSecond: number; hoursPerMonth: number; engineeringFte?: number; loadedUsdPerYear?: number; infraUsdPerMonth?: number; overheadMultiplier?: number }): models.SelfHostScenario {
    return {
      compute: { kind: "rented", usdPerGpuHour: o.usdPerGpuHour, gpus: o.gpus, billing: o.billing },
      tokensPerSecond: o.tokensPerSecond,
      hoursPerMonth: o.hoursPerMonth,
      operations: { engineeringFte: o.engineeringFte, loadedUsdPerYear: o.loadedUsdPerYear, infraUsdPerMonth: o.infraUsdPerMonth },
      overheadMultiplier: o.overheadMultiplier,
    };
  },
  /**
   * Break-even tokens per month with the setups the volume needs (breakEvenVolume). Throws
   * {@link NoBreakEven} when there is none; the audit's run reports which setups a figure needs.
   */
  breakEvenTokens(scenario: models.SelfHostScenario, apiUsdPerMTok: number): number {
    const b = models.breakEvenVolume(scenario, apiUsdPerMTok);
    if (b.kind === "never") throw new NoBreakEven(b);
    return b.tokensPerMonth;
  },
  /** Payback in months; throws when there is none. */
  paybackMonthsOf(scenario: models.SelfHostScenario, tokensPerMonth: number, apiUsdPerMTok: number): number {
    const p = models.paybackMonths(scenario, tokensPerMonth, apiUsdPerMTok);
    if (p.kind === "never") throw new RangeError(`no payback: ${p.explanation}`);
    return p.months;
  },
};

/** A formula's result: one value, or a [low, high] pair for a range. */
export type FormulaValue = number | readonly [number, number];

/** Builds the scope: the allowed model functions, the audit's helpers, and any extras (data look-ups). */
export function formulaScope(extra: Record<string, unknown> = {}): Map<string, unknown> {
  const scope = new Map<string, unknown>();
  for (const name of FORMULA_FUNCTIONS) scope.set(name, (models as Record<string, unknown>)[name]);
  for (const [name, fn] of Object.entries(AUDIT_FUNCTIONS)) scope.set(name, fn);
  for (const [name, value] of Object.entries(extra)) scope.set(name, value);
  return scope;
}

/**
 * Evaluates a formula. Throws an Error whose message says what went wrong (parse error,
 * unknown function, a model input error, or a result that is not a number or a pair).
 */
export function evaluateFormula(formula: string, scope: Map<string, unknown>): FormulaValue {
  const math = auditMath();
  const node = math.parse(formula);
  const raw: unknown = node.evaluate(new Map(scope));
  const value = raw !== null && typeof raw === "object" && "toArray" in raw ? (raw as { toArray(): unknown }).toArray() : raw;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number" && Number.isFinite(v))) {
    return [value[0] as number, value[1] as number];
  }
  throw new TypeError(`formula result is not a finite number or a [low, high] pair: ${JSON.stringify(value)}`);
}
