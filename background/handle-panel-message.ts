// The background's handler for the side panel's and options page's requests (messages/panel-messages.ts).
// Like handle-message.ts it holds no state: every call reads the database afresh.
import type { IDBPDatabase } from 'idb';
import { presetById } from '../engine/policy/presets/index.ts';
import { assignBand } from '../engine/policy/assign-band.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { IsoDate, PupilMeasures, PupilResult } from '../engine/types.ts';
import { bandText } from '../engine/policy/band-text.ts';
import { restoreBackup, exportBackup, validateBackup } from '../storage/backup.ts';
import { importMarks } from '../storage/import-marks.ts';
import { loadComputeInput } from '../storage/load-compute-input.ts';
import { removeAllData, retention } from '../storage/retention.ts';
import type { AttendanceDB } from '../storage/schema.ts';
import { computeResults, yearStartsFor } from './compute-results.ts';
import { summaryChanged, type HandlerContext } from './handle-message.ts';
import { customPolicySchema, describeZodError, type ErrorReply } from '../messages/messages.ts';
import { activePolicy } from './active-policy.ts';
import { pupilPageUrl } from './pupil-page-url.ts';
import { panelMessageSchema, type CrawlTarget, type BandChange, type PanelReplyMap, type PreviewPolicyReply } from '../messages/panel-messages.ts';

type AnyPanelReply = PanelReplyMap[keyof PanelReplyMap] | ErrorReply;

export interface PanelContext extends HandlerContext {
  /** The current time (retention, backup and import stamps); defaults to the clock. */
  now?: () => Date;
  /** Removes the pupil data kept outside IndexedDB (storage/local-keys.ts), for "remove all data". */
  forgetLocalPupilData?: () => Promise<void>;
}

export async function handlePanelMessage(raw: unknown, ctx: PanelContext): Promise<AnyPanelReply> {
  const parsed = panelMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : '(none)';
    return { ok: false, error: `Rejected message of type "${type}": ${describeZodError(parsed.error)}` };
  }
  const msg = parsed.data;
  const now = ctx.now?.() ?? new Date();
  // Requests that change what is stored drop the kept whole-school summary (background/summary-cache.ts).
  // Only these read; any other request (including types added later) counts as a write.
  const reads =
    msg.type === 'crawl-targets' ||
    msg.type === 'pupils-on-site' ||
    msg.type === 'pupil-seen' ||
    msg.type === 'preview-policy' ||
    msg.type === 'export-backup' ||
    (msg.type === 'apply-retention' && msg.dryRun === true) ||
    (msg.type === 'import-export' && !msg.commit);
  const writes = !reads;
  let db: IDBPDatabase<AttendanceDB> | null = null;
  try {
    db = await ctx.getDb();
    if (writes) ctx.summaryCache?.invalidate();
    switch (msg.type) {
      case 'crawl-targets':
        return { ok: true, ...(await crawlTargets(db)) };
      case 'pupils-on-site':
        return { ok: true, pupils: await pupilsOnSite(db, msg.origin) };
      case 'pupil-seen':
        return { ok: true, lastSeen: (await db.get('pupils', msg.pupilId))?.lastSeen ?? null };
      case 'preview-policy': {
        if (msg.policy !== undefined) {
          // An edited policy: the same checks as when it is saved (messages/messages.ts customPolicySchema).
          const custom = customPolicySchema.safeParse(msg.policy);
          if (!custom.success) return { ok: false, error: `The edited policy is not valid: ${describeZodError(custom.error)}` };
          return await previewPolicy(db, ctx, custom.data);
        }
        const to = presetById(msg.policyId);
        if (to === undefined) return { ok: false, error: `Unknown policy "${msg.policyId}".` };
        return await previewPolicy(db, ctx, to);
      }
      case 'export-backup':
        return { ok: true, backup: await exportBackup(db, now) };
      case 'restore-backup': {
        const v = validateBackup(msg.backup);
        if (!v.ok) return { ok: false, error: `The backup was not restored (nothing stored was changed): ${v.errors.join('; ')}` };
        return { ok: true, counts: await restoreBackup(db, v.backup) };
      }
      case 'remove-all-data': {
        const pupils = await removeAllData(db);
        await ctx.forgetLocalPupilData?.();
        return { ok: true, pupils };
      }
      case 'apply-retention': {
        const ids = await retention(db, { days: msg.days, now, dryRun: msg.dryRun ?? false });
        return { ok: true, pupils: ids.length };
      }
      case 'import-export': {
        const r = await importMarks(db, msg.text, { fileName: msg.fileName, commit: msg.commit, now });
        return r;
      }
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `"${msg.type}" failed: ${why}` };
  } finally {
    if (writes && db !== null) summaryChanged(db, ctx);
  }
  // Not reached: every message type returns in the switch above (TypeScript checks it is exhaustive).
  return { ok: false, error: `Unhandled message type "${String((raw as { type?: unknown }).type)}".` };
}

/**
 * The pupil pages to read: every stored pupil whose latest read came from an http(s) MIS page, on that
 * page's origin, with the adapter that read it (provenance), when that adapter's MIS has pupil pages.
 */
async function crawlTargets(db: IDBPDatabase<AttendanceDB>): Promise<{ targets: CrawlTarget[]; unsupported: number }> {
  const tx = db.transaction(['pupils', 'provenance'], 'readonly');
  const pupils = await tx.objectStore('pupils').getAll();
  const adapterOf = new Map<string, string | null>();
  const targets: CrawlTarget[] = [];
  let unsupported = 0;
  for (const p of pupils) {
    let url: URL;
    try {
      url = new URL(p.source);
    } catch {
      unsupported++;
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      unsupported++;
      continue;
    }
    if (!adapterOf.has(p.source)) {
      const rec = await tx.objectStore('provenance').get(IDBKeyRange.bound([p.source, ''], [p.source, '\uffff']));
      adapterOf.set(p.source, rec?.adapter ?? null);
    }
    const adapter = adapterOf.get(p.source) ?? null;
    const page = adapter === null ? null : pupilPageUrl(adapter, url.origin, p.id);
    if (page === null) unsupported++;
    else targets.push({ pupilId: p.id, name: p.name, url: page });
  }
  await tx.done;
  return { targets, unsupported };
}

/** Every stored pupil's result under the current policy and under `to`, and what changes. */
async function previewPolicy(db: IDBPDatabase<AttendanceDB>, ctx: HandlerContext, to: Policy): Promise<PreviewPolicyReply> {
  const today = ctx.today();
  const { settings, stored, calendar, caseHistories } = await loadComputeInput(db, undefined, (s) => yearStartsFor(s.asOfOverride ?? today));
  const from = activePolicy(settings).policy;
  const asOf: IsoDate = settings.asOfOverride ?? today;
  const histories = stored.map((s) => s.history);
  const before = computeResults({ histories, calendar, policy: from, asOf, caseHistories }).pupils;
  const after = computeResults({ histories, calendar, policy: to, asOf, caseHistories }).pupils;
  return comparePolicies(before, after, from, to, asOf);
}

/**
 * Each band's attendance range, as "first–last" per mille (attended out of 1,000 possible), found by
 * asking the engine's own assignBand at every 0.1% step. Bounds have at most one decimal place
 * (engine/policy/schema.ts PctSchema), so this grid tells every two different ranges apart. Two
 * presets name their bands differently; a pupil "changes band" only when the RANGE of their band
 * changes (DfE "Expect" ≥ 96% and PDET "96% or above" are the same band).
 */
export function bandRanges(policy: Policy): Map<string, string> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (let k = 0; k <= 1000; k++) {
    const m = { possible: 1000, attended: k } as PupilMeasures;
    const id = assignBand(m, { ...policy, minSessionsForBanding: 0 }).id;
    if (id === null) continue;
    if (!first.has(id)) first.set(id, k);
    last.set(id, k);
  }
  return new Map([...first].map(([id, k]) => [id, `${k}–${last.get(id) as number}`]));
}

/** What changes between two result sets for the same pupils (same order). */
export function comparePolicies(before: readonly PupilResult[], after: readonly PupilResult[], from: Policy, to: Policy, asOf: IsoDate): PreviewPolicyReply {
  const ids = { asOf, fromPolicyId: from.id, toPolicyId: to.id };
  // An edit of the same policy (thresholds changed, the same bands): a pupil changes band
  // when they move to another band, as the attendance lead reads "14 pupils change band". Moving a
  // bound changes a band's range for everyone in it, so ranges only decide between different policies.
  const sameBands = from.bands.length === to.bands.length && from.bands.every((b, i) => b.id === to.bands[i]?.id);
  const unbanded = (p: PupilResult) => p.band.id === null || p.band.tooEarly || p.measures.possible === 0;
  if (sameBands) {
    return compareResults(before, after, ids, (b, a) => (unbanded(b) ? bandText(b.band, b.measures) : b.band.id) !== (unbanded(a) ? bandText(a.band, a.measures) : a.band.id));
  }
  const fromRanges = bandRanges(from);
  const toRanges = bandRanges(to);
  const rangeOf = (p: PupilResult, ranges: Map<string, string>) => (unbanded(p) ? bandText(p.band, p.measures) : (ranges.get(p.band.id as string) ?? p.band.id));
  return compareResults(before, after, ids, (b, a) => rangeOf(b, fromRanges) !== rangeOf(a, toRanges));
}

function compareResults(
  before: readonly PupilResult[],
  after: readonly PupilResult[],
  ids: { asOf: IsoDate; fromPolicyId: string; toPolicyId: string },
  bandChanged: (before: PupilResult, after: PupilResult) => boolean,
): PreviewPolicyReply {
  const examples: BandChange[] = [];
  let bandChanges = 0;
  let stageChanges = 0;
  let epnChanges = 0;
  const bandsAfter = new Map<string, number>();
  const transitions = new Map<string, { from: string; to: string; count: number }>();
  after.forEach((a, i) => {
    const b = before[i] as PupilResult;
    const from = bandText(b.band, b.measures);
    const to = bandText(a.band, a.measures);
    bandsAfter.set(to, (bandsAfter.get(to) ?? 0) + 1);
    const t = transitions.get(`${from}\u0000${to}`) ?? { from, to, count: 0 };
    t.count++;
    transitions.set(`${from}\u0000${to}`, t);
    if (bandChanged(b, a)) {
      bandChanges++;
      if (examples.length < 200) examples.push({ pupilId: a.pupilId, name: a.name, from, to });
    }
    if ((b.stage.label ?? '') !== (a.stage.label ?? '')) stageChanges++;
    if (b.epn.met !== a.epn.met) epnChanges++;
  });
  return {
    ok: true,
    ...ids,
    pupils: after.length,
    bandChanges,
    stageChanges,
    epnChanges,
    examples,
    bandsAfter: [...bandsAfter].map(([label, count]) => ({ label, count })),
    transitions: [...transitions.values()].sort((x, y) => y.count - x.count),
  };
}

/** Stored pupils whose latest read came from a page of `origin` (capture replaces their names and ids). */
async function pupilsOnSite(db: IDBPDatabase<AttendanceDB>, origin: string): Promise<{ id: string; name: string; upn?: string }[]> {
  const out: { id: string; name: string; upn?: string }[] = [];
  for (const p of await db.getAll('pupils')) {
    let from: string | null = null;
    try {
      from = new URL(p.source).origin;
    } catch {
      // An import ("import:file.csv") or no source: not from a site.
    }
    if (from === origin) out.push({ id: p.id, name: p.name, ...(p.attributes.upn ? { upn: p.attributes.upn } : {}) });
  }
  return out;
}
