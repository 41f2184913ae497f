// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { notStoredText, saveNotice } from './save-notice.ts';

const notice = () => document.querySelector('[data-att-host="save-notice"]');
afterEach(() => document.body.replaceChildren());

describe('saveNotice', () => {
  it('shows the error as text in an alert, once, and clears on success', () => {
    const n = saveNotice(document, new AbortController().signal);
    n.show(notStoredText('QuotaExceededError: <b>disk</b> full', true));
    n.show(notStoredText('QuotaExceededError: <b>disk</b> full', true));
    expect(document.querySelectorAll('[data-att-host="save-notice"]')).toHaveLength(1);
    const box = notice()!.shadowRoot!.querySelector('[role="alert"]')!;
    expect(box.textContent).toContain('are not stored yet. QuotaExceededError: <b>disk</b> full. It will');
    expect(box.textContent).toContain('It will try again shortly.');
    expect(box.querySelector('b')).toBeNull();
    n.clear();
    expect(notice()).toBeNull();
  });

  it('an error that ends a sentence gets no second full stop', () => {
    expect(notStoredText('The disk is full.', true)).toContain('The disk is full. It will try again shortly.');
  });

  it('can be dismissed, comes back on the next failure, and leaves with the page', () => {
    const c = new AbortController();
    const n = saveNotice(document, c.signal);
    n.show(notStoredText('no answer', false));
    notice()!.shadowRoot!.querySelector('button')!.click();
    expect(notice()).toBeNull();
    n.show(notStoredText('no answer', false));
    expect(notice()!.shadowRoot!.textContent).toContain('when the page changes');
    c.abort();
    expect(notice()).toBeNull();
    n.show(notStoredText('later.', true));
    expect(notice()).toBeNull();
  });
});
