/**
 * npm run bench:render
 *
 * Times rendering every notebook in notebooks/ with the renderer, cold and warm, side
 * by side with `jupyter nbconvert --execute --to html` (tslab kernel) on the same
 * notebooks, in one run. Each renderer figure is the wall time of a whole
 * `node --import tsx scripts/render.ts` process, start-up included:
 *   cold            new output folder, compile cache disabled (nothing reused at all)
 *   cold, cache     new output folder, type-checked cells reused from the compile cache
 *   warm            the same folder again, nothing changed (nothing executed)
 * Targets: cold at least 5x faster than nbconvert; warm under 0.5 s.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { cpus, tmpdir } from "os";
import { dirname, join, resolve } from "path";
import { fileURLToPath } from "url";
import { listNotebooks } from "../lib/render/render";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const JUPYTER = "/usr/bin/jupyter";
const work = mkdtempSync(join(tmpdir(), "bench-render-"));

function timed(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  process.stdout.write(`  ${label} ... `);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    console.log("failed");
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`${seconds.toFixed(2)} s`);
  return seconds;
}

const render = (label: string, out: string, ...extra: string[]) =>
  timed(label, process.execPath, ["--import", "tsx", "scripts/render.ts", "--out", join(work, out), ...extra]);

try {
  const notebooks = listNotebooks(join(ROOT, "notebooks"));
  console.log(`bench:render: ${notebooks.length} notebook(s) in notebooks/, ${cpus().length} cores, Node ${process.version}`);

  const cold = render("renderer, cold (no cache)", "cold", "--no-cache");
  render("renderer, filling the compile cache", "fill");
  const coldCached = render("renderer, cold (compile cache)", "cold-cached");
  const warm = Math.min(...[1, 2, 3].map((i) => render(`renderer, warm (run ${i})`, "cold-cached")));

  let nbconvert: number | undefined;
  if (existsSync(JUPYTER)) {
    const env = { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
    nbconvert = timed(
      "jupyter nbconvert --execute --to html",
      JUPYTER,
      ["nbconvert", "--execute", "--to", "html", "--output-dir", join(work, "nbconvert"), ...notebooks.map((n) => join("notebooks", `${n}.ipynb`))],
      env,
    );
  } else {
    console.log(`  ${JUPYTER} is missing (run scripts/setup-system.sh): no nbconvert comparison`);
  }

  const ratio = (s: number) => (nbconvert ? `${(nbconvert / s).toFixed(1)}x faster than nbconvert` : "");
  console.log("\nseconds (wall time of the whole command)");
  if (nbconvert) console.log(`  nbconvert + tslab          ${nbconvert.toFixed(2).padStart(7)}`);
  console.log(`  renderer cold, no cache    ${cold.toFixed(2).padStart(7)}   ${ratio(cold)}`);
  console.log(`  renderer cold, cache       ${coldCached.toFixed(2).padStart(7)}   ${ratio(coldCached)}`);
  console.log(`  renderer warm              ${warm.toFixed(2).padStart(7)}   ${warm < 0.5 ? "under" : "OVER"} the 0.5 s target`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
