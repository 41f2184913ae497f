// The side panel's compact row per pupil, so the summary for a whole school stays small and opens
// fast. The summary reply carries exactly what the panel's table, filters, flags, history figures
// and CSV export read; the evidence (spells, weekly pattern, code counts, counted sessions) stays in
// the background and comes with `query-pupils` when one pupil's view opens. A PupilResult is a
// PupilRow (same field names and nesting), so the panel's functions accept either.
import type { BandResult, DataQualityFinding, EpnResult, PupilAttributes, PupilMeasures, PupilResult, StageSuggestion } from '../engine/types.ts';

export type RowMeasures = Pick<
  PupilMeasures,
  'possible' | 'attended' | 'attendancePct' | 'persistent' | 'severe' | 'daysLost' | 'brokenWeeks' | 'schoolWeeks' | 'unauthorised' | 'firstKey' | 'lastKey' | 'missingMarks'
>;
export type RowEpn = Pick<EpnResult, 'currentSessions' | 'met' | 'provisional' | 'sessionsToThreshold' | 'windowStartWeek'>;

export interface PupilRow {
  pupilId: string;
  name: string;
  attributes?: PupilAttributes;
  measures: RowMeasures;
  epn: RowEpn;
  attendanceReturn: boolean;
  sicknessReturn: boolean;
  band: BandResult;
  stage: StageSuggestion;
  /** Kind and message only (the session keys are evidence for the pupil view). */
  findings: Pick<DataQualityFinding, 'kind' | 'message'>[];
}

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
