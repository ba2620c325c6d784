/**
 * Each article's headline scenario, assembled from data rows: the inputs the article states
 * (data/article_inputs.csv), plus, where the article leaves a gap, a value from a cited dataset
 * row, named as such. The break-even is then computed by lib, never typed in.
 */
import type { Data } from "../data/index";
import { parseRefs, resolveRef, type AuditTables } from "../audit/refs";
import {
  blendedUsdPerMTok,
  breakEvenVolume,
  selfHostCost,
  type BreakEvenVolume,
  type SelfHostCost,
  type SelfHostScenario,
} from "../models/index";

/** One input of a case, with where it comes from. */
export interface CaseInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The row's source: the article itself, or the dataset row that fills a gap. */
  readonly sourceId: string;
  /** "stated" by the article; "reconstructed" to reproduce its figure; "from data" to fill a gap; "derived" from other inputs. */
  readonly origin: "stated" | "reconstructed" | "from data" | "derived";
  readonly note: string;
}

/** An article's headline break-even scenario. */
export interface ArticleCase {
  readonly article: string;
  readonly caseId: string;
  readonly inputs: readonly CaseInput[];
  readonly scenario: SelfHostScenario;
  /** Utilization the article's cost figure assumes (1 when it says "flat out"). */
  readonly utilization: number;
  readonly apiUsdPerMTok: number;
  /** The article's own break-even, tokens per month; null when it states none. */
  readonly claimedBreakEvenTokens: number | null;
  /** The break-even lib computes from these inputs. */
  readonly breakEven: BreakEvenVolume;
  /** The month at the article's utilization. */
  readonly month: SelfHostCost;
}

/** An article's source id (a source of tier "article" in data/sources.csv). */
export type ArticleId = string;

/**
 * The articles with a case: every source of tier "article" that has rows in
 * data/article_inputs.csv, in the order of those rows. Nothing keeps this list by hand: a new
 * article's inputs make it one.
 */
export function articleIds(data: Data): ArticleId[] {
  const articles = new Set(data.sources.rows.filter((r) => r.tier === "article").map((r) => r.source_id));
  return [...new Set(data.article_inputs.rows.map((r) => r.source_id))].filter((id) => articles.has(id));
}

/** The unit each case input must be written in (data/article_inputs.csv's unit column). */
export const CASE_INPUT_UNITS: Readonly<Record<string, readonly string[]>> = {
  hardwareUsd: ["USD"],
  lifeMonths: ["month"],
  loadWatts: ["W"],
  idleWatts: ["W"],
  usdPerKWh: ["USD/kWh"],
  electricityUsdPerMonth: ["USD/month"],
  usdPerHourAtLoad: ["USD/hour"],
  usdPerGpuHour: ["USD/hour"],
  gpus: ["", "unit"],
  tokensPerSecond: ["tok/s"],
  hoursPerMonth: ["hour"],
  utilization: [""],
  engineeringFte: ["FTE"],
  loadedUsdPerYear: ["USD/year"],
  infraUsdPerMonth: ["USD/month"],
  overheadMultiplier: ["x"],
  apiUsdPerMTok: ["USD/Mtok"],
  apiInputUsdPerMTok: ["USD/Mtok"],
  apiOutputUsdPerMTok: ["USD/Mtok"],
  inputPerOutput: [""],
  claimedBreakEvenTokens: ["tok/month"],
  claimedBreakEvenUsdPerMonth: ["USD/month"],
};

/**
 * The inputs of a case as they are gathered. Overrides replace a value where it enters, so that
 * every input derived from it (a price per kWh from a monthly bill, a blended API price from its
 * parts) is derived from the override; an override of a derived input itself wins over the derivation.
 */
class Inputs {
  readonly list: CaseInput[] = [];
  /** Each input's value before any override: what the article's own figures imply. */
  private readonly original = new Map<string, number>();
  constructor(private readonly data: Data, private readonly article: string, private readonly overrides: Readonly<Record<string, number>> = {}) {}

  private overridden(input: CaseInput): CaseInput {
    this.original.set(input.name, input.value);
    const v = this.overrides[input.name];
    if (v === undefined || v === input.value) return input;
    return { ...input, value: v, note: `${input.note} (overridden: the case's value is ${input.value})`.trim() };
  }
  /** Every stated (or reconstructed) input row of the article; an unknown input or a unit of the wrong kind is an error naming the row. */
  load(): this {
    this.data.article_inputs.rows.forEach((r, index) => {
      if (r.source_id !== this.article) return;
      const where = `data/article_inputs.csv line ${index + 2}, input ${r.input}`;
      const units = CASE_INPUT_UNITS[r.input];
      if (units === undefined) throw new RangeError(`${where}: not an input the cost model reads; inputs are ${Object.keys(CASE_INPUT_UNITS).join(", ")}`);
      if (!units.includes(r.unit ?? "")) throw new RangeError(`${where}: unit ${JSON.stringify(r.unit ?? "")} is not ${units.map((u) => JSON.stringify(u)).join(" or ")}`);
      if (r.value !== null && !Number.isFinite(r.value)) throw new RangeError(`${where}: value must be a finite number`);
      if (r.value === null) {
        // a gap the article leaves, filled by a cited data row
        if (r.data_ref === null) throw new RangeError(`${where}: no value and no data_ref`);
        const refs = parseRefs(r.data_ref);
        const values = refs.flatMap((ref) => resolveRef(this.data as unknown as AuditTables, ref));
        const distinct = [...new Set(values.map((v) => v.value))];
        if (distinct.length !== 1) throw new RangeError(`${where}: data_ref ${r.data_ref} gives ${distinct.length === 0 ? "no cited value" : `${distinct.length} different values (${distinct.join(", ")})`}; it must give one`);
        this.list.push(this.overridden({ name: r.input, value: distinct[0], unit: r.unit ?? "", sourceId: values[0].sourceId, origin: "from data", note: r.note ?? "" }));
        return;
      }
      this.list.push(
        this.overridden({
          name: r.input,
          value: r.value,
          unit: r.unit ?? "",
          sourceId: r.source_id,
          origin: r.stated ? "stated" : "reconstructed",
          note: `${r.location}: ${r.note ?? ""}`.trim(),
        }),
      );
    });
    return this;
  }
  has(name: string): boolean {
    return this.list.some((i) => i.name === name);
  }
  get(name: string): number {
    const i = this.list.find((x) => x.name === name);
    if (!i) throw new RangeError(`${this.article}: input ${name} is neither in data/article_inputs.csv nor filled from data`);
    return i.value;
  }
  opt(name: string): number | undefined {
    return this.list.find((x) => x.name === name)?.value;
  }
  /** The article's own value of an input, before overrides. */
  base(name: string): number {
    const v = this.original.get(name);
    if (v === undefined) throw new RangeError(`${this.article}: input ${name} is neither in data/article_inputs.csv nor filled from data`);
    return v;
  }
  add(input: CaseInput): number {
    const i = this.overridden(input);
    this.list.push(i);
    return i.value;
  }
}


/**
 * The price per kWh a case uses. An article that states a monthly bill or an hourly cost implies a
 * price at its own power and hours: the bill (or hourly cost) may be overridden and the price
 * follows it, while overriding the power or the hours keeps the price and changes the bill, as a
 * meter would.
 */
function energyPrice(i: Inputs): number {
  if (i.has("usdPerKWh")) return i.get("usdPerKWh");
  const kW = i.base("loadWatts") / 1000;
  if (i.has("electricityUsdPerMonth")) {
    return i.add({ name: "usdPerKWh", value: i.get("electricityUsdPerMonth") / (kW * i.base("hoursPerMonth")), unit: "USD/kWh", sourceId: i.list[0].sourceId, origin: "derived", note: "monthly electricity / (kW × hours), at the article's power and hours: the price per kWh its figure implies" });
  }
  if (i.has("usdPerHourAtLoad")) {
    return i.add({ name: "usdPerKWh", value: i.get("usdPerHourAtLoad") / kW, unit: "USD/kWh", sourceId: i.list[0].sourceId, origin: "derived", note: "cost per hour at load / kW, at the article's power: the price per kWh its figure implies" });
  }
  throw new RangeError("no electricity price");
}

function apiPriceOf(i: Inputs, article: string): number {
  if (i.has("apiUsdPerMTok")) return i.get("apiUsdPerMTok");
  return i.add({
    name: "apiUsdPerMTok",
    value: blendedUsdPerMTok({ inputUsdPerMTok: i.get("apiInputUsdPerMTok"), outputUsdPerMTok: i.get("apiOutputUsdPerMTok") }, { inputPerOutput: i.get("inputPerOutput") }),
    unit: "USD/Mtok",
    sourceId: article,
    origin: "derived",
    note: "blendedUsdPerMTok(input, output, ratio)",
  });
}

/**
 * The inputs of an article's case: stated, reconstructed, derived and filled from data. With
 * `overrides`, each named input takes the given value and everything derived from it is derived again.
 */
export function caseInputs(data: Data, article: ArticleId, overrides: Readonly<Record<string, number>> = {}): CaseInput[] {
  const i = new Inputs(data, article, overrides).load();
  if (i.list.length === 0) throw new RangeError(`${article}: no rows in data/article_inputs.csv; articles with a case are ${articleIds(data).join(", ")}`);
  if (!i.has("usdPerGpuHour")) {
    energyPrice(i);
    if (i.has("electricityUsdPerMonth") && !i.has("idleWatts")) {
      i.add({ name: "idleShareOfLoad", value: 1, unit: "", sourceId: article, origin: "derived", note: "the monthly electricity is paid every hour: the draw when idle is the draw at load" });
    }
  }
  apiPriceOf(i, article);
  return i.list;
}

/** The numeric inputs of a case by name (the last value of each name). */
export function inputValues(inputs: readonly CaseInput[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of inputs) out[i.name] = i.value;
  return out;
}

/**
 * A self-hosting scenario from named input values: rented when usdPerGpuHour is given (always-on),
 * owned otherwise.
 */
export function scenarioFromValues(v: Readonly<Record<string, number>>): SelfHostScenario {
  const need = (name: string): number => {
    const x = v[name];
    if (x === undefined) throw new RangeError(`input ${name} is missing`);
    return x;
  };
  if (v.usdPerGpuHour !== undefined) {
    return {
      compute: { kind: "rented", usdPerGpuHour: v.usdPerGpuHour, gpus: need("gpus"), billing: "always-on" },
      tokensPerSecond: need("tokensPerSecond"),
      hoursPerMonth: need("hoursPerMonth"),
      operations: { engineeringFte: v.engineeringFte, loadedUsdPerYear: v.loadedUsdPerYear, infraUsdPerMonth: v.infraUsdPerMonth },
      overheadMultiplier: v.overheadMultiplier,
    };
  }
  return {
    compute: {
      kind: "owned",
      hardwareUsd: need("hardwareUsd"),
      lifeMonths: need("lifeMonths"),
      loadWatts: need("loadWatts"),
      // idleShareOfLoad (0–1): the idle draw as a share of the load draw, which it then follows
      idleWatts: v.idleWatts !== undefined ? Math.min(v.idleWatts, need("loadWatts")) : v.idleShareOfLoad !== undefined ? Math.min(1, Math.max(0, v.idleShareOfLoad)) * need("loadWatts") : undefined,
      usdPerKWh: need("usdPerKWh"),
    },
    tokensPerSecond: need("tokensPerSecond"),
    hoursPerMonth: need("hoursPerMonth"),
    operations: { engineeringFte: v.engineeringFte, loadedUsdPerYear: v.loadedUsdPerYear, infraUsdPerMonth: v.infraUsdPerMonth },
  };
}

/**
 * Builds an article's case from the data; `overrides` replaces input values by name (for
 * sensitivity analyses), e.g. { usdPerKWh: 0.30 }, and re-derives what depends on them
 * (e.g. { electricityUsdPerMonth: 40 } changes the price per kWh the case uses).
 */
export function articleCase(data: Data, article: ArticleId, overrides: Readonly<Record<string, number>> = {}): ArticleCase {
  const known = caseInputs(data, article);
  for (const name of Object.keys(overrides)) {
    if (!known.some((i) => i.name === name)) throw new RangeError(`${article}: no input named ${name}; inputs are ${[...new Set(known.map((i) => i.name))].join(", ")}`);
  }
  const inputs = Object.keys(overrides).length === 0 ? known : caseInputs(data, article, overrides);
  const values = inputValues(inputs);
  const scenario = scenarioFromValues(values);
  const utilization = values.utilization ?? 1;
  return {
    article,
    caseId: data.article_inputs.rows.find((r) => r.source_id === article)!.case_id,
    inputs,
    scenario,
    utilization,
    apiUsdPerMTok: values.apiUsdPerMTok,
    claimedBreakEvenTokens: values.claimedBreakEvenTokens ?? null,
    breakEven: breakEvenVolume(scenario, values.apiUsdPerMTok),
    month: selfHostCost(scenario, utilization),
  };
}

/** Every article's case, in the order of data/article_inputs.csv. */
export function allArticleCases(data: Data): ArticleCase[] {
  return articleIds(data).map((a) => articleCase(data, a));
}

/**
 * Parses a notebook's `overrides` parameter: "usdPerKWh=0.30, utilization=0.5" → { usdPerKWh: 0.3,
 * utilization: 0.5 }. Throws naming the piece that is not `name=number`.
 */
export function parseOverrides(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const piece of text.split(",").map((s) => s.trim()).filter((s) => s.length > 0)) {
    const m = /^([A-Za-z]\w*)\s*=\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.exec(piece);
    if (!m) throw new RangeError(`overrides: ${JSON.stringify(piece)} is not name=number`);
    if (!Number.isFinite(Number(m[2]))) throw new RangeError(`overrides: ${JSON.stringify(piece)}: the number overflows; give a finite number`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}
