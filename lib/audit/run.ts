/**
 * Runs the audit: every claim of the registry checked by its kind, giving one verdict each.
 */
import { BoundUnknown, evaluateFormula, formulaScope, NoBreakEven, type FormulaValue } from "./formula";
import { decodeBoundFromData, servingCeilingFromData, weightsGiBFromData, type PhysicsTrace } from "./physics";
import { articleSourceIds, parseRefs, resolveNames, resolveRef, type AuditTables } from "./refs";
import { convert, dataUnit, unitProblem } from "./units";
import { formulaResultUnit } from "./formula-units";
import { checkBoundAndMeasured, checkName, checkRecomputed, checkSources, toleranceOf, type Claimed, type SourceValue, type Verdict, type VerdictKind } from "./verdict";
import { CHECK_KINDS, type AuditResult, type ClaimRow } from "./types";
import { breakEvenVolume, type BreakEvenVolume, type SelfHostScenario, type SplitMode } from "../models/index";
import type { Data } from "../data/index";

/** A claim entry that cannot be checked as written: names the entry and the problem. */
export class AuditEntryError extends Error {
  readonly claimId: string;
  constructor(claimId: string, problem: string, where?: string) {
    super(`${where ? `${where}, ` : ""}claim ${claimId}: ${problem}`);
    this.name = "AuditEntryError";
    this.claimId = claimId;
  }
}

function claimedOf(row: ClaimRow): Claimed {
  return {
    text: row.claimed_text,
    low: row.claimed_low,
    high: row.claimed_high ?? row.claimed_low,
    hedge: row.hedge ?? undefined,
    hedgeReason: row.hedge_reason,
    // Slip hints look for their terms in the formula (a source check's references) and units.
    terms: [row.formula ?? row.source_refs ?? "", row.unit, row.formula_unit ?? ""].join(" "),
    noHint: row.no_hint,
    unit: row.unit,
  };
}

/**
 * Checks a registry's entries before running: known check kinds, the fields each kind needs,
 * units that parse, formulas that parse, claim ids unique, articles that are article sources.
 * Throws an AuditEntryError for the first problem.
 */
export function validateClaims(claims: readonly ClaimRow[], data: Data, where: ReadonlyMap<string, string> = new Map()): void {
  const articles = articleSourceIds(data as unknown as AuditTables);
  const seen = new Set<string>();
  for (const c of claims) {
    const fail = (problem: string) => {
      throw new AuditEntryError(c.claim_id, problem, where.get(c.claim_id));
    };
    if (seen.has(c.claim_id)) fail("duplicate claim_id");
    seen.add(c.claim_id);
    if (!articles.has(c.article_id)) fail(`unknown article ${JSON.stringify(c.article_id)}; articles are ${[...articles].join(", ")}`);
    if (!CHECK_KINDS.includes(c.check)) fail(`check ${JSON.stringify(c.check)} is not one of ${CHECK_KINDS.join(", ")}`);
    for (const u of [c.unit, c.formula_unit ?? ""]) {
      const p = unitProblem(u);
      if (p) fail(`unit ${JSON.stringify(u)} does not parse: ${p}`);
    }
    if (c.formula_unit != null) {
      try {
        convert(1, c.formula_unit, c.unit);
      } catch (e) {
        fail(`formula_unit ${JSON.stringify(c.formula_unit)} and unit ${JSON.stringify(c.unit)} have different dimensions`);
      }
    }
    if (c.claimed_high !== null && c.claimed_high < c.claimed_low) fail(`claimed_high ${c.claimed_high} is below claimed_low ${c.claimed_low}`);
    if (c.formula && c.check !== "consistency") {
      const given = formulaResultUnit(c.formula);
      const target = c.formula_unit ?? c.unit;
      if (given !== null) {
        try {
          convert(1, given, target);
        } catch {
          fail(`its formula gives ${given}, which cannot be compared with ${JSON.stringify(target)}${c.formula_unit ? " (formula_unit)" : " (the claim's unit)"}`);
        }
      }
    }
    if (c.check === "source" && !c.source_refs) fail("a source check needs source_refs");
    if (c.check === "name" && (!c.source_refs || !c.claimed_name)) fail("a name check needs claimed_name and source_refs");
    if (c.check === "none" && !c.note) fail("a claim that is not checkable needs a note saying why");
    if (c.hedge != null && !c.hedge_reason?.trim()) fail(`hedge ${JSON.stringify(c.hedge)} overrides the wording ${JSON.stringify(c.claimed_text)} without a hedge_reason; the report prints the reason`);
    if ((c.check === "arithmetic" || c.check === "consistency" || c.check === "physics") && !c.formula) fail(`a ${c.check} check needs a formula`);
    if (c.source_refs) {
      try {
        parseRefs(c.source_refs).forEach((r) => resolveRef(data as unknown as AuditTables, r, articles));
      } catch (e) {
        fail((e as Error).message);
      }
    }
  }
}

/** Runs every claim. Throws an AuditEntryError when a check cannot run (the registry is wrong, not the article). */
export function runAudit(claims: readonly ClaimRow[], data: Data, where: ReadonlyMap<string, string> = new Map()): AuditResult[] {
  validateClaims(claims, data, where);
  const byId = new Map(claims.map((c) => [c.claim_id, c]));
  const articles = articleSourceIds(data as unknown as AuditTables);
  const own = new Map(claims.map((c) => [c.claim_id, auditOne(c, data, byId, articles, where.get(c.claim_id))]));
  return propagate(claims, own, (c, corrections) => auditOne(c, data, byId, articles, where.get(c.claim_id), corrections), where);
}

/** Verdicts that say a figure is wrong; a figure computed from one inherits it. */
export const FAILING: readonly VerdictKind[] = ["inconsistent", "contradicts-source", "physically-impossible"];

/** The claims a claim is computed from: its formula's claim()/claimHigh() references and its derived_from list. */
export function dependenciesOf(c: ClaimRow): string[] {
  const ids = new Set<string>();
  for (const m of (c.formula ?? "").matchAll(/claim(?:High)?\(\s*'([^']+)'\s*\)/g)) ids.add(m[1]);
  for (const id of (c.derived_from ?? "").split(";").map((x) => x.trim()).filter((x) => x.length > 0)) ids.add(id);
  return [...ids];
}

/** What a failing claim's value should have been: its recomputation, its bound, the nearest source; null when there is none. */
function correctionOf(r: AuditResult): FormulaValue | null {
  if (!FAILING.includes(r.verdict)) return null;
  if (r.corrected !== null) return r.corrected;
  if (r.check === "name") return null;
  if (r.recomputed === null) return null;
  if (typeof r.recomputed === "number" && r.recomputed <= 0 && r.check === "physics") return null;
  return r.recomputed;
}

type Corrections = ReadonlyMap<string, FormulaValue>;

/**
 * The claim graph: every claim in dependency order; a claim with a failing input inherits its
 * verdict ("follows from …") unless its own check already fails, and is recomputed with the
 * failing inputs at their corrected values where its formula reads them.
 */
function propagate(claims: readonly ClaimRow[], own: ReadonlyMap<string, AuditResult>, rerun: (c: ClaimRow, corrections: Corrections) => AuditResult, where: ReadonlyMap<string, string>): AuditResult[] {
  const byId = new Map(claims.map((c) => [c.claim_id, c]));
  const deps = new Map(claims.map((c) => [c.claim_id, dependenciesOf(c)]));
  for (const c of claims) {
    for (const d of deps.get(c.claim_id)!) {
      if (!byId.has(d)) throw new AuditEntryError(c.claim_id, `depends on unknown claim ${JSON.stringify(d)}`, where.get(c.claim_id));
    }
  }
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new AuditEntryError(id, `claims depend on each other in a cycle: ${[...path, id].join(" → ")}`, where.get(id));
    state.set(id, "visiting");
    for (const d of deps.get(id)!) visit(d, [...path, id]);
    state.set(id, "done");
    order.push(id);
  };
  claims.forEach((c) => visit(c.claim_id, []));
  const final = new Map<string, AuditResult>();
  for (const id of order) {
    const c = byId.get(id)!;
    const mine = own.get(id)!;
    const dependsOn = deps.get(id)!;
    const failing = dependsOn.filter((d) => FAILING.includes(final.get(d)!.verdict));
    if (failing.length === 0) {
      final.set(id, { ...mine, dependsOn, inheritedFrom: [], ownVerdict: mine.verdict, corrected: null });
      continue;
    }
    const corrections = new Map<string, FormulaValue>();
    for (const d of dependsOn) {
      const v = correctionOf(final.get(d)!);
      if (v !== null) corrections.set(d, v);
    }
    let corrected: FormulaValue | null = null;
    if (c.formula && [...corrections.keys()].some((d) => dependenciesOf({ ...c, derived_from: null }).includes(d))) {
      try {
        corrected = rerun(c, corrections).recomputed;
      } catch {
        corrected = null;
      }
    }
    const first = final.get(failing[0])!;
    const inheritedFrom = [first.claimId, ...first.inheritedFrom];
    const root = final.get(inheritedFrom[inheritedFrom.length - 1])!;
    const rootWhy = root.explanation.length > 240 ? `${root.explanation.slice(0, 237)}…` : root.explanation;
    const chain = inheritedFrom.map((x) => `${x} (${final.get(x)!.verdict})`).join(" ← ");
    const correctedNote = corrected === null ? "" : `; with ${failing.join(" and ")} corrected it would be ${fmtValue(corrected)}`;
    const ownFails = FAILING.includes(mine.verdict);
    final.set(id, {
      ...mine,
      verdict: ownFails ? mine.verdict : first.verdict,
      explanation: ownFails
        ? `${mine.explanation}; it also follows from ${chain}${correctedNote}`
        : `follows from ${chain}: ${rootWhy}; its own check: ${mine.verdict}, ${mine.explanation}${correctedNote}`,
      dependsOn,
      inheritedFrom,
      ownVerdict: mine.verdict,
      corrected,
    });
  }
  return claims.map((c) => final.get(c.claim_id)!);
}

function fmtValue(v: FormulaValue): string {
  const one = (x: number) => (Math.abs(x) >= 1e6 ? fmtTokens(x) : +x.toPrecision(4) + "");
  return typeof v === "number" ? one(v) : `${one(v[0])}–${one(v[1])}`;
}

function auditOne(c: ClaimRow, data: Data, byId: Map<string, ClaimRow>, articles: Set<string>, where: string | undefined, corrections: Corrections = new Map()): AuditResult {
  const claimed = claimedOf(c);
  const sources = new Set<string>([c.article_id]);
  const trace: PhysicsTrace = { explanation: "", sources };
  const base = {
    article: c.article_id,
    claimId: c.claim_id,
    claim: c.claim,
    location: c.location,
    claimed: c.claimed_text,
    claimedLow: c.claimed_low,
    claimedHigh: c.claimed_high,
    unit: c.unit,
    check: c.check,
  };
  const finish = (recomputed: FormulaValue | null, v: Verdict): AuditResult => ({
    ...base,
    recomputed,
    verdict: v.verdict,
    ratio: v.ratio,
    explanation: v.explanation,
    sources: [...sources],
    dependsOn: [],
    inheritedFrom: [],
    ownVerdict: v.verdict,
    corrected: null,
    tolerance: c.check === "none" || c.check === "name" ? null : toleranceOf(claimed),
  });

  if (c.check === "none") return finish(null, { verdict: "not-checkable", ratio: null, explanation: c.note! });
  if (c.check === "name") {
    const names = parseRefs(c.source_refs!).flatMap((r) => resolveNames(data as unknown as AuditTables, r, articles));
    names.forEach((n) => sources.add(n.sourceId));
    return finish(null, checkName(c.claimed_name!, names, parseRefs(c.source_refs!).every((r) => r.field === "name")));
  }

  let refValues: SourceValue[] = [];
  if (c.source_refs) {
    refValues = parseRefs(c.source_refs).flatMap((r) => {
      // a source check (and a physics check's measurements) compares every source value in the claim's unit: a different dimension is an error in the registry
      const u = c.check === "source" || c.check === "physics" ? fieldUnit(data, r.table, r.field) : null;
      const values = resolveRef(data as unknown as AuditTables, r, articles);
      if (u === null) return values;
      try {
        return values.map((v) => ({ ...v, value: convert(v.value, u, c.unit) }));
      } catch {
        throw new AuditEntryError(c.claim_id, `unit ${JSON.stringify(c.unit)} cannot be compared with ${r.table}.${r.field} in ${u} (${r.text})`, where);
      }
    });
    refValues.forEach((v) => sources.add(v.sourceId));
  }
  if (c.check === "source") {
    const tiers = sourceTiers(data);
    const v = checkSources(claimed, refValues.map((x) => ({ ...x, tier: tiers.get(x.sourceId) })));
    const nearest = refValues.length === 0 ? null : refValues.reduce((a, b) => (Math.abs(a.value - claimed.low) <= Math.abs(b.value - claimed.low) ? a : b)).value;
    return finish(nearest, v);
  }

  let boundName = "memory-bandwidth bound";
  /** Break-evens the formula computed, to tell whether the stated setup can reach them. */
  const breakEvens: Extract<BreakEvenVolume, { kind: "volume" }>[] = [];
  const scope = formulaScope({
    decodeBound: (deviceId: string, count: number, modelId: string, quant: string, split?: SplitMode) => {
      boundName = "single-stream memory-bandwidth bound";
      return decodeBoundFromData(data, deviceId, count, modelId, quant, split ?? "layer", trace);
    },
    servingCeiling: (deviceId: string, count: number, modelId: string, quant: string, contextTokens?: number) => {
      boundName = "serving ceiling (all streams together)";
      const v = servingCeilingFromData(data, deviceId, count, modelId, quant, contextTokens ?? 0, trace);
      if (v === null) throw new BoundUnknown(trace.explanation);
      return v;
    },
    breakEvenTokens: (scenario: SelfHostScenario, apiUsdPerMTok: number) => {
      const b = breakEvenVolume(scenario, apiUsdPerMTok);
      if (b.kind === "never") throw new NoBreakEven(b);
      breakEvens.push(b);
      return b.tokensPerMonth;
    },
    weightsGiB: (modelId: string, bits: number) => weightsGiBFromData(data, modelId, bits, trace),
    /** A value from the data: `dataValue('electricity[region=us]:usd_per_kwh', 'max')` ('only', 'min' or 'max'). */
    dataValue: (ref: string, pick?: "only" | "min" | "max") => {
      const values = parseRefs(ref).flatMap((r) => resolveRef(data as unknown as AuditTables, r, articles));
      if (values.length === 0) throw new RangeError(`dataValue(${ref}): no cited row gives a value`);
      const how = pick ?? "only";
      if (how === "only" && new Set(values.map((v) => v.value)).size > 1) throw new RangeError(`dataValue(${ref}): rows disagree (${values.map((v) => v.value).join(", ")}); pass 'min' or 'max'`);
      const chosen = how === "max" ? values.reduce((a, b) => (b.value > a.value ? b : a)) : how === "min" ? values.reduce((a, b) => (b.value < a.value ? b : a)) : values[0];
      sources.add(chosen.sourceId);
      return chosen.value;
    },
    claim: (id: string) => {
      const o = otherClaim(c, byId, id, sources, where);
      const v = corrections.get(id);
      return v === undefined ? o.claimed_low : typeof v === "number" ? v : v[0];
    },
    claimHigh: (id: string) => {
      const o = otherClaim(c, byId, id, sources, where);
      const v = corrections.get(id);
      return v === undefined ? (o.claimed_high ?? o.claimed_low) : typeof v === "number" ? v : v[1];
    },
  });
  let value: FormulaValue;
  try {
    value = evaluateFormula(c.formula!, scope);
  } catch (e) {
    const cause = rootCause(e);
    if (cause instanceof NoBreakEven) {
      return finish(null, { verdict: "physically-impossible", ratio: null, explanation: `no setup can reach it: ${cause.result.explanation}` });
    }
    if (cause instanceof BoundUnknown) {
      return finish(null, { verdict: "not-checkable", ratio: null, explanation: `no bound can be computed from the data: ${cause.message}` });
    }
    throw new AuditEntryError(c.claim_id, `formula cannot run: ${(e as Error).message}`, where);
  }
  const converted: FormulaValue = c.formula_unit != null
    ? typeof value === "number"
      ? convert(value, c.formula_unit, c.unit)
      : [convert(value[0], c.formula_unit, c.unit), convert(value[1], c.formula_unit, c.unit)]
    : value;
  if (c.check === "physics") {
    const bound = typeof converted === "number" ? converted : converted[1];
    // source_refs of a physics claim are measurements of the same or a comparable setup: one that matches reproduces it
    const tiers = sourceTiers(data);
    return finish(bound, checkBoundAndMeasured(claimed, bound, trace.explanation || c.formula!, boundName, refValues.map((x) => ({ ...x, tier: tiers.get(x.sourceId) })), c.source_refs ?? undefined));
  }
  let verdict = checkRecomputed(claimed, converted);
  const unreachable = breakEvens.find((b) => b.setups > 1);
  if (unreachable && c.formula_unit == null && /^tok\//.test(c.unit) && verdict.verdict !== "physically-impossible") {
    // The stated setup cannot produce its own break-even: the figure needs more setups than the article prices.
    const cap = convert(unreachable.capacityTokensPerMonth, "tok/mo720", c.unit);
    if (claimed.low > cap) {
      verdict = {
        verdict: "physically-impossible",
        ratio: verdict.ratio,
        explanation: `the claimed break-even is ${(claimed.low / cap).toFixed(2)}× what the stated setup can make in a month (at most ${fmtTokens(cap)} tokens); with as many setups as the volume needs (per-setup costs multiplied, engineering and infrastructure shared) the break-even is ${fmtTokens(unreachable.tokensPerMonth)} on ${unreachable.setups} setups (${verdict.explanation})`,
      };
    }
  }
  if (c.check === "consistency") verdict = { ...verdict, explanation: `against the article's own figures: ${verdict.explanation}` };
  return finish(converted, verdict);
}

/** source_id → tier (primary, secondary, article). */
function sourceTiers(data: Data): Map<string, string> {
  return new Map(((data as unknown as AuditTables).sources?.rows ?? []).map((r) => [String((r as { source_id: unknown }).source_id), String((r as { tier: unknown }).tier)]));
}

/** The unit data/datapackage.json gives a table's field, in the audit's units; null when it states none. */
function fieldUnit(data: Data, table: string, field: string): string | null {
  const f = data.package.resources.find((r) => r.name === table)?.schema.fields.find((x) => x.name === field);
  return dataUnit(f?.unit);
}

/** mathjs wraps errors thrown inside a formula's functions; the original is kept as `cause` or is the error itself. */
function rootCause(e: unknown): unknown {
  let x = e;
  for (let i = 0; i < 5 && x instanceof Error && !(x instanceof NoBreakEven) && !(x instanceof BoundUnknown) && x.cause !== undefined; i++) x = x.cause;
  return x;
}

function fmtTokens(t: number): string {
  return t >= 1e9 ? `${(t / 1e9).toPrecision(3)}B` : t >= 1e6 ? `${(t / 1e6).toPrecision(3)}M` : `${Math.round(t)}`;
}

function otherClaim(c: ClaimRow, byId: Map<string, ClaimRow>, id: string, sources: Set<string>, where: string | undefined): ClaimRow {
  const o = byId.get(id);
  if (!o) throw new AuditEntryError(c.claim_id, `formula refers to unknown claim ${JSON.stringify(id)}`, where);
  sources.add(o.article_id);
  return o;
}

/** Verdict counts per article, and overall. */
export function verdictCounts(results: readonly AuditResult[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of results) {
    for (const key of [r.article, "all"]) {
      out[key] ??= {};
      out[key][r.verdict] = (out[key][r.verdict] ?? 0) + 1;
    }
  }
  return out;
}
