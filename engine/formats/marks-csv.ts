// Marks CSV: one row per pupil per session (issue 2 §5).
//
//   pupil_id,date,session,code[,name,upn,year_group,class,sen,fsm,pp]
//
// Columns are found by header name, in any order; the four required columns must be present and
// any other column name is refused (a misspelt `year group` would otherwise be dropped silently).
// `date` is YYYY-MM-DD, `session` is `AM` or `PM`, `code` is the statutory code as recorded
// (multi-character codes such as `C1`, `Y4`; case-sensitive, domain.md §8.11; an empty code is no
// mark). Unknown codes are kept as they are — the engine counts and shows them (domain.md §2).
// Two rows for the same pupil and session: the later row wins (domain.md §8.12).
// Weekend rows are ignored (domain.md §8.5).
// A cell that csv.ts neutralised against spreadsheet formulas (`'-`, `'=X`) is read back without the
// apostrophe (restoreCell), so exports written with csvCell/writeCsv import losslessly.

import { isValidIsoDate } from '../dates.ts';
import { readCsv, restoreCell } from '../csv.ts';
import type { PupilAttributes } from '../types.ts';
import { capErrors, PupilCollector, type ImportResult } from './imported.ts';

export const REQUIRED_COLUMNS = ['pupil_id', 'date', 'session', 'code'] as const;
export const OPTIONAL_COLUMNS = ['name', 'upn', 'year_group', 'class', 'sen', 'fsm', 'pp'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['n', 'no', 'false', '0']);

/** Reads a marks CSV. `fileName` is only used in error messages (`file: line N: what`). */
export function marksCsv(text: string, fileName: string): ImportResult {
  const where = (line: number) => `${fileName}: line ${line}`;
  const read = readCsv(text);
  if (!read.ok) return { ok: false, errors: [`${where(read.line)}: ${read.message}`] };
  const [header, ...rows] = read.records;
  if (header === undefined) return { ok: false, errors: [`${fileName}: the file is empty`] };

  // Header: locate columns by name.
  const col = new Map<Column, number>();
  const errors: string[] = [];
  header.cells.forEach((raw, i) => {
    const name = raw.trim();
    if (!KNOWN.has(name)) {
      errors.push(
        `${where(header.line)}: unknown column ${JSON.stringify(name)} (expected ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')})`,
      );
    } else if (col.has(name as Column)) {
      errors.push(`${where(header.line)}: column ${JSON.stringify(name)} appears twice`);
    } else {
      col.set(name as Column, i);
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!col.has(required)) errors.push(`${where(header.line)}: required column ${JSON.stringify(required)} is missing`);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [`${fileName}: no marks (the file has a header and no rows)`] };

  const width = header.cells.length;
  const collector = new PupilCollector();
  for (const { line, cells } of rows) {
    if (cells.length !== width) {
      errors.push(`${where(line)}: ${cells.length} fields, expected ${width} as in the header`);
      continue;
    }
    const get = (c: Column): string | undefined => {
      const i = col.get(c);
      // restoreCell: a file written with formula neutralising (csv.ts) reads back exactly (`'-` → `-`).
      return i === undefined ? undefined : restoreCell(cells[i]!.trim());
    };
    const pupilId = get('pupil_id')!;
    const date = get('date')!;
    const session = get('session')!;
    const code = get('code')!;
    const before = errors.length;
    if (pupilId === '') errors.push(`${where(line)}: pupil_id is empty`);
    if (!isValidIsoDate(date)) errors.push(`${where(line)}: date ${JSON.stringify(date)} is not a real date as YYYY-MM-DD`);
    if (session !== 'AM' && session !== 'PM') errors.push(`${where(line)}: session ${JSON.stringify(session)} is not AM or PM`);
    const attributes: PupilAttributes = {};
    const flag = (c: 'fsm' | 'pp'): boolean | undefined => {
      const v = get(c);
      if (v === undefined || v === '') return undefined;
      const lower = v.toLowerCase();
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      errors.push(`${where(line)}: ${c} ${JSON.stringify(v)} is not Y/N (or yes/no, true/false, 1/0)`);
      return undefined;
    };
    const fsm = flag('fsm');
    const pp = flag('pp');
    if (errors.length > before) continue;

    const p = collector.pupil(pupilId);
    // Descriptive columns: a later non-empty value wins, like the marks themselves.
    const name = get('name');
    if (name) p.name = name;
    const upn = get('upn');
    if (upn) attributes.upn = upn;
    const yearGroup = get('year_group');
    if (yearGroup) attributes.yearGroup = yearGroup;
    const className = get('class');
    if (className) attributes.className = className;
    const sen = get('sen');
    if (sen) attributes.sen = sen;
    if (fsm !== undefined) attributes.fsm = fsm;
    if (pp !== undefined) attributes.pp = pp;
    Object.assign(p.attributes, attributes);
    collector.mark(p, date, session as 'AM' | 'PM', code);
  }
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  return { ok: true, pupils: collector.pupils() };
}
