/**
 * Renders notebooks to reports: checks the output folder (outdir.ts), decides which reports
 * are stale, executes those in worker processes, then publishes the pages, the index and the
 * manifest as one step, holding the folder's lock (outdir.ts).
 *
 * A report is fresh when the hash of its inputs (hash.ts) and the hash of its page on
 * disk both match the manifest; fresh reports are not executed again. A render in which a
 * notebook (or the audit's verdict counts) fails publishes nothing: every file in the output
 * folder stays as it was.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from "fs";
import { cpus } from "os";
import { basename, dirname, join, relative, resolve } from "path";
import { compileInputsDigest, hashFile, RENDERER_VERSION, reportInputsHash, sha256, sharedInputsDigest } from "./hash";
import { readManifest, stableStringify, type Manifest, type ManifestEntry } from "./manifest";
import { checkOutputFolder, publishFiles, withFolderLock } from "./outdir";
import { cellSource, hasTag, parseNotebook, type Notebook, type Output } from "./nbformat";
import type { CellJob, NotebookRun } from "./execute";
import {
  describeParameters,
  injectParameters,
  notebookParameters,
  ParameterError,
  parseAssignments,
  resolveOverrides,
  type Override,
  type Parameter,
} from "./params";
import type { VerdictCounts, VerdictProvider } from "./verdicts";
import { DEFAULT_CELL_TIMEOUT_MS } from "./worker-protocol";

export interface RenderOptions {
  /** The project root (holds lib/, data/, package-lock.json). */
  root: string;
  /** Folder of the notebooks. Default: ROOT/notebooks. */
  notebooksDir?: string;
  /**
   * Folder of the reports. Default: ROOT/reports. Checked before anything runs (see outdir.ts):
   * an OutputFolderError names the folder and the rule it breaks.
   */
  outDir?: string;
  /** Write into an existing output folder that holds files this renderer did not write. */
  forceOut?: boolean;
  /** How long to wait for another render publishing into the same folder. Default: 60 s. */
  lockTimeoutMs?: number;
  /** Render only these notebooks (names with or without .ipynb). Default: all. */
  only?: readonly string[];
  /** Parameter overrides, `name=value`. */
  params?: readonly string[];
  /** Execute even fresh notebooks. */
  force?: boolean;
  /** Worker processes. Default: 1, or 2 (on 2+ cores) for 4+ stale notebooks. */
  jobs?: number;
  /**
   * A cell running longer than this (or the timers it set, after the notebook's last cell)
   * fails its notebook, and the worker running it is stopped. Default: 300 s.
   */
  cellTimeoutMs?: number;
  /** Verdict counts for the index: a provider, null for none, or "auto" to look for lib/audit. Default "auto". */
  verdicts?: VerdictProvider | null | "auto";
  /**
   * Compile cache folder (see compile-cache.ts), or false for none.
   * Default: ROOT/node_modules/.cache/llm-breakeven-render.
   */
  compileCache?: string | false;
  /** Progress events. */
  onEvent?: (event: RenderEvent) => void;
}

export type RenderEvent =
  | { type: "plan"; names: string[]; stale: string[] }
  | { type: "start"; name: string }
  | { type: "cell"; name: string; position: number; total: number }
  | { type: "done"; report: ReportResult }
  /** Something the user should know that is not a failure (say, a slower path taken). */
  | { type: "note"; message: string };

/** Where and why a notebook stopped. */
export interface Failure {
  /** 1-based number of the cell in the notebook file (0 for the injected parameters cell). */
  cell: number;
  cellId?: string;
  message: string;
}

export interface ReportResult {
  name: string;
  status: "rendered" | "fresh" | "failed";
  /** Wall time of this notebook, milliseconds (0 when fresh). */
  ms: number;
  /** The page, relative to the output folder. */
  file: string;
  failure?: Failure;
}

export interface RenderResult {
  reports: ReportResult[];
  /** The output folder's real path. */
  outDir: string;
  /** Whether index.html was (re)written. */
  indexWritten: boolean;
  /** Whether anything was written into the output folder (never when a notebook failed). */
  published: boolean;
  /** The files of the output folder the manifest accounts for (pages, index.html, manifest.json), relative to it. */
  files: string[];
  /** False when a notebook or the audit's verdict counts failed. */
  ok: boolean;
  /** Why the audit's verdict counts could not be computed (the index keeps the previous ones). */
  verdictsError?: string;
}

interface Planned {
  name: string;
  path: string;
  bytes: string;
  notebook: Notebook;
  overrides: Override[];
  inputs: string;
}

export { DEFAULT_CELL_TIMEOUT_MS };

/** The compile cache's folder when none is given (scripts/reports.mjs looks for the render's stamps there too). */
export function defaultCacheDir(root: string): string {
  return join(root, "node_modules", ".cache", "llm-breakeven-render");
}

/** Renders the selected notebooks into the output folder. */
export async function renderReports(options: RenderOptions): Promise<RenderResult> {
  const root = resolve(options.root);
  const notebooksDir = resolve(options.notebooksDir ?? join(root, "notebooks"));
  const outDir = checkOutputFolder({
    root,
    outDir: options.outDir ?? join(root, "reports"),
    parameterized: (options.params ?? []).length > 0,
    forceOut: options.forceOut,
  });
  const emit = options.onEvent ?? (() => {});
  const cellTimeoutMs = options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;

  const available = listNotebooks(notebooksDir);
  const names = selectNotebooks(available, options.only, notebooksDir);
  const assignments = parseAssignments(options.params ?? []);
  const shared = sharedInputsDigest(root);
  const planned = planOverrides(names, notebooksDir, assignments).map(({ name, path, bytes, notebook, overrides }) => ({
    name,
    path,
    bytes,
    notebook,
    overrides,
    inputs: reportInputsHash(bytes, shared, overrides.map((o) => [o.name, o.to])),
  }));

  const manifestPath = join(outDir, "manifest.json");
  const manifest = readManifest(manifestPath, RENDERER_VERSION);
  manifest.renderer = RENDERER_VERSION;
  const isFresh = (p: Planned) => {
    const entry = manifest.reports[p.name];
    return !options.force && entry !== undefined && entry.inputs === p.inputs && hashFile(join(outDir, entry.file)) === entry.output;
  };
  const stale = planned.filter((p) => !isFresh(p));
  // The audit's counts depend on lib/ and data/ only: reuse them, or compute them while notebooks run.
  // started once the first notebook is done: the audit is CPU work, which would slow the
  // workers' start-up (loading TypeScript, parsing and checking lib/), the busiest part of a render
  let verdicts: Promise<{ counts: VerdictCounts | undefined; error: string | undefined }> | undefined;
  const startVerdicts = () =>
    (verdicts ??= verdictCounts(root, manifest, shared, options.verdicts ?? "auto").then(
      (counts) => ({ counts, error: undefined }),
      (e: unknown) => ({ counts: undefined, error: e instanceof Error ? e.message : String(e) }),
    ));
  emit({ type: "plan", names: planned.map((p) => p.name), stale: stale.map((p) => p.name) });

  const results = new Map<string, ReportResult>();
  /** Pages rendered, published together at the end. */
  const rendered = new Map<string, { html: string; entry: ManifestEntry }>();
  for (const p of planned) {
    if (!stale.includes(p)) {
      const result: ReportResult = { name: p.name, status: "fresh", ms: 0, file: manifest.reports[p.name].file };
      results.set(p.name, result);
      emit({ type: "done", report: result });
    }
  }

  if (stale.length > 0) {
    const { WorkerPool } = await import("./pool");
    const jobs = options.jobs ?? defaultJobs(stale.length);
    const cacheDir = options.compileCache ?? defaultCacheDir(root);
    // Workers start first, and build their converter for the folder at once, unless a compile
    // cache is there to spare them the converter altogether.
    const warmDir = cacheDir === false || !existsSync(join(cacheDir, "cells")) ? notebooksDir : undefined;
    const pool = new WorkerPool(Math.max(1, Math.min(jobs, stale.length)), root, (message) => emit({ type: "note", message }), warmDir);
    pool.start();
    const { renderPage } = await import("./page");
    const compileCache = cacheDir === false ? undefined : { dir: resolve(cacheDir), salt: compileInputsDigest(root, notebooksDir) };
    try {
      const runs = Promise.all(
        stale.map(async (p) => {
          // A notebook's time runs from its first cell, not from when it was queued.
          let started = performance.now();
          let announced = false;
          const announce = () => {
            if (!announced) {
              started = performance.now();
              emit({ type: "start", name: p.name });
            }
            announced = true;
          };
          const file = `${p.name}.html`;
          let run: NotebookRun;
          try {
            run = await pool.run({
              dir: notebooksDir,
              cells: cellJobs(p.notebook),
              cellTimeoutMs,
              compileCache,
              onCell: (position, total) => {
                announce();
                emit({ type: "cell", name: p.name, position, total });
              },
            });
          } catch (e) {
            const index = (e as { cellIndex?: number }).cellIndex;
            run = { cells: [], failed: { index: index ?? -1, message: e instanceof Error ? e.message : String(e) } };
          }
          announce();
          const ms = Math.round(performance.now() - started);
          relativizePaths(run, root);
          let result: ReportResult;
          if (run.failed) {
            result = { name: p.name, status: "failed", ms, file, failure: describeFailure(p.notebook, run.failed) };
          } else {
            const { html, summary } = renderPage({
              name: p.name,
              source: relative(root, p.path).split("\\").join("/"),
              notebook: p.notebook,
              run,
              overrides: p.overrides,
              inputs: p.inputs,
            });
            const entry: ManifestEntry = {
              notebook: relative(root, p.path).split("\\").join("/"),
              file,
              inputs: p.inputs,
              output: sha256(html),
              title: summary.title,
              headlines: summary.headlines,
              overrides: p.overrides,
            };
            if (summary.finding) entry.finding = summary.finding;
            rendered.set(p.name, { html, entry });
            result = { name: p.name, status: "rendered", ms, file };
          }
          results.set(p.name, result);
          emit({ type: "done", report: result });
          if (!run.failed) startVerdicts();
        }),
      );
      await runs;
    } finally {
      await pool.close();
    }
  }

  const reports = planned.map((p) => results.get(p.name)!);
  const failed = reports.some((r) => r.status === "failed");
  // A failing audit fails the render too (the index would show counts that are not the audit's).
  const { counts, error: verdictsError } = failed && verdicts === undefined ? { counts: undefined, error: undefined } : await startVerdicts();
  const listed = (m: Manifest) => [...Object.values(m.reports).map((e) => e.file), "index.html", "manifest.json"].sort();
  const result: RenderResult = { reports, outDir, indexWritten: false, published: false, files: listed(manifest), ok: !failed && !verdictsError };
  if (verdictsError) result.verdictsError = verdictsError;
  if (!result.ok) return result;

  // What to publish, given the folder's manifest as it is: the pages rendered, the pages of
  // notebooks that no longer exist dropped (by a full render), the index, the manifest.
  const { renderIndex } = await import("./index-page");
  const full = !options.only || options.only.length === 0;
  const compose = (current: Manifest) => {
    const next: Manifest = { ...current, renderer: RENDERER_VERSION, reports: { ...current.reports } };
    const files: { name: string; content: string }[] = [];
    const remove: string[] = [];
    for (const [name, { html, entry }] of rendered) {
      next.reports[name] = entry;
      files.push({ name: entry.file, content: html });
    }
    if (full) {
      for (const name of Object.keys(next.reports)) {
        if (!available.includes(name)) {
          remove.push(next.reports[name].file);
          delete next.reports[name];
        }
      }
    }
    if (counts) next.verdicts = { inputs: shared, counts };
    else delete next.verdicts;
    const index = composeIndex(outDir, next, next.verdicts?.counts, renderIndex);
    if (index) {
      next.index = index.entry;
      files.push({ name: "index.html", content: index.html });
    }
    const text = stableStringify(next);
    const manifestChanged = !existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== text;
    if (manifestChanged) files.push({ name: "manifest.json", content: text });
    return { next, files, remove, indexWritten: index !== undefined };
  };
  // nothing to write: no lock taken, the folder is not touched
  const prospect = compose(manifest);
  if (prospect.files.length === 0 && prospect.remove.length === 0) return { ...result, files: listed(prospect.next) };
  const done = await withFolderLock(outDir, { timeoutMs: options.lockTimeoutMs, onWait: (message) => emit({ type: "note", message }) }, () => {
    // another render may have published meanwhile: start from the manifest as it is now
    const composed = compose(readManifest(manifestPath, RENDERER_VERSION));
    publishFiles(outDir, composed.files, composed.remove);
    return composed;
  });
  return { ...result, indexWritten: done.indexWritten, published: done.files.length + done.remove.length > 0, files: listed(done.next) };
}

/**
 * Worker processes to start by default: one per two cores (at least one). A worker keeps more
 * than one core busy: TypeScript type-checks on its main thread while V8 compiles and collects
 * garbage on others; measured on 2 cores, one worker renders the nine reports cold in 35–37 s
 * and two in 44–55 s, each also compiling TypeScript itself and type-checking lib/ again.
 */
export function defaultJobs(notebooks: number, cores = cpus().length): number {
  return Math.max(1, Math.min(notebooks, Math.floor(cores / 2)));
}

/** The code cells of a notebook as jobs for the executor. */
export function cellJobs(notebook: Notebook): CellJob[] {
  return notebook.cells.flatMap((cell, index) =>
    cell.cell_type === "code" ? [{ index, source: cellSource(cell), allowError: hasTag(cell, "raises-exception") }] : [],
  );
}

/**
 * Executes notebooks as the renderer does, without writing anything: for tests and
 * tools that compare outputs. Paths in outputs are made relative to `root`.
 */
export async function executeNotebooks(
  paths: readonly string[],
  options: { root: string; params?: readonly string[]; compileCache?: string | false; jobs?: number },
): Promise<{ path: string; notebook: Notebook; overrides: Override[]; run: NotebookRun }[]> {
  const root = resolve(options.root);
  const assignments = parseAssignments(options.params ?? []);
  const { WorkerPool } = await import("./pool");
  const pool = new WorkerPool(Math.max(1, Math.min(options.jobs ?? 1, paths.length)), root);
  try {
    return await Promise.all(
      paths.map(async (p) => {
        const path = resolve(p);
        const dir = dirname(path);
        const name = basename(path).replace(/\.ipynb$/, "");
        const [{ notebook, overrides }] = planOverrides([name], dir, assignments);
        const cacheDir = options.compileCache ?? defaultCacheDir(root);
        const compileCache = cacheDir === false ? undefined : { dir: resolve(cacheDir), salt: compileInputsDigest(root, dir) };
        const run = await pool.run({ dir, cells: cellJobs(notebook), compileCache });
        relativizePaths(run, root);
        return { path, notebook, overrides, run };
      }),
    );
  } finally {
    await pool.close();
  }
}

/** The notebooks (names without .ipynb) in a folder, sorted. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .map((f) => f.slice(0, -".ipynb".length))
    .sort();
}

function selectNotebooks(available: string[], only: readonly string[] | undefined, dir: string): string[] {
  if (!only || only.length === 0) return available;
  const names = only.map((o) => basename(o).replace(/\.ipynb$/, ""));
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    throw new Error(`no notebook ${unknown.map((n) => `"${n}"`).join(", ")} in ${dir}. Notebooks:\n${available.map((n) => `  ${n}`).join("\n")}`);
  }
  return [...new Set(names)].sort();
}

/**
 * Reads the notebooks and types the overrides against each one's parameters. A name
 * must be a parameter of at least one selected notebook; it applies to those that
 * declare it. Throws a ParameterError listing the parameters otherwise.
 */
function planOverrides(
  names: string[],
  dir: string,
  assignments: ReadonlyMap<string, string>,
): Omit<Planned, "inputs">[] {
  const read = names.map((name) => {
    const path = join(dir, `${name}.ipynb`);
    const bytes = readFileSync(path, "utf8");
    const notebook = parseNotebook(bytes, path);
    const kernel = notebook.metadata.kernelspec?.name;
    if (kernel !== "tslab") throw new Error(`${name}.ipynb: kernelspec is "${kernel}", expected "tslab" (TypeScript)`);
    return { name, path, bytes, notebook };
  });
  if (assignments.size === 0) return read.map((r) => ({ ...r, overrides: [] }));
  const parameters = new Map<string, Parameter[]>();
  for (const r of read) {
    try {
      parameters.set(r.name, notebookParameters(r.notebook));
    } catch (e) {
      throw new ParameterError(`${r.name}.ipynb: ${(e as Error).message}`);
    }
  }
  const declared = (param: string) => read.filter((r) => parameters.get(r.name)!.some((p) => p.name === param));
  for (const param of assignments.keys()) {
    if (declared(param).length === 0) {
      const lists = read.map((r) => `${r.name}:\n${describeParameters(parameters.get(r.name)!)}`).join("\n");
      throw new ParameterError(`unknown parameter "${param}". Parameters of the selected notebooks:\n${lists}`);
    }
  }
  return read.map((r) => {
    const own = parameters.get(r.name)!;
    const mine = new Map([...assignments].filter(([param]) => own.some((p) => p.name === param)));
    const overrides = resolveOverrides(own, mine, `${r.name}.ipynb`);
    return { ...r, notebook: injectParameters(r.notebook, overrides), overrides };
  });
}

/** Maps a failed cell back to its number in the notebook file. */
function describeFailure(notebook: Notebook, run: NonNullable<NotebookRun["failed"]>): Failure {
  const failed = { ...run, message: inputErrorMessage(run.message) ?? withoutInternalFrames(run.message) };
  if (failed.index < 0) return { cell: 0, message: failed.message };
  const cell = notebook.cells[failed.index];
  const injectedBefore = notebook.cells.slice(0, failed.index).filter((c) => c.id === "injected-parameters").length;
  if (cell.id === "injected-parameters") return { cell: 0, cellId: cell.id, message: failed.message };
  const failure: Failure = { cell: failed.index + 1 - injectedBefore, message: failed.message };
  if (cell.id) failure.cellId = cell.id;
  return failure;
}

/**
 * Errors lib raises for bad input (a parameter, a model input, a data row, an unknown id): their
 * message names what is wrong and the rule, so where in the code it was caught says nothing more.
 */
const INPUT_ERRORS = /^\s*((?:\w+InputError)|DataValidationError|UnknownIdError|ParameterError): /;

/**
 * The message of an input error a cell raised (see INPUT_ERRORS), alone: the error's lines up to
 * its first stack frame, without the source excerpt Node.js prints above it. Null for any other error.
 *
 * @example inputErrorMessage("./lib/x.js:29\n  throw …\n  ^\n\nScenarioInputError: scenario parameter deviceId: no device …\n    at fail (…)")
 *   // "ScenarioInputError: scenario parameter deviceId: no device …"
 */
export function inputErrorMessage(text: string): string | null {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => INPUT_ERRORS.test(l));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && /^\s+at /.test(l));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .map((l) => l.trim())
    .join("\n")
    .trim();
}

/**
 * An error's text without the stack frames of Node.js, tslab and the renderer, which say
 * nothing about the notebook (the frames of its cells and of lib/ stay).
 */
export function withoutInternalFrames(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s+at (.*[( ])?(node:|\.?\/?node_modules\/|\.?\/?lib\/render\/|\S*\/node_modules\/)/.test(line) && !/^\s+at (async )?<anonymous>$/.test(line))
    .join("\n");
}

/** Replaces the project's absolute path in outputs (stack traces) with ".", for reproducible pages. */
export function relativizePaths(run: NotebookRun, root: string): void {
  const roots = [...new Set([realpathSync(root), root])].sort((a, b) => b.length - a.length);
  const fix = (text: string) => roots.reduce((t, r) => t.split(`file://${r}`).join("file://.").split(r).join("."), text);
  const fixValue = (v: unknown): unknown =>
    typeof v === "string" ? fix(v) : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? fix(x) : x)) : v;
  const fixOutput = (o: Output) => {
    if (o.output_type === "stream") o.text = fixValue(o.text) as string;
    else if (o.output_type === "error") o.traceback = o.traceback.map(fix);
    else for (const mime of Object.keys(o.data)) o.data[mime] = fixValue(o.data[mime]);
  };
  for (const cell of run.cells) cell.outputs.forEach(fixOutput);
  if (run.failed) run.failed.message = fix(run.failed.message);
}

/** The verdict counts for the index: from the manifest when lib/ and data/ are unchanged, else from the provider. */
async function verdictCounts(
  root: string,
  manifest: Manifest,
  shared: string,
  verdicts: VerdictProvider | null | "auto",
): Promise<VerdictCounts | undefined> {
  if (verdicts === null) return undefined;
  if (verdicts === "auto" && manifest.verdicts?.inputs === shared) return manifest.verdicts.counts;
  const { findVerdictProvider, normalizeVerdictCounts } = await import("./verdicts");
  const provider = verdicts === "auto" ? await findVerdictProvider(root) : verdicts;
  return provider ? normalizeVerdictCounts(await provider()) : undefined;
}

/** The index page and its manifest record, unless what it shows is unchanged and the file on disk is intact. */
function composeIndex(
  outDir: string,
  manifest: Manifest,
  verdicts: VerdictCounts | undefined,
  renderIndex: (typeof import("./index-page"))["renderIndex"],
): { html: string; entry: NonNullable<Manifest["index"]> } | undefined {
  const path = join(outDir, "index.html");
  const inputs = sha256(stableStringify({ renderer: RENDERER_VERSION, reports: manifest.reports, verdicts: verdicts ?? null }));
  if (manifest.index && manifest.index.inputs === inputs && hashFile(path) === manifest.index.output) return undefined;
  const html = renderIndex({ reports: manifest.reports, verdicts });
  return { html, entry: { inputs, output: sha256(html) } };
}
