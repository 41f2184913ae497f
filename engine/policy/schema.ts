// The policy schema: a school's or local authority's attendance policy as data (domain.md §7).
// A policy is validated with zod at every boundary (preset, imported file, stored setting); the
// semantic checks zod cannot express (duplicate ids, band gaps, unknown stage references) live in
// parse-policy.ts. Nothing here is code a policy file can inject: conditions are plain data.

import { z } from 'zod';

// The extension's CSP forbids `new Function`, which zod uses for its fast object parser unless told
// not to. This must run before any schema below is defined.
z.config({ jitless: true });

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Ids: kebab-case, so they are safe as keys, CSS classes and file names. */
export const IdSchema = z
  .string({ error: 'expected a kebab-case id (e.g. "stage-1")' })
  .regex(KEBAB, { error: 'expected a kebab-case id: lower-case letters and digits separated by single hyphens (e.g. "stage-1")' });

const Text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected non-empty text' });

/**
 * An attendance percentage bound with at most one decimal place (96, 96.5, 90.1). One decimal is what
 * the documents print; it lets assignBand compare exactly in integers (1000 × attended ≥ 965 × possible).
 */
export const PctSchema = z
  .number({ error: 'expected a number between 0 and 100' })
  .min(0, { error: 'expected a number between 0 and 100' })
  .max(100, { error: 'expected a number between 0 and 100' })
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, {
    error: 'expected at most one decimal place (e.g. 96 or 96.5)',
  });

const Count = z
  .number({ error: 'expected a whole number ≥ 0' })
  .int({ error: 'expected a whole number ≥ 0' })
  .min(0, { error: 'expected a whole number ≥ 0' });

const PositiveCount = z
  .number({ error: 'expected a whole number ≥ 1' })
  .int({ error: 'expected a whole number ≥ 1' })
  .min(1, { error: 'expected a whole number ≥ 1' });

/** Half-day precision, because a day lost is two sessions (domain.md §3). */
const Days = z
  .number({ error: 'expected a number of days ≥ 0 (whole or half days)' })
  .min(0, { error: 'expected a number of days ≥ 0 (whole or half days)' })
  .refine((v) => Number.isInteger(v * 2), { error: 'expected whole or half days (e.g. 10 or 10.5)' });

// ---- Bands ----------------------------------------------------------------------------------------

/**
 * A band has exactly one bound (checked in parse-policy.ts):
 * - `lowerBound` — pupils at or above it (`inclusive: true`, "≥ 96") or above it (`inclusive: false`, "> 90");
 * - `upperBound` — pupils at or below it (`inclusive: true`, "≤ 90") or below it (`inclusive: false`, "< 90").
 *
 * Picking a band (assign-band.ts): bands are listed best to worst, all lower-bound bands first with
 * falling bounds, then the upper-bound bands with falling bounds. A pupil gets the most severe
 * upper-bound band whose bound they meet (the last one that holds: "severe ≤ 50" beats
 * "persistent ≤ 90"); if none holds, the first lower-bound band that holds. The lowest lower bound and
 * the highest upper bound must meet exactly (> 90 with ≤ 90, or ≥ 90 with < 90) so that every
 * attendance from 0 to 100 gets exactly one band.
 */
export const BandSchema = z.strictObject({
  id: IdSchema,
  label: Text,
  colour: z.string({ error: 'expected a hex colour like "#2e7d32"' }).regex(/^#[0-9a-fA-F]{6}$/, {
    error: 'expected a hex colour like "#2e7d32"',
  }),
  lowerBound: PctSchema.optional(),
  upperBound: PctSchema.optional(),
  inclusive: z.boolean({ error: 'expected true or false' }),
  suggestedActions: z.array(Text, { error: 'expected a list of actions' }),
  /** Where in the policy document the band comes from (shown to users). */
  source: Text,
});

// ---- Stage entry conditions -----------------------------------------------------------------------

const StageRef = IdSchema;

/** Attendance % (year to date) compared with a bound, exactly (domain.md §3). */
const AttendanceClause = z.strictObject({
  kind: z.literal('attendance'),
  op: z.enum(['lt', 'lte', 'gt', 'gte'], { error: 'expected one of "lt", "lte", "gt", "gte"' }),
  pct: PctSchema,
});

/**
 * Unauthorised sessions in the current EPN window (domain.md §4): the window, weeks and codes are the
 * policy's `epn` settings; this clause only sets its own count and comparison (policy 002 Stage 3
 * asks for *more than* 10 while the national threshold is at least 10).
 */
const UnauthorisedInWindowClause = z.strictObject({
  kind: z.literal('unauthorisedInWindow'),
  op: z.enum(['gt', 'gte'], { error: 'expected "gt" or "gte"' }),
  sessions: Count,
});

/** Broken weeks so far this year (domain.md §3): at least `atLeast`, and at least a share of the school weeks. */
const BrokenWeeksClause = z.strictObject({
  kind: z.literal('brokenWeeks'),
  atLeast: PositiveCount,
  percentOfSchoolWeeks: PctSchema.optional(),
});

/** Days lost this year (absence sessions / 2, domain.md §3). */
const DaysLostClause = z.strictObject({
  kind: z.literal('daysLost'),
  op: z.enum(['gt', 'gte'], { error: 'expected "gt" or "gte"' }),
  days: Days,
});

/** The pupil is absent now, on at least day N of the current absence (policy 004 §5 Stages 1–3). */
const CurrentAbsenceClause = z.strictObject({
  kind: z.literal('currentAbsenceDays'),
  atLeast: PositiveCount,
});

/** Case history: the stage has been recorded as started (on or before the as-of date). */
const StageRecordedClause = z.strictObject({
  kind: z.literal('stageRecorded'),
  stage: StageRef,
});

/**
 * Case history: at the review of `stage` (its start + its reviewAfter has passed), attendance has
 * `decreased` (now < then) or `notImproved` (now ≤ then) compared with the attendance recorded when the
 * stage started. The referenced stage must have a review interval.
 */
const AttendanceSinceStageClause = z.strictObject({
  kind: z.literal('attendanceSinceStage'),
  stage: StageRef,
  change: z.enum(['decreased', 'notImproved'], { error: 'expected "decreased" or "notImproved"' }),
});

/**
 * A duration. School days: up to the as-of date, the days the school was open (a weekday with a
 * school session, domain.md §1) where the engine knows the school's sessions, otherwise weekdays;
 * after the as-of date, weekdays (future holidays are not known). See suggest-stage.ts.
 */
export const DurationSchema = z.strictObject({
  days: PositiveCount,
  unit: z.enum(['school', 'calendar'], { error: 'expected "school" or "calendar"' }),
});

/**
 * Case history: at least this long since the stage was last started (or, for a stage with
 * `reviewFrom`, since that event when one is recorded: the stage's clock runs from it).
 */
const DaysSinceStageClause = z.strictObject({
  kind: z.literal('daysSinceStage'),
  stage: StageRef,
  atLeast: DurationSchema,
});

export const ClauseSchema = z.discriminatedUnion(
  'kind',
  [
    AttendanceClause,
    UnauthorisedInWindowClause,
    BrokenWeeksClause,
    DaysLostClause,
    CurrentAbsenceClause,
    StageRecordedClause,
    AttendanceSinceStageClause,
    DaysSinceStageClause,
  ],
  {
    error:
      'expected a condition whose kind is one of attendance, unauthorisedInWindow, brokenWeeks, daysLost, currentAbsenceDays, stageRecorded, attendanceSinceStage, daysSinceStage',
  },
);

/** Holds when every `all` clause holds and, if `any` is given, at least one `any` clause holds. */
export const EntrySchema = z.strictObject({
  all: z.array(ClauseSchema, { error: 'expected a list of conditions' }).optional(),
  any: z.array(ClauseSchema, { error: 'expected a list of conditions' }).optional(),
});

export const StageSchema = z.strictObject({
  id: IdSchema,
  label: Text,
  /** Where in the policy document the stage comes from (shown to users). */
  source: Text,
  entry: EntrySchema,
  /** When the stage is due for review after it starts; null when the document sets none. */
  reviewAfter: DurationSchema.nullable(),
  /**
   * The review interval runs from this recorded event rather than from the stage start, when one is
   * recorded on or after the stage started (the first such; e.g. policy 000 Appendix B1 "targets ...
   * for the next five weeks from the date of the meeting", policy 002 STAGE 3A "the next 15 school
   * days" of the Notice to Improve). The same clock is used by daysSinceStage on this stage.
   */
  reviewFrom: z
    .enum(['letter-sent', 'meeting-held', 'contract-signed', 'notice-to-improve'], {
      error: 'expected one of "letter-sent", "meeting-held", "contract-signed", "notice-to-improve"',
    })
    .optional(),
  actions: z.array(Text, { error: 'expected a list of actions' }).min(1, { error: 'expected at least one action' }),
  /** Judgements the engine cannot make (engagement, targets met): shown as "to confirm" with a suggestion. */
  checks: z.array(Text, { error: 'expected a list of checks' }).optional(),
  /**
   * Conditions reported with the stage but never required to enter it: shown in the reasons when the
   * stage is suggested, and, when they hold, while it is the next stage and not yet suggested (policy
   * 004 §4.2: whether the national penalty-notice threshold is met is considered, not decisive).
   */
  notes: z.array(ClauseSchema, { error: 'expected a list of conditions' }).optional(),
});

// ---- Settings -------------------------------------------------------------------------------------

export const EpnSettingsSchema = z.strictObject({
  threshold: PositiveCount,
  weeks: PositiveCount,
  comparison: z.enum(['gte', 'gt'], { error: 'expected "gte" or "gt"' }),
  codes: z
    .array(z.string({ error: 'expected a register code' }).regex(/^[A-Z][0-9]?$/, { error: 'expected a statutory register code such as "G" or "Y1"' }))
    .min(1, { error: 'expected at least one code' }),
});

/** Statutory returns (domain.md §5), in sessions. */
export const ReturnsSchema = z.strictObject({
  attendanceReturnSessions: PositiveCount,
  sicknessReturnSessions: PositiveCount,
  sicknessWarningSessions: PositiveCount,
});

/** Penalty-notice escalation (domain.md §4; SI 2024/210). Amounts in pounds. */
export const PenaltyNoticeSchema = z.strictObject({
  firstPaidEarly: Count,
  firstPaidLate: Count,
  earlyDays: PositiveCount,
  lateDays: PositiveCount,
  second: Count,
  /** At most this many notices to the same parent for the same pupil within `periodYears` of the first. */
  maxInPeriod: PositiveCount,
  periodYears: PositiveCount,
});

export const PolicySchema = z.strictObject({
  id: IdSchema,
  name: Text,
  /** The document the policy was made from. */
  source: Text,
  description: Text,
  bands: z.array(BandSchema, { error: 'expected a list of bands' }).min(1, { error: 'expected at least one band' }),
  /** Below this many possible sessions the band is "too early to band" (domain.md §3). */
  minSessionsForBanding: Count,
  epn: EpnSettingsSchema,
  returns: ReturnsSchema,
  penaltyNotice: PenaltyNoticeSchema,
  stages: z.array(StageSchema, { error: 'expected a list of stages' }),
});

export type Policy = z.infer<typeof PolicySchema>;
export type Band = z.infer<typeof BandSchema>;
export type Stage = z.infer<typeof StageSchema>;
export type Clause = z.infer<typeof ClauseSchema>;
export type Duration = z.infer<typeof DurationSchema>;
