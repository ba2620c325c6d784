import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConverterPair, readsModules, type CellConverter } from "../../lib/render/converter-pair";
import { loadTslabConverter } from "../../lib/render/tslab-converter";

/**
 * Three notebooks of one folder, as the renderer converts them one after another: each opens
 * with a parameters cell that imports nothing, then imports a local module and uses it; the
 * third has a type error in its parameters cell.
 */
const NOTEBOOKS = [
  [`const hardwareUsd = 3500;\nconst lifeMonths = 36;`, `import { perMonth } from "./helper";\nperMonth(hardwareUsd, lifeMonths)`, `const twice = perMonth(hardwareUsd, lifeMonths) * 2;\ntwice`],
  [`const usdPerKWh = 0.3;`, `import { kWhPerMonth, perMonth } from "./helper";\nconst usd = kWhPerMonth(1100, 730) * usdPerKWh;\nperMonth(usd, 1)`],
  [`const hours: number = "730";`, `import { kWhPerMonth } from "./helper";\nkWhPerMonth(1100, 730)`],
];

/** Every notebook's cells converted in order by `converter`, each notebook stopping at its first cell with diagnostics, as tslab does. */
function convertNotebooks(dir: string, converter: () => CellConverter): unknown[] {
  const previous = process.cwd();
  process.chdir(dir); // tslab takes the notebook folder from the working directory
  try {
    const c = converter();
    const results: unknown[] = [];
    for (const cells of NOTEBOOKS) {
      let prevDecl = "";
      for (const src of cells) {
        const r = c.convert(prevDecl, src);
        results.push(JSON.parse(JSON.stringify(r)));
        if (r.diagnostics.length > 0) break;
        prevDecl = r.declOutput ?? "";
      }
    }
    c.close();
    return results;
  } finally {
    process.chdir(previous);
  }
}

describe("a pair of converters for one folder", () => {
  let dir: string;
  const create = (): CellConverter =>
    (loadTslabConverter().module as { createConverter(o: { isJS: boolean; isBrowser: boolean }): CellConverter }).createConverter({ isJS: false, isBrowser: false });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "converter-pair-"));
    writeFileSync(
      join(dir, "helper.ts"),
      "export function perMonth(usd: number, months: number): number {\n  return usd / months;\n}\nexport function kWhPerMonth(watts: number, hoursPerMonth: number): number {\n  return (watts * hoursPerMonth) / 1000;\n}\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("converts every cell as one converter does, handing the later notebooks' parameters cells to the second", () => {
    const one = convertNotebooks(dir, create);
    let pair: ConverterPair | undefined;
    const two = convertNotebooks(dir, () => (pair = new ConverterPair(create)));
    expect(two).toEqual(one);
    // the first notebook's parameters cell went to the first converter (it held no module yet);
    // the second's and the third's to the second; every other cell to the first
    expect(pair!.counts).toEqual([4, 2]);
    // the third notebook's type error is reported, and stops it
    const last = one.at(-1) as { diagnostics: { messageText: string }[] };
    expect(one).toHaveLength(6);
    expect(last.diagnostics[0]!.messageText).toMatch(/not assignable to type 'number'/);
  }, 120_000);

  // last in this file: it turns on, for this process's patched converter module, what the render's conversion thread turns on
  it("with the source files shared and the CommonJS step deferred, as the conversion thread runs it, gives what tslab's own converter gives", () => {
    const plain = createRequire(import.meta.url)("tslab/dist/converter") as {
      createConverter(o: { isJS: boolean; isBrowser: boolean }): CellConverter;
      esModuleToCommonJSModule(js: string, target: number): string;
    };
    const one = convertNotebooks(dir, () => plain.createConverter({ isJS: false, isBrowser: false }));

    const patched = loadTslabConverter().module;
    patched.shareSourceFiles!();
    const deferred = new Map<string, string>();
    patched.deferCommonJS!((js, target) => {
      const token = `token ${deferred.size}`;
      deferred.set(token, plain.esModuleToCommonJSModule(js, target));
      return token;
    });
    let pair: ConverterPair | undefined;
    const two = convertNotebooks(dir, () => (pair = new ConverterPair(create))) as { output?: string; sideOutputs?: { data: string }[] }[];
    // every piece of JavaScript went through the hook: a token stands in its place
    expect(two.filter((r) => r.output !== undefined).every((r) => deferred.has(r.output!))).toBe(true);
    expect(two.flatMap((r) => r.sideOutputs ?? []).map((s) => s.data)).toEqual(["token 1"]); // helper.js, emitted with the first cell importing it
    const resolved = two.map((r) => ({
      ...r,
      ...(r.output !== undefined ? { output: deferred.get(r.output) } : {}),
      ...(r.sideOutputs ? { sideOutputs: r.sideOutputs.map((s) => ({ ...s, data: deferred.get(s.data) })) } : {}),
    }));
    expect(resolved).toEqual(one);
    expect(pair!.counts).toEqual([4, 2]);
  }, 120_000);

  it("tells a cell that may bring a module into the program from one that cannot", () => {
    expect(readsModules("", `const seed = 20261123;`)).toBe(false);
    expect(readsModules("", `import { md } from "./lib/report/md";`)).toBe(true);
    expect(readsModules("", `const m = await import("./lib/report/md");`)).toBe(true);
    expect(readsModules("", `const fs = require("fs");`)).toBe(true);
    expect(readsModules("", `/// <reference types="node" />\nconst x = 1;`)).toBe(true);
    // declarations of an earlier cell that imported a module keep it in the program
    expect(readsModules(`import { md } from "./lib/report/md";\nexport declare const seed = 1;`, `seed + 1`)).toBe(true);
    // a word in a comment is taken for an import: the cell goes to the converter holding modules, at no extra cost
    expect(readsModules("", `// import nothing here\nconst a = 1;`)).toBe(true);
  });
});
