import { describe, expect, it } from "vitest";
import {
  coerceValue,
  describeParameters,
  injectParameters,
  injectedSource,
  parseAssignments,
  parseLiteral,
  parseParameters,
  ParameterError,
  resolveOverrides,
} from "../../lib/render/params";
import type { Notebook } from "../../lib/render/nbformat";

const SOURCE = [
  "// Assumptions",
  "const electricityUsdPerKWh = 0.12; // US average",
  'const gpu = "H100";',
  "let useFp8: boolean = true;",
  "",
  "const url = 'https://example.com/a;b'; // quoted ; and // stay in the value",
].join("\n");

describe("parseLiteral(text)", () => {
  it("reads numbers, booleans and strings in three quote styles", () => {
    expect(parseLiteral("0.12")).toEqual({ type: "number", value: 0.12 });
    expect(parseLiteral("-1e3")).toEqual({ type: "number", value: -1000 });
    expect(parseLiteral("1_000")).toEqual({ type: "number", value: 1000 });
    expect(parseLiteral("true")).toEqual({ type: "boolean", value: true });
    expect(parseLiteral('"a\\"b"')).toEqual({ type: "string", value: 'a"b' });
    expect(parseLiteral("'it''")).toBeUndefined();
    expect(parseLiteral("'x'")).toEqual({ type: "string", value: "x" });
    expect(parseLiteral("`y`")).toEqual({ type: "string", value: "y" });
  });

  it("refuses expressions and templates with substitutions", () => {
    expect(parseLiteral("2 * 3")).toBeUndefined();
    expect(parseLiteral("`${x}`")).toBeUndefined();
    expect(parseLiteral("[1, 2]")).toBeUndefined();
  });
});

describe("parseParameters(source)", () => {
  it("reads name, type, default, keyword and comment of each line", () => {
    expect(parseParameters(SOURCE)).toEqual([
      { name: "electricityUsdPerKWh", type: "number", value: 0.12, keyword: "const", annotated: false, comment: "US average" },
      { name: "gpu", type: "string", value: "H100", keyword: "const", annotated: false },
      { name: "useFp8", type: "boolean", value: true, keyword: "let", annotated: true },
      {
        name: "url",
        type: "string",
        value: "https://example.com/a;b",
        keyword: "const",
        annotated: false,
        comment: "quoted ; and // stay in the value",
      },
    ]);
  });

  it("rejects a line that is not `const name = literal;`, naming the line", () => {
    expect(() => parseParameters("const a = 1;\nconst b = a * 2;")).toThrow(/line 2: expected `const name = value;`/);
    expect(() => parseParameters("console.log(1)")).toThrow(ParameterError);
  });

  it("rejects an annotation that contradicts the value, and duplicates", () => {
    expect(() => parseParameters('const a: number = "x";')).toThrow(/declared number but its value is a string/);
    expect(() => parseParameters("const a = 1;\nconst a = 2;")).toThrow(/declared twice/);
  });
});

describe("resolveOverrides(parameters, assignments)", () => {
  const parameters = parseParameters(SOURCE);

  it("types values by the declared type and sorts by name", () => {
    const overrides = resolveOverrides(parameters, parseAssignments(["useFp8=false", "electricityUsdPerKWh=0.30", "gpu=A100"]));
    expect(overrides).toEqual([
      { name: "electricityUsdPerKWh", type: "number", from: 0.12, to: 0.3 },
      { name: "gpu", type: "string", from: "H100", to: "A100" },
      { name: "useFp8", type: "boolean", from: true, to: false },
    ]);
  });

  it("an unknown name is an error that lists the parameters with types and defaults", () => {
    const call = () => resolveOverrides(parameters, parseAssignments(["electricity=0.3"]), "01-cost.ipynb");
    expect(call).toThrow(ParameterError);
    expect(call).toThrow(/01-cost.ipynb has no parameter "electricity"/);
    expect(call).toThrow(/electricityUsdPerKWh: number = 0.12 {2}\/\/ US average/);
    expect(call).toThrow(/gpu: string = "H100"/);
    expect(call).toThrow(/useFp8: boolean = true/);
  });

  it("a value of the wrong type is an error that lists the parameters", () => {
    expect(() => resolveOverrides(parameters, parseAssignments(["electricityUsdPerKWh=cheap"]))).toThrow(
      /parameter "electricityUsdPerKWh" is a number, not "cheap"[\s\S]*gpu: string = "H100"/,
    );
    expect(() => resolveOverrides(parameters, parseAssignments(["useFp8=yes"]))).toThrow(/is a boolean, not "yes"/);
  });
});

describe("parseAssignments(args)", () => {
  it("splits at the first = and keeps the rest of the value", () => {
    expect([...parseAssignments(["a=1", "b=x=y"])]).toEqual([
      ["a", "1"],
      ["b", "x=y"],
    ]);
    expect(() => parseAssignments(["novalue"])).toThrow(/expected name=value/);
  });
});

describe("coerceValue(text, type)", () => {
  it("accepts quoted or bare strings, exact booleans, finite numbers", () => {
    expect(coerceValue('"quoted"', "string")).toBe("quoted");
    expect(coerceValue("bare words", "string")).toBe("bare words");
    expect(coerceValue("false", "boolean")).toBe(false);
    expect(coerceValue("1e-3", "number")).toBe(0.001);
    expect(coerceValue("Infinity", "number")).toBeUndefined();
    expect(coerceValue("", "number")).toBeUndefined();
  });
});

describe("injectParameters(notebook, overrides)", () => {
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: "# T" },
      { cell_type: "code", metadata: { tags: ["parameters"] }, source: SOURCE, execution_count: null, outputs: [] },
      { cell_type: "code", metadata: {}, source: "gpu", execution_count: null, outputs: [] },
    ],
  };

  it("adds a cell tagged injected-parameters right after the parameters cell, keeping let, each declared with its type (the same declaration whatever the value)", () => {
    const overrides = resolveOverrides(parseParameters(SOURCE), parseAssignments(["gpu=A100", "useFp8=false"]));
    const injected = injectParameters(notebook, overrides);
    expect(injected.cells).toHaveLength(4);
    expect(injected.cells[2].metadata.tags).toEqual(["injected-parameters"]);
    expect(injected.cells[2].source).toBe(
      ["// Parameters overridden for this scenario", 'const gpu: string = "A100";', "let useFp8: boolean = false;"].join("\n"),
    );
    expect(injected.cells[3].source).toBe("gpu");
    expect(notebook.cells).toHaveLength(3); // the input is not modified
  });

  it("returns the notebook itself when nothing is overridden", () => {
    expect(injectParameters(notebook, [])).toBe(notebook);
  });

  it("injectedSource(parameters, overrides) writes strings as JSON literals", () => {
    expect(injectedSource([], [{ name: "s", type: "string", from: "a", to: 'say "hi"' }])).toContain('const s: string = "say \\"hi\\"";');
  });

  it("describeParameters([]) says the notebook has none", () => {
    expect(describeParameters([])).toMatch(/no parameters cell/);
  });
});
