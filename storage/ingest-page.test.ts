import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../engine/dates.ts';
import type { MarkRead } from '../adapters/page-read.ts';
import { ingestPage, ingestPages, QUOTA_MESSAGE, type PageToStore } from './ingest-page.ts';

/** What the content script sends: a page to store, with its message type. */
type IngestPageMessage = PageToStore & { type: 'ingest-page' };
import { loadCalendar, loadHistories } from './load.test-support.ts';
import { openDb } from './open-db.ts';
import type { AttendanceDB } from './schema.ts';
import { storedPupils } from './stored-pupils.ts';

let db: IDBPDatabase<AttendanceDB>;
let n = 0;
beforeEach(async () => {
  db = await openDb({ name: `ingest-test-${n++}` });
});
afterEach(() => db.close());

const m = (date: string, session: 'AM' | 'PM', code: string, original = code): MarkRead => ({ date, session, code, original });

function register(readAt: string, pupils: { id: string; marks: MarkRead[]; pending?: MarkRead[] }[], url = 'http://127.0.0.1:8080/register/7B?week=2025-09-01'): IngestPageMessage {
  return {
    type: 'ingest-page',
    source: { url, readAt, adapter: 'demo' },
    page: {
      kind: 'register',
      formId: '7B',
      formName: '7B',
      weekStart: '2025-09-01',
      sessions: [
        { date: '2025-09-01', session: 'AM' },
        { date: '2025-09-01', session: 'PM' },
        { date: '2025-09-02', session: 'AM' },
      ],
      pupils: pupils.map((p) => ({ pupilId: p.id, name: `Pupil ${p.id}`, marks: p.marks, pending: p.pending ?? [] })),
    },
  };
}

const week1 = (tueAm = 'N') => [
  { id: 'p1', marks: [m('2025-09-01', 'AM', '/'), m('2025-09-01', 'PM', '\\'), m('2025-09-02', 'AM', tueAm)] },
  { id: 'p2', marks: [m('2025-09-01', 'AM', 'I', 'I_F')] },
];

async function marksOf(id: string) {
  const [p] = await storedPupils(db, [id]);
  return p?.marks.map((x) => `${x.date} ${x.session} ${x.code}${x.original !== x.code ? `(${x.original})` : ''}`);
}

describe('ingestPage', () => {
  it('stores saved marks, not pending edits, and learns the calendar', async () => {
    const r = await ingestPage(
      db,
      register('2025-09-02T09:30:00Z', [
        { ...week1()[0]!, pending: [m('2025-09-02', 'PM', 'L')] },
        week1()[1]!,
      ]),
    );
    expect(r).toMatchObject({ stored: 4, changed: 4, amended: 0, stale: 0, ignored: 0 });
    expect(r.changedPupilIds).toEqual(['p1', 'p2']);
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM \\', '2025-09-02 AM N']);
    expect(await marksOf('p2')).toEqual(['2025-09-01 AM I(I_F)']);
    expect(await loadCalendar(db, ['2025-08-01'])).toEqual([
      sessionKey('2025-09-01', 'AM'),
      sessionKey('2025-09-01', 'PM'),
      sessionKey('2025-09-02', 'AM'),
    ]);
    const [h] = await loadHistories(db, ['2025-08-01'], ['p1']);
    expect(h?.history.firstKey).toBe(sessionKey('2025-09-01', 'AM'));
    expect(h?.history.codes).toEqual(['/', '\\', 'N']);
    expect(await db.count('provenance')).toBe(1);
  });

  it('is idempotent: the same page read twice changes nothing', async () => {
    const msg = register('2025-09-02T09:30:00Z', week1());
    await ingestPage(db, msg);
    const before = await storedPupils(db, ['p1', 'p2']);
    const again = await ingestPage(db, msg);
    expect(again).toMatchObject({ stored: 4, changed: 0, amended: 0 });
    const later = await ingestPage(db, register('2025-09-02T10:00:00Z', week1()));
    expect(later).toMatchObject({ stored: 4, changed: 0, amended: 0 });
    expect(await storedPupils(db, ['p1', 'p2'])).toEqual(before);
    expect(await db.count('amendments')).toBe(0);
    expect(await loadCalendar(db, ['2025-08-01'])).toHaveLength(3);
    expect(await db.count('provenance')).toBe(2); // the identical re-send is the same provenance row
  });

  it('records an amendment when a saved mark changes, latest read wins', async () => {
    await ingestPage(db, register('2025-09-02T09:30:00Z', week1('N')));
    const r = await ingestPage(db, register('2025-09-03T08:00:00Z', week1('I')));
    expect(r).toMatchObject({ stored: 4, changed: 1, amended: 1 });
    expect(r.changedPupilIds).toEqual(['p1']);
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM \\', '2025-09-02 AM I']);
    const [p1] = await storedPupils(db, ['p1']);
    expect(p1?.amendments).toEqual([
      {
        pupilId: 'p1',
        key: sessionKey('2025-09-02', 'AM'),
        date: '2025-09-02',
        session: 'AM',
        oldCode: 'N',
        newCode: 'I',
        at: '2025-09-03T08:00:00.000Z',
        url: 'http://127.0.0.1:8080/register/7B?week=2025-09-01',
      },
    ]);
  });

  it('never lets an older read overwrite a newer one (pages out of order)', async () => {
    // The newer read (Tue AM = I) arrives first, then an older read showing N.
    await ingestPage(db, register('2025-09-03T08:00:00Z', week1('I')));
    const r = await ingestPage(db, register('2025-09-02T09:30:00Z', week1('N')));
    expect(r).toMatchObject({ stored: 0, changed: 0, amended: 0, stale: 4 });
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM \\', '2025-09-02 AM I']);
    // The late read still tells us the mark was N before it was I: history shows the change.
    const [p1] = await storedPupils(db, ['p1']);
    expect(p1?.amendments.map((a) => [a.oldCode, a.newCode, a.at, a.url])).toEqual([['N', 'I', '2025-09-03T08:00:00.000Z', '']]);
    // Reading the stale page again does not duplicate it.
    await ingestPage(db, register('2025-09-02T09:30:00Z', week1('N')));
    expect(await db.count('amendments')).toBe(1);
  });

  it('applies a newer read of one week after an older read of another (per-session read times)', async () => {
    const wk2 = [{ id: 'p1', marks: [m('2025-09-08', 'AM', 'O')] }];
    await ingestPage(db, register('2025-09-10T08:00:00Z', wk2)); // newest read, another week
    const r = await ingestPage(db, register('2025-09-02T09:30:00Z', week1())); // older, but first for week 1
    expect(r).toMatchObject({ stored: 4, changed: 4, stale: 0 });
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM \\', '2025-09-02 AM N', '2025-09-08 AM O']);
  });

  it('keeps the calendar by count: a session stops being a school session when its only mark becomes #', async () => {
    await ingestPage(db, register('2025-09-02T09:30:00Z', [{ id: 'p1', marks: [m('2025-09-02', 'PM', '/')] }, ...week1()]));
    expect(await loadCalendar(db, ['2025-08-01'])).toContain(sessionKey('2025-09-02', 'PM'));
    // p2's Mon AM changes to '-' but p1 still has Mon AM: still a school session (domain.md §8.6).
    await ingestPage(db, register('2025-09-03T09:00:00Z', [{ id: 'p2', marks: [m('2025-09-01', 'AM', '-')] }]));
    await ingestPage(db, register('2025-09-03T09:00:00Z', [{ id: 'p1', marks: [m('2025-09-02', 'PM', '#')] }], 'http://x/other'));
    const cal = await loadCalendar(db, ['2025-08-01']);
    expect(cal).toContain(sessionKey('2025-09-01', 'AM'));
    expect(cal).not.toContain(sessionKey('2025-09-02', 'PM'));
  });

  it("never erases a stored mark with '' (nothing read), but records a cleared mark ('-') as an amendment", async () => {
    await ingestPage(db, register('2025-09-02T09:30:00Z', week1()));
    const r = await ingestPage(db, register('2025-09-03T09:30:00Z', [{ id: 'p1', marks: [m('2025-09-01', 'AM', ''), m('2025-09-01', 'PM', '-')] }]));
    expect(r).toMatchObject({ stored: 1, changed: 1, amended: 1 });
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM -', '2025-09-02 AM N']);
    const [p1] = await storedPupils(db, ['p1']);
    expect(p1?.amendments.map((a) => `${a.oldCode}→${a.newCode}`)).toEqual(['\\→-']);
  });

  it('treats a pupil listed twice on one page as one pupil, the later cell winning', async () => {
    const r = await ingestPage(
      db,
      register('2025-09-02T09:30:00Z', [
        { id: 'p1', marks: [m('2025-09-01', 'AM', '/'), m('2025-09-01', 'PM', 'N')] },
        { id: 'p1', marks: [m('2025-09-01', 'PM', 'I'), m('2025-09-02', 'AM', '/')] },
      ]),
    );
    expect(r.pupilIds).toEqual(['p1']);
    expect(r).toMatchObject({ stored: 3, changed: 3, amended: 0 }); // N then I on one page is one read, not an amendment
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM I', '2025-09-02 AM /']);
    expect(await loadCalendar(db, ['2025-08-01'])).toHaveLength(3);
  });

  it('stores a batch of pages exactly as the same pages one by one', async () => {
    const pages = [
      register('2025-09-02T09:30:00Z', week1('N')),
      register('2025-09-03T08:00:00Z', week1('I'), 'http://x/b'), // amends p1 Tue AM
      register('2025-09-01T08:00:00Z', [{ id: 'p3', marks: [m('2025-09-01', 'AM', 'L')] }], 'http://x/c'),
      register('2025-09-02T09:00:00Z', week1('O'), 'http://x/d'), // stale for everything
    ];
    const one = await openDb({ name: `ingest-test-${n++}` });
    const results = [];
    for (const p of pages) results.push(await ingestPage(one, p));
    const batch = await ingestPages(db, pages);
    for (const k of ['stored', 'changed', 'amended', 'stale'] as const) expect(batch[k]).toBe(results.reduce((t, r) => t + r[k], 0));
    expect(batch.changedPupilIds.sort()).toEqual(['p1', 'p2', 'p3']);
    const strip = (ps: Awaited<ReturnType<typeof storedPupils>>) => ps.map((p) => ({ ...p, amendments: p.amendments.map((a) => `${a.key} ${a.oldCode}→${a.newCode} ${a.at}`) }));
    expect(strip(await storedPupils(db, ['p1', 'p2', 'p3']))).toEqual(strip(await storedPupils(one, ['p1', 'p2', 'p3'])));
    expect(await loadCalendar(db, ['2025-08-01'])).toEqual(await loadCalendar(one, ['2025-08-01']));
    expect(await db.count('provenance')).toBe(4);
    one.close();
  });

  it('ignores weekend marks and counts them', async () => {
    const r = await ingestPage(db, register('2025-09-08T09:00:00Z', [{ id: 'p1', marks: [m('2025-09-06', 'AM', '/'), m('2025-09-05', 'PM', '/')] }]));
    expect(r).toMatchObject({ stored: 1, ignored: 1 });
  });

  it('keeps pupil-page attributes from the newest pupil-page read only', async () => {
    const pupilPage = (readAt: string, yearGroup: string): IngestPageMessage => ({
      type: 'ingest-page',
      source: { url: 'http://127.0.0.1:8080/pupil/p1', readAt, adapter: 'demo' },
      page: { kind: 'pupil', pupilId: 'p1', name: 'Ada Lovelace', attributes: { yearGroup, fsm: true }, marks: [m('2025-09-01', 'AM', '/')] },
    });
    await ingestPage(db, pupilPage('2025-09-05T10:00:00Z', '8'));
    await ingestPage(db, pupilPage('2025-09-04T10:00:00Z', '7')); // older, arrives late
    await ingestPage(db, register('2025-09-03T10:00:00Z', week1())); // register: no attributes, older name
    const p = await db.get('pupils', 'p1');
    expect(p?.attributes).toEqual({ yearGroup: '8', fsm: true });
    expect(p?.name).toBe('Ada Lovelace');
    expect(p?.firstSeen).toBe('2025-09-03T10:00:00.000Z');
    expect(p?.lastSeen).toBe('2025-09-05T10:00:00.000Z');
  });

  it('serialises two ingests at once (two tabs)', async () => {
    const a = register('2025-09-02T09:30:00Z', [{ id: 'p1', marks: [m('2025-09-01', 'AM', '/')] }], 'http://x/a');
    const b = register('2025-09-02T09:30:01Z', [{ id: 'p1', marks: [m('2025-09-01', 'PM', 'N')] }], 'http://x/b');
    const [ra, rb] = await Promise.all([ingestPage(db, a), ingestPage(db, b)]);
    expect(ra.changed + rb.changed).toBe(2);
    expect(await marksOf('p1')).toEqual(['2025-09-01 AM /', '2025-09-01 PM N']);
  });

  it('on quota exceeded stores nothing from the page and keeps everything already stored', async () => {
    await ingestPage(db, register('2025-09-02T09:30:00Z', week1('N')));
    const before = await storedPupils(db, ['p1', 'p2']);
    const provenanceBefore = await db.count('provenance');
    // The edge: IndexedDB's put on the years store fails like a full disk does.
    const proto = globalThis.IDBObjectStore.prototype;
    const realPut = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'years' && (args[0] as { pupilId?: string }).pupilId === 'p3') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args);
    };
    try {
      // p1's amendment comes first in the page, p3 (new) fails: nothing of this page may remain.
      const page = register('2025-09-03T08:00:00Z', [...week1('I'), { id: 'p3', marks: [m('2025-09-01', 'AM', '/')] }]);
      await expect(ingestPage(db, page)).rejects.toThrow(QUOTA_MESSAGE);
    } finally {
      proto.put = realPut;
    }
    expect(await storedPupils(db, ['p1', 'p2', 'p3'])).toEqual(before);
    expect(await db.count('amendments')).toBe(0);
    expect(await db.count('provenance')).toBe(provenanceBefore);
    expect(await db.get('pupils', 'p3')).toBeUndefined();
    // And the database still works afterwards.
    const r = await ingestPage(db, register('2025-09-03T08:00:00Z', week1('I')));
    expect(r.amended).toBe(1);
  });
});
