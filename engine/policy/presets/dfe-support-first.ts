// Preset: the DfE "support-first" framework as summarised in policies/003_2678648561d0b317.txt
// ("The Support-First Approach to Attendance"), part of *Working together to improve school
// attendance* (DfE, August 2024). The summary has no paragraph numbers; citations name its headings.

import type { Policy } from '../schema.ts';
import { COLOURS, NATIONAL_EPN, NATIONAL_PENALTY_NOTICE, NATIONAL_RETURNS } from './national.ts';

/**
 * The summary sets no review intervals. Stages that escalate "where absence persists" need one, so
 * this preset reviews each stage after 6 calendar weeks (about one half term). This is a preset
 * choice, NOT from the document; a school can change it in its own policy file.
 */
const HALF_TERM = { days: 42, unit: 'calendar' } as const;

export const DFE_SUPPORT_FIRST: Policy = {
  id: 'dfe-support-first',
  name: 'DfE support-first approach',
  source: 'policies/003_2678648561d0b317.txt — "The Support-First Approach to Attendance" (DfE, Working together to improve school attendance, 2024)',
  description:
    'Expect, monitor, listen and understand, facilitate support, formalise support, enforce. Bands follow the printed ranges; the printed ranges leave 95.9–96 and 93.9–94 unassigned and put exactly 90% in two bands, so the bounds are read as ≥ 96, ≥ 94, > 90 and ≤ 90 (persistent absence, domain.md §3). Review intervals are a preset choice (6 weeks), not from the document.',
  bands: [
    {
      // 003 "EXPECT 100% - 96%".
      id: 'expect',
      label: 'Expect',
      colour: COLOURS.good,
      lowerBound: 96,
      inclusive: true,
      suggestedActions: ['Keep up high expectations of attendance and a culture where all want to be in school (003 EXPECT).'],
      source: '003 EXPECT 100% - 96%',
    },
    {
      // 003 "MONITOR 95.9% - 94%": read as ≥ 94 (and below 96) so 95.95% is not left without a band.
      id: 'monitor',
      label: 'Monitor',
      colour: COLOURS.watch,
      lowerBound: 94,
      inclusive: true,
      suggestedActions: ['Use attendance data to spot patterns early, before they become entrenched (003 MONITOR).'],
      source: '003 MONITOR 95.9% - 94%',
    },
    {
      // 003 "LISTEN AND UNDERSTAND 93.9% - 90%": exactly 90% is persistent absence (domain.md §3) and
      // "90% AND BELOW" below, so this band is > 90.
      id: 'listen-understand',
      label: 'Listen and understand',
      colour: COLOURS.concern,
      lowerBound: 90,
      inclusive: false,
      suggestedActions: ['Discuss with the pupil and parents to understand barriers and agree how to resolve them (003 LISTEN AND UNDERSTAND).'],
      source: '003 LISTEN AND UNDERSTAND 93.9% - 90%',
    },
    {
      // 003 "FACILITATE SUPPORT / FORMALISE SUPPORT / ENFORCE — 90% AND BELOW": one band; the three
      // steps are stages below, escalating with engagement.
      id: 'support',
      label: 'Support (90% and below)',
      colour: COLOURS.persistent,
      upperBound: 90,
      inclusive: true,
      suggestedActions: [
        'Facilitate support: remove barriers in school and help access support outside it, e.g. an early help or whole family plan (003 FACILITATE SUPPORT).',
        'If voluntary support is not working or not engaged with: formalise support, e.g. a parenting contract or education supervision order (003 FORMALISE SUPPORT).',
        'When all other avenues are exhausted: enforce through statutory intervention or prosecution (003 ENFORCE).',
      ],
      source: '003 FACILITATE SUPPORT / FORMALISE SUPPORT / ENFORCE — 90% AND BELOW',
    },
  ],
  // 003 sets no minimum; DfE measures have none (domain.md §3).
  minSessionsForBanding: 0,
  epn: NATIONAL_EPN,
  returns: NATIONAL_RETURNS,
  penaltyNotice: NATIONAL_PENALTY_NOTICE,
  stages: [
    {
      id: 'listen-understand',
      label: 'Listen and understand',
      // 003 LISTEN AND UNDERSTAND: "When a pattern is spotted" — below the MONITOR range (< 94%).
      source: '003 LISTEN AND UNDERSTAND 93.9% - 90%',
      entry: { all: [{ kind: 'attendance', op: 'lt', pct: 94 }] },
      reviewAfter: HALF_TERM,
      actions: ['Discuss with the pupil and parents to listen to and understand barriers to attendance.', 'Agree how all partners can work together to resolve them.'],
    },
    {
      id: 'facilitate-support',
      label: 'Facilitate support',
      // 003 FACILITATE SUPPORT: 90% and below.
      source: '003 FACILITATE SUPPORT 90% AND BELOW',
      entry: { all: [{ kind: 'attendance', op: 'lte', pct: 90 }] },
      reviewAfter: HALF_TERM,
      actions: [
        'Remove barriers in school.',
        'Help the pupil and parents access support for barriers outside school; consider an early help or whole family plan.',
      ],
    },
    {
      id: 'formalise-support',
      label: 'Formalise support',
      // 003 FORMALISE SUPPORT: "Where absence persists and voluntary support is not working or being engaged with".
      source: '003 FORMALISE SUPPORT 90% AND BELOW',
      entry: {
        all: [
          { kind: 'attendance', op: 'lte', pct: 90 },
          { kind: 'attendanceSinceStage', stage: 'facilitate-support', change: 'notImproved' },
        ],
      },
      reviewAfter: HALF_TERM,
      actions: [
        'Explain the consequences clearly and make sure support is in place so the family can respond.',
        'Consider formalising support through a parenting contract or an education supervision order.',
      ],
      checks: ['Voluntary support is not working or is not being engaged with (003 FORMALISE SUPPORT).'],
    },
    {
      id: 'enforce',
      label: 'Enforce',
      // 003 ENFORCE: "Where all other avenues have been exhausted and support is not working or being engaged with".
      source: '003 ENFORCE 90% AND BELOW',
      entry: {
        all: [
          { kind: 'attendance', op: 'lte', pct: 90 },
          { kind: 'attendanceSinceStage', stage: 'formalise-support', change: 'notImproved' },
        ],
      },
      reviewAfter: null,
      actions: ['With the local authority, consider statutory intervention or prosecution to protect the pupil’s right to education.'],
      checks: ['All other avenues have been exhausted and support is not working or not being engaged with (003 ENFORCE).'],
    },
  ],
};
