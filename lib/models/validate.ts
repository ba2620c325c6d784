/**
 * Input checks shared by every model function. Each throws a {@link ModelInputError} that names
 * the parameter and the value it was given, so a bad scenario is caught where it enters.
 */

/** A model input that breaks a rule: names the parameter, the value and the rule. */
export class ModelInputError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly rule: string;
  constructor(parameter: string, value: unknown, rule: string) {
    super(`${parameter} = ${formatValue(value)}: ${rule}`);
    this.name = "ModelInputError";
    this.parameter = parameter;
    this.value = value;
    this.rule = rule;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/** A finite number (not NaN, not ±Infinity, not missing). */
export function finite(parameter: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelInputError(parameter, value, "must be a finite number");
  }
  return value;
}

/** A finite number ≥ 0. */
export function nonNegative(parameter: string, value: number): number {
  finite(parameter, value);
  if (value < 0) throw new ModelInputError(parameter, value, "must be ≥ 0");
  return value;
}

/** A finite number > 0 (anything the model divides by). */
export function positive(parameter: string, value: number): number {
  finite(parameter, value);
  if (value <= 0) throw new ModelInputError(parameter, value, "must be > 0");
  return value;
}

/** A fraction in [0, 1] (utilization, shares, efficiencies). */
export function fraction(parameter: string, value: number): number {
  finite(parameter, value);
  if (value < 0 || value > 1) throw new ModelInputError(parameter, value, "must be between 0 and 1");
  return value;
}

/** A fraction in (0, 1]: a share the model divides by. */
export function positiveFraction(parameter: string, value: number): number {
  finite(parameter, value);
  if (value <= 0 || value > 1) throw new ModelInputError(parameter, value, "must be > 0 and ≤ 1");
  return value;
}

/**
 * A result computed from valid inputs that is still not finite (an input so extreme that the
 * arithmetic overflows, e.g. lifeMonths = 1e-306): an error naming the input behind it.
 */
export function finiteResult(result: number, parameter: string, value: unknown, what: string): number {
  if (!Number.isFinite(result)) throw new ModelInputError(parameter, value, `makes ${what} overflow (${result}); use a value in a realistic range`);
  return result;
}

/** An optional number: undefined gives the default, anything else must pass the check. */
export function optional(
  check: (parameter: string, value: number) => number,
  parameter: string,
  value: number | undefined,
  fallback: number,
): number {
  return value === undefined ? fallback : check(parameter, value);
}
