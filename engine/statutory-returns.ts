// Statutory returns to the local authority (domain.md §5, §8.1, §8.7, §8.14), over the academic year
// containing the as-of date, up to and including it.

import { NATIONAL_RETURNS } from './policy/presets/national.ts';
import { pupilMeasures } from './pupil-measures.ts';
import type { SchoolCalendar } from './school-calendar.ts';
import type { PupilHistory, PupilMeasures } from './types.ts';

/** When the returns are due, in sessions: a policy's `returns` settings (schema.ts ReturnsSchema). */
export interface ReturnsSettings {
  /** Consecutive school sessions all `G N O U` that make an attendance return due. */
  attendanceReturnSessions: number;
  /** `I` sessions, consecutive or cumulative in the school year, that make a sickness return due. */
  sicknessReturnSessions: number;
  /** `I` sessions this year from which the sickness return is warned of. */
  sicknessWarningSessions: number;
}

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

/**
 * The returns due for one pupil. Runs are over consecutive SCHOOL sessions: every school session
 * with another code (or none) ends a run (§8.7); holidays and closures for everyone are not school
 * sessions and do not. The year-to-date measures already count these runs, so this reads them.
 */
export function statutoryReturns(h: PupilHistory, cal: SchoolCalendar, settings: ReturnsSettings = NATIONAL_RETURNS): StatutoryReturns {
  return statutoryReturnsFromMeasures(pupilMeasures(h, cal), settings);
}

/**
 * The same, from the pupil's measures when they are already computed (compute-school.ts): the
 * longest `I` and `G N O U` runs and the `I` count this year are measures (§3, §5). `settings` are the
 * policy's `returns` (domain.md §7: the returns are policy settings); the national rule by default.
 */
export function statutoryReturnsFromMeasures(m: PupilMeasures, settings: ReturnsSettings = NATIONAL_RETURNS): StatutoryReturns {
  const ill = m.illnessSessions;
  const sick = settings.sicknessReturnSessions;
  const sicknessReturn = m.longestIllnessRun >= sick || ill >= sick;
  return {
    attendanceReturn: m.longestUnauthorisedRun >= settings.attendanceReturnSessions,
    sicknessReturn,
    // A consecutive run is also a count, so the cumulative count alone decides the warning.
    sicknessWarning: !sicknessReturn && ill >= settings.sicknessWarningSessions,
    unauthorisedRun: m.longestUnauthorisedRun,
    illnessRun: m.longestIllnessRun,
    illnessSessions: ill,
  };
}
