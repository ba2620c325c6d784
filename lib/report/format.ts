/**
 * Number formatting: the project's one set of rules, so a figure reads the same everywhere. The
 * reports (prose, tables, headlines) import it, and so does the live explorer: lib/live imports
 * it and esbuild inlines it into the page's script, so the browser formats with this very code
 * (test/report/format-agree.test.ts runs the bundled copy, in Node and in Chromium, against it).
 *
 * Pure and en-US whatever the machine's locale; no Node API (the browser bundle takes it as it is).
 */
import { fmtTokens, type BreakEvenVolume } from "../models/index";

/** Whole numbers with thousands separators, made once (toLocaleString makes a formatter per call). */
let grouped: Intl.NumberFormat | undefined;
function wholeWithSeparators(x: number): string {
  grouped ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  return grouped.format(Math.round(x));
}

/** "-" before a negative figure, none when it rounds to nothing ("0.0%", never "-0.0%"). */
function signed(negative: boolean, digits: string, body: string): string {
  return negative && !/^[0.]*$/.test(digits) ? `-${body}` : body;
}

/**
 * US dollars: whole dollars with separators from $1,000, cents from $10, three significant
 * digits below. A negative amount reads "-$5.00". @example usd(0.739) // "$0.739", usd(97.222) // "$97.22", usd(13225.4) // "$13,225"
 */
export function usd(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 1000 ? wholeWithSeparators(a) : a >= 10 ? a.toFixed(2) : a.toPrecision(3);
  return signed(x < 0, digits, `$${digits}`);
}

/** USD per million tokens: "$0.739/Mtok". */
export function usdPerMTok(x: number): string {
  return `${usd(x)}/Mtok`;
}

/** A token count: "21.3M", "1.52B". */
export function tokens(x: number): string {
  return fmtTokens(x);
}

/** A fraction as a percentage with `digits` decimals: 0.066 → "6.6%", pct(0.25, 0) → "25%". */
export function pct(fraction: number, digits = 1): string {
  const text = Math.abs(fraction * 100).toFixed(digits);
  return signed(fraction < 0, text, `${text}%`);
}

/** A plain number: three significant digits, whole with thousands separators from 1,000. */
export function num(x: number): string {
  return Math.abs(x) >= 1000 ? wholeWithSeparators(x) : (+x.toPrecision(3)).toString();
}

/** A break-even for a headline: "21.3M tokens/month", "3.82B tokens/month on 2 setups", "never". */
export function breakEvenText(be: BreakEvenVolume): string {
  if (be.kind === "never") return "never";
  return `${tokens(be.tokensPerMonth)} tokens/month${be.setups > 1 ? ` on ${be.setups} setups` : ""}`;
}
