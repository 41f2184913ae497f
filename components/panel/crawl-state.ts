// The state of "fill the history": which pupil pages are still to read, how many were
// read, which failed and why. Kept in extension storage after every page, so a crawl interrupted by
// closing the browser can be resumed where it stopped. Pure functions; validated when loaded back.
import { z } from 'zod';
import type { CrawlTarget } from '../../messages/panel-messages.ts';

export type CrawlStatus = 'running' | 'paused' | 'finished';

export interface CrawlState {
  version: 1;
  status: CrawlStatus;
  startedAt: string;
  total: number;
  /** Still to read, in order. */
  pending: CrawlTarget[];
  done: number;
  failed: { pupilId: string; name: string; reason: string }[];
}

const target = z.object({ pupilId: z.string().min(1).max(64), name: z.string().max(200), url: z.string().url().max(2048) });
const stateSchema = z.object({
  version: z.literal(1),
  status: z.enum(['running', 'paused', 'finished']),
  startedAt: z.string(),
  total: z.number().int().min(0),
  pending: z.array(target),
  done: z.number().int().min(0),
  failed: z.array(z.object({ pupilId: z.string(), name: z.string(), reason: z.string() })),
});

export function crawlState(targets: readonly CrawlTarget[], now: Date): CrawlState {
  return { version: 1, status: 'running', startedAt: now.toISOString(), total: targets.length, pending: [...targets], done: 0, failed: [] };
}

/** The state after one page: removed from the queue, counted as read or failed; finished when empty. */
export function recordResult(s: CrawlState, pupilId: string, result: { ok: true } | { ok: false; reason: string }): CrawlState {
  const i = s.pending.findIndex((t) => t.pupilId === pupilId);
  if (i < 0) return s;
  const t = s.pending[i] as CrawlTarget;
  const pending = [...s.pending.slice(0, i), ...s.pending.slice(i + 1)];
  const next: CrawlState = {
    ...s,
    pending,
    done: result.ok ? s.done + 1 : s.done,
    failed: result.ok ? s.failed : [...s.failed, { pupilId, name: t.name, reason: result.reason }],
  };
  if (pending.length === 0) next.status = 'finished';
  return next;
}

/**
 * A stored state, validated (a damaged one is dropped, never half-used). A crawl that was running
 * when the browser closed comes back paused, so nothing starts reading pages without the user.
 */
export function loadCrawlState(raw: unknown): CrawlState | null {
  const r = stateSchema.safeParse(raw);
  if (!r.success) return null;
  const s = r.data as CrawlState;
  return s.status === 'running' ? { ...s, status: 'paused' } : s;
}
