/**
 * Bad input, and what `npm run reports` must say about it (issue 16, "Nothing wrong gets
 * published"): each case names what it gives the renderer, the exit status and message it
 * must give, and the folder that must not change (hashed before and after). Small fixture
 * notebooks (test/fixtures/notebooks) rendered into temporary folders.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { homedir, hostname } from "os";
import { dirname, join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../lib/render/manifest";
import { foreignEntries, LOCK_FILE, OutputFolderError, publishFiles, realFolder, withFolderLock } from "../../lib/render/outdir";
import { renderReports } from "../../lib/render/render";
import { FIXTURES, REPORTS, ROOT, tempDir } from "./helpers";

const SLOW = 240_000;
const dirs: string[] = [];
const fresh = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
const ARGS = ["--import", "tsx", "scripts/render.ts", "--notebooks", FIXTURES];
const ENV = { ...process.env, CI: "", DEBUG: "" };
const cli = (args: string[]): Run => spawnSync(process.execPath, [...ARGS, ...args], { cwd: ROOT, encoding: "utf8", env: ENV });
/** The same, not waiting: for a render to interrupt. */
const cliAsync = (args: string[], started?: (pid: number) => void): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...ARGS, ...args], { cwd: ROOT, env: ENV });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    if (started) started(child.pid!);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });

/**
 * A hash of a folder: of every file's path and bytes under it (deep), or of the name, kind,
 * size and modification time of each entry (shallow: for /, the project, the home folder).
 */
function fingerprint(dir: string, deep: boolean): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      const stat = lstatSync(path);
      if (!deep) hash.update(`${entry} ${stat.isDirectory() ? "dir" : stat.size} ${stat.isDirectory() ? "" : stat.mtimeMs}\n`);
      else if (stat.isDirectory()) walk(path);
      else hash.update(`${path.slice(dir.length)}\n`).update(stat.isSymbolicLink() ? "link" : readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

/** A folder holding the `quick` report as a render published it. */
async function publishedFolder(prefix: string): Promise<string> {
  const out = fresh(prefix);
  const result = await renderReports({ root: ROOT, notebooksDir: FIXTURES, outDir: out, only: ["quick"], verdicts: null });
  expect(result.ok).toBe(true);
  return out;
}

interface FolderCase {
  what: string;
  /** The arguments, given the case's folders. */
  args: (f: { scratch: string }) => string[];
  /** The folder that must not change, and whether to hash its files or list its entries. */
  watch: (f: { scratch: string }) => { dir: string; deep: boolean };
  message: RegExp;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const FOLDER_CASES: FolderCase[] = [
  {
    what: "--param with --out a link to reports/",
    args: ({ scratch }) => ["features", "--param", "rate=3", "--out", join(scratch, "link-to-reports")],
    watch: () => ({ dir: REPORTS, deep: true }),
    message: new RegExp(
      `^Output folder: refusing to write the reports into \\S+/link-to-reports \\(a link to ${esc(REPORTS)}\\): it is the project's reports/ folder, which holds the notebooks' own assumptions, and --param renders a scenario\\. Give the scenario its own folder with --out DIR\\.$`,
    ),
  },
  {
    what: "--param with --out a path into reports/ through a link to the project",
    args: ({ scratch }) => ["features", "--param", "rate=3", "--out", join(scratch, "link-to-project", "reports")],
    watch: () => ({ dir: REPORTS, deep: true }),
    message: /^Output folder: refusing to write the reports into \S+\/link-to-project\/reports \(a link to .*\/reports\): it is the project's reports\/ folder/,
  },
  {
    what: "--out /",
    args: () => ["quick", "--out", "/"],
    watch: () => ({ dir: "/", deep: false }),
    message: /^Output folder: refusing to write the reports into \/: it is the root of the file system\. Give --out a folder of its own, e\.g\. --out my-scenario\/\.$/,
  },
  {
    what: "--out the project root",
    args: () => ["quick", "--out", ROOT],
    watch: () => ({ dir: ROOT, deep: false }),
    message: new RegExp(`^Output folder: refusing to write the reports into ${esc(ROOT)}: it is the project's root folder\\. Give --out a folder of its own`),
  },
  {
    what: "--out a folder holding the project",
    args: () => ["quick", "--out", dirname(ROOT)],
    watch: () => ({ dir: dirname(ROOT), deep: false }),
    message: new RegExp(`^Output folder: refusing to write the reports into ${esc(dirname(ROOT))}: it holds the project \\(${esc(ROOT)}\\)`),
  },
  {
    what: "--out the home folder",
    args: () => ["quick", "--out", homedir()],
    watch: () => ({ dir: homedir(), deep: false }),
    message: /^Output folder: refusing to write the reports into \S+: it is (your home folder|the root of the file system|the project's root folder)|it holds (your home folder|the project)/,
  },
  {
    what: "--out a folder holding files the renderer did not write",
    args: ({ scratch }) => ["quick", "--out", join(scratch, "foreign")],
    watch: ({ scratch }) => ({ dir: join(scratch, "foreign"), deep: true }),
    message:
      /^Output folder: refusing to write the reports into \S+\/foreign: it holds files this renderer did not write \(notes\.txt, photos\/\); an output folder must be new, empty, or hold only reports rendered there before .* Give another folder, or add --force-out to write the reports beside those files\.$/,
  },
  {
    what: "--out a file",
    args: ({ scratch }) => ["quick", "--out", join(scratch, "foreign", "notes.txt")],
    watch: ({ scratch }) => ({ dir: join(scratch, "foreign"), deep: true }),
    message: /^Output folder: refusing to write the reports into \S+\/notes\.txt: it is a file, not a folder\./,
  },
];

describe("npm run reports refuses an output folder it must not write into: exit 2, a message naming the folder and the rule, nothing written", () => {
  const scratch = fresh("hostile-folders");
  symlinkSync(REPORTS, join(scratch, "link-to-reports"));
  symlinkSync(ROOT, join(scratch, "link-to-project"));
  mkdirSync(join(scratch, "foreign", "photos"), { recursive: true });
  writeFileSync(join(scratch, "foreign", "notes.txt"), "someone's notes\n");

  it.each(FOLDER_CASES)("$what", ({ args, watch, message }) => {
    const { dir, deep } = watch({ scratch });
    const before = fingerprint(dir, deep);
    const run = cli(args({ scratch }));
    expect(run.stderr.trim()).toMatch(message);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(/^\s+at |OutputFolderError|node:internal/m);
    expect(run.stdout).toBe("");
    expect(fingerprint(dir, deep)).toBe(before);
  });
});

interface CellCase {
  notebook: string;
  /** The cell named, as the CLI prints it. */
  cell: string;
  message: RegExp;
}

const CELL_CASES: CellCase[] = [
  {
    notebook: "timer-throw",
    cell: "cell 3 (id cell-3)",
    message: /^ {4}uncaught error in a timer or callback this cell set \(nothing caught it\):\n {4}Error: thrown from a timer$/m,
  },
  {
    notebook: "unhandled-rejection",
    cell: "cell 3 (id cell-3)",
    message: /^ {4}a promise this cell created was rejected, and nothing awaited or caught it:\n {4}Error: nobody awaited this$/m,
  },
  {
    notebook: "process-exit",
    cell: "cell 3 (id cell-3)",
    message: /^ {4}the cell called process\.exit\(3\), which would end the render's worker process; a notebook cannot do that \(to stop it, throw an error\)$/m,
  },
  {
    notebook: "endless-loop",
    cell: "cell 3 (id cell-3)",
    message:
      /^ {4}the cell ran longer than the cell timeout \(2 s\), so the worker process running it was stopped\. Give a cell that needs longer more time with --cell-timeout SECONDS\.$/m,
  },
];

describe("npm run reports fails a notebook whose cell misbehaves, naming the notebook and the cell, and publishes nothing", () => {
  let published: string;
  let before: string;
  let run: Run;
  let ms: number;
  beforeAll(async () => {
    published = await publishedFolder("hostile-cells");
    before = fingerprint(published, true);
    const started = performance.now();
    // with a notebook that renders fine: a failed render publishes none of its pages
    run = cli([...CELL_CASES.map((c) => c.notebook), "sibling", "--out", published, "--cell-timeout", "2"]);
    ms = performance.now() - started;
  }, SLOW);

  it.each(CELL_CASES)("$notebook", ({ notebook, cell, message }) => {
    const section = run.stderr.split(/\n(?=\S+\.ipynb failed in )/).find((s) => s.startsWith(`${notebook}.ipynb failed in `)) ?? run.stderr;
    expect(section).toContain(`${notebook}.ipynb failed in ${cell}:\n`);
    expect(section).toMatch(message);
    // no frame of Node.js, tslab or the renderer
    expect(section).not.toMatch(/node:internal|node_modules|lib\/render|injected parameters/);
    expect(run.stdout).toMatch(new RegExp(`^ {2}FAILED +${notebook} +\\d+\\.\\d s +stopped at ${esc(cell)}$`, "m"));
  });

  it("exits 1, says nothing was published, and leaves every file of the output folder byte-identical", () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}rendered {3}sibling/m);
    expect(run.stderr).toMatch(/^Nothing was published: every file in \S+\/ is as it was\.$/m);
    expect(fingerprint(published, true)).toBe(before);
    expect(readdirSync(published).sort()).toEqual(["index.html", "manifest.json", "quick.html"]);
    // the endless loop is stopped after its 2 s, not the default 300 s
    expect(ms).toBeLessThan(200_000);
  });
});

describe("renders of one output folder at once", () => {
  const render = (outDir: string, only: string[], extra: Partial<Parameters<typeof renderReports>[0]> = {}) =>
    renderReports({ root: ROOT, notebooksDir: FIXTURES, outDir, only, verdicts: null, ...extra });

  it("two renders at once both succeed, and the manifest and index hold both renders' pages", async () => {
    const out = fresh("hostile-concurrent");
    const [a, b] = await Promise.all([render(out, ["quick"]), render(out, ["sibling"])]);
    expect([a.ok, b.ok, a.published, b.published]).toEqual([true, true, true, true]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(Object.keys(manifest.reports).sort()).toEqual(["quick", "sibling"]);
    for (const entry of Object.values(manifest.reports)) {
      expect(createHash("sha256").update(readFileSync(join(out, entry.file))).digest("hex")).toBe(entry.output);
    }
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(createHash("sha256").update(index).digest("hex")).toBe(manifest.index!.output);
    expect(index).toContain('<a href="quick.html">');
    expect(index).toContain('<a href="sibling.html">');
    expect(readdirSync(out).sort()).toEqual(["index.html", "manifest.json", "quick.html", "sibling.html"]);
  }, SLOW);

  it("a render waits for the lock another render holds, says so, and gives up after the lock timeout, publishing nothing", async () => {
    const out = await publishedFolder("hostile-locked");
    // a render that runs (this process) holds the lock
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: "2025-01-01T00:00:00.000Z" }));
    const before = fingerprint(out, true);
    const notes: string[] = [];
    const call = render(out, ["sibling"], { lockTimeoutMs: 1000, onEvent: (e) => e.type === "note" && notes.push(e.message) });
    await expect(call).rejects.toThrow(OutputFolderError);
    await expect(call).rejects.toThrow(
      new RegExp(
        `^another render \\(process ${process.pid}, started 2025-01-01T00:00:00\\.000Z\\) is writing into ${esc(realFolder(out))}; gave up waiting after 1 s\\. If no render is running, remove \\S+/\\.render\\.lock and run again\\.$`,
      ),
    );
    expect(notes).toEqual([`waiting for another render (process ${process.pid}, started 2025-01-01T00:00:00.000Z), which is writing into ${realFolder(out)} (.render.lock), to finish`]);
    expect(fingerprint(out, true)).toBe(before);
  }, SLOW);

  it("a render waiting for the lock publishes once it is released", async () => {
    const out = await publishedFolder("hostile-released");
    const notes: string[] = [];
    let release!: () => void;
    const holding = withFolderLock(realFolder(out), {}, () => new Promise<void>((r) => (release = r)));
    const call = render(out, ["sibling"], { onEvent: (e) => e.type === "note" && notes.push(e.message) });
    while (notes.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(out)).not.toContain("sibling.html");
    release();
    await holding;
    expect((await call).published).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["index.html", "manifest.json", "quick.html", "sibling.html"]);
  }, SLOW);

  it("an interrupted render (SIGINT while a cell runs) writes nothing and leaves no worker running", async () => {
    const out = await publishedFolder("hostile-interrupted");
    const before = fingerprint(out, true);
    let pid = 0;
    const running = cliAsync(["endless-loop", "--out", out], (p) => (pid = p));
    // until the worker is in the endless loop: its pid is the render's child
    const children = () => spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
    const deadline = Date.now() + 120_000;
    let workers: string[] = [];
    while (Date.now() < deadline && (workers = children()).length === 0) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 8000));
    process.kill(pid, "SIGINT");
    const run = await running;
    expect(run.status).toBe(130);
    expect(fingerprint(out, true)).toBe(before);
    await new Promise((r) => setTimeout(r, 500));
    // gone, or a zombie whose parent (the render) is gone
    for (const worker of workers) expect(spawnSync("ps", ["-o", "stat=", "-p", worker], { encoding: "utf8" }).stdout.trim()).toMatch(/^(Z.*)?$/);
  }, SLOW);
});

describe("outdir.ts", () => {
  it("realFolder resolves links, of a folder's parent when the folder does not exist yet", () => {
    const dir = fresh("hostile-real");
    symlinkSync(REPORTS, join(dir, "link"));
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    expect(realFolder(join(dir, "link"))).toBe(REPORTS);
    expect(realFolder(join(dir, "link", "new", "deeper"))).toBe(join(REPORTS, "new", "deeper"));
    expect(realFolder(join(dir, "dangling", "x"))).toBe(join(realFolder(dir), "nowhere", "x"));
  });

  it("foreignEntries accepts what the renderer wrote (the manifest's pages, index, manifest, lock, temporary files)", async () => {
    const out = await publishedFolder("hostile-foreign");
    writeFileSync(join(out, "quick.html.tmp-99999999"), "left by an interrupted render");
    expect(foreignEntries(out)).toEqual([]);
    writeFileSync(join(out, "other.html"), "not in the manifest");
    expect(foreignEntries(out)).toEqual(["other.html"]);
    // a manifest.json and an index.html of someone else's are not the renderer's
    const other = fresh("hostile-foreign-manifest");
    writeFileSync(join(other, "manifest.json"), '{"name": "a web app"}');
    writeFileSync(join(other, "index.html"), "<p>home</p>");
    expect(foreignEntries(other)).toEqual(["index.html", "manifest.json"]);
  }, SLOW);

  it("withFolderLock takes over the lock of a process that no longer runs, and removes the lock after", async () => {
    const dir = fresh("hostile-stale-lock");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead), host: hostname(), started: "then" }));
    writeFileSync(join(dir, `index.html.tmp-${dead}`), "left by it");
    const notes: string[] = [];
    expect(await withFolderLock(dir, { timeoutMs: 1000, onWait: (m) => notes.push(m) }, () => existsSync(join(dir, LOCK_FILE)))).toBe(true);
    expect(notes).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("publishFiles writes nothing when one file cannot be written", () => {
    const dir = fresh("hostile-publish");
    writeFileSync(join(dir, "a.html"), "old a");
    mkdirSync(join(dir, "b.html.tmp-" + process.pid)); // a folder where b's temporary file goes
    expect(() => publishFiles(dir, [{ name: "a.html", content: "new a" }, { name: "b.html", content: "new b" }])).toThrow();
    expect(readFileSync(join(dir, "a.html"), "utf8")).toBe("old a");
    expect(readdirSync(dir).sort()).toEqual(["a.html", `b.html.tmp-${process.pid}`]);
  });
});
