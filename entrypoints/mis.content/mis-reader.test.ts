// @vitest-environment happy-dom
// The content script's core against a tiny fake single-page app: rows rendered late, pushState
// navigation, pending edits, failed sends, overlays started and aborted per page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/types.ts';
import type { ErrorReply, IngestPageMessage, IngestReply } from '../../messages/messages.ts';
import { misReader, type ReaderEvent } from './mis-reader.ts';
import type { OverlayDefinition } from '../../overlays/overlay.ts';

// A fake MIS: /reg/<week> shows a table of rows "id|code|pending?"; /other is not a register.
const fakeAdapter: Adapter = {
  id: 'fake',
  name: 'Fake MIS',
  detect: (url) => (url.pathname.startsWith('/reg/') ? 'register' : null),
  root: (doc) => doc.getElementById('app'),
  readRegister(doc, url) {
    const rows = [...doc.querySelectorAll('#app tr')];
    if (doc.querySelector('#app .other')) return { ok: false, reason: 'not a register layout' };
    if (rows.length === 0) return { ok: false, reason: 'no rows yet', pending: true };
    const week = url.pathname.slice(5);
    return {
      ok: true,
      data: {
        kind: 'register',
        weekStart: week,
        sessions: [{ date: week, session: 'AM' }],
        pupils: rows.map((r) => {
          const [id, code, pending] = (r.textContent ?? '').split('|');
          return {
            pupilId: id!,
            name: id!,
            marks: [{ date: week, session: 'AM' as const, code: code!, original: code! }],
            pending: pending ? [{ date: week, session: 'AM' as const, code: pending, original: pending }] : [],
          };
        }),
      },
    };
  },
  readPupil: () => ({ ok: false, reason: 'not used' }),
};

function render(rows: string[]): void {
  const app = document.getElementById('app')!;
  app.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.textContent = r;
      return tr;
    }),
  );
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('misReader', () => {
  let controller: AbortController;
  let sent: IngestPageMessage[];
  let events: ReaderEvent[];
  let replies: (IngestReply | ErrorReply)[];

  beforeEach(() => {
    document.body.replaceChildren();
    const app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    history.replaceState(null, '', '/reg/2025-03-03');
    controller = new AbortController();
    sent = [];
    events = [];
    replies = [];
  });
  afterEach(() => controller.abort());

  const start = (overlays: OverlayDefinition[] = []) =>
    misReader({
      win: window as unknown as Window,
      adapters: [fakeAdapter],
      overlays,
      signal: controller.signal,
      send: async (msg) => {
        sent.push(msg);
        return replies.shift() ?? { ok: true, stored: 1, changed: 1, amended: 0, pupilIds: [] };
      },
      log: (e) => events.push(e),
      retryDelays: [10],
      now: () => new Date('2025-03-04T09:00:00Z'),
    });

  it('waits for rows rendered late, then sends the page once', async () => {
    const r = start();
    await tick();
    expect(sent).toHaveLength(0);
    expect(events.some((e) => e.type === 'not-read' && e.pending)).toBe(true);
    render(['p1|/', 'p2|N']);
    await tick();
    await r.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.source).toEqual({ url: location.href, readAt: '2025-03-04T09:00:00.000Z', adapter: 'fake' });
    expect(sent[0]!.page.kind === 'register' && sent[0]!.page.pupils.map((p) => p.marks[0]!.code)).toEqual(['/', 'N']);
    // Re-rendering the same content sends nothing more.
    render(['p1|/', 'p2|N']);
    await tick();
    await r.idle();
    expect(sent).toHaveLength(1);
  });

  it('a pending edit notifies overlays but is not sent; saving it sends only that row', async () => {
    const reads: string[] = [];
    const r = start([
      {
        id: 'spy',
        kinds: ['register'],
        init: (page, signal) => page.onRead((p) => reads.push(JSON.stringify(p.kind === 'register' && p.pupils[1]!.pending)), signal),
      },
    ]);
    render(['p1|/', 'p2|N']);
    await tick();
    await r.idle();
    render(['p1|/', 'p2|N|I']);
    await tick();
    await r.idle();
    expect(sent).toHaveLength(1);
    expect(reads).toHaveLength(1);
    // Reported (for the end-to-end tests) as a read whose only change is the unsaved edit.
    expect(events.at(-1)).toEqual({ type: 'unsaved-edits', url: location.href, kind: 'register', edits: 1 });
    render(['p1|/', 'p2|I']);
    await tick();
    await r.idle();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.page.kind === 'register' && sent[1]!.page.pupils.map((p) => p.pupilId)).toEqual(['p2']);
  });

  it('follows pushState navigation: new week read, previous page overlays aborted', async () => {
    const signals: AbortSignal[] = [];
    const r = start([{ id: 'spy', kinds: ['register'], init: (_p, s) => void signals.push(s) }]);
    render(['p1|/']);
    await tick();
    await r.idle();
    history.pushState(null, '', '/reg/2025-03-10');
    render(['p1|I']);
    await tick();
    await r.idle();
    expect(sent.map((m) => m.page.kind === 'register' && m.page.weekStart)).toEqual(['2025-03-03', '2025-03-10']);
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
    // Navigating to a page no adapter knows aborts the last page's overlays too.
    history.pushState(null, '', '/other');
    render([]);
    await tick();
    await r.idle();
    expect(signals[1]!.aborted).toBe(true);
    expect(events.at(-1)?.type).toBe('unrecognised');
  });

  it('a failed send is not recorded as sent: it is retried and then acknowledged', async () => {
    replies.push({ ok: false, error: 'background stopped' });
    const r = start();
    render(['p1|/']);
    await tick();
    await r.idle();
    await tick();
    await r.idle();
    expect(sent).toHaveLength(2);
    expect(events.filter((e) => e.type === 'send-failed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'stored')).toHaveLength(1);
  });

  it('keeps retrying a failure that lasts (a full disk) past the list of delays, until it is acknowledged', async () => {
    for (let i = 0; i < 5; i++) replies.push({ ok: false, error: 'QuotaExceededError: the disk is full' });
    const r = start();
    render(['p1|/']);
    for (let i = 0; i < 8; i++) {
      await tick();
      await r.idle();
      await new Promise((res) => setTimeout(res, 15));
    }
    expect(events.filter((e) => e.type === 'send-failed').map((e) => e.type === 'send-failed' && e.willRetry)).toEqual([true, true, true, true, true]);
    expect(sent).toHaveLength(6);
    expect(events.filter((e) => e.type === 'stored')).toHaveLength(1);
  });

  it('stops observing when the content script is invalidated', async () => {
    const r = start();
    render(['p1|/']);
    await tick();
    await r.idle();
    controller.abort();
    render(['p1|I']);
    await tick();
    expect(sent).toHaveLength(1);
  });
  it('a failing overlay listener does not stop reading; unrecognised pages are reported once', async () => {
    const r = start([
      {
        id: 'broken',
        kinds: ['register'],
        init: (page, signal) =>
          page.onRead(() => {
            throw new Error('overlay bug');
          }, signal),
      },
    ]);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      render(['p1|/']);
      await tick();
      await r.idle();
      render(['p1|/|I']); // a pending edit: the broken listener runs and throws
      await tick();
      await r.idle();
      render(['p1|O']);
      await tick();
      await r.idle();
    } finally {
      console.error = original;
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(sent.map((m) => m.page.kind === 'register' && m.page.pupils[0]!.marks[0]!.code)).toEqual(['/', 'O']);

    history.pushState(null, '', '/other');
    for (const rows of [['x|1'], ['x|2'], ['x|3']]) {
      render(rows);
      await tick();
      await r.idle();
    }
    expect(events.filter((e) => e.type === 'unrecognised')).toHaveLength(1);
  });
  it('a page that cannot be read is reported once, after a second look; a passing mismatch is not', async () => {
    const other = () => {
      const d = document.createElement('div');
      d.className = 'other';
      document.getElementById('app')!.replaceChildren(d);
    };
    const r = start();
    // The address changed before the app re-rendered: the first read fails, the app renders, all is well.
    other();
    await tick();
    render(['p1|/']);
    await new Promise((res) => setTimeout(res, 150));
    await r.idle();
    expect(events.filter((e) => e.type === 'not-read' && !e.pending)).toEqual([]);
    expect(sent).toHaveLength(1);
    // A page that stays unreadable: reported once, however often its DOM changes.
    other();
    await new Promise((res) => setTimeout(res, 150));
    for (let i = 0; i < 3; i++) {
      document.getElementById('app')!.setAttribute('data-x', String(i));
      await tick();
    }
    await r.idle();
    const notRead = events.filter((e) => e.type === 'not-read' && !e.pending);
    expect(notRead).toHaveLength(1);
    expect(notRead[0]).toMatchObject({ reason: 'not a register layout', kind: 'register' });
    expect(sent).toHaveLength(1);
  });
});
