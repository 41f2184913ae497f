// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEpn, makePupil } from '../test/pupil-results.ts';
import type { PageContext } from './overlay.ts';
import type { IngestReply, PageRead, RegisterPageRead } from '../messages/messages.ts';
import { demoOverlayAnchors } from '../adapters/demo/overlay-anchors.ts';
import { overlayDefinitions, pendingFromRead } from './definitions.ts';
import { fakeQuery } from './fake-query.test-support.ts';

// The overlays coalesce DOM changes with a timer (observeChanges): the clock is fake, and each test
// runs what is due (the queries' replies, the renders, the timers) before it looks.
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

/** The demo MIS's register markup (demo/web/page-register.js), reduced to what the anchors use. */
function demoRegister(ids: string[]): HTMLTableSectionElement {
  const main = document.createElement('main');
  const table = document.createElement('table');
  const body = table.createTBody();
  fillBody(body, ids);
  main.append(table);
  document.body.append(main);
  return body;
}

function fillBody(body: HTMLTableSectionElement, ids: string[]): void {
  body.replaceChildren(
    ...ids.map((id) => {
      const tr = document.createElement('tr');
      tr.className = 'reg-row';
      tr.dataset.studentId = id;
      const th = document.createElement('th');
      th.className = 'reg-student';
      th.textContent = `Pupil ${id}`;
      tr.append(th, document.createElement('td'));
      return tr;
    }),
  );
}

function fakePage(first: PageRead) {
  let current = first;
  const readCbs: ((p: PageRead) => void)[] = [];
  const storedCbs: ((r: IngestReply) => void)[] = [];
  const ctx: PageContext = {
    kind: first.kind,
    url: new URL('http://localhost/register/7B'),
    adapterId: 'demo',
    current: () => current,
    onRead: (cb) => void readCbs.push(cb),
    onStored: (cb) => void storedCbs.push(cb),
  };
  return {
    ctx,
    read(p: PageRead) {
      current = p;
      for (const cb of readCbs) cb(p);
    },
    stored() {
      for (const cb of storedCbs) cb({ ok: true, stored: 1, changed: 1, amended: 0, pupilIds: [] });
    },
  };
}

function registerRead(pending: RegisterPageRead['pupils'][number]['pending'] = []): RegisterPageRead {
  return {
    kind: 'register',
    weekStart: '2025-11-10',
    sessions: [],
    pupils: [
      { pupilId: 'a', name: 'A', marks: [], pending },
      { pupilId: 'b', name: 'B', marks: [], pending: [] },
    ],
  };
}

const tick = () => vi.runAllTimersAsync();
const hostCount = () => document.querySelectorAll('[data-att-host]').length;

describe('overlayDefinitions', () => {
  it('pendingFromRead turns a register read’s unsaved cells into query-pupils pending edits', () => {
    const read = registerRead([{ date: '2025-11-14', session: 'AM', code: 'O', original: 'O' }]);
    expect(pendingFromRead(read)).toEqual([{ pupilId: 'a', date: '2025-11-14', session: 'AM', code: 'O' }]);
  });

  it('register: badges on init, warnings from new reads, re-query on store, back after the MIS re-renders', async () => {
    const body = demoRegister(['a', 'b']);
    const results = { a: makePupil({ pupilId: 'a', epn: makeEpn(9) }), b: makePupil({ pupilId: 'b' }) };
    const fq = fakeQuery(results, (r) => ({ ...r, epn: makeEpn(10) }));
    const [reg] = overlayDefinitions(demoOverlayAnchors, fq.query);
    const ac = new AbortController();
    const page = fakePage(registerRead());
    await reg!.init(page.ctx, ac.signal);
    await tick();
    expect(hostCount()).toBe(2);
    expect(fq.calls).toEqual([{ pupilIds: ['a', 'b'] }]);

    page.read(registerRead([{ date: '2025-11-14', session: 'AM', code: 'O', original: 'O' }]));
    await tick();
    const shadowA = () => document.querySelector('[data-att-host="row:a"]')!.shadowRoot!;
    expect(shadowA().querySelector('[role=alert]')!.textContent).toContain('meets the penalty-notice threshold');

    page.stored();
    await tick();
    expect(fq.calls.at(-1)!.pupilIds).toEqual(['a', 'b']);

    // The MIS re-renders its rows with no data change: the observer puts the badges back, no query.
    const before = fq.calls.length;
    fillBody(body, ['a', 'b']);
    await tick();
    await tick();
    expect(hostCount()).toBe(2);
    expect(shadowA().querySelector('.att-row')!.getAttribute('data-att-epn')).toBe('9');
    expect(fq.calls.length).toBe(before);

    ac.abort();
    expect(hostCount()).toBe(0);
  });

  it('pupil: the card goes after the banner, once', async () => {
    const banner = document.createElement('div');
    banner.className = 'stu-banner';
    document.body.append(banner, document.createElement('section'));
    const fq = fakeQuery({ p1: makePupil({ pupilId: 'p1' }) });
    const [, card] = overlayDefinitions(demoOverlayAnchors, fq.query);
    const page = fakePage({ kind: 'pupil', pupilId: 'p1', name: 'P', attributes: {}, marks: [] });
    await card!.init(page.ctx, new AbortController().signal);
    await tick();
    expect(banner.nextElementSibling!.getAttribute('data-att-host')).toBe('card:p1');
    page.stored();
    await tick();
    expect(hostCount()).toBe(1);
  });

  it('anchors chosen by adapter id: no anchors for an adapter means no overlay and no query', async () => {
    demoRegister(['a']);
    const fq = fakeQuery({ a: makePupil({ pupilId: 'a' }) });
    const [reg] = overlayDefinitions((id) => (id === 'other-mis' ? demoOverlayAnchors : null), fq.query);
    await reg!.init(fakePage(registerRead()).ctx, new AbortController().signal);
    await tick();
    expect(hostCount()).toBe(0);
    expect(fq.calls).toEqual([]);
  });
});
