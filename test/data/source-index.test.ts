/** source() and tierOf() look sources up by id in a Map made once per sources table. */
import { describe, expect, it } from "vitest";
import { benchmarks, loadData, source, tierOf, UnknownIdError, type Data, type SourceRow } from "../../lib/data/index";

const row = (source_id: string, tier: SourceRow["tier"], title = source_id) => ({ source_id, tier, title }) as SourceRow;
const dataWith = (rows: SourceRow[]) => ({ sources: { rows } }) as unknown as Data;

describe("source(data, id) and tierOf(data, id)", () => {
  it("find the row of an id, as a scan of the table would (the first row when an id repeats)", () => {
    const d = dataWith([row("a", "primary", "first a"), row("b", "article"), row("a", "secondary", "second a")]);
    expect(source(d, "a" as never).title).toBe("first a");
    expect(tierOf(d, "a")).toBe("primary");
    expect(tierOf(d, "b")).toBe("article");
  });

  it("see a row added to the table after the first look-up", () => {
    const rows = [row("a", "primary")];
    const d = dataWith(rows);
    expect(tierOf(d, "a")).toBe("primary");
    rows.push(row("c", "secondary"));
    expect(tierOf(d, "c")).toBe("secondary");
  });

  it("keep one index per table: a copy of the data with other sources answers from its own", () => {
    const d = dataWith([row("a", "primary")]);
    const other = { ...d, sources: { rows: [row("a", "article")] } } as unknown as Data;
    expect([tierOf(d, "a"), tierOf(other, "a")]).toEqual(["primary", "article"]);
  });

  it("throw UnknownIdError naming the known ids, sorted", () => {
    const d = dataWith([row("zeta", "primary"), row("alpha", "article")]);
    expect(() => tierOf(d, "beta")).toThrow(UnknownIdError);
    expect(() => tierOf(d, "beta")).toThrow('Unknown source "beta". Known sources: alpha, zeta');
  });

  it("on the data, benchmarks({ tiers }) keeps exactly the rows whose source has such a tier", () => {
    const data = loadData();
    const tierById = new Map(data.sources.rows.map((s) => [s.source_id, s.tier]));
    const articleRows = benchmarks(data, { tiers: ["article"] });
    expect(articleRows.length).toBeGreaterThan(0);
    expect(articleRows).toEqual(data.benchmarks.rows.filter((b) => tierById.get(b.source_id) === "article"));
  });
});
