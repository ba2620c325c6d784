/**
 * Uncertain inputs as plain objects, their inverse CDFs, and fast sampling into Float64Arrays.
 *
 * Uniform, triangular and empirical draws are by inversion, `quantile(dist, u)` with u uniform
 * on (0, 1) from one 32-bit output of the seeded {@link Rng} (resolution 2^-32); lognormal draws are median × e^(sigma × z) with z from
 * the ziggurat (faster than inverting the normal CDF). Same seed → same draws. Latin hypercube
 * and other designs that place their own probabilities use {@link quantiles}.
 */
import { ModelInputError } from "../models/validate";
import { quantileNormal } from "./normal";
import { RNG_BLOCK, type Rng } from "./rng";

/** Every value in [min, max] equally likely. */
export interface Uniform {
  readonly kind: "uniform";
  readonly min: number;
  readonly max: number;
}

/** A triangle from min to max peaking at mode (the usual "low / likely / high" estimate). */
export interface Triangular {
  readonly kind: "triangular";
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

/**
 * ln X ~ Normal(ln median, sigma): `median` is e^μ (half the draws fall below it) and `sigma`
 * is the standard deviation of ln X (0.25 ≈ ±25% for one standard deviation). Same as numpy's
 * `lognormal(mean=log(median), sigma=sigma)`. The mean is median × e^(sigma²/2).
 */
export interface Lognormal {
  readonly kind: "lognormal";
  readonly median: number;
  readonly sigma: number;
}

/** A fixed value (an input held still). */
export interface Constant {
  readonly kind: "constant";
  readonly value: number;
}

/**
 * Values observed in data (quotes, benchmark runs, price lists):
 * - method "resample" (default): each draw is one of the values, equally likely (bootstrap);
 * - method "range": uniform between the smallest and the largest value, for a handful of
 *   figures that bound a parameter rather than sample it.
 * The values are sorted once per array and cached: pass a new array rather than changing one.
 */
export interface Empirical {
  readonly kind: "empirical";
  readonly values: readonly number[];
  readonly method?: "resample" | "range";
}

export type Distribution = Uniform | Triangular | Lognormal | Constant | Empirical;

/** Uniform on [min, max]. */
export function uniform(min: number, max: number): Uniform {
  return { kind: "uniform", min, max };
}

/** Triangular with min ≤ mode ≤ max. */
export function triangular(min: number, mode: number, max: number): Triangular {
  return { kind: "triangular", min, mode, max };
}

/** Lognormal with the given median and log-space standard deviation. */
export function lognormal(median: number, sigma: number): Lognormal {
  return { kind: "lognormal", median, sigma };
}

/**
 * Lognormal whose 5th and 95th percentiles are low and high:
 * median = √(low × high), sigma = ln(high / low) / (2 × 1.6449).
 * @example lognormalFrom90(0.12, 0.30) // median 0.190, sigma 0.279
 */
export function lognormalFrom90(low: number, high: number): Lognormal {
  if (!(low > 0 && high > low && Number.isFinite(high))) {
    throw new ModelInputError("lognormalFrom90", `[${low}, ${high}]`, "needs 0 < low < high");
  }
  return { kind: "lognormal", median: Math.sqrt(low * high), sigma: Math.log(high / low) / (2 * quantileNormal(0.95)) };
}

/** A fixed value. */
export function constant(value: number): Constant {
  return { kind: "constant", value };
}

/** Observed values, resampled (default) or spanned uniformly ("range"). */
export function empirical(values: readonly number[], method: "resample" | "range" = "resample"): Empirical {
  return { kind: "empirical", values, method };
}

function finiteField(parameter: string, field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ModelInputError(`${parameter}.${field}`, value, "must be a finite number");
  }
  return value;
}

/**
 * Checks a distribution and returns it; the error names the parameter and the field:
 * `hardwareUsd.mode = 5000: must be between min = 3000 and max = 4200`.
 */
export function validateDistribution(parameter: string, dist: Distribution): Distribution {
  if (dist === null || typeof dist !== "object") {
    throw new ModelInputError(parameter, dist, 'must be a distribution object such as { kind: "uniform", min, max }');
  }
  switch (dist.kind) {
    case "uniform": {
      const min = finiteField(parameter, "min", dist.min);
      const max = finiteField(parameter, "max", dist.max);
      if (max < min) throw new ModelInputError(`${parameter}.max`, max, `must be ≥ min = ${min}`);
      return dist;
    }
    case "triangular": {
      const min = finiteField(parameter, "min", dist.min);
      const mode = finiteField(parameter, "mode", dist.mode);
      const max = finiteField(parameter, "max", dist.max);
      if (max < min) throw new ModelInputError(`${parameter}.max`, max, `must be ≥ min = ${min}`);
      if (mode < min || mode > max) throw new ModelInputError(`${parameter}.mode`, mode, `must be between min = ${min} and max = ${max}`);
      return dist;
    }
    case "lognormal": {
      const median = finiteField(parameter, "median", dist.median);
      const sigma = finiteField(parameter, "sigma", dist.sigma);
      if (median <= 0) throw new ModelInputError(`${parameter}.median`, median, "must be > 0 (it is e^μ, not μ)");
      if (sigma < 0) throw new ModelInputError(`${parameter}.sigma`, sigma, "must be ≥ 0");
      return dist;
    }
    case "constant":
      finiteField(parameter, "value", dist.value);
      return dist;
    case "empirical": {
      if (!Array.isArray(dist.values) || dist.values.length === 0) {
        throw new ModelInputError(`${parameter}.values`, dist.values, "must be a non-empty array of numbers");
      }
      dist.values.forEach((v, i) => finiteField(parameter, `values[${i}]`, v));
      const method = dist.method ?? "resample";
      if (method !== "resample" && method !== "range") {
        throw new ModelInputError(`${parameter}.method`, method, 'must be "resample" or "range"');
      }
      return dist;
    }
    default:
      throw new ModelInputError(
        `${parameter}.kind`,
        (dist as { kind: unknown }).kind,
        'must be "uniform", "triangular", "lognormal", "constant" or "empirical"',
      );
  }
}

/** Smallest and largest possible draw (lognormal: 0 and +Infinity). */
export function support(dist: Distribution): { readonly min: number; readonly max: number } {
  switch (dist.kind) {
    case "uniform":
    case "triangular":
      return { min: dist.min, max: dist.max };
    case "lognormal":
      return dist.sigma === 0 ? { min: dist.median, max: dist.median } : { min: 0, max: Infinity };
    case "constant":
      return { min: dist.value, max: dist.value };
    case "empirical": {
      let min = Infinity;
      let max = -Infinity;
      for (const v of dist.values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { min, max };
    }
  }
}

/** Analytical mean and variance (empirical "resample": of the values, population variance). */
export function moments(dist: Distribution): { readonly mean: number; readonly variance: number } {
  switch (dist.kind) {
    case "uniform":
      return { mean: (dist.min + dist.max) / 2, variance: (dist.max - dist.min) ** 2 / 12 };
    case "triangular": {
      const { min: a, mode: c, max: b } = dist;
      return { mean: (a + b + c) / 3, variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18 };
    }
    case "lognormal": {
      const s2 = dist.sigma * dist.sigma;
      return { mean: dist.median * Math.exp(s2 / 2), variance: dist.median * dist.median * Math.exp(s2) * (Math.exp(s2) - 1) };
    }
    case "constant":
      return { mean: dist.value, variance: 0 };
    case "empirical": {
      if ((dist.method ?? "resample") === "range") {
        const s = support(dist);
        return { mean: (s.min + s.max) / 2, variance: (s.max - s.min) ** 2 / 12 };
      }
      const n = dist.values.length;
      const mean = dist.values.reduce((a, v) => a + v, 0) / n;
      return { mean, variance: dist.values.reduce((a, v) => a + (v - mean) ** 2, 0) / n };
    }
  }
}

const sortedCache = new WeakMap<readonly number[], Float64Array>();

function sortedValues(values: readonly number[]): Float64Array {
  let s = sortedCache.get(values);
  if (s === undefined || s.length !== values.length) {
    s = Float64Array.from(values).sort();
    sortedCache.set(values, s);
  }
  return s;
}

function checkP(p: number): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new ModelInputError("p", p, "must be a probability between 0 and 1");
  return p;
}

/**
 * Inverse CDF: the value below which a fraction p of draws fall (p in [0, 1]).
 * Empirical "resample" is the step function sorted[min(⌊p × k⌋, k − 1)] over the k values, so that
 * quantile(dist, U) with U uniform picks each value with probability 1/k.
 *
 * @example quantile({ kind: "triangular", min: 3000, mode: 3500, max: 4200 }, 0.5) // 4200 − √(0.5 × 1200 × 700) = 3551.93
 */
export function quantile(dist: Distribution, p: number): number {
  checkP(p);
  validateDistribution("dist", dist);
  return quantileUnchecked(dist, p);
}

function quantileUnchecked(dist: Distribution, p: number): number {
  switch (dist.kind) {
    case "uniform":
      return dist.min + (dist.max - dist.min) * p;
    case "triangular": {
      const { min, mode, max } = dist;
      const w = max - min;
      if (w === 0) return min;
      const left = (mode - min) / w;
      return p < left ? min + Math.sqrt(p * w * (mode - min)) : max - Math.sqrt((1 - p) * w * (max - mode));
    }
    case "lognormal":
      return dist.median * Math.exp(dist.sigma * quantileNormal(p));
    case "constant":
      return dist.value;
    case "empirical": {
      const s = sortedValues(dist.values);
      if ((dist.method ?? "resample") === "range") return s[0] + (s[s.length - 1] - s[0]) * p;
      return s[Math.min(Math.floor(p * s.length), s.length - 1)];
    }
  }
}

// Kernels: small monomorphic loops over numbers only (V8 optimizes these far better than one
// loop per case inside a switch over distribution objects).

function uniformKernel(ps: Float64Array, psStart: number, out: Float64Array, outStart: number, count: number, min: number, width: number): void {
  const d = outStart - psStart;
  const end = psStart + count;
  for (let i = psStart; i < end; i++) out[i + d] = min + width * ps[i];
}

function triangularKernel(
  ps: Float64Array,
  psStart: number,
  out: Float64Array,
  outStart: number,
  count: number,
  min: number,
  max: number,
  left: number,
  kl: number,
  kr: number,
): void {
  const d = outStart - psStart;
  const end = psStart + count;
  for (let i = psStart; i < end; i++) {
    const p = ps[i];
    // both branches, then a select: about 2× faster than branching on a coin flip
    const lo = min + Math.sqrt(p * kl);
    const hi = max - Math.sqrt((1 - p) * kr);
    out[i + d] = p < left ? lo : hi;
  }
}

function lognormalInverseKernel(ps: Float64Array, psStart: number, out: Float64Array, outStart: number, count: number, median: number, sigma: number): void {
  const d = outStart - psStart;
  const end = psStart + count;
  for (let i = psStart; i < end; i++) {
    const p = ps[i];
    out[i + d] = median * Math.exp(sigma * quantileNormal(p === 0 ? 5.551115123125783e-17 : p));
  }
}

function stepKernel(ps: Float64Array, psStart: number, out: Float64Array, outStart: number, count: number, sorted: Float64Array): void {
  const d = outStart - psStart;
  const end = psStart + count;
  const k = sorted.length;
  const last = k - 1;
  for (let i = psStart; i < end; i++) {
    const j = Math.floor(ps[i] * k);
    out[i + d] = sorted[j < last ? j : last];
  }
}

/**
 * out[outStart + i] = quantile(dist, ps[psStart + i]) for i < count, without checks (ps in
 * [0, 1); a lognormal's p = 0 is replaced by 2^-54 so that no value is exactly 0).
 */
function mapQuantiles(dist: Distribution, ps: Float64Array, psStart: number, out: Float64Array, outStart: number, count: number): void {
  switch (dist.kind) {
    case "uniform":
      return uniformKernel(ps, psStart, out, outStart, count, dist.min, dist.max - dist.min);
    case "triangular": {
      const { min, mode, max } = dist;
      const w = max - min;
      if (w === 0) {
        out.fill(min, outStart, outStart + count);
        return;
      }
      return triangularKernel(ps, psStart, out, outStart, count, min, max, (mode - min) / w, w * (mode - min), w * (max - mode));
    }
    case "lognormal":
      return lognormalInverseKernel(ps, psStart, out, outStart, count, dist.median, dist.sigma);
    case "constant":
      out.fill(dist.value, outStart, outStart + count);
      return;
    case "empirical": {
      const s = sortedValues(dist.values);
      if ((dist.method ?? "resample") === "range") return uniformKernel(ps, psStart, out, outStart, count, s[0], s[s.length - 1] - s[0]);
      return stepKernel(ps, psStart, out, outStart, count, s);
    }
  }
}


/**
 * Maps probabilities to values, into `out` (default: in place): out[i] = quantile(dist, ps[i]),
 * one pass without per-element checks (ps must lie in [0, 1]).
 */
export function quantiles(dist: Distribution, ps: Float64Array, out: Float64Array = ps, parameter = "dist"): Float64Array {
  validateDistribution(parameter, dist);
  const n = ps.length;
  if (out.length < n) throw new RangeError(`${parameter}: out has ${out.length} slots for ${n} probabilities`);
  mapQuantiles(dist, ps, 0, out, 0, n);
  return out;
}


/**
 * n independent draws into out[0, n) (allocated when not given). Uniform, triangular,
 * empirical: out[i] = quantile(dist, u_i) with u_i = (k_i + 0.5) × 2^-32 from one 32-bit
 * output k_i of `rng` per draw (the values of `rng.fillUniform32`); lognormal:
 * median × e^(sigma × z_i) with z_i from `rng.fillNormal`. Constants draw nothing from the stream.
 * Each draw is made and transformed in one loop, the generator's state in local variables.
 *
 * @example sample({ kind: "uniform", min: 24, max: 48 }, rng(42), 1000) // Float64Array(1000)
 */
export function sample(dist: Distribution, rng: Rng, n: number, out?: Float64Array, parameter = "dist"): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new ModelInputError("n", n, "must be a whole number ≥ 0");
  validateDistribution(parameter, dist);
  const target = out ?? new Float64Array(n);
  if (target.length < n) throw new RangeError(`${parameter}: out has ${target.length} slots for ${n} draws`);
  sampleInto(dist, rng, target, 0, n);
  return target;
}

/**
 * The next `count` draws into out[start, start + count), without validation (validate once
 * with {@link validateDistribution} first). Drawing a column in pieces gives the same values as
 * drawing it at once.
 */
export function sampleInto(dist: Distribution, rng: Rng, out: Float64Array, start: number, count: number): void {
  const end = start + count;
  if (dist.kind === "constant") {
    out.fill(dist.value, start, end);
    return;
  }
  // in blocks: short calls give V8 the type feedback of the whole kernel early (one long first
  // call would be optimized mid-loop, before the code after the loop has run, and deoptimized)
  for (let pos = start; pos < end; pos += RNG_BLOCK) sampleBlock(dist, rng, out, pos, Math.min(pos + RNG_BLOCK, end));
}

function sampleBlock(dist: Distribution, rng: Rng, out: Float64Array, start: number, end: number): void {
  switch (dist.kind) {
    case "constant":
      out.fill(dist.value, start, end);
      return;
    case "uniform": {
      const w = dist.max - dist.min;
      affine32(rng, out, start, end, dist.min + w * TWO_POW_MINUS_33, w * TWO_POW_MINUS_32);
      return;
    }
    case "triangular": {
      const { min, mode, max } = dist;
      const w = max - min;
      if (w === 0) {
        // still one output per draw, so that the stream does not depend on the parameters
        affine32(rng, out, start, end, min, 0);
        return;
      }
      triangular32(rng, out, start, end, min, max, (mode - min) / w, w * (mode - min), w * (max - mode));
      return;
    }
    case "lognormal":
      rng.fillLognormal(out, start, end, dist.median, dist.sigma);
      return;
    case "empirical": {
      const s = sortedValues(dist.values);
      if ((dist.method ?? "resample") === "range") {
        const w = s[s.length - 1] - s[0];
        affine32(rng, out, start, end, s[0] + w * TWO_POW_MINUS_33, w * TWO_POW_MINUS_32);
      } else step32(rng, out, start, end, s);
      return;
    }
  }
}

// Fused samplers: the generator (xoshiro128**, as in rng.ts) stepped in local variables and
// each 32-bit output k transformed at once; u = k × 2^-32 + 2^-33.

const ST = new Int32Array(4);
// Local copies, not imports: under a CommonJS transpiler (tsx, tslab) an imported binding is a
// getter call, which would cost more than the draw itself in these loops.
const TWO_POW_MINUS_32 = 1 / 4294967296;
const TWO_POW_MINUS_33 = 0.5 / 4294967296;

/** out[i] = a + b × k_i: uniform on [min, max] with a = min + w × 2^-33, b = w × 2^-32. */
function affine32(rng: Rng, out: Float64Array, start: number, end: number, a: number, b: number): void {
  rng.saveState(ST);
  let s0 = ST[0], s1 = ST[1], s2 = ST[2], s3 = ST[3];
  for (let i = start; i < end; i++) {
    const m = Math.imul(s1, 5);
    const k = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = a + b * k;
  }
  ST[0] = s0;
  ST[1] = s1;
  ST[2] = s2;
  ST[3] = s3;
  rng.restoreState(ST);
}

/** Triangular by inversion: u < left ? min + √(u × kl) : max − √((1 − u) × kr). */
function triangular32(rng: Rng, out: Float64Array, start: number, end: number, min: number, max: number, left: number, kl: number, kr: number): void {
  rng.saveState(ST);
  let s0 = ST[0], s1 = ST[1], s2 = ST[2], s3 = ST[3];
  for (let i = start; i < end; i++) {
    const m = Math.imul(s1, 5);
    const k = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const u = k * TWO_POW_MINUS_32 + TWO_POW_MINUS_33;
    // both branches, then a select: faster than branching on a coin flip (and than selecting
    // the square root's argument first, measured)
    const lo = min + Math.sqrt(u * kl);
    const hi = max - Math.sqrt((1 - u) * kr);
    out[i] = u < left ? lo : hi;
  }
  ST[0] = s0;
  ST[1] = s1;
  ST[2] = s2;
  ST[3] = s3;
  rng.restoreState(ST);
}

/** Empirical resample: sorted[min(⌊u × k⌋, k − 1)]. */
function step32(rng: Rng, out: Float64Array, start: number, end: number, sorted: Float64Array): void {
  rng.saveState(ST);
  let s0 = ST[0], s1 = ST[1], s2 = ST[2], s3 = ST[3];
  const n = sorted.length;
  const last = n - 1;
  for (let i = start; i < end; i++) {
    const m = Math.imul(s1, 5);
    const k = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const j = Math.floor((k * TWO_POW_MINUS_32 + TWO_POW_MINUS_33) * n);
    out[i] = sorted[j < last ? j : last];
  }
  ST[0] = s0;
  ST[1] = s1;
  ST[2] = s2;
  ST[3] = s3;
  rng.restoreState(ST);
}
