/**
 * A seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna, 2018), 128 bits of
 * state in four 32-bit words, seeded from one number through splitmix32 so that nearby seeds
 * give unrelated streams. Same seed → same stream, on every platform (32-bit integer
 * arithmetic only).
 *
 * Doubles are built from two 32-bit outputs (27 + 26 bits), so `next()` returns a multiple of
 * 2^-53 in [0, 1), like `Math.random()` and numpy's `random()`.
 *
 * Bulk sampling of distributions (see `sampleInto`) uses one 32-bit output per draw instead:
 * u = (k + 0.5) × 2^-32 for the output k, strictly inside (0, 1) on a grid of 2^32 points
 * ({@link Rng.nextUniform32}, {@link Rng.fillUniform32}). That resolution (2.3e-10) is far
 * below any input's uncertainty and the sampling error of any feasible study (√(1/n) ≥ 3e-5
 * even at n = 10^9), and it halves the generator's work.
 *
 * Normal draws use the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005 form with
 * 128 layers, the layer index taken from bits not used by the uniform): two 32-bit outputs per
 * draw 99% of the time.
 *
 * For speed, fill whole Float64Arrays with {@link Rng.fillUniform} / {@link Rng.fillNormal}:
 * the state stays in local variables for the loop (a few ns per draw).
 */

import { EXP_POW2, EXP_TABLE, fastExp as importedFastExp } from "./fast-exp";

const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_52 = 2 / 9007199254740992;
const TWO_POW_26 = 67108864;
/** 2^-32 and 2^-33: u = k × 2^-32 + 2^-33 is the midpoint of the k-th of 2^32 equal cells of [0, 1). */
export const TWO_POW_MINUS_32 = 1 / 4294967296;
export const TWO_POW_MINUS_33 = 0.5 / 4294967296;

// Ziggurat tables (Doornik, "An improved ziggurat method to generate normal random samples", 2005).
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  ZIG_X[ZIG_LAYERS] = 0;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1] + f));
    f = Math.exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i];
}
/** Draws are generated in blocks of this many (16 KB, stays in L1 cache). */
export const RNG_BLOCK = 2048;
const BLOCK = RNG_BLOCK;
const U_BLOCK = new Float64Array(BLOCK);
const Z_BLOCK = new Float64Array(BLOCK);


function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) | 0];
}

// fastExp's tables and steps, bound locally (an imported binding is a getter call under a
// CommonJS transpiler such as tsx or tslab: too slow inside a loop).
const fastExp = importedFastExp;
const EXP_T = EXP_TABLE;
const EXP_P = EXP_POW2;
const INV_LN2_64 = 64 / Math.LN2;
const LN2_64_HI = 6.9314718036912381649e-1 / 64;
const LN2_64_LO = 1.90821492927058770002e-10 / 64;
const EXP_SHIFT = 6755399441055744;

/** A snapshot of a generator's state, to resume a stream exactly. */
export type RngState = readonly [number, number, number, number];

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /**
   * @param seed any finite number; integers up to 2^53 are distinct seeds (both halves are mixed in).
   */
  constructor(seed: number) {
    if (typeof seed !== "number" || !Number.isFinite(seed)) throw new RangeError(`seed = ${String(seed)}: must be a finite number`);
    const lo = seed | 0;
    const hi = Math.floor(seed / 4294967296) | 0;
    let st = lo ^ Math.imul(hi, 0x632be5ab);
    let w: number;
    [st, w] = splitmix32(st);
    this.s0 = w;
    [st, w] = splitmix32(st);
    this.s1 = w;
    [st, w] = splitmix32(st);
    this.s2 = w;
    [st, w] = splitmix32(st);
    this.s3 = w;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the one forbidden state
  }

  /** A generator resumed from a {@link RngState}. */
  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    r.s0 = state[0] | 0;
    r.s1 = state[1] | 0;
    r.s2 = state[2] | 0;
    r.s3 = state[3] | 0;
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) throw new RangeError("state: all-zero is not a valid xoshiro128** state");
    return r;
  }

  /** The current state (the stream continues from here in {@link Rng.fromState}). */
  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** A copy that will produce the same stream as this one from now on. */
  clone(): Rng {
    return Rng.fromState(this.state());
  }

  /** An independent generator seeded from this stream (advances this one by two outputs). */
  fork(): Rng {
    return new Rng(this.nextUint32() * 2097152 + (this.nextUint32() >>> 11));
  }

  /** The next 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1;
    let s2 = this.s2, s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  /** A double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  /**
   * A double in (0, 1) from one 32-bit output k: (k + 0.5) × 2^-32 (see the file comment);
   * the same value {@link Rng.fillUniform32} gives next.
   */
  nextUniform32(): number {
    return this.nextUint32() * TWO_POW_MINUS_32 + TWO_POW_MINUS_33;
  }

  /** Fills out[start, end) with the same values, in the same order, as repeated {@link Rng.nextUniform32}. */
  fillUniform32(out: Float64Array, start = 0, end = out.length): Float64Array {
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
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
      out[i] = k * TWO_POW_MINUS_32 + TWO_POW_MINUS_33;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /**
   * Copies the state into st[0..3], for kernels that keep it in local variables (with
   * {@link Rng.restoreState} afterwards): how the samplers in distributions.ts fuse drawing and
   * transforming in one loop.
   * @internal
   */
  saveState(st: Int32Array): void {
    st[0] = this.s0;
    st[1] = this.s1;
    st[2] = this.s2;
    st[3] = this.s3;
  }

  /** Sets the state from st[0..3] (see {@link Rng.saveState}). @internal */
  restoreState(st: Int32Array): void {
    this.s0 = st[0];
    this.s1 = st[1];
    this.s2 = st[2];
    this.s3 = st[3];
  }

  /** An integer in [0, n), n ≥ 1 (n up to 2^53). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal draw (ziggurat); the same value `fillNormal` would give next. */
  normal(): number {
    return this.normalBlock(1)[0];
  }

  /**
   * Fills out[start, end) with doubles in [0, 1): the same values, in the same order, as
   * repeated `next()`.
   */
  fillUniform(out: Float64Array, start = 0, end = out.length): Float64Array {
    for (let pos = start; pos < end; pos += BLOCK) {
      const count = Math.min(BLOCK, end - pos);
      const block = this.uniformBlock(count);
      out.set(count === BLOCK ? block : block.subarray(0, count), pos);
    }
    return out;
  }

  /** Fills out[start, end) with standard normal draws (ziggurat), the same values as repeated `normal()`. */
  fillNormal(out: Float64Array, start = 0, end = out.length): Float64Array {
    for (let pos = start; pos < end; pos += BLOCK) {
      const count = Math.min(BLOCK, end - pos);
      const block = this.normalBlock(count);
      out.set(count === BLOCK ? block : block.subarray(0, count), pos);
    }
    return out;
  }

  /**
   * The next `count` (≤ {@link RNG_BLOCK}) uniform doubles in a shared buffer, valid until the
   * next call of any generator's uniformBlock: the fastest way to draw (V8 optimizes a loop over
   * a fixed module-level buffer better than over an array passed in).
   */
  uniformBlock(count: number): Float64Array {
    if (!(count >= 0 && count <= BLOCK)) throw new RangeError(`count = ${count}: must be between 0 and ${BLOCK}`);
    const out = U_BLOCK;
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
    for (let i = 0; i < count; i++) {
      // first output: 27 high bits
      let m = Math.imul(s1, 5);
      const a = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // second output: 26 low bits
      m = Math.imul(s1, 5);
      const b = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = (a * TWO_POW_26 + b) * TWO_POW_MINUS_53;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** The next `count` (≤ {@link RNG_BLOCK}) standard normal draws in a shared buffer; see {@link Rng.uniformBlock}. */
  normalBlock(count: number): Float64Array {
    if (!(count >= 0 && count <= BLOCK)) throw new RangeError(`count = ${count}: must be between 0 and ${BLOCK}`);
    const out = Z_BLOCK;
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
    for (let i = 0; i < count; i++) {
      let m = Math.imul(s1, 5);
      const a = Math.imul((m << 7) | (m >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const b = Math.imul((m << 7) | (m >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // u uniform on [−1, 1) from the top 27 + 26 bits; the layer from 7 of the remaining low bits
      const u = ((a >>> 5) * TWO_POW_26 + (b >>> 6)) * TWO_POW_MINUS_52 - 1;
      const layer = (a & 31) | ((b & 3) << 5);
      if (Math.abs(u) < ZIG_RATIO[layer]) {
        out[i] = u * ZIG_X[layer];
      } else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[i] = this.zigguratSlow(u, layer);
        s0 = this.s0 | 0;
        s1 = this.s1 | 0;
        s2 = this.s2 | 0;
        s3 = this.s3 | 0;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /**
   * Fills out[start, end) with lognormal draws median × e^(sigma × z), z the same standard
   * normals, in the same order, as {@link Rng.fillNormal} (two 32-bit outputs per draw 99% of
   * the time) and e^x as {@link fastExp}: drawing and transforming in one loop.
   */
  fillLognormal(out: Float64Array, start: number, end: number, median: number, sigma: number): Float64Array {
    // blocks: short first calls give V8 the loop's type feedback before it optimizes it
    for (let pos = start; pos < end; pos += BLOCK) this.lognormalRun(out, pos, Math.min(end, pos + BLOCK), median, sigma);
    return out;
  }

  private lognormalRun(out: Float64Array, start: number, end: number, median: number, sigma: number): void {
    let s0 = this.s0 | 0, s1 = this.s1 | 0, s2 = this.s2 | 0, s3 = this.s3 | 0;
    for (let i = start; i < end; i++) {
      let m = Math.imul(s1, 5);
      const a = Math.imul((m << 7) | (m >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const b = Math.imul((m << 7) | (m >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const u = ((a >>> 5) * TWO_POW_26 + (b >>> 6)) * TWO_POW_MINUS_52 - 1;
      const layer = (a & 31) | ((b & 3) << 5);
      let z: number;
      if (Math.abs(u) < ZIG_RATIO[layer]) {
        z = u * ZIG_X[layer];
      } else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        z = this.zigguratSlow(u, layer);
        s0 = this.s0 | 0;
        s1 = this.s1 | 0;
        s2 = this.s2 | 0;
        s3 = this.s3 | 0;
      }
      const x = sigma * z;
      if (x > -700 && x < 700) {
        const kd = x * INV_LN2_64 + EXP_SHIFT - EXP_SHIFT;
        const k = kd | 0;
        const r = x - kd * LN2_64_HI - kd * LN2_64_LO;
        const p = 1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * 0.008333333333333333))));
        out[i] = median * (EXP_T[k & 63] * EXP_P[(k >> 6) + 1100] * p);
      } else out[i] = median * fastExp(x);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** The ziggurat's rare path (about 1% of draws): the wedge test, the tail, or a fresh try. */
  private zigguratSlow(u: number, layer: number): number {
    for (;;) {
      if (layer === 0) {
        // the tail beyond R (Marsaglia 1964)
        let x: number, y: number;
        do {
          x = Math.log(1 - this.next()) / ZIG_R;
          y = Math.log(1 - this.next());
        } while (-2 * y < x * x);
        return u < 0 ? x - ZIG_R : ZIG_R - x;
      }
      const x = u * ZIG_X[layer];
      const f0 = Math.exp(-0.5 * (ZIG_X[layer] * ZIG_X[layer] - x * x));
      const f1 = Math.exp(-0.5 * (ZIG_X[layer + 1] * ZIG_X[layer + 1] - x * x));
      if (f1 + this.next() * (f0 - f1) < 1) return x;
      const a = this.nextUint32();
      const b = this.nextUint32();
      u = ((a >>> 5) * TWO_POW_26 + (b >>> 6)) * TWO_POW_MINUS_52 - 1;
      layer = (a & 31) | ((b & 3) << 5);
      if (Math.abs(u) < ZIG_RATIO[layer]) return u * ZIG_X[layer];
    }
  }
}

/** A seeded generator: `rng(42).next()` is the same number on every run. */
export function rng(seed: number): Rng {
  return new Rng(seed);
}
