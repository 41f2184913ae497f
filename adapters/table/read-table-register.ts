// Reads a register page through a mapping: the same payload as the demo adapter
// (messages/messages.ts registerPageSchema). All or nothing: a header, line or cell that does
// not fit the mapping makes the whole read fail with a reason naming the place and the mapping field,
// so a changed MIS (or a wrong mapping) never leaves a half-read week in the history.
import { mondayOf, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { Half, IsoDate } from '../../engine/types.ts';
import type { MarkRead, RegisterPageRead, SessionRef } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { extractValue, MappingSelectorError, queryAll, queryOne, textOf, turnName } from './extract-value.ts';
import { mapCode } from './map-code.ts';
import { DEFAULT_HALVES } from './mapping-constants.ts';
import type { Halves, RegisterMapping, TableMapping, ValueSource } from './mapping-schema.ts';
import { parseDate } from './parse-date.ts';
import { readMark } from './read-mark.ts';
import { tableGrid } from './table-grid.ts';

/** AM or PM from header text: a whole-word match of one of the mapping's spellings. */
export function halfOf(text: string, halves: Halves = { AM: [...DEFAULT_HALVES.AM], PM: [...DEFAULT_HALVES.PM] }): Half | null {
  const has = (words: string[]) =>
    words.some((w) => new RegExp(`(^|[^A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(text));
  const am = has(halves.AM);
  const pm = has(halves.PM);
  return am === pm ? null : am ? 'AM' : 'PM';
}

function weekOf(doc: Document, url: URL, r: RegisterMapping): IsoDate | null | undefined {
  if (!r.week) return undefined;
  const text = r.week.from === 'url' ? (url.searchParams.get(r.week.param) ?? '') : extractValue(doc, r.week.value as ValueSource);
  const d = parseDate(text, r.week.format);
  return d === null ? null : mondayOf(d);
}

export function readTableRegister(doc: Document, url: URL, mapping: TableMapping): ReadResult<RegisterPageRead> {
  const fail = (reason: string): ReadResult<RegisterPageRead> => ({ ok: false, reason: `${mapping.name} register: ${reason}` });
  const r = mapping.register;
  if (!r) return fail('the mapping does not describe a register page');
  try {
    const week = weekOf(doc, url, r);
    if (week === null) return fail('the week shown could not be read (mapping field register.week)');

    const table = queryOne(doc, r.table);
    if (!table) return fail(`no register table (${r.table}, mapping field register.table)`);
    const rows = queryAll(table, r.rows ?? 'tr');
    const grid = tableGrid(rows, r.orientation === 'pupils-as-columns');
    const footer = r.footerLines ?? 0;
    if (grid.length < r.headerLines + footer) return fail(`the table has ${grid.length} lines, fewer than register.headerLines ${r.headerLines}`);
    const lineWord = r.orientation === 'pupils-as-rows' ? 'row' : 'column';

    // Session headers: for each mark position, the texts of the header lines, joined.
    const width = grid[0]!.length;
    const sessions: SessionRef[] = [];
    const seen = new Set<string>();
    for (let c = r.labelCells; c < width; c++) {
      const parts: string[] = [];
      let prev: Element | null = null;
      for (let l = 0; l < r.headerLines; l++) {
        const cell = grid[l]![c] ?? null;
        if (cell && cell !== prev) parts.push(textOf(cell));
        prev = cell;
      }
      const text = parts.join(' ');
      const where = `session header ${c - r.labelCells + 1} (${JSON.stringify(text)})`;
      const date = parseDate(text, r.sessions.date, week);
      if (date === null) return fail(`${where} has no date of the form "${r.sessions.date}" (mapping field register.sessions.date)`);
      const half = halfOf(text, r.sessions.halves);
      if (half === null) return fail(`${where} does not say AM or PM (mapping field register.sessions.halves)`);
      const key = `${date} ${half}`;
      if (seen.has(key)) return fail(`session ${key} appears twice in the header`);
      seen.add(key);
      sessions.push({ date, session: half });
    }
    if (sessions.length === 0) return fail('the header shows no sessions');
    const weekStart = mondayOf(sessions[0]!.date);
    if (week !== undefined && week !== weekStart) return fail(`the page names the week beginning ${week} but the header starts in the week beginning ${weekStart}`);
    for (const s of sessions) {
      if (mondayOf(s.date) !== weekStart || weekdayOfDay(toEpochDay(s.date)) > 4) {
        return fail(`session ${s.date} ${s.session} is not a weekday of the week beginning ${weekStart}`);
      }
    }

    const pupils: RegisterPageRead['pupils'] = [];
    const ids = new Set<string>();
    for (let l = r.headerLines; l < grid.length - footer; l++) {
      const line = grid[l]!;
      const where = `${lineWord} ${l + 1}`;
      const idCell = line[r.pupilId.cell];
      const nameCell = line[r.name.cell];
      if (!idCell || !nameCell) return fail(`${where} has no label cells`);
      const pupilId = extractValue(idCell, r.pupilId);
      if (pupilId === '') return fail(`${where} has no pupil id (mapping field register.pupilId)`);
      if (ids.has(pupilId)) return fail(`${where}: pupil ${pupilId} appears twice`);
      ids.add(pupilId);
      const shown = extractValue(nameCell, r.name);
      const name = r.nameOrder === 'surname-first' ? turnName(shown) : shown;
      if (name === '') return fail(`${where} (pupil ${pupilId}) has no name (mapping field register.name)`);

      const marks: MarkRead[] = [];
      const pending: MarkRead[] = [];
      for (let c = r.labelCells; c < width; c++) {
        const s = sessions[c - r.labelCells]!;
        const cell = line[c];
        if (!cell) return fail(`${where} (pupil ${pupilId}) has no cell for ${s.date} ${s.session}`);
        const original = readMark(cell, r.mark);
        if (original.length > 64) return fail(`${where} (pupil ${pupilId}), ${s.date} ${s.session}: the mark ${JSON.stringify(original.slice(0, 20))}… is too long to be a mark`);
        const code = mapCode(original, s.session, mapping.codes);
        if (code.length > 16) return fail(`${where} (pupil ${pupilId}), ${s.date} ${s.session}: ${JSON.stringify(original)} is not in the code map (mapping field codes) and too long to keep as a code`);
        const dirty = r.mark.pendingCell !== undefined && cell.matches(r.mark.pendingCell);
        // A blank cell is a session not held or not reached: nothing to record (messages/messages.ts).
        if (code === '' && !dirty) continue;
        (dirty ? pending : marks).push({ ...s, code, original });
      }
      pupils.push({ pupilId, name, marks, pending });
    }

    let formId = '';
    if (r.formId?.from === 'url') {
      const m = new RegExp(r.formId.pattern).exec(url.pathname + url.search);
      formId = m ? decodeURIComponent(m[1] ?? m[0]).trim() : '';
    } else if (r.formId) {
      formId = extractValue(doc, r.formId as ValueSource);
    }
    const formName = r.formName ? extractValue(doc, r.formName) : '';
    return {
      ok: true,
      data: {
        kind: 'register',
        ...(formId ? { formId } : {}),
        ...(formName ? { formName } : {}),
        weekStart,
        sessions,
        pupils,
      },
    };
  } catch (e) {
    if (e instanceof MappingSelectorError) return fail(`the mapping has a bad selector: ${e.message}`);
    throw e;
  }
}
