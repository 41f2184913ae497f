// Suggests the next stage of a policy's staged process for one pupil, with plain-English reasons
// (domain.md §7: stages are suggestions with reasons; a person records what was actually done, and the
// engine uses that record for the next suggestion and for review dates).
//
// Rules chosen here (pinned by suggest-stage.test.ts):
// - The current stage is the latest 'stage-started' event dated on or before asOf (same date: the later
//   event in the list wins). Events after asOf are ignored, as marks after asOf are (domain.md §1).
// - When an earlier stage of the sequence is recorded again (Stage 1 → 2 → 3, then Stage 1 again), the
//   case has gone back: the starts of stages LATER in the sequence than the current one, all recorded
//   before it, no longer count as reached (stageRecorded, attendanceSinceStage, daysSinceStage), and a
//   reason says so. Stages earlier in the sequence keep their latest start.
// - The suggestion is the HIGHEST stage after the current one whose entry conditions hold; the current
//   stage and those before it are never suggested. Order is enforced by the policy's own conditions
//   where the document requires it ("Stage 3 needs Stage 1–2 evidence" is a stageRecorded condition;
//   "no improvement since Stage 2" needs Stage 2 recorded), and where a document lets a school go
//   straight to a later step (Russell Street Stage Four "attendance below 95%", DfE "90% and below") the
//   school would expect that step, not a walk through the earlier ones.
// - A stage's clock starts when it is recorded as started, or, for a stage with `reviewFrom`, at the
//   first event of that kind recorded on or after the start (the meeting, the notice to improve).
//   reviewDue is that date plus the stage's reviewAfter; when asOf is past it, a reason says the review
//   is overdue.
// - School days: up to asOf, where the school calendar is given (compute-school.ts), the weekdays the
//   school had a session (domain.md §1), so holidays and closures inferred from the marks are skipped;
//   before the first school session known, and after asOf, weekdays — future holidays are not known, so
//   a review that spans one comes due early rather than late, and the reason says so.
// - "Improved / decreased since the stage started" compares year-to-date attendance, which restarts
//   each academic year (domain.md §1). When the stage started in an earlier academic year than asOf the
//   two figures are not comparable: the engine does not claim improvement (or decrease), says why, and
//   lets the condition hold so that escalation is not blocked on a comparison it cannot make — a
//   person confirms.
// - No possible sessions, or fewer than the policy's minSessionsForBanding: no suggestion (§3, §8.4).

import { academicYearStart, addDays, fromEpochDay, keyDay, mondayOf, sessionLabel, shortDate, toEpochDay, weekdayOfDay } from '../dates.ts';
import type { SchoolCalendar } from '../school-calendar.ts';
import type { CaseEvent, EpnResult, IsoDate, PupilMeasures, StageSuggestion } from '../types.ts';
import { comparePct, formatBound, formatPct, pctTenths, roundedPct, type PctOp } from './compare-pct.ts';
import type { Clause, Duration, Policy, Stage } from './schema.ts';
import { plural } from '../plural.ts';

export interface SuggestStageInput {
  measures: PupilMeasures;
  /** The current EPN window computed with the policy's `epn` settings. */
  epn: EpnResult;
  attendanceReturn: boolean;
  sicknessReturn: boolean;
  /**
   * The school calendar inferred from the marks (compute-school.ts), so that school days skip the
   * holidays and closures up to asOf. Without it school days are weekdays.
   */
  calendar?: SchoolCalendar;
}

interface Ctx {
  m: PupilMeasures;
  epn: EpnResult;
  policy: Policy;
  asOf: IsoDate;
  asOfDay: number;
  /** Latest start event of each stage id that counts as reached, on or before asOf. */
  starts: ReadonlyMap<string, CaseEvent>;
  /** Everything recorded for the pupil (for the events a stage's clock may run from). */
  history: CaseEvent[];
  /** Whether an epoch day counts as a school day. */
  schoolDay: (day: number) => boolean;
}

interface Verdict {
  holds: boolean;
  text: string;
}

// ---- dates ----------------------------------------------------------------------------------------

function isWeekday(day: number): boolean {
  return weekdayOfDay(day) < 5;
}

/**
 * Which days are school days (see the rules at the top): with a calendar, a weekday up to its as-of
 * date on which the school had a session; before its first school session and after its as-of date,
 * any weekday.
 */
function schoolDayTest(cal: SchoolCalendar | undefined): (day: number) => boolean {
  if (cal === undefined || cal.sessions.length === 0) return isWeekday;
  const first = keyDay(cal.sessions[0] as number);
  const last = keyDay(cal.asOfKey);
  return (d) => {
    if (weekdayOfDay(d) >= 5) return false;
    if (d < first || d > last) return true;
    return cal.isSchoolSession(2 * d) || cal.isSchoolSession(2 * d + 1);
  };
}

/** School days d with from < d ≤ to (epoch days). */
function schoolDaysBetween(from: number, to: number, schoolDay: (day: number) => boolean): number {
  let n = 0;
  for (let d = from + 1; d <= to; d++) if (schoolDay(d)) n++;
  return n;
}

/** The date `dur` after `start`: calendar days, or the n-th school day after it. */
function addDuration(start: IsoDate, dur: Duration, schoolDay: (day: number) => boolean): IsoDate {
  if (dur.unit === 'calendar') return addDays(start, dur.days);
  let d = toEpochDay(start);
  let left = dur.days;
  while (left > 0) {
    d++;
    if (schoolDay(d)) left--;
  }
  return fromEpochDay(d);
}

function human(d: IsoDate): string {
  return shortDate(toEpochDay(d));
}

// ---- wording --------------------------------------------------------------------------------------

function shortLabel(stage: Stage): string {
  // Preset labels read "Stage 2 — support offered"; the part before the dash reads better in a sentence.
  const dash = stage.label.indexOf(' — ');
  return dash < 0 ? stage.label : stage.label.slice(0, dash);
}

const OP_WORD: Record<PctOp, string> = { lt: 'below', lte: 'at or below', gt: 'above', gte: 'at or above' };

function displayPct(m: PupilMeasures): number {
  return m.attendancePct ?? roundedPct(m.attended, m.possible);
}

function stageById(policy: Policy, id: string): Stage | undefined {
  return policy.stages.find((s) => s.id === id);
}

function stageName(policy: Policy, id: string): string {
  const s = stageById(policy, id);
  return s === undefined ? id : shortLabel(s);
}

const EVENT_WORDS: Record<NonNullable<Stage['reviewFrom']>, string> = {
  'letter-sent': 'the letter sent',
  'meeting-held': 'the meeting held',
  'contract-signed': 'the contract signed',
  'notice-to-improve': 'the notice to improve issued',
};

/** When a stage's clock starts: its start, or the event its `reviewFrom` names (see the rules at the top). */
interface Clock {
  date: IsoDate;
  day: number;
  /** E.g. "the meeting held on 11 Oct"; null when the clock runs from the stage start. */
  from: string | null;
}

function clockOf(stage: Stage | undefined, start: CaseEvent, history: CaseEvent[], asOfDay: number): Clock {
  const startDay = toEpochDay(start.date);
  const kind = stage?.reviewFrom;
  let best: { e: CaseEvent; day: number } | null = null;
  if (kind !== undefined) {
    for (const e of history) {
      if (e.kind !== kind || (e.stageId !== undefined && e.stageId !== stage?.id)) continue;
      let day: number;
      try {
        day = toEpochDay(e.date);
      } catch {
        continue; // an invalid date is no evidence of when the event happened
      }
      // The first such event on or after the start (a later one may be the review meeting itself).
      if (day >= startDay && day <= asOfDay && (best === null || day < best.day)) best = { e, day };
    }
  }
  if (best === null || kind === undefined) return { date: start.date, day: startDay, from: null };
  return { date: best.e.date, day: best.day, from: `${EVENT_WORDS[kind]} on ${human(best.e.date)}` };
}

/** ", counted from the meeting held on 11 Oct" and the caveat about future holidays, as needed. */
function dueNote(clock: Clock, dur: Duration, due: IsoDate, asOf: IsoDate): string {
  let text = clock.from === null ? '' : `, counted from ${clock.from}`;
  if (dur.unit === 'school' && due > asOf) {
    text += `; weekdays after ${human(asOf)} are counted as school days, as future holidays are not known`;
  }
  return text;
}

// ---- clauses --------------------------------------------------------------------------------------

function meetsCount(k: number, op: 'gt' | 'gte', sessions: number): boolean {
  return op === 'gt' ? k > sessions : k >= sessions;
}

const NO_CLAUSES: readonly Clause[] = Object.freeze([]);

/**
 * Whether a clause holds and, when `words` is true, why in plain English. Without words the text may
 * be '': the stage search checks every stage for every pupil but shows the reasons of one, and the
 * wording (percentages, dates) costs far more than the check. (The clauses about recorded stages
 * always word it: they matter only for the few pupils with a stage recorded.)
 */
function evalClause(c: Clause, ctx: Ctx, words: boolean): Verdict {
  const { m, epn, policy } = ctx;
  switch (c.kind) {
    case 'attendance': {
      const holds = comparePct(m.attended, m.possible, c.op, c.pct);
      if (!words) return { holds, text: '' };
      const shown = displayPct(m);
      // When rounding for display would contradict the exact comparison (91.96% shows as 92.0% but is
      // below 92%), give the session counts so the reason is not self-contradictory (domain.md §3).
      const shownAgrees = comparePct(Math.round(shown * 10), 1000, c.op, c.pct) === holds;
      const figure = shownAgrees ? formatPct(shown) : `${formatPct(shown)} (${m.attended} of ${m.possible} sessions, before rounding)`;
      return { holds, text: `attendance ${figure} is ${holds ? '' : 'not '}${OP_WORD[c.op]} ${formatBound(c.pct)}` };
    }
    case 'unauthorisedInWindow': {
      const n = epn.currentSessions;
      const holds = meetsCount(n, c.op, c.sessions);
      if (!words) return { holds, text: '' };
      const weeks = policy.epn.weeks;
      let to = '';
      if (epn.windowEndWeek !== null) {
        // The window ends with the as-of date, or with the Friday of its last school week (§8.3).
        const end = mondayOf(ctx.asOf) === epn.windowEndWeek ? ctx.asOf : addDays(epn.windowEndWeek, 4);
        to = ` to ${human(end)}`;
      }
      const cmp = c.op === 'gt' ? `more than ${c.sessions}` : `at least ${c.sessions}`;
      let text = `${plural(n, 'unauthorised session')} in the ${weeks} school weeks${to} is ${holds ? '' : 'not '}${cmp}`;
      if (holds && !meetsCount(n - epn.currentN, c.op, c.sessions)) {
        // domain.md §4: met only because of N sessions — provisional.
        text += ` — provisional: it counts ${plural(epn.currentN, 'N session')} (reason not yet provided), which must be resolved before any action`;
      }
      return { holds, text };
    }
    case 'brokenWeeks': {
      const b = m.brokenWeeks;
      const w = m.schoolWeeks;
      const share = c.percentOfSchoolWeeks;
      const holds = b >= c.atLeast && (share === undefined || 1000 * b >= pctTenths(share) * w);
      if (!words) return { holds, text: '' };
      const need = share === undefined ? `at least ${c.atLeast}` : `at least ${c.atLeast} and at least ${formatBound(share)} of school weeks`;
      return { holds, text: `${plural(b, 'broken week')} out of ${plural(w, 'school week')} is ${holds ? '' : 'not '}${need}` };
    }
    case 'daysLost': {
      // Exact on sessions: days lost > 10 ⇔ absence sessions > 20.
      const s = m.absenceSessions;
      const holds = c.op === 'gt' ? s > 2 * c.days : s >= 2 * c.days;
      if (!words) return { holds, text: '' };
      const days = s / 2;
      const cmp = c.op === 'gt' ? `more than ${c.days}` : `at least ${c.days}`;
      return { holds, text: `${days} ${days === 1 ? 'day' : 'days'} absent this school year is ${holds ? '' : 'not '}${cmp}` };
    }
    case 'currentAbsenceDays': {
      const last = m.spells[m.spells.length - 1];
      // The pupil is absent now when the latest spell of absence reaches the last marked session.
      if (last === undefined || m.lastKey === null || last.endKey !== m.lastKey) {
        if (!words) return { holds: false, text: '' };
        return { holds: false, text: `not absent at the last marked session, so not on day ${c.atLeast} of an absence` };
      }
      // A spell that starts in the afternoon still counts its first day (key parity: odd = PM).
      const day = Math.ceil((last.sessions + (last.startKey & 1)) / 2);
      const holds = day >= c.atLeast;
      if (!words) return { holds, text: '' };
      return {
        holds,
        text: `day ${day} of the current absence (absent since ${sessionLabel(last.startKey)}) is ${holds ? '' : 'not yet '}day ${c.atLeast} or later`,
      };
    }
    case 'stageRecorded': {
      const ev = ctx.starts.get(c.stage);
      if (!words) return { holds: ev !== undefined, text: '' };
      const name = stageName(policy, c.stage);
      return ev === undefined
        ? { holds: false, text: `${name} has not been recorded` }
        : { holds: true, text: `${name} recorded on ${human(ev.date)}` };
    }
    case 'attendanceSinceStage': {
      const ev = ctx.starts.get(c.stage);
      const stage = stageById(policy, c.stage);
      const name = stageName(policy, c.stage);
      if (ev === undefined || stage === undefined) return { holds: false, text: `${name} has not been recorded` };
      if (stage.reviewAfter !== null) {
        const clock = clockOf(stage, ev, ctx.history, ctx.asOfDay);
        const due = addDuration(clock.date, stage.reviewAfter, ctx.schoolDay);
        if (ctx.asOfDay < toEpochDay(due)) {
          return {
            holds: false,
            text: `${name} started ${human(ev.date)}; its review is not due until ${human(due)}${dueNote(clock, stage.reviewAfter, due, ctx.asOf)}`,
          };
        }
      }
      const then = ev.attendance;
      if (then === undefined || then.possible <= 0) {
        return {
          holds: false,
          text: `${name} started ${human(ev.date)} without the attendance at that time recorded, so improvement cannot be judged`,
        };
      }
      const figures = `${formatPct(roundedPct(then.attended, then.possible))} then, ${formatPct(displayPct(m))} now`;
      if (academicYearStart(ev.date) !== academicYearStart(ctx.asOf)) {
        // Year-to-date attendance restarts on 1 August (domain.md §1): the two figures cover different
        // school years, so neither an improvement nor a decrease can be read from them. The condition
        // holds so that escalation is not blocked on a comparison that cannot be made; a person judges.
        const change = c.change === 'decreased' ? 'decreased' : 'improved';
        return {
          holds: true,
          text: `${name} started ${shortDate(toEpochDay(ev.date), true)}, in an earlier school year: attendance then and now (${figures}) are for different school years, so whether it has ${change} cannot be judged from them and it is not counted as ${change === 'improved' ? 'an improvement' : 'a decrease'} — to confirm by a person`,
        };
      }
      // now < then ⇔ attended·possible₀ < attended₀·possible (exact).
      const diff = m.attended * then.possible - then.attended * m.possible;
      if (c.change === 'decreased') {
        const holds = diff < 0;
        return { holds, text: `${name} started ${human(ev.date)}; attendance has ${holds ? '' : 'not '}decreased since (${figures})` };
      }
      const holds = diff <= 0;
      return { holds, text: `${name} started ${human(ev.date)}; attendance has ${holds ? 'not improved' : 'improved'} (${figures})` };
    }
    case 'daysSinceStage': {
      const ev = ctx.starts.get(c.stage);
      const name = stageName(policy, c.stage);
      if (ev === undefined) return { holds: false, text: `${name} has not been recorded` };
      const clock = clockOf(stageById(policy, c.stage), ev, ctx.history, ctx.asOfDay);
      const n = c.atLeast.unit === 'school' ? schoolDaysBetween(clock.day, ctx.asOfDay, ctx.schoolDay) : ctx.asOfDay - clock.day;
      const unit = c.atLeast.unit === 'school' ? 'school day' : 'calendar day';
      const holds = n >= c.atLeast.days;
      const since = clock.from === null ? `${name} started ${human(ev.date)}` : `${name} started ${human(ev.date)}; ${clock.from}`;
      return {
        holds,
        text: `${since}, ${plural(n, unit)} ago: ${holds ? 'at least' : 'fewer than'} ${c.atLeast.days}`,
      };
    }
  }
}

/** Entry holds when all `all` clauses hold and, if there are `any` clauses, at least one holds. */
function entryHolds(stage: Stage, ctx: Ctx): boolean {
  const all = stage.entry.all ?? NO_CLAUSES;
  const any = stage.entry.any ?? NO_CLAUSES;
  if (all.length + any.length === 0) return false;
  for (const c of all) if (!evalClause(c, ctx, false).holds) return false;
  if (any.length === 0) return true;
  for (const c of any) if (evalClause(c, ctx, false).holds) return true;
  return false;
}

/** entryHolds, with the reasons in words: why it holds, and why not. */
function evalEntry(stage: Stage, ctx: Ctx): { holds: boolean; reasons: string[]; failures: string[] } {
  const all = (stage.entry.all ?? []).map((c) => evalClause(c, ctx, true));
  const any = (stage.entry.any ?? []).map((c) => evalClause(c, ctx, true));
  const allOk = all.every((v) => v.holds);
  const anyOk = any.length === 0 || any.some((v) => v.holds);
  const reasons = [...all.map((v) => v.text), ...any.filter((v) => v.holds).map((v) => v.text)];
  const failures = [...all.filter((v) => !v.holds).map((v) => v.text)];
  if (!anyOk) failures.push(`none of: ${any.map((v) => v.text).join('; ')}`);
  return { holds: allOk && anyOk && all.length + any.length > 0, reasons, failures };
}

// ---- penalty notices -------------------------------------------------------------------------------

/**
 * Escalation per parent, per pupil (domain.md §4; SI 2024/210): a second notice within `periodYears` of
 * the first costs `second`; no more than `maxInPeriod` within `periodYears` of the first — other action
 * must be considered. Notices recorded after asOf are ignored.
 */
function penaltyNoticeNotes(history: CaseEvent[], policy: Policy, asOf: IsoDate): string[] {
  const pn = policy.penaltyNotice;
  const out: string[] = [];
  if (history.length === 0) return out; // most pupils: nothing recorded
  const byParent = new Map<string, IsoDate[]>();
  for (const e of history) {
    if (e.kind !== 'penalty-notice' || !(e.date <= asOf)) continue;
    const parent = e.parent?.trim() || 'the parent';
    byParent.set(parent, [...(byParent.get(parent) ?? []), e.date]);
  }
  for (const [parent, dates] of byParent) {
    dates.sort();
    // The period runs from the first notice; ISO strings compare as dates (29 Feb + 3 years compares correctly too).
    const plusYears = (d: IsoDate) => `${String(Number(d.slice(0, 4)) + pn.periodYears).padStart(4, '0')}${d.slice(4)}`;
    const first = dates.find((d) => asOf < plusYears(d));
    if (first === undefined) continue;
    const inPeriod = dates.filter((d) => d >= first).length;
    if (inPeriod >= pn.maxInPeriod) {
      out.push(
        `${plural(inPeriod, 'penalty notice')} issued to ${parent} since ${shortDate(toEpochDay(first), true)}: no further notice can be issued before ${shortDate(toEpochDay(plusYears(first).replace('-02-29', '-02-28')), true)}, so other action (e.g. prosecution) must be considered`,
      );
    } else {
      out.push(
        `${plural(inPeriod, 'penalty notice')} issued to ${parent} since ${shortDate(toEpochDay(first), true)}: a further notice to the same parent for this pupil would cost £${pn.second}`,
      );
    }
  }
  return out;
}

// ---- main -----------------------------------------------------------------------------------------

/** Shared by every pupil with no stage recorded (most of them); never written to. */
const NO_STARTS: ReadonlyMap<string, CaseEvent> = new Map();

/**
 * Stage starts on or before asOf, oldest first; a stable sort keeps list order for the same date.
 * A start with an invalid date is left out, with a note saying so.
 */
function stageStarts(history: CaseEvent[], asOfDay: number, notes: string[]): CaseEvent[] {
  if (history.length === 0) return []; // most pupils: nothing recorded
  return history
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind === 'stage-started' && typeof e.stageId === 'string')
    .filter(({ e }) => {
      try {
        return toEpochDay(e.date) <= asOfDay;
      } catch {
        notes.push(`a recorded stage with an invalid date (${JSON.stringify(e.date)}) was ignored`);
        return false;
      }
    })
    .sort((a, b) => toEpochDay(a.e.date) - toEpochDay(b.e.date) || a.i - b.i)
    .map(({ e }) => e);
}

/** "10 school days" for 20 sessions; "10.5 school days" for 21. */
function schoolDaysOf(sessions: number): string {
  const days = sessions / 2;
  return `${days} school ${days === 1 ? 'day' : 'days'}`;
}

/** The next stage for a pupil under a policy, given what has been recorded, as of a date. */
export function suggestStage(input: SuggestStageInput, policy: Policy, history: CaseEvent[], asOf: IsoDate): StageSuggestion {
  const asOfDay = toEpochDay(asOf);
  const notes: string[] = [];

  const starts = stageStarts(history, asOfDay, notes);
  const current = starts[starts.length - 1];
  const currentStageId = current?.stageId ?? null;
  const currentIndex = currentStageId === null ? -1 : policy.stages.findIndex((s) => s.id === currentStageId);
  const currentStage = currentIndex >= 0 ? policy.stages[currentIndex] : undefined;
  const schoolDay = schoolDayTest(input.calendar);

  // The latest start of each stage that counts as reached (a later start of the same stage replaces an
  // earlier one). Stages later in the sequence than the current one were all started before it: the
  // case has gone back to an earlier stage, so they no longer count (see the rules at the top).
  let latest = NO_STARTS;
  const setAside: string[] = [];
  if (starts.length > 0) {
    const map = new Map<string, CaseEvent>();
    for (const e of starts) map.set(e.stageId as string, e);
    if (currentStage !== undefined) {
      for (const [id, e] of map) {
        if (policy.stages.findIndex((s) => s.id === id) <= currentIndex) continue;
        map.delete(id);
        setAside.push(
          `${stageName(policy, id)} (recorded ${human(e.date)}) no longer counts as reached: ${shortLabel(currentStage)} was recorded again on ${human((current as CaseEvent).date)}`,
        );
      }
    }
    latest = map;
  }

  const clock = current === undefined ? null : clockOf(currentStage, current, history, asOfDay);
  const reviewDue =
    clock !== null && currentStage !== undefined && currentStage.reviewAfter !== null
      ? addDuration(clock.date, currentStage.reviewAfter, schoolDay)
      : null;

  const context: string[] = [];
  if (current === undefined) context.push('no stage recorded');
  else if (currentStage === undefined) context.push(`recorded stage "${currentStageId}" is not a stage of the policy "${policy.name}"`);
  else {
    const due =
      reviewDue === null || clock === null || currentStage.reviewAfter === null
        ? ''
        : `, review due ${human(reviewDue)}${dueNote(clock, currentStage.reviewAfter, reviewDue, asOf)}`;
    context.push(`current stage: ${currentStage.label} (started ${human(current.date)}${due})`);
    if (reviewDue !== null && asOfDay > toEpochDay(reviewDue)) {
      context.push(`review of ${shortLabel(currentStage)} was due ${shortDate(toEpochDay(reviewDue), true)} — overdue`);
    }
    context.push(...setAside);
  }

  notes.push(...penaltyNoticeNotes(history, policy, asOf));
  if (input.attendanceReturn) {
    notes.push(`an attendance return to the local authority is due (${schoolDaysOf(policy.returns.attendanceReturnSessions)} of unauthorised absence)`);
  }
  if (input.sicknessReturn) {
    notes.push(`a sickness return to the local authority is due (${schoolDaysOf(policy.returns.sicknessReturnSessions)} of illness)`);
  }

  const none = (reasons: string[]): StageSuggestion => ({
    id: null,
    label: null,
    reasons: [...reasons, ...notes],
    reviewDue,
    currentStageId,
  });

  const m = input.measures;
  if (m.possible <= 0) return none(['no possible sessions yet, so no stage is suggested', ...context]);
  if (m.possible < policy.minSessionsForBanding) {
    return none([
      `too early to band: ${plural(m.possible, 'possible session')}, fewer than the ${policy.minSessionsForBanding} this policy needs, so no stage is suggested`,
      ...context,
    ]);
  }
  if (current !== undefined && currentStage === undefined) return none([...context, 'no stage is suggested until it is corrected']);

  const ctx: Ctx = { m, epn: input.epn, policy, asOf, asOfDay, starts: latest, history, schoolDay };
  // Only stages after the current one: the current stage is never suggested again.
  for (let i = policy.stages.length - 1; i > currentIndex; i--) {
    const stage = policy.stages[i] as Stage;
    if (!entryHolds(stage, ctx)) continue;
    const r = evalEntry(stage, ctx);
    const checks = (stage.checks ?? []).map((c) => `to confirm: ${c}`);
    const stageNotes = (stage.notes ?? NO_CLAUSES).map((c) => evalClause(c, ctx, true).text);
    return {
      id: stage.id,
      label: stage.label,
      reasons: [...r.reasons, ...stageNotes, ...context, ...checks, ...notes],
      reviewDue,
      currentStageId,
    };
  }

  const next = policy.stages[currentIndex + 1];
  if (next === undefined) {
    return none([...context, currentStage === undefined ? 'this policy has no stages' : `${shortLabel(currentStage)} is the last stage of this policy`]);
  }
  const r = evalEntry(next, ctx);
  // A note that holds is worth saying even though the stage does not apply yet (schema.ts Stage.notes).
  const nextNotes = (next.notes ?? NO_CLAUSES)
    .map((c) => evalClause(c, ctx, true))
    .filter((v) => v.holds)
    .map((v) => `noted for ${shortLabel(next)}: ${v.text}`);
  return none([...context, `no further stage applies yet: for ${shortLabel(next)}, ${r.failures.join('; ')}`, ...nextNotes]);
}
