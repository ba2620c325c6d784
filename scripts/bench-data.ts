/**
 * How long loadData() takes to read and validate the whole data package (every CSV of
 * data/datapackage.json, foreign keys). Target: under 100 ms. Figures only, never asserted.
 *
 * - cold: a fresh Node process (tsx) imports lib/data and calls loadData() once; the median of 3
 *   processes. Printed separately: the module import (lib/data) and the first call.
 * - warm: loadData() again in one process after the first call; median and best of 10.
 *
 *   npx tsx scripts/bench-data.ts          (or: npm run bench -- data)
 *   npx tsx scripts/bench-data.ts --once   (one cold measurement as JSON; used by the above)
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(): Promise<{ importMs: number; firstMs: number; rows: number; tables: number; resources: number; warm: number[] }> {
  const t0 = performance.now();
  const { loadData } = await import("../lib/data/index");
  const t1 = performance.now();
  const data = loadData();
  const t2 = performance.now();
  const warm: number[] = [];
  if (process.argv.includes("--warm")) {
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      loadData();
      warm.push(performance.now() - t);
    }
  }
  const returned = data.package.resources.map((r) => (data as unknown as Record<string, { rows?: unknown[] }>)[r.name]?.rows).filter((r) => Array.isArray(r));
  const rows = returned.reduce((n, r) => n + (r as unknown[]).length, 0);
  return { importMs: t1 - t0, firstMs: t2 - t1, rows, tables: returned.length, resources: data.package.resources.length, warm };
}

async function main(): Promise<void> {
  if (process.argv.includes("--once")) {
    console.log(JSON.stringify(await once()));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const run = (extra: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", self, "--once", ...extra], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench-data child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Awaited<ReturnType<typeof once>>;
  };
  const colds = [run([]), run([]), run(["--warm"])];
  const warmRun = colds[2];
  const first = median(colds.map((c) => c.firstMs));
  const imp = median(colds.map((c) => c.importMs));
  const warm = median(warmRun.warm);
  const best = Math.min(...warmRun.warm);
  console.log(
    `loadData(), the whole package (${warmRun.resources} resources validated; ${warmRun.rows.toLocaleString("en-US")} rows in the ${warmRun.tables} tables it returns): ` +
      `cold ${first.toFixed(1)} ms (first call in a fresh process, median of 3; importing lib/data adds ${imp.toFixed(0)} ms), ` +
      `warm ${warm.toFixed(1)} ms (median of 10, best ${best.toFixed(1)} ms); target < 100 ms`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
