import { describe, expect, it } from 'vitest';
import { fromEpochDay, sessionKey, toEpochDay, weekdayOfDay } from '../dates.ts';
import { schoolCalendar, type SchoolCalendar } from '../school-calendar.ts';
import { pupil } from '../history.test-support.ts';
import type { CaseEvent, StageSuggestion } from '../types.ts';
import { PRESETS } from './presets/index.ts';
import type { Policy } from './schema.ts';
import { suggestStage } from './suggest-stage.ts';
import { epnFrom, measuresFrom, type MeasureCounts } from './results.test-support.ts';

// Friday 14 Nov 2025; the current EPN window's last week starts Monday 10 Nov.
const AS_OF = '2025-11-14';

function policy(id: string): Policy {
  return PRESETS[id] as Policy;
}

function suggest(
  policyId: string | Policy,
  counts: MeasureCounts,
  opts: {
    history?: CaseEvent[];
    unauth?: number;
    currentN?: number;
    asOf?: string;
    attendanceReturn?: boolean;
    sicknessReturn?: boolean;
    calendar?: SchoolCalendar;
  } = {},
): StageSuggestion {
  return suggestStage(
    {
      measures: measuresFrom(counts),
      epn: epnFrom(opts.unauth ?? 0, { currentN: opts.currentN ?? 0 }),
      attendanceReturn: opts.attendanceReturn ?? false,
      sicknessReturn: opts.sicknessReturn ?? false,
      ...(opts.calendar === undefined ? {} : { calendar: opts.calendar }),
    },
    typeof policyId === 'string' ? policy(policyId) : policyId,
    opts.history ?? [],
    opts.asOf ?? AS_OF,
  );
}

const started = (stageId: string, date: string, attended?: number, possible?: number): CaseEvent => ({
  kind: 'stage-started',
  date,
  stageId,
  ...(attended === undefined || possible === undefined ? {} : { attendance: { attended, possible } }),
});

const text = (s: StageSuggestion) => s.reasons.join('; ');

describe('suggestStage: Vale / Millbrook (001 §11, Appendix 4)', () => {
  it('Stage 1 below 92% with no stage recorded', () => {
    const s = suggest('vale-millbrook', { attended: 229, possible: 250 }); // 91.6%
    expect(s.id).toBe('stage-1');
    expect(s.label).toBe('Stage 1 — informal chat');
    expect(text(s)).toBe('attendance 91.6% is below 92%; no stage recorded');
    expect(s.reviewDue).toBeNull();
    expect(s.currentStageId).toBeNull();
  });

  it('exactly 92% is not below 92%', () => {
    const s = suggest('vale-millbrook', { attended: 230, possible: 250 });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('attendance 92.0% is not below 92%');
  });

  it('Stage 1 recorded and attendance decreased by the weekly review → Stage 2; review due a week after Stage 1', () => {
    const history = [started('stage-1', '2025-11-03', 229, 250)];
    const s = suggest('vale-millbrook', { attended: 228, possible: 252 }, { history }); // 90.48%
    expect(s.id).toBe('stage-2');
    expect(s.currentStageId).toBe('stage-1');
    expect(s.reviewDue).toBe('2025-11-10');
    expect(s.reasons[0]).toBe('Stage 1 started 3 Nov; attendance has decreased since (91.6% then, 90.5% now)');
  });

  it('the same pupil before the weekly review: no suggestion yet, and the reason says when', () => {
    const history = [started('stage-1', '2025-11-03', 229, 250)];
    const s = suggest('vale-millbrook', { attended: 228, possible: 252 }, { history, asOf: '2025-11-07' });
    expect(s.id).toBeNull();
    expect(s.reviewDue).toBe('2025-11-10');
    expect(text(s)).toContain('its review is not due until 10 Nov');
  });

  it('attendance improved since Stage 1: no Stage 2', () => {
    const history = [started('stage-1', '2025-11-03', 229, 250)];
    const s = suggest('vale-millbrook', { attended: 239, possible: 260 }, { history }); // 91.9% > 91.6%
    expect(s.id).toBeNull();
    expect(text(s)).toContain('attendance has not decreased since (91.6% then, 91.9% now)');
  });

  it('a case-history entry changes the suggestion: the same pupil is Stage 1 without it, nothing with Stage 1 recorded and no change', () => {
    const counts = { attended: 229, possible: 250 };
    expect(suggest('vale-millbrook', counts).id).toBe('stage-1');
    const s = suggest('vale-millbrook', counts, { history: [started('stage-1', '2025-11-03', 229, 250)] });
    expect(s.id).toBeNull();
    expect(s.currentStageId).toBe('stage-1');
  });

  it('stage events after the as-of date are ignored', () => {
    const history = [started('stage-1', '2025-11-03', 229, 250), started('stage-2', '2025-11-20', 228, 252)];
    const s = suggest('vale-millbrook', { attended: 228, possible: 252 }, { history });
    expect(s.currentStageId).toBe('stage-1');
    expect(s.id).toBe('stage-2');
  });

  it('Stage 2 → Stage 3 when there is no improvement (equal attendance counts as no improvement)', () => {
    const history = [started('stage-1', '2025-10-06', 229, 250), started('stage-2', '2025-10-13', 220, 240)];
    const s = suggest('vale-millbrook', { attended: 231, possible: 252 }, { history }); // 91.67% = 220/240
    expect(s.id).toBe('stage-3');
    expect(s.reviewDue).toBe('2025-10-20');
    expect(s.reasons[0]).toContain('attendance has not improved');
  });

  it('Stage 4 contract: reviewed after 20 school days; County referral only after the 20-day extension (40 school days)', () => {
    const history = [started('stage-4', '2025-11-03', 200, 240)];
    const worse = { attended: 230, possible: 280 };
    const atReview = suggest('vale-millbrook', worse, { history, asOf: '2025-12-01' });
    expect(atReview.reviewDue).toBe('2025-12-01'); // Mon 3 Nov + 20 weekdays
    expect(atReview.id).toBeNull();
    expect(text(atReview)).toContain('Stage 4 started 3 Nov, 20 school days ago: fewer than 40');
    const afterExtension = suggest('vale-millbrook', worse, { history, asOf: '2025-12-29' });
    expect(afterExtension.id).toBe('stage-5');
    expect(text(afterExtension)).toContain('40 school days ago: at least 40');
  });

  it('a stage recorded without the attendance at the time cannot be judged', () => {
    const s = suggest('vale-millbrook', { attended: 200, possible: 250 }, { history: [started('stage-1', '2025-11-03')] });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('Stage 1 started 3 Nov without the attendance at that time recorded, so improvement cannot be judged');
  });

  it('the last stage has nothing after it', () => {
    const s = suggest('vale-millbrook', { attended: 100, possible: 250 }, { history: [started('stage-5', '2025-11-03', 120, 250)] });
    expect(s.id).toBeNull();
    expect(s.reviewDue).toBeNull();
    expect(text(s)).toContain('Stage 5 is the last stage of this policy');
  });
});

describe('suggestStage: Stockport EWS (002)', () => {
  const s1s2 = [started('stage-1', '2025-09-15', 230, 250), started('stage-2', '2025-10-06', 225, 250)];

  it('Stage 3 needs Stage 1–2 evidence and MORE THAN 10 unauthorised sessions in 10 school weeks', () => {
    const s = suggest('stockport-ews', { attended: 200, possible: 230, unauthorised: 20 }, { history: s1s2, unauth: 12 });
    expect(s.id).toBe('stage-3');
    expect(s.reasons).toContain('12 unauthorised sessions in the 10 school weeks to 14 Nov is more than 10');
    expect(s.reasons).toContain('Stage 1 recorded on 15 Sep');
    expect(text(s)).toContain('to confirm: Parents are not engaging');
  });

  it('exactly 10 unauthorised sessions is not more than 10', () => {
    const s = suggest('stockport-ews', { attended: 200, possible: 230, unauthorised: 20 }, { history: s1s2, unauth: 10 });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('10 unauthorised sessions in the 10 school weeks to 14 Nov is not more than 10');
  });

  it('without a recorded Stage 1 there is no Stage 3 referral', () => {
    const s = suggest('stockport-ews', { attended: 200, possible: 230, unauthorised: 20 }, { history: s1s2.slice(1), unauth: 12 });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('Stage 1 has not been recorded');
  });

  it('a count that holds only because of N sessions is marked provisional', () => {
    const s = suggest('stockport-ews', { attended: 200, possible: 230, unauthorised: 20 }, { history: s1s2, unauth: 11, currentN: 3 });
    expect(s.id).toBe('stage-3');
    expect(text(s)).toContain('provisional: it counts 3 N sessions');
  });

  it('Stage 1 noticing: persistent absence, or broken weeks in at least half the school weeks', () => {
    expect(suggest('stockport-ews', { attended: 225, possible: 250 }).id).toBe('stage-1');
    expect(suggest('stockport-ews', { attended: 226, possible: 250 }).id).toBeNull();
    const half = suggest('stockport-ews', { attended: 234, possible: 250, brokenWeeks: 4, schoolWeeks: 8 });
    expect(half.id).toBe('stage-1');
    expect(half.reasons[0]).toBe('4 broken weeks out of 8 school weeks is at least 2 and at least 50% of school weeks');
    expect(suggest('stockport-ews', { attended: 234, possible: 250, brokenWeeks: 3, schoolWeeks: 8 }).id).toBeNull();
  });

  it('Stage 3 recorded and the EPN threshold met → 3A Notice to Improve; 3A is reviewed after 15 school days', () => {
    const history = [...s1s2, started('stage-3', '2025-10-20', 200, 230)];
    const s = suggest('stockport-ews', { attended: 200, possible: 240, unauthorised: 20 }, { history, unauth: 10 });
    expect(s.id).toBe('stage-3a');
    expect(s.reviewDue).toBeNull(); // Stage 3 has no review interval of its own
    const h2 = [...history, started('stage-3a', '2025-11-03', 200, 240)];
    const s2 = suggest('stockport-ews', { attended: 205, possible: 250, unauthorised: 20 }, { history: h2, unauth: 10 });
    expect(s2.currentStageId).toBe('stage-3a');
    expect(s2.reviewDue).toBe('2025-11-24'); // Mon 3 Nov + 15 weekdays
    expect(s2.id).toBeNull(); // 3B only after the 3 months' monitoring
  });
});

describe('suggestStage: Russell Street (004 §5)', () => {
  it('exactly 95% is below the 96.5% target (Stage Three) but not below 95% (Stage Four)', () => {
    const s = suggest('russell-street', { attended: 190, possible: 200 });
    expect(s.id).toBe('stage-3');
    expect(s.reasons[0]).toBe('attendance 95.0% is below 96.5%');
  });

  it('below 95% → Stage Four, straight from no stage', () => {
    const s = suggest('russell-street', { attended: 189, possible: 200 });
    expect(s.id).toBe('stage-4');
    expect(s.reasons[0]).toBe('attendance 94.5% is below 95%');
  });

  it('more than 10 days absent → Stage Four; exactly 10 days is not more than 10', () => {
    const more = suggest('russell-street', { attended: 419, possible: 440 }); // 95.2%, 21 sessions
    expect(more.id).toBe('stage-4');
    expect(more.reasons[0]).toBe('10.5 days absent this school year is more than 10');
    const ten = suggest('russell-street', { attended: 420, possible: 440 }); // 95.5%, 20 sessions
    expect(ten.id).toBe('stage-3');
  });

  it('exactly 96.5% is on target; 96.49% shows as 96.5% but is below, and the reason gives the sessions', () => {
    expect(suggest('russell-street', { attended: 193, possible: 200 }).id).toBeNull();
    const s = suggest('russell-street', { attended: 385, possible: 399 }); // 96.491…%, 7 days absent
    expect(s.id).toBe('stage-3');
    expect(s.reasons[0]).toBe('attendance 96.5% (385 of 399 sessions, before rounding) is below 96.5%');
  });

  it('days of the current absence: day 1–2 Stage One, day 3 Stage Two', () => {
    const last = sessionKey('2025-11-14', 'PM');
    const spell = (start: number) => ({ startKey: start, endKey: last, sessions: last - start + 1, codes: [] });
    // Absent Thursday and Friday (4 sessions): day 2.
    const day2 = suggest('russell-street', { attended: 396, possible: 400, spells: [spell(sessionKey('2025-11-13', 'AM'))], lastKey: last });
    expect(day2.id).toBe('stage-1');
    expect(day2.reasons[0]).toBe('day 2 of the current absence (absent since Thu 13 Nov AM) is day 1 or later');
    // From Wednesday afternoon: 5 sessions over 3 days.
    const day3 = suggest('russell-street', { attended: 395, possible: 400, spells: [spell(sessionKey('2025-11-12', 'PM'))], lastKey: last });
    expect(day3.id).toBe('stage-2');
    // The same absence, but the pupil came back for the last marked session: not absent now.
    const back = suggest('russell-street', {
      attended: 396,
      possible: 400,
      spells: [{ startKey: sessionKey('2025-11-12', 'PM'), endKey: last - 1, sessions: 4, codes: [] }],
      lastKey: last,
    });
    expect(back.id).toBeNull();
  });

  it('Stage Four recorded and the national EPN threshold met, the contract not yet reviewed: no LA stage, but the threshold is noted', () => {
    // 004 §5 Stage Four: "If the contract fails to improve attendance, the local authority will be contacted".
    const history = [started('stage-4', '2025-11-03', 180, 200)];
    const s = suggest('russell-street', { attended: 190, possible: 210, unauthorised: 12 }, { history, unauth: 10 });
    expect(s.id).toBeNull();
    expect(s.reviewDue).toBe('2025-12-15'); // 3 Nov + 42 days (preset choice)
    expect(text(s)).toContain('for Local authority and sanctions, Stage Four started 3 Nov; its review is not due until 15 Dec');
    expect(s.reasons).toContain('noted for Local authority and sanctions: 10 unauthorised sessions in the 10 school weeks to 14 Nov is at least 10');
  });

  it('the contract has not improved attendance by its review → local authority and sanctions, with the EPN threshold in the reasons', () => {
    const history = [started('stage-4', '2025-11-03', 180, 200)];
    const s = suggest('russell-street', { attended: 215, possible: 240, unauthorised: 12 }, { history, unauth: 10, asOf: '2025-12-15' }); // 89.6% < 90%
    expect(s.id).toBe('stage-5');
    expect(s.reasons[0]).toBe('Stage Four recorded on 3 Nov');
    expect(s.reasons[1]).toBe('Stage Four started 3 Nov; attendance has not improved (90.0% then, 89.6% now)');
    expect(s.reasons[2]).toContain('10 unauthorised sessions in the 10 school weeks');
    // Below the threshold the note still says so when the stage is suggested (§4.2: it is considered).
    const below = suggest('russell-street', { attended: 215, possible: 240, unauthorised: 4 }, { history, unauth: 4, asOf: '2025-12-15' });
    expect(below.id).toBe('stage-5');
    expect(text(below)).toContain('4 unauthorised sessions in the 10 school weeks to 14 Nov is not at least 10');
  });

  it('the contract improved attendance by its review: no LA stage, whatever the EPN count', () => {
    const history = [started('stage-4', '2025-11-03', 180, 200)];
    const s = suggest('russell-street', { attended: 220, possible: 240, unauthorised: 12 }, { history, unauth: 10, asOf: '2025-12-15' }); // 91.7%
    expect(s.id).toBeNull();
    expect(text(s)).toContain('attendance has improved (90.0% then, 91.7% now)');
    expect(text(s)).toContain('noted for Local authority and sanctions: 10 unauthorised sessions');
  });
});

describe('suggestStage: DfE support-first (003) and PDET (000)', () => {
  it('DfE: 90% and below goes straight to facilitate support; 93.6% listen and understand; 94% nothing', () => {
    expect(suggest('dfe-support-first', { attended: 225, possible: 250 }).id).toBe('facilitate-support');
    expect(suggest('dfe-support-first', { attended: 234, possible: 250 }).id).toBe('listen-understand');
    expect(suggest('dfe-support-first', { attended: 235, possible: 250 }).id).toBeNull();
  });

  it('DfE: no improvement at the review of facilitate support → formalise support, with the judgement left to a person', () => {
    const history = [started('facilitate-support', '2025-09-01', 225, 250)];
    const s = suggest('dfe-support-first', { attended: 224, possible: 250 }, { history });
    expect(s.id).toBe('formalise-support');
    expect(s.reviewDue).toBe('2025-10-13');
    expect(text(s)).toContain('Facilitate support started 1 Sep; attendance has not improved (90.0% then, 89.6% now)');
    expect(text(s)).toContain('to confirm: Voluntary support is not working');
    expect(text(s)).toContain('current stage: Facilitate support (started 1 Sep, review due 13 Oct)');
  });

  it('DfE: improved (though still below 90%) → no escalation', () => {
    const history = [started('facilitate-support', '2025-09-01', 200, 250)];
    const s = suggest('dfe-support-first', { attended: 212, possible: 250 }, { history });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('attendance has improved (80.0% then, 84.8% now)');
  });

  it('PDET: at risk below 96%, persistent at 90%, and 90.05% is at risk', () => {
    expect(suggest('pdet-trust', { attended: 239, possible: 250 }).id).toBe('at-risk-support');
    expect(suggest('pdet-trust', { attended: 240, possible: 250 }).id).toBeNull();
    expect(suggest('pdet-trust', { attended: 225, possible: 250 }).id).toBe('pa-support');
    expect(suggest('pdet-trust', { attended: 1801, possible: 2000 }).id).toBe('at-risk-support');
  });

  it('PDET: five-week targets not met → continued PA support; review 5 weeks after the PA stage', () => {
    const history = [started('at-risk-support', '2025-09-15', 235, 250), started('pa-support', '2025-10-06', 220, 250)];
    const s = suggest('pdet-trust', { attended: 250, possible: 290 }, { history }); // 86.2% < 88%
    expect(s.id).toBe('continued-pa-support');
    expect(s.reviewDue).toBe('2025-11-10');
    expect(s.currentStageId).toBe('pa-support');
  });
});

describe('suggestStage: edges', () => {
  it('no possible sessions → no suggestion, and says why', () => {
    const s = suggest('vale-millbrook', { attended: 0, possible: 0 });
    expect(s.id).toBeNull();
    expect(s.reasons[0]).toBe('no possible sessions yet, so no stage is suggested');
  });

  it('too early to band → no suggestion, but the review date of a recorded stage is still given', () => {
    const strict: Policy = { ...policy('vale-millbrook'), minSessionsForBanding: 20 };
    const s = suggest(strict, { attended: 10, possible: 19 }, { history: [started('stage-1', '2025-11-03', 5, 10)] });
    expect(s.id).toBeNull();
    expect(s.reasons[0]).toBe('too early to band: 19 possible sessions, fewer than the 20 this policy needs, so no stage is suggested');
    expect(s.reviewDue).toBe('2025-11-10');
  });

  it('a recorded stage the policy does not know blocks suggestions rather than guessing', () => {
    const s = suggest('vale-millbrook', { attended: 100, possible: 250 }, { history: [started('stage-9', '2025-11-03')] });
    expect(s.id).toBeNull();
    expect(s.currentStageId).toBe('stage-9');
    expect(text(s)).toContain('recorded stage "stage-9" is not a stage of the policy');
  });

  it('two stages recorded on the same day: the later entry is current', () => {
    const history = [started('stage-2', '2025-11-03', 229, 250), started('stage-1', '2025-11-03', 229, 250)];
    expect(suggest('vale-millbrook', { attended: 229, possible: 250 }, { history }).currentStageId).toBe('stage-1');
  });

  it('statutory returns due are added to the reasons', () => {
    const s = suggest('vale-millbrook', { attended: 229, possible: 250 }, { attendanceReturn: true, sicknessReturn: true });
    expect(s.id).toBe('stage-1');
    expect(text(s)).toContain('an attendance return to the local authority is due');
    expect(text(s)).toContain('a sickness return to the local authority is due');
  });

  it('other kinds of case event do not count as stages', () => {
    const history: CaseEvent[] = [{ kind: 'letter-sent', date: '2025-11-03', stageId: 'stage-1' }];
    const s = suggest('vale-millbrook', { attended: 229, possible: 250 }, { history });
    expect(s.currentStageId).toBeNull();
    expect(s.id).toBe('stage-1');
  });

  it('penalty-notice escalation per parent: second costs £160; after two within 3 years, no third', () => {
    const pn = (date: string, parent?: string): CaseEvent => ({ kind: 'penalty-notice', date, ...(parent === undefined ? {} : { parent }) });
    const one = suggest('russell-street', { attended: 199, possible: 200 }, { history: [pn('2024-03-01', 'Mother')] });
    expect(one.reasons).toContain('1 penalty notice issued to Mother since 1 Mar 2024: a further notice to the same parent for this pupil would cost £160');
    const two = suggest('russell-street', { attended: 199, possible: 200 }, { history: [pn('2024-03-01', 'Mother'), pn('2025-01-10', 'Mother'), pn('2025-02-01', 'Father')] });
    expect(two.reasons).toContain(
      '2 penalty notices issued to Mother since 1 Mar 2024: no further notice can be issued before 1 Mar 2027, so other action (e.g. prosecution) must be considered',
    );
    expect(two.reasons).toContain('1 penalty notice issued to Father since 1 Feb 2025: a further notice to the same parent for this pupil would cost £160');
    // Three years after the first, the period has ended; a notice recorded after asOf is ignored.
    const later = suggest('russell-street', { attended: 199, possible: 200 }, { history: [pn('2022-03-01', 'Mother'), pn('2022-09-01', 'Mother'), pn('2026-01-01', 'Mother')] });
    expect(later.reasons.join('; ')).not.toContain('penalty notice');
  });
});

const event = (kind: CaseEvent['kind'], date: string, stageId?: string): CaseEvent => ({ kind, date, ...(stageId === undefined ? {} : { stageId }) });

/** Stockport Stages 1, 2 and 3 recorded in turn, autumn 2025. */
const STOCKPORT_1_TO_3 = [
    started('stage-1', '2025-09-15', 230, 250),
    started('stage-2', '2025-10-06', 225, 250),
    started('stage-3', '2025-10-20', 200, 230),
];

describe('suggestStage: a stage recorded again (going back to an earlier stage)', () => {
  const back = [...STOCKPORT_1_TO_3, started('stage-1', '2025-11-03', 200, 240)];

  it('Stockport 1 → 2 → 3, then Stage 1 again: the later stages no longer count as reached, and the reasons say so', () => {
    const s = suggest('stockport-ews', { attended: 200, possible: 240, unauthorised: 20 }, { history: back, unauth: 12 });
    expect(s.currentStageId).toBe('stage-1');
    expect(s.id).toBeNull(); // not 3A (which needs Stage 3) nor Stage 3 (which needs Stage 2)
    expect(s.reviewDue).toBe('2025-11-17'); // the new Stage 1 + 14 days
    expect(s.reasons).toContain('Stage 2 (recorded 6 Oct) no longer counts as reached: Stage 1 was recorded again on 3 Nov');
    expect(s.reasons).toContain('Stage 3 (recorded 20 Oct) no longer counts as reached: Stage 1 was recorded again on 3 Nov');
  });

  it('at the new Stage 1 review without improvement, Stage 2 is suggested again (not Stage 3 or 3A)', () => {
    const s = suggest('stockport-ews', { attended: 205, possible: 250, unauthorised: 20 }, { history: back, unauth: 12, asOf: '2025-11-17' });
    expect(s.id).toBe('stage-2');
    expect(s.reasons[0]).toBe('Stage 1 started 3 Nov; attendance has not improved (83.3% then, 82.0% now)');
  });

  it('the current stage is never suggested again, even when its entry still holds or it was recorded twice', () => {
    const history = [started('stage-3', '2025-10-01', 190, 200), started('stage-3', '2025-11-03', 190, 200)];
    const s = suggest('russell-street', { attended: 190, possible: 200 }, { history }); // 95.0%: Stage Three's entry holds
    expect(s.currentStageId).toBe('stage-3');
    expect(s.id).toBeNull();
    expect(text(s)).toContain('current stage: Stage Three — attendance meeting (started 3 Nov, review due 15 Dec)');
  });
});

describe('suggestStage: improvement across academic years', () => {
  it('a stage started in June at 85% is not "improved" by 90% year to date in September; escalation is not blocked', () => {
    const history = [started('facilitate-support', '2026-06-10', 170, 200)]; // 85.0%
    const s = suggest('dfe-support-first', { attended: 36, possible: 40 }, { history, asOf: '2026-09-25' }); // 90.0%
    expect(s.id).toBe('formalise-support');
    expect(s.reasons).toContain(
      'Facilitate support started 10 Jun 2026, in an earlier school year: attendance then and now (85.0% then, 90.0% now) are for different school years, so whether it has improved cannot be judged from them and it is not counted as an improvement — to confirm by a person',
    );
    expect(text(s)).not.toContain('has improved (');
  });

  it('"decreased" across years is not claimed either', () => {
    const history = [started('stage-1', '2026-07-01', 229, 250)];
    const s = suggest('vale-millbrook', { attended: 30, possible: 40 }, { history, asOf: '2026-09-25' });
    expect(s.id).toBe('stage-2');
    expect(text(s)).toContain('whether it has decreased cannot be judged from them and it is not counted as a decrease');
  });

  it('within the same academic year the comparison is made as before (July start, July as-of)', () => {
    const history = [started('facilitate-support', '2026-06-01', 170, 200)];
    const s = suggest('dfe-support-first', { attended: 360, possible: 400 }, { history, asOf: '2026-07-20' });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('attendance has improved (85.0% then, 90.0% now)');
  });
});

describe('suggestStage: overdue reviews', () => {
  const history = [started('facilitate-support', '2025-09-01', 200, 250)];

  it('past the review date, a reason says the review is overdue; reviewDue is unchanged', () => {
    const s = suggest('dfe-support-first', { attended: 212, possible: 250 }, { history });
    expect(s.reviewDue).toBe('2025-10-13');
    expect(s.reasons).toContain('review of Facilitate support was due 13 Oct 2025 — overdue');
  });

  it('on the review date itself it is due, not overdue', () => {
    const s = suggest('dfe-support-first', { attended: 212, possible: 250 }, { history, asOf: '2025-10-13' });
    expect(text(s)).not.toContain('overdue');
  });
});

/**
 * A school open every weekday from Mon 1 Sep 2025 to Fri 14 Nov 2025, except half term (27–31 Oct)
 * and an INSET day on Wed 5 Nov, which are `#` for everyone.
 */
function autumnCalendar(from = '2025-09-01'): SchoolCalendar {
  const closed = new Set(['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-05']);
  const tokens: string[] = [];
  for (let day = toEpochDay(from); day <= toEpochDay(AS_OF); day++) {
    if (weekdayOfDay(day) < 5) tokens.push(closed.has(fromEpochDay(day)) ? '# #' : '. .');
  }
  return schoolCalendar([pupil('school', from, tokens.join(' '))], AS_OF);
}

describe('suggestStage: school days follow the school calendar up to the as-of date', () => {
  const history3a = [...STOCKPORT_1_TO_3, started('stage-3a', '2025-11-03', 200, 240)];

  it('Stockport 3A: the INSET day is not a school day, so the 15 school days end a day later; future days are weekdays', () => {
    const counts = { attended: 205, possible: 250, unauthorised: 20 };
    expect(suggest('stockport-ews', counts, { history: history3a, unauth: 10 }).reviewDue).toBe('2025-11-24');
    const s = suggest('stockport-ews', counts, { history: history3a, unauth: 10, calendar: autumnCalendar() });
    expect(s.reviewDue).toBe('2025-11-25');
    expect(text(s)).toContain('review due 25 Nov; weekdays after 14 Nov are counted as school days, as future holidays are not known');
  });

  it('Vale Stage 4: half term and the INSET day are not counted, in the review date or in "school days ago"', () => {
    const history = [started('stage-4', '2025-10-13', 200, 240)];
    const s = suggest('vale-millbrook', { attended: 230, possible: 280 }, { history, calendar: autumnCalendar() });
    expect(s.reviewDue).toBe('2025-11-18'); // without the calendar: 10 Nov
    expect(text(s)).toContain('Stage 4 started 13 Oct, 18 school days ago: fewer than 40'); // 24 weekdays, 6 closed
  });

  it('before the first school session the engine knows of, weekdays are counted', () => {
    const history = [...history3a.slice(0, 3), started('stage-3a', '2025-10-20', 200, 240)];
    // Marks only from Mon 3 Nov: 21–24 Oct count as weekdays, half term is unknown too.
    const s = suggest('stockport-ews', { attended: 205, possible: 250, unauthorised: 20 }, { history, unauth: 10, calendar: autumnCalendar('2025-11-03') });
    expect(s.reviewDue).toBe('2025-11-11'); // 21–24, 27–31 Oct (9), 3, 4, 6, 7 Nov (13), 10, 11 Nov (15)
  });
});

describe('suggestStage: a stage clock that runs from a recorded meeting or notice', () => {
  const pa = [started('at-risk-support', '2025-09-15', 235, 250), started('pa-support', '2025-10-06', 220, 250)];
  const worse = { attended: 250, possible: 290 }; // 86.2% < 88%

  it('PDET: the five-week targets run from the meeting recorded after the stage started', () => {
    const history = [...pa, event('meeting-held', '2025-10-13')];
    const s = suggest('pdet-trust', worse, { history });
    expect(s.reviewDue).toBe('2025-11-17'); // 13 Oct + 35 days, not 6 Oct + 35
    expect(s.id).toBeNull();
    expect(text(s)).toContain('current stage: Persistent absenteeism support (started 6 Oct, review due 17 Nov, counted from the meeting held on 13 Oct)');
    expect(text(s)).toContain('its review is not due until 17 Nov, counted from the meeting held on 13 Oct');
    expect(suggest('pdet-trust', worse, { history, asOf: '2025-11-17' }).id).toBe('continued-pa-support');
  });

  it('PDET: a meeting before the stage, or for another stage, does not move the clock; the first meeting after the start does', () => {
    expect(suggest('pdet-trust', worse, { history: [event('meeting-held', '2025-10-01'), ...pa] }).reviewDue).toBe('2025-11-10');
    expect(suggest('pdet-trust', worse, { history: [...pa, event('meeting-held', '2025-10-13', 'at-risk-support')] }).reviewDue).toBe('2025-11-10');
    const two = [...pa, event('meeting-held', '2025-11-10'), event('meeting-held', '2025-10-13', 'pa-support')];
    expect(suggest('pdet-trust', worse, { history: two }).reviewDue).toBe('2025-11-17');
  });

  it('Stockport 3A: the 15 school days, and the 3 months before 3B, run from the Notice to Improve', () => {
    const history = [
      started('stage-1', '2025-09-15', 230, 250),
      started('stage-2', '2025-10-06', 225, 250),
      started('stage-3', '2025-10-20', 200, 230),
      started('stage-3a', '2025-11-03', 200, 240),
      event('notice-to-improve', '2025-11-05'),
    ];
    const counts = { attended: 205, possible: 250, unauthorised: 20 };
    expect(suggest('stockport-ews', counts, { history, unauth: 10 }).reviewDue).toBe('2025-11-26'); // Wed 5 Nov + 15 weekdays
    // 112 days after the stage start, but 110 after the notice: not yet 3B.
    const s = suggest('stockport-ews', counts, { history, unauth: 10, asOf: '2026-02-23' });
    expect(s.id).toBeNull();
    expect(text(s)).toContain('Stage 3A started 3 Nov; the notice to improve issued on 5 Nov, 110 calendar days ago: fewer than 112');
    expect(suggest('stockport-ews', counts, { history, unauth: 10, asOf: '2026-02-25' }).id).toBe('stage-3b');
  });
});

describe('suggestStage: statutory returns follow the policy settings', () => {
  it("the returns note states the policy's number of days", () => {
    const p: Policy = { ...policy('vale-millbrook'), returns: { attendanceReturnSessions: 30, sicknessReturnSessions: 40, sicknessWarningSessions: 30 } };
    const s = suggest(p, { attended: 229, possible: 250 }, { attendanceReturn: true, sicknessReturn: true });
    expect(s.reasons).toContain('an attendance return to the local authority is due (15 school days of unauthorised absence)');
    expect(s.reasons).toContain('a sickness return to the local authority is due (20 school days of illness)');
  });
});
