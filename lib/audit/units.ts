/**
 * Units for the audit, through mathjs: a claimed "USD/ktok" and a recomputed "USD/Mtok" convert
 * into each other (so a per-thousand vs per-million slip shows as the factor of 1000 it is),
 * while "USD/month" against "USD/Mtok" is an error, not a comparison.
 *
 * Added to mathjs's units: USD; tok (token) with ktok, Mtok, Btok; and mo720 / mo730 for months
 * of 720 and 730 hours (mathjs's own `month` is 730.5 hours).
 */
import { create, all, type MathJsInstance, type Unit } from "mathjs";

let instance: MathJsInstance | null = null;

/** The project's mathjs instance with its units (created once). */
export function auditMath(): MathJsInstance {
  if (instance) return instance;
  const math = create(all, {});
  math.createUnit("USD", { aliases: ["usd", "dollar", "dollars"] });
  math.createUnit("tok", { aliases: ["token", "tokens"] });
  math.createUnit("ktok", "1000 tok");
  math.createUnit("Mtok", "1e6 tok");
  math.createUnit("Btok", "1e9 tok");
  math.createUnit("mo720", "720 hour");
  math.createUnit("mo730", "730 hour");
  math.createUnit("FTE");
  math.createUnit("FLOPS", { prefixes: "short" });
  math.createUnit("param", { aliases: ["params"] });
  math.createUnit("Gparam", "1e9 param");
  instance = math;
  return math;
}

/**
 * Converts `value` from one unit to another. Throws a RangeError naming both units when their
 * dimensions differ. A unit of "1" (or empty) is dimensionless.
 */
export function convert(value: number, from: string, to: string): number {
  if (normal(from) === normal(to)) return value;
  const df = DIMENSIONLESS[normal(from)];
  const dt = DIMENSIONLESS[normal(to)];
  if (df !== undefined || dt !== undefined) {
    if (df === undefined || dt === undefined) throw new RangeError(`units do not match: ${JSON.stringify(from)} cannot be converted to ${JSON.stringify(to)}`);
    return (value * df) / dt;
  }
  const math = auditMath();
  let u: Unit;
  try {
    u = math.unit(value, normal(from));
  } catch (e) {
    throw new RangeError(`unit ${JSON.stringify(from)}: ${(e as Error).message}`);
  }
  try {
    return u.toNumber(normal(to));
  } catch (e) {
    throw new RangeError(`units do not match: ${JSON.stringify(from)} cannot be converted to ${JSON.stringify(to)}`);
  }
}

/** Checks that a unit string parses; returns an error message or null. */
export function unitProblem(unit: string): string | null {
  if (DIMENSIONLESS[normal(unit)] !== undefined) return null;
  try {
    auditMath().unit(1, normal(unit));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Dimensionless units and their size: "" (a plain number or ratio), "%" (a hundredth), "x" (a multiple). */
const DIMENSIONLESS: Record<string, number> = { "": 1, "%": 0.01, x: 1 };

function normal(unit: string): string {
  const u = unit.trim();
  return u === "1" ? "" : u;
}

/**
 * The audit's unit for a unit written in data/datapackage.json. Memory sold in "GB" is binary
 * (GiB), as lib/models/units.ts has it; bandwidth in GB/s is decimal.
 */
export const DATA_UNITS: Readonly<Record<string, string>> = {
  GB: "GiB",
  GiB: "GiB",
  "GB/s": "GB/s",
  TFLOPS: "TFLOPS",
  TOPS: "TFLOPS",
  USD: "USD",
  "USD per GPU-hour": "USD/hour",
  "USD per hour": "USD/hour",
  "USD per kWh": "USD/kWh",
  "USD per million tokens": "USD/Mtok",
  "USD per year": "USD/year",
  W: "W",
  "billion parameters": "Gparam",
  count: "",
  tokens: "tok",
  "tokens/s": "tok/s",
};

/**
 * The audit unit of a data field's values; null when the field states no unit. Throws for a unit
 * the audit does not know (add it to DATA_UNITS).
 */
export function dataUnit(fieldUnit: string | undefined): string | null {
  if (fieldUnit === undefined || fieldUnit === "") return null;
  const u = DATA_UNITS[fieldUnit];
  if (u === undefined) throw new RangeError(`data unit ${JSON.stringify(fieldUnit)} has no audit unit; add it to DATA_UNITS in lib/audit/units.ts`);
  return u;
}
