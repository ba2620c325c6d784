/**
 * How well the decode-speed prediction (lib/analysis/speed-predict.ts) does on the data's own
 * measurements: leave-one-out, each cited single-stream decode row predicted without itself.
 * Prints the median and 80th percentile of |predicted / measured − 1|, the share within ±25%
 * (target: 80%), how often the measurement fell inside the predicted band, and the 5 worst rows;
 * then the same with the whole setup left out; the previous ratio-only method's figures on one
 * line for comparison; and the runtime overhead per device that makes the capacity check agree
 * with the runs that did and did not run out of memory (lib/analysis/capacity-fit.ts), with the
 * agreement counts. Figures only, never asserted.
 *
 *   npx tsx scripts/bench-predict.ts
 */
import { loadData } from "../lib/data/index";
import { leaveOneOut, type LeaveOneOut } from "../lib/analysis/speed-predict";
import { capacityAgreement, runtimeOverheadFromMeasurements, type OverheadInterval } from "../lib/analysis/capacity-fit";

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

const ratioRow = leaveOneOut(data, { method: "ratio" }).summary;
const ratioSetup = leaveOneOut(data, { method: "ratio", leaveOut: "setup" }).summary;
console.log(
  `previous method (bound × median efficiency, no device group), for comparison: within ±25% ${pct(ratioRow.shareWithin25Percent)} (row), ${pct(ratioSetup.shareWithin25Percent)} (setup); ` +
    `median ${pct(ratioRow.medianAbsError)}, 80th percentile ${pct(ratioRow.p80AbsError)}; inside [low, high] ${pct(ratioRow.shareInBand)}`,
);

// Runs that ran out of memory against the capacity model: the overheads that agree with every run, and the verdicts.
const gib = (x: number) => `${x.toFixed(2)} GiB`;
const intervalLine = (label: string, iv: OverheadInterval) =>
  `  ${label}: ${iv.okRows} ok, ${iv.oomRows} out of memory; overhead per device in (${iv.low ? gib(iv.low.gib) : "−∞"}, ${iv.high ? gib(iv.high.gib) : "∞"}]` +
  (iv.low ? ` (low end: ${iv.low.benchmarkId}, ${iv.low.sourceId}` : " (") +
  (iv.high ? `; high end: ${iv.high.benchmarkId}, ${iv.high.sourceId})` : ")") +
  (iv.nonEmpty ? `, midpoint ${gib(iv.midpointGiB!)}` : ": empty");
const all = runtimeOverheadFromMeasurements(data);
const dedicated = runtimeOverheadFromMeasurements(data, "dedicated");
const unified = runtimeOverheadFromMeasurements(data, "unified");
console.log(`capacity model vs runs that did and did not run out of memory (${all.skipped.length} benchmark rows not checkable):`);
console.log(intervalLine("every device", all));
console.log(intervalLine("dedicated memory (GPU cards)", dedicated));
console.log(intervalLine("unified memory (SoCs, desktop systems)", unified));
const agreementLine = (label: string, overhead: number | { dedicated: number; unified: number }) => {
  const a = capacityAgreement(data, overhead);
  return (
    `  at ${label}: does-not-fit for ${a.oomAgree} of ${a.oomRows} out-of-memory runs, fits for ${a.okAgree} of ${a.okRows} ok runs` +
    (a.disagreements.length > 0 ? `; disagree: ${a.disagreements.map((d) => `${d.benchmarkId} (${gib(d.slackGiB)} room)`).join(", ")}` : "")
  );
};
console.log(agreementLine("0 GiB", 0));
if (dedicated.nonEmpty && unified.nonEmpty) {
  console.log(agreementLine(`${gib(dedicated.midpointGiB!)} (dedicated) / ${gib(unified.midpointGiB!)} (unified), what predictDecodeSpeed assumes`, { dedicated: dedicated.midpointGiB!, unified: unified.midpointGiB! }));
}
