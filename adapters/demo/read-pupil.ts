// Reads a Beacon MIS student page (demo/web/page-pupil.js): profile fields (dt/dd pairs) and the whole
// academic year's saved marks from the attendance calendar. All or nothing.
import { isValidIsoDate } from '../../engine/dates.ts';
import type { Half, PupilAttributes } from '../../engine/types.ts';
import type { MarkRead, PupilPageRead } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { codeMap } from './code-map.ts';
import { PUPIL_PATH } from './detect.ts';
import { select, selectAll } from './select.ts';

const fail = (reason: string): ReadResult<PupilPageRead> => ({ ok: false, reason: `Beacon MIS student page: ${reason}` });

/** 'Reception' → 'R', 'Year 7' → '7' (the year group as the exports spell it). */
function yearGroupOf(text: string): string | undefined {
  if (text === 'Reception') return 'R';
  const m = /^Year (\S{1,8})$/.exec(text);
  return m ? m[1] : undefined;
}

/** 'SEN support (K)' → 'K', 'Education, health and care plan (E)' → 'E', 'No special educational need' → 'N'. */
function senOf(text: string): string | undefined {
  if (text === 'No special educational need') return 'N';
  const m = /\(([A-Z])\)$/.exec(text);
  return m ? m[1] : undefined;
}

function yesNo(text: string | undefined): boolean | undefined {
  return text === 'Yes' ? true : text === 'No' ? false : undefined;
}

function sexOf(text: string | undefined): string | undefined {
  return text === 'Female' ? 'F' : text === 'Male' ? 'M' : undefined;
}

export function readPupil(doc: Document, url: URL): ReadResult<PupilPageRead> {
  const path = PUPIL_PATH.exec(url.pathname);
  if (!path) return fail(`the address ${url.pathname} is not a student page (/pupils/<id>)`);
  const urlId = decodeURIComponent(path[1]!);

  const terms = selectAll(doc, 'profileTerm');
  if (terms.length === 0) {
    if (select(doc, 'loading')) return { ok: false, reason: 'Beacon MIS student page: still loading', pending: true };
    return fail('no student details (dl.stu-fields) on the page');
  }
  const fields = new Map<string, string>();
  for (const dt of terms) {
    const dd = dt.nextElementSibling;
    if (!dd || dd.tagName !== 'DD') return fail(`the field "${dt.textContent ?? ''}" has no value`);
    fields.set((dt.textContent ?? '').trim(), (dd.textContent ?? '').replace(/\s+/g, ' ').trim());
  }
  const pupilId = fields.get('Beacon ID');
  if (!pupilId) return fail('the "Beacon ID" field is missing');
  if (pupilId !== urlId) return fail(`the page shows student ${pupilId} but the address is for ${urlId}`);
  const forename = fields.get('Legal forename') ?? '';
  const surname = fields.get('Legal surname') ?? '';
  if (forename === '' && surname === '') return fail('the student has no name');

  const attributes: PupilAttributes = {};
  const set = <K extends keyof PupilAttributes>(k: K, v: PupilAttributes[K] | undefined) => {
    if (v !== undefined && v !== '') attributes[k] = v;
  };
  set('upn', fields.get('UPN'));
  set('yearGroup', yearGroupOf(fields.get('Year group') ?? ''));
  set('className', fields.get('Registration group'));
  set('sex', sexOf(fields.get('Sex')));
  set('sen', senOf(fields.get('SEN status') ?? ''));
  set('fsm', yesNo(fields.get('Free school meals')));
  set('pp', yesNo(fields.get('Pupil premium')));
  set('socialWorker', yesNo(fields.get('Social worker')));

  const calendar = select(doc, 'calendar');
  if (!calendar) return fail('the attendance calendar (table.att-cal) is missing');
  const marks: MarkRead[] = [];
  const seen = new Set<string>();
  for (const cell of selectAll(calendar, 'calendarCell')) {
    const date = cell.getAttribute('data-date') ?? '';
    const period = cell.getAttribute('data-period') ?? '';
    if (!isValidIsoDate(date) || (period !== 'AM' && period !== 'PM')) {
      return fail(`a calendar cell has no valid date and AM/PM (${JSON.stringify(date)} ${JSON.stringify(period)})`);
    }
    const key = `${date} ${period}`;
    if (seen.has(key)) return fail(`the calendar shows ${key} twice`);
    seen.add(key);
    const mapped = codeMap(cell.textContent ?? '');
    if (!mapped) return fail(`${key}: ${JSON.stringify(cell.textContent)} is not a mark`);
    // Blank: no school session, or one not reached yet — nothing to record (storage skips '').
    if (mapped.code === '') continue;
    marks.push({ date, session: period as Half, ...mapped });
  }
  if (seen.size === 0) return fail('the attendance calendar has no session cells');

  return {
    ok: true,
    data: { kind: 'pupil', pupilId, name: `${forename} ${surname}`.trim(), attributes, marks },
  };
}
