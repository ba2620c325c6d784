/**
 * The numbers an article prints, for the registry's completeness check: every number must be
 * registered as a claim or explicitly marked as not a claim.
 */
import { writtenNumbers } from "./stated";

/** A number as it occurs in an article. */
export interface ArticleNumber {
  /** The digits as printed, e.g. "3,500" or "0.74". */
  readonly text: string;
  readonly value: number;
  /** 1-based line number in the article. */
  readonly line: number;
}

/** Every number printed in an article's text, line by line. */
export function numbersInText(text: string): ArticleNumber[] {
  const out: ArticleNumber[] = [];
  text.split("\n").forEach((lineText, i) => {
    const re = /\d[\d,]*(?:\.\d+)?/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lineText)) !== null) {
      const printed = m[0].replace(/,+$/, "");
      for (const w of writtenNumbers(printed)) out.push({ text: printed, value: w.value, line: i + 1 });
    }
  });
  return out;
}

/** The distinct values among a list of printed numbers' texts (e.g. claimed_text fields). */
export function valuesIn(texts: readonly string[]): Set<number> {
  const s = new Set<number>();
  for (const t of texts) for (const w of writtenNumbers(t)) s.add(w.value);
  return s;
}
