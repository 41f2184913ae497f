// National settings shared by every preset unless a document says otherwise (domain.md §4, §5).

import type { Policy } from '../schema.ts';
import { EPN_CODES } from '../../codes.ts';

/**
 * National EPN threshold: 10 sessions of unauthorised absence (G N O U) in a rolling 10 school weeks,
 * met at 10 or more (domain.md §4; SI 2024/210 and the national framework for penalty notices).
 */
export const NATIONAL_EPN: Policy['epn'] = { threshold: 10, weeks: 10, comparison: 'gte', codes: [...EPN_CODES] };

/**
 * Statutory returns (domain.md §5): attendance return after 10 school days (20 sessions) all G N O U;
 * sickness return after 15 school days (30 sessions) of I; warning within 5 days (10 sessions) of it.
 */
export const NATIONAL_RETURNS: Policy['returns'] = {
  attendanceReturnSessions: 20,
  sicknessReturnSessions: 30,
  sicknessWarningSessions: 20,
};

/**
 * Penalty-notice escalation from 19 Aug 2024 (domain.md §4; SI 2024/210): first notice £80 within 21
 * days or £160 within 28; second to the same parent for the same pupil within 3 years £160; no third.
 * These amounts are statutory, so presets use them even where a document predates them (policies 000
 * §9 and 001 §9 still print £60 / £120).
 */
export const NATIONAL_PENALTY_NOTICE: Policy['penaltyNotice'] = {
  firstPaidEarly: 80,
  firstPaidLate: 160,
  earlyDays: 21,
  lateDays: 28,
  second: 160,
  maxInPeriod: 2,
  periodYears: 3,
};

/** Band colours shared by presets so the same severity looks the same whichever policy is chosen. */
export const COLOURS = {
  good: '#2e7d32',
  watch: '#9e9d24',
  concern: '#f9a825',
  risk: '#ef6c00',
  persistent: '#c62828',
  severe: '#6a1b9a',
} as const;
