// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { elementPicker, PICKER_HOST_ATTR } from './element-picker.ts';

function page(): { table: HTMLTableElement; cell: HTMLElement; link: HTMLAnchorElement } {
  document.body.replaceChildren();
  const table = document.createElement('table');
  const row = table.insertRow();
  const cell = row.insertCell();
  const link = document.createElement('a');
  link.href = '#pupil';
  link.textContent = 'Smith, Amy';
  cell.append(link);
  document.body.append(table);
  return { table, cell, link };
}
const host = () => document.querySelector(`[${PICKER_HOST_ATTR}]`);
let controllers: AbortController[] = [];
/** A signal ended after each test, so no picker outlives its test. */
function signal(): AbortSignal {
  const ac = new AbortController();
  controllers.push(ac);
  return ac.signal;
}
afterEach(() => {
  for (const ac of controllers) ac.abort();
  controllers = [];
});

describe('elementPicker', () => {
  it('picks what the hovered element stands for, and the MIS never sees the click', () => {
    const { table, link } = page();
    const mis = vi.fn();
    link.addEventListener('click', mis);
    const onPick = vi.fn();
    elementPicker(document, { signal: signal(), prompt: 'Click the register table', accept: (el) => el.closest('table'), onPick });
    expect(host()).not.toBeNull();
    link.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith(table);
    expect(mis).not.toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(true);
    expect(host()).toBeNull(); // nothing left on the page
    // After the pick the page behaves normally again.
    link.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(mis).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledTimes(1);
  });

  it('ignores elements that stand for nothing', () => {
    page();
    const outside = document.createElement('p');
    document.body.append(outside);
    const onPick = vi.fn();
    elementPicker(document, { signal: signal(), prompt: 'x', accept: (el) => el.closest('table'), onPick });
    outside.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(onPick).not.toHaveBeenCalled();
    expect(host()).not.toBeNull();
  });

  it('Escape cancels and the signal ends it, removing everything', () => {
    const { cell } = page();
    const onCancel = vi.fn();
    const onPick = vi.fn();
    elementPicker(document, { signal: signal(), prompt: 'x', onPick, onCancel });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(host()).toBeNull();

    const ac = new AbortController();
    elementPicker(document, { signal: ac.signal, prompt: 'x', onPick });
    ac.abort();
    expect(host()).toBeNull();
    cell.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onPick).not.toHaveBeenCalled();
  });
});
