// The school calendar: which sessions the school was open (domain.md §1, §8.6), and the school
// weeks built from them. Computed once per school (or per pupil when only one history is known) and
// shared by every per-pupil measure, so the per-pupil loops are plain array reads.

import { EMPTY_ID, codeId } from './codes.ts';
import { academicYearStart, fromEpochDay, toEpochDay, weekdayOfDay } from './dates.ts';
import type { IsoDate, PupilHistory, SessionKey } from './types.ts';

export interface SchoolCalendar {
  asOf: IsoDate;
  /** PM key of the as-of date: sessions with a larger key are ignored (§1). */
  asOfKey: SessionKey;
  /** 1 August of the academic year containing asOf. */
  yearStart: IsoDate;
  /** AM key of yearStart. */
  yearStartKey: SessionKey;
  /** Every school session key ≤ asOfKey, sorted, all academic years. */
  sessions: Int32Array;
  /** Index into `weeks` of each entry of `sessions`. */
  sessionWeek: Int32Array;
  /** School weeks (calendar weeks with ≥ 1 school session), as Monday epoch days, sorted. */
  weeks: number[];
  /** Index into `sessions` of the first school session of the academic year (sessions.length if none). */
  ytdStartIndex: number;
  /** Index into `weeks` of the first school week of the academic year (weeks.length if none). */
  ytdWeekStartIndex: number;
  schoolSessionsYtd: number;
  schoolWeeksYtd: number;
  /** True when `key` is a school session on or before asOf. */
  isSchoolSession(key: SessionKey): boolean;
  /** Index into `sessions` of a school session key, or -1. */
  sessionIndex(key: SessionKey): number;
  /** Index of the first school session with key ≥ `key` (sessions.length if none). */
  indexAtOrAfter(key: SessionKey): number;
  /**
   * A pupil's code id (codes.ts codeId) at each school session: entry `i` belongs to `sessions[i]`,
   * EMPTY_ID where the pupil has no mark. Computed once per history and kept while the history's
   * `codes` array is the same one, so the per-pupil measures read bytes, not strings. Histories are
   * values: to change marks, build a new history (historyFromRows) rather than editing `codes` in place.
   */
  pupilCodeIds(h: PupilHistory): Uint8Array;
}

/**
 * Builds the calendar from every pupil history known: a school session is a weekday session on or
 * before asOf where at least one pupil has a mark other than `#`, `-` or `''` (§1, §8.6).
 */
export function schoolCalendar(histories: readonly PupilHistory[], asOf: IsoDate): SchoolCalendar {
  const asOfDay = toEpochDay(asOf);
  const asOfKey = asOfDay * 2 + 1;
  const yearStart = academicYearStart(asOf);
  const yearStartKey = toEpochDay(yearStart) * 2;

  let minKey = Infinity;
  for (const h of histories) {
    if (h.codes.length > 0 && h.firstKey < minKey) minKey = h.firstKey;
  }
  if (minKey === Infinity || minKey > asOfKey) minKey = asOfKey;
  // Round down to a Monday AM so weekday arithmetic below is a simple modulo.
  const minDay = Math.floor(minKey / 2);
  const baseDay = minDay - weekdayOfDay(minDay);
  const base = baseDay * 2;
  const span = asOfKey - base + 1;
  const flag = new Uint8Array(span);

  for (const h of histories) {
    const codes = h.codes;
    const off = h.firstKey - base;
    const end = Math.min(codes.length, asOfKey - h.firstKey + 1);
    let i = Math.max(0, -off);
    let wslot = (off + i) % 14; // position in the week: 0–9 weekdays, 10–13 Saturday and Sunday
    for (; i < end; i++, wslot = wslot === 13 ? 0 : wslot + 1) {
      if (wslot >= 10) continue; // §8.5
      const slot = off + i;
      if (flag[slot] === 1) continue; // already known: most sessions, after the first pupil
      const c = codes[i];
      // A hole or a non-string (a malformed stored history) is no mark, like ''.
      if (typeof c !== 'string' || c === '' || c === '#' || c === '-') continue;
      flag[slot] = 1;
    }
  }

  let n = 0;
  for (let s = 0; s < span; s++) n += flag[s] as number;
  const sessions = new Int32Array(n);
  const sessionWeek = new Int32Array(n);
  const weeks: number[] = [];
  const index = new Int32Array(span).fill(-1);
  let j = 0;
  let lastWeekSlot = -1;
  for (let s = 0; s < span; s++) {
    if (flag[s] === 0) continue;
    const weekSlot = Math.floor(s / 14);
    if (weekSlot !== lastWeekSlot) {
      weeks.push(baseDay + weekSlot * 7);
      lastWeekSlot = weekSlot;
    }
    sessions[j] = base + s;
    sessionWeek[j] = weeks.length - 1;
    index[s] = j;
    j++;
  }

  const indexAtOrAfter = (key: SessionKey): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sessions[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const ytdStartIndex = indexAtOrAfter(yearStartKey);
  const idCache = new WeakMap<PupilHistory, { codes: string[]; length: number; ids: Uint8Array }>();
  const ytdWeekStartIndex = ytdStartIndex < n ? (sessionWeek[ytdStartIndex] as number) : weeks.length;

  return {
    asOf,
    asOfKey,
    yearStart,
    yearStartKey,
    sessions,
    sessionWeek,
    weeks,
    ytdStartIndex,
    ytdWeekStartIndex,
    schoolSessionsYtd: n - ytdStartIndex,
    schoolWeeksYtd: weeks.length - ytdWeekStartIndex,
    isSchoolSession: (key) => {
      const s = key - base;
      return s >= 0 && s < span && (index[s] as number) >= 0;
    },
    sessionIndex: (key) => {
      const s = key - base;
      return s >= 0 && s < span ? (index[s] as number) : -1;
    },
    indexAtOrAfter,
    pupilCodeIds: (h) => {
      const hit = idCache.get(h);
      if (hit !== undefined && hit.codes === h.codes && hit.length === h.codes.length) return hit.ids;
      const ids = new Uint8Array(n).fill(EMPTY_ID);
      const codes = h.codes;
      const fk = h.firstKey;
      const lastKey = fk + codes.length - 1;
      for (let i = codes.length > 0 ? indexAtOrAfter(fk) : n; i < n; i++) {
        const key = sessions[i] as number;
        if (key > lastKey) break;
        const c = codes[key - fk];
        ids[i] = typeof c === 'string' ? codeId(c) : EMPTY_ID;
      }
      idCache.set(h, { codes, length: codes.length, ids });
      return ids;
    },
  };
}

/** Monday dates of the calendar's school weeks (for display). */
export function schoolWeekDates(cal: SchoolCalendar): IsoDate[] {
  return cal.weeks.map(fromEpochDay);
}
