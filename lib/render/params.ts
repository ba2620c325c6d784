/**
 * Notebook parameters, the papermill way.
 *
 * A code cell tagged `parameters` holds a notebook's assumptions, one per line:
 *
 *     const electricityUsdPerKWh = 0.12; // US average, EIA 2024
 *     const gpu = "H100";
 *     const useFp8: boolean = true;
 *
 * (numbers, strings and booleans; blank and `//` comment lines allowed). A scenario
 * overrides some of them: the renderer injects a cell tagged `injected-parameters`
 * right after the parameters cell that redeclares the overridden names, so the
 * notebook itself is never edited.
 */
import { cellSource, hasTag, type Cell, type CodeCell, type Notebook } from "./nbformat";

export type ParameterType = "number" | "string" | "boolean";
export type ParameterValue = number | string | boolean;

/** One line of a parameters cell. */
export interface Parameter {
  name: string;
  type: ParameterType;
  /** The default value, as declared. */
  value: ParameterValue;
  /** `const` or `let`, kept in the injected cell. */
  keyword: "const" | "let";
  /** Whether the declaration has an explicit `: type` annotation. */
  annotated: boolean;
  /** The trailing `// comment`, if any (a description, a unit, a source). */
  comment?: string;
}

/** A parameter whose value a scenario replaced. */
export interface Override {
  name: string;
  type: ParameterType;
  /** The notebook's default. */
  from: ParameterValue;
  /** The scenario's value. */
  to: ParameterValue;
}

/** A parameters cell that cannot be read, an unknown name, or a value of the wrong type. */
export class ParameterError extends Error {
  override name = "ParameterError";
}

const DECLARATION = /^\s*(?:export\s+)?(const|let)\s+([A-Za-z_$][\w$]*)\s*(?::\s*(number|string|boolean)\s*)?=\s*(.*)$/;
const NUMBER = /^[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads a TypeScript literal (number, string in ' " or `, boolean); undefined when it is none. */
export function parseLiteral(text: string): { type: ParameterType; value: ParameterValue } | undefined {
  const t = text.trim();
  if (t === "true" || t === "false") return { type: "boolean", value: t === "true" };
  if (NUMBER.test(t)) return { type: "number", value: Number(t.replace(/_/g, "")) };
  const quote = t[0];
  if ((quote === '"' || quote === "'" || quote === "`") && t.length >= 2 && t.endsWith(quote)) {
    const body = t.slice(1, -1);
    if (quote === "`" && body.includes("${")) return undefined;
    if (hasUnescaped(body, quote)) return undefined;
    if (quote === '"') {
      try {
        return { type: "string", value: JSON.parse(t) as string };
      } catch {
        return undefined;
      }
    }
    // A single-quoted or template string: read it as a double-quoted one.
    const asJson = '"' + body.replace(/\\'/g, "'").replace(/\\`/g, "`").replace(/"/g, '\\"') + '"';
    try {
      return { type: "string", value: JSON.parse(asJson) as string };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether `text` contains `quote` not preceded by a backslash escape. */
function hasUnescaped(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return true;
  }
  return false;
}

/**
 * Splits what follows `=` into the value, an optional `;` and an optional `// comment`.
 * Quoted values may contain `;` and `//`.
 */
function splitValue(rest: string): { value: string; comment?: string } | undefined {
  let end = 0;
  const quote = rest[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    end = 1;
    while (end < rest.length && rest[end] !== quote) end += rest[end] === "\\" ? 2 : 1;
    if (end >= rest.length) return undefined;
    end += 1;
  } else {
    while (end < rest.length && rest[end] !== ";" && !rest.startsWith("//", end)) end += 1;
  }
  const value = rest.slice(0, end).trim();
  const tail = /^\s*;?\s*(?:\/\/\s?(.*))?$/.exec(rest.slice(end));
  if (!tail) return undefined;
  return tail[1] === undefined ? { value } : { value, comment: tail[1] };
}

/**
 * Parses the source of a parameters cell.
 *
 * @example parseParameters("const gpuUsdPerHour = 2.5; // USD per hour")
 * // [{ name: "gpuUsdPerHour", type: "number", value: 2.5, keyword: "const", annotated: false, comment: "USD per hour" }]
 */
export function parseParameters(source: string): Parameter[] {
  const parameters: Parameter[] = [];
  const lines = source.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (/^\s*(\/\/.*)?$/.test(line)) return;
    const m = DECLARATION.exec(line);
    const rest = m ? splitValue(m[4]) : undefined;
    const literal = rest ? parseLiteral(rest.value) : undefined;
    if (!m || !rest || !literal) {
      throw new ParameterError(
        `parameters cell, line ${i + 1}: expected \`const name = value;\` with a number, string or boolean, got: ${line.trim()}`,
      );
    }
    const [, keyword, name, annotation] = m;
    const comment = rest.comment;
    if (annotation && annotation !== literal.type) {
      throw new ParameterError(`parameters cell, line ${i + 1}: ${name} is declared ${annotation} but its value is a ${literal.type}`);
    }
    if (parameters.some((p) => p.name === name)) {
      throw new ParameterError(`parameters cell, line ${i + 1}: ${name} is declared twice`);
    }
    const parameter: Parameter = { name, type: literal.type, value: literal.value, keyword: keyword as "const" | "let", annotated: !!annotation };
    if (comment?.trim()) parameter.comment = comment.trim();
    parameters.push(parameter);
  });
  return parameters;
}

/** The index of the cell tagged `parameters`, or -1. */
export function parametersCellIndex(nb: Notebook): number {
  return nb.cells.findIndex((c) => c.cell_type === "code" && hasTag(c, "parameters"));
}

/** The parameters a notebook declares (empty when it has no parameters cell). */
export function notebookParameters(nb: Notebook): Parameter[] {
  const i = parametersCellIndex(nb);
  return i < 0 ? [] : parseParameters(cellSource(nb.cells[i]));
}

/** Splits `name=value` command-line assignments; the value stays text until typed against a notebook. */
export function parseAssignments(assignments: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const a of assignments) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new ParameterError(`--param ${a}: expected name=value`);
    result.set(a.slice(0, eq).trim(), a.slice(eq + 1));
  }
  return result;
}

/** Formats a value as TypeScript source. */
export function formatLiteral(value: ParameterValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Lists parameters as "name: type = default  // comment" lines for error messages. */
export function describeParameters(parameters: readonly Parameter[]): string {
  if (parameters.length === 0) return "  (this notebook has no parameters cell)";
  return parameters
    .map((p) => `  ${p.name}: ${p.type} = ${formatLiteral(p.value)}${p.comment ? `  // ${p.comment}` : ""}`)
    .join("\n");
}

/** Reads command-line text as a value of `type`, or undefined if it is not one. */
export function coerceValue(text: string, type: ParameterType): ParameterValue | undefined {
  const t = text.trim();
  if (type === "boolean") return t === "true" ? true : t === "false" ? false : undefined;
  if (type === "number") {
    if (!NUMBER.test(t)) return undefined;
    const n = Number(t.replace(/_/g, ""));
    return Number.isFinite(n) ? n : undefined;
  }
  const literal = parseLiteral(t);
  return literal?.type === "string" ? literal.value : text;
}

/**
 * Types `assignments` against a notebook's parameters. Throws a ParameterError that
 * lists the notebook's parameters for an unknown name or a value of the wrong type.
 */
export function resolveOverrides(
  parameters: readonly Parameter[],
  assignments: ReadonlyMap<string, string>,
  notebookName = "the notebook",
): Override[] {
  const overrides: Override[] = [];
  for (const [name, text] of assignments) {
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) {
      throw new ParameterError(`${notebookName} has no parameter "${name}". Its parameters:\n${describeParameters(parameters)}`);
    }
    const value = coerceValue(text, parameter.type);
    if (value === undefined) {
      throw new ParameterError(
        `${notebookName}: parameter "${name}" is a ${parameter.type}, not ${JSON.stringify(text)}. Its parameters:\n${describeParameters(parameters)}`,
      );
    }
    overrides.push({ name, type: parameter.type, from: parameter.value, to: value });
  }
  return overrides.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The source of the cell that redeclares the overridden parameters. */
export function injectedSource(parameters: readonly Parameter[], overrides: readonly Override[]): string {
  const lines = ["// Parameters overridden for this scenario"];
  for (const o of overrides) {
    const p = parameters.find((q) => q.name === o.name);
    const keyword = p?.keyword ?? "const";
    // always annotated: the declaration then reads the same whatever the value ("const deviceId: string"),
    // so the cells after it type-check as they did for any earlier scenario and their checks are reused
    const annotation = `: ${o.type}`;
    lines.push(`${keyword} ${o.name}${annotation} = ${formatLiteral(o.to)};`);
  }
  return lines.join("\n");
}

/**
 * Returns a copy of `nb` with a cell tagged `injected-parameters` after its parameters
 * cell (or `nb` itself when there is nothing to override).
 */
export function injectParameters(nb: Notebook, overrides: readonly Override[]): Notebook {
  if (overrides.length === 0) return nb;
  const at = parametersCellIndex(nb);
  if (at < 0) throw new ParameterError("the notebook has no cell tagged `parameters`");
  const parameters = parseParameters(cellSource(nb.cells[at]));
  const cell: CodeCell = {
    cell_type: "code",
    id: "injected-parameters",
    metadata: { tags: ["injected-parameters"] },
    source: injectedSource(parameters, overrides),
    execution_count: null,
    outputs: [],
  };
  const cells: Cell[] = [...nb.cells.slice(0, at + 1), cell, ...nb.cells.slice(at + 1)];
  return { ...nb, cells };
}
