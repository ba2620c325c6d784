/**
 * Number formatting for prose and tables: one place, so a figure reads the same everywhere.
 */
import { fmtTokens, type BreakEvenVolume } from "../models/index";

/** US dollars: "$0.739", "$97.22", "$13,225". */
export function usd(x: number): string {
  const a = Math.abs(x);
  if (a >= 1000) return `$${Math.round(x).toLocaleString("en-US")}`;
  if (a >= 10) return `$${x.toFixed(2)}`;
  return `$${x.toPrecision(3)}`;
}

/** USD per million tokens: "$0.739/Mtok". */
export function usdPerMTok(x: number): string {
  return `${usd(x)}/Mtok`;
}

/** A token count: "21.3M", "1.52B". */
export function tokens(x: number): string {
  return fmtTokens(x);
}

/** A fraction as a percentage: 0.066 → "6.6%". */
export function pct(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A plain number with three significant digits and thousands separators. */
export function num(x: number): string {
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString("en-US") : (+x.toPrecision(3)).toString();
}

/** A break-even for a headline: "21.3M tokens/month", "3.82B tokens/month on 2 setups", "never". */
export function breakEvenText(be: BreakEvenVolume): string {
  if (be.kind === "never") return "never";
  return `${tokens(be.tokensPerMonth)} tokens/month${be.setups > 1 ? ` on ${be.setups} setups` : ""}`;
}
