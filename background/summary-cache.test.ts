import { describe, expect, it, vi } from 'vitest';
import type { QuerySummaryReply } from '../messages/messages.ts';
import { summaryCache, type KeptSummary, type SummaryStore } from './summary-cache.ts';

const reply = (n: number) => ({ ok: true, schoolSessions: n }) as unknown as QuerySummaryReply;

describe('summaryCache', () => {
  it('keeps a reply for its day until something is written', async () => {
    const c = summaryCache();
    const g = c.generation();
    c.set('2025-09-12', g, reply(1));
    expect(await c.get('2025-09-12')).toEqual(reply(1));
    expect(await c.get('2025-09-13')).toBeUndefined();
    c.invalidate();
    expect(await c.get('2025-09-12')).toBeUndefined();
  });

  it('never keeps a reply computed across a write', async () => {
    const c = summaryCache();
    const g = c.generation();
    c.invalidate(); // a write lands while the summary is being computed
    c.set('2025-09-12', g, reply(1));
    expect(await c.get('2025-09-12')).toBeUndefined();
  });

  it('outlives a worker restart through the session store, unless something was written', async () => {
    let stored: KeptSummary | undefined;
    const store: SummaryStore = {
      load: async () => stored,
      save: async (e) => void (stored = e),
      clear: async () => void (stored = undefined),
    };
    const first = summaryCache(1000, store);
    first.set('2025-09-12', first.generation(), reply(1));
    // Saved after the reply has gone out (the deadline is only a fail-safe).
    await vi.waitFor(() => expect(stored).toBeDefined(), { timeout: 60_000 });
    // A new worker: empty memory, the stored entry.
    const second = summaryCache(1000, store);
    expect(await second.get('2025-09-12')).toEqual(reply(1));
    expect(await summaryCache(1000, store).get('2025-09-13')).toBeUndefined();
    // A write in the new worker clears the store, and the next worker computes.
    second.invalidate();
    expect(await second.get('2025-09-12')).toBeUndefined();
    expect(await summaryCache(1000, store).get('2025-09-12')).toBeUndefined();
    // A worker that wrote before its first read never reads the store.
    stored = { today: '2025-09-12', reply: reply(2) };
    const third = summaryCache(1000, store);
    third.invalidate();
    stored = { today: '2025-09-12', reply: reply(2) };
    expect(await third.get('2025-09-12')).toBeUndefined();
  });

  it('recomputes once after writes stop', () => {
    vi.useFakeTimers();
    const c = summaryCache(1000);
    const compute = vi.fn(async () => undefined);
    c.warmSoon(compute);
    vi.advanceTimersByTime(600);
    c.warmSoon(compute);
    vi.advanceTimersByTime(600);
    expect(compute).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(compute).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
