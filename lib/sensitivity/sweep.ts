/**
 * Sweeps: an output over a grid of one input (a line) or two (a heatmap, long format), and the
 * point in one input where a decision flips.
 *
 * Outputs may be null ("never", e.g. no break-even); they are kept as null, never Infinity/NaN.
 */
import * as aq from "arquero";
import { ModelInputError } from "../models/validate";

/**
 * count evenly spaced values from min to max inclusive.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(min: number, max: number, count: number): number[] {
  checkGrid(min, max, count);
  if (count === 1) return [min];
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? max : min + ((max - min) * i) / (count - 1)));
}

/**
 * count values from min to max inclusive with a constant ratio (for volumes, prices).
 * @example logspace(1e6, 1e9, 4) // [1e6, 1e7, 1e8, 1e9]
 */
export function logspace(min: number, max: number, count: number): number[] {
  checkGrid(min, max, count);
  if (!(min > 0 && max > 0)) throw new ModelInputError("logspace", `[${min}, ${max}]`, "min and max must be > 0");
  return linspace(Math.log10(min), Math.log10(max), count).map((e, i) => (i === 0 ? min : i === count - 1 ? max : 10 ** e));
}

function checkGrid(min: number, max: number, count: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new ModelInputError("grid", `[${min}, ${max}]`, "min and max must be finite");
  if (!Number.isInteger(count) || count < 1) throw new ModelInputError("count", count, "must be a whole number ≥ 1");
}

function checked(y: number | null, where: string): number | null {
  if (y === null) return null;
  if (typeof y !== "number" || !Number.isFinite(y)) {
    throw new ModelInputError("output", y, `at ${where}: return a finite number, or null for "never" (not Infinity or NaN)`);
  }
  return y;
}

export interface SweepRow {
  readonly value: number;
  /** null: the model gives no value there ("never"). */
  readonly output: number | null;
}

/**
 * f at every value.
 * @example sweep((u) => 1 / u, [0.5, 1]) // [{ value: 0.5, output: 2 }, { value: 1, output: 1 }]
 */
export function sweep(f: (x: number) => number | null, values: ArrayLike<number>): SweepRow[] {
  const rows: SweepRow[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    rows.push({ value: x, output: checked(f(x), `value ${x}`) });
  }
  return rows;
}

export interface Sweep2DRow {
  readonly x: number;
  readonly y: number;
  readonly output: number | null;
}

/**
 * f over the grid xs × ys, long format (one row per cell, x varying fastest within each y),
 * ready for a heatmap (e.g. Plot.cell with x, y, fill: "output").
 */
export function sweep2d(f: (x: number, y: number) => number | null, xs: ArrayLike<number>, ys: ArrayLike<number>): Sweep2DRow[] {
  const rows: Sweep2DRow[] = [];
  for (let j = 0; j < ys.length; j++) {
    const y = ys[j];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      rows.push({ x, y, output: checked(f(x, y), `x = ${x}, y = ${y}`) });
    }
  }
  return rows;
}

/** A 1-D sweep as an arquero table, with the columns named (default "value", "output"). */
export function sweepTable(rows: readonly SweepRow[], names: { readonly value?: string; readonly output?: string } = {}): aq.ColumnTable {
  return aq.table({ [names.value ?? "value"]: rows.map((r) => r.value), [names.output ?? "output"]: rows.map((r) => r.output) });
}

/** A 2-D sweep as an arquero table, with the columns named (default "x", "y", "output"). */
export function sweep2dTable(rows: readonly Sweep2DRow[], names: { readonly x?: string; readonly y?: string; readonly output?: string } = {}): aq.ColumnTable {
  return aq.table({
    [names.x ?? "x"]: rows.map((r) => r.x),
    [names.y ?? "y"]: rows.map((r) => r.y),
    [names.output ?? "output"]: rows.map((r) => r.output),
  });
}

export interface FlipPointOptions {
  /** Stop when the bracket is narrower than this. Default 0: bisect to the precision of a double (about 55 steps). */
  readonly tolerance?: number;
  /** Bisection steps at most. Default 200. */
  readonly maxIterations?: number;
  /**
   * Look for the first sign change on a grid of this many intervals from lo to hi before
   * bisecting (for functions that change sign more than once). Default 1: only lo and hi.
   */
  readonly steps?: number;
}

function side(g: (x: number) => number | boolean, x: number): number {
  const v = g(x);
  if (typeof v === "boolean") return v ? 1 : -1;
  if (typeof v !== "number" || Number.isNaN(v)) throw new ModelInputError("flipPoint", v, `g(${x}) must be a number or a boolean`);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/**
 * The value of one input in [lo, hi] at which a decision flips: where g changes sign (a number,
 * e.g. self-hosted cost − API price) or truth (a boolean, e.g. "self-hosting is cheaper"), by
 * bisection. Returns null when g has the same sign at every point examined (no flip in range).
 * With `steps`, the first flip from lo on that grid is the one found.
 *
 * @example flipPoint((u) => cost(u) - apiPrice, 0.01, 1) // the break-even utilization
 */
export function flipPoint(g: (x: number) => number | boolean, lo: number, hi: number, options: FlipPointOptions = {}): number | null {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new ModelInputError("flipPoint", `[${lo}, ${hi}]`, "needs finite lo < hi");
  const steps = options.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw new ModelInputError("steps", steps, "must be a whole number ≥ 1");
  const tolerance = options.tolerance ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  let a = lo;
  let sa = side(g, a);
  if (sa === 0) return a;
  for (let k = 1; k <= steps; k++) {
    const b = k === steps ? hi : lo + ((hi - lo) * k) / steps;
    const sb = side(g, b);
    if (sb === 0) return b;
    if (sb !== sa) return bisect(g, a, b, sa, tolerance, maxIterations);
    a = b;
    sa = sb;
  }
  return null;
}

function bisect(g: (x: number) => number | boolean, a: number, b: number, sa: number, tolerance: number, maxIterations: number): number {
  for (let i = 0; i < maxIterations && b - a > tolerance; i++) {
    const m = a + (b - a) / 2;
    if (m <= a || m >= b) break;
    const sm = side(g, m);
    if (sm === 0) return m;
    if (sm === sa) a = m;
    else b = m;
  }
  return a + (b - a) / 2;
}
