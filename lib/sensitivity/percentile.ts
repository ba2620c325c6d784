/**
 * Percentiles of large Float64Arrays without a full sort: Floyd–Rivest selection on a copy,
 * several percentiles in one pass of nested partitions. Same definition as numpy's default
 * (`method="linear"`): for p in [0, 100] and n values sorted as x,
 *
 *   h = (n − 1) × p / 100,  value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋])
 *
 * +Infinity is ordered above every number (break-even "never"); a percentile that falls on or
 * interpolates towards +Infinity is +Infinity. NaN is rejected: it means a model error upstream.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges a[left..right] so that a[k] holds the value it would have if sorted, everything
 * before it is ≤ and everything after it is ≥ (Floyd & Rivest, CACM 1975, algorithm 489).
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function checkPercentiles(ps: readonly number[]): void {
  for (const p of ps) {
    if (typeof p !== "number" || !(p >= 0 && p <= 100)) throw new RangeError(`percentile ${String(p)}: must be between 0 and 100`);
  }
}

function interpolate(lo: number, hi: number, frac: number): number {
  if (frac === 0 || lo === hi || lo === -Infinity) return lo;
  if (hi === Infinity) return Infinity;
  return lo + frac * (hi - lo);
}

/**
 * The values at several ranks (0-based positions in sorted order) of `a`, which is reordered:
 * the middle rank is selected first, then each side within its bounds.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): Map<number, number> {
  const sorted = Array.from(new Set(ranks)).sort((x, y) => x - y);
  const found = new Map<number, number>();
  const stack: [number, number, number, number][] = [[0, sorted.length - 1, 0, a.length - 1]];
  while (stack.length > 0) {
    const [rlo, rhi, lo, hi] = stack.pop()!;
    if (rlo > rhi) continue;
    const mid = (rlo + rhi) >> 1;
    const k = sorted[mid];
    selectInPlace(a, k, lo, hi);
    found.set(k, a[k]);
    stack.push([rlo, mid - 1, lo, k - 1]);
    stack.push([mid + 1, rhi, k + 1, hi]);
  }
  return found;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of a double's high 32-bit word within its pair of words. */
const HI_WORD = LITTLE_ENDIAN ? 1 : 0;
/** Buckets keyed by the top 18 bits of an order-preserving transform of the double's bits. */
const BUCKET_SHIFT = 14;
/** Buckets of a {@link Histogram}. */
export const HISTOGRAM_BUCKETS = 1 << (32 - BUCKET_SHIFT);
const BUCKETS = HISTOGRAM_BUCKETS;
/** Below this many values a copy and selection is as fast as bucketing (and a {@link Histogram} not worth its 1 MB). */
export const BUCKETING_FROM = 1 << 15;

/** The bucket of a double from its high 32-bit word: order-preserving (integer order is numeric order). */
function bucketOfHigh(hi: number): number {
  return (hi ^ ((hi >> 31) | 0x80000000)) >>> BUCKET_SHIFT;
}

/** 32-bit words of a Float64Array (the high word of value i is words[2i + HI_WORD]). */
function wordsOf(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
}

function histogramInto(counts: Int32Array, words: Uint32Array, start: number, end: number): void {
  const h = HI_WORD;
  for (let i = start; i < end; i++) {
    const hi = words[2 * i + h];
    counts[(hi ^ ((hi >> 31) | 0x80000000)) >>> BUCKET_SHIFT]++;
  }
}

/**
 * A histogram of a Float64Array's values over the top bits of each double, built piece by
 * piece (say, each chunk of a Monte Carlo run while it is still in cache); {@link Histogram.percentiles}
 * then needs one pass over the values to gather the few in the buckets holding the wanted
 * ranks, instead of two. Percentiles are exact, the same as {@link percentiles}.
 */
export class Histogram {
  private words: Uint32Array;
  private counted = 0;

  /**
   * @param values the array whose values [start, end) {@link Histogram.add} counts.
   * @param counts values counted per bucket (zeros, 2^18 of them): say, on a SharedArrayBuffer
   *   filled by a worker, or another histogram's, to count into it.
   */
  constructor(
    readonly values: Float64Array,
    readonly counts: Int32Array = new Int32Array(BUCKETS),
  ) {
    if (counts.length !== BUCKETS) throw new RangeError(`Histogram: counts of length ${counts.length}, expected ${BUCKETS}`);
    this.words = wordsOf(values);
  }

  /** Values counted so far. */
  get size(): number {
    return this.counted;
  }

  /**
   * Takes in the counts of `other`, a histogram of a part of the same values (say, one shard's
   * subarray): its counts are added unless it counts into this one's array already.
   */
  absorb(other: { readonly counts: Int32Array; readonly size: number }): void {
    if (other.counts !== this.counts) {
      const c = this.counts;
      const o = other.counts;
      for (let b = 0; b < BUCKETS; b++) c[b] += o[b];
    }
    this.counted += other.size;
  }

  /** Counts values[start, end); every value must be counted exactly once before asking for percentiles. */
  add(start: number, end: number): void {
    histogramInto(this.counts, this.words, start, end);
    this.counted += end - start;
  }

  /** Percentiles (0–100) of all the values, as {@link percentiles} gives them. */
  percentiles(ps: readonly number[]): number[] {
    if (this.counted !== this.values.length) throw new RangeError(`Histogram: ${this.counted} of ${this.values.length} values counted`);
    return percentilesWith(this.values, ps, (ranks) => (this.values.length >= BUCKETING_FROM ? selectFromHistogram(this.values, this.counts, ranks) : null));
  }
}

/**
 * Values at the given ranks without reordering `values`: one pass builds a histogram over the
 * top bits of each double (sign, exponent and 6 mantissa bits, mapped so that integer order is
 * numeric order), a second pass gathers only the values in the buckets holding the wanted
 * ranks, and selection runs on those few. About two cheap passes, whatever the number of ranks.
 */
function selectRanksBucketed(values: Float64Array, ranks: readonly number[]): Map<number, number> {
  const counts = new Int32Array(BUCKETS);
  histogramInto(counts, wordsOf(values), 0, values.length);
  return selectFromHistogram(values, counts, ranks);
}

/** The gathering pass and the selection of {@link selectRanksBucketed}, from a histogram of all of `values`. */
function selectFromHistogram(values: Float64Array, counts: Int32Array, ranks: readonly number[]): Map<number, number> {
  const n = values.length;
  const words = wordsOf(values);
  // bucket of each wanted rank, and where each bucket starts in sorted order
  const wanted = Array.from(new Set(ranks)).sort((x, y) => x - y);
  const bucketOf = new Map<number, number>();
  const bucketStart = new Map<number, number>();
  let cum = 0;
  let r = 0;
  for (let b = 0; b < BUCKETS && r < wanted.length; b++) {
    const c = counts[b];
    while (r < wanted.length && wanted[r] < cum + c) {
      bucketOf.set(wanted[r], b);
      bucketStart.set(b, cum);
      r++;
    }
    cum += c;
  }
  // flag 1: gather the bucket's values; flag 2: NaN is possible there (exponent 0x7ff, the
  // outermost buckets on each side), so check its values (never more than that one pass)
  const flag = new Uint8Array(BUCKETS);
  const edge = 1 << (20 - BUCKET_SHIFT);
  for (let b = 0; b < edge; b++) {
    flag[b] = 2;
    flag[BUCKETS - 1 - b] = 2;
  }
  const chosen = Array.from(bucketStart.keys()).sort((x, y) => x - y);
  const offset = new Map<number, number>();
  let size = 0;
  for (const b of chosen) {
    flag[b] |= 1;
    offset.set(b, size);
    size += counts[b];
  }
  const gathered = new Float64Array(size);
  const fill = new Int32Array(chosen.length);
  const slot = new Int32Array(BUCKETS);
  chosen.forEach((b, j) => {
    slot[b] = j;
    fill[j] = offset.get(b)!;
  });
  gather(values, words, flag, slot, fill, gathered, n);
  // a rank k in bucket b is rank k − start(b) + offset(b) among the gathered values
  const local = wanted.map((k) => {
    const b = bucketOf.get(k)!;
    return k - bucketStart.get(b)! + offset.get(b)!;
  });
  const atLocal = selectRanks(gathered, local);
  const found = new Map<number, number>();
  wanted.forEach((k, j) => found.set(k, atLocal.get(local[j])!));
  return found;
}

function gather(values: Float64Array, words: Uint32Array, flag: Uint8Array, slot: Int32Array, fill: Int32Array, gathered: Float64Array, n: number): void {
  const h = HI_WORD;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + h];
    const f = flag[(hi ^ ((hi >> 31) | 0x80000000)) >>> BUCKET_SHIFT];
    if (f !== 0) {
      const v = values[i];
      if (v !== v) throw new RangeError(`percentiles: value ${i} is NaN`);
      if ((f & 1) !== 0) gathered[fill[slot[bucketOfHigh(hi)]]++] = v;
    }
  }
}

/**
 * Percentiles (0–100) of `values`, in the order asked; `values` is left as it was. For large
 * arrays, two histogram passes narrow each percentile to one small bucket (a few ms for a
 * million values, for any number of percentiles); small arrays are copied and selected.
 *
 * @example percentiles(Float64Array.of(1, 2, 3, 4), [50]) // [2.5]
 */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  return percentilesWith(values, ps, (ranks) => (values.length >= BUCKETING_FROM && values instanceof Float64Array ? selectRanksBucketed(values, ranks) : null));
}

/** {@link percentiles} with the ranks found by `bucketed` when it gives them, else by copy and selection. */
function percentilesWith(values: ArrayLike<number>, ps: readonly number[], bucketed: (ranks: number[]) => Map<number, number> | null): number[] {
  checkPercentiles(ps);
  const n = values.length;
  if (n === 0) throw new RangeError("percentiles: no values");
  const hs = ps.map((p) => ((n - 1) * p) / 100);
  const ranks: number[] = [];
  for (const h of hs) {
    const k = Math.floor(h);
    ranks.push(k);
    if (h !== k && k + 1 < n) ranks.push(k + 1);
  }
  let found = bucketed(ranks);
  if (found === null) {
    const a = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
    for (let i = 0; i < n; i++) {
      if (a[i] !== a[i]) throw new RangeError(`percentiles: value ${i} is NaN`);
    }
    found = selectRanks(a, ranks);
  }
  return hs.map((h) => {
    const k = Math.floor(h);
    const lo = found.get(k)!;
    return h === k || k + 1 >= n ? lo : interpolate(lo, found.get(k + 1)!, h - k);
  });
}

/** One percentile (0–100); see {@link percentiles}. */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentiles(values, [p])[0];
}
