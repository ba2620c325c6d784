import { createRequire } from "module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTslabConverter, patchConverterSource, type TslabConverterModule } from "../../lib/render/tslab-converter";

interface Converter {
  convert(prevDecl: string, src: string): { output?: string; declOutput?: string; diagnostics: unknown[]; sideOutputs?: unknown[] };
  close(): void;
}

const require = createRequire(import.meta.url);
const converterFile = require.resolve("tslab/dist/converter");

/**
 * Cells a notebook might hold, in order: declarations of every kind, a last expression, top-level
 * await, a local module import (a side output), a type error, a cell declaring nothing, a
 * redeclaration, an error against an earlier cell's type, and an interface declared again (tslab
 * does not merge it with the earlier cell's: the object literal's extra property is an error).
 */
const CELLS = [
  `const priceUsd = 3500;\nlet lifeMonths = 36;\nfunction perMonth(usd: number, months: number): number { return usd / months; }\nperMonth(priceUsd, lifeMonths)`,
  `class Rig { constructor(readonly watts: number) {} kWh(hours: number) { return (this.watts * hours) / 1000; } }\ninterface Offer { usdPerMTok: number }\ntype Verdict = "own" | "api";\nconst rig = new Rig(1100);`,
  `const wait = (ms: number) => new Promise<number>((r) => setTimeout(() => r(ms), ms));\nconst waited = await wait(1);\nwaited + rig.kWh(730)`,
  `import { blendedApiPrice } from "./helper";\nconst blended = blendedApiPrice(3, 0.5, 2);\nblended`,
  `const wrong: number = "not a number";`,
  `console.log(perMonth(priceUsd, lifeMonths).toFixed(2));`,
  `const priceUsd = 3000; // declared again, as a re-run cell would\npriceUsd`,
  `const verdict: Verdict = "maybe";`,
  `interface Offer { provider: string }\nconst offer: Offer = { usdPerMTok: 0.6, provider: "x" };\noffer.provider`,
];

function convertAll(module: TslabConverterModule, dir: string): unknown[] {
  const previous = process.cwd();
  process.chdir(dir); // tslab takes the notebook folder from the working directory
  const converter = module.createConverter({ isJS: false, isBrowser: false }) as Converter;
  try {
    let prevDecl = "";
    return CELLS.map((src) => {
      const r = converter.convert(prevDecl, src);
      if (r.diagnostics.length === 0) prevDecl = r.declOutput ?? "";
      return JSON.parse(JSON.stringify(r));
    });
  } finally {
    converter.close();
    process.chdir(previous);
  }
}

describe("tslab's converter, patched", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tslab-converter-"));
    writeFileSync(
      join(dir, "helper.ts"),
      "/** (ratio × input + output) / (ratio + 1) */\nexport function blendedApiPrice(ratio: number, input: number, output: number): number {\n  return (ratio * input + output) / (ratio + 1);\n}\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the installed tslab's converter.js takes every patch", () => {
    expect(loadTslabConverter().unpatchedReason).toBeNull();
  });

  it("gives exactly what tslab's own converter gives, cell by cell: JavaScript, declarations, diagnostics, side outputs", () => {
    const plain = convertAll(require(converterFile) as TslabConverterModule, dir);
    const patched = convertAll(loadTslabConverter().module, dir);
    expect(patched).toEqual(plain);
    // the cells meant to fail do fail, and the others do not
    const failing = (plain as { diagnostics: unknown[] }[]).map((r, i) => (r.diagnostics.length > 0 ? i : -1)).filter((i) => i >= 0);
    expect(failing).toEqual([4, 7, 8]);
    expect((plain[3] as { sideOutputs?: { path: string }[] }).sideOutputs?.map((s) => s.path.split("/").pop())).toEqual(["helper.js"]);
  }, 120_000);

  it("a converter.js that has changed is not patched, and says which change is missing", () => {
    const source = readFileSync(converterFile, "utf8");
    const changed = source.replace("return ts.getPreEmitDiagnosticsOfFiles(builder.getProgram(), files);", "return [];");
    const result = patchConverterSource(changed);
    expect("reason" in result && result.reason).toMatch(/semantic diagnostics of unaffected dependencies/);
    const twice = patchConverterSource(source + "\n" + source);
    expect("reason" in twice && twice.reason).toMatch(/found twice/);
  });
});
