/** Validation issues and the error that carries them. */

export type ValidationRule =
  | "missing-file"
  | "datapackage"
  | "empty-file"
  | "csv-syntax"
  | "header"
  | "field-count"
  | "type"
  | "required"
  | "finite"
  | "minimum"
  | "maximum"
  | "enum"
  | "pattern"
  | "unique"
  | "primary-key"
  | "foreign-key"
  | "as-of";

export interface ValidationIssue {
  /** File name relative to the data directory, e.g. "hardware.csv". */
  file: string;
  /** 1-based line in the file (the header is line 1); 0 when not tied to a line. */
  line: number;
  /** Column (field) name, or "" when the issue concerns a whole line or file. */
  column: string;
  rule: ValidationRule;
  /** The offending raw value ("" when absent). */
  value: string;
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const col = issue.column ? ` column "${issue.column}"` : "";
  return `${where}${col} [${issue.rule}] ${issue.message} (value: ${JSON.stringify(issue.value)})`;
}

export class DataValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    const shown = issues.slice(0, 50).map((i) => "  - " + formatIssue(i));
    const more = issues.length > 50 ? [`  ... and ${issues.length - 50} more`] : [];
    super(`Data validation failed with ${issues.length} issue(s):\n` + shown.concat(more).join("\n"));
    this.name = "DataValidationError";
    this.issues = issues;
  }
}
