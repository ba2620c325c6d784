/**
 * The rule by which README's `//` comments state results (results.ts): what it reads, and
 * that a value differing from the comment fails.
 */
import { describe, expect, it } from "vitest";
import { mismatches, readComment, UnreadableComment, workingMismatch, type Expected } from "./results";

const result = (comment: string): Expected => {
  const r = readComment(comment).result;
  if (!r) throw new Error(`no result read from ${comment}`);
  return r;
};

describe("a comment's result", () => {
  it("quoted: the string exactly, or its beginning when it ends in …", () => {
    expect(mismatches(result('"21.3M tokens/month"'), "21.3M tokens/month")).toEqual([]);
    expect(mismatches(result('"21.3M tokens/month"'), "21.4M tokens/month")).toHaveLength(1);
    expect(mismatches(result('"21.3M tokens/month"'), "21.3M tokens/month with 2 setups")).toHaveLength(1);
    expect(mismatches(result('"never: the API\'s $0.400/Mtok is at or below …"'), "never: the API's $0.400/Mtok is at or below the marginal cost")).toEqual([]);
    expect(mismatches(result('"never: the API\'s $0.400/Mtok is at or below …"'), "never: the API's $0.500/Mtok is at or below the marginal cost")).toHaveLength(1);
    expect(mismatches(result('"never": an engineer per pair is too many'), "never")).toEqual([]);
    expect(mismatches(result('"never"'), 0)).toHaveLength(1);
  });

  it("a number: the value at the written digits", () => {
    const cost = result("(97.22 + 140.18) / 321.4 M tokens = $0.739 per million");
    expect(mismatches(cost, 0.7386)).toEqual([]);
    expect(mismatches(cost, 0.7395)).toEqual([]);
    expect(mismatches(cost, 0.7396)).toHaveLength(1);
    expect(mismatches(cost, 0.74)).toHaveLength(1);
    expect(mismatches(cost, "0.739")).toHaveLength(1);
    expect(mismatches(result("electricity only: $0.436 per million"), 0.4362)).toEqual([]);
    expect(mismatches(result("electricity only: $0.436 per million"), 0.4372)).toHaveLength(1);
    expect(mismatches(result("2"), 2)).toEqual([]);
    expect(mismatches(result("2"), 3)).toHaveLength(1);
    expect(mismatches(result("1,500"), 1500.2)).toEqual([]);
    expect(mismatches(result("2.07B tokens"), 2.0736e9)).toEqual([]);
    expect(mismatches(result("2.07B tokens"), 2.08e9)).toHaveLength(1);
    expect(mismatches(result("$0.739"), Number.NaN)).toHaveLength(1);
  });

  it("an object: the keys it lists, others only after …", () => {
    const ceiling = result('{ aggregateTokensPerSecond: 10541, binding: "compute", … }: 312 TFLOPS / (2 × 14.8 B)');
    expect(mismatches(ceiling, { aggregateTokensPerSecond: 10540.54, binding: "compute", other: 1 })).toEqual([]);
    expect(mismatches(ceiling, { aggregateTokensPerSecond: 10542, binding: "compute" })).toHaveLength(1);
    expect(mismatches(ceiling, { aggregateTokensPerSecond: 10541, binding: "memory" })).toHaveLength(1);
    expect(mismatches(ceiling, { binding: "compute" })).toHaveLength(1);
    expect(mismatches(result("{ a: 1 }"), { a: 1, b: 2 })).toHaveLength(1);
    expect(mismatches(result('{ a: { b: "x" } }'), { a: { b: "x" } })).toEqual([]);
  });

  it("the working before ' = ' must give the stated figure", () => {
    expect(workingMismatch(readComment("(97.22 + 140.18) / 321.4 M tokens = $0.739 per million"))).toBeUndefined();
    expect(workingMismatch(readComment("(97.22 + 150.18) / 321.4 M tokens = $0.739 per million"))).toMatch(/does not round/);
    expect(workingMismatch(readComment("3 × 1,100 W = 3,300"))).toBeUndefined();
  });
});

describe("a comment stating no result", () => {
  it("is prose, and the properties it names are read", () => {
    expect(readComment("the cited rows, as published")).toEqual({ properties: [] });
    expect(readComment("typed id; fields merged across sources, with .sourceOf").properties).toEqual(["sourceOf"]);
  });

  it("may not hold a figure or a quotation the rule cannot read", () => {
    expect(() => readComment("about 21 million a month")).toThrow(UnreadableComment);
    expect(() => readComment('prints "never"')).toThrow(UnreadableComment);
    expect(() => readComment("the cost = roughly twice the API")).toThrow(UnreadableComment);
    expect(() => readComment("{ a 1 }")).toThrow(UnreadableComment);
  });
});
