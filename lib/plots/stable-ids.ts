/**
 * Makes the ids in a Plot SVG independent of how many plots ran before it.
 *
 * Observable Plot numbers clip paths, patterns and markers with process-wide counters
 * (`plot-clip-3`, `plot-marker-7`), so the same chart gets different ids depending on
 * what was drawn earlier in the process. This renumbers them from 1 in order of first
 * appearance (per kind), under a prefix taken from a hash of the chart itself, so that the output
 * is reproducible and two different charts on one page never share an id.
 */
import { createHash } from "crypto";

const PLOT_ID = /\bplot-(clip|pattern|marker)-(\d+)\b/g;

/**
 * Renumbers Plot's generated ids in `svg` (an SVG or figure's outer HTML).
 *
 * @example stableIds('<clipPath id="plot-clip-9"/><g clip-path="url(#plot-clip-9)"/>')
 * // '<clipPath id="plot-clip-ab12cd34-1"/><g clip-path="url(#plot-clip-ab12cd34-1)"/>'
 */
export function stableIds(svg: string): string {
  const numbering = new Map<string, number>();
  const counts = new Map<string, number>();
  const skeleton = svg.replace(PLOT_ID, (id, kind: string) => {
    if (!numbering.has(id)) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      numbering.set(id, counts.get(kind)!);
    }
    return `plot-${kind}-${numbering.get(id)}`;
  });
  if (numbering.size === 0) return svg;
  const prefix = createHash("sha256").update(skeleton).digest("hex").slice(0, 8);
  return svg.replace(PLOT_ID, (id, kind: string) => `plot-${kind}-${prefix}-${numbering.get(id)}`);
}
