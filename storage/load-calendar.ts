// The school calendar learned from every page read (domain.md §1, §8.6): the sessions in which at
// least one stored pupil has a mark other than `#` or `-`. Kept as counts by ingestPage.
import type { IDBPDatabase } from 'idb';
import type { IsoDate, SessionKey } from '../engine/types.ts';
import type { AttendanceDB } from './schema.ts';
import { slotKey } from './year-record.ts';

/** School session keys of the given academic years, sorted. */
export async function loadCalendar(db: IDBPDatabase<AttendanceDB>, yearStarts: readonly IsoDate[]): Promise<SessionKey[]> {
  const tx = db.transaction('calendar', 'readonly');
  const keys: SessionKey[] = [];
  for (const ys of [...yearStarts].sort()) {
    const rec = await tx.store.get(ys);
    if (rec === undefined) continue;
    rec.counts.forEach((n, slot) => {
      if (n > 0) keys.push(slotKey(ys, slot));
    });
  }
  await tx.done;
  return keys;
}
