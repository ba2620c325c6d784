/**
 * The parts of Jupyter's notebook format (nbformat 4) that the renderer reads and writes.
 * Spec: https://nbformat.readthedocs.io/en/latest/format_description.html
 */
import { readFileSync } from "fs";

/** MIME type -> representation; binary types are base64 strings, text may be split in lines. */
export interface MimeBundle {
  [mime: string]: string | string[] | unknown;
}

/** Text printed to stdout or stderr while a cell ran. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: string | string[];
}

/** A rich output sent with `tslab.display` (or a bundle from lib/report). */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of a cell's last expression, as IPython sends it (tslab prints it to stdout instead). */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An exception, as IPython sends it (tslab prints errors to stderr instead). */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata {
  /** Cell tags, e.g. "parameters", "remove-input", "remove-output", "remove-cell", "raises-exception". */
  tags?: string[];
  [key: string]: unknown;
}

export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  metadata: CellMetadata;
  source: string | string[];
}

export interface CodeCell {
  cell_type: "code";
  id?: string;
  metadata: CellMetadata;
  source: string | string[];
  execution_count: number | null;
  outputs: Output[];
}

export interface RawCell {
  cell_type: "raw";
  id?: string;
  metadata: CellMetadata;
  source: string | string[];
}

export type Cell = MarkdownCell | CodeCell | RawCell;

export interface Notebook {
  cells: Cell[];
  metadata: {
    kernelspec?: { name: string; display_name: string; language?: string };
    /** This project's notebook-level settings, e.g. `{ "finding": "..." }` as a fallback finding. */
    llm_breakeven?: { title?: string; finding?: string };
    [key: string]: unknown;
  };
  nbformat: number;
  nbformat_minor: number;
}

/** Reads and minimally validates a notebook file. */
export function readNotebook(path: string): Notebook {
  return parseNotebook(readFileSync(path, "utf8"), path);
}

/** Parses notebook JSON; `where` names it in error messages. */
export function parseNotebook(json: string, where = "notebook"): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(json) as Notebook;
  } catch (e) {
    throw new Error(`${where}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new Error(`${where}: not a notebook (no "cells" array)`);
  }
  if (nb.nbformat !== 4) throw new Error(`${where}: nbformat ${nb.nbformat} is not supported (need 4)`);
  nb.metadata ??= {};
  for (const cell of nb.cells) cell.metadata ??= {};
  return nb;
}

/** A multiline string field (source, text, data) as one string. */
export function joinText(text: string | string[] | unknown): string {
  if (Array.isArray(text)) return text.join("");
  return typeof text === "string" ? text : "";
}

/** The source of a cell as one string. */
export function cellSource(cell: Cell): string {
  return joinText(cell.source);
}

/** The tags of a cell (empty when it has none). */
export function cellTags(cell: Cell): string[] {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** True when the cell has `tag`. */
export function hasTag(cell: Cell, tag: string): boolean {
  return cellTags(cell).includes(tag);
}
