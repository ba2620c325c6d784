/**
 * e^x for bulk sampling (lognormal draws), about three times faster than `Math.exp` in V8 and
 * within 5e-16 relative (2 ulp) of it over [−700, 700] (a test checks a million points).
 *
 * Tang's table method: x = (64m + j) × ln2/64 + r with |r| ≤ ln2/128, so
 * e^x = 2^m × 2^(j/64) × e^r, with e^r from a degree-5 polynomial (truncation error r^6/720 <
 * 4e-17) and 2^(j/64) and 2^m from tables. Outside [−700, 700] it defers to `Math.exp`.
 */

/** 2^(j/64) for j in [0, 64). */
export const EXP_TABLE = new Float64Array(64);
const TABLE = EXP_TABLE;
for (let j = 0; j < 64; j++) TABLE[j] = Math.pow(2, j / 64);
/** 2^m for m in [−1100, 1100), indexed by m + 1100. */
export const EXP_POW2 = new Float64Array(2200);
const POW2 = EXP_POW2;
for (let m = -1100; m < 1100; m++) POW2[m + 1100] = Math.pow(2, m);

const INV_LN2_64 = 64 / Math.LN2;
/** ln2/64 as fdlibm's two-part ln2 over 64: HI has 32 significant bits (k × HI exact for |k| < 2^21), HI + LO is ln2/64 to ~1e-27. */
const LN2_64_HI = 6.9314718036912381649e-1 / 64;
const LN2_64_LO = 1.90821492927058770002e-10 / 64;
/** 1.5 × 2^52: adding and subtracting it rounds a double to the nearest integer. */
const SHIFT = 6755399441055744;

/** e^x; see the file comment for method and accuracy. */
export function fastExp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  const kd = x * INV_LN2_64 + SHIFT - SHIFT;
  const k = kd | 0;
  const r = x - kd * LN2_64_HI - kd * LN2_64_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * 0.008333333333333333))));
  return TABLE[k & 63] * POW2[(k >> 6) + 1100] * p;
}
