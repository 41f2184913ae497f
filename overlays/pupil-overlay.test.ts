// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { makeEpn, makePupil } from '../test/pupil-results.ts';
import { initPupilOverlay } from './pupil-overlay.ts';
import { fakeQuery } from './fake-query.test-support.ts';

afterEach(() => {
  document.body.replaceChildren();
});

function page(): HTMLElement {
  const h1 = document.createElement('h1');
  h1.textContent = 'Lovelace, Ada';
  const p = document.createElement('p');
  document.body.append(h1, p);
  return h1;
}

describe('initPupilOverlay', () => {
  it('places the card after the anchor with the data attributes', async () => {
    const anchor = page();
    const fq = fakeQuery({ '1042': makePupil({ epn: makeEpn(8) }) });
    const o = initPupilOverlay({ doc: document, pupilId: '1042', anchor, query: fq.query }, new AbortController().signal);
    await o.ready;
    const host = anchor.nextElementSibling as HTMLElement;
    expect(host.getAttribute('data-att-host')).toBe('card:1042');
    const card = host.shadowRoot!.querySelector('.att-card')!;
    expect(card.getAttribute('data-att-pupil')).toBe('1042');
    expect(card.getAttribute('data-att-epn')).toBe('8');
    expect(card.textContent).toContain('8/10 · 2 to go');
    expect(fq.calls).toEqual([{ pupilIds: ['1042'] }]);
  });

  it('refreshing does not duplicate the card; pending edits for the pupil give the warning', async () => {
    const anchor = page();
    const fq = fakeQuery({ '1042': makePupil({ epn: makeEpn(9) }) }, (r) => ({ ...r, epn: makeEpn(10) }));
    const o = initPupilOverlay({ doc: document, pupilId: '1042', anchor, query: fq.query }, new AbortController().signal);
    await o.ready;
    await o.refresh({ pending: [{ pupilId: '1042', date: '2025-11-14', session: 'PM', code: 'G' }, { pupilId: '9', date: '2025-11-14', session: 'PM', code: 'G' }] });
    expect(document.querySelectorAll('[data-att-host]')).toHaveLength(1);
    expect(fq.calls[1]).toEqual({ pupilIds: ['1042'], pending: [{ pupilId: '1042', date: '2025-11-14', session: 'PM', code: 'G' }] });
    const root = document.querySelector('[data-att-host]')!.shadowRoot!;
    expect(root.querySelector('[role=alert]')!.textContent).toContain('meets the penalty-notice threshold');
  });

  it('a pupil with nothing stored gets a one-line status, and abort removes it', async () => {
    const ac = new AbortController();
    const o = initPupilOverlay({ doc: document, pupilId: '77', anchor: page(), query: fakeQuery({}).query }, ac.signal);
    await o.ready;
    const host = document.querySelector('[data-att-host="card:77"]')!;
    expect(host.shadowRoot!.textContent).toContain('no marks read for this pupil yet');
    ac.abort();
    expect(document.querySelector('[data-att-host]')).toBeNull();
  });
});
