// Backup and restore of everything stored: one JSON document with every record of every
// store. Restore validates the whole document first (zod shapes, then every year record decoded) and
// replaces the data in ONE readwrite transaction, so a bad file changes nothing (design.md: "bad input
// gets a clear error listing what is wrong, and nothing already stored is lost").
import type { IDBPDatabase } from 'idb';
import { z } from 'zod';
import { isValidIsoDate } from '../engine/dates.ts';
import { DB_VERSION, type AttendanceDB, type CalendarRecord } from './schema.ts';
import { SLOTS_PER_YEAR, decodeYear, type YearRecord } from './year-record.ts';
import { isSchoolSessionCode } from '../engine/codes.ts';

export const BACKUP_FORMAT = 'attendance-overlay-backup';
export const BACKUP_VERSION = 1;

/** The stores a backup holds, in the order they are written. */
export const BACKUP_STORES = ['pupils', 'years', 'amendments', 'provenance', 'caseHistory', 'settings', 'calendar'] as const;
type StoreName = (typeof BACKUP_STORES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine(isValidIsoDate, 'not a real calendar date');
const text = (max: number) => z.string().max(max);
const attributes = z.object({
  upn: text(32).optional(),
  yearGroup: text(16).optional(),
  className: text(64).optional(),
  sex: text(16).optional(),
  sen: text(16).optional(),
  fsm: z.boolean().optional(),
  pp: z.boolean().optional(),
  socialWorker: z.boolean().optional(),
});

const pupilRecord = z.object({
  id: text(64).min(1),
  name: text(200),
  attributes,
  firstSeen: text(64),
  lastSeen: text(64),
  source: text(2048),
  attributesAt: text(64).optional(),
});

const yearRecord = z.object({
  pupilId: text(64).min(1),
  yearStart: isoDate.refine((d) => d.endsWith('-08-01'), 'an academic year starts on 1 August'),
  codes: z.string().max(SLOTS_PER_YEAR),
  extra: z.array(text(16)),
  orig: z.record(z.string(), text(64)),
  origAt: z.record(z.string(), text(64)),
  reads: z.array(z.number().int()),
});

const amendmentRecord = z.object({
  id: z.number().int().optional(),
  pupilId: text(64).min(1),
  key: z.number().int(),
  date: isoDate,
  session: z.enum(['AM', 'PM']),
  oldCode: text(16),
  newCode: text(16),
  at: text(64),
  url: text(2048),
});

const provenanceRecord = z.object({
  url: text(2048).min(1),
  readAt: text(64).min(1),
  adapter: text(64),
  kind: z.enum(['register', 'pupil']),
  storedAt: text(64),
  pupils: z.number().int().min(0),
  marks: z.number().int().min(0),
  changed: z.number().int().min(0),
});

const caseEvent = z.object({
  kind: z.enum(['stage-started', 'letter-sent', 'meeting-held', 'contract-signed', 'notice-to-improve', 'penalty-notice', 'referral', 'outcome', 'note']),
  date: isoDate,
  stageId: text(64).optional(),
  parent: text(200).optional(),
  note: text(2000).optional(),
  attendance: z.object({ attended: z.number().int().min(0), possible: z.number().int().min(0) }).optional(),
});

const caseHistoryRecord = z.object({ pupilId: text(64).min(1), events: z.array(caseEvent) });

// The custom policy is kept as stored: it is validated with parsePolicy whenever settings are loaded
// (storage/settings.ts), which reports a bad one and falls back to the default without deleting it.
const settingsRecord = z.object({
  id: z.literal('settings'),
  policyId: text(64).min(1),
  asOfOverride: isoDate.nullable(),
  customPolicy: z.unknown().optional(),
});

const calendarRecord = z.object({ yearStart: isoDate, counts: z.array(z.number().int().min(0)) });

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `not a backup of this extension (expected "format": "${BACKUP_FORMAT}")` }),
  version: z.literal(BACKUP_VERSION, { error: `unsupported backup version (this extension reads version ${BACKUP_VERSION})` }),
  dbVersion: z.number().int().min(1).max(DB_VERSION),
  exportedAt: z.string(),
  stores: z.object({
    pupils: z.array(pupilRecord),
    years: z.array(yearRecord),
    amendments: z.array(amendmentRecord),
    provenance: z.array(provenanceRecord),
    caseHistory: z.array(caseHistoryRecord),
    settings: z.array(settingsRecord).max(1),
    calendar: z.array(calendarRecord),
  }),
});

export type Backup = z.infer<typeof backupSchema>;

/** Everything stored, as a backup document (one readonly transaction: a consistent snapshot). */
export async function exportBackup(db: IDBPDatabase<AttendanceDB>, now: Date = new Date()): Promise<Backup> {
  const tx = db.transaction([...BACKUP_STORES], 'readonly');
  const stores = {} as Record<StoreName, unknown[]>;
  for (const name of BACKUP_STORES) stores[name] = await tx.objectStore(name).getAll();
  await tx.done;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dbVersion: DB_VERSION,
    exportedAt: now.toISOString(),
    stores: stores as Backup['stores'],
  };
}

export type ValidateBackupResult = { ok: true; backup: Backup } | { ok: false; errors: string[] };

/** Validates a parsed backup document; errors name the path (`stores.years.3.yearStart: …`). */
export function validateBackup(input: unknown): ValidateBackupResult {
  const parsed = backupSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 20).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    if (parsed.error.issues.length > 20) errors.push(`… and ${parsed.error.issues.length - 20} more problems`);
    return { ok: false, errors };
  }
  const errors: string[] = [];
  const pupilIds = new Set(parsed.data.stores.pupils.map((p) => p.id));
  parsed.data.stores.years.forEach((y, i) => {
    try {
      decodeYear(y as YearRecord);
    } catch (e) {
      errors.push(`stores.years.${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!pupilIds.has(y.pupilId)) errors.push(`stores.years.${i}: marks for pupil "${y.pupilId}", who is not in stores.pupils`);
  });
  const seen = new Set<string>();
  parsed.data.stores.pupils.forEach((p, i) => {
    if (seen.has(p.id)) errors.push(`stores.pupils.${i}: pupil id "${p.id}" appears twice`);
    seen.add(p.id);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  return { ok: true, backup: parsed.data };
}

/** The calendar counts implied by the year records (domain.md §8.6: any mark but `#`/`-` makes a school session). */
export function calendarFromYears(years: readonly YearRecord[]): CalendarRecord[] {
  const counts = new Map<string, number[]>();
  for (const rec of years) {
    const y = decodeYear(rec);
    let c = counts.get(y.yearStart);
    if (c === undefined) {
      c = new Array<number>(SLOTS_PER_YEAR).fill(0);
      counts.set(y.yearStart, c);
    }
    for (let i = 0; i < SLOTS_PER_YEAR; i++) if (isSchoolSessionCode(y.codes[i] as string)) c[i] = (c[i] as number) + 1;
  }
  return [...counts].map(([yearStart, c]) => ({ yearStart, counts: c }));
}

/**
 * Replaces everything stored with the backup (validate it first with validateBackup). One transaction:
 * if any write fails, the old data stays. The calendar is rebuilt from the year records rather than
 * trusted, so it always agrees with the marks.
 */
export async function restoreBackup(db: IDBPDatabase<AttendanceDB>, backup: Backup): Promise<Record<string, number>> {
  const calendar = calendarFromYears(backup.stores.years as YearRecord[]);
  const tx = db.transaction([...BACKUP_STORES], 'readwrite');
  const counts: Record<string, number> = {};
  for (const name of BACKUP_STORES) await tx.objectStore(name).clear();
  const put = async (name: StoreName, records: readonly unknown[]) => {
    const store = tx.objectStore(name);
    for (const r of records) await (store.put as (v: unknown) => Promise<unknown>)(r);
    counts[name] = records.length;
  };
  await put('pupils', backup.stores.pupils);
  await put('years', backup.stores.years);
  await put('amendments', backup.stores.amendments);
  await put('provenance', backup.stores.provenance);
  await put('caseHistory', backup.stores.caseHistory);
  await put('settings', backup.stores.settings);
  await put('calendar', calendar);
  await tx.done;
  return counts;
}
