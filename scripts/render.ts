/**
 * npm run reports [-- NAME ...] [--param name=value ...] [--out DIR] [--force] [--jobs N]
 *
 * Renders the notebooks in notebooks/ to static pages in reports/ (see lib/render).
 * Exit status: 0 all rendered or fresh, 1 a notebook failed (nothing published), 2 bad
 * arguments, parameters or output folder (nothing written), 130/143 interrupted.
 */
import { dirname, join, relative, resolve } from "path";
import { fileURLToPath } from "url";
import { walkTree } from "../lib/render/hash";
import { abandonPublishing, OutputFolderError } from "../lib/render/outdir";
import { ParameterError } from "../lib/render/params";
import { defaultCacheDir, renderReports, type RenderEvent, type ReportResult } from "../lib/render/render";
import { newestMs, snapshot, stampPath, writeStamp } from "./render-stamp.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every folder, file and link under `dir` that the render hashes (see lib/render/hash.ts), as absolute paths. */
function treePaths(dir: string): string[] {
  const paths: string[] = [];
  walkTree(dir, ".", (rel) => paths.push(join(dir, rel)));
  return paths;
}

/**
 * What a render reads, for its stamp (scripts/render-stamp.mjs): lib/, data/, the notebook
 * folder, package-lock.json and the renderer's own scripts.
 */
function inputPaths(notebooksDir: string): string[] {
  const scripts = ["render.ts", "reports.mjs", "render-stamp.mjs"].map((f) => join(ROOT, "scripts", f));
  return [...treePaths(join(ROOT, "lib")), ...treePaths(join(ROOT, "data")), ...treePaths(notebooksDir), join(ROOT, "package-lock.json"), ...scripts];
}

const USAGE = `Usage: npm run reports -- [NOTEBOOK ...] [options]

Renders notebooks/*.ipynb to reports/*.html, re-executing only what changed.

  NOTEBOOK              render only these (e.g. 01-local-tokenomics)
  --param NAME=VALUE    override a parameter (repeatable); needs --out
  --out DIR             write the reports to DIR instead of reports/: a new or empty folder,
                        or one holding only reports rendered there before (never /, the
                        project, your home, or reports/ with --param)
  --force-out           write into an --out folder that holds other files too
  --cell-timeout SECS   fail a notebook whose cell runs longer than this (default 300)
  --lock-timeout SECS   wait this long for another render writing into the same folder (default 60)
  --force               re-execute even unchanged notebooks
  --no-cache            do not reuse type-checked cells from node_modules/.cache
  --cache-dir DIR       keep type-checked cells in DIR instead of node_modules/.cache
  --jobs N              worker processes (default: one per two cores, at least 1)
  --notebooks DIR       read notebooks from DIR instead of notebooks/
  -h, --help            show this help

A render in which a notebook fails publishes nothing: the output folder stays as it was.
When nothing the last successful render with the same arguments read or wrote has changed
(size and modification time), npm run reports says so without starting TypeScript.`;

interface Args {
  only: string[];
  params: string[];
  out?: string;
  forceOut: boolean;
  cellTimeoutMs?: number;
  lockTimeoutMs?: number;
  notebooks?: string;
  force: boolean;
  cache: boolean;
  cacheDir?: string;
  jobs?: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { only: [], params: [], force: false, forceOut: false, cache: true };
  const seconds = (flag: string, text: string) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a number of seconds above 0, not "${text}"`);
    return Math.round(n * 1000);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        console.log(USAGE);
        process.exit(0);
      case "--param":
      case "-p":
        args.params.push(value());
        break;
      case "--out":
        args.out = value();
        break;
      case "--notebooks":
        args.notebooks = value();
        break;
      case "--force":
        args.force = true;
        break;
      case "--force-out":
        args.forceOut = true;
        break;
      case "--cell-timeout":
        args.cellTimeoutMs = seconds(flag, value());
        break;
      case "--lock-timeout":
        args.lockTimeoutMs = seconds(flag, value());
        break;
      case "--no-cache":
        args.cache = false;
        break;
      case "--cache-dir":
        args.cacheDir = resolve(value());
        break;
      case "--jobs": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError("--jobs needs a positive integer");
        args.jobs = n;
        break;
      }
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
        args.only.push(arg);
    }
  }
  return args;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per notebook; on a terminal, a live line of what is running below them. */
class Progress {
  private readonly live = process.stdout.isTTY === true;
  private readonly running = new Map<string, { started: number; position: number; total: number }>();
  private timer?: NodeJS.Timeout;
  private width = 0;
  private total = 0;
  private done = 0;

  constructor(private readonly outDir: string) {
    if (this.live) this.timer = setInterval(() => this.draw(), 100);
  }

  event(e: RenderEvent): void {
    if (e.type === "plan") {
      const fresh = e.names.length - e.stale.length;
      if (e.names.length > 0) this.line(`${e.names.length} notebook(s): ${e.stale.length} to execute, ${fresh} unchanged`);
      for (const name of e.names) this.width = Math.max(this.width, name.length);
      this.total = e.names.length;
    } else if (e.type === "start") {
      this.running.set(e.name, { started: performance.now(), position: 0, total: 0 });
    } else if (e.type === "note") {
      this.clear();
      process.stderr.write(`note: ${e.message}\n`);
    } else if (e.type === "cell") {
      const r = this.running.get(e.name);
      if (r) Object.assign(r, { position: e.position, total: e.total });
    } else {
      this.running.delete(e.report.name);
      this.done++;
      this.line(this.describe(e.report));
    }
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
  }

  private describe(r: ReportResult): string {
    const name = r.name.padEnd(this.width);
    if (r.status === "fresh") return `  unchanged  ${name}`;
    if (r.status === "rendered") return `  rendered   ${name}  ${seconds(r.ms).padStart(7)}`;
    const where =
      r.failure!.cellId === "injected-parameters" ? "in the injected parameters" : r.failure!.cell === 0 ? "before its first cell" : `at cell ${r.failure!.cell}${r.failure!.cellId ? ` (id ${r.failure!.cellId})` : ""}`;
    return `  FAILED     ${name}  ${seconds(r.ms).padStart(7)}  stopped ${where}`;
  }

  private line(text: string): void {
    this.clear();
    process.stdout.write(text + "\n");
  }

  private clear(): void {
    if (this.live) process.stdout.write("\r\x1b[K");
  }

  private draw(): void {
    if (!this.live || this.running.size === 0) return;
    const spin = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"[Math.floor(performance.now() / 100) % 10];
    const parts = [...this.running].map(([name, r]) => {
      const cells = r.total > 0 ? ` cell ${r.position + 1}/${r.total}` : " starting";
      return `${name}${cells} ${seconds(performance.now() - r.started)}`;
    });
    const text = `${spin} ${this.done}/${this.total} done  ${parts.join("  |  ")}`;
    const columns = process.stdout.columns || 80;
    process.stdout.write(`\r\x1b[K${text.length > columns - 1 ? text.slice(0, columns - 2) + "…" : text}`);
  }
}

/**
 * Writes the stamp of this successful render, when what it read is as it was before it read
 * it, and was last changed more than 2 s before (a file changed again within the file system's
 * time resolution would otherwise keep its recorded time): with what it wrote, as it is now.
 */
function stamp(before: [string, string][], stampedAt: number, written: string[], summary: string, cacheDir: string | undefined): void {
  const after = snapshot(before.map(([path]) => path));
  if (JSON.stringify(after) !== JSON.stringify(before) || newestMs(before) > stampedAt - 2000) return;
  const folder = cacheDir ?? defaultCacheDir(ROOT);
  writeStamp(stampPath(folder, process.cwd(), process.argv.slice(2)), { entries: [...before, ...snapshot(written)], summary });
}

async function main(): Promise<number> {
  const started = performance.now();
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const outDir = args.out ? resolve(args.out) : join(ROOT, "reports");
  if (args.params.length > 0 && !args.out) {
    console.error("--param renders a scenario: give it its own folder with --out DIR (reports/ holds the notebooks' own assumptions).");
    return 2;
  }
  const notebooksDir = args.notebooks ? resolve(args.notebooks) : join(ROOT, "notebooks");
  // the stamp's inputs as they were before the render read them (see render-stamp.mjs)
  const stampedAt = Date.now();
  const before = args.cache && !args.force ? snapshot(inputPaths(notebooksDir)) : undefined;
  const progress = new Progress(outDir);
  try {
    const result = await renderReports({
      root: ROOT,
      notebooksDir,
      outDir,
      only: args.only,
      params: args.params,
      force: args.force,
      forceOut: args.forceOut,
      cellTimeoutMs: args.cellTimeoutMs,
      lockTimeoutMs: args.lockTimeoutMs,
      jobs: args.jobs,
      compileCache: args.cache ? args.cacheDir : false,
      onEvent: (e) => progress.event(e),
    });
    progress.stop();
    for (const r of result.reports.filter((x) => x.status === "failed")) {
      const f = r.failure!;
      const where =
        f.cellId === "injected-parameters"
          ? "in the injected parameters (--param)"
          : f.cell === 0
            ? "before its first cell"
            : `in cell ${f.cell}${f.cellId ? ` (id ${f.cellId})` : ""}`;
      console.error(`\n${r.name}.ipynb failed ${where}:\n${f.message.replace(/^/gm, "    ")}`);
    }
    if (result.verdictsError) {
      console.error(`\nThe audit's verdict counts failed:\n${result.verdictsError.replace(/^/gm, "    ")}`);
    }
    const count = (s: ReportResult["status"]) => result.reports.filter((r) => r.status === s).length;
    const where = relative(process.cwd(), result.outDir) || ".";
    if (!result.ok) console.error(`\nNothing was published: every file in ${where}/ is as it was.`);
    console.log(
      `${where}/: ${count("rendered")} rendered, ${count("fresh")} unchanged, ${count("failed")} failed` +
        `${result.indexWritten ? ", index updated" : ""} in ${seconds(performance.now() - started)}`,
    );
    if (result.ok && before !== undefined) {
      // the folder as given too: a link to it retargeted is a change
      const written = [...new Set([outDir, result.outDir])].concat(result.files.map((f) => join(result.outDir, f)));
      stamp(before, stampedAt, written, `${where}/: ${result.reports.length} unchanged`, args.cacheDir);
    }
    return result.ok ? 0 : 1;
  } catch (e) {
    progress.stop();
    if (e instanceof ParameterError) console.error(`Parameter error: ${e.message}`);
    else if (e instanceof OutputFolderError) console.error(`Output folder: ${e.message}`);
    else console.error(e instanceof Error ? (process.env.DEBUG ? e.stack : e.message) : String(e));
    return 2;
  }
}

// interrupted while publishing: no temporary file or lock is left in the output folder
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    abandonPublishing();
    process.exit(code);
  });
}
process.exitCode = await main();
