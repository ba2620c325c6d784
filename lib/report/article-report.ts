/**
 * One report template for every audited article: the sections of an article's report, each
 * computed by one function from the article id and the notebook's parameters, so that the
 * per-article notebooks hold only their own prose and one short call per section
 * (`show(report.audit())`). lib/report/article-notebook.ts writes such a notebook.
 *
 * `articleReport(data, article, params)` builds the case, its input ranges, its audit and the
 * check of its inputs once; each section method then returns the section's outputs as plain
 * blocks (markdown, a table, a chart, a headline, the finding, the live explorer), in the order
 * the page shows them, and `show(blocks)` displays them through the project's display helpers
 * (`showTable`, `showChart`, `headline`, `finding`, `showExplorer`). The blocks are values: a
 * test reads them without a kernel.
 */
import { dataAsOfText } from "./data-date";
import type { Data } from "../data/index";
import {
  apiOffers,
  articleCase,
  breakEvenSweep,
  breakEvenTornado,
  checkCaseInputs,
  costByUtilization,
  flips,
  inputCaveat,
  inputRanges,
  parseOverrides,
  type ArticleCase,
  type CaseInputCheck,
  type InputRange,
} from "../articles/index";
import { auditArticles, type AuditReport } from "../audit/audit";
import type { AuditResult } from "../audit/types";
import { explorerConfigFromCase, showExplorer, type CaseExplorerOptions, type ExplorerConfig } from "../live/index";
import { costSplit, describeBreakEven, noBreakEvenBelowUsdPerMTok } from "../models/index";
import type { PlotSvgOptions } from "../plots/plot";
import { showChart } from "../plots/show";
import { sweepChart } from "../plots/sweep";
import { tornadoChart } from "../plots/tornado";
import { costModelFunction } from "../sensitivity/cost-model";
import { triangular, uniform, type Distribution } from "../sensitivity/distributions";
import { MAX_DRAWS_SUMMARY, monteCarlo } from "../sensitivity/monte-carlo";
import { sobol } from "../sensitivity/sobol";
import { linspace, logspace } from "../sensitivity/sweep";
import { displayBundle } from "./display";
import { breakEvenText, num, pct, tokens, usd, usdPerMTok } from "./format";
import { finding as showFinding, headline as showHeadline, type Headline } from "./headline";
import { mdText as md } from "./md";
import { wholeNumber } from "./parameters";
import { auditRows, cite, inputRows, showTable } from "./tables";

/** One output of a section, in page order. */
export type ReportBlock =
  | { readonly kind: "markdown"; readonly text: string }
  | { readonly kind: "table"; readonly rows: readonly object[]; readonly format?: Record<string, (v: never) => string> }
  | { readonly kind: "chart"; readonly chart: PlotSvgOptions }
  | { readonly kind: "headline"; readonly headline: Headline }
  | { readonly kind: "finding"; readonly text: string }
  | { readonly kind: "explorer"; readonly config: ExplorerConfig };

/** Displays a section's blocks in order (in Jupyter or the renderer; outside a kernel, nothing). Returns nothing, so a cell ending with it shows the section alone. */
export function show(blocks: readonly ReportBlock[]): void {
  for (const b of blocks) {
    if (b.kind === "markdown") displayBundle({ "text/markdown": b.text, "text/plain": b.text });
    else if (b.kind === "table") showTable(b.rows, { format: b.format });
    else if (b.kind === "chart") showChart(b.chart);
    else if (b.kind === "headline") showHeadline(b.headline);
    else if (b.kind === "finding") showFinding(b.text);
    else showExplorer(b.config);
  }
}

/** The parameters an article notebook's parameters cell may set (each checked in its own name). */
export interface ArticleReportParams {
  /** Inputs of the case to replace, "name=value, …" (lib/articles parseOverrides). Default: none. */
  readonly overrides?: string;
  /** Points on each sweep. Default 41. */
  readonly sweepPoints?: number;
  /** Monte Carlo draws of the uncertainty section. Default 100,000. */
  readonly monteCarloDraws?: number;
  /** Sobol base samples of the uncertainty section. Default 20,000. */
  readonly sobolBaseSamples?: number;
  /** Seed of every random draw. Default 20261123. */
  readonly seed?: number;
}

const DEFAULTS = { overrides: "", sweepPoints: 41, monteCarloDraws: 100_000, sobolBaseSamples: 20_000, seed: 20261123 } as const;

/** The inputs the uncertainty section draws (owned hardware). */
const UNCERTAIN_INPUTS = ["hardwareUsd", "lifeMonths", "loadWatts", "usdPerKWh", "tokensPerSecond", "apiUsdPerMTok"] as const;

/** The number of claims whose verdict fails a check (inconsistent, contradicted by a source, or beyond physics). */
export function failingCount(counts: Readonly<Record<string, number>>): number {
  return (counts["inconsistent"] ?? 0) + (counts["contradicts-source"] ?? 0) + (counts["physically-impossible"] ?? 0);
}

/** The report's one-line finding, from the case and the audit's counts. */
export function findingText(c: ArticleCase, claims: number, failing: number): string {
  const be = c.breakEven;
  return be.kind === "never"
    ? `Recomputed from its own inputs, this case never breaks even against the API it names; ${failing} of its ${claims} printed figures fail a check.`
    : `Recomputed from its own inputs, the break-even is ${tokens(be.tokensPerMonth)} tokens a month${c.claimedBreakEvenTokens === null ? "" : ` (the article says ${tokens(c.claimedBreakEvenTokens)})`}${be.setups > 1 ? `, which takes ${be.setups} setups` : ""}; ${failing} of its ${claims} printed figures fail a check (inconsistent, contradicted by a source, or beyond physics).`;
}

/** An article's report: its case, ranges and audit, computed once, and one method per section. */
export class ArticleReport {
  /** The article's case, with the parameters' overrides. */
  readonly case: ArticleCase;
  /** The range of each input the case uses. */
  readonly ranges: InputRange[];
  /** Every claim of the article, checked. */
  readonly audited: AuditReport;
  /** The case's inputs whose own claim fails a check. */
  readonly checked: CaseInputCheck;
  /** The overrides, parsed. */
  readonly given: Record<string, number>;
  readonly sweepPoints: number;
  readonly monteCarloDraws: number;
  readonly sobolBaseSamples: number;
  readonly seed: number;
  /** The caveat every headline computed from the case carries (an input that fails the audit), if any. */
  readonly caveat: string | undefined;

  constructor(readonly data: Data, readonly article: string, params: ArticleReportParams = {}) {
    // the parameters, checked in their own names
    this.sweepPoints = wholeNumber("sweepPoints", params.sweepPoints ?? DEFAULTS.sweepPoints, 2, 1000);
    this.monteCarloDraws = wholeNumber("monteCarloDraws", params.monteCarloDraws ?? DEFAULTS.monteCarloDraws, 100, MAX_DRAWS_SUMMARY);
    this.sobolBaseSamples = wholeNumber("sobolBaseSamples", params.sobolBaseSamples ?? DEFAULTS.sobolBaseSamples, 100, 1_000_000);
    this.seed = wholeNumber("seed", params.seed ?? DEFAULTS.seed, 0, 2 ** 32 - 1);
    this.given = parseOverrides(params.overrides ?? DEFAULTS.overrides); // applied to every computation below
    this.case = articleCase(data, article, this.given);
    this.ranges = inputRanges(data, this.case);
    // the registry next to the data the case came from
    this.audited = auditArticles({ dir: data.dir, data: data, article: article });
    this.checked = checkCaseInputs(data, this.case, this.audited.results, this.given);
    this.caveat = inputCaveat(this.checked) ?? undefined;
  }

  /** The article's claims and their verdicts. */
  get results(): readonly AuditResult[] {
    return this.audited.results;
  }

  /** Verdict → number of the article's claims. */
  get counts(): Readonly<Record<string, number>> {
    return this.audited.counts[this.article] ?? {};
  }

  /** "What the article assumes": each input of the case, its origin and source. */
  inputs(): ReportBlock[] {
    return [{ kind: "table", rows: inputRows(this.data, this.case) }];
  }

  /** "Its headline figures, recomputed": the month at the article's utilization, the break-even, and what a failing input does to them. */
  headlines(): ReportBlock[] {
    const c = this.case;
    const m = c.month;
    const be = c.breakEven;
    const checked = this.checked;
    const caveat = this.caveat;
    const out: ReportBlock[] = [
      {
        kind: "markdown",
        text: md`At the article's utilization of **${pct(c.utilization, 0)}**, the setup costs **${usd(m.totalUsd)}** a month (${usd(m.fixedUsd)} of it fixed) for **${tokens(m.tokensPerMonth)}** tokens: **${m.usdPerMTok === null ? "no tokens" : usdPerMTok(m.usdPerMTok)}** all-in. One more million tokens costs **${usdPerMTok(m.marginalUsdPerMTok)}** (the part that grows with use). Against the API it compares, at **${usdPerMTok(c.apiUsdPerMTok)}**, the break-even is **${describeBreakEven(be)}**${c.claimedBreakEvenTokens === null ? "; the article states no break-even volume" : `; the article states ${tokens(c.claimedBreakEvenTokens)}`}.${be.kind === "volume" && be.setups > 1 ? ` Each setup adds ${usd(be.perSetupFixedUsd)} a month of its own costs, while ${usd(be.sharedFixedUsd)} of engineering and infrastructure is paid once.` : ""}${be.kind === "volume" && be.alwaysWinsAboveTokensPerMonth > be.tokensPerMonth ? ` Just after each added setup self-hosting can lose again; it wins at every volume from ${tokens(be.alwaysWinsAboveTokensPerMonth)}.` : ""}`,
      },
      { kind: "headline", headline: { label: "Break-even, recomputed from the article's inputs", value: breakEvenText(be), source: "lib/models breakEvenVolume", caveat: caveat } },
      { kind: "headline", headline: { label: "Cost per million tokens at the article's utilization", value: m.usdPerMTok ?? 0, unit: "USD", source: "lib/models selfHostCost", caveat: caveat } },
    ];
    if (checked.failing.length > 0) {
      out.push({
        kind: "markdown",
        text: md`**Caution: these figures use ${checked.failing.length === 1 ? "an input" : "inputs"} that the audit below finds wrong.** ${checked.failing.map((f) => `The article's ${f.input} of ${num(f.value)}${f.unit ? " " + f.unit : ""} (claim \`${f.claimId}\`) is *${f.verdict}*: ${f.explanation}.`).join(" ")}`,
      });
    }
    if (checked.physical !== null) {
      const p = checked.physical;
      out.push(
        {
          kind: "markdown",
          text: md`With ${Object.entries(checked.physicalOverrides).map(([k, v]) => `${k} at ${num(v)}, the most physics allows`).join(" and ")}, the same case costs **${p.month.usdPerMTok === null ? "nothing per token" : usdPerMTok(p.month.usdPerMTok)}** all-in at the article's utilization, and the break-even is **${describeBreakEven(p.breakEven)}**.`,
        },
        { kind: "headline", headline: { label: "Cost per million tokens with the impossible input at its physical limit", value: p.month.usdPerMTok ?? 0, unit: "USD", source: "lib/articles checkCaseInputs, lib/models servingCeiling" } },
        { kind: "headline", headline: { label: "Break-even with the impossible input at its physical limit", value: breakEvenText(p.breakEven), source: "lib/articles checkCaseInputs, lib/models breakEvenVolume" } },
      );
    }
    return out;
  }

  /** "The audit": the verdict counts and a row per claim. */
  audit(): ReportBlock[] {
    const counts = this.counts;
    return [
      { kind: "markdown", text: md`**${this.results.length}** claims: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}.` },
      { kind: "table", rows: auditRows(this.results) },
    ];
  }

  /** "How robust is the conclusion?": each input's range, and the break-even as each moves alone (a tornado), or which inputs would make a case that never breaks even break even. */
  tornado(): ReportBlock[] {
    const t = breakEvenTornado(this.data, this.article, this.given);
    const out: ReportBlock[] = [
      {
        kind: "table",
        rows: t.ranges.map((r) => ({ input: r.input, base: +r.base.toPrecision(4), low: +r.low.toPrecision(4), high: +r.high.toPrecision(4), unit: r.unit, basis: r.basis, how: r.note })),
        // each value as rounded (four figures), thousands separated: not padded to the column's longest decimals ("3500.000", "2625.0000")
        format: Object.fromEntries(["base", "low", "high"].map((k) => [k, (v: number) => (Math.abs(v) >= 1000 ? num(v) : String(v))])),
      },
    ];
    if (t.base !== null) {
      out.push({ kind: "chart", chart: tornadoChart(t.rows, t.base, { title: "Break-even volume when one input moves across its range", label: "tokens per month →", format: (x: number) => tokens(x) }) });
    } else {
      out.push({
        kind: "markdown",
        text: md`The article's own case never breaks even, so the tornado shows which inputs would make it break even at all: ${t.rows.filter((r) => r.never !== "both").map((r) => `${r.input} (${r.never === "low" ? "at its high end" : "at its low end"}, ${tokens((r.never === "low" ? r.outputAtHigh : r.outputAtLow) ?? 0)} tokens/month)`).join(", ") || "none within its range"}.`,
      });
    }
    return out;
  }

  /** The break-even against the API price, with the price below which no volume breaks even and the cheapest and priciest APIs in the data. */
  apiPriceSweep(): ReportBlock[] {
    const c = this.case;
    const m = c.month;
    const api = this.ranges.find((r) => r.input === "apiUsdPerMTok");
    const byApi = breakEvenSweep(this.data, this.article, "apiUsdPerMTok", logspace(0.05, 20, this.sweepPoints), this.given);
    const offers = apiOffers(this.data, 3); // every API in the data, blended at 3:1 input to output
    const cheap = offers[0];
    const premium = offers[offers.length - 1];
    const floor = noBreakEvenBelowUsdPerMTok(c.scenario); // a full setup's own cost per Mtok: no break-even at or below it
    const [atCheap, atPremium] = breakEvenSweep(this.data, this.article, "apiUsdPerMTok", [cheap.usdPerMTok, premium.usdPerMTok], this.given);
    const at = (r: typeof atCheap) => (r.output === null ? "never" : `${tokens(r.output)} tokens a month`);
    return [
      {
        kind: "chart",
        chart: sweepChart(
          byApi.map((r) => ({ series: "break-even", x: r.value, y: r.output })),
          {
            title: "Break-even volume against the API price compared",
            x: "API price, USD per million tokens →",
            y: "↑ tokens per month",
            logX: true,
            logY: true,
            markers: [
              { x: c.apiUsdPerMTok, label: "article's API" },
              { x: floor, label: "a full setup's cost" },
              { x: cheap.usdPerMTok, label: "cheapest API" },
              { x: premium.usdPerMTok, label: "priciest API" },
            ].filter((k) => k.x >= 0.05 && k.x <= 20),
            yFormat: (y: number) => tokens(y),
          },
        ),
      },
      {
        kind: "markdown",
        text: md`Below **${usdPerMTok(floor)}**, what one full setup costs per million tokens${costSplit(c.scenario).sharedFixedUsd > 0 ? " before the shared engineering and infrastructure" : ""}, no volume and no number of setups makes self-hosting cheaper${m.marginalUsdPerMTok > 0 ? ` (the marginal cost alone is ${usdPerMTok(m.marginalUsdPerMTok)})` : ""}. Above it the break-even falls as the API price rises, in steps where the volume needs one setup fewer.${api ? ` The API prices in the data for the tier this case compares against run from ${usdPerMTok(api.low)} to ${usdPerMTok(api.high)}.` : ""}`,
      },
      {
        kind: "markdown",
        text: md`Against the cheapest API in the data (${cheap.provider}/${cheap.model}, **${usdPerMTok(cheap.usdPerMTok)}** blended at 3:1) this setup's break-even is **${at(atCheap)}**; against the priciest (${premium.provider}/${premium.model}, **${usdPerMTok(premium.usdPerMTok)}**) it is **${at(atPremium)}**. ${atCheap.output !== null && atPremium.output !== null ? `The choice of API alone moves the break-even ${Math.round(atCheap.output / atPremium.output)}-fold.` : "Against the cheapest, no volume makes this setup cheaper."}`,
      },
    ];
  }

  /** The break-even against the hardware price (or the GPU-hour price of a rented case), from a quarter to twice the article's. */
  hardwarePriceSweep(): ReportBlock[] {
    const hw = this.case.inputs.find((i) => i.name === "hardwareUsd" || i.name === "usdPerGpuHour");
    if (hw === undefined) throw new RangeError(`${this.article}: the case has neither hardwareUsd nor usdPerGpuHour to sweep`);
    const owned = hw.name === "hardwareUsd";
    const byHw = breakEvenSweep(this.data, this.article, hw.name, linspace(hw.value * 0.25, hw.value * 2, this.sweepPoints), this.given);
    return [
      {
        kind: "chart",
        chart: sweepChart(
          byHw.map((r) => ({ series: "break-even", x: r.value, y: r.output })),
          {
            title: owned ? "Break-even volume against the hardware price" : "Break-even volume against the GPU-hour price",
            x: owned ? "hardware price, USD →" : "USD per GPU-hour →",
            y: "↑ tokens per month",
            logY: true,
            markers: [{ x: hw.value, label: "article" }],
            yFormat: (y: number) => tokens(y),
          },
        ),
      },
    ];
  }

  /** The cost per million tokens against utilization, beside the API's price. */
  utilizationSweep(): ReportBlock[] {
    const byU = costByUtilization(this.data, this.article, linspace(0.02, 1, this.sweepPoints), this.given);
    return [
      {
        kind: "chart",
        chart: sweepChart(
          [...byU.map((r) => ({ series: "self-hosted, all-in", x: r.utilization, y: r.usdPerMTok })), ...byU.map((r) => ({ series: "API compared", x: r.utilization, y: r.apiUsdPerMTok }))],
          { title: "Cost per million tokens against utilization", x: "utilization →", y: "↑ USD per million tokens", logY: true, xFormat: (x: number) => pct(x, 0), markers: [{ x: this.case.utilization, label: "article" }] },
        ),
      },
    ];
  }

  /** "Where the conclusion flips": the utilization and the API prices at which the answer changes. */
  flips(): ReportBlock[] {
    const f = flips(this.data, this.article, this.given);
    const be = this.case.breakEven;
    // One setup may never break even while several do (engineering and infrastructure shared): the
    // utilization is then that of each of the break-even's setups, so that it agrees with the break-even headline.
    const multi = f.utilization.kind === "never" && f.utilization.reason === "beyond-capacity" && be.kind === "volume" && be.setups > 1 ? be : null;
    const split = costSplit(this.case.scenario);
    const floor = noBreakEvenBelowUsdPerMTok(this.case.scenario); // each setup's own cost flat out: no number of setups wins below it
    // with ever more setups, the utilization each needs tends to its own fixed cost over its margin at full use
    const perSetupLimit = multi === null ? null : split.perSetupFixedUsd / (((this.case.apiUsdPerMTok - split.marginalUsdPerMTok) * split.capacityTokensPerMonth) / 1e6);
    const flipSentence =
      f.utilization.kind === "utilization"
        ? `Below **${pct(f.utilization.utilization)}** utilization the API is cheaper at any volume; above it, self-hosting wins.`
        : multi !== null
          ? `One setup beats the API at no utilization: ${f.utilization.explanation}. The break-even's **${multi.setups}** setups do: below **${pct(multi.utilization)}** utilization of each, the API is cheaper; above it, self-hosting wins. With still more setups the shared engineering and infrastructure weigh less on each, and the utilization each needs falls toward **${pct(perSetupLimit ?? 0)}** (what each setup's own costs need), never below it.`
          : `At no utilization does this setup beat the API it compares against: ${f.utilization.explanation}.`;
    const flatOut =
      split.sharedFixedUsd > 0 && floor < f.apiUsdPerMTokFlatOut
        ? `Even flat out, one setup costs **${usdPerMTok(f.apiUsdPerMTokFlatOut)}**; with the engineering and infrastructure shared across enough setups it comes down toward **${usdPerMTok(floor)}** (each setup's own cost): against any API cheaper than that, self-hosting never wins, however many setups.`
        : `Even flat out, the setup costs **${usdPerMTok(f.apiUsdPerMTokFlatOut)}**: against any API cheaper than that, self-hosting never wins.`;
    return [
      {
        kind: "markdown",
        text: md`${flipSentence} ${flatOut} At the article's own utilization the threshold is **${usdPerMTok(f.apiUsdPerMTokAtArticleUtilization)}**${multi !== null || split.sharedFixedUsd > 0 ? " for one setup" : ""}.`,
      },
      {
        kind: "headline",
        headline: {
          label: "Utilization below which the API is always cheaper",
          value:
            f.utilization.kind === "utilization"
              ? pct(f.utilization.utilization)
              : multi !== null
                ? `${pct(multi.utilization)} of each of the break-even's ${multi.setups} setups (one setup never wins)`
                : "above 100%: self-hosting never wins",
          source: multi !== null ? "lib/models breakEvenVolume (setups and their utilization)" : "lib/models breakEvenUtilization",
          caveat: this.caveat,
        },
      },
    ];
  }

  /** The report's one-line finding (for the page and the index). */
  finding(): ReportBlock[] {
    return [{ kind: "finding", text: findingText(this.case, this.results.length, failingCount(this.counts)) }];
  }

  /** "Try your own assumptions": the live explorer of the case, titled for the article. */
  explorer(options: CaseExplorerOptions = {}): ReportBlock[] {
    return [{ kind: "explorer", config: explorerConfigFromCase(this.case, this.ranges, options) }];
  }

  /** Triangular distributions over each input's range, peaked at the article's value (owned hardware only). */
  private uncertain(): Record<(typeof UNCERTAIN_INPUTS)[number], Distribution> {
    const tri = (name: string) => {
      const r = this.ranges.find((x) => x.input === name);
      if (r === undefined) throw new RangeError(`${this.article}: the uncertainty section draws ${UNCERTAIN_INPUTS.join(", ")} (an owned rig), but the case has no range for ${name}`);
      return triangular(r.low, r.base, r.high);
    };
    return Object.fromEntries(UNCERTAIN_INPUTS.map((n) => [n, tri(n)])) as Record<(typeof UNCERTAIN_INPUTS)[number], Distribution>;
  }

  /** "Everything uncertain at once", Monte Carlo: every input drawn from its range at once, utilization uniformly from 2% to 100%, seeded. */
  monteCarlo(): ReportBlock[] {
    const d = this.uncertain();
    const mc = monteCarlo(
      { ...d, utilization: uniform(0.02, 1), hoursPerMonth: this.case.scenario.hoursPerMonth },
      { n: this.monteCarloDraws, seed: this.seed, draws: false }, // only the summary is read below: no draws kept
    );
    const be = mc.breakEvenTokensPerMonth;
    const shown = (x: number | null) => (x === null ? "never" : tokens(x));
    return [
      {
        kind: "table",
        rows: [
          { output: "cost per million tokens (USD)", p5: +mc.usdPerMTok.p5.toPrecision(3), p50: +mc.usdPerMTok.p50.toPrecision(3), p95: +mc.usdPerMTok.p95.toPrecision(3) },
          { output: "break-even (tokens/month)", p5: shown(be.p5), p50: shown(be.p50), p95: shown(be.p95) },
        ],
      },
      {
        kind: "markdown",
        text: md`Over ${num(mc.n)} draws, self-hosting is cheaper per token than the API in **${pct(mc.pSelfHostWins)}** of them. In **${pct(be.pNever)}** there is no break-even at any number of rigs (a full rig costs more than the API); the others break even with as many rigs as the volume needs, each with its own hardware and power.`,
      },
    ];
  }

  /** Sobol indices of the break-even over the same ranges: how much of its variance each input explains alone and with its interactions. */
  sobol(): ReportBlock[] {
    const s = sobol(costModelFunction({ idleWatts: 0, utilization: 1, hoursPerMonth: this.case.scenario.hoursPerMonth }, "breakEvenTokensPerMonth"), this.uncertain(), { n: this.sobolBaseSamples, seed: this.seed });
    const driver = [...s.indices].sort((a, b) => b.total - a.total)[0];
    return [
      { kind: "table", rows: s.indices.map((i) => ({ input: i.input, "first order": +i.firstOrder.toFixed(3), total: +i.total.toFixed(3) })) },
      { kind: "markdown", text: md`When everything varies at once, **${driver.input}** drives the break-even most (total index ${driver.total.toFixed(2)}).` },
    ];
  }

  /** "Sources and data as of": every source the case, its ranges and its audit use, cited. */
  sources(): ReportBlock[] {
    const used = [...new Set([...this.case.inputs.map((i) => i.sourceId), ...this.ranges.flatMap((r) => r.sources), ...this.results.flatMap((r) => r.sources)])].sort();
    return [
      { kind: "markdown", text: dataAsOfText(this.data) },
      {
        kind: "table",
        rows: used.map((id) => {
          const s = this.data.sources.rows.find((x) => x.source_id === id);
          return { source: id, citation: cite(this.data, id), tier: s?.tier ?? "", url: s?.url ?? "", accessed: s?.date_accessed ?? "" };
        }),
      },
    ];
  }
}

/**
 * An article's report (see the module comment): `data` from loadData(), `article` a source id
 * with a case in data/article_inputs.csv, `params` the notebook's parameters cell.
 *
 * @example const report = articleReport(loadData(), "not-cheaper", { overrides: "usdPerKWh=0.30" }); show(report.headlines());
 */
export function articleReport(data: Data, article: string, params: ArticleReportParams = {}): ArticleReport {
  return new ArticleReport(data, article, params);
}
