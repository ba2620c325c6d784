/**
 * Telltale factors: when a figure is off by a ratio that a unit slip produces, say which slip.
 */

/** A factor that a common slip produces, with the slip it suggests. */
export interface Telltale {
  readonly factor: number;
  readonly slip: string;
}

/** The slips the audit looks for, in order of preference when two factors are close. */
export const TELLTALES: readonly Telltale[] = [
  { factor: 1000, slip: "per-thousand vs per-million (or thousand vs million) units" },
  { factor: 1e6, slip: "per-token vs per-million units" },
  { factor: 1e9 / 1e6, slip: "millions vs billions" },
  { factor: 3600, slip: "seconds vs hours (×3600)" },
  { factor: 3.6, slip: "×3600 seconds per hour dropped and ×1000 applied (3600 / 1000 = 3.6)" },
  { factor: 60, slip: "seconds vs minutes or minutes vs hours (×60)" },
  { factor: 24, slip: "hours vs days (×24)" },
  { factor: 30, slip: "days vs months (×30): a daily figure labelled monthly or the reverse" },
  { factor: 365, slip: "days vs years (×365)" },
  { factor: 12, slip: "months vs years (×12)" },
  { factor: 8760, slip: "hours vs years (×8760)" },
  { factor: 730 / 720, slip: "730 vs 720 hours per month" },
  { factor: 7, slip: "days vs weeks (×7)" },
  { factor: 2, slip: "a factor of two (one of two GPUs, input vs output, or a halved figure)" },
];

/**
 * The slip a ratio suggests, if it lies within `relative` of a telltale factor or its inverse.
 * @example telltaleFor(3.56) // { factor: 3.6, slip: "…" , direction: "claimed is larger" }
 */
export function telltaleFor(ratio: number, relative = 0.05): (Telltale & { direction: "claimed larger" | "claimed smaller" }) | null {
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  const larger = ratio >= 1;
  const r = larger ? ratio : 1 / ratio;
  let best: Telltale | null = null;
  let bestDistance = Infinity;
  for (const t of TELLTALES) {
    const distance = Math.abs(Math.log(r / t.factor));
    const limit = t.factor < 1.1 ? Math.log(1 + (t.factor - 1) / 4) : Math.log(1 + relative);
    if (distance <= limit && distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  }
  return best === null ? null : { ...best, direction: larger ? "claimed larger" : "claimed smaller" };
}
