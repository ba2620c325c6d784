/**
 * One-at-a-time sensitivity (a tornado chart): move each input alone from its low to its high
 * value, all others at the base case, and rank inputs by how far the output swings.
 *
 * The output may be "never" (no break-even): the function returns null for it, and the row says
 * which end reached it instead of carrying Infinity or NaN.
 */
import * as aq from "arquero";
import { ModelInputError } from "../models/validate";

/** A scalar model: inputs by name → a number, or null for "no value" (e.g. break-even never). */
export type ScalarModel<K extends string> = (inputs: Readonly<Record<K, number>>) => number | null;

/** Which ends of an input's range give no value. */
export type NeverAt = "none" | "low" | "high" | "both";

export interface TornadoRow {
  readonly input: string;
  readonly low: number;
  readonly high: number;
  /** Output with this input at `low` (others at base); null when the model gives none (never). */
  readonly outputAtLow: number | null;
  readonly outputAtHigh: number | null;
  /** |outputAtHigh − outputAtLow|; null when either end is null (see `never`). */
  readonly swing: number | null;
  /** Which end(s) reached "never". */
  readonly never: NeverAt;
}

export interface TornadoResult {
  /** Output at the base case (null: never). */
  readonly base: number | null;
  /**
   * Rows, most influential first: inputs that reach "never" at one or both ends come first (they
   * change the answer's kind, not just its size), in the order given; then by swing, largest
   * first (ties in the order given).
   */
  readonly rows: readonly TornadoRow[];
}

function evaluate<K extends string>(f: ScalarModel<K>, inputs: Record<K, number>, label: string): number | null {
  const y = f(inputs);
  if (y === null) return null;
  if (typeof y !== "number" || !Number.isFinite(y)) {
    throw new ModelInputError("output", y, `at ${label}: the model must return a finite number, or null for "never" (not Infinity or NaN)`);
  }
  return y;
}

/**
 * Runs the tornado: for each input in `ranges` (in order), f at [low, high] with every other
 * input at `base`.
 *
 * @example tornado(({ a, b }) => 2 * a + b, { a: 1, b: 1 }, { a: [0, 2], b: [0, 1] }).rows
 *   // a: outputs 1 and 5, swing 4; then b: outputs 2 and 3, swing 1
 */
export function tornado<K extends string>(
  f: ScalarModel<K>,
  base: Readonly<Record<K, number>>,
  ranges: Readonly<Partial<Record<K, readonly [number, number]>>>,
): TornadoResult {
  for (const [name, v] of Object.entries(base) as [string, number][]) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ModelInputError(`base.${name}`, v, "must be a finite number");
  }
  const baseOut = evaluate(f, { ...base }, "the base case");
  const rows: (TornadoRow & { order: number })[] = [];
  (Object.entries(ranges) as [K, readonly [number, number] | undefined][]).forEach(([name, range], order) => {
    if (range === undefined) return;
    if (!(name in base)) throw new ModelInputError(String(name), range, "has a range but no base value");
    const [low, high] = range;
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new ModelInputError(`${name}.range`, `[${low}, ${high}]`, "low and high must be finite numbers");
    const atLow = evaluate(f, { ...base, [name]: low } as Record<K, number>, `${name} = ${low}`);
    const atHigh = evaluate(f, { ...base, [name]: high } as Record<K, number>, `${name} = ${high}`);
    const never: NeverAt = atLow === null ? (atHigh === null ? "both" : "low") : atHigh === null ? "high" : "none";
    rows.push({
      input: name,
      low,
      high,
      outputAtLow: atLow,
      outputAtHigh: atHigh,
      swing: atLow === null || atHigh === null ? null : Math.abs(atHigh - atLow),
      never,
      order,
    });
  });
  rows.sort((a, b) => {
    const an = a.swing === null ? 1 : 0;
    const bn = b.swing === null ? 1 : 0;
    if (an !== bn) return bn - an;
    if (a.swing !== null && b.swing !== null && a.swing !== b.swing) return b.swing - a.swing;
    return a.order - b.order;
  });
  return { base: baseOut, rows: rows.map(({ order: _order, ...row }) => row) };
}

/**
 * Ranges of ± a fraction around the base: { x: [x × (1 − fraction), x × (1 + fraction)] } for the
 * given keys (default all).
 * @example relativeRanges({ hardwareUsd: 3500, lifeMonths: 36 }, 0.2) // { hardwareUsd: [2800, 4200], lifeMonths: [28.8, 43.2] }
 */
export function relativeRanges<K extends string>(base: Readonly<Record<K, number>>, fraction: number, keys?: readonly K[]): Record<K, [number, number]> {
  if (!(fraction >= 0 && Number.isFinite(fraction))) throw new ModelInputError("fraction", fraction, "must be a finite number ≥ 0");
  const out = {} as Record<K, [number, number]>;
  for (const k of keys ?? (Object.keys(base) as K[])) {
    const v = base[k];
    out[k] = [v * (1 - fraction), v * (1 + fraction)];
  }
  return out;
}

/** The rows as an arquero table (columns input, low, high, outputAtLow, outputAtHigh, swing, never); nulls stay null. */
export function tornadoTable(result: TornadoResult): aq.ColumnTable {
  const r = result.rows;
  return aq.table({
    input: r.map((x) => x.input),
    low: r.map((x) => x.low),
    high: r.map((x) => x.high),
    outputAtLow: r.map((x) => x.outputAtLow),
    outputAtHigh: r.map((x) => x.outputAtHigh),
    swing: r.map((x) => x.swing),
    never: r.map((x) => x.never),
  });
}
