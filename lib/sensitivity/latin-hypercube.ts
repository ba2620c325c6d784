/**
 * Latin hypercube samples: each input's range is cut into n equally likely strata and every
 * stratum is drawn exactly once, in an independently shuffled order per input. Covers each
 * input's distribution more evenly than independent draws of the same size.
 */
import { ModelInputError } from "../models/validate";
import { quantiles, validateDistribution, type Distribution } from "./distributions";
import { Rng } from "./rng";

/**
 * n Latin hypercube draws per input: column[i] = quantile(dist, (π(i) + u_i) / n) with π a random
 * permutation and u_i uniform, per input (each from its own stream forked from `seed`, in the
 * order given).
 * @example latinHypercube({ x: { kind: "uniform", min: 0, max: 1 } }, 4, 1).x // one value in each quarter
 */
export function latinHypercube<K extends string>(inputs: Readonly<Record<K, Distribution>>, n: number, seed: number): Record<K, Float64Array> {
  if (!Number.isInteger(n) || n < 1) throw new ModelInputError("n", n, "must be a whole number ≥ 1");
  const master = new Rng(seed);
  const out = {} as Record<K, Float64Array>;
  const perm = new Int32Array(n);
  for (const name of Object.keys(inputs) as K[]) {
    const dist = validateDistribution(name, inputs[name]);
    const rng = master.fork();
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    const ps = new Float64Array(n);
    for (let i = 0; i < n; i++) ps[i] = (perm[i] + rng.next()) / n;
    out[name] = quantiles(dist, ps, ps, name);
  }
  return out;
}
