// The report command's output: a stable contract other tools read. Build it ONLY
// here, with the keys in the documented order; never serialise engine objects directly (they carry
// more fields, whose names may change).

import type { SchoolResult } from './compute-school.ts';
import { writeCsv, type CsvValue } from './csv.ts';
import type { IsoDate, PupilResult, WeekId } from './types.ts';

export interface ReportPupil {
  pupilId: string;
  name: string;
  possible: number;
  present: number;
  aea: number;
  authorised: number;
  unauthorised: number;
  /** Rounded half up to one decimal; null when the pupil has no possible sessions (domain.md §8.4). */
  attendancePct: number | null;
  persistent: boolean;
  severe: boolean;
  /** The policy's band id; null with no possible sessions or too early to band. */
  band: string | null;
  brokenWeeks: number;
  epn: {
    currentSessions: number;
    met: boolean;
    provisional: boolean;
    sessionsToThreshold: number;
    windowStartWeek: WeekId | null;
    windowEndWeek: WeekId | null;
    firstMetWeek: WeekId | null;
    maxInAnyWindow: number;
  };
  attendanceReturn: boolean;
  sicknessReturn: boolean;
  missingMarks: number;
  unknownCodes: number;
  stage: { id: string | null; reasons: string[]; reviewDue: IsoDate | null };
}

export interface Report {
  asOf: IsoDate;
  /** The preset id, or the `id` inside a policy file (domain.md §8.15). */
  policy: string;
  schoolSessions: number;
  schoolWeeks: number;
  pupils: ReportPupil[];
}

/** One pupil in contract form (object literal order = JSON key order). */
export function reportPupil(p: PupilResult): ReportPupil {
  const m = p.measures;
  return {
    pupilId: p.pupilId,
    name: p.name,
    possible: m.possible,
    present: m.present,
    aea: m.aea,
    authorised: m.authorised,
    unauthorised: m.unauthorised,
    attendancePct: m.attendancePct,
    persistent: m.persistent,
    severe: m.severe,
    band: p.band.id,
    brokenWeeks: m.brokenWeeks,
    epn: {
      currentSessions: p.epn.currentSessions,
      met: p.epn.met,
      provisional: p.epn.provisional,
      sessionsToThreshold: p.epn.sessionsToThreshold,
      windowStartWeek: p.epn.windowStartWeek,
      windowEndWeek: p.epn.windowEndWeek,
      firstMetWeek: p.epn.firstMetWeek,
      maxInAnyWindow: p.epn.maxInAnyWindow,
    },
    attendanceReturn: p.attendanceReturn,
    sicknessReturn: p.sicknessReturn,
    missingMarks: m.missingMarks,
    unknownCodes: m.unknownCodes,
    stage: { id: p.stage.id, reasons: [...p.stage.reasons], reviewDue: p.stage.reviewDue },
  };
}

/**
 * Flagged (for --flagged-only): persistent or severe absence; EPN threshold met or within 2
 * sessions of it (sessionsToThreshold ≤ 2); an attendance or sickness return; a suggested stage;
 * any missing marks or unknown codes. The band alone does not flag a pupil (every pupil has one).
 */
export function isFlagged(p: ReportPupil): boolean {
  return (
    p.persistent ||
    p.severe ||
    p.epn.met ||
    p.epn.sessionsToThreshold <= 2 ||
    p.attendanceReturn ||
    p.sicknessReturn ||
    p.stage.id !== null ||
    p.missingMarks > 0 ||
    p.unknownCodes > 0
  );
}

export interface ReportOptions {
  /** Keep only flagged pupils (see isFlagged). School totals still describe the whole school. */
  flaggedOnly?: boolean;
}

/** The report object: the contract other tools read (README "The report command"): fields are only ever added at the end. */
export function reportJson(asOf: IsoDate, policyId: string, school: SchoolResult, options: ReportOptions = {}): Report {
  let pupils = school.pupils.map(reportPupil);
  if (options.flaggedOnly) pupils = pupils.filter(isFlagged);
  return { asOf, policy: policyId, schoolSessions: school.schoolSessions, schoolWeeks: school.schoolWeeks, pupils };
}

/** CSV columns, in order: the report's per-pupil fields, flattened (epn.met → epn_met). */
export const REPORT_CSV_COLUMNS = [
  'pupil_id',
  'name',
  'possible',
  'present',
  'aea',
  'authorised',
  'unauthorised',
  'attendance_pct',
  'persistent',
  'severe',
  'band',
  'broken_weeks',
  'epn_current_sessions',
  'epn_met',
  'epn_provisional',
  'epn_sessions_to_threshold',
  'epn_window_start_week',
  'epn_window_end_week',
  'epn_first_met_week',
  'epn_max_in_any_window',
  'attendance_return',
  'sickness_return',
  'missing_marks',
  'unknown_codes',
  'stage_id',
  'stage_reasons',
  'stage_review_due',
] as const;

/**
 * The report as CSV (RFC 4180, formula-injection safe: see csv.ts). Booleans are `true`/`false`,
 * null is an empty cell, stage reasons are joined by "; ".
 */
export function reportCsv(report: Report, options: { bom?: boolean } = {}): string {
  const rows: CsvValue[][] = [[...REPORT_CSV_COLUMNS]];
  for (const p of report.pupils) {
    rows.push([
      p.pupilId,
      p.name,
      p.possible,
      p.present,
      p.aea,
      p.authorised,
      p.unauthorised,
      p.attendancePct,
      p.persistent,
      p.severe,
      p.band,
      p.brokenWeeks,
      p.epn.currentSessions,
      p.epn.met,
      p.epn.provisional,
      p.epn.sessionsToThreshold,
      p.epn.windowStartWeek,
      p.epn.windowEndWeek,
      p.epn.firstMetWeek,
      p.epn.maxInAnyWindow,
      p.attendanceReturn,
      p.sicknessReturn,
      p.missingMarks,
      p.unknownCodes,
      p.stage.id,
      p.stage.reasons.join('; '),
      p.stage.reviewDue,
    ]);
  }
  return writeCsv(rows, options);
}
