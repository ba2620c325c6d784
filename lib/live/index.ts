/**
 * Live scenario explorers for the static reports: the key assumptions of a case as sliders and
 * number fields; a change recomputes, in the page, the cost per million tokens, the break-even
 * volume, the verdict and the chart, with lib's own model bundled into the page (lib/live/bundle.ts).
 *
 * The server renders every explorer in its published state (figures and SVG chart), so the page
 * reads the same with scripting off; the script only enhances. It is inlined once per notebook by
 * `showExplorer` and defines the <lbe-explorer> element once per page, so explorers and copies of
 * the script can be concatenated freely. Element ids and URL state are namespaced by `config.id`.
 *
 * In a notebook (notebooks/ has a `lib -> ../lib` symlink):
 *
 *   import { loadData } from "./lib/data/load";
 *   import { articleCase, inputRanges } from "./lib/articles/index";
 *   import { explorerConfigFromCase, showExplorer } from "./lib/live/index";
 *
 * (tslab resolves a module by file: "./lib/live" alone is not found; name index.)
 *   const data = loadData();
 *   const c = articleCase(data, "local-tokenomics");
 *   showExplorer(explorerConfigFromCase(c, inputRanges(data, c), { apiLabel: "Frontier API" }));
 */
import type { ArticleCase, CaseInput, InputRange } from "../articles/index";
import { inputValues } from "../articles/cases";
import { displayBundle } from "../report/display";
import { liveBundle } from "./bundle";
import { computeExplorer, explorerValues, type ExplorerOutcome } from "./compute";
import { fieldText, formatUsdPerMTok, num, pct, round12, withUnit } from "./format";
import { EXPLORER_ID, explorerMarkup } from "./markup";
import { EXPLORER_CSS } from "./style";
import { describeBreakEven, fmtTokens } from "../models/index";
import type { ExplorerConfig, ExplorerInput } from "./types";

export type { ExplorerConfig, ExplorerInput } from "./types";
export { computeExplorer, explorerValues, inputProblem, type ExplorerOutcome, type InputProblem, type Verdict } from "./compute";
export { explorerChartSvg } from "./chart";
export { resultsHtml, explorerMarkup, EXPLORER_TAG } from "./markup";
export { EXPLORER_CSS } from "./style";
export { readHashState, writeHashState } from "./state";
export { liveBundle, buildLiveBundle, repoRoot, type LiveBundle } from "./bundle";
export { formatUsdPerMTok, fieldText } from "./format";

/** Checks a config and computes its published state; throws what is wrong. */
function publishedOutcome(config: ExplorerConfig): ExplorerOutcome {
  if (!EXPLORER_ID.test(config.id)) throw new RangeError(`explorer id ${JSON.stringify(config.id)}: use letters, digits, "-" and "_", starting with a letter`);
  const seen = new Set<string>();
  for (const i of config.inputs) {
    if (!/^\w+$/.test(i.name)) throw new RangeError(`explorer ${config.id}: input name ${JSON.stringify(i.name)} must be letters, digits and "_"`);
    if (seen.has(i.name)) throw new RangeError(`explorer ${config.id}: input ${i.name} appears twice`);
    seen.add(i.name);
    if (!(i.min < i.max) || !(i.step > 0)) throw new RangeError(`explorer ${config.id}: input ${i.name} needs min < max and step > 0`);
  }
  try {
    return computeExplorer(explorerValues(config));
  } catch (e) {
    throw new RangeError(`explorer ${config.id}: the published values do not compute: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The explorer's stylesheet and script (the script defines <lbe-explorer> once per page, whatever the copies). */
export function explorerAssetsHtml(): string {
  return `<style data-lbe-assets>${EXPLORER_CSS}</style><script data-lbe-assets>${liveBundle().code}</script>`;
}

/**
 * The explorer as HTML: its published state rendered (works without scripting), preceded by
 * the stylesheet and script unless `assets` is false. Several of these on one page are fine;
 * to inline the script only once, pass `assets: false` to all but one (showExplorer does).
 */
export function explorerHtml(config: ExplorerConfig, options: { assets?: boolean } = {}): string {
  const outcome = publishedOutcome(config);
  return (options.assets === false ? "" : explorerAssetsHtml()) + explorerMarkup(config, outcome);
}

/** A plain-text stand-in: the published figures and assumptions. */
export function explorerText(config: ExplorerConfig): string {
  const o = publishedOutcome(config);
  const api = config.apiLabel ?? "API";
  return [
    `Scenario explorer: ${config.title} (interactive in the HTML report)`,
    `  Self-hosting: ${formatUsdPerMTok(o.month.usdPerMTok)} at ${pct(o.utilization)} utilization (${fmtTokens(o.month.tokensPerMonth)} tokens/month)`,
    `  ${api}: ${formatUsdPerMTok(o.apiUsdPerMTok)}`,
    `  Break-even: ${describeBreakEven(o.breakEven)}`,
    `  Verdict: ${o.verdict === "self-host" ? "self-hosting is cheaper" : `${api} is cheaper`} at this utilization`,
    `  Assumptions: ${config.inputs.map((i) => `${i.label} ${withUnit(fieldText(i.value, i.scale ?? 1), i.unit)}`).join("; ")}`,
  ].join("\n");
}

let assetsShown = false;

/**
 * Displays the explorer in the notebook (text/html, with a text/plain stand-in). The script and
 * stylesheet go with the first explorer shown by this notebook (`assets: "once"`, the default;
 * each notebook the renderer runs gets fresh lib modules, so each page gets them once); pass
 * "always" to repeat them, e.g. in a cell tagged to be shown alone. Does nothing outside a kernel.
 */
export function showExplorer(config: ExplorerConfig, options: { assets?: "once" | "always" | "never" } = {}): void {
  const mode = options.assets ?? "once";
  const include = mode === "always" || (mode === "once" && !assetsShown);
  const shown = displayBundle({ "text/html": explorerHtml(config, { assets: include }), "text/plain": explorerText(config) });
  if (shown && include) assetsShown = true;
}

/** What the explorer calls each model input, and how it shows it. */
const PRESENTATION: Readonly<Record<string, { label: string; unit?: string; scale?: number }>> = {
  hardwareUsd: { label: "Hardware price", unit: "USD" },
  lifeMonths: { label: "Hardware life", unit: "months" },
  loadWatts: { label: "Power at load", unit: "W" },
  usdPerKWh: { label: "Electricity price", unit: "USD/kWh" },
  usdPerGpuHour: { label: "GPU rental", unit: "USD/GPU-hour" },
  gpus: { label: "GPUs", unit: "" },
  tokensPerSecond: { label: "Speed", unit: "tokens/s" },
  utilization: { label: "Utilization", unit: "%", scale: 100 },
  hoursPerMonth: { label: "Hours per month", unit: "hours" },
  engineeringFte: { label: "Engineering", unit: "FTE" },
  loadedUsdPerYear: { label: "Cost of one FTE", unit: "USD/year" },
  infraUsdPerMonth: { label: "Supporting infrastructure", unit: "USD/month" },
  overheadMultiplier: { label: "Overhead multiplier", unit: "×" },
  apiUsdPerMTok: { label: "API price, blended", unit: "USD/Mtok" },
  apiInputUsdPerMTok: { label: "API input price", unit: "USD/Mtok" },
  apiOutputUsdPerMTok: { label: "API output price", unit: "USD/Mtok" },
  inputPerOutput: { label: "Input tokens per output token", unit: "" },
};

/** The inputs the model reads (scenarioFromValues and computeExplorer). */
const MODEL_INPUTS = new Set([...Object.keys(PRESENTATION), "idleWatts", "idleShareOfLoad"]);

const ORIGIN_WORDS: Readonly<Record<CaseInput["origin"], string>> = {
  stated: "stated by",
  reconstructed: "reconstructed from",
  "from data": "from",
  derived: "derived from the figures of",
};

const API_PARTS = ["apiInputUsdPerMTok", "apiOutputUsdPerMTok", "inputPerOutput"];

/** A 1, 2 or 5 × 10^k step near `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const k = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / k;
  return round12((f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * k);
}

/**
 * Slider bounds: the source range and the article's value, widened by half their span each side
 * and to at least half to one and a half times the value (a narrow source range, such as a few
 * electricity tariffs, still leaves room to try another); 0–3× the value without a range.
 */
function sliderBounds(name: string, value: number, range: InputRange | undefined): { min: number; max: number; step: number } {
  if (name === "utilization") return { min: 0, max: 1, step: 0.01 };
  if (name === "hoursPerMonth") return { min: 24, max: 744, step: 1 };
  if (name === "gpus") return { min: 1, max: Math.max(8, value * 2), step: 1 };
  let min: number;
  let max: number;
  if (range && range.high > range.low) {
    const lo = Math.min(range.low, value);
    const hi = Math.max(range.high, value);
    const span = hi - lo;
    min = Math.max(0, Math.min(lo - span / 2, value * 0.5));
    max = Math.max(hi + span / 2, value * 1.5);
  } else {
    min = 0;
    max = value > 0 ? value * 3 : 1;
  }
  const step = name === "lifeMonths" ? 1 : niceStep((max - min) / 200);
  return { min: round12(Math.floor(min / step) * step), max: round12(Math.ceil(max / step) * step), step };
}

/** Options of explorerConfigFromCase. */
export interface CaseExplorerOptions {
  /** Default: the article id. */
  readonly id?: string;
  /** Default: "<article>: <case id>". */
  readonly title?: string;
  /** What the API is called. Default "API". */
  readonly apiLabel?: string;
  /** A line under the results. Default: the article's own break-even, when it states one. */
  readonly note?: string;
  /** Inputs to hold fixed instead of exposing them. */
  readonly hide?: readonly string[];
}

/**
 * An explorer for an article's case (lib/articles `articleCase`), its inputs marked with the
 * ranges of `inputRanges(data, case)`. Exposed: every model input the case has (hardware price,
 * life, power, electricity price, speed, utilization, hours per month, engineering FTE and cost,
 * infrastructure, rental, overhead), and the API's input and output prices and ratio when the
 * case has them (else its blended price). Derived inputs the model does not read (a monthly
 * electricity bill the price per kWh came from) are left out.
 */
export function explorerConfigFromCase(c: ArticleCase, ranges: readonly InputRange[], options: CaseExplorerOptions = {}): ExplorerConfig {
  const values = inputValues(c.inputs);
  if (values.utilization === undefined) values.utilization = c.utilization;
  const hasParts = API_PARTS.every((n) => values[n] !== undefined);
  const hidden = new Set(options.hide ?? []);
  const exposed = Object.keys(PRESENTATION).filter(
    (name) => values[name] !== undefined && !hidden.has(name) && !(name === "apiUsdPerMTok" && hasParts) && !(API_PARTS.includes(name) && !hasParts),
  );
  const inputs: ExplorerInput[] = exposed.map((name) => {
    const p = PRESENTATION[name];
    const value = values[name];
    const range = ranges.find((r) => r.input === name);
    const source = [...c.inputs].reverse().find((i) => i.name === name);
    const origin =
      name === "utilization" && !c.inputs.some((i) => i.name === name)
        ? "The article's figure assumes it flat out."
        : source
          ? `Value ${ORIGIN_WORDS[source.origin]} ${source.sourceId}.`
          : "";
    // The sources price APIs blended: their range goes with the first of the parts.
    const blended = name === API_PARTS[0] && !range ? ranges.find((r) => r.input === "apiUsdPerMTok") : undefined;
    const rangeNote = range
      ? `${range.note.charAt(0).toUpperCase()}${range.note.slice(1)}.`
      : blended
        ? `No source range for the separate prices; blended, the sources give ${num(blended.low)}–${num(blended.high)} USD/Mtok (${blended.note}).`
        : "No source range.";
    const sourceNote = [rangeNote, origin].filter((s) => s !== "").join(" ");
    return {
      name,
      label: p.label,
      unit: p.unit ?? source?.unit ?? "",
      value,
      ...sliderBounds(name, value, range),
      ...(p.scale === undefined ? {} : { scale: p.scale }),
      ...(range ? { range: { low: range.low, high: range.high, basis: range.basis } } : {}),
      sourceNote,
    };
  });
  const fixed: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (MODEL_INPUTS.has(name) && !exposed.includes(name) && !(name === "apiUsdPerMTok" && hasParts)) fixed[name] = value;
  }
  const claimed = c.claimedBreakEvenTokens;
  const note = options.note ?? (claimed === null ? undefined : `The article states a break-even of ${fmtTokens(claimed)} tokens/month.`);
  return {
    id: options.id ?? c.article,
    title: options.title ?? `${c.article}: ${c.caseId}`,
    inputs,
    fixed,
    apiLabel: options.apiLabel ?? "API",
    ...(note === undefined ? {} : { note }),
  };
}

