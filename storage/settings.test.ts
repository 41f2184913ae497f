import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DFE_SUPPORT_FIRST } from '../engine/policy/presets/dfe-support-first.ts';
import type { Policy } from '../engine/policy/schema.ts';
import { exportBackup, restoreBackup, validateBackup } from './backup.ts';
import { openDb } from './open-db.ts';
import { getSettings, getSettingsReport, loadSettingsRecord, setSettings } from './settings.ts';

const custom = (): Policy => ({ ...structuredClone(DFE_SUPPORT_FIRST), id: 'dfe-support-first-custom', name: 'Ours' });
let n = 0;

describe('settings with a custom policy', () => {
  it('stores a valid custom policy and returns it validated', async () => {
    const db = await openDb({ name: `settings-${n++}` });
    const p = custom();
    p.epn.threshold = 8;
    const s = await setSettings(db, { customPolicy: p, policyId: p.id });
    expect(s.policyId).toBe('dfe-support-first-custom');
    expect(s.customPolicy?.epn.threshold).toBe(8);
    // A later update that does not mention the policy keeps it.
    await setSettings(db, { asOfOverride: '2025-10-01' });
    expect((await getSettings(db)).customPolicy?.epn.threshold).toBe(8);
    // null removes it.
    await setSettings(db, { customPolicy: null, policyId: 'dfe-support-first' });
    expect((await getSettings(db)).customPolicy).toBeUndefined();
    db.close();
  });

  it('refuses an invalid policy or a preset id on the way in, naming the field', async () => {
    const db = await openDb({ name: `settings-${n++}` });
    const bad = custom();
    (bad.bands[0] as { lowerBound?: number }).lowerBound = 96.55;
    await expect(setSettings(db, { customPolicy: bad })).rejects.toThrow(/bands\[0\]\.lowerBound: expected at most one decimal place/);
    await expect(setSettings(db, { customPolicy: { ...custom(), id: 'pdet-trust' } })).rejects.toThrow(/"pdet-trust" is a preset's id/);
    expect(await db.get('settings', 'settings')).toBeUndefined();
    db.close();
  });

  it('reports a stored policy that fails validation, does not use it, and never deletes it', async () => {
    const db = await openDb({ name: `settings-${n++}` });
    const broken = { ...custom(), epn: { ...custom().epn, weeks: 0 } };
    await db.put('settings', { id: 'settings', policyId: broken.id, asOfOverride: null, customPolicy: broken });
    const r = await getSettingsReport(db);
    expect(r.settings.customPolicy).toBeUndefined();
    expect(r.customPolicyProblem).toContain('epn.weeks: expected a whole number ≥ 1');
    expect(r.storedCustomPolicy).toEqual(broken);
    // Changing another setting writes the stored policy back untouched.
    await setSettings(db, { asOfOverride: '2025-10-01' });
    expect((await db.get('settings', 'settings'))?.customPolicy).toEqual(broken);
    db.close();
  });

  it('falls back to defaults for a corrupt record', () => {
    expect(loadSettingsRecord({ id: 'settings', policyId: '', asOfOverride: '2025-02-30' }).settings).toEqual({ policyId: 'dfe-support-first', asOfOverride: null });
  });

  it('keeps the custom policy through backup and restore', async () => {
    const db = await openDb({ name: `settings-${n++}` });
    const p = custom();
    p.minSessionsForBanding = 12;
    await setSettings(db, { customPolicy: p, policyId: p.id });
    const backup = JSON.parse(JSON.stringify(await exportBackup(db))) as unknown;
    const v = validateBackup(backup);
    if (!v.ok) throw new Error(v.errors.join('; '));
    const db2 = await openDb({ name: `settings-${n++}` });
    await restoreBackup(db2, v.backup);
    const s = await getSettings(db2);
    expect(s.policyId).toBe(p.id);
    expect(s.customPolicy).toEqual(p);
    db.close();
    db2.close();
  });
});
