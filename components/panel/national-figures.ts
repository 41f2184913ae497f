// The national figures the side panel shows beside the school's PA and SA rates ("beside
// the latest national figures, source and year shown"). One constant, so updating it for a new
// release is a one-line change.
//
// Source: DfE, Explore Education Statistics, "Pupil absence in schools in England", academic year
// 2023/24 (full year, state-funded primary, secondary and special schools combined): persistent
// absence 17.8% of pupils, severe absence 2.0% of pupils, overall absence rate 7.1% of sessions.
// NOTE: these figures were written from the publication's headline summary, not re-checked against
// the release's data files in this session; check them before relying on them for a governors' report.
export interface NationalFigures {
  source: string;
  year: string;
  url: string;
  /** % of pupils (persistently / severely absent) and % of sessions missed. */
  persistentPct: number;
  severePct: number;
  overallAbsencePct: number;
}

export const NATIONAL_FIGURES: NationalFigures = {
  source: 'DfE, Pupil absence in schools in England',
  year: '2023/24 (full year, all state-funded schools)',
  url: 'https://explore-education-statistics.service.gov.uk/find-statistics/pupil-absence-in-schools-in-england',
  persistentPct: 17.8,
  severePct: 2.0,
  overallAbsencePct: 7.1,
};
