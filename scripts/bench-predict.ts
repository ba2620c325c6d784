/**
 * How well the decode-speed prediction (lib/analysis/speed-predict.ts) does on the data's own
 * measurements: leave-one-out, each cited single-stream decode row predicted without itself.
 * Prints the median and 80th percentile of |predicted / measured − 1|, the share within ±25%
 * (target: 80%), how often the measurement fell inside the predicted band, and the 5 worst rows;
 * then the same with the whole setup left out, and how the capacity check reads the runs that
 * ran out of memory. Figures only, never asserted.
 *
 *   npx tsx scripts/bench-predict.ts
 */
import { loadData } from "../lib/data/index";
import { leaveOneOut, predictDecodeSpeed, type LeaveOneOut } from "../lib/analysis/speed-predict";

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

function summaryLine(label: string, loo: LeaveOneOut): string {
  const s = loo.summary;
  return (
    `${label}: n = ${s.n}; |predicted/measured − 1| median ${pct(s.medianAbsError)}, 80th percentile ${pct(s.p80AbsError)}; ` +
    `within ±25%: ${pct(s.shareWithin25Percent)} (target ≥ 80%); measured inside [low, high]: ${pct(s.shareInBand)}`
  );
}

const data = loadData();
const t0 = process.hrtime.bigint();
const byRow = leaveOneOut(data);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(summaryLine("leave-one-out (row)", byRow) + ` [${ms.toFixed(0)} ms]`);

console.log("worst 5:");
const worst = [...byRow.rows].sort((a, b) => b.absError - a.absError).slice(0, 5);
for (const r of worst) {
  const setup = `${r.deviceCount > 1 ? `${r.deviceCount}× ` : ""}${r.deviceId}, ${r.modelId} ${r.format}, ${r.runtime}, context ${r.contextTokens}`;
  console.log(
    `  ${r.benchmarkId} (${setup}): measured ${r.measured.toFixed(1)}, predicted ${r.predicted.toFixed(1)} ` +
      `[${r.low.toFixed(1)}–${r.high.toFixed(1)}] tokens/s, ratio ${r.ratio.toFixed(2)}; group ${r.group} (n = ${r.groupSize})`,
  );
}

console.log(summaryLine("leave-setup-out (every row of the same device, count, model, format, runtime)", leaveOneOut(data, { leaveOut: "setup" })));

// Runs that ran out of memory (outcome "oom", once the data has the column): does the capacity check agree?
const oom = data.benchmarks.rows.filter((b) => (b as unknown as Record<string, unknown>)["outcome"] === "oom");
if (oom.length === 0) {
  console.log("out-of-memory runs: none in the data");
} else {
  let agree = 0;
  const disagree: string[] = [];
  for (const b of oom) {
    try {
      const p = predictDecodeSpeed(data, { deviceId: b.device_id, deviceCount: b.device_count, modelId: b.model_id, quant: b.quantization, contextTokens: b.context_depth ?? 0 });
      if (p.kind === "does-not-fit") agree++;
      else disagree.push(b.benchmark_id);
    } catch (e) {
      disagree.push(`${b.benchmark_id} (${(e as Error).message})`);
    }
  }
  console.log(`out-of-memory runs: ${oom.length}; the capacity check says does-not-fit for ${agree}` + (disagree.length > 0 ? `; not for ${disagree.join(", ")}` : ""));
}
