// Stores what the content script read from MIS pages, in ONE readwrite transaction:
// either everything from the page (or batch of pages) is stored or nothing is.
//
// Rules:
// - Saved marks only; pending (unsaved) edits are never stored.
// - Each session slot remembers when it was last read. A read older than that is stale: it never
//   overwrites (pages can arrive out of order from two tabs or a slow tab), but when it shows a
//   different code it is evidence of an amendment, which is recorded.
// - The latest read wins; when it changes a stored mark, an amendment (old → new) is recorded.
// - Reading the same page twice changes nothing but the read times (idempotent).
// - Weekend marks are ignored (domain.md §8.5) and counted in `ignored`.
// - A code '' is "nothing read" and is skipped; '-' (the MIS shows no mark) replaces a stored mark.
// Concurrent ingests from two tabs are serialised by IndexedDB (overlapping readwrite transactions).
import type { IDBPDatabase } from 'idb';
import { sessionKey } from '../engine/dates.ts';
import type { IsoDate, PupilAttributes } from '../engine/types.ts';
import type { MarkRead, PageRead, ReadSource } from '../adapters/page-read.ts';
import { INGEST_STORES, type AmendmentRecord, type AttendanceDB, type PupilRecord } from './schema.ts';
import {
  SLOTS_PER_YEAR,
  decodeYear,
  emptySlots,
  encodeYear,
  readSeconds,
  secondsToIso,
  slotOf,
  type YearRecord,
  type YearSlots,
} from './year-record.ts';
import { isSchoolSessionCode } from '../engine/codes.ts';

/** What a full store means for the user; `what` is what was not stored ("this page", "the file"). */
export const quotaMessage = (what: string): string =>
  `The browser has no room left to store attendance data (quota exceeded). Nothing from ${what} was stored; free disk space or remove old data in Settings.`;
export const QUOTA_MESSAGE = quotaMessage('this page');

export interface IngestResult {
  /** Saved marks accepted from the page (not stale, not weekend). */
  stored: number;
  /** Slots whose stored code changed. */
  changed: number;
  /** Of those, slots that held a different saved mark before (amendments recorded). */
  amended: number;
  /** Marks not applied because a newer read of the same session is already stored. */
  stale: number;
  /** Weekend marks ignored (domain.md §8.5). */
  ignored: number;
  /** Pupils on the page (their results may need recomputing). */
  pupilIds: string[];
  /** Pupils whose stored marks changed. */
  changedPupilIds: string[];
}

interface PupilRead {
  pupilId: string;
  name: string;
  attributes?: PupilAttributes;
  marks: MarkRead[];
}

/** Thrown (with a user-facing message) when the store is full; the transaction was aborted. */
export class QuotaError extends Error {
  constructor() {
    super(QUOTA_MESSAGE);
    this.name = 'QuotaError';
  }
}

function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((e as Error).message)));
}

/** One page read to store, and where it came from (the `ingest-page` message without its type). */
export interface PageToStore {
  source: ReadSource;
  page: PageRead;
}

function pupilReads(msg: PageToStore): PupilRead[] {
  const page = msg.page;
  if (page.kind === 'pupil') {
    return [{ pupilId: page.pupilId, name: page.name, attributes: page.attributes, marks: page.marks }];
  }
  // A pupil listed twice on one page (e.g. in two groups) is one pupil: rows merged in page order,
  // so the later cell for a session wins (domain.md §8.12).
  const byId = new Map<string, PupilRead>();
  for (const p of page.pupils) {
    const seen = byId.get(p.pupilId);
    if (seen === undefined) byId.set(p.pupilId, { pupilId: p.pupilId, name: p.name, marks: [...p.marks] });
    else {
      seen.marks.push(...p.marks);
      if (p.name !== '') seen.name = p.name;
    }
  }
  return [...byId.values()];
}

/** One pupil's marks on a page, by academic year and slot; weekend marks counted and left out (domain.md §8.5). */
interface PupilPlan {
  read: PupilRead;
  byYear: Map<IsoDate, { slot: number; mark: MarkRead }[]>;
  ignored: number;
}

/** A page read ready to merge: its read time (seconds and ISO) and each pupil's marks by slot. */
function planPage(msg: PageToStore): { msg: PageToStore; t: number; readIso: string; plan: PupilPlan[] } {
  const t = readSeconds(msg.source.readAt);
  const readIso = new Date(Date.parse(msg.source.readAt)).toISOString();
  return { msg, t, readIso, plan: pupilReads(msg).map(planPupil) };
}

function planPupil(read: PupilRead): PupilPlan {
  const bySlot = new Map<IsoDate, Map<number, MarkRead>>();
  let ignored = 0;
  for (const mark of read.marks) {
    const where = slotOf(mark.date, mark.session);
    if (where === null) {
      ignored++;
      continue;
    }
    let slots = bySlot.get(where.yearStart);
    if (slots === undefined) {
      slots = new Map();
      bySlot.set(where.yearStart, slots);
    }
    // Two cells for the same session on one page: the later one wins (domain.md §8.12), and
    // the page is one read, so the earlier cell is not an amendment. '' (nothing read) never
    // replaces a cell that was read.
    if (mark.code !== '' || !slots.has(where.slot)) slots.set(where.slot, mark);
  }
  const byYear = new Map<IsoDate, { slot: number; mark: MarkRead }[]>();
  for (const [ys, slots] of bySlot) byYear.set(ys, [...slots].map(([slot, mark]) => ({ slot, mark })));
  return { read, byYear, ignored };
}

/** Stores one page read (see ingestPages). */
export function ingestPage(db: IDBPDatabase<AttendanceDB>, msg: PageToStore): Promise<IngestResult> {
  return ingestPages(db, [msg]);
}

/**
 * Stores page reads, in order, in ONE readwrite transaction: all of them or none. A batch behaves
 * exactly like the same pages ingested one after another (later pages see earlier ones), but pays
 * for one transaction: used for bulk reads and imports.
 */
export async function ingestPages(db: IDBPDatabase<AttendanceDB>, msgs: readonly PageToStore[]): Promise<IngestResult> {
  // Plan every page before opening the transaction (no awaits on non-IndexedDB work inside it, or
  // it would commit early).
  const pages = msgs.map(planPage);

  const result: IngestResult = { stored: 0, changed: 0, amended: 0, stale: 0, ignored: 0, pupilIds: [], changedPupilIds: [] };
  const pupilIds = [...new Set(pages.flatMap((pg) => pg.plan.map((p) => p.read.pupilId)))];
  const yearKeys = new Map<string, [string, IsoDate]>();
  for (const pg of pages) for (const p of pg.plan) for (const ys of p.byYear.keys()) yearKeys.set(yearKeyOf(p.read.pupilId, ys), [p.read.pupilId, ys]);
  const yearStarts = [...new Set([...yearKeys.values()].map(([, ys]) => ys))];
  result.pupilIds = pupilIds;

  const tx = db.transaction(INGEST_STORES, 'readwrite');
  // The outcome is awaited below; this keeps an abort from also surfacing as an unhandled rejection.
  tx.done.catch(() => {});
  // Writes are not awaited one by one (each await is a round trip to the browser's database
  // process); IndexedDB runs them in order, and any failure aborts the whole transaction, which
  // `tx.done` reports.
  const write = (p: Promise<unknown>) => {
    p.catch(() => {});
  };
  try {
    const pupilsStore = tx.objectStore('pupils');
    const yearsStore = tx.objectStore('years');
    const amendments = tx.objectStore('amendments');
    const calendar = tx.objectStore('calendar');

    // 1. Every read the pages need, at once.
    const yearKeyList = [...yearKeys];
    const [prevPupils, prevYears, prevCalendars] = await Promise.all([
      Promise.all(pupilIds.map((id) => pupilsStore.get(id))),
      Promise.all(yearKeyList.map(([, key]) => yearsStore.get(key))),
      Promise.all(yearStarts.map((ys) => calendar.get(ys))),
    ]);
    const pupilState = new Map<string, PupilRecord | undefined>(pupilIds.map((id, i) => [id, prevPupils[i]]));
    const yearRecords = new Map<string, YearRecord | undefined>(yearKeyList.map(([k], i) => [k, prevYears[i]]));
    const yearState = new Map<string, YearSlots>();
    const touchedYears = new Set<string>();
    const changedPupils = new Set<string>();

    // 2. Merge in memory, page by page, in order.
    const calendarDelta = new Map<IsoDate, Map<number, number>>();
    const newAmendments: AmendmentRecord[] = [];
    const staleAmendments: AmendmentRecord[] = [];
    const changedByPage: number[] = [];
    for (const { msg, t, readIso, plan } of pages) {
      const url = msg.source.url;
      const changedBefore = result.changed;
      for (const { read, byYear, ignored } of plan) {
        result.ignored += ignored;
        pupilState.set(read.pupilId, mergePupil(pupilState.get(read.pupilId), read, readIso, url));
        for (const [yearStart, list] of byYear) {
          const yk = yearKeyOf(read.pupilId, yearStart);
          let y = yearState.get(yk);
          if (y === undefined) {
            const rec = yearRecords.get(yk);
            y = rec === undefined ? emptySlots(read.pupilId, yearStart) : decodeYear(rec);
            yearState.set(yk, y);
          }
          for (const { slot, mark } of list) {
            if (slot < 0 || slot >= SLOTS_PER_YEAR) continue; // unreachable: slotOf stays inside the year
            // '' is "nothing read": it never erases a stored mark (domain.md §8.11); '-' does.
            if (mark.code === '') continue;
            const storedCode = y.codes[slot] as string;
            const storedAt = y.times[slot] as number;
            if (t < storedAt) {
              // Stale read: a newer one is stored. Its different code is an earlier state: record it.
              result.stale++;
              if (mark.code !== storedCode) {
                staleAmendments.push({
                  pupilId: read.pupilId,
                  key: sessionKey(mark.date, mark.session),
                  date: mark.date,
                  session: mark.session,
                  oldCode: mark.code,
                  newCode: storedCode,
                  at: secondsToIso(storedAt),
                  url: '',
                });
              }
              continue;
            }
            result.stored++;
            touchedYears.add(yk);
            y.times[slot] = t;
            if (mark.code !== storedCode) {
              result.changed++;
              changedPupils.add(read.pupilId);
              if (storedCode !== '') {
                result.amended++;
                newAmendments.push({
                  pupilId: read.pupilId,
                  key: sessionKey(mark.date, mark.session),
                  date: mark.date,
                  session: mark.session,
                  oldCode: storedCode,
                  newCode: mark.code,
                  at: readIso,
                  url,
                });
              }
              countSchoolSession(calendarDelta, yearStart, slot, storedCode, mark.code);
              y.codes[slot] = mark.code;
            }
            y.originals[slot] = mark.original || mark.code;
          }
        }
      }
      changedByPage.push(result.changed - changedBefore);
    }
    result.changedPupilIds = pupilIds.filter((id) => changedPupils.has(id));

    // 3. Writes. A newer read that changes a mark is a new amendment by construction (its read time
    // is newer than any stored for the slot); one inferred from a stale read may repeat when that
    // stale page is read again, so those are checked against what is stored (rare: a second trip).
    for (const [, rec] of pupilState) if (rec !== undefined) write(pupilsStore.put(rec));
    for (const yk of touchedYears) write(yearsStore.put(encodeYear(yearState.get(yk) as YearSlots)));
    for (const a of newAmendments) write(amendments.add(a));
    if (staleAmendments.length > 0) {
      const ids = [...new Set(staleAmendments.map((a) => a.pupilId))];
      const existing = (await Promise.all(ids.map((id) => amendments.index('byPupil').getAll(id)))).flat();
      for (const a of staleAmendments) {
        if (existing.some((x) => sameAmendment(x, a))) continue;
        existing.push(a);
        write(amendments.add(a));
      }
    }
    yearStarts.forEach((yearStart, i) => {
      const d = calendarDelta.get(yearStart);
      if (d === undefined) return;
      const rec = prevCalendars[i] ?? { yearStart, counts: new Array<number>(SLOTS_PER_YEAR).fill(0) };
      for (const [slot, delta] of d) rec.counts[slot] = Math.max(0, (rec.counts[slot] ?? 0) + delta);
      write(calendar.put(rec));
    });
    const storedAt = new Date().toISOString();
    pages.forEach(({ msg, readIso, plan }, i) => {
      write(
        tx.objectStore('provenance').put({
          url: msg.source.url,
          readAt: readIso,
          adapter: msg.source.adapter,
          kind: msg.page.kind,
          storedAt,
          pupils: plan.length,
          marks: plan.reduce((n, p) => n + p.read.marks.length, 0),
          changed: changedByPage[i] ?? 0,
        }),
      );
    });
    await tx.done;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the error itself.
    }
    if (isQuotaError(e) || isQuotaError(tx.error)) throw new QuotaError();
    throw e;
  }
  return result;
}

/**
 * The stored calendar counts, per slot, the pupils whose mark makes it a school session (domain.md §1):
 * a code changing from one that does not to one that does adds one, and the other way round removes one.
 */
function countSchoolSession(delta: Map<IsoDate, Map<number, number>>, yearStart: IsoDate, slot: number, was: string, now: string): void {
  const change = (isSchoolSessionCode(now) ? 1 : 0) - (isSchoolSessionCode(was) ? 1 : 0);
  if (change === 0) return;
  let d = delta.get(yearStart);
  if (d === undefined) {
    d = new Map();
    delta.set(yearStart, d);
  }
  d.set(slot, (d.get(slot) ?? 0) + change);
}

function yearKeyOf(pupilId: string, yearStart: IsoDate): string {
  return `${pupilId}\u0000${yearStart}`;
}

function sameAmendment(a: AmendmentRecord, b: AmendmentRecord): boolean {
  // Read times are kept per slot to the second (year-record.ts), so compare `at` to the second.
  return (
    a.key === b.key &&
    a.oldCode === b.oldCode &&
    a.newCode === b.newCode &&
    Math.floor(Date.parse(a.at) / 1000) === Math.floor(Date.parse(b.at) / 1000)
  );
}

function mergePupil(prev: PupilRecord | undefined, read: PupilRead, readIso: string, url: string): PupilRecord {
  if (prev === undefined) {
    return {
      id: read.pupilId,
      name: read.name,
      attributes: read.attributes ?? {},
      firstSeen: readIso,
      lastSeen: readIso,
      source: url,
      ...(read.attributes !== undefined ? { attributesAt: readIso } : {}),
    };
  }
  const newer = readIso >= prev.lastSeen;
  const next: PupilRecord = {
    ...prev,
    firstSeen: readIso < prev.firstSeen ? readIso : prev.firstSeen,
    lastSeen: newer ? readIso : prev.lastSeen,
  };
  if (newer) {
    if (read.name !== '') next.name = read.name;
    next.source = url;
  }
  // Attributes come from pupil pages only; an older pupil-page read never overwrites a newer one.
  if (read.attributes !== undefined && (prev.attributesAt === undefined || readIso >= prev.attributesAt)) {
    next.attributes = read.attributes;
    next.attributesAt = readIso;
  }
  return next;
}
