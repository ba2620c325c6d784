/**
 * `npm run scenario`: the scenario notebook's answer in the terminal. With the notebook's default
 * parameters it prints the same figures as the published report, to the last digit; a model that
 * does not fit gets advice instead of an error; a bad flag is named.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fmtTokens } from "../../lib/models";

const ROOT = resolve(__dirname, "../..");
const run = (...args: string[]) => spawnSync(process.execPath, ["scripts/scenario.mjs", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
const manifest = JSON.parse(readFileSync(resolve(ROOT, "reports/manifest.json"), "utf8")) as { reports: Record<string, { headlines: { label: string; value: string; number?: number }[] }> };
const headline = (label: RegExp) => manifest.reports["12-scenario-explorer"].headlines.find((h) => label.test(h.label))!;

describe("npm run scenario", () => {
  it("with no flags (the notebook's defaults) agrees with the published scenario report to the digit", () => {
    const r = run("--json");
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.kind).toBe("answer");
    expect(a.usdPerMTok.value).toBe(headline(/^Self-hosted cost per million/).number);
    expect(a.breakEven.value.kind === "volume" ? `${fmtTokens(a.breakEven.value.tokensPerMonth)} tokens/month` : "never").toBe(headline(/^Break-even against/).value);
    expect(a.cheaper).toBe(headline(/^Cheaper at your volume/).value);
  });
  it("the README's command: an RTX 4090 with Llama 3.1 8B at Q4_K_M, 200 M tokens — an estimated speed, with its range carried into the cost", () => {
    const r = run("--device", "rtx-4090", "--model", "llama-3.1-8b", "--format", "q4_k_m", "--tokens-per-month", "2e8", "--concurrency", "1", "--json");
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.estimated).toBe(true);
    expect(a.tokensPerSecond.low).toBeLessThanOrEqual(a.tokensPerSecond.value);
    expect(a.tokensPerSecond.value).toBeLessThanOrEqual(a.tokensPerSecond.high);
    // a slower machine costs more per token
    expect(a.usdPerMTok.low).toBeLessThanOrEqual(a.usdPerMTok.value);
    expect(a.usdPerMTok.value).toBeLessThanOrEqual(a.usdPerMTok.high);
    const text = run("--device", "rtx-4090", "--model", "llama-3.1-8b", "--format", "q4_k_m", "--tokens-per-month", "2e8", "--concurrency", "1").stdout;
    expect(text).toMatch(/^Self-hosting is cheaper at 200 M tokens a month/);
    const speed = (x: number) => x.toFixed(1);
    expect(text).toContain(`\nSpeed: an estimate, not a measurement: ${speed(a.tokensPerSecond.value)} tok/s (range ${speed(a.tokensPerSecond.low)}–${speed(a.tokensPerSecond.high)}); `);
  });
  it("gpt-oss-120b on one 24 GB RTX 4090 does not fit: the memory it needs, and what would fit instead", () => {
    const r = run("--device", "rtx-4090", "--json");
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.kind).toBe("does-not-fit");
    expect(a.fit.neededGiB).toBeGreaterThan(a.fit.memoryGiB);
    expect(a.fit.devicesNeeded).toBe(Math.ceil(a.fit.neededGiB / 24));
    expect(a.fit.modelsThatFit.length).toBeGreaterThan(0);
    expect(run("--device", "rtx-4090").stdout).toMatch(/^Does not fit: 1 × rtx-4090 running gpt-oss-120b \(mxfp4\) needs [\d.]+ GiB for its weights; the devices have 24 GiB\.\nWhat would fit instead:\n  more devices: 3 × rtx-4090/);
  });
  it("a bad flag or id is named, with no stack trace", () => {
    const bad = run("--tokens-per-month", "lots");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("--tokens-per-month lots: must be a finite number\n");
    const unknown = run("--device", "rtx-9090");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^--device: no device "rtx-9090" in data\/hardware.csv; devices include /);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(run("--frobnicate").stderr).toMatch(/^unknown argument "--frobnicate"; npm run scenario -- --help lists the flags/);
  });
  it("--help lists the flags and --list the ids the data knows", () => {
    expect(run("--help").stdout).toMatch(/--device\s+a device_id of data\/hardware.csv/);
    expect(run("--list", "devices").stdout).toMatch(/^a10\s/m);
    expect(run("--list", "apis").stdout).toMatch(/anthropic\/claude-sonnet-4\.6\s+\$6\.00\/Mtok/);
  });
});
