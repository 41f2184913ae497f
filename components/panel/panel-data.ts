// The side panel's in-memory work on the whole school's results: filters, flags,
// sorting and the CSV export. Pure: results in, results out; fast for 2,000 pupils (one pass each).
import { addDays } from '../../engine/dates.ts';
import { writeCsv, type CsvValue } from '../../engine/csv.ts';
import type { IsoDate } from '../../engine/types.ts';
import type { PupilRow } from '../../messages/pupil-row.ts';
import { bandText } from '../../engine/policy/band-text.ts';

export type YesNo = '' | 'yes' | 'no';

/** The flags a list can be narrowed to — each is also a preset export list (§2). */
export const FLAGS = {
  'epn-met': 'EPN threshold met',
  'epn-near': 'Within 2 sessions of the EPN threshold',
  persistent: 'Persistent absence (≤ 90%)',
  severe: 'Severe absence (≤ 50%)',
  returns: 'Statutory return due',
  'review-due': 'Review due within 7 days',
  'stage-suggested': 'Stage suggested',
  'data-problems': 'Data-quality problems',
} as const;
export type FlagId = keyof typeof FLAGS;
export const FLAG_IDS = Object.keys(FLAGS) as FlagId[];

/** The preset export lists. */
export const PRESET_LISTS: FlagId[] = ['epn-met', 'persistent', 'severe', 'returns', 'review-due'];

export interface PanelFilters {
  yearGroup: string;
  className: string;
  sen: string;
  fsm: YesNo;
  pp: YesNo;
  socialWorker: YesNo;
  /** Band id; 'none' = no band (no possible sessions or too early); '' = any. */
  band: string;
  flag: FlagId | '';
  /** Name or id contains (case-insensitive). */
  search: string;
}

export const NO_FILTERS: PanelFilters = { yearGroup: '', className: '', sen: '', fsm: '', pp: '', socialWorker: '', band: '', flag: '', search: '' };

/** True when the pupil carries the flag on the as-of date. */
export function hasFlag(p: PupilRow, flag: FlagId, asOf: IsoDate): boolean {
  switch (flag) {
    case 'epn-met':
      return p.epn.met;
    case 'epn-near':
      // "within 2 sessions": not met yet, 1 or 2 sessions short.
      return !p.epn.met && p.epn.sessionsToThreshold <= 2;
    case 'persistent':
      return p.measures.persistent;
    case 'severe':
      return p.measures.severe;
    case 'returns':
      return p.attendanceReturn || p.sicknessReturn;
    case 'review-due':
      return p.stage.reviewDue !== null && p.stage.reviewDue <= addDays(asOf, 7);
    case 'stage-suggested':
      return p.stage.id !== null;
    case 'data-problems':
      return p.findings.length > 0;
  }
}

function yesNo(want: YesNo, have: boolean | undefined): boolean {
  if (want === '') return true;
  return want === 'yes' ? have === true : have !== true;
}

export function bandKey(p: PupilRow): string {
  return p.measures.possible === 0 || p.band.tooEarly || p.band.id === null ? 'none' : p.band.id;
}

export function filterPupils<T extends PupilRow>(pupils: readonly T[], f: PanelFilters, asOf: IsoDate): T[] {
  const q = f.search.trim().toLowerCase();
  return pupils.filter((p) => {
    const a = p.attributes ?? {};
    if (f.yearGroup !== '' && (a.yearGroup ?? '') !== f.yearGroup) return false;
    if (f.className !== '' && (a.className ?? '') !== f.className) return false;
    if (f.sen !== '' && (a.sen ?? '') !== f.sen) return false;
    if (!yesNo(f.fsm, a.fsm) || !yesNo(f.pp, a.pp) || !yesNo(f.socialWorker, a.socialWorker)) return false;
    if (f.band !== '' && bandKey(p) !== f.band) return false;
    if (f.flag !== '' && !hasFlag(p, f.flag, asOf)) return false;
    if (q !== '' && !p.name.toLowerCase().includes(q) && !p.pupilId.toLowerCase().includes(q)) return false;
    return true;
  });
}

/** Distinct values for the attribute filters, sorted naturally ("Year 2" before "Year 10"). */
export function filterOptions(pupils: readonly PupilRow[]): { yearGroups: string[]; classes: string[]; sen: string[] } {
  const y = new Set<string>();
  const c = new Set<string>();
  const s = new Set<string>();
  for (const p of pupils) {
    if (p.attributes?.yearGroup) y.add(p.attributes.yearGroup);
    if (p.attributes?.className) c.add(p.attributes.className);
    if (p.attributes?.sen) s.add(p.attributes.sen);
  }
  const nat = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return { yearGroups: [...y].sort(nat), classes: [...c].sort(nat), sen: [...s].sort(nat) };
}

/** An MIS year group as people say it: "4" → "Year 4", "R" → "Reception"; other spellings as given. */
export function yearLabel(v: string): string {
  if (/^\d{1,2}$/.test(v)) return `Year ${v}`;
  if (v === 'R') return 'Reception';
  return v;
}

export type SortKey = 'name' | 'yearGroup' | 'className' | 'attendance' | 'unauthorised' | 'epn' | 'brokenWeeks' | 'stage';
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Attendance as an exact fraction for sorting (domain.md §3: never compare rounded values). */
function attendanceCompare(a: PupilRow, b: PupilRow): number {
  const pa = a.measures.possible;
  const pb = b.measures.possible;
  // No possible sessions sort after everyone (nothing to compare).
  if (pa === 0 || pb === 0) return (pa === 0 ? 1 : 0) - (pb === 0 ? 1 : 0);
  return a.measures.attended * pb - b.measures.attended * pa;
}

export function sortPupils<T extends PupilRow>(pupils: readonly T[], s: SortState): T[] {
  const nat = (x: string, y: string) => x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
  const cmp = (a: PupilRow, b: PupilRow): number => {
    switch (s.key) {
      case 'name':
        return nat(a.name, b.name);
      case 'yearGroup':
        return nat(a.attributes?.yearGroup ?? '', b.attributes?.yearGroup ?? '');
      case 'className':
        return nat(a.attributes?.className ?? '', b.attributes?.className ?? '');
      case 'attendance':
        return attendanceCompare(a, b);
      case 'unauthorised':
        return a.measures.unauthorised - b.measures.unauthorised;
      case 'epn':
        return a.epn.currentSessions - b.epn.currentSessions;
      case 'brokenWeeks':
        return a.measures.brokenWeeks - b.measures.brokenWeeks;
      case 'stage':
        return nat(a.stage.label ?? '\uffff', b.stage.label ?? '\uffff');
    }
  };
  const sign = s.dir === 'asc' ? 1 : -1;
  // Ties keep a stable, readable order: by name.
  return [...pupils].sort((a, b) => sign * cmp(a, b) || nat(a.name, b.name) || (a.pupilId < b.pupilId ? -1 : 1));
}

/** Columns of the flagged-list export, in order (documented in docs/exports.md). */
export const EXPORT_COLUMNS = [
  'pupil_id',
  'name',
  'upn',
  'year_group',
  'class',
  'sen',
  'fsm',
  'pupil_premium',
  'social_worker',
  'possible_sessions',
  'attended_sessions',
  'attendance_pct',
  'band',
  'persistent_absence',
  'severe_absence',
  'days_lost',
  'broken_weeks',
  'school_weeks',
  'unauthorised_sessions',
  'epn_sessions_in_window',
  'epn_window_start_week',
  'epn_met',
  'epn_provisional',
  'epn_sessions_to_threshold',
  'attendance_return_due',
  'sickness_return_due',
  'suggested_stage',
  'stage_reasons',
  'current_stage',
  'review_due',
  'data_problems',
  'as_of',
  'policy',
] as const;

/**
 * The flagged list as CSV for Excel: UTF-8 with BOM, RFC 4180 quoting, text cells starting with
 * `= + - @` neutralised (engine/csv.ts). Attendance % is rounded to one decimal for display only.
 */
export function flaggedCsv(pupils: readonly PupilRow[], asOf: IsoDate, policyId: string): string {
  const rows: CsvValue[][] = [[...EXPORT_COLUMNS]];
  for (const p of pupils) {
    const a = p.attributes ?? {};
    const m = p.measures;
    rows.push([
      p.pupilId,
      p.name,
      a.upn,
      a.yearGroup,
      a.className,
      a.sen,
      a.fsm,
      a.pp,
      a.socialWorker,
      m.possible,
      m.attended,
      m.attendancePct,
      bandText(p.band, m),
      m.persistent,
      m.severe,
      m.daysLost,
      m.brokenWeeks,
      m.schoolWeeks,
      m.unauthorised,
      p.epn.currentSessions,
      p.epn.windowStartWeek,
      p.epn.met,
      p.epn.provisional,
      p.epn.sessionsToThreshold,
      p.attendanceReturn,
      p.sicknessReturn,
      p.stage.label,
      p.stage.reasons.join('; '),
      p.stage.currentStageId,
      p.stage.reviewDue,
      p.findings.map((f) => f.message).join('; '),
      asOf,
      policyId,
    ]);
  }
  return writeCsv(rows, { bom: true });
}
