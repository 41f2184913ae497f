// The stored calendar and histories of some academic years, for storage tests: read through the one
// loader the background uses (./load-compute-input.ts).
import type { IDBPDatabase } from 'idb';
import type { IsoDate, SessionKey } from '../engine/types.ts';
import { loadComputeInput } from './load-compute-input.ts';
import type { StoredHistory } from './load-histories.ts';
import type { AttendanceDB } from './schema.ts';

/** School session keys of the given academic years, sorted. */
export async function loadCalendar(db: IDBPDatabase<AttendanceDB>, yearStarts: readonly IsoDate[]): Promise<SessionKey[]> {
  return (await loadComputeInput(db, undefined, () => [...yearStarts])).calendar;
}

/** Pupils with their years in `yearStarts`: with `pupilIds`, only those that are stored; without, every one. */
export async function loadHistories(db: IDBPDatabase<AttendanceDB>, yearStarts: readonly IsoDate[], pupilIds?: readonly string[]): Promise<StoredHistory[]> {
  return (await loadComputeInput(db, pupilIds, () => [...yearStarts])).stored;
}
