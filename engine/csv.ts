// CSV reading and writing (RFC 4180), shared by the report command and the extension's exports.
//
// Writing: fields are separated by commas, records end with CRLF; a field containing a comma, a
// double quote, CR or LF is wrapped in double quotes with inner quotes doubled (RFC 4180 §2.6–2.7).
//
// Excel formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell that starts with
// `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a pupil named
// `=HYPERLINK("http://x","y")` would become a live link (or worse) when an attendance lead opens the
// export. Every TEXT cell that starts with one of those characters (or their full-width forms
// `＝＋－＠`, which some spreadsheet locales also accept) is written with a leading apostrophe `'`:
// Excel and LibreOffice show the text as typed and do not evaluate it; other readers see the
// apostrophe, which makes the change visible rather than silent. Numbers are written as numbers and
// never prefixed (a negative number is data, not a formula), so only string cells are neutralised.

export type CsvValue = string | number | boolean | null | undefined;

export interface WriteCsvOptions {
  /** Prefix the output with a UTF-8 byte order mark so Excel reads accented names correctly. */
  bom?: boolean;
  /**
   * Neutralise formula-like text cells (default true). Only turn it off for files that a program,
   * not a spreadsheet, reads back — such as an import file whose codes include `-` (no mark).
   */
  neutraliseFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised against formula injection and quoted when RFC 4180 requires it. */
export function csvCell(value: CsvValue, neutraliseFormulas = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (neutraliseFormulas && FORMULA_START.test(text)) text = `'${text}`;
  if (NEEDS_QUOTES.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

const NEUTRALISED = /^'[=+\-@\t\r＝＋－＠]/;

/**
 * Undoes csvCell's neutralising on a cell read back by a program (the marks CSV importer): a cell
 * that is an apostrophe followed by a formula character loses the apostrophe, so a file this module
 * wrote (codes such as `-`, names such as `=X`) reads back exactly. Any other apostrophe is kept.
 */
export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Records to CSV text: CRLF after every record (including the last), optional UTF-8 BOM. */
export function writeCsv(records: readonly (readonly CsvValue[])[], options: WriteCsvOptions = {}): string {
  let out = options.bom ? '\uFEFF' : '';
  const neutralise = options.neutraliseFormulas !== false;
  for (const record of records) out += record.map((v) => csvCell(v, neutralise)).join(',') + '\r\n';
  return out;
}

// ---- Reading -----------------------------------------------------------------------------------

export interface CsvRecord {
  /** 1-based line number where the record starts (a quoted field may span several lines). */
  line: number;
  cells: string[];
}

export type ReadCsvResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; line: number; message: string };

/**
 * Parses RFC 4180 text. Accepts CRLF or LF line ends and a leading UTF-8 BOM; skips blank lines.
 * Strict about quotes, so a damaged file is reported rather than read into shifted columns:
 * an unterminated quoted field, a quote inside an unquoted field, or text after a closing quote
 * is an error naming the line.
 */
export function readCsv(input: string): ReadCsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    // Parse one record.
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) return { ok: false, line: quoteLine, message: 'a quoted field is not closed (missing ")' };
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          cell += ch;
          i++;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          return { ok: false, line, message: 'unexpected text after a closing quote (a quote inside a field must be doubled)' };
        }
      } else {
        const start = i;
        while (i < n) {
          const ch = text[i]!;
          if (ch === ',' || ch === '\n' || ch === '\r') break;
          if (ch === '"') {
            return { ok: false, line, message: 'a double quote inside an unquoted field (quote the field and double the quote)' };
          }
          i++;
        }
        cell = text.slice(start, i);
      }
      cells.push(cell);
      if (i >= n) break;
      const sep = text[i];
      if (sep === ',') {
        i++;
        continue;
      }
      // End of record: CRLF, LF or a lone CR.
      if (sep === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank) records.push({ line: recordLine, cells });
  }
  return { ok: true, records };
}
