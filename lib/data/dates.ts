/** Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as used in data/. */

const PARTIAL_DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isPartialDate(s: string): boolean {
  return PARTIAL_DATE_RE.test(s);
}

/**
 * Days since 1970-01-01 (UTC) of the first day of the period a partial date names:
 * "2026" is 2026-01-01, "2026-03" is 2026-03-01. Throws on anything else.
 */
export function dayNumber(s: string): number {
  const m = PARTIAL_DATE_RE.exec(s);
  if (!m) throw new Error(`not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(s)}`);
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) - 1 : 0;
  const d = m[3] ? Number(m[3]) : 1;
  return Math.floor(Date.UTC(y, mo, d) / 86_400_000);
}

/** Whole days from `date` to `asOf` (positive when `date` is earlier). */
export function ageInDays(date: string, asOf: string): number {
  return dayNumber(asOf) - dayNumber(date);
}

/** Compare two partial dates by the first day of the period they name. */
export function compareDates(a: string, b: string): number {
  return dayNumber(a) - dayNumber(b);
}
