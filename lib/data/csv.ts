/**
 * A small RFC 4180 CSV parser that keeps line numbers.
 *
 * - Fields are separated by commas; records by CRLF, LF or CR.
 * - A field may be wrapped in double quotes; inside quotes commas and line
 *   breaks are literal and a doubled quote ("") stands for one quote.
 * - Each record carries the 1-based line on which it starts (the header is
 *   line 1), so validation errors can point at the file line.
 * - Completely empty lines are skipped.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvSyntaxError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  errors: CsvSyntaxError[];
}

export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldWasQuoted = false;
  let afterClosingQuote = false;
  let recordHasContent = false;

  const endField = (): void => {
    fields.push(field);
    field = "";
    fieldWasQuoted = false;
    afterClosingQuote = false;
  };
  const endRecord = (): void => {
    endField();
    const empty = fields.length === 1 && fields[0] === "" && !recordHasContent;
    if (!empty) records.push({ line: recordLine, fields });
    fields = [];
    recordHasContent = false;
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      // copy the run up to the next quote in one slice, counting the line breaks inside it
      const q = src.indexOf('"', i);
      const end = q === -1 ? src.length : q;
      for (let k = i; k < end; k++) {
        const c = src.charCodeAt(k);
        if (c === 10 || (c === 13 && src.charCodeAt(k + 1) !== 10)) line++;
      }
      if (end > i) field += src.slice(i, end);
      if (q === -1) {
        i = src.length;
        continue;
      }
      i = q;
      if (src[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        inQuotes = false;
        afterClosingQuote = true;
      }
      continue;
    }
    if (ch === ",") {
      recordHasContent = true;
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (ch === '"' && field === "" && !fieldWasQuoted) {
      inQuotes = true;
      fieldWasQuoted = true;
      recordHasContent = true;
    } else {
      if (afterClosingQuote) {
        errors.push({ line, message: `unexpected character ${JSON.stringify(ch)} after a closing quote` });
        afterClosingQuote = false;
      }
      // the rest of an unquoted run (a quote inside it is literal) in one slice
      let j = i + 1;
      while (j < src.length) {
        const c = src.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field += src.slice(i, j);
      i = j - 1;
      recordHasContent = true;
    }
  }
  if (inQuotes) {
    errors.push({ line: recordLine, message: "unterminated quoted field (missing closing double quote)" });
  }
  if (field !== "" || fields.length > 0 || recordHasContent) endRecord();
  return { records, errors };
}
