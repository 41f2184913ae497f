// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrawlTarget } from '../../messages/panel-messages.ts';
import { makePupil } from '../../test/pupil-results.ts';
import { crawlState, loadCrawlState, recordResult } from './crawl-state.ts';
import { FillHistory, type CrawlApi } from './fill-history.tsx';

const targets: CrawlTarget[] = ['1', '2', '3'].map((id) => ({ pupilId: id, name: `Pupil ${id}`, url: `http://127.0.0.1:9/pupils/${id}` }));
const flush = async () => {
  for (let i = 0; i < 8; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
};

describe('crawl state', () => {
  it('counts reads and failures, finishes when the queue is empty, and comes back paused', () => {
    let s = crawlState(targets, new Date('2025-11-14T10:00:00Z'));
    s = recordResult(s, '2', { ok: false, reason: 'timeout' });
    expect(s).toMatchObject({ done: 0, status: 'running', failed: [{ pupilId: '2', name: 'Pupil 2', reason: 'timeout' }] });
    expect(s.pending.map((t) => t.pupilId)).toEqual(['1', '3']);
    s = recordResult(recordResult(s, '1', { ok: true }), '3', { ok: true });
    expect(s).toMatchObject({ done: 2, status: 'finished', pending: [] });
    // Stored while running (browser closed): loaded paused. Damaged: dropped.
    const running = crawlState(targets, new Date());
    expect(loadCrawlState(JSON.parse(JSON.stringify(running)))?.status).toBe('paused');
    expect(loadCrawlState({ ...running, pending: [{ pupilId: '1' }] })).toBeNull();
    expect(loadCrawlState(undefined)).toBeNull();
  });
});

let mounted: HTMLElement | undefined;
afterEach(() => {
  if (mounted === undefined) return;
  render(null, mounted);
  mounted.remove();
  mounted = undefined;
});
function mount(vnode: ComponentChild): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  render(vnode, el);
  mounted = el;
  return el;
}

function fakeApi(stored: unknown = undefined) {
  const read: string[] = [];
  let saved: unknown = stored;
  let release: (() => void) | null = null;
  let hold = false;
  const api: CrawlApi = {
    targets: async () => ({ ok: true, targets, unsupported: 0 }),
    readPage: async (t) => {
      if (hold) await new Promise<void>((r) => (release = r));
      read.push(t.pupilId);
      return t.pupilId === '2' ? { ok: false, reason: 'not read in time' } : { ok: true };
    },
    loadState: async () => saved,
    saveState: async (s) => {
      saved = s === null ? undefined : JSON.parse(JSON.stringify(s));
    },
    delayMs: 0,
    wait: async () => {},
  };
  return {
    api,
    read,
    saved: () => saved as { status: string; done: number } | undefined,
    holdNext: () => (hold = true),
    releaseOne: () => {
      hold = false;
      release?.();
    },
  };
}

describe('FillHistory', () => {
  it('reads every page, pauses, resumes and finishes, keeping the state after each page', async () => {
    const f = fakeApi();
    const host = mount(<FillHistory pupils={[makePupil()]} api={f.api} onProgress={() => {}} onFinished={() => {}} />);
    await flush();
    f.holdNext();
    await act(() => (host.querySelector('[data-action="crawl-start"]') as HTMLButtonElement).click());
    await flush();
    // Page 1 is being read: pause now; it is still recorded, then the crawl stops.
    await act(() => (host.querySelector('[data-action="crawl-pause"]') as HTMLButtonElement).click());
    expect(host.querySelector('[data-testid="crawl"]')?.getAttribute('data-status')).toBe('pausing');
    expect(host.querySelector('[data-action="crawl-resume"]')).toBeNull();
    f.releaseOne();
    await flush();
    expect(f.read).toEqual(['1']);
    expect(host.querySelector('[data-testid="crawl"]')?.getAttribute('data-status')).toBe('paused');
    expect(host.querySelector('[data-testid="crawl-progress"]')?.textContent).toBe('Paused: 1 of 3 pupil pages');
    expect(f.saved()).toMatchObject({ status: 'paused', done: 1 });
    await act(() => (host.querySelector('[data-action="crawl-resume"]') as HTMLButtonElement).click());
    await flush();
    expect(f.read).toEqual(['1', '2', '3']);
    expect(host.querySelector('[data-testid="crawl-progress"]')?.textContent).toBe('Finished: 3 of 3 pupil pages (1 not read)');
    expect(host.textContent).toContain('Pupil 2 (2): not read in time');
  });

  it('offers to resume a crawl interrupted by closing the browser, and cancel forgets it', async () => {
    const interrupted = recordResult(crawlState(targets, new Date()), '1', { ok: true });
    const f = fakeApi(JSON.parse(JSON.stringify(interrupted)));
    const host = mount(<FillHistory pupils={[]} api={f.api} onProgress={() => {}} onFinished={() => {}} />);
    await flush();
    expect(host.querySelector('[data-testid="crawl-progress"]')?.textContent).toBe('Paused: 1 of 3 pupil pages');
    expect(f.read).toEqual([]);
    await act(() => (host.querySelector('[data-action="crawl-cancel"]') as HTMLButtonElement).click());
    await flush();
    expect(f.saved()).toBeUndefined();
    expect(host.querySelector('[data-action="crawl-start"]')).not.toBeNull();
  });
});
