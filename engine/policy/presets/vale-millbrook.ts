// Preset: Vale Academy Trust — Millbrook Primary School attendance policy,
// policies/001_764e66cea86c1aae.txt (OCR text of a scanned document). Citations: §1 Introduction,
// §4.1 Severe Absenteeism, §4.2 Persistent Absenteeism, §5 Absence Procedures, §11 Strategies (the
// five stages), Appendix 4 "Attendance/Absence Procedure 2023-2024" (flow chart).

import type { Policy } from '../schema.ts';
import { COLOURS, NATIONAL_EPN, NATIONAL_PENALTY_NOTICE, NATIONAL_RETURNS } from './national.ts';

/** §11 Stage 1 / Appendix 4: attendance "monitored weekly (individual basis)". */
const WEEKLY = { days: 7, unit: 'calendar' } as const;

export const VALE_MILLBROOK: Policy = {
  id: 'vale-millbrook',
  name: 'Vale Academy Trust — Millbrook Primary',
  source: 'policies/001_764e66cea86c1aae.txt — Vale Academy Trust, Millbrook Primary School Attendance Policy (Appendix 4 procedure 2023-2024)',
  description:
    'Target 96% (§1, §11). Five stages (§11, Appendix 4): Stage 1 below 92% (teacher chat); Stage 2 attendance decreases further (support offer); Stage 3 no improvement (formal letter, policy and certificate); Stage 4 parenting contract, reviewed after 20 school days and extendable by 20; Stage 5 County referral. Persistent absence (≥ 10% absence) is made known to the County Attendance Team (§4.2); severe absence (≥ 50%) gets an individual attendance plan (§4.1). Home visit by day 3 of an unexplained absence (§5). §9 prints £60 / £120 penalty notices, superseded by the 2024 national amounts used here.',
  bands: [
    {
      // §11: "The minimum expected level of attendance for Millbrook is 96%"; §1 trust target 96% or higher.
      id: 'expected',
      label: 'Expected (96% or above)',
      colour: COLOURS.good,
      lowerBound: 96,
      inclusive: true,
      suggestedActions: ['No action: at or above the minimum expected level (§11).'],
      source: '001 §1; §11',
    },
    {
      // Between the expected level and the Stage 1 trigger (Appendix 4: "FFT report — pupils <92%").
      id: 'below-expected',
      label: 'Below expected (92–96%)',
      colour: COLOURS.watch,
      lowerBound: 92,
      inclusive: true,
      suggestedActions: ['Keep in regular contact with parents if attendance becomes a cause for concern (§3).'],
      source: '001 §11; Appendix 4',
    },
    {
      // §11 Stage 1: "If a child's attendance drops below 92%"; Appendix 4 "<92% Stage 1".
      id: 'below-92',
      label: 'Below 92% (Stage 1 level)',
      colour: COLOURS.risk,
      lowerBound: 90,
      inclusive: false,
      suggestedActions: ['Stage process (§11, Appendix 4): teacher has an informal chat with home; inclusion team monitors weekly.'],
      source: '001 §11 Stage 1; Appendix 4',
    },
    {
      // §4.2: "a 'persistent absentee' when they miss 10% or more schooling" — attendance ≤ 90%.
      id: 'persistent',
      label: 'Persistent absence (≤ 90%)',
      colour: COLOURS.persistent,
      upperBound: 90,
      inclusive: true,
      suggestedActions: [
        'Inform parents immediately (§4.2).',
        'Make the case known to the County Attendance Team (§4.2; §5 "refer the matter ... if attendance moves below 90%").',
        'Put an Action Plan in place; seek consent for a Strengths and Needs form and consider a Team Around the Family (§4.2).',
      ],
      source: '001 §4.2; §5',
    },
    {
      // §4.1: "a 'severe absentee' when they miss 50% or more schooling" — attendance ≤ 50%.
      id: 'severe',
      label: 'Severe absence (≤ 50%)',
      colour: COLOURS.severe,
      upperBound: 50,
      inclusive: true,
      suggestedActions: ['Individual Attendance Plan with multi-agency input; highest priority (§4.1).'],
      source: '001 §4.1',
    },
  ],
  // The policy sets no minimum number of sessions.
  minSessionsForBanding: 0,
  epn: NATIONAL_EPN,
  returns: NATIONAL_RETURNS,
  penaltyNotice: NATIONAL_PENALTY_NOTICE,
  stages: [
    {
      id: 'stage-1',
      label: 'Stage 1 — informal chat',
      // §11: "Stage 1: If a child's attendance drops below 92%, his or her teacher will have an informal chat".
      source: '001 §11 Stage 1; Appendix 4 "<92% Stage 1"',
      entry: { all: [{ kind: 'attendance', op: 'lt', pct: 92 }] },
      reviewAfter: WEEKLY,
      actions: ['Class teacher has an informal chat / information share with home.', 'Inclusion team monitors attendance weekly.'],
    },
    {
      id: 'stage-2',
      label: 'Stage 2 — support offered',
      // §11: "Stage 2: If the child's attendance decreased further"; Appendix 4 "Attendance decreases - Stage 2".
      source: '001 §11 Stage 2; Appendix 4',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'stage-1', change: 'decreased' }] },
      reviewAfter: WEEKLY,
      actions: ['A member of the attendance team (HSLW) makes contact and offers support to the family.'],
    },
    {
      id: 'stage-3',
      label: 'Stage 3 — formal letter',
      // §11: "Stage 3: If there is no improvement" (Appendix 4's chart says "Attendance decreases"; the
      // text's wider "no improvement" is used).
      source: '001 §11 Stage 3; Appendix 4',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'stage-2', change: 'notImproved' }] },
      reviewAfter: WEEKLY,
      actions: ['Send a formal letter with the school attendance policy and the child’s current attendance certificate.'],
    },
    {
      id: 'stage-4',
      label: 'Stage 4 — parenting contract',
      // Appendix 4: "Attendance decreases — Stage 4: Parenting contract is put in place by HSLW"; §11 Stage 4.
      source: '001 §11 Stage 4; Appendix 4',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'stage-3', change: 'decreased' }] },
      // Appendix 4: "Contract reviewed after 20 school days".
      reviewAfter: { days: 20, unit: 'school' },
      actions: [
        'HSLW puts a parenting contract in place (can be managed without parental consent).',
        'At the 20-school-day review, if attendance has not improved, extend the contract for a further 20 school days.',
      ],
    },
    {
      id: 'stage-5',
      label: 'Stage 5 — County referral',
      // Appendix 4: no improvement at the contract review → contract extended for a further 20 school
      // days → "Stage 5 County referral by SLT". So: not improved, and 40 school days since Stage 4.
      source: '001 §11 Stage 5; Appendix 4',
      entry: {
        all: [
          { kind: 'attendanceSinceStage', stage: 'stage-4', change: 'notImproved' },
          { kind: 'daysSinceStage', stage: 'stage-4', atLeast: { days: 40, unit: 'school' } },
        ],
      },
      reviewAfter: null,
      actions: ['Senior leadership team makes a referral to the County Attendance Team.'],
    },
  ],
};
