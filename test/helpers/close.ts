import { expect } from "vitest";

/** Asserts |actual − expected| ≤ relative tolerance × |expected| (default 1e-9). */
export function expectClose(actual: number, expected: number, relative = 1e-9): void {
  const tolerance = Math.abs(expected) * relative;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${relative * 100}% of ${expected}`);
  }
}
