/**
 * The data's date as a report states it: from datapackage.json's "x-data-as-of" and each dated
 * table's newest row, never from the clock.
 */
import { describe, expect, it } from "vitest";
import { loadData } from "../../lib/data";
import { freshness } from "../../lib/data/staleness";
import { dataAsOfText, dataFreshness } from "../../lib/report/data-date";

const data = loadData();

describe("dataAsOfText(data)", () => {
  it("names the package's as-of date, then per dated table its newest row and how many rows are more than a year old", () => {
    const asOf = data.package["x-data-as-of"]!;
    const text = dataAsOfText(data);
    expect(text.startsWith(`Data as of ${asOf} (datapackage.json): `)).toBe(true);
    const f = freshness(data, { asOf });
    const prices = f.tables.find((t) => t.table === "hardware_prices")!;
    expect(text).toContain(`the newest hardware price is from ${prices.newestDate} (${prices.stale.length} of ${prices.rows} rows more than a year old)`);
    expect(text).toMatch(/The price catalog, @pydantic\/genai-prices 0\.1\.8, is as of \d{4}-\d{2}-\d{2}\.$/);
  });
  it("a row dated 2024-01 against an as-of date of 2026-11-23 counts as more than a year old; one from 2026-06 does not", () => {
    const tiny = {
      package: { ...data.package, "x-data-as-of": "2026-11-23", resources: data.package.resources.filter((r) => r.name === "labour") },
      labour: { rows: [{ ...data.labour.rows[0], date: "2024-01" }, { ...data.labour.rows[0], date: "2026-06", role: "other" }] },
    } as unknown as typeof data;
    const f = dataFreshness(tiny)!;
    expect(f.tables[0].stale.map((r) => r.date)).toEqual(["2024-01"]);
    expect(dataAsOfText(tiny)).toContain("the newest labour cost is from 2026-06 (1 of 2 rows more than a year old)");
  });
  it("without an as-of date the sentence says so instead of reading the clock", () => {
    const undated = { ...data, package: { ...data.package, "x-data-as-of": undefined } } as typeof data;
    expect(dataFreshness(undated)).toBeNull();
    expect(dataAsOfText(undated)).toMatch(/states no as-of date/);
  });
});
