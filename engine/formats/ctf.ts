// DfE Common Transfer File (CTF XML) attendance (domain.md §8.13).
//
//   CTfile/CTFpupilData/Pupil
//     UPN, Forename, Surname, DOB (YYYY-MM-DD, optional)
//     Attendance/YearData/AttendSessions
//       AttendanceStartDate  YYYY-MM-DD
//       AttendanceMarks      one character per session, AM then PM, for each calendar date
//                            from the start date (so 14 characters per week, weekends included)
//
// Pupil id = UPN; name = "Forename Surname". Non-school days carry `#` (domain.md §8.13) and are
// kept as `#`, which the engine treats as a planned closure. Saturday and Sunday characters are
// ignored (domain.md §8.5). Several YearData (and AttendSessions) blocks are merged in document
// order, the later winning where they overlap (§8.13). A space is no mark; the marks string may be
// surrounded by line breaks or tabs, but a line break inside it would shift every later session,
// so it is refused. Elements the reader does not use are skipped; the elements above must be in no
// namespace (a CTF's are not), so a file from another vocabulary is refused rather than half read.
//
// The file is read as a stream (CtfReader) through a strict XML reader (xml-scanner.ts: no DOCTYPE,
// so no entity expansion; bounded nesting), one pupil at a time: memory holds the pupils' compact
// marks (imported.ts), never the document. UPNs and dates are checked as in validate.ts.

import { toEpochDay } from '../dates.ts';
import { EMPTY_CODE, ErrorList, MAX_CODES, MarkCollector, type ImportResult } from './imported.ts';
import { BIRTH_YEARS, MARK_YEARS, dateProblem, idProblem, quoted } from './validate.ts';
import { XmlError, XmlScanner } from './xml-scanner.ts';

/** Longest text kept for one element (a year of marks is under 800 characters). */
const MAX_TEXT = 100_000;
/** Most AttendSessions blocks for one pupil (one a year is usual). */
const MAX_BLOCKS = 1000;
/** The last day a mark may fall on (MARK_YEARS). */
const LAST_MARK_DAY = toEpochDay(`${MARK_YEARS.last}-12-31`);

// What an open element is, for the reader.
const SKIP = 0;
const ROOT = 1;
const DATA = 2;
const PUPIL = 3;
const FIELD = 4;
const ATTENDANCE = 5;
const YEAR = 6;
const BLOCK = 7;

/** A text element: UPN, Forename, Surname, DOB, AttendanceStartDate, AttendanceMarks. */
interface Field {
  name: string;
  line: number;
  /** How many times the element appeared (more than once is an error). */
  count: number;
  /** It had child elements (an error: text expected). */
  nested: boolean;
  text: string;
  tooLong: boolean;
}

interface Block {
  line: number;
  fields: Map<string, Field>;
}

interface PupilState {
  number: number;
  line: number;
  empty: boolean;
  fields: Map<string, Field>;
  attendanceLine: number | null;
  /** Line of an <Attendance> holding text instead of <YearData> elements, if any. */
  attendanceText: number | null;
  blocks: Block[];
  tooManyBlocks: boolean;
}

const PUPIL_FIELDS = new Set(['UPN', 'Forename', 'Surname', 'DOB']);
const BLOCK_FIELDS = new Set(['AttendanceStartDate', 'AttendanceMarks']);

export type CtfRead = { ok: true; collector: MarkCollector } | { ok: false; errors: string[] };

/** Reads a CTF pushed as chunks of bytes. `fileName` is only used in messages (`file: line N: <Element>: what`). */
/** Thrown inside the XML callbacks to stop reading; the message is already kept. */
class Stop extends Error {}

export class CtfReader {
  readonly collector = new MarkCollector();
  private readonly fileName: string;
  private readonly decoder = new TextDecoder();
  private readonly scanner = new XmlScanner({
    start: (local, namespace, name, line) => this.onStart(local, namespace, name, line),
    end: () => this.onEnd(),
    text: (text, line) => this.onText(text, line),
  });
  private readonly errors = new ErrorList();
  private fatal: string | null = null;
  private readonly kinds: number[] = [];
  private rootLine = 0;
  private pupilCount = 0;
  private pupil: PupilState | null = null;
  private block: Block | null = null;
  private field: Field | null = null;
  private readonly charCodes = new Int32Array(65536);

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  /** True once the file is known to be bad in a way later bytes cannot change: stop reading. */
  get stopped(): boolean {
    return this.fatal !== null;
  }

  push(chunk: Uint8Array): void {
    if (this.fatal !== null) return;
    this.guard(() => this.scanner.push(this.decoder.decode(chunk, { stream: true })));
  }

  end(): CtfRead {
    if (this.fatal === null) {
      this.guard(() => {
        this.scanner.push(this.decoder.decode());
        this.scanner.end();
      });
    }
    if (this.fatal !== null) return { ok: false, errors: [this.fatal] };
    if (this.pupilCount === 0) {
      return { ok: false, errors: [`${this.at(this.rootLine, 'CTfile')}: no <CTFpupilData>/<Pupil> elements`] };
    }
    if (this.errors.count > 0) return { ok: false, errors: this.errors.list() };
    return { ok: true, collector: this.collector };
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (e instanceof Stop) return;
      if (!(e instanceof XmlError)) throw e;
      if (e.message === 'the file is empty') this.fatal = `${this.fileName}: the file is empty`;
      else this.fatal = `${this.fileName}: line ${e.line}: ${e.malformed ? 'malformed XML: ' : ''}${e.message}`;
    }
  }

  private at(line: number, element: string): string {
    return `${this.fileName}: line ${line}: <${element}>`;
  }

  // ---- The XML, element by element ------------------------------------------------------------

  private onStart(local: string, namespace: string, name: string, line: number): void {
    const depth = this.kinds.length;
    const parent = depth === 0 ? -1 : this.kinds[depth - 1]!;
    let kind = SKIP;
    const expect = (wanted: string): boolean => {
      if (local !== wanted) return false;
      if (namespace !== '') {
        this.fail(`${this.fileName}: line ${line}: <${name}> is in the namespace ${JSON.stringify(namespace)}; a Common Transfer File's elements have no namespace`);
      }
      return true;
    };
    if (parent === -1) {
      if (!expect('CTfile') || name !== local) {
        this.fail(`${this.fileName}: the root element is <${name}>, expected <CTfile> (a DfE Common Transfer File)`);
      }
      this.rootLine = line;
      kind = ROOT;
    } else if (parent === ROOT) {
      if (expect('CTFpupilData')) kind = DATA;
    } else if (parent === DATA) {
      if (expect('Pupil')) {
        kind = PUPIL;
        this.pupilCount++;
        this.pupil = {
          number: this.pupilCount,
          line,
          empty: true,
          fields: new Map(),
          attendanceLine: null,
          attendanceText: null,
          blocks: [],
          tooManyBlocks: false,
        };
      }
    } else if (parent === PUPIL) {
      const p = this.pupil!;
      p.empty = false;
      if (PUPIL_FIELDS.has(local) && expect(local)) {
        kind = FIELD;
        this.field = openField(p.fields, local, line);
      } else if (expect('Attendance')) {
        kind = ATTENDANCE;
        p.attendanceLine ??= line;
      }
    } else if (parent === ATTENDANCE) {
      if (expect('YearData')) kind = YEAR;
    } else if (parent === YEAR) {
      if (expect('AttendSessions')) {
        kind = BLOCK;
        this.block = { line, fields: new Map() };
      }
    } else if (parent === BLOCK) {
      if (BLOCK_FIELDS.has(local) && expect(local)) {
        kind = FIELD;
        this.field = openField(this.block!.fields, local, line);
      }
    } else if (parent === FIELD) {
      this.field!.nested = true;
    }
    this.kinds.push(kind);
  }

  private onEnd(): void {
    const kind = this.kinds.pop()!;
    if (kind === FIELD) this.field = null;
    else if (kind === BLOCK) {
      const p = this.pupil!;
      if (p.blocks.length < MAX_BLOCKS) p.blocks.push(this.block!);
      else p.tooManyBlocks = true;
      this.block = null;
    } else if (kind === PUPIL) {
      this.finishPupil(this.pupil!);
      this.pupil = null;
    }
  }

  private onText(text: string, line: number): void {
    const kind = this.kinds[this.kinds.length - 1];
    if (kind === FIELD) {
      const f = this.field!;
      if (f.tooLong) return;
      if (f.text.length + text.length > MAX_TEXT) f.tooLong = true;
      else f.text += text;
    } else if (kind === ATTENDANCE) {
      if (text.trim() !== '') this.pupil!.attendanceText ??= line;
    }
  }

  /** Stops reading with one message (the file is not a CTF, or not one this reader can trust). */
  private fail(message: string): never {
    this.fatal = message;
    throw new Stop(message);
  }

  // ---- One pupil, when its element closes -----------------------------------------------------

  private finishPupil(p: PupilState): void {
    const errors = this.errors;
    const label = `<Pupil> number ${p.number}`;
    if (p.empty) {
      errors.add(`${this.at(p.line, 'Pupil')}: ${label} is empty`);
      return;
    }
    /** The text of a single child element; null (with an error) when repeated, nested or too long. */
    const textOf = (fields: Map<string, Field>, child: string, path: string): string | null | undefined => {
      const f = fields.get(child);
      if (f === undefined) return undefined;
      if (f.count > 1 || f.nested) {
        errors.add(`${this.at(f.line, child)}: in ${path}, expected one <${child}> holding text`);
        return null;
      }
      if (f.tooLong) {
        errors.add(`${this.at(f.line, child)}: in ${path}, longer than ${MAX_TEXT.toLocaleString('en-GB')} characters`);
        return null;
      }
      return f.text;
    };
    const upn = textOf(p.fields, 'UPN', label);
    if (upn === null) return;
    if (upn === undefined || upn.trim() === '') {
      errors.add(`${this.at(p.line, 'Pupil')}: ${label} has no <UPN> (the pupil id)`);
      return;
    }
    const pupilId = upn.trim();
    const idWrong = idProblem(pupilId);
    if (idWrong !== null) {
      errors.add(`${this.at(p.fields.get('UPN')!.line, 'UPN')}: in ${label}, the UPN ${quoted(pupilId)} ${idWrong}`);
      return;
    }
    const who = `<Pupil> ${pupilId}`;
    const forename = textOf(p.fields, 'Forename', who);
    const surname = textOf(p.fields, 'Surname', who);
    const dob = textOf(p.fields, 'DOB', who);
    if (forename === null || surname === null || dob === null) return;
    let dateOfBirth: string | undefined;
    if (dob !== undefined && dob.trim() !== '') {
      dateOfBirth = dob.trim();
      const wrong = dateProblem(dateOfBirth, BIRTH_YEARS);
      if (wrong !== null) {
        errors.add(`${this.at(p.fields.get('DOB')!.line, 'DOB')}: in ${who}, ${JSON.stringify(dateOfBirth)} ${wrong}`);
        return;
      }
    }
    if (p.attendanceText !== null) {
      errors.add(`${this.at(p.attendanceText, 'Attendance')}: in ${who}, expected <YearData> elements`);
      return;
    }
    if (p.tooManyBlocks) {
      errors.add(`${this.at(p.attendanceLine ?? p.line, 'Attendance')}: in ${who}, more than ${MAX_BLOCKS} <AttendSessions> blocks`);
      return;
    }

    // Check every block before keeping any marks, so a pupil is read whole or not at all.
    const keep: { day0: number; sessions: string }[] = [];
    for (const block of p.blocks) {
      const path = `${who} <YearData>/<AttendSessions>`;
      const start = textOf(block.fields, 'AttendanceStartDate', path);
      const marks = textOf(block.fields, 'AttendanceMarks', path);
      if (start === null || marks === null) continue;
      if (start === undefined) {
        errors.add(`${this.at(block.line, 'AttendSessions')}: in ${who}, <AttendanceStartDate> is missing`);
        continue;
      }
      const startDate = start.trim();
      const startLine = block.fields.get('AttendanceStartDate')!.line;
      const wrong = dateProblem(startDate, MARK_YEARS);
      if (wrong !== null) {
        errors.add(`${this.at(startLine, 'AttendanceStartDate')}: in ${who}, ${JSON.stringify(startDate)} ${wrong}`);
        continue;
      }
      const sessions = trimBreaks(marks ?? '');
      const marksLine = block.fields.get('AttendanceMarks')?.line ?? block.line;
      const breakAt = firstBreak(sessions);
      if (breakAt !== -1) {
        errors.add(
          `${this.at(marksLine, 'AttendanceMarks')}: in ${who}, a line break or tab at character ${breakAt + 1} (one character per session expected)`,
        );
        continue;
      }
      const day0 = toEpochDay(startDate);
      if (sessions.length > 0 && day0 + ((sessions.length - 1) >> 1) > LAST_MARK_DAY) {
        errors.add(`${this.at(marksLine, 'AttendanceMarks')}: in ${who}, the marks run past ${MARK_YEARS.last}-12-31`);
        continue;
      }
      keep.push({ day0, sessions });
    }

    const c = this.collector;
    const pupil = c.pupil(pupilId);
    const name = [forename?.trim() ?? '', surname?.trim() ?? ''].filter((s) => s !== '').join(' ');
    if (name !== '') pupil.name = name;
    pupil.attributes.upn = pupilId;
    if (dateOfBirth !== undefined) pupil.attributes.dateOfBirth = dateOfBirth;
    // Once the file is known to be bad, pupils are only checked (for the error list), not kept.
    if (errors.count > 0) return;
    const codes = this.charCodes;
    for (const { day0, sessions } of keep) {
      const key0 = day0 * 2;
      for (let i = 0; i < sessions.length; i++) {
        const ch = sessions.charCodeAt(i);
        let code = codes[ch]!;
        if (code === 0) {
          code = ch === 32 ? EMPTY_CODE : c.codeNumber(String.fromCharCode(ch));
          if (code < 0) {
            this.fail(`${this.at(p.line, 'Pupil')}: in ${who}, more than ${MAX_CODES - 2} different codes`);
          }
          codes[ch] = code;
        }
        c.mark(pupil, key0 + i, code);
      }
    }
  }
}

function openField(fields: Map<string, Field>, name: string, line: number): Field {
  const seen = fields.get(name);
  if (seen !== undefined) {
    seen.count++;
    return seen;
  }
  const f: Field = { name, line, count: 1, nested: false, text: '', tooLong: false };
  fields.set(name, f);
  return f;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 9;
}

/** The marks without the line breaks and tabs that lay out the XML around them. */
function trimBreaks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBreak(s.charCodeAt(a))) a++;
  while (b > a && isBreak(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

function firstBreak(s: string): number {
  for (let i = 0; i < s.length; i++) if (isBreak(s.charCodeAt(i))) return i;
  return -1;
}

/** Reads a CTF held in a string (the extension's import). */
export function ctf(text: string, fileName: string): ImportResult {
  const reader = new CtfReader(fileName);
  reader.push(new TextEncoder().encode(text));
  const read = reader.end();
  return read.ok ? { ok: true, pupils: read.collector.importedPupils() } : read;
}
