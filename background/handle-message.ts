// The background's request handler: validates every message (design.md: validate at every boundary),
// ingests, recomputes with the engine and answers queries. Holds no state: everything comes from the
// database on each call, so the MV3 service worker can be stopped at any time.
import type { IDBPDatabase } from 'idb';
import { keyDate, keyHalf, sessionKey } from '../engine/dates.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { IsoDate, PupilResult } from '../engine/types.ts';
import { addCaseEvent } from '../storage/case-history.ts';
import { ingestPage, ingestPages, QuotaError } from '../storage/ingest-page.ts';
import { loadComputeInput } from '../storage/load-compute-input.ts';
import type { StoredHistory } from '../storage/load-histories.ts';
import type { AttendanceDB } from '../storage/schema.ts';
import { getSettingsReport, setSettings } from '../storage/settings.ts';
import { storedPupils } from '../storage/stored-pupils.ts';
import { SLOTS_PER_YEAR, slotKey } from '../storage/year-record.ts';
import { activePolicy } from './active-policy.ts';
import { applyPending, computeResults, yearStartsFor } from './compute-results.ts';
import { pupilRow } from '../messages/pupil-row.ts';
import type { SummaryCache } from './summary-cache.ts';
import {
  describeZodError,
  messageSchema,
  type Completeness,
  type ErrorReply,
  type IngestReply,
  type Message,
  type PendingEdit,
  type PupilQueryResult,
  type QueryPupilsReply,
  type QuerySummaryReply,
  type ReplyMap,
  type SummaryCounts,
} from '../messages/messages.ts';

export interface HandlerContext {
  getDb: () => Promise<IDBPDatabase<AttendanceDB>>;
  /** Today's local date (the as-of date unless settings.asOfOverride is set). */
  today: () => IsoDate;
  /** Registers the content script for every granted origin; returns the origins. */
  syncContentScripts?: () => Promise<string[]>;
  /** The whole-school summary kept between writes (background/summary-cache.ts); none in most tests. */
  summaryCache?: SummaryCache;
}

/**
 * Requests that only read. Every other request may change what is stored and drops the kept summary
 * (background/summary-cache.ts): a request type added later is treated as a write unless listed here.
 */
const READS: ReadonlySet<Message['type']> = new Set(['query-pupils', 'query-summary', 'get-settings', 'get-stored', 'sync-content-scripts']);

/** Something was (or may have been) written: drop the kept summary, and rebuild it once writes stop. */
export function summaryChanged(db: IDBPDatabase<AttendanceDB>, ctx: HandlerContext): void {
  const cache = ctx.summaryCache;
  if (cache === undefined) return;
  cache.invalidate();
  cache.warmSoon(() => querySummary(db, ctx));
}

type AnyReply = ReplyMap[keyof ReplyMap] | ErrorReply;

/** Today's local calendar date (school dates are local dates: domain.md §1). */
export function localToday(now: Date = new Date()): IsoDate {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export async function handleMessage(raw: unknown, ctx: HandlerContext): Promise<AnyReply> {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : '(none)';
    return { ok: false, error: `Rejected message of type "${type}": ${describeZodError(parsed.error)}` };
  }
  const msg: Message = parsed.data;
  const writes = !READS.has(msg.type);
  let db: IDBPDatabase<AttendanceDB> | null = null;
  try {
    db = await ctx.getDb();
    // Before (so a summary being computed now is not kept) and after (finally) the write.
    if (writes) ctx.summaryCache?.invalidate();
    switch (msg.type) {
      case 'ingest-page': {
        const r = await ingestPage(db, msg);
        const reply: IngestReply = { ok: true, stored: r.stored, changed: r.changed, amended: r.amended, stale: r.stale, ignored: r.ignored, pupilIds: r.pupilIds };
        // Recompute the pupils on the page now, so the page's overlay needs no second round trip.
        // The data is stored either way: a compute failure is reported beside a successful ingest.
        const pending: PendingEdit[] =
          msg.page.kind === 'register'
            ? msg.page.pupils.flatMap((p) => p.pending.map((e) => ({ pupilId: p.pupilId, date: e.date, session: e.session, code: e.code })))
            : [];
        try {
          const q = await queryPupils(db, ctx, r.pupilIds, pending);
          reply.asOf = q.asOf;
          reply.policyId = q.policyId;
          reply.pupils = q.pupils;
        } catch (e) {
          reply.computeError = `Stored, but could not compute results: ${e instanceof Error ? e.message : String(e)}`;
        }
        return reply;
      }
      case 'ingest-pages': {
        const r = await ingestPages(db, msg.pages.map((p) => ({ type: 'ingest-page' as const, ...p })));
        return { ok: true, stored: r.stored, changed: r.changed, amended: r.amended, stale: r.stale, ignored: r.ignored, pupilIds: r.pupilIds };
      }
      case 'query-pupils':
        return await queryPupils(db, ctx, msg.pupilIds, msg.pending ?? []);
      case 'query-summary':
        return await querySummary(db, ctx);
      case 'get-settings':
        return { ok: true, ...(await getSettingsReport(db)) };
      case 'set-settings': {
        // The policy in use must be a preset or the custom policy (the one sent now, or the stored one).
        const before = await getSettingsReport(db);
        const custom = msg.settings.customPolicy === undefined ? before.settings.customPolicy : msg.settings.customPolicy;
        const policyId = msg.settings.policyId ?? before.settings.policyId;
        if (presetById(policyId) === undefined && (custom === undefined || custom === null || custom.id !== policyId)) {
          return { ok: false, error: `Unknown policy "${policyId}": settings not changed.` };
        }
        return { ok: true, settings: await setSettings(db, msg.settings) };
      }
      case 'get-stored':
        return { ok: true, pupils: await storedPupils(db, msg.pupilIds) };
      case 'add-case-event':
        await addCaseEvent(db, msg.pupilId, msg.event);
        return { ok: true };
      case 'sync-content-scripts':
        return { ok: true, origins: ctx.syncContentScripts === undefined ? [] : await ctx.syncContentScripts() };
    }
  } catch (e) {
    if (e instanceof QuotaError) return { ok: false, error: e.message };
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `"${msg.type}" failed: ${why}` };
  } finally {
    if (writes && db !== null) summaryChanged(db, ctx);
  }
  // Not reached: every message type returns in the switch above (TypeScript checks it is exhaustive).
  return { ok: false, error: `Unhandled message type "${String((raw as { type?: unknown }).type)}".` };
}

async function queryPupils(
  db: IDBPDatabase<AttendanceDB>,
  ctx: HandlerContext,
  pupilIds: readonly string[],
  pending: readonly PendingEdit[],
): Promise<QueryPupilsReply> {
  const today = ctx.today();
  const input = await loadComputeInput(db, pupilIds, (s) => yearStartsFor(s.asOfOverride ?? today));
  const asOf = input.settings.asOfOverride ?? today;
  const { policy } = activePolicy(input.settings);
  const { stored, calendar, caseHistories } = input;
  const now = computeResults({ histories: stored.map((s) => s.history), calendar, policy, asOf, caseHistories });

  const pendingBy = new Map<string, PendingEdit[]>();
  for (const e of pending) {
    const list = pendingBy.get(e.pupilId) ?? [];
    list.push(e);
    pendingBy.set(e.pupilId, list);
  }
  const ifSavedBy = new Map<string, PupilResult>();
  if (pendingBy.size > 0) {
    const withEdits = stored.filter((s) => pendingBy.has(s.pupil.id)).map((s) => applyPending(s.history, pendingBy.get(s.pupil.id) ?? []));
    const r = computeResults({ histories: withEdits, calendar, policy, asOf, caseHistories });
    for (const p of r.pupils) ifSavedBy.set(p.pupilId, p);
  }

  const byId = new Map(stored.map((s, i) => [s.pupil.id, { s, result: now.pupils[i] as PupilResult }]));
  const yearStart = input.yearStarts[input.yearStarts.length - 1] as IsoDate;
  const calendarThisYear = calendar.filter((k) => k >= sessionKey(yearStart, 'AM') && k <= sessionKey(asOf, 'PM'));
  const pupils: PupilQueryResult[] = pupilIds.map((id) => {
    const hit = byId.get(id);
    const out: PupilQueryResult = {
      pupilId: id,
      result: hit?.result ?? null,
      completeness: completeness(hit?.s, yearStart, calendarThisYear),
    };
    const ifSaved = ifSavedBy.get(id);
    if (ifSaved !== undefined) out.ifSaved = ifSaved;
    return out;
  });
  return { ok: true, asOf, policyId: policy.id, pupils };
}

function completeness(s: StoredHistory | undefined, yearStart: IsoDate, calendarThisYear: readonly number[]): Completeness {
  const y = s?.years.find((x) => x.yearStart === yearStart);
  let first = -1;
  let last = -1;
  const marked = new Set<number>();
  if (y !== undefined) {
    for (let i = 0; i < SLOTS_PER_YEAR; i++) {
      if (y.codes[i] === '') continue;
      if (first < 0) first = i;
      last = i;
      marked.add(slotKey(yearStart, i));
    }
  }
  const at = (slot: number) => {
    const k = slotKey(yearStart, slot);
    return { date: keyDate(k), session: keyHalf(k) };
  };
  return {
    firstStored: first < 0 ? null : at(first),
    lastStored: last < 0 ? null : at(last),
    schoolSessions: calendarThisYear.length,
    schoolSessionsWithoutMark: calendarThisYear.filter((k) => !marked.has(k)).length,
  };
}

async function querySummary(db: IDBPDatabase<AttendanceDB>, ctx: HandlerContext): Promise<QuerySummaryReply> {
  const today = ctx.today();
  const cache = ctx.summaryCache;
  const kept = await cache?.get(today);
  if (kept !== undefined) return kept;
  const generation = cache?.generation() ?? 0;
  const reply = await computeSummary(db, ctx, today);
  cache?.set(today, generation, reply);
  return reply;
}

async function computeSummary(db: IDBPDatabase<AttendanceDB>, ctx: HandlerContext, today: IsoDate): Promise<QuerySummaryReply> {
  const input = await loadComputeInput(db, undefined, (s) => yearStartsFor(s.asOfOverride ?? today));
  const asOf = input.settings.asOfOverride ?? today;
  const { policy, problem } = activePolicy(input.settings);
  const r = computeResults({ histories: input.stored.map((s) => s.history), calendar: input.calendar, policy, asOf, caseHistories: input.caseHistories });
  const reply: QuerySummaryReply = { ok: true, asOf, policyId: policy.id, policy, counts: summaryCounts(r.pupils, policy), schoolSessions: r.schoolSessions, pupils: r.pupils.map(pupilRow) };
  if (problem !== undefined) reply.policyProblem = problem;
  return reply;
}

/** Whole-school counts for the side panel (domain.md §3–§5). */
export function summaryCounts(pupils: readonly PupilResult[], policy: Policy): SummaryCounts {
  const bandCount = new Map<string | null, number>();
  const counts: SummaryCounts = {
    pupils: pupils.length,
    bands: [],
    persistent: 0,
    severe: 0,
    epnMet: 0,
    epnProvisional: 0,
    epnWithin2: 0,
    attendanceReturnsDue: 0,
    sicknessReturnsDue: 0,
    stageSuggestions: {},
    pupilsWithDataProblems: 0,
    dataProblems: {},
  };
  for (const p of pupils) {
    bandCount.set(p.band.id, (bandCount.get(p.band.id) ?? 0) + 1);
    if (p.measures.persistent) counts.persistent++;
    if (p.measures.severe) counts.severe++;
    if (p.epn.met) counts.epnMet++;
    if (p.epn.met && p.epn.provisional) counts.epnProvisional++;
    if (!p.epn.met && p.epn.sessionsToThreshold <= 2) counts.epnWithin2++;
    if (p.attendanceReturn) counts.attendanceReturnsDue++;
    if (p.sicknessReturn) counts.sicknessReturnsDue++;
    if (p.stage.id !== null) counts.stageSuggestions[p.stage.id] = (counts.stageSuggestions[p.stage.id] ?? 0) + 1;
    if (p.findings.length > 0) counts.pupilsWithDataProblems++;
    for (const finding of p.findings) counts.dataProblems[finding.kind] = (counts.dataProblems[finding.kind] ?? 0) + 1;
  }
  for (const b of policy.bands) counts.bands.push({ id: b.id, label: b.label, colour: b.colour, count: bandCount.get(b.id) ?? 0 });
  counts.bands.push({ id: null, label: null, colour: null, count: bandCount.get(null) ?? 0 });
  return counts;
}
