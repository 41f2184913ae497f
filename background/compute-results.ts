// The one place the background calls the engine (design.md: the engine runs in the worker; the MV3
// service worker is one). Pure: stored histories, the learned calendar, the policy and the as-of date
// in; results out.
//
// The school calendar (domain.md §1: a school session is one where ANY pupil has a real mark) comes
// from every pupil stored, not only the few being computed: the stored calendar is given to the
// engine beside the histories.
import { computeSchool } from '../engine/compute-school.ts';
import { academicYearStart, addDays, sessionKey } from '../engine/dates.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { CaseEvent, IsoDate, PupilHistory, PupilResult, SessionKey } from '../engine/types.ts';
import type { PendingEdit } from '../messages/messages.ts';

export interface ComputeInput {
  histories: readonly PupilHistory[];
  /** Every school session key learned from all stored pupils (storage/load-compute-input.ts). */
  calendar: readonly SessionKey[];
  policy: Policy;
  asOf: IsoDate;
  caseHistories?: ReadonlyMap<string, CaseEvent[]>;
}

export interface ComputeOutput {
  /** One per input history, same order. */
  pupils: PupilResult[];
  schoolSessions: number;
  schoolWeeks: number;
}

export function computeResults(input: ComputeInput): ComputeOutput {
  const school = computeSchool(input.histories, input.policy, input.asOf, input.caseHistories, input.calendar);
  return { pupils: school.pupils, schoolSessions: school.schoolSessions, schoolWeeks: school.schoolWeeks };
}

/** Which academic years to load: the as-of date's, and the one before (the EPN window may reach back into it: domain.md §4). */
export function yearStartsFor(asOf: IsoDate): IsoDate[] {
  const yearStart = academicYearStart(asOf);
  return [academicYearStart(addDays(yearStart, -1)), yearStart];
}

/** The history as it would be if these unsaved edits were saved (for "if you save this" warnings). */
export function applyPending(h: PupilHistory, edits: readonly PendingEdit[]): PupilHistory {
  if (edits.length === 0) return h;
  const keyed = edits.map((e) => [sessionKey(e.date, e.session), e.code] as const);
  let first = h.codes.length > 0 ? h.firstKey : (keyed[0] as readonly [number, string])[0];
  let last = h.codes.length > 0 ? h.firstKey + h.codes.length - 1 : first;
  for (const [k] of keyed) {
    if (k < first) first = k;
    if (k > last) last = k;
  }
  const codes = new Array<string>(last - first + 1).fill('');
  for (let i = 0; i < h.codes.length; i++) codes[h.firstKey - first + i] = h.codes[i] as string;
  // Later edits for the same session win (domain.md §8.12).
  for (const [k, code] of keyed) codes[k - first] = code;
  return { ...h, firstKey: first, codes };
}
