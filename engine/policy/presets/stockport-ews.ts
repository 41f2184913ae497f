// Preset: Stockport Education Welfare Service, "Attendance Intervention Staged Process — Guidance for
// Schools" (August 2024), policies/002_648c597b9f109324.txt. Citations: numbered paragraphs (para 5,
// para 20, ...), the stage headings (STAGE 1, STAGE 2, STAGE 3, STAGE 3A, STAGE 3B, STAGE 4) and the
// appendices (Appendix 5 monitoring tasks, Appendix 8 flow chart).

import type { Policy } from '../schema.ts';
import { COLOURS, NATIONAL_EPN, NATIONAL_PENALTY_NOTICE, NATIONAL_RETURNS } from './national.ts';

export const STOCKPORT_EWS: Policy = {
  id: 'stockport-ews',
  name: 'Stockport EWS staged process',
  source: 'policies/002_648c597b9f109324.txt — Stockport Education Welfare Service, Attendance Intervention Staged Process (August 2024)',
  description:
    'Universal offer; Stage 1 noticing (broken weeks as an early signal, para 20); Stage 2 letter and School Attendance Meeting, reviewed every 4–6 weeks; Stage 3 enforcement referral needs Stage 1–2 evidence, non-engagement and MORE THAN 10 unauthorised sessions in 10 school weeks; 3A Notice to Improve (15 school days, then 3 months’ monitoring); 3B attendance contract; Stage 4 legal intervention. The document sets no attendance bands; the bands here are the national persistent (≤ 90%) and severe (≤ 50%) absence definitions (domain.md §3) that its Appendix 5 reports use.',
  bands: [
    {
      // "UNIVERSAL SUPPORT - Getting Advice": every pupil not persistently absent.
      id: 'universal',
      label: 'Universal support',
      colour: COLOURS.good,
      lowerBound: 90,
      inclusive: false,
      suggestedActions: ['Universal offer: whole-school culture, first day calling, regular monitoring of attendance and broken weeks (UNIVERSAL SUPPORT; para 19–20).'],
      source: '002 UNIVERSAL SUPPORT',
    },
    {
      // National persistent absence (domain.md §3); Appendix 5 fortnightly "Persistent Absence report".
      id: 'persistent',
      label: 'Persistent absence (≤ 90%)',
      colour: COLOURS.persistent,
      upperBound: 90,
      inclusive: true,
      suggestedActions: ['Consider where the pupil sits in the Attendance Intervention Staged Process and take the next step (Appendix 5, fortnightly review).'],
      source: '002 Appendix 5; domain.md §3',
    },
    {
      // National severe absence, absence ≥ 50% (domain.md §3): the guidance sets no band of its own, but
      // STAGE 4 PROSECUTION asks "Whether statutory children's social care intervention would be more
      // appropriate ... especially where absence is severe".
      id: 'severe',
      label: 'Severe absence (≤ 50%)',
      colour: COLOURS.severe,
      upperBound: 50,
      inclusive: true,
      suggestedActions: ['Consider whether statutory children’s social care intervention is more appropriate where absence is severe (STAGE 4, PROSECUTION).'],
      source: '002 STAGE 4 PROSECUTION; domain.md §3',
    },
  ],
  // The guidance sets no minimum number of sessions.
  minSessionsForBanding: 0,
  // Para 5: "the statutory threshold of 10 unauthorised absence sessions in 10 school weeks".
  epn: NATIONAL_EPN,
  // Para 6–7: 10-day attendance return and 15-day sickness return.
  returns: NATIONAL_RETURNS,
  // STAGE 3A bullet 3: £80 within 21 days / £160 within 22–28 days; second £160; no more than two in three years.
  penaltyNotice: NATIONAL_PENALTY_NOTICE,
  stages: [
    {
      id: 'stage-1',
      label: 'Stage 1 — noticing period',
      // STAGE 1 "Where attendance is becoming a concern"; no figure is given, so this preset notices
      // persistent absence (Appendix 5 PA report) or broken weeks at the rate para 20 gives as "possible
      // concern" ("2 broken weeks out of 4"): at least 2 broken weeks and at least half the school weeks.
      source: '002 STAGE 1 NOTICING PERIOD; para 20; Appendix 5',
      entry: {
        any: [
          { kind: 'attendance', op: 'lte', pct: 90 },
          { kind: 'brokenWeeks', atLeast: 2, percentOfSchoolWeeks: 50 },
        ],
      },
      // Appendix 5, fortnightly: "Review attendance – consider where individual's absence sits in relation
      // to the Attendance Intervention Process".
      reviewAfter: { days: 14, unit: 'calendar' },
      actions: [
        'Contact the parents to arrange a meeting about attendance; if no contact, send a supportive letter with meeting details.',
        'Listen to and understand barriers; check SEND/EHCP/medical needs; consider a medical action plan where illness is cited (para 28).',
        'Offer early help (Early Help Assessment) where needs go beyond what school can offer.',
        'Inform the pupil’s social worker of any unexplained absences.',
      ],
    },
    {
      id: 'stage-2',
      label: 'Stage 2 — letter and School Attendance Meeting',
      // STAGE 2 (Appendix 7 letter: "attendance remains concerning"): Stage 1 has not improved attendance
      // by its fortnightly review.
      source: '002 STAGE 2; Appendix 7',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'stage-1', change: 'notImproved' }] },
      // STAGE 2: the plan "Should be reviewed every 4-6 weeks" — the earlier end, 4 weeks.
      reviewAfter: { days: 28, unit: 'calendar' },
      actions: [
        'Send the Stage 2 letter (Appendix 7) to parents and adults with day-to-day care, inviting them to a School Attendance Meeting.',
        'At the meeting agree a personalised plan with actions and targets, reviewed every 4–6 weeks.',
        'Offer early help / EHA again if previously refused; consider a medical action plan.',
        'Make a sickness return if 15 days’ illness is expected; make a missing-from-school referral after 10 consecutive unauthorised school days.',
      ],
    },
    {
      id: 'stage-3',
      label: 'Stage 3 — enforcement referral to the LA',
      // STAGE 3: evidence of Stage 1 and Stage 2 actions, non-engagement, "AND More than 10 sessions of
      // unauthorised absence in a rolling period of 10 school weeks"; STAGE 2: "At end of each of the
      // review periods, school should ... decide whether to start the formal process".
      source: '002 STAGE 3',
      entry: {
        all: [
          { kind: 'stageRecorded', stage: 'stage-1' },
          { kind: 'stageRecorded', stage: 'stage-2' },
          { kind: 'daysSinceStage', stage: 'stage-2', atLeast: { days: 28, unit: 'calendar' } },
          { kind: 'unauthorisedInWindow', op: 'gt', sessions: 10 },
        ],
      },
      reviewAfter: null,
      actions: ['Request a school attendance enforcement referral (online form), saying why the parents could do more.'],
      checks: [
        'Parents are not engaging with the School Attendance Contract or any voluntary support offer, e.g. EHA (STAGE 3).',
        'For a child in a TAC/TAF or Child Protection process, the lead professional or social worker has been consulted (STAGE 3).',
      ],
    },
    {
      id: 'stage-3a',
      label: 'Stage 3A — Notice to Improve',
      // STAGE 3A: the LA's Notice to Improve after a Stage 3 referral; para 5: duty to consider EPNs when
      // the statutory threshold (10 in 10) is met.
      source: '002 STAGE 3A; para 5',
      entry: {
        all: [
          { kind: 'stageRecorded', stage: 'stage-3' },
          { kind: 'unauthorisedInWindow', op: 'gte', sessions: 10 },
        ],
      },
      // STAGE 3A: "The NTI advises the parent(s) that if there are any unauthorised absences in the next 15
      // school days, they will receive an EPN": the 15 days run from the notice when it is recorded.
      reviewAfter: { days: 15, unit: 'school' },
      reviewFrom: 'notice-to-improve',
      actions: [
        'The LA issues a Notice to Improve: any unauthorised absence in the next 15 school days leads to an EPN.',
        'At the end of the 15 school days the EWS checks attendance and decides whether to issue an EPN.',
        'The EWS monitors attendance for 3 months after the 15-day period.',
      ],
      checks: ['No significant barriers such as medical, mental health, bullying or complex family issues (STAGE 3A).'],
    },
    {
      id: 'stage-3b',
      label: 'Stage 3B — LA attendance contract',
      // STAGE 3A last bullet: "At the end of the 3 month period, if attendance still meets the threshold for
      // enforcement, i.e. at least 10 unauthorised absences in 10 school weeks ... moved to Stage 3(b)".
      // 15 school days (3 school weeks = 21 calendar days) + 3 months (13 weeks = 91 days) = 112 days,
      // from the Notice to Improve when it is recorded (stage-3a reviewFrom).
      source: '002 STAGE 3A (last bullet); STAGE 3B',
      entry: {
        all: [
          { kind: 'daysSinceStage', stage: 'stage-3a', atLeast: { days: 112, unit: 'calendar' } },
          { kind: 'unauthorisedInWindow', op: 'gte', sessions: 10 },
        ],
      },
      // Appendix 8, Stage 3B: "Set review meeting 4 - 6 weeks".
      reviewAfter: { days: 28, unit: 'calendar' },
      actions: [
        'Explore an attendance contract before any ESO or prosecution (STAGE 3B); parent contract meeting led by the Education Welfare Officer.',
        'The contract states the parents’ requirements, the support school / LA will give, and a plan with timeframes.',
      ],
    },
    {
      id: 'stage-4',
      label: 'Stage 4 — formal legal intervention',
      // STAGE 4: "Parents not engaging with the Attendance Contract will be discussed at a legal planning
      // meeting"; Appendix 8: attendance not improved at the contract review → stage 4.
      source: '002 STAGE 4; Appendix 8',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'stage-3b', change: 'notImproved' }] },
      reviewAfter: null,
      actions: ['Legal planning meeting: decide jointly between an Education Supervision Order and prosecution.'],
      checks: ['Parents are not engaging with the attendance contract (STAGE 4).'],
    },
  ],
};
