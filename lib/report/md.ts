/**
 * Prose computed from values: a tagged template that displays markdown through the same display
 * channel as tslab.display (so it works in Jupyter and in the renderer), so a sentence that states
 * a figure is produced from the figure and changes when the data does.
 *
 * @example md`The rig breaks even at ${tokens(be)} tokens a month.`
 */
import { displayBundle } from "./display";

/** Builds the markdown text of a template (numbers get three significant digits). */
export function mdText(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  values.forEach((v, i) => {
    out += typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en-US") : (+v.toPrecision(3)).toString()) : String(v);
    out += strings[i + 1];
  });
  return out;
}

/** Displays the template as markdown (and plain text). Returns nothing, so a cell ending with it shows only the prose. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): void {
  const text = mdText(strings, ...values);
  displayBundle({ "text/markdown": text, "text/plain": text });
}
