// What an import format (marks CSV, CTF) yields before it becomes engine histories: pupils in the
// order the file first names them, each with its marks keyed by session.

import { isWeekendKey, sessionKey } from '../dates.ts';
import type { Half, IsoDate, MarkRow, PupilAttributes, SessionKey } from '../types.ts';

export interface ImportedPupil {
  pupilId: string;
  name: string;
  attributes: PupilAttributes;
  /** Marks by session key. A later mark for the same session replaces the earlier one (domain.md §8.12–13). */
  marks: Map<SessionKey, MarkRow>;
}

export type ImportResult = { ok: true; pupils: ImportedPupil[] } | { ok: false; errors: string[] };

/** Errors beyond this many are summarised, so a wholly wrong file gives a readable message. */
export const MAX_ERRORS = 20;

/** Collects pupils in first-seen order. */
export class PupilCollector {
  readonly byId = new Map<string, ImportedPupil>();

  pupil(pupilId: string): ImportedPupil {
    let p = this.byId.get(pupilId);
    if (p === undefined) {
      p = { pupilId, name: '', attributes: {}, marks: new Map() };
      this.byId.set(pupilId, p);
    }
    return p;
  }

  /**
   * Records a mark; the later of two marks for the same session wins (domain.md §8.12, §8.13).
   * Saturday and Sunday marks are dropped here: they are ignored everywhere (domain.md §8.5).
   * An empty code is no mark (§8.11) and does not erase an earlier mark, as in historyFromRows:
   * a blank cell must never silently delete recorded data.
   */
  mark(p: ImportedPupil, date: IsoDate, session: Half, code: string): void {
    const key = sessionKey(date, session);
    if (isWeekendKey(key)) return;
    if (code === '' && p.marks.has(key)) return;
    p.marks.set(key, { date, session, code });
  }

  pupils(): ImportedPupil[] {
    return [...this.byId.values()];
  }
}

/** Formats the error list, summarising beyond MAX_ERRORS. */
export function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`];
}
