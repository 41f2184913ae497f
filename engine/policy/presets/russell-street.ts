// Preset: Russell Street School attendance policy (reviewed November 2025),
// policies/004_eb0e8097953a3f92.txt. Citations: §4.2 Legal sanctions, §5 Strategies for promoting
// attendance (Stages One to Four), §6 Reducing persistent and severe absence, §7 Attendance monitoring,
// Appendix 1 (Attendance Meeting: target 96.5%), Appendix 2 (Attendance Contract).

import type { Policy } from '../schema.ts';
import { COLOURS, NATIONAL_EPN, NATIONAL_PENALTY_NOTICE, NATIONAL_RETURNS } from './national.ts';

/**
 * §5 sets no review date for the attendance meeting or the contract ("If attendance does not improve
 * using the above strategies", Appendices 1–2). This preset reviews after 6 calendar weeks (about one
 * half term): a preset choice, NOT from the document.
 */
const HALF_TERM = { days: 42, unit: 'calendar' } as const;

export const RUSSELL_STREET: Policy = {
  id: 'russell-street',
  name: 'Russell Street School',
  source: 'policies/004_eb0e8097953a3f92.txt — Russell Street School Attendance Policy (reviewed November 2025)',
  description:
    'Target 96.5% (Appendix 1). Stage One: days 1–2 of an absence (calls); Stage Two: day 3 (teacher / DSL call, support); Stage Three: week two of absence or attendance close to (below) 96.5% (attendance meeting); Stage Four: more than 10 days absent or attendance below 95% (attendance contract); then the local authority and sanctions when the contract has not improved attendance by its review (§5 Stage Four; the national EPN threshold is noted, §4.2). Persistent absence ≥ 10% absence, severe ≥ 50% (§6, §7). "More than 10 days" is read as days absent this school year. Review intervals for Stages Three and Four are a preset choice (6 weeks), not from the document.',
  bands: [
    {
      // Appendix 1: "below the target for all students of 96.5%".
      id: 'target',
      label: 'At or above target (96.5%)',
      colour: COLOURS.good,
      lowerBound: 96.5,
      inclusive: true,
      suggestedActions: ['No action: at or above the school target (Appendix 1).'],
      source: '004 Appendix 1',
    },
    {
      // §5 Stage Three: "absence falling close to 96.5%" — below target but not yet below 95% (Stage Four).
      id: 'below-target',
      label: 'Below target (95–96.5%)',
      colour: COLOURS.concern,
      lowerBound: 95,
      inclusive: true,
      suggestedActions: ['Stage Three: invite parents to an Attendance Meeting with the Senior Attendance Champion (§5, Appendix 1).'],
      source: '004 §5 Stage Three; Appendix 1',
    },
    {
      // §5 Stage Four: "absence falling below 95%".
      id: 'below-95',
      label: 'Below 95%',
      colour: COLOURS.risk,
      lowerBound: 90,
      inclusive: false,
      suggestedActions: ['Stage Four: attendance contract meeting (§5, Appendix 2).'],
      source: '004 §5 Stage Four',
    },
    {
      // §7: "If a pupil's individual overall absence rate is greater than or equal to 10%, the pupil will be
      // classified as a persistent absentee"; §6.
      id: 'persistent',
      label: 'Persistent absence (≤ 90%)',
      colour: COLOURS.persistent,
      upperBound: 90,
      inclusive: true,
      suggestedActions: [
        'Hold regular meetings with parents to discuss attendance, listen to barriers, explain help and consequences (§6).',
        'Provide access to wider support services with the local authority; consider alternative support (§6).',
      ],
      source: '004 §6; §7',
    },
    {
      // §6: "severe absence is where a pupil misses 50% or more of school".
      id: 'severe',
      label: 'Severe absence (≤ 50%)',
      colour: COLOURS.severe,
      upperBound: 50,
      inclusive: true,
      suggestedActions: ['Agree a joint approach with the local authority (Appendix 4, severely absent pupils); regular meetings as for persistent absence (§6).'],
      source: '004 §6; Appendix 4',
    },
  ],
  // The policy sets no minimum number of sessions.
  minSessionsForBanding: 0,
  // §4.2: "the national threshold for considering a penalty notice ... (10 sessions of unauthorised absence in a rolling period of 10 school weeks)".
  epn: NATIONAL_EPN,
  returns: NATIONAL_RETURNS,
  // §4.2: first notice £80 within 21 days or £160 within 28; second £160; no third within 3 years.
  penaltyNotice: NATIONAL_PENALTY_NOTICE,
  stages: [
    {
      id: 'stage-1',
      label: 'Stage One — first-day calls',
      // §5 "Stage One (Day One and Two of absence)".
      source: '004 §5 Stage One',
      entry: { all: [{ kind: 'currentAbsenceDays', atLeast: 1 }] },
      reviewAfter: null,
      actions: ['Office staff expect a call before 9:00am; if none, call all contacts on the contact list to find out why the child is not in school.'],
    },
    {
      id: 'stage-2',
      label: 'Stage Two — day three call',
      // §5 "Stage Two (Day Three of absence)"; §7 "If a pupil's absence goes above 3 days we may contact the parents".
      source: '004 §5 Stage Two; §7',
      entry: { all: [{ kind: 'currentAbsenceDays', atLeast: 3 }] },
      reviewAfter: null,
      actions: [
        'The teacher, year group lead, DSL or Senior Attendance Champion calls the parents to find out why the child is still absent and offers support.',
        'In exceptional circumstances, a home visit.',
      ],
    },
    {
      id: 'stage-3',
      label: 'Stage Three — attendance meeting',
      // §5 "Stage Three (Week two of absence or absence falling close to 96.5%)": week two starts on
      // school day 6 of the absence; "close to 96.5%" is read as below the 96.5% target (Appendix 1).
      source: '004 §5 Stage Three; Appendix 1',
      entry: {
        any: [
          { kind: 'currentAbsenceDays', atLeast: 6 },
          { kind: 'attendance', op: 'lt', pct: 96.5 },
        ],
      },
      reviewAfter: HALF_TERM,
      actions: [
        'Invite parents to an Attendance Meeting with the Senior Attendance Champion (in school or by telephone).',
        'Agree measures; send a follow-up e-mail with the attendance rate and strategies; log the meeting on CPOMS.',
      ],
    },
    {
      id: 'stage-4',
      label: 'Stage Four — attendance contract',
      // §5 "Stage Four (More than 10 days of absence or absence falling below 95%)"; Appendix 1: "If
      // attendance does not improve using the above strategies, then an Attendance Contract will be put in place".
      source: '004 §5 Stage Four; Appendix 1; Appendix 2',
      entry: {
        any: [
          { kind: 'daysLost', op: 'gt', days: 10 },
          { kind: 'attendance', op: 'lt', pct: 95 },
          { kind: 'attendanceSinceStage', stage: 'stage-3', change: 'notImproved' },
        ],
      },
      reviewAfter: HALF_TERM,
      actions: ['Attendance contract meeting: parents and school agree and sign measures (Appendix 2); log on CPOMS.'],
    },
    {
      id: 'stage-5',
      label: 'Local authority and sanctions',
      // §5 Stage Four: "If the contract fails to improve attendance, the local authority will be contacted and
      // legal sanctions may take place – see section 4.2": only once the contract has been in place until its
      // review (HALF_TERM, a preset choice) and attendance has not improved since it started. §4.2: whether the
      // national threshold (10 sessions in 10 school weeks) is met is one thing considered before a penalty
      // notice, not a trigger on its own, so it is a note rather than an entry condition.
      source: '004 §5 Stage Four (last paragraph); §4.2; Appendix 2',
      entry: {
        all: [
          { kind: 'stageRecorded', stage: 'stage-4' },
          { kind: 'attendanceSinceStage', stage: 'stage-4', change: 'notImproved' },
        ],
      },
      notes: [{ kind: 'unauthorisedInWindow', op: 'gte', sessions: 10 }],
      reviewAfter: null,
      actions: [
        'Contact the local authority about legal sanctions (§4.2).',
        'Before a penalty notice, consider whether it is the best tool, whether a notice to improve or other intervention is better, and Equality Act duties (§4.2).',
      ],
    },
  ],
};
