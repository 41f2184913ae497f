// The whole-school summary, kept in the background between changes (the side panel opens
// to its summary for 2,000 pupils in under 300 ms; computing it takes ~150–200 ms of that).
// Correctness first: every request that may write (ingest, case record, settings, import, restore,
// retention, remove all) bumps the generation and drops the kept reply BEFORE it writes; a reply
// computed across a write is never kept; an entry is for one "today" (the as-of date moves at
// midnight). After writes stop for a moment the summary is recomputed, so the next panel open finds
// it ready. The MV3 service worker is stopped after 30 s idle, so the entry is also copied to an
// optional session store (browser.storage.session: memory only, cleared when the browser closes,
// not readable by content scripts) and read back once by a restarted worker, unless it wrote since.
import type { QuerySummaryReply } from '../messages/messages.ts';

export interface KeptSummary {
  today: string;
  reply: QuerySummaryReply;
}

/** Where a kept summary outlives the worker (entrypoints/background.ts: browser.storage.session). */
export interface SummaryStore {
  load(): Promise<KeptSummary | undefined>;
  save(entry: KeptSummary): Promise<void>;
  clear(): Promise<void>;
}

export interface SummaryCache {
  /** The kept reply for this day, if nothing was written since it was computed. */
  get(today: string): Promise<QuerySummaryReply | undefined>;
  /** The current generation (read before computing, passed to `set`). */
  generation(): number;
  /** Keeps the reply only if nothing was written since `generation` was read. */
  set(today: string, generation: number, reply: QuerySummaryReply): void;
  /** Something is about to be (or was) written: drop the kept reply. */
  invalidate(): void;
  /** Recompute after `quietMs` without writes (debounced); failures are ignored (the next open computes). */
  warmSoon(compute: () => Promise<unknown>): void;
}

export function summaryCache(quietMs = 1500, store?: SummaryStore): SummaryCache {
  let gen = 0;
  let kept: { today: string; gen: number; reply: QuerySummaryReply } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The session store is read at most once per worker life, and only before any write in it (a write
  // clears the store too, but the in-memory generation is the check that cannot race).
  let storeRead = false;
  const ignore = () => undefined;
  return {
    async get(today) {
      if (kept !== null && kept.gen === gen) return kept.today === today ? kept.reply : undefined;
      if (store === undefined || storeRead || gen !== 0) return undefined;
      storeRead = true;
      const entry = await store.load().catch(ignore);
      if (entry === undefined || gen !== 0) return undefined;
      kept = { today: entry.today, gen, reply: entry.reply };
      return entry.today === today ? entry.reply : undefined;
    },
    generation: () => gen,
    set(today, g, reply) {
      if (g !== gen) return;
      kept = { today, gen: g, reply };
      // After the reply has gone out (copying 1–2 MB into the store takes a while), and only if still current.
      if (store !== undefined) {
        setTimeout(() => {
          if (gen === g) store.save({ today, reply }).catch(ignore);
        }, 0);
      }
    },
    invalidate() {
      gen++;
      kept = null;
      store?.clear().catch(ignore);
    },
    warmSoon(compute) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        compute().catch(ignore);
      }, quietMs);
    },
  };
}
