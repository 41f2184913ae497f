// Preset: Peterborough Diocese Education Trust attendance policy (Nov 2023),
// policies/000_4c7a7f212e846769.txt. Citations: §1 Introduction (definitions), §6.2–6.4, §9,
// Appendix B1 (process when attendance falls below certain levels), Appendix B2 (legal intervention).

import type { Policy } from '../schema.ts';
import { COLOURS, NATIONAL_EPN, NATIONAL_PENALTY_NOTICE, NATIONAL_RETURNS } from './national.ts';

export const PDET_TRUST: Policy = {
  id: 'pdet-trust',
  name: 'PDET trust policy',
  source: 'policies/000_4c7a7f212e846769.txt — Peterborough Diocese Education Trust, Attendance Policy (November 2023)',
  description:
    'Poor attendance below 96%; at risk 90.1–95.9%; persistent ≤ 90%; severe ≤ 50% (§1). Appendix B1: at-risk letter or meeting; persistent-absence letter, meeting, 5-week targets and parent contract; continued persistent absence: SAST referral and 6-week contract; then ESO / prosecution (Appendix B2). "At risk 90.1–95.9" is read exactly as above 90% and below 96% so that no figure falls between bands. §9 prints £60 / £120 penalty notices, superseded by the 2024 national amounts used here.',
  bands: [
    {
      // §1: "Poor attendance: is a generic term for attendance below 96%" — so 96% and above is not poor.
      id: 'good',
      label: '96% or above',
      colour: COLOURS.good,
      lowerBound: 96,
      inclusive: true,
      suggestedActions: ['No action: attendance is not "poor" (§1).'],
      source: '000 §1 (poor attendance is below 96%)',
    },
    {
      // §1: "At risk in terms of absence means: attendance 90.1% - 95.9% (inclusive)"; read as > 90 so
      // 90.05% (which displays as 90.1%) is at risk rather than in no band.
      id: 'at-risk',
      label: 'At risk (90.1–95.9%)',
      colour: COLOURS.concern,
      lowerBound: 90,
      inclusive: false,
      suggestedActions: [
        'At the Headteacher’s discretion, notify parents by letter, app or text of concerns about absence and its impact on learning (Appendix B1, At Risk Support).',
        'At the Headteacher’s discretion, request a meeting with the parent (Appendix B1, At Risk Support).',
      ],
      source: '000 §1; Appendix B1 "At Risk Support: Attendance 90.1% - 95.9%"',
    },
    {
      // §1: "Persistent absence means: attendance ≤ 90%".
      id: 'persistent',
      label: 'Persistent absence (≤ 90%)',
      colour: COLOURS.persistent,
      upperBound: 90,
      inclusive: true,
      suggestedActions: [
        'Follow Appendix B1 "Persistent Absenteeism Support".',
        // §6.2: evidence of appointments "must be provided" only "where their attendance is below 90%";
        // this band includes exactly 90% (§1 "≤ 90%"), so the action says which part of the band it is for.
        'Below 90% (not at exactly 90%): evidence of medical and dental appointments must be provided (§6.2).',
        'Work with the local authority to put additional targeted support in place (§6.4).',
      ],
      source: '000 §1; §6.4; Appendix B1 "Persistent Absenteeism Support: Attendance ≤90%"',
    },
    {
      // §1: "Severely absent means: attendance ≤ 50%"; §6.4 top priority; B1 NB same process applies.
      id: 'severe',
      label: 'Severe absence (≤ 50%)',
      colour: COLOURS.severe,
      upperBound: 50,
      inclusive: true,
      suggestedActions: [
        'Top priority: work with all relevant services for intensive support, e.g. a whole family plan, EHCP consideration or alternative provision (§6.4).',
        'The persistent-absence process in Appendix B1 also applies (Appendix B1, NB).',
      ],
      source: '000 §1; §6.4; Appendix B1 NB',
    },
  ],
  // The policy sets no minimum number of sessions.
  minSessionsForBanding: 0,
  epn: NATIONAL_EPN,
  returns: NATIONAL_RETURNS,
  penaltyNotice: NATIONAL_PENALTY_NOTICE,
  stages: [
    {
      id: 'at-risk-support',
      label: 'At risk support',
      // §6.3: "absence falling below 96% (calculated cumulatively) the process set out in Appendix B1 will be followed".
      source: '000 §6.3; Appendix B1 "At Risk Support"',
      entry: { all: [{ kind: 'attendance', op: 'lt', pct: 96 }] },
      // Appendix A (Academy Specific Information, "Promoting and Incentivising Good Attendance"): "In our
      // academy we monitor attendance data each half term" — a half term, read as 6 weeks (42 days).
      // (§6.3's "every short term" says the same for the trust.)
      reviewAfter: { days: 42, unit: 'calendar' },
      actions: [
        'At the Headteacher’s discretion, send a letter, app message or text about the level of absence and its impact on learning.',
        'At the Headteacher’s discretion, request a meeting with the parent.',
      ],
    },
    {
      id: 'pa-support',
      label: 'Persistent absenteeism support',
      // Appendix B1 "Persistent Absenteeism Support: Attendance ≤90%".
      source: '000 Appendix B1 "Persistent Absenteeism Support: Attendance ≤90%"',
      entry: { all: [{ kind: 'attendance', op: 'lte', pct: 90 }] },
      // Appendix B1: "Attendance targets to be set at meeting for the next five weeks from the date of the
      // meeting": reviewed 5 weeks from the meeting when one is recorded, otherwise from the stage start.
      reviewAfter: { days: 35, unit: 'calendar' },
      reviewFrom: 'meeting-held',
      actions: [
        'Letter to parents about the high level of absence with a request for a meeting.',
        'Set attendance targets at the meeting for the next five weeks.',
        'Tell parents the School Attendance Support Team (SAST) will be informed if there is no improvement.',
        'Consider an Early Help Assessment (EHA).',
        'Record further absences as unauthorised unless accompanied by evidence (e.g. a doctor’s note).',
        'Put an academy parent contract in place.',
      ],
    },
    {
      id: 'continued-pa-support',
      label: 'Continued persistent absenteeism support',
      // Appendix B1 "Continued Persistent Absenteeism Support": "no improvement / targets have not been met / sustained".
      source: '000 Appendix B1 "Continued Persistent Absenteeism Support"',
      entry: {
        all: [
          { kind: 'attendance', op: 'lte', pct: 90 },
          { kind: 'attendanceSinceStage', stage: 'pa-support', change: 'notImproved' },
        ],
      },
      // Appendix B1: "Academy parent contract to be put in place for 6 weeks".
      reviewAfter: { days: 42, unit: 'calendar' },
      actions: [
        'Letter to parents: no improvement / targets not met, with a request for a meeting.',
        'Refer to SAST and invite SAST to the meeting.',
        'Reconsider an EHA as appropriate.',
        'Academy parent contract for 6 weeks (signed by the child too, if appropriate).',
      ],
      checks: ['The five-week targets set at the meeting have not been met or sustained (Appendix B1).'],
    },
    {
      id: 'formal-legal',
      label: 'Formal support and legal intervention',
      // Appendix B1: "If academy parenting contract does not sufficiently improve attendance, or there is
      // non-engagement and all other avenues have been exhausted" → Appendix B2.
      source: '000 Appendix B1 (final heading); Appendix B2',
      entry: { all: [{ kind: 'attendanceSinceStage', stage: 'continued-pa-support', change: 'notImproved' }] },
      reviewAfter: null,
      actions: ['Proceed to an Education Supervision Order, statutory children’s social care involvement or attendance prosecution, as appropriate (Appendix B2).'],
      checks: ['The parenting contract has not sufficiently improved attendance, or there is non-engagement and all other avenues are exhausted (Appendix B1).'],
    },
  ],
};
