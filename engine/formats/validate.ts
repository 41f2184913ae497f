// What the export readers (marks CSV, CTF) accept as a pupil id and as a date. A file is refused,
// naming the row or element, rather than read into data nobody can trust: a line break or NUL inside
// an id splits one pupil into two or hides one in the side panel, and a year 0000 or 9999 is a typing
// or export error, not a register.

import { isValidIsoDate } from '../dates.ts';

/** Marks are read from these years only (inclusive): registers of this century and the next. */
export const MARK_YEARS = { first: 1990, last: 2100 } as const;

/**
 * Dates of birth are read from these years only (inclusive). A pupil is 2 (nursery) to 25 (an
 * education, health and care plan can run to 25) while on roll, and marks run from 1990, so no
 * pupil whose marks the readers accept was born before 1965.
 */
export const BIRTH_YEARS = { first: 1965, last: 2100 } as const;

/** The longest pupil id kept: the extension stores ids up to this length and refuses longer ones. */
export const MAX_ID_LENGTH = 64;

/** C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): never part of an id. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** A value quoted for a message, with every control character written as an escape (`\n`, `\u0085`). */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a pupil id or UPN is refused (to follow the quoted id in a message), or null when it is fine. */
export function idProblem(id: string): string | null {
  if (hasControl(id)) return 'contains a control character (such as a line break, tab or NUL)';
  if (id.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  return null;
}

/** Why a `YYYY-MM-DD` text is refused as a date within `years` (to follow the quoted date), or null. */
export function dateProblem(text: string, years: { first: number; last: number }): string | null {
  if (!isValidIsoDate(text)) return 'is not a real date as YYYY-MM-DD';
  const y = Number(text.slice(0, 4));
  if (y < years.first || y > years.last) return `is outside the years ${years.first} to ${years.last}`;
  return null;
}
