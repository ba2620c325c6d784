/**
 * `npm run audit -- --help`: the audit's two commands and every flag scripts/audit.ts reads, with
 * exit 0; an unknown argument is still a usage error (exit 2) that points to --help.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
// what `npm run audit` runs (tsx scripts/audit.ts), without npm's own lines
const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/audit.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe("npm run audit -- --help", () => {
  const help = run("--help");

  it("exits 0 and names both commands", () => {
    expect(help.status, help.stderr).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/^usage: npm run audit -- \[--json\] \[--article <id>\] \[--data DIR\] \[--write-snapshot\]\n\s+npm run audit -- new <article-id> <text-file> \[options\]\n/);
  });

  it("lists every flag scripts/audit.ts reads, each on a line of its own", () => {
    const source = readFileSync(resolve(ROOT, "scripts/audit.ts"), "utf8");
    const flags = new Set([...source.matchAll(/"(--[a-z-]+)"/g)].map((m) => m[1]));
    // --json, --write-snapshot, --article, --data, --help; and new's --url … --uncertainty
    expect(flags.size).toBeGreaterThanOrEqual(12);
    for (const flag of flags) expect(help.stdout, `--help lists ${flag}`).toMatch(new RegExp(`^  ${flag}\\b`, "m"));
  });

  it("names the article ids --article takes: data/claims/<id>.csv", () => {
    const ids = readdirSync(resolve(ROOT, "data/claims")).filter((f) => f.endsWith(".csv") && !f.endsWith(".not-claims.csv")).map((f) => f.replace(/\.csv$/, ""));
    expect(ids).toContain("not-cheaper");
    expect(help.stdout).toContain(`--article <id>             one article (${ids.sort().join(", ")})`);
  });

  it("-h and `new --help` give the same text; an unknown argument exits 2 and points to --help", () => {
    expect(run("-h").stdout).toBe(help.stdout);
    const onNew = run("new", "--help");
    expect(onNew.status).toBe(0);
    expect(onNew.stdout).toBe(help.stdout);
    const bad = run("--frobnicate");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('unknown argument "--frobnicate"\nusage: npm run audit -- [--json] [--article <id>] [--data DIR] [--write-snapshot]; npm run audit -- --help for every command and flag\n');
  });
});
