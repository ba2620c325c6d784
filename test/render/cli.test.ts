/**
 * `npm run reports` as a user runs it: progress on a terminal and in a log, and the
 * parameter errors it prints. (Failing cells and --param pages: render.test.ts.)
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { describe, expect, it } from "vitest";
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

describe("npm run reports: parameter errors", () => {
  it("a value of the wrong type exits 2 and lists the notebook's parameters", () => {
    const run = cli(["features", "--param", "flag=maybe", "--out", tempDir("render-cli-type")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/parameter "flag" is a boolean, not "maybe"\. Its parameters:\n {2}rate: number = 2 {2}\/\/ per hour\n {2}who: string = "fixture"\n {2}flag: boolean = false/);
  });
});
