/**
 * The check of each shell command README.md shows, keyed by the command exactly as written,
 * with the `#` comments the check covers. A command README shows that is not here, or here
 * with another comment, fails the test: the check has to be read against what the line now
 * claims. Every command runs as written, with bash, in a scratch copy of the project
 * (scratch.ts) and with a temporary HOME; what the checks expect comes from README's own text
 * (the line, its comment, the prose and tables around it), never from a recorded run.
 *
 * Exceptions, each checked another way:
 *   - `npm ci` (before `&&`) and `npm run setup` would replace node_modules and install
 *     system packages: .ci/run, which CI runs on a clean clone, must run those exact command
 *     lines, and under CI what setup installs must be there;
 *   - `npm test` is the suite this file is part of, and `npm run typecheck` (a minute of tsc
 *     over the whole project) is what CI runs right after it: .ci/run must run those exact
 *     command lines;
 *   - `jupyter notebook` is a server: started with `--no-browser --port=N --port-retries=0
 *     --ip=127.0.0.1` added, asked for its notebooks and to start a tslab kernel, stopped.
 *     Jupyter refuses to run as root and tslab registers its kernel system-wide for root, so
 *     when the tests run as root the Jupyter lines run as the unprivileged user "nobody";
 *   - `npm run bench` (all sections) and its five-section form take minutes (the render
 *     section runs nbconvert): they run only when README_SLOW=1 or CI is set (.ci/run sets
 *     CI), each section once: the five through README's own five-section command, scenario
 *     through `npm run bench -- scenario`, data on its own; the check then compares those with
 *     the bench's own list of sections. BENCH_COLD_RUNS=1 makes the render section time one
 *     cold render instead of three.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { expect } from "vitest";
import { cellCode, cellText, shellWords, tableWithHeader, type ReadmeExamples } from "./readme-text";
import { freePort, ROOT, scratchProject, sh, start, tempHome, transcript, type Run } from "./scratch";

export interface Context {
  readme: ReadmeExamples;
  /** README.md's text. */
  markdown: string;
  /** Marks the test skipped (a tool missing outside CI), with the reason printed. */
  skip: (why: string) => void;
}

export interface CommandCheck {
  /** The `#` comments this check covers (undefined: a line without one). */
  comments: (string | undefined)[];
  /** Takes minutes: runs only with README_SLOW=1 or CI. */
  slow?: boolean;
  run: (command: string, ctx: Context) => Promise<void>;
}

export const SLOW = process.env.README_SLOW === "1" || Boolean(process.env.CI);
const JUPYTER = "/usr/bin/jupyter";

// ---------- shared pieces ----------

const memo = new Map<string, Promise<unknown>>();
/** Runs f once per key for the whole file (a command two README lines share runs once). */
function once<T>(key: string, f: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, f());
  return memo.get(key) as Promise<T>;
}

/** A copy of the project for commands that only read. */
export const sharedProject = () => once("shared project", async () => scratchProject("project"));
const sharedHome = () => once("shared home", async () => tempHome("shared"));

async function run(command: string, cwd: string, home: string, timeoutMs = 400_000): Promise<Run> {
  return sh(command, { cwd, home, timeoutMs, render: /^npm run reports\b/.test(command) && !/--help\b/.test(command) });
}

function expectOk(r: Run): void {
  expect(r.code, transcript(r)).toBe(0);
}

/** The notebooks of a project, by name. */
function notebooks(project: string): string[] {
  return readdirSync(join(project, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => f.slice(0, -".ipynb".length))
    .sort();
}

/** Every file of a folder (not its subfolders) with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) if (statSync(join(dir, f)).isFile()) out.set(f, readFileSync(join(dir, f)));
  return out;
}

/** The files whose bytes differ between two readings of a folder (added and removed ones included). */
function changed(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((f) => !(before.get(f) && after.get(f)?.equals(before.get(f)!))).sort();
}

/** The command lines of .ci/run (not comments, not set/cd/export). */
function ciCommands(): string[] {
  return readFileSync(join(ROOT, ".ci", "run"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !/^(set|cd|export) /.test(l));
}

export function expectCiRuns(line: string): void {
  expect(ciCommands(), `.ci/run (run by CI on a clean clone) must run the command line \`${line}\``).toContain(line);
}

/** The `npm ci && …` lines: CI runs `npm ci` on a clean clone before anything else. */
export function expectCiRunsNpmCi(): void {
  const first = ciCommands().find((l) => l.startsWith("npm "));
  expect(first === "npm ci" || first?.startsWith("npm ci &&"), `.ci/run's first npm command must be \`npm ci\`: ${first}`).toBe(true);
}

/** Options of a command line: the values after each `--name`, in order, and the bare words after `--`. */
function options(command: string): { values: Map<string, string[]>; names: string[]; words: string[] } {
  const words = shellWords(command);
  const dash = words.indexOf("--");
  const after = dash >= 0 ? words.slice(dash + 1) : [];
  const values = new Map<string, string[]>();
  const names: string[] = [];
  for (let i = 0; i < after.length; i++) {
    const w = after[i];
    if (w.startsWith("--")) {
      const next = after[i + 1];
      const value = next !== undefined && !next.startsWith("--") ? next : "";
      values.set(w, [...(values.get(w) ?? []), value]);
      if (value !== "") i++;
    } else names.push(w);
  }
  return { values, names, words };
}

/** The manifest's list of reports (its keys), or undefined when there is none. */
function manifestReports(dir: string): string[] | undefined {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return undefined;
  return Object.keys((JSON.parse(readFileSync(path, "utf8")) as { reports: Record<string, unknown> }).reports).sort();
}

/** A render's plan line: how many notebooks it considered, executed and left. */
function plan(r: Run): { notebooks: number; execute: number; unchanged: number } | undefined {
  const m = /^(\d+) notebook\(s\): (\d+) to execute, (\d+) unchanged/m.exec(r.stdout);
  return m ? { notebooks: Number(m[1]), execute: Number(m[2]), unchanged: Number(m[3]) } : undefined;
}

/** A folder holds a page for each of these notebooks, an index and a manifest listing them. */
function expectPages(dir: string, names: readonly string[], r: Run): void {
  for (const n of names) expect(existsSync(join(dir, `${n}.html`)), `${dir}/${n}.html after:\n${transcript(r)}`).toBe(true);
  expect(existsSync(join(dir, "index.html")), `${dir}/index.html`).toBe(true);
  expect(manifestReports(dir), `the manifest of ${dir}`).toEqual(expect.arrayContaining([...names]));
}

function skipWithoutJupyter(ctx: Context): boolean {
  if (existsSync(JUPYTER)) return false;
  if (process.env.CI) throw new Error(`${JUPYTER} is missing under CI: npm run setup should have installed it`);
  ctx.skip(`SKIPPED: README's Jupyter lines need ${JUPYTER}; install it with: sudo bash scripts/setup-system.sh`);
  return true;
}

// ---------- the reports ----------

/** `npm run reports` into reports/ of a copy holding the committed pages; then again. */
const reportsAll = (command: string) =>
  once(`reports: ${command}`, async () => {
    const project = scratchProject("reports");
    const home = await sharedHome();
    const first = await run(command, project, home);
    const after = files(join(project, "reports"));
    const second = first.code === 0 ? await run(command, project, home) : undefined;
    return { project, first, after, second };
  });

async function checkReportsAll(command: string): Promise<void> {
  const { project, first, after, second } = await reportsAll(command);
  expectOk(first);
  const all = notebooks(project);
  // "render every notebook into reports/", "all notebooks"
  expect(plan(first)?.notebooks, `the plan line of:\n${transcript(first)}`).toBe(all.length);
  expectPages(join(project, "reports"), all, first);
  // "unchanged ones are not re-executed": run again, nothing is executed and no page changes
  expectOk(second!);
  const again = plan(second!);
  const stamped = /^.*: (\d+) unchanged in [\d.]+ s: nothing the last render read or wrote has changed/m.exec(second!.stdout);
  expect(again ? again.execute === 0 && again.unchanged === all.length : Number(stamped?.[1]) === all.length, `the second run:\n${transcript(second!)}`).toBe(true);
  expect(changed(after, files(join(project, "reports"))), "files of reports/ the second run changed").toEqual([]);
}

/** `npm run reports -- NAME …`: only the named notebooks are considered; no other page changes. */
async function checkReportsOnly(command: string): Promise<void> {
  const project = scratchProject("reports-only");
  const before = files(join(project, "reports"));
  const r = await run(command, project, await sharedHome());
  expectOk(r);
  const { names } = options(command);
  expect(names.length).toBeGreaterThan(0);
  expect(plan(r)?.notebooks, `the plan line of:\n${transcript(r)}`).toBe(names.length);
  const after = files(join(project, "reports"));
  expectPages(join(project, "reports"), names, r);
  const others = changed(before, after).filter((f) => f !== "index.html" && f !== "manifest.json" && !names.includes(f.replace(/\.html$/, "")));
  expect(others, `files of reports/ changed though only ${names.join(", ")} was named`).toEqual([]);
}

/** The override table on a page: parameter name -> value as the page shows it (JSON). */
function overrideTable(html: string): Map<string, unknown> {
  const at = html.indexOf("rendered with parameters overridden");
  expect(at, "the page says it was rendered with parameters overridden").toBeGreaterThan(0);
  const table = html.slice(at, html.indexOf("</table>", at));
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  const out = new Map<string, unknown>();
  for (const m of table.matchAll(/<tr><td><code>([^<]+)<\/code><\/td><td>([^<]*)<\/td>/g)) out.set(decode(m[1]), JSON.parse(decode(m[2])));
  return out;
}

/** `--param NAME=VALUE … --out DIR`: the page lands in DIR (in the copy), lists every override, and reports/ is untouched. */
async function checkReportsParam(command: string): Promise<void> {
  const project = scratchProject("reports-param");
  const reportsBefore = files(join(project, "reports"));
  const r = await run(command, project, await sharedHome());
  expectOk(r);
  const { values, names } = options(command);
  const out = resolve(project, values.get("--out")![0]);
  expectPages(out, names, r);
  expect([...files(out).keys()].filter((f) => f.endsWith(".html") && f !== "index.html"), `pages in ${out}`).toEqual(names.map((n) => `${n}.html`));
  const shown = overrideTable(readFileSync(join(out, `${names[0]}.html`), "utf8"));
  for (const p of values.get("--param") ?? []) {
    const [name, ...rest] = p.split("=");
    const text = rest.join("=");
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // a string parameter, as written
    }
    expect(shown.get(name), `the page's override of ${name} (table: ${JSON.stringify([...shown])})`).toEqual(value);
  }
  expect(changed(reportsBefore, files(join(project, "reports"))), "files of reports/ a render with --param into another folder changed").toEqual([]);
}

/** `--out ~/… --force-out`, "a folder holding other files too": refused without --force-out, rendered with it, the other file kept. */
async function checkReportsForceOut(command: string): Promise<void> {
  const project = await sharedProject();
  const home = tempHome("force-out");
  const target = values1(command, "--out").replace(/^~(?=\/)/, home);
  expect(target.startsWith(home), `the --out folder ${target} is under HOME`).toBe(true);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "notes.txt"), "a file of the reader's\n");
  const without = await run(command.replace(/\s+--force-out\b/, ""), project, home);
  expect(without.code, `without --force-out the folder holding another file must be refused (exit 2):\n${transcript(without)}`).toBe(2);
  expect([...files(target).keys()], "the folder after the refused render").toEqual(["notes.txt"]);
  const r = await run(command, project, home);
  expectOk(r);
  expectPages(target, notebooks(project), r);
  expect(readFileSync(join(target, "notes.txt"), "utf8")).toBe("a file of the reader's\n");
}

function values1(command: string, flag: string): string {
  const v = options(command).values.get(flag);
  expect(v, `${flag} in ${command}`).toBeDefined();
  return v![0];
}

const reportsHelp = () =>
  once("reports --help", async () => run("npm run reports -- --help", await sharedProject(), await sharedHome()));

/** `--cell-timeout 900`, "allow a cell 15 minutes (default 300 s)". */
async function checkCellTimeout(command: string, comment: string): Promise<void> {
  const seconds = Number(values1(command, "--cell-timeout"));
  const minutes = /(\d+) minutes/.exec(comment);
  const byDefault = /default (\d+) s/.exec(comment);
  expect(minutes && byDefault, `the comment "${comment}" states the minutes and the default`).toBeTruthy();
  expect(seconds, `--cell-timeout ${seconds} is ${minutes![1]} minutes`).toBe(Number(minutes![1]) * 60);
  const help = await reportsHelp();
  const line = help.stdout.split("\n").find((l) => l.trim().startsWith("--cell-timeout"));
  expect(line, `--help's line for --cell-timeout:\n${help.stdout}`).toMatch(new RegExp(`default ${byDefault![1]}\\b`));
  const project = scratchProject("cell-timeout");
  const r = await run(command, project, await sharedHome());
  expectOk(r);
  expectPages(join(project, "reports"), notebooks(project), r);
}

async function checkReportsHelp(command: string, ctx: Context): Promise<void> {
  const r = await run(command, await sharedProject(), await sharedHome());
  expectOk(r);
  expect(r.stdout).toContain("Usage: npm run reports");
  // every option README's reports commands use is in the usage
  const used = new Set<string>();
  for (const b of ctx.readme.blocks) for (const m of b.text.matchAll(/npm run reports -- [^#\n]*/g)) for (const f of m[0].matchAll(/\s(--[a-z-]+)/g)) used.add(f[1]);
  expect(used.size).toBeGreaterThan(1);
  for (const flag of used) expect(r.stdout, `--help lists ${flag}`).toMatch(new RegExp(`^\\s+(-\\w, )?${flag}\\b`, "m"));
  // and the notebook it gives as an example of NOTEBOOK is one
  const example = /^\s+NOTEBOOK\s.*\(e\.g\. ([\w-]+)\)/m.exec(r.stdout);
  if (example) expect(notebooks(await sharedProject()), "the notebook --help names as an example").toContain(example[1]);
}

// ---------- Jupyter ----------

const jupyterHome = () => once("jupyter home", async () => tempHome("jupyter"));

const tslabInstall = (command: string) =>
  once("tslab install", async () => {
    const home = await jupyterHome();
    const r = await sh(command, { cwd: await sharedProject(), home, asUser: true, timeoutMs: 120_000 });
    return { home, r };
  });

async function checkTslabInstall(command: string, ctx: Context): Promise<void> {
  if (skipWithoutJupyter(ctx)) return;
  const { home, r } = await tslabInstall(command);
  expectOk(r);
  const dir = join(home, ".local", "share", "jupyter", "kernels", "tslab");
  const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8")) as { argv: string[]; language: string };
  expect(spec.argv[0]).toBe("tslab");
  expect(spec.language).toBe("typescript");
  // registered: Jupyter, with that HOME, finds the tslab kernel there
  const list = await sh(`${JUPYTER} kernelspec list --json`, { cwd: home, home, asUser: true, timeoutMs: 60_000 });
  expectOk(list);
  const specs = (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
  expect(specs.tslab?.resource_dir, `jupyter kernelspec list: ${list.stdout}`).toBe(dir);
}

async function checkJupyterNotebook(command: string, ctx: Context): Promise<void> {
  if (skipWithoutJupyter(ctx)) return;
  const install = ctx.readme.blocks.flatMap((b) => (b.lang === "sh" ? b.text.split("\n") : [])).find((l) => l.includes("tslab install"));
  expect(install, "README registers the tslab kernel before starting Jupyter").toBeDefined();
  const { home, r: installed } = await tslabInstall(install!.replace(/^npm ci && /, "").replace(/\s+#.*$/, ""));
  expectOk(installed);
  const project = await sharedProject();
  const port = await freePort();
  const server = start(`${command} --no-browser --port=${port} --port-retries=0 --ip=127.0.0.1`, { cwd: project, home, asUser: true });
  try {
    const [, token] = await server.waitFor(/is running at:[\s\S]*?token=([0-9a-f]+)/, 90_000);
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { Authorization: `token ${token}`, "Content-Type": "application/json" } });
    // it serves notebooks/
    const contents = (await (await api("/api/contents")).json()) as { content: { name: string; type: string }[] };
    const served = contents.content.filter((c) => c.type === "notebook").map((c) => c.name.replace(/\.ipynb$/, "")).sort();
    expect(served, "the notebooks Jupyter serves").toEqual(notebooks(project));
    // and starts the tslab kernel, which it finds through the PATH the line sets
    const started = await api("/api/kernels", { method: "POST", body: JSON.stringify({ name: "tslab" }) });
    const kernel = (await started.json()) as { id: string; name: string };
    expect(started.status, `starting a tslab kernel: ${JSON.stringify(kernel)}\n${server.output()}`).toBe(201);
    expect(kernel.name).toBe("tslab");
    await server.waitFor(new RegExp(`Kernel started: ${kernel.id}`), 30_000);
    expect((await api(`/api/kernels/${kernel.id}`, { method: "DELETE" })).status).toBe(204);
  } finally {
    await server.stop();
  }
}

// ---------- the terminal answer ----------

async function scenarioRun(command: string): Promise<Run> {
  return once(`scenario: ${command}`, async () => run(command, await sharedProject(), await sharedHome(), 120_000));
}

/** The paragraph of README that starts with these words. */
function paragraph(ctx: Context, start: string): string {
  const at = ctx.markdown.indexOf(start);
  expect(at, `README's paragraph "${start}…"`).toBeGreaterThanOrEqual(0);
  return ctx.markdown.slice(at, ctx.markdown.indexOf("\n\n", at));
}

async function checkScenario(command: string, ctx: Context): Promise<void> {
  const r = await scenarioRun(command);
  expectOk(r);
  const { values } = options(command);
  for (const flag of ["--device", "--model", "--format"]) expect(r.stdout, `the answer names ${flag} ${values.get(flag)?.[0]}`).toContain(values.get(flag)![0]);
  // what README says the answer gives: "the verdict at your volume, the cost per million tokens and the break-even, … and the cheapest API in the data"
  const said = paragraph(ctx, "The scenario report's answer").replace(/\s+/g, " ");
  for (const part of ["cost per million tokens", "break-even", "cheapest API in the data"]) {
    expect(said, `README's paragraph says the answer gives the ${part}`).toContain(part);
    expect(r.stdout.toLowerCase(), `the answer gives the ${part}`).toContain(part.toLowerCase());
  }
}

async function checkScenarioJson(command: string, ctx: Context, comment: string): Promise<void> {
  const r = await scenarioRun(command);
  expectOk(r);
  const json = r.stdout.slice(r.stdout.search(/^[{[]/m)); // after npm's own "> llm-breakeven… scenario" lines
  const answer = JSON.parse(json) as { kind: string; situation: { modelId: string; deviceId: string }; fit?: { neededGiB: number; memoryGiB: number; devicesNeeded: number; formatsThatFit: string[]; modelsThatFit: string[] } };
  expect(answer.situation.deviceId).toBe(values1(command, "--device"));
  // "gpt-oss-120b does not fit: what would"
  const [model] = comment.split(" ");
  expect(answer.situation.modelId).toBe(model);
  expect(answer.kind).toBe("does-not-fit");
  const fit = answer.fit!;
  expect(fit.neededGiB, "the memory it needs").toBeGreaterThan(fit.memoryGiB);
  // "the devices, formats or models that would" (README's paragraph on the answer)
  expect(paragraph(ctx, "The scenario report's answer").replace(/\s+/g, " ")).toContain("the devices, formats or models that would");
  expect(fit.devicesNeeded > 1 || fit.formatsThatFit.length > 0 || fit.modelsThatFit.length > 0, `what would fit: ${JSON.stringify(fit)}`).toBe(true);
}

async function checkScenarioHelp(command: string, ctx: Context, comment: string): Promise<void> {
  const project = await sharedProject();
  const home = await sharedHome();
  const r = await run(command, project, home, 120_000);
  expectOk(r);
  // "the flags": every flag README's scenario commands use
  const lines = ctx.readme.blocks.flatMap((b) => (b.lang === "sh" ? b.text.split("\n") : [])).filter((l) => l.startsWith("npm run scenario --"));
  const flags = new Set(lines.flatMap((l) => [...l.replace(/#.*/, "").matchAll(/\s(--[a-z-]+)/g)].map((m) => m[1])));
  expect(flags.size).toBeGreaterThan(3);
  flags.add("--list");
  for (const flag of flags) expect(r.stdout, `--help lists ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, "m"));
  // "--list devices|models|apis for the ids": each lists the ids README's commands use
  const kinds = /--list ([a-z|]+)/.exec(comment)![1].split("|");
  const used: Record<string, string[]> = {
    devices: lines.flatMap((l) => [...l.matchAll(/--device (\S+)/g)].map((m) => m[1])),
    models: [...lines.flatMap((l) => [...l.matchAll(/--model (\S+)/g)].map((m) => m[1])), ...lines.flatMap((l) => [...l.matchAll(/# (\S+) does not fit/g)].map((m) => m[1]))],
    // README's default API, written as the catalog paragraph spells it
    apis: [...ctx.markdown.matchAll(/"(claude-sonnet-4\.6)"/g)].map((m) => m[1]),
  };
  expect(kinds.sort()).toEqual(Object.keys(used).sort());
  await Promise.all(
    kinds.map(async (kind) => {
      const list = await run(`npm run scenario -- --list ${kind}`, project, home, 120_000);
      expectOk(list);
      expect(used[kind].length, `README names some ${kind}`).toBeGreaterThan(0);
      const ids = list.stdout.split("\n").filter((l) => !l.startsWith(">") && l.trim() !== "").map((l) => l.split(/\s+/)[0]);
      for (const id of used[kind]) expect(ids.some((x) => x === id || x.endsWith(`/${id}`)), `--list ${kind} has ${id}: ${ids.join(", ")}`).toBe(true);
    }),
  );
}

// ---------- the audit ----------

/** The article ids, from README's --json table ("article id (`local-tokenomics`, …)"). */
function articles(ctx: Context): string[] {
  const table = tableWithHeader(ctx.readme.tables, ["field", "meaning"]);
  const row = table.rows.find((r) => cellCode(r[0]).includes("article"))!;
  return cellCode(row[1]);
}

/** `npm run --silent audit -- --json > audit.json`, in a copy (also where --write-snapshot then runs). */
const auditJson = () =>
  once("audit --json", async () => {
    const project = scratchProject("audit");
    const line = "npm run --silent audit -- --json > audit.json";
    const r = await run(line, project, await sharedHome(), 200_000);
    return { project, r, file: join(project, "audit.json") };
  });

interface AuditRow {
  article: string;
  claimId: string;
  verdict: string;
  check: string;
  tolerance: Record<string, unknown> | null;
  [field: string]: unknown;
}

async function auditRows(): Promise<AuditRow[]> {
  const { r, file } = await auditJson();
  expectOk(r);
  return JSON.parse(readFileSync(file, "utf8")) as AuditRow[];
}

async function checkAuditJson(command: string, ctx: Context): Promise<void> {
  expect(command).toBe("npm run --silent audit -- --json > audit.json");
  const { r, file } = await auditJson();
  expectOk(r);
  // "--silent keeps npm's own lines out": the whole file is JSON
  const text = readFileSync(file, "utf8");
  expect(text.startsWith("["), `audit.json begins: ${text.slice(0, 80)}`).toBe(true);
  const rows = JSON.parse(text) as AuditRow[];
  expect(rows.length).toBeGreaterThan(0);
  // the fields README's table lists: every row has each; every key a row has is named in the table
  const table = tableWithHeader(ctx.readme.tables, ["field", "meaning"]);
  const fields = table.rows.flatMap((row) => cellCode(row[0]));
  const named = new Set(table.rows.flatMap((row) => [...cellCode(row[0]), ...cellCode(row[1])]));
  const toleranceRow = table.rows.find((row) => cellCode(row[0]).includes("tolerance"))!;
  const toleranceFields = new Set(cellCode(toleranceRow[1]));
  const enumerated = (field: string) =>
    cellText(table.rows.find((row) => cellCode(row[0]).includes(field))![1])
      .split(/,\s*|\s+or\s+/)
      .map((s) => s.trim());
  const verdicts = enumerated("verdict");
  const checks = enumerated("check");
  const ids = articles(ctx);
  for (const row of rows) {
    const where = `claim ${row.claimId}`;
    for (const f of fields) expect(row, `${where} has README's field ${f}`).toHaveProperty(f);
    for (const k of Object.keys(row)) expect(named.has(k), `${where}: field ${k} is not in README's table`).toBe(true);
    expect(ids, `${where}: article`).toContain(row.article);
    expect(verdicts, `${where}: verdict`).toContain(row.verdict);
    expect(checks, `${where}: check`).toContain(row.check);
    if (row.tolerance !== null) for (const k of Object.keys(row.tolerance)) expect(toleranceFields.has(k), `${where}: tolerance.${k} is not in README's table`).toBe(true);
  }
  expect(new Set(rows.map((r) => r.article)), "every article README lists has claims").toEqual(new Set(ids));
}

async function checkAudit(command: string, ctx: Context): Promise<void> {
  const r = await run(command, await sharedProject(), await sharedHome(), 200_000);
  expectOk(r);
  const ids = articles(ctx);
  const only = options(command).values.get("--article")?.[0];
  const headers = [...r.stdout.matchAll(/^([a-z-]+): (\d+) claims$/gm)].map((m) => ({ article: m[1], claims: Number(m[2]) }));
  const rows = await auditRows();
  const claimsOf = (a: string) => rows.filter((row) => row.article === a).length;
  if (only) {
    expect(headers.map((h) => h.article), "the articles printed").toEqual([only]);
    expect(headers[0].claims, `${only}'s claims, as --json counts them`).toBe(claimsOf(only));
    return;
  }
  // "per article: a table of claims and verdicts, a count; then the overall count"
  expect(headers.map((h) => h.article), "one table per article").toEqual(ids);
  for (const h of headers) expect(h.claims, `${h.article}'s claims, as --json counts them`).toBe(claimsOf(h.article));
  expect(r.stdout.match(/^claim\s+claimed\s+recomputed\s+unit\s+verdict\b/gm)?.length, "a table header (claim … verdict) per article").toBe(ids.length);
  expect(r.stdout.match(/^ {2}reproduced: \d+/gm)?.length, "a count per article").toBe(ids.length);
  const overall = /^all articles: (\d+) claims — reproduced: \d+/m.exec(r.stdout);
  expect(overall, "the overall count").not.toBeNull();
  expect(Number(overall![1])).toBe(rows.length);
  expect(r.stdout.trimEnd().split("\n").pop(), "the overall count comes last").toMatch(/^all articles:/);
}

/** `--write-snapshot`, "accept moved verdicts: rewrites test/audit/verdicts.snapshot.json": in the copy where --json ran, a planted move is undone. */
async function checkWriteSnapshot(command: string, _ctx: Context, comment: string): Promise<void> {
  const { project } = await auditJson();
  const rows = await auditRows();
  const path = /rewrites (\S+)/.exec(comment)![1];
  const inRepo = readFileSync(join(ROOT, path));
  const snapshot = join(project, path);
  const pinned = JSON.parse(readFileSync(snapshot, "utf8")) as { claimId: string; verdict: string }[];
  pinned[0] = { ...pinned[0], verdict: "moved-by-the-readme-test" };
  writeFileSync(snapshot, JSON.stringify(pinned.slice(0, -1)));
  const r = await run(command, project, await sharedHome(), 200_000);
  expectOk(r);
  const rewritten = JSON.parse(readFileSync(snapshot, "utf8")) as { claimId: string; verdict: string }[];
  expect(rewritten.map((p) => [p.claimId, p.verdict]), "the snapshot pins the verdicts the audit gives").toEqual(rows.map((row) => [row.claimId, row.verdict]));
  expect(readFileSync(join(ROOT, path)).equals(inRepo), `the project's own ${path} is untouched`).toBe(true);
}

// ---------- the rest ----------

async function checkDataCheck(command: string, ctx: Context): Promise<void> {
  const r = await run(command, await sharedProject(), await sharedHome(), 120_000);
  expectOk(r);
  // "prints rows and sources per table and the facts whose only source is an article"
  const table = tableWithHeader(ctx.readme.tables, ["table", "what it holds"]);
  const names = table.rows.flatMap((row) => cellCode(row[0])).filter((n) => /^[a-z_]+$/.test(n));
  expect(names.length).toBeGreaterThan(5);
  for (const n of names) expect(r.stdout, `a row for ${n}`).toMatch(new RegExp(`^\\| ${n}\\s+\\| \\d+\\s+\\| \\d+`, "m"));
  expect(r.stdout).toMatch(/^Facts whose only source is an article \(\d+\):/m);
}


async function checkSetupOutcome(ctx: Context): Promise<void> {
  const missing = [JUPYTER, "/usr/bin/chromium"].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    if (process.env.CI) throw new Error(`under CI, after npm run setup, these are missing: ${missing.join(", ")}`);
    ctx.skip(`SKIPPED: what npm run setup installs is not here (${missing.join(", ")}); .ci/run runs it`);
    return;
  }
  const list = await sh(`${JUPYTER} kernelspec list --json`, { cwd: ROOT, home: process.env.HOME ?? ROOT, timeoutMs: 60_000 });
  expectOk(list);
  expect(Object.keys((JSON.parse(list.stdout) as { kernelspecs: object }).kernelspecs), "the kernels Jupyter knows").toContain("tslab");
}

/** `npm run bench -- SECTION …`: exits 0 and prints exactly those sections, in that order. */
async function benchSections(command: string): Promise<string[]> {
  const r = await sh(command, { cwd: await sharedProject(), home: await sharedHome(), env: { BENCH_COLD_RUNS: "1" }, timeoutMs: 1_200_000 });
  expectOk(r);
  return [...r.stdout.matchAll(/^== (\w+) ==$/gm)].map((m) => m[1]);
}

async function checkBenchNamed(command: string): Promise<void> {
  const named = options(command).names;
  expect(await once(`bench sections: ${command}`, () => benchSections(command)), `the sections ${command} prints`).toEqual(named);
}

async function checkBenchAll(_command: string, ctx: Context): Promise<void> {
  // the bench's own list of sections, from its answer to a section it does not have
  const unknown = await run("npm run bench -- no-such-section", await sharedProject(), await sharedHome(), 120_000);
  expect(unknown.code, transcript(unknown)).toBe(2);
  const all = /the sections are ([a-z, ]+)/.exec(unknown.stderr)![1].split(", ");
  // each section once: through README's other bench commands, and data (which no other README command names) on its own
  const others = ctx.readme.inline.map((l) => l.command).filter((c) => c.startsWith("npm run bench -- "));
  const ran: string[] = [];
  for (const c of others) {
    await checkBenchNamed(c);
    ran.push(...options(c).names);
  }
  for (const section of all.filter((s) => !ran.includes(s))) {
    await checkBenchNamed(`npm run bench -- ${section}`);
    ran.push(section);
  }
  expect([...ran].sort(), "every section of npm run bench ran").toEqual([...all].sort());
}

// ---------- the table ----------

/** A check that reads the claims of the comment it covers (and, with alsoWithout, covers the line without it too). */
function commented(comment: string, run: (command: string, ctx: Context, comment: string) => Promise<void>, options: { alsoWithout?: boolean } = {}): CommandCheck {
  return { comments: options.alsoWithout ? [comment, undefined] : [comment], run: (command, ctx) => run(command, ctx, comment) };
}

export const checks: Record<string, CommandCheck> = {
  "npm ci && npm run setup && npm test": {
    comments: ["the tests (setup installs Jupyter, tslab's kernel and Chromium)"],
    run: async (command, ctx) => {
      expectCiRuns(command);
      await checkSetupOutcome(ctx);
    },
  },
  "npm ci": { comments: [undefined], run: async () => expectCiRunsNpmCi() },
  "npm test": {
    comments: [undefined],
    run: async (command) => expect(ciCommands().some((l) => l.split(" && ").includes(command)), `.ci/run runs ${command}`).toBe(true),
  },
  "npm run setup": {
    comments: [undefined],
    run: async (command, ctx) => {
      expect(ciCommands().some((l) => l.split(" && ").includes(command)), `.ci/run runs ${command}`).toBe(true);
      await checkSetupOutcome(ctx);
    },
  },
  "npm run reports": {
    comments: ["the main job: render every notebook into reports/", "all notebooks; unchanged ones are not re-executed", undefined],
    run: (command) => checkReportsAll(command),
  },
  "npm run reports -- 12-scenario-explorer": { comments: ["only these"], run: (command) => checkReportsOnly(command) },
  "npm run reports -- 12-scenario-explorer --param deviceId=rtx-4090 --param tokensPerMonth=2e8 --out my-scenario/": {
    comments: [undefined],
    run: (command) => checkReportsParam(command),
  },
  'npm run reports -- 01-local-tokenomics --param overrides="usdPerKWh=0.30" --out cheap-power/': {
    comments: [undefined],
    run: (command) => checkReportsParam(command),
  },
  "npm run reports -- --out ~/Desktop/llm-reports --force-out": {
    comments: ["a folder holding other files too"],
    run: (command) => checkReportsForceOut(command),
  },
  "npm run reports -- --cell-timeout 900": commented("allow a cell 15 minutes (default 300 s)", (command, _ctx, comment) => checkCellTimeout(command, comment)),
  "npm run reports -- --help": { comments: [undefined], run: (command, ctx) => checkReportsHelp(command, ctx) },
  "npx tslab install --python=/usr/bin/python3": { comments: ["registers the tslab kernel"], run: (command, ctx) => checkTslabInstall(command, ctx) },
  'PATH="$PWD/node_modules/.bin:$PATH" jupyter notebook notebooks/': { comments: [undefined], run: (command, ctx) => checkJupyterNotebook(command, ctx) },
  "npm run scenario -- --device rtx-4090 --model llama-3.1-8b --format q4_k_m --tokens-per-month 2e8 --concurrency 1": {
    comments: [undefined],
    run: (command, ctx) => checkScenario(command, ctx),
  },
  "npm run scenario -- --device rtx-4090 --json": commented("gpt-oss-120b does not fit: what would", checkScenarioJson),
  "npm run scenario -- --help": commented("the flags; --list devices|models|apis for the ids", checkScenarioHelp),
  "npm run audit": { comments: ["per article: a table of claims and verdicts, a count; then the overall count"], run: (command, ctx) => checkAudit(command, ctx) },
  "npm run audit -- --article not-cheaper": { comments: [undefined], run: (command, ctx) => checkAudit(command, ctx) },
  "npm run --silent audit -- --json > audit.json": {
    comments: ["machine-readable (--silent keeps npm's own lines out)"],
    run: (command, ctx) => checkAuditJson(command, ctx),
  },
  // also named in the prose, without the comment: the same check, reading the file from the comment
  "npm run audit -- --write-snapshot": commented("accept moved verdicts: rewrites test/audit/verdicts.snapshot.json", checkWriteSnapshot, { alsoWithout: true }),
  "npm run data:check": { comments: [undefined], run: (command, ctx) => checkDataCheck(command, ctx) },
  "npm run typecheck": { comments: [undefined], run: async (command) => expectCiRuns(command) },
  "npm run bench -- scenario": { comments: [undefined], run: (command) => checkBenchNamed(command) },
  "npm run bench -- models sensitivity render live predict": { comments: [undefined], slow: true, run: (command) => checkBenchNamed(command) },
  "npm run bench": { comments: [undefined], slow: true, run: (command, ctx) => checkBenchAll(command, ctx) },
};
