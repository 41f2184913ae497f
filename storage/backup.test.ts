import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, calendarFromYears, exportBackup, restoreBackup, validateBackup } from './backup.ts';
import { openDb } from './open-db.ts';
import { emptySlots, encodeYear, slotOf } from './year-record.ts';

function year(pupilId: string, marks: [string, 'AM' | 'PM', string][]) {
  const y = emptySlots(pupilId, '2025-08-01');
  for (const [d, h, c] of marks) {
    const w = slotOf(d, h);
    if (w === null) throw new Error('weekend');
    y.codes[w.slot] = c;
  }
  return encodeYear(y);
}
const pupil = (id: string) => ({ id, name: id, attributes: {}, firstSeen: '2025-09-01T00:00:00.000Z', lastSeen: '2025-09-01T00:00:00.000Z', source: '' });
const doc = (stores: Record<string, unknown[]>) => ({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  dbVersion: 2,
  exportedAt: '2025-09-12T00:00:00.000Z',
  stores: { pupils: [], years: [], amendments: [], provenance: [], caseHistory: [], settings: [], calendar: [], ...stores },
});

describe('calendarFromYears', () => {
  it('counts pupils with a real mark per session; # and - do not make a school session (domain.md §8.6)', () => {
    const a = year('a', [['2025-09-01', 'AM', '/'], ['2025-09-01', 'PM', '#'], ['2025-09-02', 'AM', '-']]);
    const b = year('b', [['2025-09-01', 'AM', 'N'], ['2025-09-01', 'PM', 'Y4']]);
    const [cal] = calendarFromYears([a, b]);
    const at = (d: string, h: 'AM' | 'PM') => cal?.counts[(slotOf(d, h) as { slot: number }).slot];
    expect(at('2025-09-01', 'AM')).toBe(2);
    expect(at('2025-09-01', 'PM')).toBe(1);
    expect(at('2025-09-02', 'AM')).toBe(0);
  });
});

describe('validateBackup', () => {
  it('accepts a consistent document and names every problem in a bad one', () => {
    expect(validateBackup(doc({ pupils: [pupil('a')], years: [year('a', [['2025-09-01', 'AM', '/']])] })).ok).toBe(true);
    const orphan = validateBackup(doc({ pupils: [pupil('a'), pupil('a')], years: [year('zz', [['2025-09-01', 'AM', '/']])] }));
    expect(orphan).toEqual({
      ok: false,
      errors: ['stores.years.0: marks for pupil "zz", who is not in stores.pupils', 'stores.pupils.1: pupil id "a" appears twice'],
    });
    const corrupt = { ...year('a', []), codes: '\u0001' };
    const r = validateBackup(doc({ pupils: [pupil('a')], years: [corrupt] }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^stores\.years\.0: Corrupt year record a 2025-08-01/);
    expect(validateBackup({ format: BACKUP_FORMAT, version: 2 })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringMatching(/^version: unsupported/)]) });
  });

  it('round-trips through a database, rebuilding the calendar', async () => {
    const db = await openDb({ name: 'backup-roundtrip' });
    const d = doc({ pupils: [pupil('a')], years: [year('a', [['2025-09-01', 'AM', '/']])], calendar: [] });
    const v = validateBackup(d);
    if (!v.ok) throw new Error(v.errors.join());
    expect(await restoreBackup(db, v.backup)).toMatchObject({ pupils: 1, years: 1, calendar: 1 });
    const out = await exportBackup(db, new Date('2025-09-12T00:00:00Z'));
    expect(out.stores.pupils).toEqual(d.stores.pupils);
    expect(out.stores.years).toEqual(d.stores.years);
    expect(out.stores.calendar).toHaveLength(1);
    db.close();
  });
});
