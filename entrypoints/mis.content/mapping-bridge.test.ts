// @vitest-environment happy-dom
// The MIS tab's answers to the options page, through the runtime message listener as
// the browser calls it: pick the register (the picker's click), re-read through a draft mapping, and
// capture an anonymised copy. `wxt/browser` is the only mock: the extension's messaging edge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseMapping } from '../../adapters/table/parse-mapping.ts';
import { tableAdapter } from '../../adapters/table/table-adapter.ts';
import { KESTREL_LOCAL_CODES } from '../../demo/alt/alt-mark.ts';
import { altPupilPage, altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { kestrelMapping } from '../../demo/alt/kestrel-mapping.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { newStandInMap } from '../../adapters/capture/stand-ins.ts';
import type { MappingReplies, MappingRequest } from '../../messages/mapping-messages.ts';

type Listener = (msg: unknown, sender: unknown, sendResponse: (r: unknown) => void) => true | undefined;
const listeners = new Set<Listener>();
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      onMessage: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
    },
  },
}));
const { mappingBridge } = await import('./mapping-bridge.ts');

const school = generateSchool();
const form = school.forms[3]!;
const week = '2026-11-16';
const origin = 'http://127.0.0.1:5190';
const kestrel = parseMapping(kestrelMapping);
if (!kestrel.ok) throw new Error(kestrel.errors.join('\n'));

/** Loads an MIS page into the test document; `win` stands for the tab's window at that address. */
function open(html: string, path: string): Window {
  const parsed = new DOMParser().parseFromString(html.replace(/<script[^>]*>[\s\S]*?<\/script>|<link[^>]*>/g, ''), 'text/html');
  document.title = parsed.title;
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  return { document, location: { href: `${origin}${path}` } } as unknown as Window;
}

function ask<T extends MappingRequest['type']>(msg: Extract<MappingRequest, { type: T }>): { sync: unknown; reply: Promise<MappingReplies[T]> } {
  let sync: unknown;
  const reply = new Promise<MappingReplies[T]>((resolve) => {
    for (const l of listeners) sync = l(msg, {}, (r) => resolve(r as MappingReplies[T])) ?? sync;
  });
  return { sync, reply };
}

let ac: AbortController;
beforeEach(() => {
  ac = new AbortController();
});
afterEach(() => {
  ac.abort();
  document.body.replaceChildren();
});

/** The picker has started in the tab (its highlight host is on the page); the deadline is only a fail-safe. */
const pickerShown = () =>
  vi.waitFor(() => expect(document.querySelector('[data-attendance-overlay-picker]')).not.toBeNull(), { timeout: 60_000 });

describe('mappingBridge', () => {
  it('ignores messages that are not its own, and stops listening when the content script ends', () => {
    const win = open(altRegisterPage(school, form.id, week)!, `/alt/register?form=${form.id}&week=${week}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [] });
    expect(listeners.size).toBe(1);
    const [l] = [...listeners];
    expect(l!({ type: 'ingest-page' }, {}, () => {})).toBeUndefined();
    expect(l!(null, {}, () => {})).toBeUndefined();
    ac.abort();
    expect(listeners.size).toBe(0);
  });

  it('pick-register: the picker runs in the tab; one click answers with the mapping and the preview', async () => {
    const win = open(altRegisterPage(school, form.id, week)!, `/alt/register?form=${form.id}&week=${week}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [] });
    const { sync, reply } = ask({ type: 'mapping:pick-register', name: 'Kestrel MIS' });
    expect(sync).toBe(true); // answered asynchronously: the channel stays open until the click
    await pickerShown();
    document.querySelector('th.k-stu a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const r = await reply;
    if (!r.ok) throw new Error(r.error);
    expect(r.mapping.id).toBe('kestrel-mis');
    const pupils = school.pupils.filter((p) => p.formId === form.id).length;
    expect(r.preview.summary).toMatch(new RegExp(`^${pupils} pupils × 10 sessions; \\d codes? not mapped: `));

    // preview: the same page through the draft with the listed codes mapped is whole.
    const codes = Object.fromEntries(r.preview.unmapped.map((c) => [c, KESTREL_LOCAL_CODES[c]!]));
    const p = await ask({ type: 'mapping:preview', mapping: { ...r.mapping, codes } }).reply;
    expect(p).toEqual({ ok: true, preview: { summary: `${pupils} pupils × 10 sessions; every code mapped`, unmapped: [] } });
  });

  it('cancel-pick ends a pick that is waiting for the click', async () => {
    const win = open(altRegisterPage(school, form.id, week)!, `/alt/register?form=${form.id}&week=${week}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [] });
    const pick = ask({ type: 'mapping:pick-register' }).reply;
    await pickerShown();
    expect(await ask({ type: 'mapping:cancel-pick' }).reply).toEqual({ ok: true });
    expect(await pick).toEqual({ ok: false, error: 'Picking was stopped.' });
    expect(document.querySelector('[data-attendance-overlay-picker]')).toBeNull();
  });

  it('preview with a mapping that does not fit: the reason, not an exception', async () => {
    const win = open(altRegisterPage(school, form.id, week)!, `/alt/register?form=${form.id}&week=${week}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [] });
    const bad = { ...kestrel.mapping, register: { ...kestrel.mapping.register!, table: 'table.nope' } };
    const p = await ask({ type: 'mapping:preview', mapping: bad }).reply;
    if (!p.ok) throw new Error(p.error);
    expect(p.preview.summary).toContain('table.nope');
  });

  it('capture of a pupil page no mapping reads: known pupils, labelled fields and patterns replaced; the title is not the MIS name', async () => {
    const pupil = school.pupils.find((p) => p.formId === form.id)!;
    const win = open(altPupilPage(school, pupil.id)!, `/alt/pupil/${pupil.id}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [] });
    const others = school.pupils.filter((p) => p.formId === form.id).map((p) => ({ id: p.id, name: `${p.forename} ${p.surname}` }));
    const standIns = newStandInMap();
    const r = await ask({ type: 'mapping:capture', pupils: others, standIns, capturedOn: '2026-11-20' }).reply;
    if (!r.ok) throw new Error(r.error);
    expect(standIns.pupils).toEqual({}); // the caller's map is not changed: the reply carries the new one
    expect(Object.keys(r.standIns.pupils)).toEqual([pupil.id]); // only the pupil on this page
    expect(r.misName).toBe('127.0.0.1:5190');
    expect(r.capture.warning).toMatch(/^No adapter or saved mapping reads this page/);
    const html = r.capture.html;
    const dmy = pupil.dateOfBirth.split('-').reverse().join('/');
    for (const v of [pupil.forename, pupil.surname, pupil.upn, dmy, pupil.address]) expect(html, v).not.toContain(v);
    expect(html).not.toMatch(new RegExp(`\\b${pupil.id}\\b`));
    expect(html).toContain(r.standIns.pupils[pupil.id]!.id);
    expect(r.capture.counts.redacted).toBe(3); // date of birth, address, the note
    // The live page is untouched.
    expect(document.body.textContent).toContain(pupil.surname);
  });

  it('capture of a page a saved mapping reads: its pupils come from the read', async () => {
    const win = open(altRegisterPage(school, form.id, week)!, `/alt/register?form=${form.id}&week=${week}`);
    mappingBridge({ win, signal: ac.signal, adapters: () => [tableAdapter(kestrel.mapping)] });
    const r = await ask({ type: 'mapping:capture', pupils: [], standIns: newStandInMap(), capturedOn: '2026-11-20' }).reply;
    if (!r.ok) throw new Error(r.error);
    expect(r.misName).toBe('Kestrel MIS');
    expect(r.capture.warning).toBeUndefined();
    const formPupils = school.pupils.filter((p) => p.formId === form.id);
    expect(r.capture.replaced).toHaveLength(formPupils.length);
    for (const p of formPupils) expect(r.capture.html).not.toContain(p.surname);
  });
});
