/**
 * lib/live as a notebook uses it: compiled by tslab (TypeScript 5.0.4, CommonJS, no
 * import.meta) and run in notebooks/, where imports name files ("./lib/live/index").
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

interface CellResult {
  ok: boolean;
  displays: { [mime: string]: string }[];
  logs: string[];
}

async function cells(...sources: string[]): Promise<CellResult[]> {
  const { stdout } = await run(process.execPath, [fileURLToPath(new URL("./tslab-run.cjs", import.meta.url)), ...sources], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(stdout.slice(stdout.indexOf("@@JSON@@") + 8)) as CellResult[];
}

describe("showExplorer in the tslab kernel", () => {
  it("compiles and runs under tslab; the script goes with the first explorer of the notebook only", async () => {
    const out = await cells(
      `import { loadData } from "./lib/data/load";
import { articleCase, inputRanges } from "./lib/articles/index";
import { explorerConfigFromCase, showExplorer } from "./lib/live/index";
const data = loadData();
const rig = articleCase(data, "local-tokenomics");
showExplorer(explorerConfigFromCase(rig, inputRanges(data, rig), { apiLabel: "Frontier API" }));`,
      `const mini = articleCase(data, "not-cheaper");
showExplorer(explorerConfigFromCase(mini, inputRanges(data, mini), { id: "mini", apiLabel: "GPT-4o mini" }));`,
    );
    expect(out.map((c) => [c.ok, c.logs.filter((l) => l.startsWith("ERROR"))])).toEqual([
      [true, []],
      [true, []],
    ]);
    const [first, second] = out.map((c) => c.displays);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]["text/html"]).toContain("<script data-lbe-assets>");
    expect(first[0]["text/html"]).toContain('id="lbe-local-tokenomics"');
    expect(second[0]["text/html"]).not.toContain("<script data-lbe-assets>");
    expect(second[0]["text/html"]).toContain('id="lbe-mini"');
    expect(first[0]["text/plain"]).toContain("Break-even: 21.3M tokens/month");
    expect(second[0]["text/plain"]).toContain("Verdict: GPT-4o mini is cheaper");
  }, 120_000);
});
