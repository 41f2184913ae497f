// Reads a Beacon MIS class register (demo/web/page-register.js): pupils × the ten sessions of a week.
// All or nothing: any cell, row or header that does not fit the expected layout makes the
// whole read fail with the reason, so a changed MIS never leaves a half-read week in the history.
//
// Saved and pending are kept apart: a cell the user edited and has not saved shows the
// pending code and hides the saved one, so it goes to `pending` only and contributes no saved mark.
import { isValidIsoDate, mondayOf, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { Half } from '../../engine/types.ts';
import type { MarkRead, RegisterPageRead, SessionRef } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { codeMap } from './code-map.ts';
import { REGISTER_PATH } from './detect.ts';
import { select, selectAll } from './select.ts';
import { selectors } from './selectors.ts';

const fail = (reason: string): ReadResult<RegisterPageRead> => ({ ok: false, reason: `Beacon MIS register: ${reason}` });

/** "Surname, Forename" → "Forename Surname" (the name order of the exports, domain.md §8.13). */
export function nameFromListName(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const comma = t.indexOf(', ');
  return comma < 0 ? t : `${t.slice(comma + 2)} ${t.slice(0, comma)}`;
}

function sessionOf(el: Element): SessionRef | null {
  const date = el.getAttribute('data-date') ?? '';
  const period = el.getAttribute('data-period') ?? '';
  if (!isValidIsoDate(date) || (period !== 'AM' && period !== 'PM')) return null;
  return { date, session: period as Half };
}

export function readRegister(doc: Document, url: URL): ReadResult<RegisterPageRead> {
  const path = REGISTER_PATH.exec(url.pathname);
  if (!path) return fail(`the address ${url.pathname} is not a register (/register/<form>)`);
  const formId = decodeURIComponent(path[1]!);

  const grid = select(doc, 'registerGrid');
  if (!grid) {
    if (select(doc, 'loading')) return { ok: false, reason: 'Beacon MIS register: still loading (no rows yet)', pending: true };
    return fail('no register grid (table.reg-grid) on the page');
  }

  // Header: the sessions shown, in column order, all in one Monday–Friday week.
  const heads = selectAll(grid, 'sessionHead');
  if (heads.length === 0) return fail('the session header row (AM/PM per day) is missing');
  const sessions: SessionRef[] = [];
  for (const [i, th] of heads.entries()) {
    const s = sessionOf(th);
    if (!s) return fail(`session header ${i + 1} has no valid date and AM/PM (week unknown)`);
    sessions.push(s);
  }
  const weekStart = mondayOf(sessions[0]!.date);
  const seen = new Set<string>();
  for (const s of sessions) {
    const day = toEpochDay(s.date);
    if (mondayOf(s.date) !== weekStart || weekdayOfDay(day) > 4) {
      return fail(`session ${s.date} ${s.session} is not a weekday of the week beginning ${weekStart}`);
    }
    const k = `${s.date} ${s.session}`;
    if (seen.has(k)) return fail(`session ${k} appears twice in the header`);
    seen.add(k);
  }
  const urlWeek = url.searchParams.get('week');
  if (urlWeek !== null && urlWeek !== weekStart) {
    return fail(`the address asks for week ${urlWeek} but the grid shows the week beginning ${weekStart}`);
  }

  const pupils: RegisterPageRead['pupils'] = [];
  const ids = new Set<string>();
  for (const [r, row] of selectAll(grid, 'registerRow').entries()) {
    const where = `row ${r + 1}`;
    const pupilId = row.getAttribute('data-student-id')?.trim() ?? '';
    if (pupilId === '') return fail(`${where} has no pupil id`);
    if (ids.has(pupilId)) return fail(`${where}: pupil ${pupilId} appears twice`);
    ids.add(pupilId);
    const link = select(row, 'rowName');
    const name = nameFromListName(link?.textContent ?? '');
    if (name === '') return fail(`${where} (pupil ${pupilId}) has no name`);

    const cells = selectAll(row, 'rowCell');
    if (cells.length !== sessions.length) {
      return fail(`${where} (pupil ${pupilId}) has ${cells.length} mark cells, expected ${sessions.length} as in the header`);
    }
    const marks: MarkRead[] = [];
    const pending: MarkRead[] = [];
    for (const [c, cell] of cells.entries()) {
      const s = sessions[c]!;
      const own = sessionOf(cell);
      if (!own || own.date !== s.date || own.session !== s.session) {
        return fail(`${where} (pupil ${pupilId}), cell ${c + 1} is not under its header (${s.date} ${s.session})`);
      }
      const markEl = select(cell, 'cellMark');
      if (!markEl) return fail(`${where} (pupil ${pupilId}), ${s.date} ${s.session}: the cell has no mark element`);
      const mapped = codeMap(markEl.textContent ?? '');
      if (!mapped) {
        return fail(`${where} (pupil ${pupilId}), ${s.date} ${s.session}: ${JSON.stringify(markEl.textContent)} is not a mark`);
      }
      const dirty = cell.matches(selectors.dirtyCell.css);
      // A blank cell is a session the school did not hold or has not reached: nothing to record
      // (storage skips '' anyway, messages/messages.ts). A pending edit that clears a mark shows `-`.
      if (mapped.code === '' && !dirty) continue;
      (dirty ? pending : marks).push({ ...s, ...mapped });
    }
    pupils.push({ pupilId, name, marks, pending });
  }

  const formName = select(doc, 'breadcrumbLast')?.textContent?.trim();
  return {
    ok: true,
    data: {
      kind: 'register',
      formId,
      ...(formName ? { formName } : {}),
      weekStart,
      sessions,
      pupils,
    },
  };
}
