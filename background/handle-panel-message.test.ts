import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../storage/open-db.ts';
import type { AttendanceDB } from '../storage/schema.ts';
import { handleMessage } from './handle-message.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';
import { bandRanges, handlePanelMessage, type PanelContext } from './handle-panel-message.ts';
import type { MarkRead, QuerySummaryReply } from '../messages/messages.ts';
import type { BackupReply, CrawlTargetsReply, ImportReply, PreviewPolicyReply, PupilsOnSiteReply, RemovedReply, RestoreReply } from '../messages/panel-messages.ts';
import { isPanelMessage } from '../messages/panel-messages.ts';

let db: IDBPDatabase<AttendanceDB>;
let ctx: PanelContext;
let n = 0;
beforeEach(async () => {
  db = await openDb({ name: `panel-${n++}` });
  ctx = { getDb: async () => db, today: () => '2025-09-12', now: () => new Date('2025-09-12T17:00:00Z') };
});
afterEach(() => db.close());

// Two school weeks: Mon 1 Sep – Fri 12 Sep 2025 (20 sessions).
const DAYS = ['2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05', '2025-09-08', '2025-09-09', '2025-09-10', '2025-09-11', '2025-09-12'];
function fortnight(exceptions: Record<string, string> = {}): MarkRead[] {
  return DAYS.flatMap((d) =>
    (['AM', 'PM'] as const).map((s) => {
      const code = exceptions[`${d} ${s}`] ?? (s === 'AM' ? '/' : '\\');
      return { date: d, session: s, code, original: code };
    }),
  );
}
const ingest = (readAt: string, pupils: { id: string; marks: MarkRead[] }[]) =>
  handleMessage(
    {
      type: 'ingest-page',
      source: { url: 'http://127.0.0.1:8080/register/7B', readAt, adapter: 'demo' },
      page: { kind: 'register', weekStart: '2025-09-08', sessions: [], pupils: pupils.map((p) => ({ pupilId: p.id, name: `Pupil ${p.id}`, marks: p.marks, pending: [] })) },
    },
    ctx,
  );

// A: 2 × N of 20 → 18/20 = 90.0% (DfE "Support (90% and below)"; PDET "Persistent absence (≤ 90%)").
// B: 1 × I of 20 → 19/20 = 95.0% (DfE "Monitor" 94–95.9; PDET "At risk (90.1–95.9%)").
// C: present throughout → 100% (DfE "Expect"; PDET "96% or above").
async function seed() {
  await ingest('2025-09-12T16:00:00Z', [
    { id: 'A', marks: fortnight({ '2025-09-03 AM': 'N', '2025-09-03 PM': 'N' }) },
    { id: 'B', marks: fortnight({ '2025-09-10 AM': 'I' }) },
    { id: 'C', marks: fortnight() },
  ]);
}
const summary = async () => (await handleMessage({ type: 'query-summary' }, ctx)) as QuerySummaryReply;

describe('bandRanges', () => {
  it("gives each band its range in per mille, from the engine's own banding", () => {
    expect(bandRanges(presetById('dfe-support-first') as Policy)).toEqual(
      new Map([
        ['expect', '960–1000'],
        ['monitor', '940–959'],
        ['listen-understand', '901–939'],
        ['support', '0–900'],
      ]),
    );
    expect(bandRanges(presetById('pdet-trust') as Policy).get('severe')).toBe('0–500');
  });
});

describe('isPanelMessage', () => {
  it('routes only the panel types', () => {
    expect(isPanelMessage({ type: 'export-backup' })).toBe(true);
    expect(isPanelMessage({ type: 'query-summary' })).toBe(false);
    expect(isPanelMessage('export-backup')).toBe(false);
    expect(isPanelMessage(null)).toBe(false);
  });
});

describe('handlePanelMessage', () => {
  it('rejects a bad request naming the field', async () => {
    const r = await handlePanelMessage({ type: 'apply-retention', days: 0 }, ctx);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('days') });
    const wipe = await handlePanelMessage({ type: 'remove-all-data', confirm: 'yes' }, ctx);
    expect(wipe.ok).toBe(false);
  });

  it('previews a policy change: bands compared by their ranges, nothing is stored', async () => {
    await seed();
    const r = (await handlePanelMessage({ type: 'preview-policy', policyId: 'pdet-trust' }, ctx)) as PreviewPolicyReply;
    expect(r.ok).toBe(true);
    // C: DfE Expect (≥ 96) = PDET "96% or above" (≥ 96): same range, no change.
    // B: DfE Monitor [94, 96) → PDET at risk (90, 96): wider range, a change.
    // A: DfE Support [0, 90] → PDET persistent (50, 90] (severe ≤ 50 is split off): a change.
    expect(r).toMatchObject({ fromPolicyId: 'dfe-support-first', toPolicyId: 'pdet-trust', pupils: 3, bandChanges: 2 });
    expect(r.examples.map((e) => e.pupilId).sort()).toEqual(['A', 'B']);
    expect(r.transitions).toEqual(
      expect.arrayContaining([
        { from: 'Support (90% and below)', to: 'Persistent absence (≤ 90%)', count: 1 },
        { from: 'Monitor', to: 'At risk (90.1–95.9%)', count: 1 },
        { from: 'Expect', to: '96% or above', count: 1 },
      ]),
    );
    // The same policy changes nothing.
    const same = (await handlePanelMessage({ type: 'preview-policy', policyId: 'dfe-support-first' }, ctx)) as PreviewPolicyReply;
    expect(same).toMatchObject({ bandChanges: 0, stageChanges: 0, epnChanges: 0 });
    expect((await summary()).policyId).toBe('dfe-support-first');
    expect(await handlePanelMessage({ type: 'preview-policy', policyId: 'nope' }, ctx)).toMatchObject({ ok: false });
  });

  it("lists the pupils last read on one site for capture, never another site's or an import's", async () => {
    await seed();
    await handleMessage(
      {
        type: 'ingest-page',
        source: { url: 'https://other-mis.example/pupil/D', readAt: '2025-09-12T16:30:00Z', adapter: 'demo' },
        page: { kind: 'pupil', pupilId: 'D', name: 'Pupil D', attributes: { upn: 'D123456789012' }, marks: [] },
      },
      ctx,
    );
    await handlePanelMessage({ type: 'import-export', fileName: 'x.csv', text: 'pupil_id,date,session,code\nE,2025-09-01,AM,/', commit: true }, ctx);
    const here = (await handlePanelMessage({ type: 'pupils-on-site', origin: 'http://127.0.0.1:8080' }, ctx)) as PupilsOnSiteReply;
    expect(here.pupils.map((p) => p.id).sort()).toEqual(['A', 'B', 'C']);
    const other = (await handlePanelMessage({ type: 'pupils-on-site', origin: 'https://other-mis.example' }, ctx)) as PupilsOnSiteReply;
    expect(other.pupils).toEqual([{ id: 'D', name: 'Pupil D', upn: 'D123456789012' }]);
    expect(await handlePanelMessage({ type: 'pupils-on-site', origin: 'not a url' }, ctx)).toMatchObject({ ok: false });
  });

  it('backs up, removes all data, and restores to the same results', async () => {
    await seed();
    await handleMessage({ type: 'add-case-event', pupilId: 'A', event: { kind: 'letter-sent', date: '2025-09-11', note: 'first letter' } }, ctx);
    const before = await summary();
    const backup = (await handlePanelMessage({ type: 'export-backup' }, ctx)) as BackupReply;
    expect(backup.ok).toBe(true);
    // A JSON round trip, as through a file.
    const file = JSON.parse(JSON.stringify(backup.backup)) as unknown;

    let forgot = 0;
    const wiped = (await handlePanelMessage({ type: 'remove-all-data', confirm: 'REMOVE' }, { ...ctx, forgetLocalPupilData: async () => void forgot++ })) as RemovedReply;
    expect(wiped).toEqual({ ok: true, pupils: 3 });
    // The pupil data outside IndexedDB (fill-history state, capture stand-ins) goes too.
    expect(forgot).toBe(1);
    expect((await summary()).counts.pupils).toBe(0);

    const restored = (await handlePanelMessage({ type: 'restore-backup', backup: file }, ctx)) as RestoreReply;
    expect(restored.ok).toBe(true);
    expect(restored.counts).toMatchObject({ pupils: 3, years: 3, caseHistory: 1 });
    const after = await summary();
    expect(after.counts).toEqual(before.counts);
    expect(after.pupils.map((p) => [p.pupilId, p.measures.attended, p.measures.possible])).toEqual(
      before.pupils.map((p) => [p.pupilId, p.measures.attended, p.measures.possible]),
    );
  });

  it('refuses a damaged backup and leaves the stored data as it was', async () => {
    await seed();
    const backup = (await handlePanelMessage({ type: 'export-backup' }, ctx)) as BackupReply;
    const bad = JSON.parse(JSON.stringify(backup.backup)) as { stores: { years: { yearStart: string }[] } };
    (bad.stores.years[1] as { yearStart: string }).yearStart = '2025-13-01';
    const r = await handlePanelMessage({ type: 'restore-backup', backup: bad }, ctx);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('stores.years.1.yearStart') });
    expect(await handlePanelMessage({ type: 'restore-backup', backup: { format: 'something-else' } }, ctx)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a backup of this extension'),
    });
    expect((await summary()).counts.pupils).toBe(3);
  });

  it('retention removes only pupils not seen for longer than the chosen time', async () => {
    await ingest('2025-06-01T12:00:00Z', [{ id: 'OLD', marks: [{ date: '2025-05-30', session: 'AM', code: '/', original: '/' }] }]);
    await seed();
    // now = 12 Sep 2025; OLD last seen 1 Jun 2025 (103 days before), the rest today.
    expect(await handlePanelMessage({ type: 'apply-retention', days: 104 }, ctx)).toEqual({ ok: true, pupils: 0 });
    expect(await handlePanelMessage({ type: 'apply-retention', days: 90, dryRun: true }, ctx)).toEqual({ ok: true, pupils: 1 });
    expect(await db.count('pupils')).toBe(4);
    expect(await handlePanelMessage({ type: 'apply-retention', days: 90 }, ctx)).toEqual({ ok: true, pupils: 1 });
    expect((await db.getAllKeys('pupils')).sort()).toEqual(['A', 'B', 'C']);
    expect(await db.getAll('years', IDBKeyRange.bound(['OLD', ''], ['OLD', '\uffff']))).toEqual([]);
  });

  it('imports a marks CSV: preview first (nothing written), then commit', async () => {
    await seed();
    // C gets an O on Fri 12 Sep PM (changed), a new pupil D gets two marks (added), A one unchanged N.
    const csv = [
      'pupil_id,date,session,code,name,year_group',
      'C,2025-09-12,PM,O,Pupil C,',
      'D,2025-09-11,AM,/,Dana New,Year 3',
      'D,2025-09-11,PM,I,,',
      'A,2025-09-03,AM,N,Pupil A,',
    ].join('\r\n');
    const preview = (await handlePanelMessage({ type: 'import-export', fileName: 'marks.csv', text: csv, commit: false }, ctx)) as ImportReply;
    expect(preview).toMatchObject({ ok: true, format: 'marks-csv', committed: false, pupils: 3, newPupils: 1, added: 2, changed: 1, unchanged: 1 });
    expect(await db.count('pupils')).toBe(3);
    const done = (await handlePanelMessage({ type: 'import-export', fileName: 'marks.csv', text: csv, commit: true }, ctx)) as ImportReply;
    expect(done).toMatchObject({ committed: true, added: 2, changed: 1 });
    const s = await summary();
    expect(s.counts.pupils).toBe(4);
    // C: 19 of 20 attended after the O.
    expect(s.pupils.find((p) => p.pupilId === 'C')?.measures).toMatchObject({ attended: 19, possible: 20, unauthorised: 1 });
    expect(s.pupils.find((p) => p.pupilId === 'D')?.attributes?.yearGroup).toBe('Year 3');
    // The change is recorded as an amendment.
    expect((await db.getAll('amendments')).map((a) => [a.pupilId, a.oldCode, a.newCode])).toEqual([['C', '\\', 'O']]);
  });

  it('lists the pupil pages to read for "fill the history", and when each pupil was last read', async () => {
    await seed(); // read from http://127.0.0.1:8080/register/7B by the demo adapter
    await handlePanelMessage({ type: 'import-export', fileName: 'x.csv', text: 'pupil_id,date,session,code,name\r\nZ9,2025-09-12,AM,/,Zed', commit: true }, ctx);
    const r = (await handlePanelMessage({ type: 'crawl-targets' }, ctx)) as CrawlTargetsReply;
    expect(r.targets).toEqual([
      { pupilId: 'A', name: 'Pupil A', url: 'http://127.0.0.1:8080/pupils/A' },
      { pupilId: 'B', name: 'Pupil B', url: 'http://127.0.0.1:8080/pupils/B' },
      { pupilId: 'C', name: 'Pupil C', url: 'http://127.0.0.1:8080/pupils/C' },
    ]);
    // Z9 came from an import file: no MIS page to open.
    expect(r.unsupported).toBe(1);
    expect(await handlePanelMessage({ type: 'pupil-seen', pupilId: 'A' }, ctx)).toEqual({ ok: true, lastSeen: '2025-09-12T16:00:00.000Z' });
    expect(await handlePanelMessage({ type: 'pupil-seen', pupilId: 'nobody' }, ctx)).toEqual({ ok: true, lastSeen: null });
  });

  it('reports a bad import file with its name and line, and stores nothing', async () => {
    const r = await handlePanelMessage({ type: 'import-export', fileName: 'bad.csv', text: 'pupil_id,date,session,code\r\nX,2025-02-30,AM,/', commit: true }, ctx);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/bad\.csv: line 2/) });
    expect(await db.count('pupils')).toBe(0);
    const r2 = await handlePanelMessage({ type: 'import-export', fileName: 'x.txt', text: 'hello', commit: false }, ctx);
    expect(r2).toMatchObject({ ok: false, error: expect.stringContaining('unrecognised format') });
  });
});
