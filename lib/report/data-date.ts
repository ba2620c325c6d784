/**
 * The data's date, for a report: the date the data package says it is as of (datapackage.json
 * "x-data-as-of"), and per dated table the newest row and how many rows are more than a year
 * older, from lib/data/staleness.ts. Never the clock: the same data gives the same sentence.
 */
import type { Data } from "../data/load";
import { freshness, type FreshnessReport } from "../data/staleness";
import { CATALOG_AS_OF, CATALOG_PACKAGE, CATALOG_VERSION } from "../data/api-catalog";

/** What each dated table holds, in words. */
const TABLE_WORDS: Readonly<Record<string, string>> = {
  hardware_prices: "hardware price",
  cloud_gpu_prices: "GPU rental price",
  api_prices: "hand-cited API price",
  benchmarks: "benchmark",
  electricity: "electricity price",
  labour: "labour cost",
};

/** The freshness of the data against its own as-of date (null when datapackage.json gives none). */
export function dataFreshness(data: Data): FreshnessReport | null {
  const asOf = data.package["x-data-as-of"];
  if (asOf === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
  return freshness(data, { asOf, asOfFrom: 'datapackage.json "x-data-as-of"' });
}

/**
 * One sentence stating the data's date: "Data as of 2026-11-23 (datapackage.json): the newest
 * hardware price is from 2026-06-15 (72 of 91 rows more than a year old), …; the price catalog
 * @pydantic/genai-prices 0.1.8 is as of 2026-09-23".
 */
export function dataAsOfText(data: Data): string {
  const f = dataFreshness(data);
  if (f === null) return "The data package states no as-of date (datapackage.json has no \"x-data-as-of\").";
  const parts = f.tables
    .filter((t) => t.newestDate !== null)
    .map((t) => `the newest ${TABLE_WORDS[t.table] ?? t.table.replace(/_/g, " ")} is from ${t.newestDate} (${t.stale.length} of ${t.rows} rows more than ${f.maxAgeDays === 365 ? "a year" : `${f.maxAgeDays} days`} old)`);
  return `Data as of ${f.asOf} (datapackage.json): ${parts.join("; ")}. The price catalog, ${CATALOG_PACKAGE} ${CATALOG_VERSION}, is as of ${CATALOG_AS_OF}.`;
}
