// Settings stored in IndexedDB, validated on the way in and on the way out (design.md: stored
// settings are a boundary too — a bad stored value falls back to the default, it never crashes).
// The user's edited policy is validated with parsePolicy each time it is loaded; one
// that fails is reported (`customPolicyProblem`) and not used, and stays stored until replaced.
import type { IDBPDatabase } from 'idb';
import { customPolicySchema, settingsSchema, type Settings } from './settings-schema.ts';
import type { AttendanceDB, SettingsRecord } from './schema.ts';

/** The default policy preset (the national framework's support-first approach), until the user picks one. */
export const DEFAULT_SETTINGS: Settings = { policyId: 'dfe-support-first', asOfOverride: null };

export interface LoadedSettings {
  settings: Settings;
  /** Why the stored custom policy is not used (it fails validation); absent when fine or none. */
  customPolicyProblem?: string;
  /** The stored custom policy as stored, when it fails validation (so the user can fix it). */
  storedCustomPolicy?: unknown;
}

export async function getSettings(db: IDBPDatabase<AttendanceDB>): Promise<Settings> {
  return settingsFromRecord(await db.get('settings', 'settings'));
}

/** Settings with the reason a stored custom policy is not used (the options page shows it). */
export async function getSettingsReport(db: IDBPDatabase<AttendanceDB>): Promise<LoadedSettings> {
  return loadSettingsRecord(await db.get('settings', 'settings'));
}

/** The stored record as validated settings (defaults for anything missing or invalid). */
export function settingsFromRecord(rec: SettingsRecord | undefined): Settings {
  return loadSettingsRecord(rec).settings;
}

export function loadSettingsRecord(rec: SettingsRecord | undefined): LoadedSettings {
  if (rec === undefined) return { settings: { ...DEFAULT_SETTINGS } };
  const parsed = settingsSchema.omit({ customPolicy: true }).partial().safeParse({ policyId: rec.policyId, asOfOverride: rec.asOfOverride });
  const settings: Settings = parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : { ...DEFAULT_SETTINGS };
  if (rec.customPolicy === undefined || rec.customPolicy === null) return { settings };
  const custom = customPolicySchema.safeParse(rec.customPolicy);
  if (custom.success) return { settings: { ...settings, customPolicy: custom.data } };
  return {
    settings,
    customPolicyProblem: `The stored custom policy is not valid, so it is not used (the default policy is, until it is fixed): ${custom.error.issues.map((i) => i.message).join('; ')}`,
    storedCustomPolicy: rec.customPolicy,
  };
}

/**
 * Merges a validated partial update into the stored settings and returns the result. A stored custom
 * policy the update does not replace is written back exactly as stored (even if it fails validation:
 * never silently dropped).
 */
export async function setSettings(db: IDBPDatabase<AttendanceDB>, update: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const rec = await tx.store.get('settings');
  const current = { ...DEFAULT_SETTINGS, ...(rec === undefined ? {} : { policyId: rec.policyId, asOfOverride: rec.asOfOverride }) };
  const { customPolicy, ...rest } = update;
  const next = settingsSchema.omit({ customPolicy: true }).parse({ ...current, ...rest });
  const out: SettingsRecord = { id: 'settings', ...next };
  if (customPolicy !== undefined) {
    // Validated again here: storage is the last boundary before the database.
    if (customPolicy !== null) {
      const checked = customPolicySchema.safeParse(customPolicy);
      if (!checked.success) throw new Error(`The custom policy was not saved: ${checked.error.issues.map((i) => i.message).join('; ')}`);
      out.customPolicy = checked.data;
    }
  } else if (rec?.customPolicy !== undefined && rec.customPolicy !== null) {
    out.customPolicy = rec.customPolicy;
  }
  await tx.store.put(out);
  await tx.done;
  return loadSettingsRecord(out).settings;
}
