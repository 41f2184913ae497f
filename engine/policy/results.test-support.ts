// Test helpers for the policy tests: build the engine's result types by hand from counts, so policy
// tests do not depend on the measures / EPN code (engine/pupil-measures.ts, engine/epn-window.ts).

import type { EpnResult, PupilMeasures, Spell } from '../types.ts';
import { roundedPct } from './compare-pct.ts';

export interface MeasureCounts {
  possible: number;
  attended: number;
  /** Of the absence sessions, how many were unauthorised (default 0: all authorised). */
  unauthorised?: number;
  brokenWeeks?: number;
  schoolWeeks?: number;
  spells?: Spell[];
  lastKey?: number | null;
}

/** PupilMeasures from counts: absence = possible − attended; % and PA/SA computed exactly (domain.md §3). */
export function measuresFrom(c: MeasureCounts): PupilMeasures {
  const absence = c.possible - c.attended;
  const unauthorised = c.unauthorised ?? 0;
  if (absence < 0 || unauthorised > absence) throw new Error(`measuresFrom: inconsistent counts ${JSON.stringify(c)}`);
  return {
    possible: c.possible,
    present: c.attended,
    aea: 0,
    authorised: absence - unauthorised,
    unauthorised,
    attended: c.attended,
    attendancePct: c.possible === 0 ? null : roundedPct(c.attended, c.possible),
    persistent: c.possible > 0 && 100 * c.attended <= 90 * c.possible,
    severe: c.possible > 0 && 100 * c.attended <= 50 * c.possible,
    absenceSessions: absence,
    daysLost: absence / 2,
    lates: 0,
    latesAfterClose: 0,
    brokenWeeks: c.brokenWeeks ?? 0,
    schoolWeeks: c.schoolWeeks ?? Math.ceil(c.possible / 10),
    spells: c.spells ?? [],
    pattern: [0, 1, 2, 3, 4].map(() => [0, 0]),
    missingMarks: 0,
    unknownCodes: 0,
    codeCounts: {},
    firstKey: null,
    lastKey: c.lastKey ?? null,
    illnessSessions: 0,
    longestIllnessRun: 0,
    longestUnauthorisedRun: 0,
  };
}

/** An EpnResult with `currentSessions` in the current window (national threshold 10 for met). */
export function epnFrom(currentSessions: number, opts: { currentN?: number; windowEndWeek?: string | null } = {}): EpnResult {
  const currentN = opts.currentN ?? 0;
  const windowEndWeek = opts.windowEndWeek === undefined ? '2025-11-10' : opts.windowEndWeek;
  return {
    currentSessions,
    met: currentSessions >= 10,
    provisional: currentSessions >= 10 && currentSessions - currentN < 10,
    sessionsToThreshold: Math.max(0, 10 - currentSessions),
    windowStartWeek: windowEndWeek === null ? null : '2025-09-01',
    windowEndWeek,
    firstMetWeek: null,
    maxInAnyWindow: currentSessions,
    currentN,
    currentKeys: [],
  };
}
