// The whole engine over a school: one calendar, then every pupil's measures, EPN window, returns,
// band, stage suggestion and data-quality findings. Used by the report command and the background.

import { dataQuality } from './data-quality.ts';
import { epnWindow } from './epn-window.ts';
import { pupilMeasures } from './pupil-measures.ts';
import { assignBand } from './policy/assign-band.ts';
import type { Policy } from './policy/schema.ts';
import { suggestStage } from './policy/suggest-stage.ts';
import { schoolCalendar } from './school-calendar.ts';
import { statutoryReturnsFromMeasures } from './statutory-returns.ts';
import type { CaseEvent, IsoDate, PupilHistory, PupilResult, SessionKey } from './types.ts';

export interface SchoolResult {
  /** School sessions in the academic year containing asOf, up to asOf (domain.md §1). */
  schoolSessions: number;
  /** School weeks in the academic year containing asOf, up to asOf. */
  schoolWeeks: number;
  /** One result per history, in the same order. */
  pupils: PupilResult[];
}

const NO_EVENTS: readonly CaseEvent[] = Object.freeze([]);

/**
 * School sessions and weeks are inferred from all the histories together (domain.md §1: a session
 * is a school session when any pupil has a real mark for it), so the calendar is built once and
 * shared. `caseHistories` maps a pupil id to what people recorded (stages, letters...), which the
 * stage suggestion uses; pupils without an entry have no recorded case history. `knownSessions` are
 * school sessions learned from pupils not given here (see schoolCalendar).
 */
export function computeSchool(
  histories: readonly PupilHistory[],
  policy: Policy,
  asOf: IsoDate,
  caseHistories?: ReadonlyMap<string, CaseEvent[]>,
  knownSessions?: readonly SessionKey[],
): SchoolResult {
  const cal = schoolCalendar(histories, asOf, knownSessions);
  const pupils: PupilResult[] = [];
  for (const h of histories) {
    const measures = pupilMeasures(h, cal);
    const epn = epnWindow(h, cal, policy.epn);
    const { attendanceReturn, sicknessReturn, sicknessWarning } = statutoryReturnsFromMeasures(measures, policy.returns);
    const band = assignBand(measures, policy);
    const events = caseHistories?.get(h.pupilId) ?? NO_EVENTS;
    const stage = suggestStage({ measures, epn, attendanceReturn, sicknessReturn, calendar: cal }, policy, events as CaseEvent[], asOf);
    const findings = dataQuality(h, cal, measures);
    const result: PupilResult = {
      pupilId: h.pupilId,
      name: h.name,
      measures,
      epn,
      attendanceReturn,
      sicknessReturn,
      sicknessWarning,
      band,
      stage,
      findings,
    };
    if (h.attributes !== undefined) result.attributes = h.attributes;
    pupils.push(result);
  }
  return { schoolSessions: cal.schoolSessionsYtd, schoolWeeks: cal.schoolWeeksYtd, pupils };
}
