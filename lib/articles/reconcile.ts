/**
 * Reconciliation: why the five articles' break-evens differ by orders of magnitude. Each
 * assumption group is put on a common basis in turn; its share of the spread (the variance of
 * log10 break-even across articles) is its Shapley value over all orders of harmonizing, so the
 * shares add up to the whole spread and no group gets credit for coming first.
 */
import type { Data } from "../data/index";
import { blendedUsdPerMTok, HOURS_PER_MONTH } from "../models/index";
import { articleCase, articleIds, type ArticleCase, type ArticleId } from "./cases";

/** One assumption put on a common basis. */
export interface Harmonization {
  readonly id: string;
  readonly label: string;
  /** What the common basis is and where its value comes from. */
  readonly basis: string;
  readonly sources: readonly string[];
  /** The input overrides for a case (only inputs the case has). */
  overrides(c: ArticleCase): Record<string, number>;
}

const has = (c: ArticleCase, name: string) => c.inputs.some((i) => i.name === name);
/** `{ [name]: value }` when the case has the input, else `{}`. */
const ifHas = (c: ArticleCase, name: string, value: number): Record<string, number> => (has(c, name) ? { [name]: value } : {});

/** The common basis: premium API price, no engineering or overhead, 730-hour months, one electricity price. */
export function commonBasis(data: Data): Harmonization[] {
  const gpt4o = data.api_prices.rows.find((r) => r.provider === "openai" && r.model === "gpt-4o" && r.usd_per_mtok_input !== null && r.usd_per_mtok_output !== null);
  if (!gpt4o) throw new RangeError("common basis: no GPT-4o price row in data/api_prices.csv");
  const api = blendedUsdPerMTok({ inputUsdPerMTok: gpt4o.usd_per_mtok_input!, outputUsdPerMTok: gpt4o.usd_per_mtok_output! }, { inputPerOutput: 3 });
  const kwhRows = data.electricity.rows.filter((r) => r.region === "us" && r.sector === "residential");
  const kwh = kwhRows.reduce((s, r) => s + r.usd_per_kwh, 0) / kwhRows.length;
  return [
    {
      id: "api",
      label: "API price compared",
      basis: `GPT-4o blended at 3:1, $${api.toFixed(3)}/Mtok`,
      sources: [gpt4o.source_id],
      overrides: (c) => ifHas(c, "apiUsdPerMTok", api),
    },
    {
      id: "operations",
      label: "Engineering and overhead",
      basis: "none: hardware and power only",
      sources: [],
      overrides: (c) => ({ ...ifHas(c, "engineeringFte", 0), ...ifHas(c, "infraUsdPerMonth", 0), ...ifHas(c, "overheadMultiplier", 1) }),
    },
    {
      id: "hours",
      label: "Hours per month",
      basis: `${HOURS_PER_MONTH.yearOverTwelve} (8760 / 12)`,
      sources: [],
      overrides: (c) => ifHas(c, "hoursPerMonth", HOURS_PER_MONTH.yearOverTwelve),
    },
    {
      id: "electricity",
      label: "Electricity price",
      basis: `mean US residential price in the data, $${kwh.toFixed(4)}/kWh`,
      sources: [...new Set(kwhRows.map((r) => r.source_id))],
      overrides: (c) => ifHas(c, "usdPerKWh", kwh),
    },
  ];
}

/** Break-even (log10 tokens per month) of each article with a set of groups harmonized; null for "never". */
function log10BreakEvens(data: Data, articles: readonly ArticleId[], groups: readonly Harmonization[]): (number | null)[] {
  return articles.map((a) => {
    const base = articleCase(data, a);
    const overrides = Object.assign({}, ...groups.map((g) => g.overrides(base))) as Record<string, number>;
    const c = articleCase(data, a, overrides);
    return c.breakEven.kind === "volume" ? Math.log10(c.breakEven.tokensPerMonth) : null;
  });
}

function variance(xs: readonly number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - m) * (x - m), 0) / xs.length;
}

/** A group's share of the spread. */
export interface SpreadShare {
  readonly id: string;
  readonly label: string;
  readonly basis: string;
  /** Shapley value: the reduction of variance of log10 break-even the group accounts for. */
  readonly varianceExplained: number;
  /** varianceExplained / total variance. */
  readonly share: number;
}

/** The reconciliation's result. */
export interface Reconciliation {
  /** Articles with a finite break-even in every harmonization (the decomposition's domain). */
  readonly articles: readonly ArticleId[];
  /** Articles left out because their own case never breaks even, with the reason. */
  readonly excluded: readonly { article: ArticleId; explanation: string }[];
  /** Break-even per article as published (lib's recomputation of its case) and on the full common basis. */
  readonly rows: readonly { article: ArticleId; asPublished: number | null; commonBasis: number | null; claimed: number | null }[];
  /** Variance of log10 break-even as published (orders of magnitude squared). */
  readonly totalVariance: number;
  /** Variance left on the full common basis (what the hardware itself explains). */
  readonly residualVariance: number;
  readonly shares: readonly SpreadShare[];
}

/** Reconciles the five articles on the common basis. */
export function reconcile(data: Data, groups: readonly Harmonization[] = commonBasis(data)): Reconciliation {
  const excluded: { article: ArticleId; explanation: string }[] = [];
  const ids = articleIds(data);
  const articles = ids.filter((a) => {
    const c = articleCase(data, a);
    if (c.breakEven.kind === "never") excluded.push({ article: a, explanation: c.breakEven.explanation });
    return c.breakEven.kind === "volume";
  });
  const n = groups.length;
  const cache = new Map<number, number>();
  const v = (mask: number): number => {
    if (!cache.has(mask)) {
      const logs = log10BreakEvens(data, articles, groups.filter((_, i) => mask & (1 << i)));
      if (logs.some((x) => x === null)) throw new RangeError("a harmonization made a break-even 'never'; choose a common API price above every marginal cost");
      cache.set(mask, variance(logs as number[]));
    }
    return cache.get(mask)!;
  };
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const shares = groups.map((g, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const size = mask.toString(2).split("").filter((b) => b === "1").length;
      const weight = (factorial(size) * factorial(n - size - 1)) / factorial(n);
      phi += weight * (v(mask) - v(mask | (1 << i)));
    }
    return { id: g.id, label: g.label, basis: g.basis, varianceExplained: phi, share: 0 };
  });
  const total = v(0);
  const full = (1 << n) - 1;
  const all = log10BreakEvens(data, ids, groups);
  const pub = log10BreakEvens(data, ids, []);
  return {
    articles,
    excluded,
    rows: ids.map((a, i) => ({
      article: a,
      asPublished: pub[i] === null ? null : Math.pow(10, pub[i]!),
      commonBasis: all[i] === null ? null : Math.pow(10, all[i]!),
      claimed: articleCase(data, a).claimedBreakEvenTokens,
    })),
    totalVariance: total,
    residualVariance: v(full),
    shares: shares.map((s) => ({ ...s, share: total > 0 ? s.varianceExplained / total : 0 })),
  };
}
