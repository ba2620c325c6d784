// `npm run reports`: runs the renderer's command (scripts/render.ts, through tsx), unless the
// stamp of the last successful render with the same arguments, from the same folder, shows
// that nothing that render read or wrote has changed since (render-stamp.mjs): then there is
// nothing to do, and TypeScript is not started at all (tsx's start-up alone is most of the
// time a run with nothing to do takes). --force, --no-cache and --help always run the command.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readValidStamp, stampPath } from "./render-stamp.mjs";

const started = performance.now();
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);

/**
 * The compile-cache folder the arguments name, where the stamps are kept (as render.ts reads
 * --cache-dir); undefined when the stamp is not to be read.
 * @param {readonly string[]} args
 */
function stampFolder(args) {
  let dir = join(ROOT, "node_modules", ".cache", "llm-breakeven-render"); // defaultCacheDir in lib/render/render.ts
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--no-cache" || arg === "--force" || arg === "-h" || arg === "--help") return undefined;
    if (arg === "--cache-dir") dir = resolve(args[++i] ?? "");
    else if (arg.startsWith("--cache-dir=")) dir = resolve(arg.slice("--cache-dir=".length));
  }
  return dir;
}

const folder = stampFolder(argv);
const stamp = folder === undefined ? undefined : readValidStamp(stampPath(folder, process.cwd(), argv));
if (stamp !== undefined) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${stamp.summary} in ${seconds} s: nothing the last render read or wrote has changed (size and modification time)`);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  (await import("tsx/cjs/api")).register();
  await import("./render.ts");
}
