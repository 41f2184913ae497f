import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { sessionKey } from '../engine/dates.ts';
import { ingestPage } from './ingest-page.ts';
import { loadCalendar } from './load.test-support.ts';
import { BLOCKED_MESSAGE, createV1Schema, openDb, type V1Marks, type V1Pupil } from './open-db.ts';
import { DB_VERSION } from './schema.ts';
import { storedPupils } from './stored-pupils.ts';

describe('openDb', () => {
  it('creates every store on a fresh install', async () => {
    const db = await openDb({ name: 'fresh' });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['amendments', 'calendar', 'caseHistory', 'provenance', 'pupils', 'settings', 'years']);
    db.close();
  });

  it('migrates a v1 database (one object per session) to v2 (compact years) keeping every mark', async () => {
    const name = 'from-v1';
    const v1 = await openDB(name, 1, { upgrade: (d) => createV1Schema(d) });
    const pupil: V1Pupil = { id: '1042', name: 'Ada Lovelace', attributes: { yearGroup: '7', sen: 'K' }, lastSeen: '2024-09-06T15:00:00.000Z' };
    const marks: V1Marks = {
      pupilId: '1042',
      yearStart: '2024-08-01',
      sessions: {
        '2024-09-02 AM': { code: '/', original: '/', readAt: '2024-09-06T15:00:00.000Z' },
        '2024-09-02 PM': { code: 'I', original: 'I_F', readAt: '2024-09-06T15:00:00.000Z' },
        '2024-09-03 AM': { code: 'H', original: 'H', readAt: '2024-09-06T15:00:00.000Z' }, // legacy code kept
        '2024-09-03 PM': { code: 'zz', original: 'zz', readAt: '2024-09-06T15:00:00.000Z' }, // unknown code kept
        '2024-09-04 AM': { code: '#', original: '#', readAt: '2024-09-06T15:00:00.000Z' },
        '2024-09-07 AM': { code: '/', original: '/', readAt: '2024-09-06T15:00:00.000Z' }, // Saturday: ignored (§8.5)
      },
    };
    await v1.put('pupils', pupil);
    await v1.put('marks', marks);
    await v1.put('provenance', { url: 'http://127.0.0.1/pupil/1042', readAt: '2024-09-06T15:00:00.000Z', adapter: 'demo', kind: 'pupil' });
    await v1.put('settings', { id: 'settings', policyId: 'la-002', asOfOverride: null });
    v1.close();

    const db = await openDb({ name });
    expect(db.version).toBe(2);
    expect(db.objectStoreNames.contains('marks' as never)).toBe(false);
    const [p] = await storedPupils(db, ['1042']);
    expect(p?.name).toBe('Ada Lovelace');
    expect(p?.attributes).toEqual({ yearGroup: '7', sen: 'K' });
    expect(p?.marks).toEqual([
      { date: '2024-09-02', session: 'AM', code: '/', original: '/' },
      { date: '2024-09-02', session: 'PM', code: 'I', original: 'I_F' },
      { date: '2024-09-03', session: 'AM', code: 'H', original: 'H' },
      { date: '2024-09-03', session: 'PM', code: 'zz', original: 'zz' },
      { date: '2024-09-04', session: 'AM', code: '#', original: '#' },
    ]);
    expect(await db.get('pupils', '1042')).toMatchObject({ firstSeen: '2024-09-06T15:00:00.000Z', source: '' });
    expect(await db.get('settings', 'settings')).toMatchObject({ policyId: 'la-002' });
    expect(await db.count('provenance')).toBe(1);
    // The calendar is rebuilt from the migrated marks: '#' is not a school session (domain.md §8.6).
    expect(await loadCalendar(db, ['2024-08-01'])).toEqual([
      sessionKey('2024-09-02', 'AM'),
      sessionKey('2024-09-02', 'PM'),
      sessionKey('2024-09-03', 'AM'),
      sessionKey('2024-09-03', 'PM'),
    ]);
    // Read times survived: an older read does not overwrite, a newer one amends.
    const page = (readAt: string, code: string) => ({
      type: 'ingest-page' as const,
      source: { url: 'http://127.0.0.1/pupil/1042', readAt, adapter: 'demo' },
      page: { kind: 'pupil' as const, pupilId: '1042', name: 'Ada Lovelace', attributes: {}, marks: [{ date: '2024-09-02', session: 'AM' as const, code, original: code }] },
    });
    expect((await ingestPage(db, page('2024-09-05T10:00:00Z', 'N'))).stale).toBe(1);
    expect((await ingestPage(db, page('2024-09-09T10:00:00Z', 'L'))).amended).toBe(1);
    db.close();
  });

  it('reports a blocked upgrade clearly instead of hanging', async () => {
    const name = 'blocked';
    const v1 = await openDB(name, 1, { upgrade: (d) => createV1Schema(d) });
    // v1 (an old extension page) ignores versionchange and stays open.
    await expect(openDb({ name })).rejects.toThrow(BLOCKED_MESSAGE);
    v1.close();
  });

  it('steps aside when a newer version of the extension upgrades the database', async () => {
    let closed = 0;
    const db = await openDb({ name: 'newer', onClose: () => closed++ });
    // A newer version (v3) opens: this connection must close so the upgrade is not blocked.
    const newer = await openDB('newer', DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(closed).toBe(1);
    newer.close();
    void db;
  });

  it('aborts a failing migration, leaving the v1 data as it was', async () => {
    const name = 'bad-v1';
    const v1 = await openDB(name, 1, { upgrade: (d) => createV1Schema(d) });
    await v1.put('marks', { pupilId: 'x', yearStart: '2024-08-01', sessions: { 'garbage': { code: '/', original: '/', readAt: '2024-09-06T15:00:00Z' } } });
    v1.close();
    await expect(openDb({ name })).rejects.toThrow(/Could not upgrade the attendance database to version 2: .*unreadable session "garbage"/);
    const again = await openDB(name);
    expect(again.version).toBe(1);
    expect(await again.count('marks')).toBe(1);
    again.close();
  });
});
