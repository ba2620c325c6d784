import { describe, expect, it } from "vitest";
import { Rng, rng, quantileNormal, cdfNormal, fastExp } from "../../lib/sensitivity";

describe("Rng (xoshiro128**, seeded through splitmix32)", () => {
  it("rng(42) gives the same stream on every run; rng(43) a different one", () => {
    const a = rng(42), b = rng(42), c = rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    const xb = Array.from({ length: 5 }, () => b.next());
    const xc = Array.from({ length: 5 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
  });

  it("seeds above 2^32 are distinct: rng(2^32 + 1) ≠ rng(1)", () => {
    expect(rng(2 ** 32 + 1).next()).not.toBe(rng(1).next());
  });

  it("fillUniform(out) = the same values as repeated next(), in the same order, across blocks", () => {
    const n = 5000; // more than one 2048 block
    const a = rng(7).fillUniform(new Float64Array(n));
    const r = rng(7);
    const b = Float64Array.from({ length: n }, () => r.next());
    expect(a).toEqual(b);
  });

  it("fillNormal(out) = the same values as repeated normal()", () => {
    const n = 5000;
    const a = rng(8).fillNormal(new Float64Array(n));
    const r = rng(8);
    const b = Float64Array.from({ length: n }, () => r.normal());
    expect(a).toEqual(b);
  });

  it("clone() and fromState(state()) continue the stream exactly", () => {
    const r = rng(9);
    r.next();
    const c = r.clone();
    const s = Rng.fromState(r.state());
    const x = r.next();
    expect(c.next()).toBe(x);
    expect(s.next()).toBe(x);
  });

  it("fork() gives a generator independent of its parent's continuation", () => {
    const r = rng(10);
    const f = r.fork();
    expect(f.next()).not.toBe(r.next());
  });

  it("uniform draws: mean 1/2 ± 0.002 and variance 1/12 ± 0.001 over 10^6 draws", () => {
    const u = rng(11).fillUniform(new Float64Array(1_000_000));
    let m = 0;
    for (const x of u) m += x;
    m /= u.length;
    let v = 0;
    for (const x of u) v += (x - m) ** 2;
    v /= u.length;
    expect(Math.abs(m - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(v - 1 / 12)).toBeLessThan(0.001);
  });

  it("normal draws (ziggurat): mean 0 ± 0.005, variance 1 ± 0.005, and the KS distance to Φ below 0.002 over 10^6 draws", () => {
    const n = 1_000_000;
    const z = rng(12).fillNormal(new Float64Array(n));
    let m = 0;
    for (const x of z) m += x;
    m /= n;
    let v = 0;
    for (const x of z) v += (x - m) ** 2;
    v /= n;
    expect(Math.abs(m)).toBeLessThan(0.005);
    expect(Math.abs(v - 1)).toBeLessThan(0.005);
    z.sort();
    let d = 0;
    for (let i = 0; i < n; i += 97) d = Math.max(d, Math.abs(cdfNormal(z[i]) - (i + 0.5) / n));
    // the KS 1% critical value at n = 10^6 is 1.63/√n = 0.0016
    expect(d).toBeLessThan(0.002);
  });

  it("int(6) covers 0…5 evenly: each face 1/6 ± 0.005 of 60,000 rolls", () => {
    const r = rng(13);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c / 60_000 - 1 / 6)).toBeLessThan(0.005);
  });

  it("fillUniform32(out) = repeated nextUniform32(): (k + 0.5) × 2^-32 from one 32-bit output each, across calls", () => {
    const n = 5000;
    const a = new Float64Array(n);
    const r = rng(15);
    r.fillUniform32(a, 0, 1234);
    r.fillUniform32(a, 1234, n);
    const s = rng(15);
    const c = rng(15);
    for (let i = 0; i < n; i++) {
      expect(a[i]).toBe(s.nextUniform32());
      expect(a[i]).toBe((c.nextUint32() + 0.5) / 2 ** 32);
    }
    expect(r.nextUint32()).toBe(c.nextUint32()); // one output per draw, no more
  });

  it("32-bit uniform draws: in (0, 1), mean 1/2 ± 0.002 and variance 1/12 ± 0.001 over 10^6 draws", () => {
    const u = rng(16).fillUniform32(new Float64Array(1_000_000));
    let m = 0;
    let lo = 1;
    let hi = 0;
    for (const x of u) {
      m += x;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    m /= u.length;
    let v = 0;
    for (const x of u) v += (x - m) ** 2;
    v /= u.length;
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(m - 0.5)).toBeLessThan(0.002);
    expect(Math.abs(v - 1 / 12)).toBeLessThan(0.001);
  });

  it("fillLognormal = median × fastExp(sigma × z) with z the same normals as fillNormal, and leaves the stream where fillNormal does", () => {
    const n = 5000;
    const a = rng(17).fillLognormal(new Float64Array(n), 0, n, 0.177, 0.25);
    const r = rng(17);
    const z = r.fillNormal(new Float64Array(n));
    for (let i = 0; i < n; i++) expect(a[i]).toBe(0.177 * fastExp(0.25 * z[i]));
    const b = rng(17);
    b.fillLognormal(new Float64Array(n), 0, n, 1, 1);
    expect(b.nextUint32()).toBe(r.nextUint32());
  });

  it("new Rng(NaN) is refused, naming the seed", () => {
    expect(() => new Rng(NaN)).toThrow("seed = NaN");
  });
});

describe("quantileNormal (AS 241) and fastExp", () => {
  it("quantileNormal(0.975) = 1.959963984540054; quantileNormal(0.5) = 0; quantileNormal(1e-10) = −6.361340902404056", () => {
    expect(quantileNormal(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(quantileNormal(0.5)).toBe(0);
    expect(quantileNormal(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(quantileNormal(0)).toBe(-Infinity);
    expect(quantileNormal(1)).toBe(Infinity);
  });

  it("cdfNormal(quantileNormal(p)) = p within 2e-7", () => {
    for (const p of [0.001, 0.05, 0.3, 0.5, 0.8, 0.99]) expect(Math.abs(cdfNormal(quantileNormal(p)) - p)).toBeLessThan(2e-7);
  });

  it("fastExp(x) is within 5e-16 of Math.exp(x) relative, over 10^5 points of [−700, 700], and exp(0) = 1 exactly", () => {
    const r = rng(14);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next() * 1400 - 700;
      worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
    }
    expect(worst).toBeLessThan(5e-16);
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-800)).toBe(Math.exp(-800));
    expect(fastExp(800)).toBe(Infinity);
  });
});
