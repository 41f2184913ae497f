// How complete a pupil's mark history is, in words ("all sessions since 1 Sep read" or
// what is missing and how to fill it). The background reports, per pupil, the school sessions it has
// learned this academic year and how many of them have no stored mark for the pupil
// (messages/messages.ts `Completeness`). Every measure, and the EPN window (domain.md §4), is only as good
// as the sessions read, so the overlays always say this next to the numbers.
import { academicYearStart, shortDate, toEpochDay } from '../../engine/dates.ts';
import type { Completeness } from '../../messages/messages.ts';

export type HistoryCompleteness = Completeness;

export interface CompletenessText {
  headline: string;
  details: string[];
  /** True only when every school session known this year has a mark for the pupil. */
  complete: boolean;
}

/**
 * A pupil whose first read session is this long after 1 August has probably not had the start of
 * the autumn term read (terms start in the first week of September; 45 days leaves room for a late
 * start or a pupil joining in September).
 */
const LATE_START_DAYS = 45;

const HOW_TO_FILL =
  "Open this pupil's attendance page in the MIS (or the registers for the missing weeks) so they can be read.";

export function completenessText(c: Completeness | undefined): CompletenessText {
  if (c === undefined) return { headline: 'History completeness not known yet', details: [], complete: false };
  if (c.firstStored === null || c.schoolSessions === 0) {
    return { headline: 'No marks read for this pupil yet', details: [HOW_TO_FILL], complete: false };
  }
  const first = toEpochDay(c.firstStored.date);
  const since = shortDate(first);
  const details: string[] = [];
  const lateStart = first - toEpochDay(academicYearStart(c.firstStored.date)) > LATE_START_DAYS;
  if (c.schoolSessionsWithoutMark === 0) {
    if (lateStart) details.push(`Nothing read before ${since}. ${HOW_TO_FILL}`);
    return { headline: `All sessions since ${since} read`, details, complete: !lateStart };
  }
  const n = c.schoolSessionsWithoutMark;
  details.push(HOW_TO_FILL);
  return {
    headline: `${n} of ${c.schoolSessions} school session${c.schoolSessions === 1 ? '' : 's'} since ${since} ${n === 1 ? 'has' : 'have'} no mark read`,
    details,
    complete: false,
  };
}
