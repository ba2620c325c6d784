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
  it("the README's command: an RTX 4090 with Llama 3.1 8B at Q4_K_M, 200M tokens — an estimated speed, with its range carried into the cost", () => {
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
    expect(text).toMatch(/^Self-hosting is cheaper at 200M tokens a month/);
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
    expect(unknown.stderr).toMatch(/^--device: no device "rtx-9090" in data\/hardware.csv; devices include a10, .* … \(\d+ in all\); `npm run scenario -- --list devices` lists every device\n$/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(run("--model", "llama-9").stderr).toMatch(/^--model: no model "llama-9" in data\/models.csv; .*`npm run scenario -- --list models` lists every model\n$/);
    expect(run("--frobnicate").stderr).toMatch(/^unknown argument "--frobnicate"; npm run scenario -- --help lists the flags/);
  });
  it("--api foo/bar names the flag and the value, says neither the data nor the catalog knows the provider, and points to --list apis instead of listing 43 providers", () => {
    const r = run("--api", "foo/bar");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "--api: no list price for foo/bar in data/api_prices.csv nor a token price in the @pydantic/genai-prices@0.1.8 catalog; " +
        'no provider "foo" in either; `npm run scenario -- --list apis` lists the APIs in the data\n',
    );
    // a provider the catalog knows, with a model it does not: no provider hint, the same pointer
    const model = run("--api", "anthropic/claude-9");
    expect(model.status).toBe(1);
    expect(model.stderr).toMatch(/^--api: no list price for anthropic\/claude-9 in data\/api_prices.csv nor .*; `npm run scenario -- --list apis` lists the APIs in the data\n$/);
    expect(model.stderr).not.toMatch(/huggingface_|providers:|known:/);
  });
  it("a number the lib rejects is named by its flag: --tokens-per-month 0 is not a volume (it must be more than 0)", () => {
    const r = run("--tokens-per-month", "0");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("--tokens-per-month: must be a number > 0 (got 0)\n");
    // the value is named when the rule does not quote it
    expect(run("--tokens-per-month", "-0e3").stderr).toBe("--tokens-per-month -0e3: must be a number > 0 (got 0)\n");
  });
  it("volumes read as the reports write them, for any volume: 1e15 is 1,000T tokens, its millions of setups have separators, and 1 token is not 0 M", () => {
    const huge = JSON.parse(run("--tokens-per-month", "1e15", "--json").stdout);
    expect(huge.setups).toBeGreaterThan(1000);
    const hugeText = run("--tokens-per-month", "1e15").stdout;
    expect(hugeText).toMatch(/^Self-hosting is cheaper at 1,000T tokens a month: /);
    expect(hugeText).toContain(`; ${new Intl.NumberFormat("en-US").format(huge.setups)} setups for this volume.\n`);
    expect(hugeText).not.toMatch(/\d{4} setups|e\+/);
    // the notebook's default, as the report writes it ("100M tokens a month")
    expect(run().stdout).toMatch(/^The API is cheaper at 100M tokens a month: \$740\.19 self-hosted against \$600\.00 /);
    // one token a month: $6/Mtok × 1e-6 Mtok = $0.000006, less than a cent
    expect(run("--tokens-per-month", "1").stdout).toMatch(/^The API is cheaper at 1 token a month: \$[\d.]+ self-hosted against less than \$0\.01 for anthropic\/claude-sonnet-4\.6\.\n/);
    expect(run("--tokens-per-month", "1e-3").stdout).toMatch(/^The API is cheaper at 0\.001 tokens a month: /);
    // rounded to three digits before the unit is chosen: 999,600 is 1.00M, not 1.00e+3k
    expect(run("--tokens-per-month", "999600").stdout).toMatch(/^The API is cheaper at 1\.00M tokens a month: /);
  });
  it("--help gives each default once and the rule the lib enforces: --hours-per-month takes any value above 0 up to 744", () => {
    const help = run("--help").stdout;
    for (const line of help.split("\n")) expect(line.match(/\(default/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
    expect(help).toMatch(/^\s+--engineering-fte\s+engineering time, FTE \(default 0\.05\)$/m);
    expect(help).toMatch(/^\s+--input-per-output\s+input tokens per output token \(default 3\)$/m);
    expect(help).toMatch(/^\s+--tokens-per-month\s+the volume to serve, more than 0, e\.g\. 2e8 \(default 1e8\)$/m);
    expect(help).toMatch(/^\s+--hours-per-month\s+hours the machine runs a month: more than 0, at most 744 \(31 days\) \(default 730\)$/m);
    // what the help says is what checkReaderSituation accepts
    expect(run("--hours-per-month", "100", "--json").status).toBe(0);
    expect(run("--hours-per-month", "744", "--json").status).toBe(0);
    expect(run("--hours-per-month", "745").stderr).toBe("--hours-per-month: a month has at most 744 hours (got 745)\n");
    expect(run("--hours-per-month", "0").stderr).toBe("--hours-per-month: must be a number > 0 (got 0)\n");
  });
  it("--help lists the flags and --list the ids the data knows", () => {
    expect(run("--help").stdout).toMatch(/--device\s+a device_id of data\/hardware.csv/);
    expect(run("--list", "devices").stdout).toMatch(/^a10\s/m);
    expect(run("--list", "apis").stdout).toMatch(/anthropic\/claude-sonnet-4\.6\s+\$6\.00\/Mtok/);
  });
  it("--prompt-tokens sets how many estimated streams fit in memory; --cached-input-share is checked and named", () => {
    const served = (prompt: string) => {
      const a = JSON.parse(run("--device", "dgx-spark", "--concurrency", "1024", "--tokens-per-month", "1e9", "--prompt-tokens", prompt, "--json").stdout);
      return Number(/(\d+) streams of [\d,]+-token requests fit in memory at once/.exec(a.speedBasis)![1]);
    };
    // a KV cache a fifth as long per stream: more streams at once
    expect(served("2000")).toBeGreaterThan(served("10000"));
    const bad = run("--cached-input-share", "2");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe("--cached-input-share: must be in [0, 1] (got 2)\n");
  });
});
