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
//
// One RFC 4180 reader for every CSV the product reads: CsvScanner works on bytes pushed in chunks
// of any size (a file read piece by piece, so a 1 GB export never becomes one string), and reports
// each record as byte ranges into its buffer, so a caller can look at a cell without making a string
// of it. readCsv below is the same scanner over a string, for small files and tests.
//
// Accepts CRLF, LF or a lone CR as the end of a record, and a leading UTF-8 BOM; skips blank lines.
// Strict about quotes, so a damaged file is reported rather than read into shifted columns: an
// unterminated quoted field, a quote inside an unquoted field, or text after a closing quote is an
// error naming the line.

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** A record longer than this is refused (bounded memory: no real export row comes near it). */
export const MAX_RECORD_BYTES = 1 << 20;

/** Cell kinds in CsvRow.kind. */
export const CELL_PLAIN = 0;
/** Quoted, no doubled quotes inside: the bytes between the quotes are the value. */
export const CELL_QUOTED = 1;
/** Quoted with doubled quotes inside (`""` stands for `"`). */
export const CELL_ESCAPED = 2;

/**
 * One record as the scanner sees it: cell `i` is `buf[start[i], end[i])`, of kind `kind[i]`. Valid only
 * during the onRecord call (the buffer and arrays are reused).
 */
export interface CsvRow {
  buf: Uint8Array;
  count: number;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  /** 1-based line number where the record starts (a quoted field may span several lines). */
  line: number;
}

export interface CsvProblem {
  line: number;
  message: string;
}

const utf8 = new TextDecoder();

/** The text of cell `i` (quotes undone), decoded as UTF-8. */
export function cellText(row: CsvRow, i: number): string {
  const s = row.start[i]!;
  const e = row.end[i]!;
  if (s === e) return '';
  const text = utf8.decode(row.buf.subarray(s, e));
  return row.kind[i] === CELL_ESCAPED ? text.replaceAll('""', '"') : text;
}

/**
 * Streaming RFC 4180 scanner. `push` chunks of bytes, then `end()`. `onRecord` is called for each
 * non-blank record, in order; it returns false to stop reading. The first structural problem (a bad
 * quote, an over-long record) stops the scan and is kept in `problem`.
 */
export class CsvScanner {
  problem: CsvProblem | null = null;
  stopped = false;
  private readonly row: CsvRow;
  private readonly onRecord: (row: CsvRow) => boolean;
  private carry = new Uint8Array(0);
  private carryLen = 0;
  private line = 1;
  private atStart = true;

  constructor(onRecord: (row: CsvRow) => boolean) {
    this.onRecord = onRecord;
    this.row = { buf: this.carry, count: 0, start: new Int32Array(16), end: new Int32Array(16), kind: new Uint8Array(16), line: 1 };
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    let buf: Uint8Array;
    let len: number;
    if (this.carryLen === 0) {
      buf = chunk;
      len = chunk.length;
    } else {
      len = this.carryLen + chunk.length;
      if (this.carry.length < len) {
        const bigger = new Uint8Array(Math.max(len, this.carry.length * 2));
        bigger.set(this.carry.subarray(0, this.carryLen));
        this.carry = bigger;
      }
      this.carry.set(chunk, this.carryLen);
      buf = this.carry;
    }
    const used = this.scan(buf, len, false);
    const rest = len - used;
    if (this.stopped) {
      this.carryLen = 0;
      return;
    }
    if (buf === this.carry) this.carry.copyWithin(0, used, len);
    else {
      if (this.carry.length < rest) this.carry = new Uint8Array(Math.max(rest, 4096));
      this.carry.set(buf.subarray(used, len));
    }
    this.carryLen = rest;
  }

  end(): void {
    if (this.stopped) return;
    if (this.carryLen > 0) this.scan(this.carry, this.carryLen, true);
    this.carryLen = 0;
    this.stopped = true;
  }

  private fail(line: number, message: string): void {
    this.problem = { line, message };
    this.stopped = true;
  }

  /** Scans whole records from buf[0, len); returns where the first incomplete one starts. */
  private scan(buf: Uint8Array, len: number, final: boolean): number {
    const row = this.row;
    row.buf = buf;
    let p = 0;
    if (this.atStart) {
      if (len < 3 && !final) return 0;
      if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
      this.atStart = false;
    }
    while (p < len) {
      const recStart = p;
      const recLine = this.line;
      let line = recLine;
      let count = 0;
      for (;;) {
        let s: number;
        let e: number;
        let kind = CELL_PLAIN;
        if (buf[p] === QUOTE) {
          const quoteLine = line;
          kind = CELL_QUOTED;
          let q = p + 1;
          for (;;) {
            while (q < len) {
              const c = buf[q]!;
              if (c === QUOTE) break;
              if (c === LF) line++;
              q++;
            }
            if (q >= len) {
              if (!final) return this.more(recStart, recLine, len);
              this.fail(quoteLine, 'a quoted field is not closed (missing ")');
              return len;
            }
            // buf[q] is a quote: doubled, or the closing one.
            if (q + 1 >= len && !final) return this.more(recStart, recLine, len);
            if (q + 1 < len && buf[q + 1] === QUOTE) {
              kind = CELL_ESCAPED;
              q += 2;
              continue;
            }
            break;
          }
          s = p + 1;
          e = q;
          p = q + 1;
          if (p < len) {
            const after = buf[p];
            if (after !== COMMA && after !== LF && after !== CR) {
              this.fail(line, 'unexpected text after a closing quote (a quote inside a field must be doubled)');
              return len;
            }
          }
        } else {
          s = p;
          while (p < len) {
            const c = buf[p]!;
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) {
              this.fail(line, 'a double quote inside an unquoted field (quote the field and double the quote)');
              return len;
            }
            p++;
          }
          e = p;
        }
        if (p >= len && !final) return this.more(recStart, recLine, len);
        if (count === row.start.length) this.grow();
        row.start[count] = s;
        row.end[count] = e;
        row.kind[count] = kind;
        count++;
        if (p >= len) break;
        const sep = buf[p];
        if (sep === COMMA) {
          p++;
          if (p >= len && !final) return this.more(recStart, recLine, len);
          continue;
        }
        // End of record: CRLF, LF or a lone CR (a CR at the end of a chunk may be half of a CRLF).
        if (sep === CR) {
          p++;
          if (p >= len && !final) return this.more(recStart, recLine, len);
        }
        if (p < len && buf[p] === LF) p++;
        line++;
        break;
      }
      this.line = line;
      const blank = count === 1 && row.start[0] === row.end[0];
      if (!blank) {
        row.count = count;
        row.line = recLine;
        if (!this.onRecord(row)) {
          this.stopped = true;
          return len;
        }
      }
    }
    return p;
  }

  private grow(): void {
    const row = this.row;
    const n = row.start.length * 2;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const kind = new Uint8Array(n);
    start.set(row.start);
    end.set(row.end);
    kind.set(row.kind);
    row.start = start;
    row.end = end;
    row.kind = kind;
  }

  private more(recStart: number, recLine: number, len: number): number {
    this.line = recLine;
    return len - recStart > MAX_RECORD_BYTES ? this.tooLong(recLine, len) : recStart;
  }

  private tooLong(line: number, len: number): number {
    this.fail(line, `a row longer than ${MAX_RECORD_BYTES / (1 << 20)} MiB (is a quote not closed?)`);
    return len;
  }
}

export interface CsvRecord {
  /** 1-based line number where the record starts (a quoted field may span several lines). */
  line: number;
  cells: string[];
}

export type ReadCsvResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; line: number; message: string };

/** Parses RFC 4180 text held in a string (small files; see CsvScanner for the rules). */
export function readCsv(input: string): ReadCsvResult {
  const records: CsvRecord[] = [];
  const scanner = new CsvScanner((row) => {
    const cells: string[] = [];
    for (let i = 0; i < row.count; i++) cells.push(cellText(row, i));
    records.push({ line: row.line, cells });
    return true;
  });
  scanner.push(new TextEncoder().encode(input));
  scanner.end();
  if (scanner.problem) return { ok: false, ...scanner.problem };
  return { ok: true, records };
}
