/**
 * The explorer's HTML. The server renders all of it (inputs, figures, chart) so that the page
 * reads the same with scripting off; the browser re-renders the figures and the chart with the
 * same `resultsHtml` and `explorerChartSvg`. Pure.
 */
import { describeBreakEven, fmtTokens } from "../models/index";
import { explorerChartSvg } from "./chart";
import type { ExplorerOutcome } from "./compute";
import { escapeHtml, fieldText, formatUsdPerMTok, num, pct, round12, scriptJson, usd, withUnit } from "./format";
import type { ExplorerConfig, ExplorerInput } from "./types";

/** The custom element every explorer is: defined once per page by the bundle. */
export const EXPLORER_TAG = "lbe-explorer";

/** Letters, digits, "-" and "_", starting with a letter: safe in ids, selectors and the URL. */
export const EXPLORER_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The id prefix of everything inside explorer `id`. */
export function idPrefix(id: string): string {
  return `lbe-${id}`;
}

/** describeBreakEven's text, its explanation after "never" in small type (the text stays the same). */
function breakEvenHtml(text: string): string {
  const m = /^(never)(:[\s\S]*)$/.exec(text);
  return m ? `${m[1]}<span class="lbe-why">${escapeHtml(m[2])}</span>` : escapeHtml(text);
}

/** The figures: cost per Mtok, API price, break-even and verdict. */
export function resultsHtml(o: ExplorerOutcome, apiLabel = "API"): string {
  const be = o.breakEven;
  const tokens = o.month.tokensPerMonth;
  const apiBill = (tokens / 1e6) * o.apiUsdPerMTok;
  const beSub =
    be.kind === "volume"
      ? be.setups === 1
        ? `${pct(be.utilization)} utilization of one setup`
        : `needs ${be.setups} setups: one generates at most ${fmtTokens(o.line.capacityTokensPerMonth)} tokens/month`
      : "";
  const cost = o.month.usdPerMTok;
  const verdictText =
    cost === null
      ? `<strong>${escapeHtml(apiLabel)} is cheaper</strong>: at 0% utilization self-hosting pays ${escapeHtml(usd(o.month.totalUsd))} a month for no tokens.`
      : o.verdict === "self-host"
      ? `<strong>Self-hosting is cheaper</strong> at ${pct(o.utilization)} utilization: ${escapeHtml(formatUsdPerMTok(cost))} against ${escapeHtml(formatUsdPerMTok(o.apiUsdPerMTok))} for ${escapeHtml(apiLabel)}.`
      : `<strong>${escapeHtml(apiLabel)} is cheaper</strong> at ${pct(o.utilization)} utilization: ${escapeHtml(formatUsdPerMTok(o.apiUsdPerMTok))} against ${escapeHtml(formatUsdPerMTok(cost))} self-hosted.`;
  return (
    `<dl class="lbe-figures">` +
    `<div><dt>Self-hosting, all-in</dt><dd class="lbe-big" data-lbe="cost">${escapeHtml(formatUsdPerMTok(cost))}</dd>` +
    `<dd class="lbe-sub">${escapeHtml(usd(o.month.totalUsd))} a month for ${escapeHtml(fmtTokens(tokens))} tokens at ${pct(o.utilization)} utilization</dd></div>` +
    `<div><dt>${escapeHtml(apiLabel)}</dt><dd class="lbe-big" data-lbe="api">${escapeHtml(formatUsdPerMTok(o.apiUsdPerMTok))}</dd>` +
    `<dd class="lbe-sub">${escapeHtml(usd(apiBill))} a month for the same tokens</dd></div>` +
    `<div><dt>Break-even volume</dt><dd class="lbe-big" data-lbe="break-even">${breakEvenHtml(describeBreakEven(be))}</dd>` +
    (beSub === "" ? "" : `<dd class="lbe-sub">${escapeHtml(beSub)}</dd>`) +
    `</div>` +
    `</dl>` +
    `<p class="lbe-verdict" data-lbe="verdict" data-verdict="${o.verdict}">${verdictText}</p>`
  );
}

/** Slider attributes in display units (value × scale). */
function sliderAttrs(input: ExplorerInput): { min: number; max: number; step: number; value: number } {
  const s = input.scale ?? 1;
  const min = round12(input.min * s);
  const max = round12(input.max * s);
  const value = Math.min(max, Math.max(min, round12(input.value * s)));
  return { min, max, step: round12(input.step * s), value };
}

function fieldHtml(config: ExplorerConfig, input: ExplorerInput): string {
  const p = `${idPrefix(config.id)}-${input.name}`;
  const s = input.scale ?? 1;
  const sl = sliderAttrs(input);
  const label = escapeHtml(input.label);
  const unit = escapeHtml(input.unit);
  const pos = (v: number): string => `${round12(Math.min(100, Math.max(0, ((v * s - sl.min) / (sl.max - sl.min || 1)) * 100))).toFixed(2)}%`;
  let band = `<span class="lbe-band" aria-hidden="true">`;
  if (input.range) {
    const lo = Math.min(input.range.low, input.range.high);
    const hi = Math.max(input.range.low, input.range.high);
    band += `<span class="lbe-range" style="left:${pos(lo)};width:calc(${pos(hi)} - ${pos(lo)})"></span>`;
  }
  band += `<span class="lbe-base" style="left:${pos(input.value)}"></span></span>`;
  const notes: string[] = [];
  if (input.range) {
    const basis = input.range.basis ? ` (${escapeHtml(input.range.basis)})` : "";
    notes.push(`Source range ${withUnit(`${escapeHtml(num(input.range.low * s))}–${escapeHtml(num(input.range.high * s))}`, unit)}${basis}.`);
  }
  if (input.sourceNote) notes.push(escapeHtml(input.sourceNote));
  return (
    `<div class="lbe-field" data-name="${escapeHtml(input.name)}">` +
    `<label for="${p}">${label}${unit ? ` <span class="lbe-unit">(${unit})</span>` : ""}</label>` +
    `<span class="lbe-control">` +
    `<input type="range" id="${p}-slider" data-role="slider" min="${sl.min}" max="${sl.max}" step="${sl.step}" value="${sl.value}" aria-label="${label}">` +
    `<input type="number" id="${p}" data-role="field" step="any" inputmode="decimal" value="${escapeHtml(fieldText(input.value, s))}" aria-describedby="${p}-note ${p}-error">` +
    `</span>` +
    band +
    `<small class="lbe-note" id="${p}-note">${notes.join(" ")}</small>` +
    `<small class="lbe-error" id="${p}-error" data-role="error" role="alert"></small>` +
    `</div>`
  );
}

/** The explorer's markup, rendered at `outcome` (the published values). */
export function explorerMarkup(config: ExplorerConfig, outcome: ExplorerOutcome): string {
  const p = idPrefix(config.id);
  const apiLabel = config.apiLabel ?? "API";
  const note = config.note ? `<p class="lbe-claim">${escapeHtml(config.note)}</p>` : "";
  return (
    `<${EXPLORER_TAG} class="lbe" id="${p}" data-lbe-id="${escapeHtml(config.id)}">` +
    `<script type="application/json" data-lbe="config">${scriptJson(config)}</script>` +
    `<div class="lbe-head"><strong class="lbe-title">${escapeHtml(config.title)}</strong>` +
    `<span class="lbe-hint" data-lbe="hint"> The article's assumptions; enable JavaScript to change them.</span></div>` +
    `<div class="lbe-body">` +
    `<fieldset class="lbe-inputs" data-lbe="inputs" disabled><legend>Assumptions</legend>` +
    config.inputs.map((i) => fieldHtml(config, i)).join("") +
    `</fieldset>` +
    `<div class="lbe-out">` +
    `<div class="lbe-results" id="${p}-results" data-lbe="results" aria-live="polite">${resultsHtml(outcome, apiLabel)}</div>` +
    `<p class="lbe-stale" data-lbe="stale" hidden>Showing the last valid result.</p>` +
    `<p class="lbe-error" data-lbe="error" role="alert"></p>` +
    `<div class="lbe-chart" data-lbe="chart">${explorerChartSvg(outcome, apiLabel)}</div>` +
    note +
    `<p class="lbe-actions" data-lbe="actions" hidden><button type="button" data-lbe="reset">Reset to the article's assumptions</button> ` +
    `<a data-lbe="link" href="#">Link to this scenario</a></p>` +
    `</div></div></${EXPLORER_TAG}>`
  );
}
