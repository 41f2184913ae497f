// Shared engine types: the contract between the engine, the report command, storage, the background
// and the UI. Pure data, no behaviour. See ../shared/domain.md for the rules behind each field.

export type Half = 'AM' | 'PM';

/** A calendar date as `YYYY-MM-DD` (no time zone: school dates are local calendar dates). */
export type IsoDate = string;

/**
 * A session key: `epochDay * 2 + (PM ? 1 : 0)`, where epochDay is the number of days since
 * 1970-01-01 of the calendar date. Integers keep the hot loops free of string work.
 */
export type SessionKey = number;

/** One mark as read from an MIS page or export. `code` is the statutory code (or the raw text when unknown). */
export interface MarkRow {
  date: IsoDate;
  session: Half;
  code: string;
}

/** Descriptive attributes an MIS shows for a pupil. All optional: exports and pages differ. */
export interface PupilAttributes {
  upn?: string;
  yearGroup?: string;
  className?: string;
  sex?: string;
  sen?: string; // e.g. 'N' (none), 'K' (SEN support), 'E' (EHCP)
  fsm?: boolean;
  pp?: boolean;
  socialWorker?: boolean;
  /** Date of birth, when the export gives it (compulsory school age, domain.md §9). */
  dateOfBirth?: IsoDate;
}

/**
 * One pupil's mark history in dense form. Slot `i` is the session `firstKey + i`
 * (so even keys are AM, odd keys PM). `''` means no mark / no row for that session.
 */
export interface PupilHistory {
  pupilId: string;
  name: string;
  attributes?: PupilAttributes;
  firstKey: SessionKey;
  codes: string[];
}

/** A school week, named by the date of its Monday. */
export type WeekId = IsoDate;

// ---- Case history (what people actually did), used by stage suggestion -------------------------

export type CaseEventKind =
  | 'stage-started'
  | 'letter-sent'
  | 'meeting-held'
  | 'contract-signed'
  | 'notice-to-improve'
  | 'penalty-notice'
  | 'referral'
  | 'outcome'
  | 'note';

export interface CaseEvent {
  kind: CaseEventKind;
  date: IsoDate;
  /** For 'stage-started': the policy's stage id. */
  stageId?: string;
  /** For 'penalty-notice': which parent (escalation is per parent, per pupil). */
  parent?: string;
  note?: string;
  /**
   * For 'stage-started': the pupil's year-to-date attended and possible sessions when the stage was
   * recorded, so "attendance has not improved / has decreased since stage X started" (policy
   * conditions) can be judged exactly later. Optional: without it that judgement is not made.
   */
  attendance?: { attended: number; possible: number };
}

// ---- Results ------------------------------------------------------------------------------------

export interface EpnResult {
  /** Unauthorised (EPN-counting) sessions in the current window. */
  currentSessions: number;
  met: boolean;
  /** Met only because of `N` sessions (without them it would not be). */
  provisional: boolean;
  sessionsToThreshold: number;
  /** Monday of the window's first and last week; null when there are no school weeks. */
  windowStartWeek: WeekId | null;
  windowEndWeek: WeekId | null;
  /** Monday of the last week of the earliest window that reached the threshold. */
  firstMetWeek: WeekId | null;
  maxInAnyWindow: number;
  /** `N` sessions in the current window (evidence for "provisional"). */
  currentN: number;
  /** The session keys counted in the current window (evidence shown in popovers). */
  currentKeys: SessionKey[];
}

export interface Spell {
  startKey: SessionKey;
  endKey: SessionKey;
  sessions: number;
  codes: string[];
}

export interface DataQualityFinding {
  kind: 'missing-mark' | 'stale-n' | 'unknown-code' | 'on-boundary' | 'legacy-code';
  message: string;
  keys?: SessionKey[];
}

/** Year-to-date measures for one pupil (domain.md §3). */
export interface PupilMeasures {
  possible: number;
  present: number;
  aea: number;
  authorised: number;
  unauthorised: number;
  /** (present + aea) — the numerator of attendance %. */
  attended: number;
  /** Rounded half up to one decimal, for display only; null when possible = 0. */
  attendancePct: number | null;
  persistent: boolean;
  severe: boolean;
  absenceSessions: number;
  daysLost: number;
  lates: number; // L
  latesAfterClose: number; // U
  brokenWeeks: number;
  schoolWeeks: number;
  spells: Spell[];
  /** pattern[weekday 0=Mon..4=Fri][0=AM,1=PM] = absence sessions. */
  pattern: number[][];
  missingMarks: number;
  unknownCodes: number;
  /** Count of sessions per code (original codes, year to date). */
  codeCounts: Record<string, number>;
  /** First and last session key of the pupil on roll this year (first/last marked session). */
  firstKey: SessionKey | null;
  lastKey: SessionKey | null;
  /** I sessions in the academic year (sickness return). */
  illnessSessions: number;
  longestIllnessRun: number;
  longestUnauthorisedRun: number;
}

// ---- Settings shared by the engine and policies -------------------------------------------------

/** EPN threshold settings (domain.md §4). National default: 10 sessions of G N O U in 10 school weeks, `>=`. */
export interface EpnSettings {
  threshold: number;
  weeks: number;
  /** 'gte': met when count >= threshold (national); 'gt': more than threshold (policy 002 Stage 3). */
  comparison: 'gte' | 'gt';
  codes: string[];
}

export interface BandResult {
  /** The policy's band id; null when the pupil has no possible sessions or is too early to band. */
  id: string | null;
  label: string | null;
  colour: string | null;
  /** Below the policy's minimum sessions for banding ("too early to band"). */
  tooEarly: boolean;
}

export interface StageSuggestion {
  /** The suggested stage id (the next step), or null when none is suggested. */
  id: string | null;
  label: string | null;
  /** Plain-English reasons, e.g. "attendance 91.4% is below 92%; no stage recorded". */
  reasons: string[];
  /** When the pupil's current recorded stage is due for review; null if no stage is recorded. */
  reviewDue: IsoDate | null;
  /** The stage recorded most recently in the case history, if any. */
  currentStageId: string | null;
}

/** Everything the engine says about one pupil. */
export interface PupilResult {
  pupilId: string;
  name: string;
  attributes?: PupilAttributes;
  measures: PupilMeasures;
  epn: EpnResult;
  attendanceReturn: boolean;
  sicknessReturn: boolean;
  /** Within 5 days (10 sessions) of the sickness return. */
  sicknessWarning: boolean;
  band: BandResult;
  stage: StageSuggestion;
  findings: DataQualityFinding[];
}
