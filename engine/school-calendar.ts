// The school calendar: which sessions the school was open (domain.md §1, §8.6), and the school
// weeks built from them. Computed once per school (or per pupil when only one history is known) and
// shared by every per-pupil measure, so the per-pupil loops are plain array reads.

import { EMPTY_ID, codeId, isSchoolSessionCode } from './codes.ts';
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
   * EMPTY_ID where the pupil has no mark. The per-pupil measures read these bytes, not strings. The
   * ids of the history asked for last are kept while its `codes` array is the same one, so the
   * measures of one pupil, computed one after another, convert its codes once. Histories are values:
   * to change marks, build a new history (historyFromRows) rather than editing `codes` in place.
   */
  pupilCodeIds(h: PupilHistory): Uint8Array;
}

/**
 * Builds the calendar from every pupil history known: a school session is a weekday session on or
 * before asOf where at least one pupil has a mark other than `#`, `-` or `''` (§1, §8.6).
 * `knownSessions` are school sessions already learned from pupils not among `histories` (the
 * background computes a few pupils against what every stored pupil taught it); weekend keys and keys
 * after asOf among them are not school sessions, as for a mark.
 */
export function schoolCalendar(histories: readonly PupilHistory[], asOf: IsoDate, knownSessions: readonly SessionKey[] = []): SchoolCalendar {
  const asOfDay = toEpochDay(asOf);
  const asOfKey = asOfDay * 2 + 1;
  const yearStart = academicYearStart(asOf);
  const yearStartKey = toEpochDay(yearStart) * 2;

  let minKey = Infinity;
  for (const h of histories) {
    if (h.codes.length > 0 && h.firstKey < minKey) minKey = h.firstKey;
  }
  for (const k of knownSessions) if (k < minKey) minKey = k;
  if (minKey === Infinity || minKey > asOfKey) minKey = asOfKey;
  // Round down to a Monday AM so weekday arithmetic below is a simple modulo.
  const minDay = Math.floor(minKey / 2);
  const baseDay = minDay - weekdayOfDay(minDay);
  const base = baseDay * 2;
  const span = asOfKey - base + 1;
  const flag = new Uint8Array(span);

  // Weekday slots not yet known to be school sessions (weekends never are, §8.5). Once the first
  // pupils have been read only holidays and closures are left, so each further pupil is looked at
  // on those slots only rather than on every session.
  for (const k of knownSessions) {
    const s = k - base;
    if (k <= asOfKey && s % 14 < 10) flag[s] = 1;
  }
  const open = new Int32Array(Math.ceil(span / 14) * 10);
  let nOpen = 0;
  for (let s = 0; s < span; s++) if (s % 14 < 10 && flag[s] === 0) open[nOpen++] = s;
  for (const h of histories) {
    const codes = h.codes;
    const off = h.firstKey - base;
    const end = Math.min(codes.length, asOfKey - h.firstKey + 1);
    let kept = 0;
    for (let k = 0; k < nOpen; k++) {
      const slot = open[k] as number;
      const i = slot - off;
      if (i >= 0 && i < end) {
        const c = codes[i];
        // A hole or a non-string (a malformed stored history) is no mark, like ''.
        if (typeof c === 'string' && isSchoolSessionCode(c)) {
          flag[slot] = 1;
          continue;
        }
      }
      open[kept++] = slot;
    }
    nOpen = kept;
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
  // One entry, not a map of every history: the engine asks for one pupil's ids several times in a
  // row, then moves on (compute-school.ts), and a map of thousands of histories costs more than the
  // conversion it saves.
  let idCache: { h: PupilHistory; codes: string[]; length: number; ids: Uint8Array } | null = null;
  // Each pupil's ids are a view into a shared block: allocating a separate small typed array per
  // pupil costs a good part of what filling it does.
  const BLOCK_ROWS = 64;
  let block = new Uint8Array(0);
  let blockUsed = 0;
  const newIdRow = (): Uint8Array => {
    if (blockUsed + n > block.length) {
      block = new Uint8Array(n * BLOCK_ROWS);
      blockUsed = 0;
    }
    const row = block.subarray(blockUsed, blockUsed + n);
    blockUsed += n;
    return row;
  };
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
      const hit = idCache;
      if (hit !== null && hit.h === h && hit.codes === h.codes && hit.length === h.codes.length) return hit.ids;
      const ids = newIdRow();
      const codes = h.codes;
      const fk = h.firstKey;
      // School sessions within the history: before and after it the pupil has no mark.
      const from = codes.length > 0 ? indexAtOrAfter(fk) : n;
      const to = codes.length > 0 ? indexAtOrAfter(fk + codes.length) : n;
      ids.fill(EMPTY_ID, 0, from);
      for (let i = from; i < to; i++) {
        const c = codes[(sessions[i] as number) - fk];
        ids[i] = typeof c === 'string' ? codeId(c) : EMPTY_ID;
      }
      ids.fill(EMPTY_ID, to);
      idCache = { h, codes, length: codes.length, ids };
      return ids;
    },
  };
}

/** Monday dates of the calendar's school weeks (for display). */
export function schoolWeekDates(cal: SchoolCalendar): IsoDate[] {
  return cal.weeks.map(fromEpochDay);
}
