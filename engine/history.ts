// Dense per-pupil mark history (types.ts PupilHistory) built from mark rows.

import { isWeekendKey, keyDate, keyHalf, toEpochDay } from './dates.ts';
import type { MarkRow, PupilAttributes, PupilHistory, SessionKey } from './types.ts';

/**
 * Builds a pupil's dense history from mark rows, in row order:
 * - a later row for the same session wins (domain.md §8.12);
 * - Saturday and Sunday marks are dropped (§8.5);
 * - an empty code is no mark and does not erase an earlier mark (§8.11: never silent data loss).
 * Codes are kept exactly as given (case-sensitive, unknown codes kept: §2).
 * Throws, naming the row and field, on a date that is not a real `YYYY-MM-DD` or a bad session.
 */
export function historyFromRows(
  pupilId: string,
  name: string,
  rows: readonly MarkRow[],
  attributes?: PupilAttributes,
): PupilHistory {
  const keys = new Float64Array(rows.length);
  let min = Infinity;
  let max = -Infinity;
  // Rows usually come in date order, AM then PM: remember the last date parsed.
  let lastDate = '';
  let lastDay = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as MarkRow;
    let day = lastDay;
    if (r.date !== lastDate) {
      try {
        day = toEpochDay(r.date);
      } catch {
        throw new Error(`Pupil ${pupilId}, mark row ${i + 1}: field "date" ${JSON.stringify(r.date)} is not a real YYYY-MM-DD date`);
      }
      lastDate = r.date;
      lastDay = day;
    }
    if (r.session !== 'AM' && r.session !== 'PM') {
      throw new Error(`Pupil ${pupilId}, mark row ${i + 1}: field "session" ${JSON.stringify(r.session)} must be "AM" or "PM"`);
    }
    if (typeof r.code !== 'string') {
      throw new Error(`Pupil ${pupilId}, mark row ${i + 1}: field "code" must be a string`);
    }
    const key = day * 2 + (r.session === 'PM' ? 1 : 0);
    if (r.code === '' || isWeekendKey(key)) {
      keys[i] = NaN;
      continue;
    }
    keys[i] = key;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const h: PupilHistory = { pupilId, name, firstKey: 0, codes: [] };
  if (attributes !== undefined) h.attributes = attributes;
  if (min === Infinity) return h;
  const codes = new Array<string>(max - min + 1).fill('');
  for (let i = 0; i < rows.length; i++) {
    const k = keys[i] as number;
    if (k === k) codes[k - min] = (rows[i] as MarkRow).code; // k === k: not NaN
  }
  h.firstKey = min;
  h.codes = codes;
  return h;
}

/** The code of a session, `''` when the pupil has no mark for it. */
export function codeAt(h: PupilHistory, key: SessionKey): string {
  return h.codes[key - h.firstKey] ?? '';
}

/** The history back as rows, in session order, marked sessions only. */
export function historyToRows(h: PupilHistory): MarkRow[] {
  const out: MarkRow[] = [];
  for (let i = 0; i < h.codes.length; i++) {
    const code = h.codes[i] as string;
    if (code === '') continue;
    const key = h.firstKey + i;
    out.push({ date: keyDate(key), session: keyHalf(key), code });
  }
  return out;
}
