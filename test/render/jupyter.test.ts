/**
 * The same notebook gives the same outputs in real Jupyter (nbconvert + the tslab
 * kernel) and in the renderer: every stream text and every display bundle, cell by cell.
 * Needs /usr/bin/jupyter and the tslab kernel (scripts/setup-system.sh); skipped
 * without them only when CI is not set.
 */
import { spawnSync } from "child_process";
import { readFileSync, rmSync } from "fs";
import { basename, join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import { cellSource, joinText, type Notebook, type Output } from "../../lib/render/nbformat";
import { executeNotebooks, listNotebooks, relativizePaths } from "../../lib/render/render";
import { FIXTURES, NOTEBOOKS, ROOT, skipWithout, tempDir } from "./helpers";

const JUPYTER = "/usr/bin/jupyter";
const skip = skipWithout(JUPYTER, "the Jupyter comparison test");
const out = tempDir("jupyter");
afterAll(() => rmSync(out, { recursive: true, force: true }));

const notebooks = [...listNotebooks(NOTEBOOKS).map((n) => join(NOTEBOOKS, `${n}.ipynb`)), join(FIXTURES, "features.ipynb")];

/** Executes a notebook with nbconvert and the tslab kernel; returns the executed notebook. */
function executeWithJupyter(path: string): Notebook {
  const result = spawnSync(
    JUPYTER,
    ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--output-dir", out, path],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}` } },
  );
  if (result.status !== 0) throw new Error(`jupyter nbconvert failed on ${basename(path)}:\n${result.stderr}`);
  return JSON.parse(readFileSync(join(out, basename(path)), "utf8")) as Notebook;
}

/** Outputs in a comparable form: streams merged, text joined, stack frames (which name the host) cut. */
function comparable(outputs: readonly Output[]): unknown[] {
  const merged: { kind: string; value: unknown }[] = [];
  for (const o of outputs) {
    if (o.output_type === "stream") {
      const last = merged[merged.length - 1];
      const text = joinText(o.text);
      if (last && last.kind === o.name) last.value += text;
      else merged.push({ kind: o.name, value: text });
    } else if (o.output_type === "display_data" || o.output_type === "execute_result") {
      const data: Record<string, string> = {};
      for (const mime of Object.keys(o.data).sort()) data[mime] = joinText(o.data[mime]);
      merged.push({ kind: "display", value: data });
    } else {
      merged.push({ kind: "error", value: `${o.ename}: ${o.evalue}` });
    }
  }
  return merged.map((m) => (m.kind === "stderr" ? { ...m, value: String(m.value).split(/\n\s+at /)[0] } : m));
}

describe.skipIf(skip)("outputs under real Jupyter (nbconvert + tslab) equal the renderer's", () => {
  it.each(notebooks.map((p) => [basename(p), p]))(
    "%s",
    async (_name, path) => {
      const jupyter = executeWithJupyter(path);
      const [ours] = await executeNotebooks([path], { root: ROOT });
      expect(ours.run.failed).toBeUndefined();
      relativizePaths(
        {
          cells: jupyter.cells.flatMap((c, index) => (c.cell_type === "code" ? [{ index, outputs: c.outputs, ok: true, ms: 0 }] : [])),
        },
        ROOT,
      );
      const byIndex = new Map(ours.run.cells.map((c) => [c.index, c.outputs]));
      let compared = 0;
      jupyter.cells.forEach((cell, index) => {
        if (cell.cell_type !== "code") return;
        const label = `cell ${index + 1}: ${cellSource(cell).split("\n")[0]}`;
        expect(comparable(byIndex.get(index) ?? []), label).toEqual(comparable(cell.outputs));
        compared += cell.outputs.length;
      });
      expect(compared).toBeGreaterThan(0);
    },
    600_000,
  );
});
