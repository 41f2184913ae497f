// Settings stored in IndexedDB, validated on the way in and on the way out (design.md: stored
// settings are a boundary too — a bad stored value falls back to the default, it never crashes).
import type { IDBPDatabase } from 'idb';
import { settingsSchema, type Settings } from '../lib/messages.ts';
import type { AttendanceDB, SettingsRecord } from './schema.ts';

/** Issue 4 §5: the default policy preset, until the user picks one. */
export const DEFAULT_SETTINGS: Settings = { policyId: 'dfe-support-first', asOfOverride: null };

export async function getSettings(db: IDBPDatabase<AttendanceDB>): Promise<Settings> {
  return settingsFromRecord(await db.get('settings', 'settings'));
}

/** The stored record as validated settings (defaults for anything missing or invalid). */
export function settingsFromRecord(rec: SettingsRecord | undefined): Settings {
  if (rec === undefined) return { ...DEFAULT_SETTINGS };
  const parsed = settingsSchema.partial().safeParse({ policyId: rec.policyId, asOfOverride: rec.asOfOverride });
  if (!parsed.success) return { ...DEFAULT_SETTINGS };
  return { ...DEFAULT_SETTINGS, ...parsed.data };
}

/** Merges a validated partial update into the stored settings and returns the result. */
export async function setSettings(db: IDBPDatabase<AttendanceDB>, update: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const rec = await tx.store.get('settings');
  const current = { ...DEFAULT_SETTINGS, ...(rec === undefined ? {} : { policyId: rec.policyId, asOfOverride: rec.asOfOverride }) };
  const next = settingsSchema.parse({ ...current, ...update });
  await tx.store.put({ id: 'settings', ...next });
  await tx.done;
  return next;
}
