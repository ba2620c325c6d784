import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { TslabSession } from "../lib/render/execute";
const require = createRequire(import.meta.url);
const conv = require("tslab/dist/converter");
const orig = conv.createConverter;
let convertMs = 0; let created = 0; let createMs = 0;
conv.createConverter = (o: any) => { const t = performance.now(); const c = orig(o); createMs += performance.now() - t; created++; const cv = c.convert; c.convert = (a: string, b: string) => { const t = performance.now(); try { return cv(a, b); } finally { convertMs += performance.now() - t; } }; return c; };
const session = new TslabSession();
for (const name of process.argv.slice(2)) {
  const nb = JSON.parse(readFileSync(`notebooks/${name}.ipynb`, "utf8"));
  const cells = nb.cells.map((c: any, index: number) => ({ c, index })).filter(({ c }: any) => c.cell_type === "code").map(({ c, index }: any) => ({ index, source: c.source.join(""), allowError: false }));
  const c0 = convertMs; const t0 = performance.now();
  const run = await session.run(cells, { dir: process.cwd() + "/notebooks" });
  process.chdir("..");
  const total = performance.now() - t0;
  const per = run.cells.map((c) => c.ms).join(" ");
  process.stderr.write(`${name}: total ${total.toFixed(0)} ms, convert ${(convertMs - c0).toFixed(0)} ms (converters created ${created}, ${createMs.toFixed(0)} ms), failed ${run.failed?.message.slice(0, 200) ?? "no"}\n  cells ms: ${per}\n`);
}
session.close();
