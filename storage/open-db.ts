// Opens the extension's IndexedDB, creating or migrating it (design.md: "versioned schema with a
// tested migration for every version"). The upgrade runs every step from the stored version to the
// current one in order, inside the single versionchange transaction, so a failed migration leaves the
// old database untouched.
//
// Versions:
//   v1  pupils {id, name, attributes, lastSeen}; marks [pupilId, yearStart] → { sessions: {"YYYY-MM-DD AM":
//       {code, original, readAt}} } (one plain object per session); provenance [url, readAt]; settings.
//   v2  marks → years (compact YearRecord, year-record.ts); pupils gain firstSeen and source;
//       new stores amendments, caseHistory, calendar (rebuilt from the migrated marks);
//       provenance gains an index by readAt.
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { IsoDate, PupilAttributes } from '../engine/types.ts';
import { DB_NAME, DB_VERSION, type AttendanceDB, type CalendarRecord } from './schema.ts';
import {
  SLOTS_PER_YEAR,
  emptySlots,
  encodeYear,
  readSeconds,
  slotOf,
  type YearSlots,
} from './year-record.ts';
import { isSchoolSessionCode } from '../engine/codes.ts';

export const BLOCKED_MESSAGE =
  'The attendance database needs an upgrade, but another copy of the extension (an older tab, side panel or window) still has it open. Close the other extension pages, or restart the browser, and try again. Nothing stored was changed.';

// ---- v1 shapes (kept only to migrate from them) -----------------------------------------------------

export interface V1Pupil {
  id: string;
  name: string;
  attributes: PupilAttributes;
  lastSeen: string;
}

export interface V1Marks {
  pupilId: string;
  yearStart: IsoDate;
  /** "YYYY-MM-DD AM" → the mark as read. */
  sessions: Record<string, { code: string; original: string; readAt: string }>;
}

type AnyDb = IDBPDatabase<unknown>;
type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Creates the v1 stores exactly as version 1 of the extension did (used by the upgrade and by tests). */
export function createV1Schema(db: AnyDb): void {
  db.createObjectStore('pupils', { keyPath: 'id' });
  db.createObjectStore('marks', { keyPath: ['pupilId', 'yearStart'] });
  db.createObjectStore('provenance', { keyPath: ['url', 'readAt'] });
  db.createObjectStore('settings', { keyPath: 'id' });
}

/** v1 → v2: compact year records, new stores. Runs inside the versionchange transaction. */
async function migrateV1toV2(db: AnyDb, tx: AnyTx): Promise<void> {
  db.createObjectStore('years', { keyPath: ['pupilId', 'yearStart'] }).createIndex('byYear', 'yearStart');
  db.createObjectStore('amendments', { keyPath: 'id', autoIncrement: true }).createIndex('byPupil', 'pupilId');
  db.createObjectStore('caseHistory', { keyPath: 'pupilId' });
  db.createObjectStore('calendar', { keyPath: 'yearStart' });
  tx.objectStore('provenance').createIndex('byReadAt', 'readAt');

  const old = (await tx.objectStore('marks').getAll()) as V1Marks[];
  const years = new Map<string, YearSlots>();
  const counts = new Map<string, number[]>();
  for (const rec of old) {
    for (const [label, mark] of Object.entries(rec.sessions)) {
      const [date, half] = label.split(' ');
      if (date === undefined || (half !== 'AM' && half !== 'PM')) {
        throw new Error(`Migration v1→v2: pupil ${rec.pupilId} has an unreadable session "${label}"`);
      }
      // Weekend marks are ignored everywhere (domain.md §8.5), so v2 has no slot for them.
      const where = slotOf(date, half);
      if (where === null) continue;
      const id = `${rec.pupilId}\u0000${where.yearStart}`;
      let y = years.get(id);
      if (y === undefined) {
        y = emptySlots(rec.pupilId, where.yearStart);
        years.set(id, y);
      }
      y.codes[where.slot] = mark.code;
      y.originals[where.slot] = mark.original || mark.code;
      y.times[where.slot] = readSeconds(mark.readAt);
    }
  }
  const yearsStore = tx.objectStore('years');
  for (const y of years.values()) {
    let c = counts.get(y.yearStart);
    if (c === undefined) {
      c = new Array<number>(SLOTS_PER_YEAR).fill(0);
      counts.set(y.yearStart, c);
    }
    for (let i = 0; i < SLOTS_PER_YEAR; i++) if (isSchoolSessionCode(y.codes[i] as string)) c[i] = (c[i] as number) + 1;
    await yearsStore.put(encodeYear(y));
  }
  const calendar = tx.objectStore('calendar');
  for (const [yearStart, c] of counts) await calendar.put({ yearStart, counts: c } satisfies CalendarRecord);

  const pupils = tx.objectStore('pupils');
  const oldPupils = (await pupils.getAll()) as V1Pupil[];
  for (const p of oldPupils) await pupils.put({ ...p, firstSeen: p.lastSeen, source: '' });

  db.deleteObjectStore('marks');
}

async function upgrade(db: AnyDb, oldVersion: number, tx: AnyTx): Promise<void> {
  // Each step brings the database from version n-1 to n; a fresh install runs them all.
  if (oldVersion < 1) createV1Schema(db);
  if (oldVersion < 2) await migrateV1toV2(db, tx);
}

export interface OpenDbOptions {
  name?: string;
  /** Called when this connection is closed so a newer version can upgrade (drop cached handles). */
  onClose?: () => void;
}

/**
 * Opens (creating or migrating) the database. Rejects with BLOCKED_MESSAGE when an older connection
 * prevents the upgrade, and with a message naming the step when a migration fails.
 */
export function openDb(options: OpenDbOptions = {}): Promise<IDBPDatabase<AttendanceDB>> {
  const name = options.name ?? DB_NAME;
  let migrationError: unknown = null;
  let blocked = false;
  return new Promise((resolve, reject) => {
    openDB<AttendanceDB>(name, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // A failed migration aborts this transaction; the open request reports it (below).
        tx.done.catch(() => {});
        upgrade(db as unknown as AnyDb, oldVersion, tx as unknown as AnyTx).catch((e: unknown) => {
          migrationError = e;
          try {
            tx.abort();
          } catch {
            // Already finished or aborted: the open request reports it.
          }
        });
      },
      blocked() {
        blocked = true;
        reject(new Error(BLOCKED_MESSAGE));
      },
      blocking(_current, _blockedVersion, event) {
        // A newer version wants to upgrade: let it (domain of the newer code), and forget this handle.
        (event.target as IDBDatabase).close();
        options.onClose?.();
      },
      terminated() {
        options.onClose?.();
      },
    }).then(
      (db) => {
        if (blocked) db.close();
        else resolve(db);
      },
      (e: unknown) => {
        if (migrationError !== null) {
          const why = migrationError instanceof Error ? migrationError.message : String(migrationError);
          reject(new Error(`Could not upgrade the attendance database to version ${DB_VERSION}: ${why}. Nothing stored was changed.`));
        } else {
          const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          reject(new Error(`Could not open the attendance database: ${why}`));
        }
      },
    );
  });
}
