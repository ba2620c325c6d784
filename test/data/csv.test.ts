import { describe, expect, it } from "vitest";
import { parseCsv } from "../../lib/data/index";

describe("parseCsv (RFC 4180 with line numbers)", () => {
  it("splits a header and two records and numbers them from line 1", () => {
    const r = parseCsv("a,b\n1,2\n3,4\n");
    expect(r.errors).toEqual([]);
    expect(r.records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    const r = parseCsv('id,note\nx,"a, b"\ny,"say ""hi"""\nz,"two\nlines"\nw,end\n');
    expect(r.records.map((x) => x.fields)).toEqual([
      ["id", "note"],
      ["x", "a, b"],
      ["y", 'say "hi"'],
      ["z", "two\nlines"],
      ["w", "end"],
    ]);
    // the record after a two-line field starts on line 6
    expect(r.records[4].line).toBe(6);
  });

  it("accepts CRLF line ends, a BOM, empty fields and a missing final newline", () => {
    const r = parseCsv("\ufeffa,b,c\r\n1,,3\r\n,,");
    expect(r.records.map((x) => x.fields)).toEqual([
      ["a", "b", "c"],
      ["1", "", "3"],
      ["", "", ""],
    ]);
  });

  it("skips blank lines but keeps counting them", () => {
    const r = parseCsv("a\n\n1\n");
    expect(r.records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 3, fields: ["1"] },
    ]);
  });

  it("reports an unterminated quote at the line where its record starts", () => {
    const r = parseCsv('a,b\n1,"open\n2,3\n');
    expect(r.errors).toEqual([{ line: 2, message: expect.stringContaining("unterminated") }]);
  });

  it("reports text after a closing quote", () => {
    const r = parseCsv('a\n"x"y\n');
    expect(r.errors[0].line).toBe(2);
  });
});
