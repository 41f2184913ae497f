// @vitest-environment happy-dom
import { options } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RegisterRow } from '../components/overlay/register-row.tsx';
import { makeEpn, makePupil } from '../test/pupil-results.ts';
import type { ErrorReply, QueryPupilsReply } from '../messages/messages.ts';
import type { OverlayQueryRequest } from './query.ts';
import { initRegisterOverlay } from './register-overlay.ts';
import { fakeQuery, registerRow, registerTable, rowAnchors, rowShadow } from './fake-query.test-support.ts';

afterEach(() => {
  document.body.replaceChildren();
});

const results = {
  a: makePupil({ pupilId: 'a', name: 'A', epn: makeEpn(9) }),
  b: makePupil({ pupilId: 'b', name: 'B', epn: makeEpn(3) }),
  c: makePupil({ pupilId: 'c', name: 'C', stage: { id: 's1', label: 'Stage 1', reasons: [], reviewDue: null, currentStageId: null } }),
};

const attr = (root: ShadowRoot | null, name: string) => root?.querySelector('.att-row')?.getAttribute(name) ?? null;

describe('initRegisterOverlay', () => {
  it('puts a badge beside every row from one query, with the data attributes', async () => {
    const table = registerTable(document, ['a', 'b', 'c']);
    const fq = fakeQuery(results);
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fq.query }, new AbortController().signal);
    await o.ready;
    expect(fq.calls).toEqual([{ pupilIds: ['a', 'b', 'c'] }]);
    expect(attr(rowShadow(table, 'a'), 'data-att-pupil')).toBe('a');
    expect(attr(rowShadow(table, 'a'), 'data-att-epn')).toBe('9');
    expect(rowShadow(table, 'a')!.querySelector('.att-epn')!.textContent).toBe('EPN 9/10');
    expect(rowShadow(table, 'b')!.querySelector('.att-epn')).toBeNull();
    expect(attr(rowShadow(table, 'c'), 'data-att-stage')).toBe('s1');
    expect(attr(rowShadow(table, 'c'), 'data-att-band')).toBe('expected');
  });

  it('a pending edit re-queries only that pupil, and the row warns before saving', async () => {
    const table = registerTable(document, ['a', 'b', 'c']);
    const fq = fakeQuery(results, (r, edits) => ({ ...r, epn: makeEpn(r.epn.currentSessions + edits.length) }));
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fq.query }, new AbortController().signal);
    await o.ready;
    const edit = { pupilId: 'a', date: '2025-11-14', session: 'AM' as const, code: 'O' };
    await o.update({ pending: [edit] });
    expect(fq.calls[1]).toEqual({ pupilIds: ['a'], pending: [edit] });
    expect(rowShadow(table, 'a')!.querySelector('[role=alert]')!.textContent).toContain(
      'Saving this mark meets the penalty-notice threshold (10 of 10 in the last 10 school weeks)',
    );
    // the same pending edits again: no new query
    await o.update({ pending: [edit] });
    expect(fq.calls).toHaveLength(2);
    // edit undone: pupil a asked again without pending, warning gone
    await o.update({ pending: [] });
    expect(fq.calls[2]).toEqual({ pupilIds: ['a'] });
    expect(rowShadow(table, 'a')!.querySelector('[role=alert]')).toBeNull();
  });

  it('does not re-render rows whose answer did not change', async () => {
    const table = registerTable(document, ['a', 'b']);
    const fq = fakeQuery(results);
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fq.query }, new AbortController().signal);
    await o.ready;
    // Count RegisterRow renders through Preact's public options hook.
    let renders = 0;
    const prev = options.diffed;
    options.diffed = (vnode) => {
      if (vnode.type === RegisterRow) renders++;
      prev?.(vnode);
    };
    try {
      await o.refresh();
      await o.update({ rows: rowAnchors(table) });
      expect(fq.calls).toHaveLength(2); // refresh asked again…
      expect(renders).toBe(0); // …but no row was rendered again
      results.b = { ...results.b, epn: makeEpn(7) };
      await o.refresh();
      expect(renders).toBe(1); // only b changed
      expect(attr(rowShadow(table, 'b'), 'data-att-epn')).toBe('7');
    } finally {
      options.diffed = prev;
      results.b = { ...results.b, epn: makeEpn(3) };
    }
  });

  it('survives the MIS re-rendering its rows: new anchors, no duplicates, no new query', async () => {
    const table = registerTable(document, ['a', 'b']);
    const fq = fakeQuery(results);
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fq.query }, new AbortController().signal);
    await o.ready;
    // The MIS replaces its tbody with fresh rows (and drops b, adds c).
    const body = table.tBodies[0]!;
    body.replaceChildren(registerRow(document, 'a'), registerRow(document, 'c'));
    await o.update({ rows: rowAnchors(table) });
    expect(document.querySelectorAll('[data-att-host]')).toHaveLength(2);
    expect(attr(rowShadow(table, 'a'), 'data-att-epn')).toBe('9');
    expect(attr(rowShadow(table, 'c'), 'data-att-stage')).toBe('s1');
    expect(fq.calls.map((c) => c.pupilIds)).toEqual([['a', 'b'], ['c']]);
    // The same rows again (a mutation elsewhere on the page): still one host each.
    await o.update({ rows: rowAnchors(table) });
    expect(document.querySelectorAll('[data-att-host]')).toHaveLength(2);
  });

  it('drops an answer that arrives after a newer question about the same pupil', async () => {
    const table = registerTable(document, ['a']);
    const gates: { req: OverlayQueryRequest; open: () => void }[] = [];
    const fq = fakeQuery(results, (r) => ({ ...r, epn: makeEpn(10) }));
    const slow = (req: OverlayQueryRequest) =>
      new Promise<QueryPupilsReply | ErrorReply>((resolve) => gates.push({ req, open: () => resolve(fq.query(req)) }));
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: slow }, new AbortController().signal);
    const edit = { pupilId: 'a', date: '2025-11-14', session: 'AM' as const, code: 'O' };
    const u = o.update({ pending: [edit] });
    expect(gates).toHaveLength(2);
    gates[1]!.open(); // the newer answer (with the pending edit) first
    await u;
    gates[0]!.open(); // then the stale initial answer
    await o.ready;
    expect(rowShadow(table, 'a')!.querySelector('[role=alert]')).not.toBeNull();
  });

  it('shows a failed query on each row instead of a badge', async () => {
    const table = registerTable(document, ['a', 'b']);
    const o = initRegisterOverlay(
      { doc: document, rows: rowAnchors(table), query: async () => ({ ok: false, error: 'background not reachable' }) },
      new AbortController().signal,
    );
    await o.ready;
    const row = rowShadow(table, 'b')!.querySelector('[data-att-error]')!;
    expect(row.textContent).toBe('Attendance unavailable');
    expect(row.querySelector('[title]')!.getAttribute('title')).toBe('background not reachable');
  });

  it('a pupil with nothing stored says so', async () => {
    const table = registerTable(document, ['zz']);
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fakeQuery(results).query }, new AbortController().signal);
    await o.ready;
    expect(rowShadow(table, 'zz')!.textContent).toContain('No marks read yet');
  });

  it('navigation (abort) removes every overlay and ignores answers still on their way', async () => {
    const table = registerTable(document, ['a', 'b']);
    const ac = new AbortController();
    const o = initRegisterOverlay({ doc: document, rows: rowAnchors(table), query: fakeQuery(results).query }, ac.signal);
    await o.ready;
    const late = o.refresh();
    ac.abort();
    await late;
    expect(document.querySelectorAll('[data-att-host]')).toHaveLength(0);
  });
});
