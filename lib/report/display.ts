/**
 * Display a MIME bundle (several representations of one output) in the tslab kernel.
 *
 * `tslab.display.*` sends one MIME type per output; a bundle lets a notebook send a
 * human view (`text/html`, `text/plain`) together with a machine-readable one
 * (`application/vnd.llm-breakeven.*+json`) that the report renderer collects, the
 * way Jupyter front ends pick the richest type they understand from a bundle.
 * This uses the same channel as `tslab.display` (tslab's `lastWriteDisplayData`),
 * which both the Jupyter kernel and the renderer (lib/render) set before each cell.
 */
import * as jupyter from "tslab/dist/jupyter";
import { escapeHtml } from "./escape";

/** MIME type -> representation (strings only; binary data must be base64 already). */
export type MimeBundle = { [mime: string]: string };

/** True while a cell runs in a tslab kernel or in the renderer. */
export function canDisplay(): boolean {
  return jupyter.lastWriteDisplayData != null;
}

/**
 * Sends `bundle` as one `display_data` output. Outside a kernel (a script, a test)
 * there is nowhere to display, so it does nothing and returns false.
 *
 * @example displayBundle({ "text/plain": "42", "text/html": "<b>42</b>" })
 */
export function displayBundle(bundle: MimeBundle): boolean {
  const write = jupyter.lastWriteDisplayData;
  if (write == null) return false;
  write({ data: { ...bundle }, metadata: {}, transient: {} }, false);
  return true;
}

/** The project's one HTML escaper (lib/report/escape.ts). */
export { escapeHtml };
