import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Notebooks import lib/ through tslab, which compiles each file to CommonJS and resolves
// imports itself: a folder import ("../models") or import.meta fails there although tsc,
// tsx and vitest accept it. lib/render runs only in Node scripts and is exempt.
const root = resolve(__dirname, "../lib");
const exempt = new Set(["render"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return dir === root && exempt.has(name) ? [] : files(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("lib/ as tslab loads it", () => {
  const all = files(root);
  it("every relative import names a .ts file, not a folder", () => {
    const bad: string[] = [];
    for (const f of all) {
      // Usage examples in doc comments are notebook code, relative to the notebook: skip comments.
      const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+)"/g)) {
        const target = resolve(dirname(f), m[1]);
        if (!existsSync(`${target}.ts`)) bad.push(`${f.slice(root.length + 1)}: "${m[1]}"`);
      }
    }
    expect(bad).toEqual([]);
  });
  it("no file uses import.meta", () => {
    expect(all.filter((f) => /import\.meta\.\w/.test(readFileSync(f, "utf8"))).map((f) => f.slice(root.length + 1))).toEqual([]);
  });
});
