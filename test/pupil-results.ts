// Hand-built PupilResult fixtures for the component and overlay tests. Each starts from a plain,
// unremarkable pupil and the test states exactly what differs, so the expected text can be worked
// out by hand from the fixture (no engine involved: components only render what they are given).
import { sessionKey } from '../engine/dates.ts';
import type { EpnResult, PupilMeasures, PupilResult } from '../engine/types.ts';
import type { HistoryCompleteness } from '../components/overlay/completeness.ts';

/** Five weekdays × AM/PM, all zero. */
export function emptyPattern(): number[][] {
  return [0, 1, 2, 3, 4].map(() => [0, 0]);
}

/**
 * Measures for `possible` sessions of which `attended` were attended; the absences are split into
 * `unauthorised` and the rest authorised. attendancePct is rounded half up to one decimal as the
 * engine does (display only).
 */
export function makeMeasures(
  possible: number,
  attended: number,
  over: Partial<PupilMeasures> & { unauthorised?: number } = {},
): PupilMeasures {
  const absence = possible - attended;
  const unauthorised = over.unauthorised ?? 0;
  const pct = possible === 0 ? null : Math.round((attended * 1000) / possible) / 10;
  return {
    possible,
    present: attended,
    aea: 0,
    authorised: absence - unauthorised,
    unauthorised,
    attended,
    attendancePct: pct,
    // domain.md §3: PA ⇔ absence ≥ 10% ⇔ 10 × absence ≥ possible (integer comparison)
    persistent: possible > 0 && 10 * absence >= possible,
    severe: possible > 0 && 2 * absence >= possible,
    absenceSessions: absence,
    daysLost: absence / 2,
    lates: 0,
    latesAfterClose: 0,
    brokenWeeks: 0,
    schoolWeeks: 0,
    spells: [],
    pattern: emptyPattern(),
    missingMarks: 0,
    unknownCodes: 0,
    codeCounts: {},
    firstKey: null,
    lastKey: null,
    illnessSessions: 0,
    longestIllnessRun: 0,
    longestUnauthorisedRun: 0,
    ...over,
  };
}

export function makeEpn(currentSessions: number, over: Partial<EpnResult> = {}): EpnResult {
  return {
    currentSessions,
    met: currentSessions >= 10,
    provisional: false,
    sessionsToThreshold: Math.max(0, 10 - currentSessions),
    windowStartWeek: '2025-09-08',
    windowEndWeek: '2025-11-10',
    firstMetWeek: null,
    maxInAnyWindow: currentSessions,
    currentN: 0,
    currentKeys: [],
    ...over,
  };
}

/** A pupil at 100% over 100 sessions with nothing to report. */
export function makePupil(over: Partial<PupilResult> = {}): PupilResult {
  return {
    pupilId: '1042',
    name: 'Ada Lovelace',
    measures: makeMeasures(100, 100, { schoolWeeks: 10 }),
    epn: makeEpn(0),
    attendanceReturn: false,
    sicknessReturn: false,
    sicknessWarning: false,
    band: { id: 'expected', label: 'Expected', colour: '#2e7d32', tooEarly: false },
    stage: { id: null, label: null, reasons: [], reviewDue: null, currentStageId: null },
    findings: [],
    ...over,
  };
}

/** Session keys for the given dates' halves, e.g. keys(['2025-11-10', 'AM'], ['2025-11-10', 'PM']). */
export function keys(...sessions: [string, 'AM' | 'PM'][]): number[] {
  return sessions.map(([d, h]) => sessionKey(d, h));
}

/** Every one of 100 school sessions since Mon 1 Sep 2025 read (messages/messages.ts Completeness). */
export const completeHistory: HistoryCompleteness = {
  firstStored: { date: '2025-09-01', session: 'AM' },
  lastStored: { date: '2025-11-14', session: 'PM' },
  schoolSessions: 100,
  schoolSessionsWithoutMark: 0,
};
