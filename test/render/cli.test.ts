/**
 * `npm run reports` as a user runs it: progress on a terminal and in a log, and the
 * parameter errors it prints. (Failing cells and --param pages: render.test.ts.)
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, lutimesSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it, onTestFinished } from "vitest";
import { FIXTURES, ROOT, tempDir } from "./helpers";

const SLOW = 180_000;
const SCRIPT = "/usr/bin/script";

const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/render.ts", "--notebooks", FIXTURES, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "" },
  });

describe("npm run reports: progress", () => {
  it("prints one line per notebook with its time, then a summary, when stdout is not a terminal", () => {
    const out = tempDir("render-cli-progress");
    const run = cli(["features", "--out", out]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout).toMatch(/^1 notebook\(s\): 1 to execute, 0 unchanged$/m);
    expect(run.stdout).toMatch(/^ {2}rendered {3}features +\d+\.\d s$/m);
    expect(run.stdout).toMatch(/: 1 rendered, 0 unchanged, 0 failed, index updated in \d+\.\d s$/m);
    const again = cli(["features", "--out", out]);
    expect(again.stdout).toMatch(/^ {2}unchanged {2}features$/m);
  }, SLOW);

  it.skipIf(!existsSync(SCRIPT))(
    "shows a live line on a terminal: notebooks done, the running notebook, its cell and time",
    () => {
      const out = tempDir("render-cli-tty");
      const command = [process.execPath, "--import", "tsx", "scripts/render.ts", "--notebooks", FIXTURES, "features", "--out", out]
        .map((a) => `'${a}'`)
        .join(" ");
      // script(1) runs the command on a pseudo-terminal.
      const run = spawnSync(SCRIPT, ["-qec", command, "/dev/null"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "" } });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/\r\x1b\[K. 0\/1 done {2}features cell \d+\/\d+ \d+\.\d s/);
      expect(run.stdout).toMatch(/rendered {3}features +\d+\.\d s\r?\n/);
    },
    SLOW,
  );
});

/** `npm run reports` itself: scripts/reports.mjs. */
const launcher = (args: string[]) =>
  spawnSync(process.execPath, ["scripts/reports.mjs", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "" } });

describe("npm run reports: nothing changed", () => {
  it("answers from the stamp of the last render without starting TypeScript, until something it read or wrote changes", () => {
    // a notebook folder of its own, inside the project (packages resolve from there; tmp/ is
    // ignored by git), last changed an hour ago (no stamp is written for inputs changed in the last 2 s)
    mkdirSync(join(ROOT, "tmp"), { recursive: true });
    const dir = mkdtempSync(join(ROOT, "tmp", "render-cli-stamp-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const notebooks = join(dir, "notebooks");
    mkdirSync(notebooks);
    copyFileSync(join(FIXTURES, "features.ipynb"), join(notebooks, "features.ipynb"));
    symlinkSync(join(ROOT, "lib"), join(notebooks, "lib"));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(notebooks, "features.ipynb"), hourAgo, hourAgo);
    lutimesSync(join(notebooks, "lib"), hourAgo, hourAgo);
    utimesSync(notebooks, hourAgo, hourAgo);
    const args = ["--notebooks", notebooks, "--out", join(dir, "out"), "--cache-dir", join(dir, "cache")];
    const STAMPED = /^\S+\/: 1 unchanged in \d+\.\d s: nothing the last render read or wrote has changed/m;

    const first = launcher(args);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^1 notebook\(s\): 1 to execute, 0 unchanged$/m);
    const second = launcher(args);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(STAMPED);
    expect(second.stdout).not.toMatch(/notebook\(s\)/);

    // an output removed: the renderer runs, and writes the index again
    rmSync(join(dir, "out", "index.html"));
    const third = launcher(args);
    expect(third.stdout).toMatch(/: 0 rendered, 1 unchanged, 0 failed, index updated in/);
    expect(existsSync(join(dir, "out", "index.html"))).toBe(true);
    expect(launcher(args).stdout).toMatch(STAMPED);

    // other arguments: not this stamp
    expect(launcher([...args, "features"]).stdout).toMatch(/^1 notebook\(s\): 0 to execute, 1 unchanged$/m);

    // a file added to the notebook folder, and a notebook touched (same bytes): the renderer runs, and finds the page fresh
    writeFileSync(join(notebooks, "notes.txt"), "a file the notebooks may read\n");
    expect(launcher(args).stdout).toMatch(/^1 notebook\(s\): 0 to execute, 1 unchanged$/m);
    utimesSync(join(notebooks, "features.ipynb"), new Date(), new Date());
    expect(launcher(args).stdout).toMatch(/^1 notebook\(s\): 0 to execute, 1 unchanged$/m);
  }, SLOW);
});

describe("npm run reports: parameter errors", () => {
  it("a value of the wrong type exits 2 and lists the notebook's parameters", () => {
    const run = cli(["features", "--param", "flag=maybe", "--out", tempDir("render-cli-type")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/parameter "flag" is a boolean, not "maybe"\. Its parameters:\n {2}rate: number = 2 {2}\/\/ per hour\n {2}who: string = "fixture"\n {2}flag: boolean = false/);
  });
});
