// `npm run scenario`: runs scripts/scenario.ts, bundled once by esbuild (a dev dependency already
// used for the live explorer) into node_modules/.cache and rebuilt whenever a source file is newer,
// so that an answer takes a fraction of a second instead of starting a TypeScript loader. The price
// catalog is kept beside the bundle (lib/data/api-catalog.ts cacheCatalogIn) and removed with it
// whenever the bundle is rebuilt, so a change to lib never reads a catalog the old code wrote.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, "scripts", "scenario.ts");
const cacheDir = join(root, "node_modules", ".cache", "llm-breakeven");
const out = join(cacheDir, "scenario.mjs");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith(".ts")) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(out) || Math.max(statSync(entry).mtimeMs, newest(join(root, "lib"))) > statSync(out).mtimeMs;
if (stale) {
  if (existsSync(cacheDir)) for (const f of readdirSync(cacheDir, { withFileTypes: true }).filter((e) => e.name.startsWith("genai-prices-"))) rmSync(join(cacheDir, f.name), { force: true });
  const { build } = await import("esbuild");
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: "node", format: "esm", packages: "external", target: "node20", logLevel: "error" });
}
const { main } = await import(pathToFileURL(out).href);
process.exitCode = main(process.argv.slice(2), { cacheDir });
