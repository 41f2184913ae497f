// @vitest-environment happy-dom
// One reader per page: a second copy started on the page stops the first; a copy whose extension is
// gone (runtime.id undefined after a reload or update) stops itself. `wxt/browser` is the only mock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const runtime: { id?: string } = { id: 'ext' };
vi.mock('wxt/browser', () => ({ browser: { runtime } }));
const { readerSignal, stopIfInvalidated } = await import('./reader-signal.ts');

// The window's messages are delivered by a (fake) timer: each test moves it on, never the wall clock.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());
const settle = () => vi.runAllTimersAsync();
// happy-dom gives a top window's own messages no source; a browser gives the window itself.
vi.spyOn(window, 'postMessage').mockImplementation(((data: unknown) => {
  setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data, source: window as never })));
}) as never);

describe('readerSignal', () => {
  it('a copy started later on the same page aborts the earlier one, not itself', async () => {
    const first = readerSignal(window as unknown as Window);
    await settle();
    expect(first.aborted).toBe(false);
    const second = readerSignal(window as unknown as Window);
    await settle();
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    // The page's own messages of another shape, or from another window, stop nothing.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'other' }, source: window as never }));
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'attendance-overlay:reader-started', id: 'x' }, source: null }));
    await settle();
    expect(second.aborted).toBe(false);
  });

  it('stopIfInvalidated aborts the current copy only once the extension is gone', async () => {
    const s = readerSignal(window as unknown as Window);
    await settle();
    expect(stopIfInvalidated()).toBe(false);
    expect(s.aborted).toBe(false);
    delete runtime.id;
    expect(stopIfInvalidated()).toBe(true);
    expect(s.aborted).toBe(true);
  });
});
