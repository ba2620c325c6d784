/**
 * A README TypeScript example made into a script that records what each of its top-level
 * expression statements gives, with the comment that belongs to each.
 *
 * The comment of an expression statement: the `//` comment on the statement's last line,
 * followed by the comment-only lines directly below it (no blank line between). Comments on
 * imports and declarations describe the code; they are not read as results.
 *
 * The script is the example with each such statement `expr;` replaced, on the same lines, by
 * `await __readmeRecord(i, () => (expr));`, which writes what the expression gave (or threw),
 * as JSON, to the file named by README_RESULTS after each statement. Everything else runs as
 * written, so an example whose declarations or imports throw fails the run.
 */
import ts from "typescript";

export interface ExampleExpression {
  index: number;
  /** 0-based line in the example where the statement starts. */
  line: number;
  source: string;
  comment?: string;
}

export interface RecordedValue {
  ok: boolean;
  /** The value made JSON-safe (see snapshot below). */
  value?: unknown;
  /** Every property name the value has, own and inherited (Object.prototype's apart). */
  properties?: string[];
  error?: string;
}

export function instrument(code: string): { script: string; expressions: ExampleExpression[] } {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = code.split("\n");
  const expressions: ExampleExpression[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of sf.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const start = statement.getStart(sf);
    const last = sf.getLineAndCharacterOfPosition(statement.end);
    const comments: string[] = [];
    const after = lines[last.line].slice(last.character).trim();
    if (after.startsWith("//")) comments.push(after.slice(2).trim());
    if (after === "" || after.startsWith("//")) {
      for (let l = last.line + 1; l < lines.length && lines[l].trim().startsWith("//"); l++) comments.push(lines[l].trim().slice(2).trim());
    }
    const index = expressions.length;
    const source = code.slice(statement.expression.getStart(sf), statement.expression.end);
    expressions.push({ index, line: sf.getLineAndCharacterOfPosition(start).line, source, comment: comments.length > 0 ? comments.join(" ") : undefined });
    edits.push({ start, end: statement.end, text: `await __readmeRecord(${index}, () => (${source}));` });
  }
  let script = code;
  for (const e of edits.reverse()) script = script.slice(0, e.start) + e.text + script.slice(e.end);
  // the harness's import goes on the first line and its functions after the last, so that line numbers stay the example's
  script = `import { writeFileSync as __readmeWrite } from "node:fs"; ${script}\n${HARNESS}`;
  return { script, expressions };
}

const HARNESS = `
function __readmeSnapshot(v: unknown, depth: number, seen: Set<unknown>): unknown {
  if (v === undefined) return { $undefined: true };
  if (typeof v === "number") return Number.isFinite(v) ? v : { $number: String(v) };
  if (typeof v === "bigint") return { $bigint: String(v) };
  if (typeof v === "function") return { $function: v.name };
  if (typeof v === "symbol") return { $symbol: String(v) };
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v) || depth > 8) return { $elided: true };
  seen.add(v);
  if (v instanceof Date) return { $date: v.toISOString() };
  if (v instanceof Map) v = Object.fromEntries(v);
  if (v instanceof Set) v = [...v];
  if (Array.isArray(v)) return v.map((x) => __readmeSnapshot(x, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as object)) out[k] = __readmeSnapshot(x, depth + 1, seen);
  return out;
}
function __readmeProperties(v: unknown): string[] {
  const names = new Set<string>();
  for (let o = v === null || v === undefined ? null : Object(v); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) names.add(k);
  }
  return [...names];
}
async function __readmeRecord(index: number, f: () => unknown): Promise<void> {
  const g = globalThis as { __readmeResults?: Record<number, unknown> };
  const results = (g.__readmeResults ??= {});
  try {
    let v = f();
    if (v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function") v = await v;
    results[index] = { ok: true, value: __readmeSnapshot(v, 0, new Set()), properties: __readmeProperties(v) };
  } catch (e) {
    results[index] = { ok: false, error: e instanceof Error ? e.name + ": " + e.message : String(e) };
  }
  __readmeWrite(process.env.README_RESULTS as string, JSON.stringify(results));
}
`;
