// What people actually did for a pupil (stages started, letters, meetings, notices): used by the
// engine's stage suggestion. Appended to, never rewritten.
import type { IDBPDatabase } from 'idb';
import type { CaseEvent } from '../engine/types.ts';
import type { AttendanceDB } from './schema.ts';

export async function addCaseEvent(db: IDBPDatabase<AttendanceDB>, pupilId: string, event: CaseEvent): Promise<void> {
  const tx = db.transaction('caseHistory', 'readwrite');
  const rec = (await tx.store.get(pupilId)) ?? { pupilId, events: [] };
  rec.events.push(event);
  await tx.store.put(rec);
  await tx.done;
}

/** Case histories of the given pupils (all pupils when omitted). */
export async function caseHistory(db: IDBPDatabase<AttendanceDB>, pupilIds?: readonly string[]): Promise<Map<string, CaseEvent[]>> {
  const out = new Map<string, CaseEvent[]>();
  if (pupilIds === undefined) {
    for (const rec of await db.getAll('caseHistory')) out.set(rec.pupilId, rec.events);
    return out;
  }
  const tx = db.transaction('caseHistory', 'readonly');
  for (const id of pupilIds) {
    const rec = await tx.store.get(id);
    if (rec !== undefined) out.set(id, rec.events);
  }
  await tx.done;
  return out;
}
