// Statutory returns to the local authority (domain.md §5, §8.1, §8.7, §8.14), over the academic year
// containing the as-of date, up to and including it.

import { CAT, CODE_CAT, codeId } from './codes.ts';
import type { SchoolCalendar } from './school-calendar.ts';
import type { PupilHistory } from './types.ts';

const I_ID = codeId('I');

/** 10 school days of `G N O U` = 20 consecutive school sessions (§5). */
export const ATTENDANCE_RETURN_SESSIONS = 20;
/** 15 school days of `I` = 30 sessions, consecutive or cumulative (§5). */
export const SICKNESS_RETURN_SESSIONS = 30;
/** Warn within 5 days (10 sessions) of the sickness return (§5). */
export const SICKNESS_WARNING_SESSIONS = SICKNESS_RETURN_SESSIONS - 10;

export interface StatutoryReturns {
  attendanceReturn: boolean;
  sicknessReturn: boolean;
  sicknessWarning: boolean;
  /** Longest run this year of consecutive school sessions all `G N O U`. */
  unauthorisedRun: number;
  /** Longest run this year of consecutive school sessions all `I`. */
  illnessRun: number;
  /** `I` sessions this year. */
  illnessSessions: number;
}

export function statutoryReturns(h: PupilHistory, cal: SchoolCalendar): StatutoryReturns {
  const ids = cal.pupilCodeIds(h);
  const n = h.codes.length;
  let ill = 0;
  let illRun = 0;
  let longestIll = 0;
  let unauthRun = 0;
  let longestUnauth = 0;
  const start = n > 0 ? Math.max(cal.ytdStartIndex, cal.indexAtOrAfter(h.firstKey)) : ids.length;
  const end = n > 0 ? cal.indexAtOrAfter(h.firstKey + n) : ids.length;
  // Runs are over consecutive SCHOOL sessions: every school session with another code (or none)
  // ends a run (§8.7); holidays and closures for everyone are not school sessions and do not.
  for (let i = start; i < end; i++) {
    const id = ids[i] as number;
    if (id === I_ID) {
      ill++;
      if (++illRun > longestIll) longestIll = illRun;
    } else illRun = 0;
    if (CODE_CAT[id] === CAT.unauthorised) {
      if (++unauthRun > longestUnauth) longestUnauth = unauthRun;
    } else unauthRun = 0;
  }
  const sicknessReturn = longestIll >= SICKNESS_RETURN_SESSIONS || ill >= SICKNESS_RETURN_SESSIONS;
  return {
    attendanceReturn: longestUnauth >= ATTENDANCE_RETURN_SESSIONS,
    sicknessReturn,
    // A consecutive run is also a count, so the cumulative count alone decides the warning.
    sicknessWarning: !sicknessReturn && ill >= SICKNESS_WARNING_SESSIONS,
    unauthorisedRun: longestUnauth,
    illnessRun: longestIll,
    illnessSessions: ill,
  };
}
