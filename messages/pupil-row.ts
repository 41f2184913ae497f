// The side panel's compact row per pupil (the shape; background/pupil-row.ts builds it from a result).
import type { BandResult, DataQualityFinding, EpnResult, PupilAttributes, PupilMeasures, StageSuggestion } from '../engine/types.ts';

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
