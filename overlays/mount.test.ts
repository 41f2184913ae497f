// @vitest-environment happy-dom
import { h } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createMounter, HOST_ATTR } from './mount.ts';

afterEach(() => {
  document.body.replaceChildren();
});

function cell(): HTMLTableCellElement {
  const table = document.createElement('table');
  const td = table.insertRow().insertCell();
  td.textContent = 'Lovelace, Ada';
  document.body.append(table);
  return td;
}

describe('createMounter', () => {
  it('mounts into an open shadow root in a small inline-block host appended inside a table cell', () => {
    const td = cell();
    const m = createMounter(document, new AbortController().signal).mount(td, 'row:1', 'row');
    m.render(h('span', { 'data-att-pupil': '1' }, 'badge'));
    expect(m.host.parentElement).toBe(td);
    expect(m.host.getAttribute(HOST_ATTR)).toBe('row:1');
    expect(m.host.style.display).toBe('inline-block');
    expect(td.shadowRoot).toBeNull();
    expect(m.host.shadowRoot).toBe(m.root); // open
    expect(m.root.querySelector('style')!.textContent).toContain('.att-badge');
    expect(m.root.querySelector('[data-att-pupil="1"]')!.textContent).toBe('badge');
    // the MIS's own text is untouched
    expect(td.firstChild!.textContent).toBe('Lovelace, Ada');
  });

  it('places the host right after an anchor that is not a cell', () => {
    const h2 = document.createElement('h2');
    const next = document.createElement('p');
    document.body.append(h2, next);
    const m = createMounter(document, new AbortController().signal).mount(h2, 'card:1', 'card');
    expect(h2.nextElementSibling).toBe(m.host);
    expect(m.host.nextElementSibling).toBe(next);
    expect(m.host.tagName).toBe('DIV');
  });

  it('is idempotent: mounting the same key at the same anchor again reuses the host', () => {
    const td = cell();
    const mounter = createMounter(document, new AbortController().signal);
    const a = mounter.mount(td, 'row:1', 'row');
    a.render(h('b', null, 'one'));
    const b = mounter.mount(td, 'row:1', 'row');
    b.render(h('b', null, 'two'));
    expect(b).toBe(a);
    expect(td.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(1);
    expect(a.root.textContent).toContain('two');
    expect(mounter.size).toBe(1);
  });

  it('reuses and clears a host left by an earlier run of the content script', () => {
    const td = cell();
    const old = createMounter(document, new AbortController().signal).mount(td, 'row:1', 'row');
    old.render(h('b', null, 'stale'));
    // a new content script instance (the old one never cleaned up)
    const m = createMounter(document, new AbortController().signal).mount(td, 'row:1', 'row');
    m.render(h('b', null, 'fresh'));
    expect(td.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(1);
    expect(m.host).toBe(old.host);
    expect(m.root.textContent).toContain('fresh');
    expect(m.root.textContent).not.toContain('stale');
    expect(m.root.querySelectorAll('style')).toHaveLength(1);
  });

  it('aborting the signal unmounts everything; mounting afterwards is an error', () => {
    const ac = new AbortController();
    const mounter = createMounter(document, ac.signal);
    const tds = [cell(), cell(), cell()];
    tds.forEach((td, i) => mounter.mount(td, `row:${i}`, 'row').render(h('b', null, 'x')));
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(3);
    ac.abort();
    expect(document.querySelectorAll(`[${HOST_ATTR}]`)).toHaveLength(0);
    expect(mounter.size).toBe(0);
    expect(() => mounter.mount(tds[0]!, 'row:0', 'row')).toThrow(/already stopped/);
  });

  it('prune drops keys no longer wanted and hosts the MIS removed', () => {
    const mounter = createMounter(document, new AbortController().signal);
    const [a, b, c] = [cell(), cell(), cell()];
    mounter.mount(a, 'row:a', 'row');
    mounter.mount(b, 'row:b', 'row');
    mounter.mount(c, 'row:c', 'row');
    c.closest('table')!.remove(); // the MIS re-rendered that row away
    expect(mounter.prune(new Set(['row:a', 'row:c'])).sort()).toEqual(['row:b', 'row:c']);
    expect(mounter.size).toBe(1);
    expect(b.querySelector(`[${HOST_ATTR}]`)).toBeNull();
  });

  it("keeps clicks and keys inside the overlay away from the MIS's own handlers", () => {
    const td = cell();
    const seen: string[] = [];
    td.closest('table')!.addEventListener('click', () => seen.push('click'));
    document.addEventListener('keydown', () => seen.push('keydown'));
    const m = createMounter(document, new AbortController().signal).mount(td, 'row:1', 'row');
    m.render(h('button', { type: 'button' }, 'badge'));
    const btn = m.root.querySelector('button')!;
    btn.click();
    btn.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(seen).toEqual([]);
    td.click();
    expect(seen).toEqual(['click']);
  });
});
