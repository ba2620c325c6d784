/**
 * The unit a formula's result is in, where the formula says it: a formula that is one call of a
 * lib function (or a property of its result, or a [low, high] pair of those) has the unit that
 * function or property names. A claim compared with a result of another dimension is an error in
 * the registry (a GiB claim checked against a USD/Mtok formula), not a verdict. Formulas that do
 * arithmetic on results are not inferred.
 */
import { auditMath } from "./units";

/** Units of the functions a formula may call, by name. */
export const FUNCTION_UNITS: Readonly<Record<string, string>> = {
  amortizationUsdPerMonth: "USD/month",
  apiUsdPerMonth: "USD/month",
  rentalUsdPerMonth: "USD/month",
  engineeringUsdPerMonth: "USD/month",
  electricityUsdPerHour: "USD/hour",
  blendedUsdPerMTok: "USD/Mtok",
  toUsdPerMTok: "USD/Mtok",
  breakEvenApiUsdPerMTok: "USD/Mtok",
  breakEvenTokens: "tok/month",
  tokensPerMonth: "tok/month",
  decodeBound: "tok/s",
  servingCeiling: "tok/s",
  prefillTokensPerSecond: "tok/s",
  weightsGiB: "GiB",
  paybackMonthsOf: "month",
};

/** Units of the properties of lib results a formula may read. */
export const PROPERTY_UNITS: Readonly<Record<string, string>> = {
  usdPerMTok: "USD/Mtok",
  marginalUsdPerMTok: "USD/Mtok",
  totalUsd: "USD/month",
  fixedUsd: "USD/month",
  variableUsd: "USD/month",
  usdPerMonth: "USD/month",
  amortizationUsd: "USD/month",
  electricityUsd: "USD/month",
  tokensPerMonth: "tok/month",
  capacityTokensPerMonth: "tok/month",
};

interface Node {
  readonly type: string;
  readonly fn?: Node | { name?: string };
  readonly name?: string;
  readonly object?: Node;
  readonly index?: { dimensions?: readonly { value?: unknown }[] };
  readonly items?: readonly Node[];
  readonly content?: Node;
}

function unitOf(node: Node): string | null {
  if (node.type === "ParenthesisNode" && node.content) return unitOf(node.content);
  if (node.type === "FunctionNode") {
    const name = (node.fn as { name?: string } | undefined)?.name;
    return name !== undefined ? (FUNCTION_UNITS[name] ?? null) : null;
  }
  if (node.type === "AccessorNode" && node.object?.type === "FunctionNode") {
    const prop = node.index?.dimensions?.[0]?.value;
    return typeof prop === "string" ? (PROPERTY_UNITS[prop] ?? null) : null;
  }
  return null;
}

/** The unit of a formula's result when the formula names it (see the module comment); null when it does not. */
export function formulaResultUnit(formula: string): string | null {
  let root: Node;
  try {
    root = auditMath().parse(formula) as unknown as Node;
  } catch {
    return null;
  }
  if (root.type === "ArrayNode" && root.items && root.items.length === 2) {
    const [a, b] = root.items.map(unitOf);
    return a !== null && a === b ? a : null;
  }
  return unitOf(root);
}
