// Small builders for the engine's tests (not used by production code).
//
// A pattern is whitespace-separated session tokens, one per weekday session from `from` AM onwards
// (Saturdays and Sundays are skipped automatically), e.g. `. . I I G _`:
//   `.`  present (`/` in an AM session, `\` in a PM session)
//   `_`  no row at all for that session
//   anything else: that code, verbatim (`I`, `G`, `C1`, `-`, `#`, `i`, `XX`, …)
// `|` tokens are ignored (write one `|` per week to keep long patterns readable).

import { fromEpochDay, toEpochDay, weekdayOfDay } from './dates.ts';
import { historyFromRows } from './history.ts';
import type { IsoDate, MarkRow, PupilHistory } from './types.ts';

export function rows(from: IsoDate, pattern: string): MarkRow[] {
  const out: MarkRow[] = [];
  let day = toEpochDay(from);
  let pm = false;
  for (const token of pattern.split(/\s+/)) {
    if (token === '' || token === '|') continue;
    while (weekdayOfDay(day) >= 5) day++;
    if (token !== '_') {
      const code = token === '.' ? (pm ? '\\' : '/') : token;
      out.push({ date: fromEpochDay(day), session: pm ? 'PM' : 'AM', code });
    }
    if (pm) day++;
    pm = !pm;
  }
  return out;
}

export function pupil(id: string, from: IsoDate, pattern: string): PupilHistory {
  return historyFromRows(id, `Pupil ${id}`, rows(from, pattern));
}

/** `n` copies of a token, e.g. rep('.', 10) for a week of presence. */
export function rep(token: string, n: number): string {
  return Array.from({ length: n }, () => token).join(' ');
}
