/**
 * What an explorer computes, shared by the server (initial state) and the browser bundle
 * (every change): only glue around lib/models and scenarioFromValues, never a copy of the model.
 * Pure: no DOM, no Node built-ins (it is bundled for the browser).
 */
import { scenarioFromValues } from "../articles/cases";
import {
  blendedUsdPerMTok,
  breakEvenVolume,
  costLine,
  selfHostCost,
  type BreakEvenVolume,
  type CostLine,
  type SelfHostCost,
  type SelfHostScenario,
} from "../models/index";
import type { ExplorerConfig } from "./types";

/** Which option the scenario favours at its own utilization. */
export type Verdict = "api" | "self-host";

/** Everything an explorer shows for one set of values. */
export interface ExplorerOutcome {
  /** The values used, derived ones included (apiUsdPerMTok from the input and output prices). */
  readonly values: Readonly<Record<string, number>>;
  readonly scenario: SelfHostScenario;
  readonly utilization: number;
  readonly apiUsdPerMTok: number;
  /** The month at the scenario's utilization. */
  readonly month: SelfHostCost;
  readonly line: CostLine;
  readonly breakEven: BreakEvenVolume;
  /** "self-host" when self-hosting costs less per token than the API at this utilization. */
  readonly verdict: Verdict;
}

/** The published values: fixed ones, then each input's value, then `state` (changed inputs). */
export function explorerValues(config: ExplorerConfig, state: Readonly<Record<string, number>> = {}): Record<string, number> {
  const values: Record<string, number> = { ...(config.fixed ?? {}) };
  for (const input of config.inputs) values[input.name] = input.value;
  for (const [name, value] of Object.entries(state)) values[name] = value;
  return values;
}

/**
 * Computes a scenario from named values, as lib/articles does for an article's case:
 * apiUsdPerMTok = blendedUsdPerMTok(input, output, ratio) when those three are given,
 * utilization defaults to 1. Throws the model's errors (ModelInputError, RangeError).
 */
export function computeExplorer(values: Readonly<Record<string, number>>): ExplorerOutcome {
  const v: Record<string, number> = { ...values };
  if (v.apiInputUsdPerMTok !== undefined && v.apiOutputUsdPerMTok !== undefined && v.inputPerOutput !== undefined) {
    v.apiUsdPerMTok = blendedUsdPerMTok({ inputUsdPerMTok: v.apiInputUsdPerMTok, outputUsdPerMTok: v.apiOutputUsdPerMTok }, { inputPerOutput: v.inputPerOutput });
  }
  const scenario = scenarioFromValues(v);
  const utilization = v.utilization ?? 1;
  const month = selfHostCost(scenario, utilization);
  const breakEven = breakEvenVolume(scenario, v.apiUsdPerMTok);
  const line = costLine(scenario);
  const verdict: Verdict = month.usdPerMTok !== null && month.usdPerMTok < v.apiUsdPerMTok ? "self-host" : "api";
  return { values: v, scenario, utilization, apiUsdPerMTok: v.apiUsdPerMTok, month, line, breakEven, verdict };
}

/** Parameter names the models use that differ from the input names. */
const PARAMETER_ALIASES: Readonly<Record<string, string>> = {
  inputUsdPerMTok: "apiInputUsdPerMTok",
  outputUsdPerMTok: "apiOutputUsdPerMTok",
};

/** The input an error of the models is about, and its message. */
export interface InputProblem {
  /** The input name (aliases resolved), or null when the error names none. */
  readonly parameter: string | null;
  readonly message: string;
}

/**
 * Reads an error of the models: ModelInputError names its parameter; the few RangeErrors the
 * models throw begin with "name = value:".
 */
export function inputProblem(error: unknown): InputProblem {
  const message = error instanceof Error ? error.message : String(error);
  let parameter: string | null = null;
  const named = (error as { parameter?: unknown } | null)?.parameter;
  if (typeof named === "string") parameter = named;
  else {
    const m = /^(\w+) = /.exec(message) ?? /^input (\w+) is missing/.exec(message);
    if (m) parameter = m[1];
  }
  if (parameter !== null && PARAMETER_ALIASES[parameter] !== undefined) parameter = PARAMETER_ALIASES[parameter];
  return { parameter, message };
}
