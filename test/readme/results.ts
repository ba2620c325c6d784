/**
 * How a `//` comment in a README TypeScript example states the result of the expression it
 * belongs to, and the comparison with the value the expression gives.
 *
 * The result stated: the whole comment when it begins with a quoted string or an object, or
 * with a number and has no " = "; else what follows the comment's last " = " (what precedes it
 * is the working); else what follows its first ": " when that begins with a result. A result
 * is one of
 *   - a quoted string, "…": the value is that string exactly; when the quoted text ends in
 *     "…", the value begins with the text before the "…";
 *   - a number, written with or without "$", thousands commas, decimals and a k/M/B/T
 *     suffix, unit words after it ("$0.739 per million"): the value is a number that rounds
 *     to the figure at its written digits (within half a unit in its last digit: "$0.739"
 *     allows 0.7385 to 0.7395, "10541" 10540.5 to 10541.5, "2" 1.5 to 2.5);
 *   - an object, { key: result, key: result }: the value has those keys, each holding what
 *     its result says; with a last entry "…" it may have other keys too, without it no others.
 * Text after the result is prose and not read.
 * The working, when the comment has one: its numbers and + − × / ( ), with the words and units
 * between them left out ("(97.22 + 140.18) / 321.4 M tokens"), must give the result's figure
 * at its written digits too.
 * A comment stating no result is prose: it may not contain a digit or a double quote (a comment
 * that does but that this rule cannot read is an error, never skipped), and each `.name` it
 * mentions ("with .sourceOf") must be a property of the value.
 */

export type Expected =
  | { kind: "string"; text: string; prefix: boolean }
  | { kind: "number"; value: number; halfUnit: number; written: string }
  | { kind: "object"; entries: [string, Expected][]; open: boolean };

export interface CommentReading {
  result?: Expected;
  /** The working before the result's " = ", and the value of its arithmetic. */
  working?: { text: string; value: number };
  /** `.name` properties the prose mentions (only when there is no result). */
  properties: string[];
}

export class UnreadableComment extends Error {}

const NUMBER = /^(-?)(\$?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:([kMBT])(?![A-Za-z]))?/;
const SCALE: Record<string, number> = { k: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Reads a result at the start of `text`; undefined when `text` does not begin with one. */
export function parseResult(text: string): { expected: Expected; rest: string } | undefined {
  const s = text.trimStart();
  if (s.startsWith('"')) {
    let end = 1;
    while (end < s.length && s[end] !== '"') end += s[end] === "\\" ? 2 : 1;
    if (end >= s.length) throw new UnreadableComment(`an unclosed quoted string: ${text}`);
    const raw = JSON.parse(s.slice(0, end + 1)) as string;
    const prefix = raw.endsWith("…");
    return { expected: { kind: "string", text: prefix ? raw.slice(0, -1) : raw, prefix }, rest: s.slice(end + 1) };
  }
  if (s.startsWith("{")) {
    const entries: [string, Expected][] = [];
    let open = false;
    let rest = s.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith("}")) return { expected: { kind: "object", entries, open }, rest: rest.slice(1) };
      if (open) throw new UnreadableComment(`"…" must be an object's last entry: ${text}`);
      if (rest.startsWith("…") || rest.startsWith("...")) {
        open = true;
        rest = rest.slice(rest.startsWith("…") ? 1 : 3);
      } else {
        const key = /^([A-Za-z_$][\w$]*)\s*:/.exec(rest);
        if (!key) throw new UnreadableComment(`an object entry without "key:" at ${JSON.stringify(rest.slice(0, 30))}: ${text}`);
        const value = parseResult(rest.slice(key[0].length));
        if (!value) throw new UnreadableComment(`the value of ${key[1]} is not a result (quoted string, number or object): ${text}`);
        entries.push([key[1], value.expected]);
        rest = value.rest;
      }
      rest = rest.trimStart();
      if (rest.startsWith(",")) rest = rest.slice(1);
      else if (!rest.startsWith("}")) throw new UnreadableComment(`expected "," or "}" at ${JSON.stringify(rest.slice(0, 30))}: ${text}`);
    }
  }
  const n = NUMBER.exec(s);
  if (n) {
    const [written, sign, , int, decimals = "", suffix] = n;
    const scale = suffix ? SCALE[suffix] : 1;
    const value = (sign ? -1 : 1) * Number(`${int.replace(/,/g, "")}.${decimals || "0"}`) * scale;
    return { expected: { kind: "number", value, halfUnit: 0.5 * 10 ** -decimals.length * scale, written }, rest: s.slice(written.length) };
  }
  return undefined;
}

/** The value of a working's arithmetic: its numbers and operators, words and units left out. */
export function workingValue(working: string): number | undefined {
  const arithmetic = working
    .replace(/×/g, "*")
    .replace(/−/g, "-")
    .replace(/(\d),(\d{3})/g, "$1$2")
    .replace(/[$A-Za-z%]+/g, " ")
    .trim();
  if (!/\d/.test(arithmetic)) return undefined;
  if (!/^[\d.+\-*/()\s]+$/.test(arithmetic)) throw new UnreadableComment(`a working that is not arithmetic: ${working}`);
  // a small recursive-descent evaluator: expression = term (± term)*, term = factor (×/ factor)*
  const tokens = arithmetic.match(/\d+(?:\.\d+)?|[+\-*/()]/g) ?? [];
  let i = 0;
  const factor = (): number => {
    const t = tokens[i++];
    if (t === "(") {
      const v = expression();
      if (tokens[i++] !== ")") throw new UnreadableComment(`unbalanced parentheses in the working: ${working}`);
      return v;
    }
    if (t === "-") return -factor();
    if (t === undefined || !/^\d/.test(t)) throw new UnreadableComment(`a working that is not arithmetic: ${working}`);
    return Number(t);
  };
  const term = (): number => {
    let v = factor();
    while (tokens[i] === "*" || tokens[i] === "/") v = tokens[i++] === "*" ? v * factor() : v / factor();
    return v;
  };
  const expression = (): number => {
    let v = term();
    while (tokens[i] === "+" || tokens[i] === "-") v = tokens[i++] === "+" ? v + term() : v - term();
    return v;
  };
  const value = expression();
  if (i !== tokens.length) throw new UnreadableComment(`a working with two numbers and no operator between them: ${working}`);
  return value;
}

/** Reads a comment by the rule above; throws UnreadableComment when it cannot. */
export function readComment(comment: string): CommentReading {
  const c = comment.trim();
  const eq = c.lastIndexOf(" = ");
  // a quoted string or an object may hold " = " itself; a number may begin a working
  const whole = c.startsWith('"') || c.startsWith("{") || eq < 0 ? parseResult(c) : undefined;
  if (whole) return { result: whole.expected, properties: [] };
  if (eq >= 0) {
    const after = parseResult(c.slice(eq + 3));
    if (!after) throw new UnreadableComment(`what follows " = " is not a result (quoted string, number or object): ${c}`);
    const text = c.slice(0, eq);
    const value = workingValue(text);
    return { result: after.expected, working: value === undefined ? undefined : { text, value }, properties: [] };
  }
  const colon = c.indexOf(": ");
  if (colon >= 0) {
    const after = parseResult(c.slice(colon + 2));
    if (after) return { result: after.expected, properties: [] };
  }
  if (/[\d"]/.test(c)) throw new UnreadableComment(`a comment with a figure or a quotation that states no result the rule can read: ${c}`);
  return { properties: [...c.matchAll(/(?:^|\s)\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]) };
}

/** What differs between a result and a value: one line a difference, none when they agree. */
export function mismatches(expected: Expected, actual: unknown, path = "the value"): string[] {
  if (expected.kind === "string") {
    if (typeof actual !== "string") return [`${path} is ${describe(actual)}, not a string`];
    const ok = expected.prefix ? actual.startsWith(expected.text) : actual === expected.text;
    return ok ? [] : [`${path} is ${JSON.stringify(actual)}, README says ${expected.prefix ? "it begins with " : ""}${JSON.stringify(expected.text)}`];
  }
  if (expected.kind === "number") {
    if (typeof actual !== "number" || !Number.isFinite(actual)) return [`${path} is ${describe(actual)}, not a finite number`];
    const ok = Math.abs(actual - expected.value) <= expected.halfUnit * (1 + 1e-9);
    return ok ? [] : [`${path} is ${actual}, which does not round to README's ${expected.written} (±${expected.halfUnit})`];
  }
  if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [`${path} is ${describe(actual)}, not an object`];
  const record = actual as Record<string, unknown>;
  const out: string[] = [];
  for (const [key, want] of expected.entries) {
    if (!(key in record)) out.push(`${path} has no key ${key}`);
    else out.push(...mismatches(want, record[key], `${path}.${key}`));
  }
  if (!expected.open) {
    const extra = Object.keys(record).filter((k) => !expected.entries.some(([key]) => key === k));
    if (extra.length > 0) out.push(`${path} has keys README does not list (end the object with "…" if that is meant): ${extra.join(", ")}`);
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return String(v);
  return `${Array.isArray(v) ? "an array" : typeof v} ${JSON.stringify(v)?.slice(0, 80)}`;
}

/** The figure a working must round to: the result's number, or undefined when the result is no number. */
export function workingMismatch(reading: CommentReading): string | undefined {
  if (!reading.working) return undefined;
  const r = reading.result;
  if (!r || r.kind !== "number") return `a working ("${reading.working.text}") before a result that is not a number`;
  return Math.abs(reading.working.value - r.value) <= r.halfUnit * (1 + 1e-9)
    ? undefined
    : `the working "${reading.working.text}" gives ${reading.working.value}, which does not round to the stated ${r.written}`;
}
