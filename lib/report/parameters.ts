/**
 * Checks of a notebook's parameters, in the reader's words: an error names the parameter as the
 * parameters cell spells it, the value and the rule (not the name a lib function gives it).
 */
import { ModelInputError } from "../models/validate";

/** A whole number in [min, max]; returns it. */
export function wholeNumber(parameter: string, value: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ModelInputError(parameter, value, `must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`);
  }
  return value;
}
