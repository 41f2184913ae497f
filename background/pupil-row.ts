// The side panel's compact row per pupil (issue 6 §1: the summary for 2,000 pupils shown in under
// 300 ms). The summary reply carries exactly what the panel's table, filters, flags, history figures
// and CSV export read; the evidence (spells, weekly pattern, code counts, counted sessions) stays in
// the background and comes with `query-pupils` when one pupil's view opens. A PupilResult is a
// PupilRow (same field names and nesting), so the panel's functions accept either.
import type { PupilResult } from '../engine/types.ts';
import type { PupilRow } from '../messages/pupil-row.ts';

export function pupilRow(p: PupilResult): PupilRow {
  const m = p.measures;
  const row: PupilRow = {
    pupilId: p.pupilId,
    name: p.name,
    measures: {
      possible: m.possible,
      attended: m.attended,
      attendancePct: m.attendancePct,
      persistent: m.persistent,
      severe: m.severe,
      daysLost: m.daysLost,
      brokenWeeks: m.brokenWeeks,
      schoolWeeks: m.schoolWeeks,
      unauthorised: m.unauthorised,
      firstKey: m.firstKey,
      lastKey: m.lastKey,
      missingMarks: m.missingMarks,
    },
    epn: {
      currentSessions: p.epn.currentSessions,
      met: p.epn.met,
      provisional: p.epn.provisional,
      sessionsToThreshold: p.epn.sessionsToThreshold,
      windowStartWeek: p.epn.windowStartWeek,
    },
    attendanceReturn: p.attendanceReturn,
    sicknessReturn: p.sicknessReturn,
    band: p.band,
    stage: p.stage,
    findings: p.findings.map((f) => ({ kind: f.kind, message: f.message })),
  };
  if (p.attributes !== undefined) row.attributes = p.attributes;
  return row;
}
