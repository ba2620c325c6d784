// `npm run scenario`: runs scripts/scenario.ts, bundled once by esbuild (a dev dependency already
// used for the live explorer) into node_modules/.cache and rebuilt whenever a source file is newer,
// so that an answer takes a fraction of a second instead of starting a TypeScript loader.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, "scripts", "scenario.ts");
const out = join(root, "node_modules", ".cache", "llm-breakeven", "scenario.mjs");

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
  const { build } = await import("esbuild");
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: "node", format: "esm", packages: "external", target: "node20", logLevel: "error" });
}
await import(pathToFileURL(out).href);
