/**
 * The decode efficiencies a bandwidth survey can cite: measured ÷ bound of every benchmark from a
 * source that is not an article and whose model fits, with the figures notebook 11 prints (how
 * many, the range, the median) and the rows to group by runtime or device.
 */
import type { SurveyRow } from "./bandwidth-survey";

/** One cited measurement's efficiency, with what it can be grouped by. */
export interface CitedEfficiencyRow {
  readonly runtime: string;
  readonly device: string;
  readonly model: string;
  /** measured ÷ bound */
  readonly efficiency: number;
}

export interface CitedEfficiency {
  /** The efficiencies, ascending. */
  readonly values: readonly number[];
  readonly count: number;
  readonly min: number;
  /** The middle value (the mean of the two middle ones for an even count). */
  readonly median: number;
  readonly max: number;
  /** The cited measurements in the survey's order. */
  readonly rows: readonly CitedEfficiencyRow[];
}

/**
 * The survey rows that are measurements (not an article's figure) with a bound, summarized.
 * Throws when there is none.
 *
 * @example citedEfficiency(bandwidthSurvey(data).rows).median // the median share of the bound runtimes reach
 */
export function citedEfficiency(rows: readonly SurveyRow[]): CitedEfficiency {
  const cited = rows
    .filter((r) => !r.fromArticle && r.efficiency !== null)
    .map((r) => ({ runtime: r.runtime, device: r.device, model: r.model, efficiency: r.efficiency as number }));
  if (cited.length === 0) throw new RangeError("citedEfficiency: no cited measurement with a bound");
  const values = cited.map((r) => r.efficiency).sort((a, b) => a - b);
  const n = values.length;
  const median = n % 2 === 1 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return { values, count: n, min: values[0], median, max: values[n - 1], rows: cited };
}
