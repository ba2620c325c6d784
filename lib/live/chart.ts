/**
 * The explorer's chart as a hand-made SVG string: cost per million tokens of self-hosting
 * against utilization (from lib's selfHostCost), the API's price, the break-even marked and
 * the scenario's own point. The same function draws it on the server and in the browser.
 * No ids inside, so several charts on one page cannot clash. Pure.
 */
import { fmtTokens, selfHostCost } from "../models/index";
import type { ExplorerOutcome } from "./compute";
import { escapeHtml, num, pct, round12, usd } from "./format";

const W = 480;
const H = 240;
const M = { top: 30, right: 18, bottom: 42, left: 58 };
const SELF = "#1f5fbf";
const API = "#c2410c";

/** A 1, 2 or 5 × 10^k step near `raw`. */
function niceStep(raw: number): number {
  const k = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / k;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * k;
}

const f1 = (x: number): string => (Math.round(x * 10) / 10).toString();

/** The chart of one outcome. `apiLabel` names the API. */
export function explorerChartSvg(o: ExplorerOutcome, apiLabel = "API"): string {
  const api = o.apiUsdPerMTok;
  const atFull = selfHostCost(o.scenario, 1).usdPerMTok ?? 0;
  let raw = Math.max(api, atFull) * 2.5;
  if (!(raw > 0)) raw = 1;
  const step = niceStep(raw / 4);
  const yTop = round12(Math.ceil(raw / step) * step);
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const x = (u: number): number => M.left + u * iw;
  const y = (c: number): number => M.top + (1 - Math.min(c, yTop) / yTop) * ih;
  const parts: string[] = [];

  // grid and axes (the ticks are round numbers, so they read as num() gives them: "$0.5", "$10")
  for (let t = 0; t <= yTop + step / 2; t += step) {
    const v = round12(t);
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f1(y(v))}" y2="${f1(y(v))}" stroke="currentColor" stroke-opacity="${v === 0 ? 0.6 : 0.12}"/>`);
    parts.push(`<text x="${M.left - 6}" y="${f1(y(v) + 4)}" text-anchor="end">${escapeHtml(`$${num(v)}`)}</text>`);
  }
  for (const u of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${f1(x(u))}" x2="${f1(x(u))}" y1="${M.top + ih}" y2="${M.top + ih + 4}" stroke="currentColor" stroke-opacity="0.6"/>`);
    parts.push(`<text x="${f1(x(u))}" y="${M.top + ih + 16}" text-anchor="middle">${pct(u, 0)}</text>`);
  }
  parts.push(
    `<text x="${M.left + iw / 2}" y="${H - 6}" text-anchor="middle">Utilization (100% = ${escapeHtml(fmtTokens(o.line.capacityTokensPerMonth))} tokens/month)</text>`,
    `<text x="12" y="${M.top + ih / 2}" text-anchor="middle" transform="rotate(-90 12 ${M.top + ih / 2})">USD per million tokens</text>`,
  );

  // legend, above the plot
  parts.push(
    `<line x1="${M.left}" x2="${M.left + 22}" y1="10" y2="10" stroke="${SELF}" stroke-width="2.5"/>`,
    `<text x="${M.left + 27}" y="14">Self-hosting, all-in</text>`,
    `<line x1="${M.left + 160}" x2="${M.left + 182}" y1="10" y2="10" stroke="${API}" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${M.left + 187}" y="14">${escapeHtml(apiLabel)} ${escapeHtml(usd(api))}/Mtok</text>`,
  );

  // where self-hosting is cheaper
  const be = o.breakEven;
  if (be.kind === "volume" && be.setups === 1) {
    parts.push(`<rect x="${f1(x(be.utilization))}" y="${M.top}" width="${f1(x(1) - x(be.utilization))}" height="${ih}" fill="${SELF}" fill-opacity="0.07"/>`);
  }

  // the API's price
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f1(y(api))}" y2="${f1(y(api))}" stroke="${API}" stroke-width="2" stroke-dasharray="6 4"/>`);

  // self-hosting, from where it leaves the top of the chart to 100%
  const denominator = (yTop - o.line.marginalUsdPerMTok) * o.line.capacityTokensPerMonth;
  let u0 = denominator > 0 ? (o.line.fixedUsd * 1e6) / denominator : 1;
  u0 = Math.min(1, Math.max(0.0005, u0));
  const n = 48;
  const points: string[] = [];
  for (let i = 0; i <= n; i++) {
    const u = i === n ? 1 : u0 * Math.pow(1 / u0, i / n);
    const c = selfHostCost(o.scenario, u).usdPerMTok;
    if (c !== null) points.push(`${f1(x(u))},${f1(y(c))}`);
  }
  parts.push(`<path d="M${points.join("L")}" fill="none" stroke="${SELF}" stroke-width="2.5"/>`);

  // break-even
  if (be.kind === "volume" && be.setups === 1) {
    const bx = f1(x(be.utilization));
    parts.push(`<line x1="${bx}" x2="${bx}" y1="${M.top}" y2="${M.top + ih}" stroke="currentColor" stroke-opacity="0.7" stroke-dasharray="3 3"/>`);
    const right = be.utilization < 0.6;
    parts.push(`<text x="${f1(x(be.utilization) + (right ? 5 : -5))}" y="${M.top + 12}" text-anchor="${right ? "start" : "end"}">break-even ${pct(be.utilization)}</text>`);
  } else {
    const why =
      be.kind === "volume"
        ? `break-even needs ${be.setups} setups`
        : be.reason === "api-at-or-below-marginal-cost"
        ? "no break-even: the API is below the marginal cost"
        : "no break-even: a full setup costs more than the API";
    parts.push(`<text x="${W - M.right - 4}" y="${M.top + 12}" text-anchor="end">${escapeHtml(why)}</text>`);
  }

  // the scenario
  const here = o.month.usdPerMTok;
  if (here !== null) {
    const px = f1(x(o.utilization));
    const py = f1(y(here));
    const off = here > yTop ? "↑ " : "";
    parts.push(`<circle cx="${px}" cy="${py}" r="5" fill="${SELF}" stroke="#fff" stroke-width="1.5"/>`);
    const left = o.utilization > 0.7;
    parts.push(`<text x="${f1(x(o.utilization) + (left ? -9 : 9))}" y="${f1(y(here) + (here > yTop ? 14 : -8))}" text-anchor="${left ? "end" : "start"}" font-weight="600">${off}${escapeHtml(usd(here))}/Mtok</text>`);
  }

  const summary =
    `Cost per million tokens against utilization: self-hosting ${here === null ? "generates no tokens" : `${usd(here)} at ${pct(o.utilization)}`}, ` +
    `${apiLabel} ${usd(api)}` +
    (be.kind === "volume" && be.setups === 1 ? `, break-even at ${pct(be.utilization)}` : (be.kind === "volume" ? `, break-even needs ${be.setups} setups` : ", no break-even at any number of setups"));
  return (
    `<svg class="lbe-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(summary)}" ` +
    `font-family="system-ui, sans-serif" font-size="12" fill="currentColor"><title>${escapeHtml(summary)}</title>${parts.join("")}</svg>`
  );
}
