import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../engine/dates.ts';
import { DFE_SUPPORT_FIRST } from '../engine/policy/presets/dfe-support-first.ts';
import type { Band } from '../engine/policy/schema.ts';
import { openDb } from '../storage/open-db.ts';
import type { SettingsRecord } from '../storage/schema.ts';
import { handlePanelMessage } from './handle-panel-message.ts';
import { summaryCache } from './summary-cache.ts';
import type { AttendanceDB } from '../storage/schema.ts';
import { handleMessage, localToday, type HandlerContext } from './handle-message.ts';
import type { IngestReply, MarkRead, QueryPupilsReply, QuerySummaryReply } from '../messages/messages.ts';

let db: IDBPDatabase<AttendanceDB>;
let ctx: HandlerContext;
let n = 0;
beforeEach(async () => {
  db = await openDb({ name: `handler-${n++}` });
  ctx = { getDb: async () => db, today: () => '2025-09-12' };
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
const ingest = (readAt: string, pupils: { id: string; marks: MarkRead[]; pending?: MarkRead[] }[]) =>
  handleMessage(
    {
      type: 'ingest-page',
      source: { url: 'http://127.0.0.1:8080/register/7B', readAt, adapter: 'demo' },
      page: {
        kind: 'register',
        weekStart: '2025-09-08',
        sessions: [],
        pupils: pupils.map((p) => ({ pupilId: p.id, name: `Pupil ${p.id}`, marks: p.marks, pending: p.pending ?? [] })),
      },
    },
    ctx,
  );

describe('handleMessage', () => {
  it('rejects an invalid message naming the field, and stores nothing', async () => {
    const r = await handleMessage(
      {
        type: 'ingest-page',
        source: { url: 'http://x', readAt: 'not a time', adapter: 'demo' },
        page: { kind: 'pupil', pupilId: 'p1', name: 'A', attributes: {}, marks: [{ date: '2025-02-30', session: 'AM', code: '/', original: '/' }] },
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    const error = (r as { error: string }).error;
    expect(error).toMatch(/^Rejected message of type "ingest-page": /);
    expect(error).toContain('source.readAt');
    expect(error).toContain('page.marks.0.date');
    expect(await db.count('pupils')).toBe(0);
    expect(await handleMessage({ type: 'launch-rockets' }, ctx)).toMatchObject({ ok: false });
    expect(await handleMessage('hello', ctx)).toMatchObject({ ok: false, error: expect.stringContaining('"(none)"') });
  });

  it('ingests, then answers for the pupils on the page with the whole school calendar', async () => {
    // A: 2 unauthorised (N) of 20 → 18/20 = 90.0% → persistent absence (attendance ≤ 90%, domain.md §3).
    // B: present throughout. C: marked only on the first and the last session (the rest not read).
    const first = (await ingest('2025-09-12T16:00:00Z', [
      { id: 'A', marks: fortnight({ '2025-09-03 AM': 'N', '2025-09-03 PM': 'N' }), pending: [{ date: '2025-09-12', session: 'PM', code: 'O', original: 'O' }] },
      { id: 'B', marks: fortnight() },
      { id: 'C', marks: [{ date: '2025-09-01', session: 'AM', code: '/', original: '/' }, { date: '2025-09-12', session: 'PM', code: '\\', original: '\\' }] },
    ])) as IngestReply;
    expect(first).toMatchObject({ ok: true, stored: 42, changed: 42, amended: 0, asOf: '2025-09-12', policyId: 'dfe-support-first' });
    const a = first.pupils?.find((p) => p.pupilId === 'A');
    expect(a?.result?.measures).toMatchObject({ possible: 20, attended: 18, unauthorised: 2, attendancePct: 90, persistent: true });
    // The pending O on Fri PM, if saved: 17/20 = 85%.
    expect(a?.ifSaved?.measures).toMatchObject({ possible: 20, attended: 17, unauthorised: 3 });

    const q = (await handleMessage({ type: 'query-pupils', pupilIds: ['C', 'nobody'] }, ctx)) as QueryPupilsReply;
    expect(q.ok).toBe(true);
    const c = q.pupils[0]!;
    expect(c.result?.measures.possible).toBe(2);
    // The 18 sessions between C's two marks are school sessions (others were marked): missing marks.
    expect(c.result?.measures.missingMarks).toBe(18);
    expect(c.completeness).toEqual({
      firstStored: { date: '2025-09-01', session: 'AM' },
      lastStored: { date: '2025-09-12', session: 'PM' },
      schoolSessions: 20,
      schoolSessionsWithoutMark: 18,
    });
    expect(q.pupils[1]).toMatchObject({ pupilId: 'nobody', result: null, completeness: { schoolSessions: 20, schoolSessionsWithoutMark: 20, firstStored: null } });
  });

  it('summarises the whole school', async () => {
    await ingest('2025-09-12T16:00:00Z', [
      { id: 'A', marks: fortnight({ '2025-09-03 AM': 'N', '2025-09-03 PM': 'N' }) },
      { id: 'B', marks: fortnight() },
      // D: 8 unauthorised sessions (G, O) in the window → 2 from the EPN threshold of 10 (domain.md §4).
      { id: 'D', marks: fortnight({ '2025-09-08 AM': 'G', '2025-09-08 PM': 'G', '2025-09-09 AM': 'G', '2025-09-09 PM': 'G', '2025-09-10 AM': 'O', '2025-09-10 PM': 'O', '2025-09-11 AM': 'O', '2025-09-11 PM': 'O' }) },
    ]);
    const s = (await handleMessage({ type: 'query-summary' }, ctx)) as QuerySummaryReply;
    expect(s.ok).toBe(true);
    expect(s.schoolSessions).toBe(20);
    expect(s.counts.pupils).toBe(3);
    expect(s.counts.persistent).toBe(2); // A 90%, D 60%
    expect(s.counts.severe).toBe(0); // D's absence 40% < 50%
    expect(s.counts.epnMet).toBe(0);
    expect(s.counts.epnWithin2).toBe(1); // D
    expect(s.counts.bands.reduce((t, b) => t + b.count, 0)).toBe(3);
    expect(s.pupils.map((p) => p.pupilId).sort()).toEqual(['A', 'B', 'D']);
  });

  it('uses the as-of override from settings, and rejects an unknown policy', async () => {
    expect(await handleMessage({ type: 'get-settings' }, ctx)).toEqual({ ok: true, settings: { policyId: 'dfe-support-first', asOfOverride: null } });
    await handleMessage({ type: 'set-settings', settings: { asOfOverride: '2025-09-05' } }, ctx);
    await ingest('2025-09-12T16:00:00Z', [{ id: 'B', marks: fortnight() }]);
    const q = (await handleMessage({ type: 'query-pupils', pupilIds: ['B'] }, ctx)) as QueryPupilsReply;
    expect(q.asOf).toBe('2025-09-05');
    expect(q.pupils[0]?.result?.measures.possible).toBe(10); // sessions after the as-of date are ignored (§1)
    const bad = await handleMessage({ type: 'set-settings', settings: { policyId: 'no-such-policy' } }, ctx);
    expect(bad).toEqual({ ok: false, error: 'Unknown policy "no-such-policy": settings not changed.' });
  });

  it('computes with the saved custom policy, and falls back (reported) when the stored one is invalid', async () => {
    // A: 2 unauthorised of 20 sessions = exactly 90%: "Support (90% and below)" under the preset.
    await ingest('2025-09-12T16:00:00Z', [{ id: 'A', marks: fortnight({ '2025-09-01 AM': 'O', '2025-09-01 PM': 'O' }) }]);
    const bandOf = async () => {
      const s = (await handleMessage({ type: 'query-summary' }, ctx)) as QuerySummaryReply;
      return { band: s.pupils[0]?.band.id, policyId: s.policyId, problem: s.policyProblem, s };
    };
    expect(await bandOf()).toMatchObject({ band: 'support', policyId: 'dfe-support-first' });
    // Edited: support is "below 89.5", listen-and-understand "at least 89.5".
    const custom = structuredClone(DFE_SUPPORT_FIRST);
    custom.id = 'dfe-support-first-custom';
    custom.bands[2] = { ...(custom.bands[2] as Band), lowerBound: 89.5, inclusive: true };
    custom.bands[3] = { ...(custom.bands[3] as Band), upperBound: 89.5, inclusive: false };
    // A preset id may not be taken, and policyId must name a known policy.
    expect(await handleMessage({ type: 'set-settings', settings: { customPolicy: { ...custom, id: 'dfe-support-first' } } }, ctx)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'set-settings', settings: { policyId: 'dfe-support-first-custom' } }, ctx)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'set-settings', settings: { customPolicy: custom, policyId: custom.id } }, ctx)).toMatchObject({ ok: true, settings: { policyId: custom.id } });
    const after = await bandOf();
    expect(after).toMatchObject({ band: 'listen-understand', policyId: 'dfe-support-first-custom', problem: undefined });
    expect(after.s.policy.bands[3]?.upperBound).toBe(89.5);
    // The preview of going back to the preset: A changes band.
    const preview = await handlePanelMessage({ type: 'preview-policy', policyId: 'dfe-support-first' }, ctx);
    expect(preview).toMatchObject({ ok: true, fromPolicyId: 'dfe-support-first-custom', bandChanges: 1 });
    // A stored policy that no longer validates: not used, reported, not deleted.
    const rec = await db.get('settings', 'settings');
    await db.put('settings', { ...(rec as SettingsRecord), customPolicy: { ...custom, epn: { ...custom.epn, threshold: -1 } } });
    const fallback = await bandOf();
    expect(fallback).toMatchObject({ band: 'support', policyId: 'dfe-support-first' });
    expect(fallback.problem).toContain('dfe-support-first-custom');
    const gs = await handleMessage({ type: 'get-settings' }, ctx);
    expect(gs).toMatchObject({ ok: true, customPolicyProblem: expect.stringContaining('epn.threshold: expected a whole number ≥ 1') });
  });

  it('keeps the summary between writes and recomputes it after any write', async () => {
    const cached: HandlerContext = { ...ctx, summaryCache: summaryCache(60_000) };
    await ingest('2025-09-12T16:00:00Z', [{ id: 'A', marks: fortnight() }]);
    const first = (await handleMessage({ type: 'query-summary' }, cached)) as QuerySummaryReply;
    expect(await handleMessage({ type: 'query-summary' }, cached)).toBe(first);
    await handleMessage({ type: 'ingest-page', source: { url: 'http://x/r', readAt: '2025-09-12T17:00:00Z', adapter: 'demo' }, page: { kind: 'register', weekStart: '2025-09-08', sessions: [], pupils: [{ pupilId: 'B', name: 'B', marks: fortnight(), pending: [] }] } }, cached);
    const second = (await handleMessage({ type: 'query-summary' }, cached)) as QuerySummaryReply;
    expect(second).not.toBe(first);
    expect(second.counts.pupils).toBe(2);
    await handleMessage({ type: 'add-case-event', pupilId: 'A', event: { kind: 'letter-sent', date: '2025-09-12' } }, cached);
    expect(await handleMessage({ type: 'query-summary' }, cached)).not.toBe(second);
    const third = await handleMessage({ type: 'query-summary' }, cached);
    await handlePanelMessage({ type: 'remove-all-data', confirm: 'REMOVE' }, cached);
    const empty = (await handleMessage({ type: 'query-summary' }, cached)) as QuerySummaryReply;
    expect(empty).not.toBe(third);
    expect(empty.counts.pupils).toBe(0);
  });

  it('returns stored marks, amendments and case history', async () => {
    await ingest('2025-09-12T16:00:00Z', [{ id: 'B', marks: fortnight() }]);
    await ingest('2025-09-15T08:00:00Z', [{ id: 'B', marks: [{ date: '2025-09-12', session: 'PM', code: 'M', original: 'M' }] }]);
    await handleMessage({ type: 'add-case-event', pupilId: 'B', event: { kind: 'letter-sent', date: '2025-09-15' } }, ctx);
    const r = await handleMessage({ type: 'get-stored', pupilIds: ['B'] }, ctx);
    expect(r).toMatchObject({
      ok: true,
      pupils: [{ pupilId: 'B', amendments: [{ oldCode: '\\', newCode: 'M', date: '2025-09-12', session: 'PM' }], caseHistory: [{ kind: 'letter-sent', date: '2025-09-15' }] }],
    });
    expect((r as { pupils: { marks: unknown[] }[] }).pupils[0]?.marks).toHaveLength(20);
  });

  it('keeps the attendance snapshot of a started stage, which "not improved since" needs', async () => {
    await ingest('2025-09-12T16:00:00Z', [{ id: 'B', marks: fortnight() }]);
    const event = { kind: 'stage-started', date: '2025-09-15', stageId: 'x', attendance: { attended: 18, possible: 20 } };
    expect(await handleMessage({ type: 'add-case-event', pupilId: 'B', event }, ctx)).toMatchObject({ ok: true });
    const r = (await handleMessage({ type: 'get-stored', pupilIds: ['B'] }, ctx)) as { pupils: { caseHistory: unknown[] }[] };
    expect(r.pupils[0]?.caseHistory).toEqual([event]);
  });

  it('answers a full disk with the quota message, and keeps what was stored', async () => {
    await ingest('2025-09-12T16:00:00Z', [{ id: 'B', marks: fortnight() }]);
    const proto = globalThis.IDBObjectStore.prototype;
    const realPut = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'years') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      const r = await ingest('2025-09-15T08:00:00Z', [{ id: 'B', marks: [{ date: '2025-09-12', session: 'PM', code: 'M', original: 'M' }] }]);
      expect(r).toEqual({
        ok: false,
        error: 'The browser has no room left to store attendance data (quota exceeded). Nothing from this page was stored; free disk space or remove old data in Settings.',
      });
    } finally {
      proto.put = realPut;
    }
    const stored = (await handleMessage({ type: 'get-stored', pupilIds: ['B'] }, ctx)) as { pupils: { marks: { code: string }[]; amendments: unknown[] }[] };
    expect(stored.pupils[0]?.marks.at(-1)?.code).toBe('\\');
    expect(stored.pupils[0]?.amendments).toEqual([]);
  });

  it('gives the local date as today', () => {
    expect(localToday(new Date(2025, 8, 1, 0, 30))).toBe('2025-09-01');
    expect(addDays(localToday(new Date(2025, 11, 31, 23, 59)), 1)).toBe('2026-01-01');
  });
});
