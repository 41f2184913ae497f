// Year-to-date measures for one pupil (domain.md §3), over the school sessions of the academic year
// containing the as-of date, up to and including it (§1). One pass over the school sessions, integer
// arithmetic only: thresholds are compared exactly, rounding is for display (§3).

import { CAT, CODE_CAT, CODE_ID_COUNT, CODE_TABLE, EMPTY_ID, UNKNOWN_ID, codeId, type CodeInfo } from './codes.ts';
import { weekdayOfKey } from './dates.ts';
import type { SchoolCalendar } from './school-calendar.ts';
import type { PupilHistory, PupilMeasures, Spell } from './types.ts';
import { pctTenths, roundedPct } from './policy/compare-pct.ts';

const DASH_ID = codeId('-');
const I_ID = codeId('I');
const L_ID = codeId('L');
const U_ID = codeId('U');

/** Attendance % rounded half up to one decimal, in integer arithmetic; null when possible = 0 (§8.4). */
export function attendancePercent(attended: number, possible: number): number | null {
  if (possible <= 0) return null;
  return roundedPct(attended, possible);
}

/**
 * Exact comparison of attendance % with a threshold given to one decimal place (e.g. 96, 96.5):
 * -1 below, 0 exactly on it, 1 above. Integer arithmetic (§3): use it for every band boundary.
 * Only meaningful when possible > 0 (a pupil with no possible sessions has no attendance %, §8.4).
 */
export function compareAttendance(attended: number, possible: number, percent: number): -1 | 0 | 1 {
  const tenths = pctTenths(percent);
  if (Math.abs(percent * 10 - tenths) > 1e-9) {
    throw new Error(`Attendance threshold ${percent} has more than one decimal place`);
  }
  const d = 1000 * attended - tenths * possible;
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Persistent absence: absence ≥ 10% ⇔ 100 × attended ≤ 90 × possible (§3). False when possible = 0. */
export function isPersistent(attended: number, possible: number): boolean {
  return possible > 0 && 100 * attended <= 90 * possible;
}

/** Severe absence: absence ≥ 50% ⇔ 100 × attended ≤ 50 × possible (§3). False when possible = 0. */
export function isSevere(attended: number, possible: number): boolean {
  return possible > 0 && 100 * attended <= 50 * possible;
}

// Scratch per-code counters, reused across calls: the engine is synchronous and this function is not
// re-entrant, and allocating a typed array per pupil costs more than the counting itself.
const COUNTS = new Int32Array(CODE_ID_COUNT);

function isMarkedId(id: number): boolean {
  return id !== EMPTY_ID && id !== DASH_ID;
}

/**
 * Year-to-date measures (§3) of one pupil over the calendar's school sessions from 1 August of the
 * academic year containing asOf up to asOf. Build the calendar from histories that include this
 * pupil's (a mark is only seen on a school session; with the pupil included, every mark other than
 * `#` / `-` makes one). Spells and runs are over consecutive school sessions (§8.7).
 */
export function pupilMeasures(h: PupilHistory, cal: SchoolCalendar): PupilMeasures {
  const sessions = cal.sessions;
  const sessionWeek = cal.sessionWeek;
  const ids = cal.pupilCodeIds(h);
  const counts = COUNTS;
  counts.fill(0);
  const pattern: number[][] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  const spells: Spell[] = [];
  let unknown: Map<string, number> | null = null;
  let brokenWeeks = 0;
  let lastBrokenWeek = -1;
  let illRun = 0;
  let longestIll = 0;
  let unauthRun = 0;
  let longestUnauth = 0;
  let spell: Spell | null = null;

  // The school sessions of this academic year up to asOf that fall within the pupil's history
  // (before and after it the pupil has no marks: nothing to count, and every run is broken there).
  const n = h.codes.length;
  const start = n > 0 ? Math.max(cal.ytdStartIndex, cal.indexAtOrAfter(h.firstKey)) : sessions.length;
  const end = n > 0 ? cal.indexAtOrAfter(h.firstKey + n) : sessions.length;
  for (let i = start; i < end; i++) {
    const id = ids[i] as number;
    counts[id] = (counts[id] as number) + 1;
    const cat = CODE_CAT[id] as number;
    if (cat === CAT.authorised || cat === CAT.unauthorised) {
      const key = sessions[i] as number;
      const row = pattern[weekdayOfKey(key)];
      if (row !== undefined) row[key & 1] = (row[key & 1] as number) + 1;
      const w = sessionWeek[i] as number;
      if (w !== lastBrokenWeek) {
        brokenWeeks++;
        lastBrokenWeek = w;
      }
      // Spells run over consecutive school sessions (§3, §8.7): any other school session ends one.
      const code = (CODE_TABLE[id] as CodeInfo).code;
      if (spell === null) {
        spell = { startKey: key, endKey: key, sessions: 1, codes: [code] };
        spells.push(spell);
      } else {
        spell.endKey = key;
        spell.sessions++;
        if (!spell.codes.includes(code)) spell.codes.push(code);
      }
      if (id === I_ID) {
        if (++illRun > longestIll) longestIll = illRun;
      } else illRun = 0;
      if (cat === CAT.unauthorised) {
        if (++unauthRun > longestUnauth) longestUnauth = unauthRun;
      } else unauthRun = 0;
    } else {
      // Present, AEA, not counted, administrative, no mark or unknown: ends every run.
      spell = null;
      illRun = 0;
      unauthRun = 0;
      if (id === UNKNOWN_ID) {
        const code = h.codes[(sessions[i] as number) - h.firstKey] as string;
        if (unknown === null) unknown = new Map();
        unknown.set(code, (unknown.get(code) ?? 0) + 1);
      }
    }
  }

  // First and last marked (and possible) sessions: short scans from either end.
  let firstMarked = start;
  while (firstMarked < end && !isMarkedId(ids[firstMarked] as number)) firstMarked++;
  let lastMarked = end - 1;
  while (lastMarked >= firstMarked && !isMarkedId(ids[lastMarked] as number)) lastMarked--;
  let firstPoss = start;
  while (firstPoss < end && (CODE_CAT[ids[firstPoss] as number] as number) > CAT.unauthorised) firstPoss++;
  let lastPoss = end - 1;
  while (lastPoss >= firstPoss && (CODE_CAT[ids[lastPoss] as number] as number) > CAT.unauthorised) lastPoss--;

  let present = 0;
  let aea = 0;
  let authorised = 0;
  let unauthorised = 0;
  let marked = 0;
  const codeCounts: Record<string, number> = {};
  for (let id = 0; id < CODE_TABLE.length; id++) {
    const c = counts[id] as number;
    if (c === 0) continue;
    codeCounts[(CODE_TABLE[id] as CodeInfo).code] = c;
    const cat = CODE_CAT[id];
    if (cat === CAT.present) present += c;
    else if (cat === CAT.aea) aea += c;
    else if (cat === CAT.authorised) authorised += c;
    else if (cat === CAT.unauthorised) unauthorised += c;
    if (id !== DASH_ID) marked += c;
  }
  if (unknown !== null) for (const [code, c] of unknown) codeCounts[code] = c;
  marked += counts[UNKNOWN_ID] as number;

  const possible = present + aea + authorised + unauthorised;
  const attended = present + aea;
  const absenceSessions = authorised + unauthorised;
  const hasMarks = firstMarked < end;
  return {
    possible,
    present,
    aea,
    authorised,
    unauthorised,
    attended,
    attendancePct: attendancePercent(attended, possible),
    persistent: isPersistent(attended, possible),
    severe: isSevere(attended, possible),
    absenceSessions,
    daysLost: absenceSessions / 2,
    lates: counts[L_ID] as number,
    latesAfterClose: counts[U_ID] as number,
    brokenWeeks,
    // School weeks the pupil was expected in: from the week of the first to the week of the last
    // possible session this year (a pupil who joins or leaves mid-year is not measured against weeks
    // they were not on roll).
    schoolWeeks: firstPoss < end ? (sessionWeek[lastPoss] as number) - (sessionWeek[firstPoss] as number) + 1 : 0,
    spells,
    pattern,
    // §8.8: school sessions with no mark (no row, or '-') between the first and last marked session
    // this year = the sessions in that range that are not marked (every marked session lies in it).
    missingMarks: hasMarks ? lastMarked - firstMarked + 1 - marked : 0,
    unknownCodes: counts[UNKNOWN_ID] as number,
    codeCounts,
    firstKey: hasMarks ? (sessions[firstMarked] as number) : null,
    lastKey: hasMarks ? (sessions[lastMarked] as number) : null,
    illnessSessions: counts[I_ID] as number,
    longestIllnessRun: longestIll,
    longestUnauthorisedRun: longestUnauth,
  };
}
