/**
 * npm run bench:render
 *
 * Times rendering every notebook in notebooks/ with the renderer, cold and warm, side
 * by side with `jupyter nbconvert --execute --to html` (tslab kernel) on copies of the
 * same notebooks, in one run. Each figure is the wall time of a whole command, start-up
 * included; the renderer's command is `node scripts/reports.mjs`, what `npm run reports` runs:
 *   cold            new output folder, new empty compile cache: nothing is reused
 *                   (BENCH_COLD_RUNS times, default 3, each with its own new folder and cache)
 *   cold, cache     another new output folder, type-checked cells reused from the
 *                   compile cache the cold run filled (what a render costs after
 *                   switching branches or cleaning reports/)
 *   warm            the cold run's folder again, nothing changed (nothing executed; answered
 *                   from the cold run's stamp when it could write one, see render-stamp.mjs)
 *   nbconvert       /usr/bin/jupyter nbconvert --execute --to html with the tslab kernel,
 *                   on copies of the notebooks (under tmp/) next to a link to lib/
 *                   (the notebooks import "./lib/..."), one command for all of them
 * Targets: cold at least 5x faster than nbconvert; warm under 0.5 s. Cold and warm are judged
 * on the median of their runs (every run is printed), nbconvert on its one run.
 *
 * Options: --skip-nbconvert (renderer only), --jobs N (passed to the renderer).
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "fs";
import { cpus, loadavg, tmpdir } from "os";
import { dirname, join, resolve } from "path";
import { fileURLToPath } from "url";
import { listNotebooks } from "../lib/render/render";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const JUPYTER = "/usr/bin/jupyter";
const argv = process.argv.slice(2);
const skipNbconvert = argv.includes("--skip-nbconvert");
const jobsAt = argv.indexOf("--jobs");
const jobs = jobsAt >= 0 ? ["--jobs", argv[jobsAt + 1]] : [];
const work = mkdtempSync(join(tmpdir(), "bench-render-"));
let copies: string | undefined;

function timed(label: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  process.stdout.write(`  ${label} ... `);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: "utf8", env: options.env ?? process.env, maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    console.log("failed");
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`${seconds.toFixed(2)} s`);
  return seconds;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const render = (label: string, out: string, ...extra: string[]) =>
  timed(label, process.execPath, ["scripts/reports.mjs", "--out", join(work, out), ...jobs, ...extra]);

try {
  const notebooks = listNotebooks(join(ROOT, "notebooks"));
  const load = loadavg()[0].toFixed(1);
  console.log(`bench:render: ${notebooks.length} notebook(s) in notebooks/, ${cpus().length} cores, load ${load}, Node ${process.version}`);

  // Cold: a compile cache folder that does not exist yet, so nothing is reused.
  const coldRuns = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 3));
  const colds: number[] = [];
  for (let i = 1; i <= coldRuns; i++) colds.push(render(`renderer, cold (empty compile cache, run ${i})`, `cold-${i}`, "--cache-dir", join(work, `compile-cache-${i}`)));
  const cold = median(colds);
  const cache = join(work, "compile-cache-1");
  const warms = [1, 2, 3].map((i) => render(`renderer, warm (run ${i})`, "cold-1", "--cache-dir", cache));
  const warm = median(warms);
  const coldCached = render("renderer, new folder, compile cache filled", "cold-cached", "--cache-dir", cache);

  let nbconvert: number | undefined;
  if (skipNbconvert) {
    console.log("  nbconvert skipped (--skip-nbconvert)");
  } else if (existsSync(JUPYTER)) {
    // Copies of the notebooks, with the lib link they import through, inside the project
    // (under tmp/, which git ignores), since lib/ finds data/ and the project's
    // package.json from the working directory up, and packages resolve from there too.
    // (Not under node_modules/: TypeScript would take the cells for a library's files.)
    mkdirSync(join(ROOT, "tmp"), { recursive: true });
    copies = mkdtempSync(join(ROOT, "tmp", "bench-render-notebooks-"));
    for (const n of notebooks) copyFileSync(join(ROOT, "notebooks", `${n}.ipynb`), join(copies, `${n}.ipynb`));
    symlinkSync(join(ROOT, "lib"), join(copies, "lib"));
    const env = { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH}`, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
    nbconvert = timed(
      "jupyter nbconvert --execute --to html (tslab kernel)",
      JUPYTER,
      [
        "nbconvert",
        "--execute",
        "--to",
        "html",
        "--ExecutePreprocessor.kernel_name=tslab",
        "--ExecutePreprocessor.timeout=600",
        "--output-dir",
        join(work, "nbconvert"),
        ...notebooks.map((n) => `${n}.ipynb`),
      ],
      { cwd: copies, env },
    );
    const written = readdirSync(join(work, "nbconvert")).filter((f) => f.endsWith(".html")).length;
    if (written !== notebooks.length) throw new Error(`nbconvert wrote ${written} page(s) for ${notebooks.length} notebook(s)`);
  } else {
    console.log(`  ${JUPYTER} is missing (run scripts/setup-system.sh): no nbconvert comparison`);
  }

  const ratio = (s: number) => (nbconvert ? `nbconvert / renderer = ${(nbconvert / s).toFixed(1)}x` : "");
  console.log(`\nseconds (wall time of the whole command), ${notebooks.length} notebooks, load ${loadavg()[0].toFixed(1)} at the end`);
  if (nbconvert) console.log(`  nbconvert + tslab              ${nbconvert.toFixed(2).padStart(7)}`);
  const runs = (xs: number[]) => `(median of ${xs.map((x) => x.toFixed(2)).join(", ")})`;
  console.log(`  renderer cold                  ${cold.toFixed(2).padStart(7)}   ${ratio(cold)}${nbconvert ? `  (target 5x: ${nbconvert / cold >= 5 ? "met" : "MISSED"})` : ""} ${runs(colds)}`);
  console.log(`  renderer warm                  ${warm.toFixed(2).padStart(7)}   ${warm < 0.5 ? "under" : "OVER"} the 0.5 s target ${runs(warms)}`);
  console.log(`  renderer cold, compile cache   ${coldCached.toFixed(2).padStart(7)}   ${ratio(coldCached)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (copies) rmSync(copies, { recursive: true, force: true });
}
