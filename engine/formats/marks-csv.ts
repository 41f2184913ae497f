// Marks CSV: one row per pupil per session.
//
//   pupil_id,date,session,code[,name,upn,year_group,class,sen,fsm,pp,date_of_birth]
//
// Columns are found by header name, in any order; the four required columns must be present and
// any other column name is refused (a misspelt `year group` would otherwise be dropped silently).
// `date` is YYYY-MM-DD, `session` is `AM` or `PM`, `code` is the statutory code as recorded
// (multi-character codes such as `C1`, `Y4`; case-sensitive, domain.md §8.11; an empty code is no
// mark). Unknown codes are kept as they are — the engine counts and shows them (domain.md §2).
// Two rows for the same pupil and session: the later row wins (domain.md §8.12), except that an
// empty code never erases an earlier mark. Weekend rows are ignored (domain.md §8.5).
// Ids and dates are checked (validate.ts): no control characters in a pupil id or UPN, mark dates
// within MARK_YEARS, dates of birth (`date_of_birth`, optional; domain.md §9 needs it for compulsory
// school age) within BIRTH_YEARS.
// A cell that csv.ts neutralised against spreadsheet formulas (`'-`, `'=X`) is read back without the
// apostrophe (restoreCell), so exports written with csvCell/writeCsv import losslessly.
//
// The file is read as a stream of bytes (MarksCsvReader): rows are never turned into strings or
// arrays. Dates, sessions and short codes are read from the bytes; a pupil id, name or other
// descriptive cell is decoded only when it differs from the same column in the row before, which in
// an export sorted by pupil (every MIS's) is once per pupil.

import { epochDayOf, toEpochDay } from '../dates.ts';
import { CELL_PLAIN, CsvScanner, cellText, restoreCell, type CsvRow } from '../csv.ts';
import type { PupilAttributes } from '../types.ts';
import { EMPTY_CODE, ErrorList, MAX_CODES, MarkCollector, type CollectedPupil, type ImportResult } from './imported.ts';
import { BIRTH_YEARS, MARK_YEARS, dateProblem, idProblem, quoted } from './validate.ts';

export const REQUIRED_COLUMNS = ['pupil_id', 'date', 'session', 'code'] as const;
export const OPTIONAL_COLUMNS = ['name', 'upn', 'year_group', 'class', 'sen', 'fsm', 'pp', 'date_of_birth'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0']);

/** Descriptive columns in the order their values are applied (the attributes' key order). */
const DESCRIPTIVE = ['name', 'upn', 'year_group', 'class', 'sen', 'fsm', 'pp', 'date_of_birth'] as const;
type Descriptive = (typeof DESCRIPTIVE)[number];
const ATTRIBUTE: Record<Exclude<Descriptive, 'name'>, keyof PupilAttributes> = {
  upn: 'upn',
  year_group: 'yearGroup',
  class: 'className',
  sen: 'sen',
  fsm: 'fsm',
  pp: 'pp',
  date_of_birth: 'dateOfBirth',
};

const ZERO = 48;
const DASH = 45;
const APOSTROPHE = 39;

/** The last value applied for one descriptive column, as bytes, and to which pupil. */
interface Applied {
  column: Descriptive;
  index: number;
  pupil: CollectedPupil | null;
  kind: number;
  length: number;
  bytes: Uint8Array;
  /** This row's new value (decoded), or undefined when the cell is empty or unchanged. */
  pending: string | boolean | undefined;
}

function sameBytes(buf: Uint8Array, s: number, e: number, kept: Uint8Array, keptLength: number): boolean {
  if (e - s !== keptLength) return false;
  for (let i = 0; i < keptLength; i++) if (buf[s + i] !== kept[i]) return false;
  return true;
}

function keep(row: CsvRow, i: number, into: { kind: number; length: number; bytes: Uint8Array }): void {
  const s = row.start[i]!;
  const n = row.end[i]! - s;
  if (into.bytes.length < n) into.bytes = new Uint8Array(Math.max(n, into.bytes.length * 2));
  into.bytes.set(row.buf.subarray(s, s + n));
  into.length = n;
  into.kind = row.kind[i]!;
}

/** A cell's value as the reader sees it: trimmed, formula neutralising undone. */
function cellValue(row: CsvRow, i: number): string {
  return restoreCell(cellText(row, i).trim());
}

/** A short code's bytes can be used as they are: printable ASCII, no surrounding space, not `'…`. */
function plainCodeByte(b: number): boolean {
  return b > 32 && b < 127;
}

export type MarksCsvRead = { ok: true; collector: MarkCollector } | { ok: false; errors: string[] };

/** Reads a marks CSV pushed as chunks of bytes. `fileName` is only used in messages (`file: line N: what`). */
export class MarksCsvReader {
  readonly collector = new MarkCollector();
  private readonly fileName: string;
  private readonly scanner: CsvScanner;
  private readonly errors = new ErrorList();
  private headerErrors: string[] | null = null;
  private tooManyCodes: number | null = null;
  private width = -1;
  private rows = 0;
  private col = { pupil_id: -1, date: -1, session: -1, code: -1 };
  private applied: Applied[] = [];
  // The previous row's pupil id and date, as bytes, with what they were read as.
  private lastId = { kind: -1, length: -1, bytes: new Uint8Array(64) };
  private lastPupil: CollectedPupil | null = null;
  private lastDate = new Uint8Array(10);
  private lastDay = -1;
  private readonly oneByteCodes = new Int32Array(128);
  private readonly twoByteCodes = new Int32Array(128 * 128);

  constructor(fileName: string) {
    this.fileName = fileName;
    this.scanner = new CsvScanner((row) => (this.width < 0 ? this.header(row) : this.record(row)));
  }

  /** True once the file is known to be bad in a way later bytes cannot change: stop reading. */
  get stopped(): boolean {
    return this.scanner.stopped;
  }

  push(chunk: Uint8Array): void {
    this.scanner.push(chunk);
  }

  end(): MarksCsvRead {
    this.scanner.end();
    const problem = this.scanner.problem;
    if (problem) return { ok: false, errors: [`${this.where(problem.line)}: ${problem.message}`] };
    if (this.headerErrors) return { ok: false, errors: this.headerErrors };
    if (this.tooManyCodes !== null) {
      return { ok: false, errors: [`${this.where(this.tooManyCodes)}: more than ${MAX_CODES - 2} different codes (is the code column right?)`] };
    }
    if (this.width < 0) return { ok: false, errors: [`${this.fileName}: the file is empty`] };
    if (this.rows === 0) return { ok: false, errors: [`${this.fileName}: no marks (the file has a header and no rows)`] };
    if (this.errors.count > 0) return { ok: false, errors: this.errors.list() };
    return { ok: true, collector: this.collector };
  }

  private where(line: number): string {
    return `${this.fileName}: line ${line}`;
  }

  /** Header: locate columns by name. */
  private header(row: CsvRow): boolean {
    const errors: string[] = [];
    const at = new Map<Column, number>();
    for (let i = 0; i < row.count; i++) {
      const name = cellText(row, i).trim();
      if (!KNOWN.has(name)) {
        errors.push(
          `${this.where(row.line)}: unknown column ${JSON.stringify(name)} (expected ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')})`,
        );
      } else if (at.has(name as Column)) {
        errors.push(`${this.where(row.line)}: column ${JSON.stringify(name)} appears twice`);
      } else {
        at.set(name as Column, i);
      }
    }
    for (const required of REQUIRED_COLUMNS) {
      if (!at.has(required)) errors.push(`${this.where(row.line)}: required column ${JSON.stringify(required)} is missing`);
    }
    if (errors.length > 0) {
      this.headerErrors = errors;
      return false;
    }
    this.width = row.count;
    this.col = { pupil_id: at.get('pupil_id')!, date: at.get('date')!, session: at.get('session')!, code: at.get('code')! };
    for (const column of DESCRIPTIVE) {
      const index = at.get(column);
      if (index !== undefined) {
        this.applied.push({ column, index, pupil: null, kind: -1, length: 0, bytes: new Uint8Array(32), pending: undefined });
      }
    }
    return true;
  }

  private record(row: CsvRow): boolean {
    const errors = this.errors;
    const where = () => this.where(row.line);
    if (row.count !== this.width) {
      errors.add(`${where()}: ${row.count} fields, expected ${this.width} as in the header`);
      return true;
    }
    this.rows++;
    const pupil = this.pupilOf(row, where);
    const day = this.dayOf(row, where);
    const half = this.halfOf(row, where);
    const code = this.codeOf(row);
    if (code < 0) {
      this.tooManyCodes = row.line;
      return false;
    }
    for (const a of this.applied) this.descriptive(row, a, pupil, where);
    // Once the file is known to be bad, rows are only checked (for the error list), not kept.
    if (errors.count > 0 || pupil === null) return true;

    for (const a of this.applied) {
      const v = a.pending;
      if (v === undefined) continue;
      if (a.column === 'name') pupil.name = v as string;
      else (pupil.attributes as Record<string, unknown>)[ATTRIBUTE[a.column]] = v;
      a.pupil = pupil;
      keep(row, a.index, a);
    }
    this.collector.mark(pupil, day * 2 + half, code);
    return true;
  }

  private pupilOf(row: CsvRow, where: () => string): CollectedPupil | null {
    const i = this.col.pupil_id;
    const last = this.lastId;
    if (this.lastPupil !== null && row.kind[i] === last.kind && sameBytes(row.buf, row.start[i]!, row.end[i]!, last.bytes, last.length)) {
      return this.lastPupil;
    }
    const id = cellValue(row, i);
    const problem = id === '' ? 'is empty' : idProblem(id);
    if (problem !== null) {
      this.errors.add(id === '' ? `${where()}: pupil_id is empty` : `${where()}: pupil_id ${quoted(id)} ${problem}`);
      return null;
    }
    const p = this.collector.pupil(id);
    keep(row, i, last);
    this.lastPupil = p;
    return p;
  }

  /** The epoch day of the row's date, or -1 (with an error). */
  private dayOf(row: CsvRow, where: () => string): number {
    const i = this.col.date;
    const buf = row.buf;
    const s = row.start[i]!;
    if (row.kind[i] === CELL_PLAIN && row.end[i]! - s === 10) {
      if (sameBytes(buf, s, s + 10, this.lastDate, 10) && this.lastDay >= 0) return this.lastDay;
      if (buf[s + 4] === DASH && buf[s + 7] === DASH) {
        const y = digits(buf, s, 4);
        const m = digits(buf, s + 5, 2);
        const d = digits(buf, s + 8, 2);
        if (y >= MARK_YEARS.first && y <= MARK_YEARS.last && m >= 0 && d >= 0) {
          const day = epochDayOf(y, m, d);
          if (day !== null) {
            this.lastDate.set(buf.subarray(s, s + 10));
            this.lastDay = day;
            return day;
          }
        }
      }
    }
    const text = cellValue(row, i);
    const problem = dateProblem(text, MARK_YEARS);
    if (problem !== null) {
      this.errors.add(`${where()}: date ${JSON.stringify(text)} ${problem}`);
      return -1;
    }
    return toEpochDay(text);
  }

  /** 0 for AM, 1 for PM, or -1 (with an error). */
  private halfOf(row: CsvRow, where: () => string): number {
    const i = this.col.session;
    const buf = row.buf;
    const s = row.start[i]!;
    if (row.kind[i] === CELL_PLAIN && row.end[i]! - s === 2 && buf[s + 1] === 77 /* M */) {
      if (buf[s] === 65 /* A */) return 0;
      if (buf[s] === 80 /* P */) return 1;
    }
    const text = cellValue(row, i);
    if (text === 'AM') return 0;
    if (text === 'PM') return 1;
    this.errors.add(`${where()}: session ${JSON.stringify(text)} is not AM or PM`);
    return -1;
  }

  /** The code number of the row's code (codes are kept as they are: never an error). */
  private codeOf(row: CsvRow): number {
    const i = this.col.code;
    const buf = row.buf;
    const s = row.start[i]!;
    const n = row.end[i]! - s;
    if (row.kind[i] === CELL_PLAIN) {
      if (n === 0) return EMPTY_CODE;
      const b0 = buf[s]!;
      if (plainCodeByte(b0) && b0 !== APOSTROPHE) {
        if (n === 1) {
          const known = this.oneByteCodes[b0]!;
          if (known !== 0) return known;
          return (this.oneByteCodes[b0] = Math.max(0, this.collector.codeNumber(String.fromCharCode(b0)))) || -1;
        }
        const b1 = buf[s + 1]!;
        if (n === 2 && plainCodeByte(b1)) {
          const slot = b0 * 128 + b1;
          const known = this.twoByteCodes[slot]!;
          if (known !== 0) return known;
          return (this.twoByteCodes[slot] = Math.max(0, this.collector.codeNumber(String.fromCharCode(b0, b1)))) || -1;
        }
      }
    }
    return this.collector.codeNumber(cellValue(row, i));
  }

  /** Reads one descriptive cell into `a.pending` (undefined when empty or unchanged for this pupil). */
  private descriptive(row: CsvRow, a: Applied, pupil: CollectedPupil | null, where: () => string): void {
    a.pending = undefined;
    const i = a.index;
    const s = row.start[i]!;
    const e = row.end[i]!;
    if (s === e) return;
    if (a.pupil === pupil && pupil !== null && row.kind[i] === a.kind && sameBytes(row.buf, s, e, a.bytes, a.length)) return;
    const v = cellValue(row, i);
    if (v === '') return;
    switch (a.column) {
      case 'fsm':
      case 'pp': {
        const lower = v.toLowerCase();
        if (TRUE_WORDS.has(lower)) a.pending = true;
        else if (FALSE_WORDS.has(lower)) a.pending = false;
        else this.errors.add(`${where()}: ${a.column} ${JSON.stringify(v)} is not Y/N (or yes/no, true/false, 1/0)`);
        return;
      }
      case 'upn': {
        const problem = idProblem(v);
        if (problem !== null) this.errors.add(`${where()}: upn ${quoted(v)} ${problem}`);
        else a.pending = v;
        return;
      }
      case 'date_of_birth': {
        const problem = dateProblem(v, BIRTH_YEARS);
        if (problem !== null) this.errors.add(`${where()}: date_of_birth ${JSON.stringify(v)} ${problem}`);
        else a.pending = v;
        return;
      }
      default:
        a.pending = v;
    }
  }
}

/** The decimal number in buf[s, s + n), or -1 when a byte is not a digit. */
function digits(buf: Uint8Array, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Reads a marks CSV held in a string (the extension's import). */
export function marksCsv(text: string, fileName: string): ImportResult {
  const reader = new MarksCsvReader(fileName);
  reader.push(new TextEncoder().encode(text));
  const read = reader.end();
  return read.ok ? { ok: true, pupils: read.collector.importedPupils() } : read;
}
