// Data retention: remove pupils not seen in any page read for a chosen time, and
// "remove all data". A pupil's marks, amendments and case record go with them, and the learned school
// calendar is decremented by their marks (domain.md §8.6: a session is a school session while any
// stored pupil has a real mark in it), all in one transaction.
import type { IDBPDatabase } from 'idb';
import type { AttendanceDB } from './schema.ts';
import { BACKUP_STORES } from './backup.ts';
import { SLOTS_PER_YEAR, decodeYear } from './year-record.ts';
import { isSchoolSessionCode } from '../engine/codes.ts';

export interface RetentionOptions {
  /** Remove pupils whose latest read is more than this many days before `now`. */
  days: number;
  now: Date;
  /** Only count. */
  dryRun?: boolean;
}

/** Removes pupils not seen for more than `days` days; returns the ids removed (or that would be). */
export async function retention(db: IDBPDatabase<AttendanceDB>, opts: RetentionOptions): Promise<string[]> {
  const cutoff = opts.now.getTime() - opts.days * 86_400_000;
  const tx = db.transaction(['pupils', 'years', 'amendments', 'caseHistory', 'calendar'], 'readwrite');
  const old = (await tx.objectStore('pupils').getAll()).filter((p) => {
    const t = Date.parse(p.lastSeen);
    // A pupil whose last-seen time cannot be read is kept: never remove data on a guess.
    return Number.isFinite(t) && t < cutoff;
  });
  const ids = old.map((p) => p.id);
  if (opts.dryRun || ids.length === 0) {
    await tx.done;
    return ids;
  }
  const calendar = tx.objectStore('calendar');
  const years = tx.objectStore('years');
  const amendments = tx.objectStore('amendments');
  for (const id of ids) {
    for (const rec of await years.getAll(IDBKeyRange.bound([id, ''], [id, '\uffff']))) {
      const y = decodeYear(rec);
      const cal = await calendar.get(y.yearStart);
      if (cal !== undefined) {
        for (let i = 0; i < SLOTS_PER_YEAR; i++) {
          if (isSchoolSessionCode(y.codes[i] as string)) cal.counts[i] = Math.max(0, (cal.counts[i] ?? 0) - 1);
        }
        await calendar.put(cal);
      }
      await years.delete([rec.pupilId, rec.yearStart]);
    }
    for (const key of await amendments.index('byPupil').getAllKeys(id)) await amendments.delete(key);
    await tx.objectStore('caseHistory').delete(id);
    await tx.objectStore('pupils').delete(id);
  }
  await tx.done;
  return ids;
}

/** "Remove all data": every store but settings is emptied, in one transaction. Returns the pupils removed. */
export async function removeAllData(db: IDBPDatabase<AttendanceDB>): Promise<number> {
  const tx = db.transaction([...BACKUP_STORES], 'readwrite');
  const pupils = await tx.objectStore('pupils').count();
  for (const name of BACKUP_STORES) if (name !== 'settings') await tx.objectStore(name).clear();
  await tx.done;
  return pupils;
}
