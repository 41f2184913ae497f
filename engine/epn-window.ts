// Education Penalty Notice threshold over rolling windows of school weeks (domain.md §4, §8.2, §8.3).
// The window runs over the calendar's school weeks across academic years (the national framework's
// rolling period may span terms and years); weeks with no school session are skipped, not counted.

import { CODE_ID_COUNT, UNKNOWN_ID, codeId } from './codes.ts';
import { fromEpochDay } from './dates.ts';
import type { SchoolCalendar } from './school-calendar.ts';
import type { EpnResult, EpnSettings, PupilHistory, SessionKey } from './types.ts';

const N_ID = codeId('N');

// Scratch: which code ids count, and per-school-week counters. Reused across calls (the week
// counters grown when a calendar has more weeks): the engine is synchronous and this function is not
// re-entrant, and allocating typed arrays per pupil costs more than the counting itself.
const COUNTED = new Uint8Array(CODE_ID_COUNT);
let PER_WEEK = new Int32Array(128);
let PER_WEEK_N = new Int32Array(128);

// `YYYY-MM-DD` of the calendar's school weeks, formatted once per calendar rather than per pupil.
let datesOfWeeks: readonly number[] | null = null;
let weekDates: (string | undefined)[] = [];
function weekDate(cal: SchoolCalendar, w: number): string {
  if (datesOfWeeks !== cal.weeks) {
    datesOfWeeks = cal.weeks;
    weekDates = [];
  }
  return (weekDates[w] ??= fromEpochDay(cal.weeks[w] as number));
}

/**
 * The pupil's position against the penalty-notice threshold. Counts the sessions whose code is in
 * `settings.codes` at the calendar's school sessions (all years, up to asOf). Windows are runs of
 * `settings.weeks` consecutive school weeks named by the Monday of their last week; `firstMetWeek`
 * and `maxInAnyWindow` consider only full windows, except that while there are fewer school weeks
 * than that, the one window of all school weeks so far counts (§8.2). One pass over the sessions
 * and a sliding sum over per-week counts.
 */
export function epnWindow(h: PupilHistory, cal: SchoolCalendar, settings: EpnSettings): EpnResult {
  const { threshold, weeks: span, comparison } = settings;
  if (!Number.isInteger(span) || span < 1) throw new Error(`EPN settings: "weeks" must be a whole number ≥ 1, got ${span}`);
  if (!Number.isInteger(threshold) || threshold < 0) {
    throw new Error(`EPN settings: "threshold" must be a whole number ≥ 0, got ${threshold}`);
  }
  if (comparison !== 'gte' && comparison !== 'gt') {
    throw new Error(`EPN settings: "comparison" must be "gte" or "gt", got ${JSON.stringify(comparison)}`);
  }
  // Counts are whole numbers, so "more than threshold" is "at least threshold + 1": met ⇔ count ≥ needed.
  const needed = comparison === 'gte' ? threshold : threshold + 1;

  // Which codes count, by id; codes unknown to the table (a policy's local code) by string.
  const counted = COUNTED.fill(0);
  let extra: Set<string> | null = null;
  for (const c of settings.codes) {
    const id = codeId(c);
    if (id === UNKNOWN_ID) (extra ??= new Set()).add(c);
    else counted[id] = 1;
  }
  const codes = h.codes;
  const ids = cal.pupilCodeIds(h);
  const sessions = cal.sessions;
  if (extra !== null) counted[UNKNOWN_ID] = 1;
  // Whether the pupil's mark at school session `i` counts (unknown codes only by exact string).
  const counts = (i: number): boolean => {
    const id = ids[i] as number;
    if (counted[id] === 0) return false;
    return id !== UNKNOWN_ID || (extra as Set<string>).has(codes[(sessions[i] as number) - h.firstKey] as string);
  };

  const W = cal.weeks.length;
  if (W === 0) {
    return {
      currentSessions: 0,
      met: false,
      provisional: false,
      sessionsToThreshold: needed,
      windowStartWeek: null,
      windowEndWeek: null,
      firstMetWeek: null,
      maxInAnyWindow: 0,
      currentN: 0,
      currentKeys: [],
    };
  }

  // Per-school-week counts of counted sessions and of N among them.
  if (PER_WEEK.length < W) {
    PER_WEEK = new Int32Array(W);
    PER_WEEK_N = new Int32Array(W);
  }
  const perWeek = PER_WEEK.fill(0, 0, W);
  const perWeekN = PER_WEEK_N.fill(0, 0, W);
  const sessionWeek = cal.sessionWeek;
  const n = codes.length;
  const end = n > 0 ? cal.indexAtOrAfter(h.firstKey + n) : 0;
  for (let i = n > 0 ? cal.indexAtOrAfter(h.firstKey) : 0; i < end; i++) {
    const id = ids[i] as number;
    if (counted[id] === 0) continue;
    if (id === UNKNOWN_ID && !counts(i)) continue;
    const w = sessionWeek[i] as number;
    perWeek[w] = (perWeek[w] as number) + 1;
    if (id === N_ID) perWeekN[w] = (perWeekN[w] as number) + 1;
  }

  // Every window of `span` consecutive school weeks; with fewer weeks, the one window of all of them (§8.2).
  const firstEnd = Math.min(span, W) - 1;
  let sum = 0;
  for (let w = 0; w <= firstEnd; w++) sum += perWeek[w] as number;
  let max = sum;
  let firstMet = sum >= needed ? firstEnd : -1;
  for (let last = firstEnd + 1; last < W; last++) {
    sum += (perWeek[last] as number) - (perWeek[last - span] as number);
    if (sum > max) max = sum;
    if (firstMet < 0 && sum >= needed) firstMet = last;
  }

  // Current window: ends with the last school week on or before asOf (§4, §8.3) — the calendar
  // holds only sessions up to asOf, so that is its last week.
  const startW = Math.max(0, W - span);
  let current = 0;
  let currentN = 0;
  for (let w = startW; w < W; w++) {
    current += perWeek[w] as number;
    currentN += perWeekN[w] as number;
  }
  const currentKeys: SessionKey[] = [];
  if (current > 0) {
    for (let i = cal.indexAtOrAfter((cal.weeks[startW] as number) * 2); i < end; i++) {
      if (counts(i)) currentKeys.push(sessions[i] as number);
    }
  }
  const met = current >= needed;
  return {
    currentSessions: current,
    met,
    // §4: N must be resolved first; provisional when the N sessions are what carries it over.
    provisional: met && currentN > 0 && current - currentN < needed,
    sessionsToThreshold: Math.max(0, needed - current),
    windowStartWeek: weekDate(cal, startW),
    windowEndWeek: weekDate(cal, W - 1),
    firstMetWeek: firstMet < 0 ? null : weekDate(cal, firstMet),
    maxInAnyWindow: max,
    currentN,
    currentKeys,
  };
}
