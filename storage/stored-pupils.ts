// Everything stored for some pupils, in plain form: marks with what the MIS showed, amendments and
// case history (for tests, export and the pupil view's evidence).
import type { IDBPDatabase } from 'idb';
import { keyDate, keyHalf } from '../engine/dates.ts';
import type { CaseEvent, Half, IsoDate, PupilAttributes, SessionKey } from '../engine/types.ts';
import type { AttendanceDB } from './schema.ts';
import { SLOTS_PER_YEAR, decodeYear, slotKey } from './year-record.ts';

export interface StoredAmendment {
  pupilId: string;
  date: IsoDate;
  session: Half;
  key: SessionKey;
  oldCode: string;
  newCode: string;
  /** readAt of the read that saw the new code. */
  at: string;
  url: string;
}

export interface StoredPupil {
  pupilId: string;
  name: string;
  attributes: PupilAttributes;
  /** Every stored mark, in session order (codes as stored: statutory or raw unknown). */
  marks: { date: IsoDate; session: Half; code: string; original: string }[];
  amendments: StoredAmendment[];
  caseHistory: CaseEvent[];
}

export async function storedPupils(db: IDBPDatabase<AttendanceDB>, pupilIds: readonly string[]): Promise<StoredPupil[]> {
  const tx = db.transaction(['pupils', 'years', 'amendments', 'caseHistory'], 'readonly');
  const out: StoredPupil[] = [];
  for (const id of pupilIds) {
    const pupil = await tx.objectStore('pupils').get(id);
    if (pupil === undefined) continue;
    const marks: StoredPupil['marks'] = [];
    const recs = await tx.objectStore('years').getAll(IDBKeyRange.bound([id, ''], [id, '\uffff']));
    recs.sort((a, b) => (a.yearStart < b.yearStart ? -1 : 1));
    for (const rec of recs) {
      const y = decodeYear(rec);
      for (let i = 0; i < SLOTS_PER_YEAR; i++) {
        const code = y.codes[i] as string;
        if (code === '') continue;
        const key = slotKey(y.yearStart, i);
        marks.push({ date: keyDate(key), session: keyHalf(key), code, original: y.originals[i] as string });
      }
    }
    const amendments = (await tx.objectStore('amendments').index('byPupil').getAll(id))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key - b.key))
      .map(({ id: _id, ...a }) => a);
    const caseHistory = (await tx.objectStore('caseHistory').get(id))?.events ?? [];
    out.push({ pupilId: id, name: pupil.name, attributes: pupil.attributes, marks, amendments, caseHistory });
  }
  await tx.done;
  return out;
}
