/**
 * The Ishigami function, the standard check of a Sobol implementation:
 *
 *   f(x1, x2, x3) = sin x1 + a sin² x2 + b x3⁴ sin x1,   x_i ~ U(−π, π)
 *
 * with known indices (Ishigami & Homma 1990; Saltelli et al. 2008, §4.6).
 */
import type { VectorModel } from "./cost-model";
import type { Distribution } from "./distributions";

/** The function as a {@link VectorModel} over columns x1, x2, x3. Defaults a = 7, b = 0.1. */
export function ishigami(a = 7, b = 0.1): VectorModel {
  return (inputs, out) => {
    const { x1, x2, x3 } = inputs;
    if (!x1 || !x2 || !x3) throw new RangeError("ishigami: needs columns x1, x2 and x3");
    for (let i = 0; i < out.length; i++) {
      const s1 = Math.sin(x1[i]);
      const s2 = Math.sin(x2[i]);
      const x3sq = x3[i] * x3[i];
      out[i] = s1 + a * s2 * s2 + b * x3sq * x3sq * s1;
    }
  };
}

/** The inputs: x1, x2, x3 each uniform on [−π, π]. */
export const ISHIGAMI_INPUTS: Readonly<Record<"x1" | "x2" | "x3", Distribution>> = {
  x1: { kind: "uniform", min: -Math.PI, max: Math.PI },
  x2: { kind: "uniform", min: -Math.PI, max: Math.PI },
  x3: { kind: "uniform", min: -Math.PI, max: Math.PI },
};

/**
 * Analytical indices:
 *   V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,  V1 = (1 + bπ⁴/5)²/2,  V2 = a²/8,  V13 = 8b²π⁸/225
 *   S = (V1, V2, 0)/V,  ST = (V1 + V13, V2, V13)/V
 * @example ishigamiIndices() // S ≈ [0.3139, 0.4424, 0], ST ≈ [0.5576, 0.4424, 0.2437]
 */
export function ishigamiIndices(a = 7, b = 0.1): { readonly variance: number; readonly firstOrder: readonly number[]; readonly total: readonly number[] } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const variance = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (8 * b * b * pi8) / 225;
  return { variance, firstOrder: [v1 / variance, v2 / variance, 0], total: [(v1 + v13) / variance, v2 / variance, v13 / variance] };
}
