// @vitest-environment happy-dom
// The options-page setup, driven like a user: pick → preview lists the codes not mapped → choose a
// statutory code for each (the preview is re-read live) → save → export → import. The `api` edge is
// played by the real inference and reader on a Kestrel MIS page (what the MIS tab would answer).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inferRegister } from '../../adapters/table/infer-register.ts';
import type { TableMapping } from '../../adapters/table/mapping-schema.ts';
import { newMapping } from '../../adapters/table/new-mapping.ts';
import { previewRead } from '../../adapters/table/preview-read.ts';
import { readTableRegister } from '../../adapters/table/read-table-register.ts';
import { KESTREL_LOCAL_CODES } from '../../demo/alt/alt-mark.ts';
import { altRegisterPage } from '../../demo/alt/alt-pages.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { MappingSetup, type MappingSetupApi } from './mapping-setup.tsx';

const school = generateSchool();
const form = school.forms[0]!;
const week = '2026-11-16';
const tab = parseHtml(altRegisterPage(school, form.id, week)!);
const tabUrl = new URL(`http://127.0.0.1:5190/alt/register?form=${form.id}&week=${week}`);
const pupils = school.pupils.filter((p) => p.formId === form.id).length;

let root: HTMLElement;
let store: TableMapping[];
let downloads: { fileName: string; text: string }[];
const api: MappingSetupApi = {
  listMappings: async () => store,
  async pickRegister() {
    const r = inferRegister(tab, tabUrl, tab.querySelector('table')!);
    if (!r.ok) return { ok: false, error: r.reason };
    return { ok: true, mapping: newMapping('My MIS', r.register), preview: previewRead(r.read) };
  },
  previewMapping: async (m) => previewRead(readTableRegister(tab, tabUrl, m)),
  async saveMapping(m) {
    store = [...store.filter((x) => x.id !== m.id), m];
    return { ok: true };
  },
  async removeMapping(id) {
    store = store.filter((m) => m.id !== id);
  },
  download: (fileName, text) => void downloads.push({ fileName, text }),
};

beforeEach(() => {
  store = [];
  downloads = [];
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);

describe('MappingSetup', () => {
  it('pick → map the listed codes → save → export', async () => {
    await act(() => render(<MappingSetup api={api} />, root));
    await flush();
    expect(q('.mapping-none')?.textContent).toBe('None yet.');
    await act(() => q<HTMLButtonElement>('.mapping-pick')!.click());
    await flush();
    const summary = q('.mapping-preview')!.textContent!;
    expect(summary).toMatch(new RegExp(`^${pupils} pupils × 10 sessions; \\d codes? not mapped: `));
    const selects = [...root.querySelectorAll<HTMLSelectElement>('.mapping-codes select')];
    const locals = [...root.querySelectorAll('.mapping-codes tbody th code')].map((c) => c.textContent!);
    expect(locals).toContain('✓');
    expect(q('.mapping-save')?.textContent).toBe(`Save (${locals.length} still not mapped)`);

    for (const [i, select] of selects.entries()) {
      await act(() => {
        select.value = KESTREL_LOCAL_CODES[locals[i]!]!;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
    }
    expect(q('.mapping-preview')!.textContent).toBe(`${pupils} pupils × 10 sessions; every code mapped`);
    expect(q('.mapping-save')?.textContent).toBe('Save');

    const name = q<HTMLInputElement>('.mapping-name')!;
    await act(() => {
      name.value = 'Kestrel MIS';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => q<HTMLButtonElement>('.mapping-save')!.click());
    await flush();
    expect(store.map((m) => m.id)).toEqual(['kestrel-mis']);
    expect(store[0]!.codes).toEqual(Object.fromEntries(locals.map((l) => [l, KESTREL_LOCAL_CODES[l]])));
    expect(q('.mapping-ok')?.textContent).toBe('Saved "Kestrel MIS". Reload the MIS tab to read it with this mapping.');
    expect(q('.mapping-list li')?.textContent).toContain('Kestrel MIS');

    await act(() => [...root.querySelectorAll<HTMLButtonElement>('.mapping-list button')].find((b) => b.textContent === 'Export')!.click());
    expect(downloads.map((d) => d.fileName)).toEqual(['kestrel-mis.mis-mapping.json']);
    expect(JSON.parse(downloads[0]!.text)).toEqual(store[0]);
  });

  it('imports a mapping file, and lists every problem of a malformed one by field', async () => {
    await act(() => render(<MappingSetup api={api} />, root));
    await flush();
    const input = q<HTMLInputElement>('.mapping-import')!;
    const choose = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await act(() => {
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
    };
    await choose(new File(['{"format":"attendance-overlay/mis-mapping","version":2}'], 'theirs.json'));
    const errors = [...root.querySelectorAll('ul.mapping-error li')].map((li) => li.textContent);
    expect(errors).toContain('theirs.json: version: expected version 1 (the only version this extension reads)');
    expect(errors).toContain('theirs.json: id: Invalid input: expected string, received undefined');
    expect(store).toEqual([]);

    const inferred = inferRegister(tab, tabUrl, tab.querySelector('table')!);
    if (!inferred.ok) throw new Error(inferred.reason);
    const good = newMapping('Shared MIS', inferred.register);
    await choose(new File([JSON.stringify(good)], 'shared.json'));
    // Nothing is saved until the user has seen what the file holds and pressed Save.
    expect(store).toEqual([]);
    const preview = q('.mapping-import-preview')!.textContent!;
    expect(preview).toContain('"Shared MIS"');
    expect(preview).toContain('shared-mis');
    expect(preview).toContain(`register pages (address matching ${good.register!.url})`);
    expect(preview).toContain(`${Object.keys(good.codes).length} code`);
    expect(q('.mapping-import-replaces')).toBeNull();
    await act(() => q<HTMLButtonElement>('.mapping-import-save')!.click());
    await flush();
    expect(store.map((m) => m.id)).toEqual(['shared-mis']);
    expect(q('.mapping-ok')?.textContent).toBe('Imported "Shared MIS" from shared.json.');
    expect(q('.mapping-import-preview')).toBeNull();
  });

  it('says when an import will replace a saved mapping of the same id, and Cancel keeps the saved one', async () => {
    const inferred = inferRegister(tab, tabUrl, tab.querySelector('table')!);
    if (!inferred.ok) throw new Error(inferred.reason);
    const mine = { ...newMapping('Shared MIS', inferred.register), codes: { '✓': 'present' } };
    store = [mine];
    await act(() => render(<MappingSetup api={api} />, root));
    await flush();
    const input = q<HTMLInputElement>('.mapping-import')!;
    const theirs = { ...mine, name: 'Shared MIS (theirs)', codes: {} };
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(theirs)], 'theirs.json')], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(q('.mapping-import-replaces')?.textContent).toBe(
      'This replaces your saved mapping "Shared MIS" (shared-mis): it has the same id. Export that one first to keep a copy.',
    );
    expect(q('.mapping-import-save')?.textContent).toBe('Save, replacing "Shared MIS"');
    await act(() => q<HTMLButtonElement>('.mapping-import-cancel')!.click());
    await flush();
    expect(store).toEqual([mine]);
    expect(q('.mapping-import-preview')).toBeNull();
  });
  it('picking again on another week keeps the name and the codes mapped, and lists the new codes', async () => {
    // Form 4's week of 7 Sep 2026 shows every Kestrel spelling; this week of form 1 shows fewer.
    const other = school.forms[3]!;
    const tab2 = parseHtml(altRegisterPage(school, other.id, '2026-09-07')!);
    const url2 = new URL(`http://127.0.0.1:5190/alt/register?form=${other.id}&week=2026-09-07`);
    let on: 'first' | 'second' = 'first';
    const at = () => (on === 'first' ? { doc: tab, url: tabUrl } : { doc: tab2, url: url2 });
    const twoWeeks: MappingSetupApi = {
      ...api,
      async pickRegister() {
        const { doc, url } = at();
        const r = inferRegister(doc, url, doc.querySelector('table')!);
        if (!r.ok) return { ok: false, error: r.reason };
        return { ok: true, mapping: newMapping('My MIS', r.register), preview: previewRead(r.read) };
      },
      previewMapping: async (m) => previewRead(readTableRegister(at().doc, at().url, m)),
    };
    await act(() => render(<MappingSetup api={twoWeeks} />, root));
    await act(() => q<HTMLButtonElement>('.mapping-pick')!.click());
    await flush();
    const firstLocals = [...root.querySelectorAll('.mapping-codes tbody th code')].map((c) => c.textContent!);
    const name = q<HTMLInputElement>('.mapping-name')!;
    await act(() => {
      name.value = 'Kestrel MIS';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    for (const [i, select] of [...root.querySelectorAll<HTMLSelectElement>('.mapping-codes select')].entries()) {
      await act(() => {
        select.value = KESTREL_LOCAL_CODES[firstLocals[i]!]!;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
    }
    expect(firstLocals.length).toBeLessThan(Object.keys(KESTREL_LOCAL_CODES).length);

    on = 'second';
    expect(q('.mapping-pick')!.textContent).toBe('Pick the register table again (keeps the codes mapped)');
    await act(() => q<HTMLButtonElement>('.mapping-pick')!.click());
    await flush();
    expect(q<HTMLInputElement>('.mapping-name')!.value).toBe('Kestrel MIS');
    const summary = q('.mapping-preview')!.textContent!;
    const listed = summary.split('not mapped: ')[1]!.split(', ');
    for (const c of firstLocals) expect(listed).not.toContain(c);
    const allLocals = [...root.querySelectorAll('.mapping-codes tbody th code')].map((c) => c.textContent!);
    expect(allLocals.slice(0, firstLocals.length)).toEqual(firstLocals);
    expect([...allLocals].sort()).toEqual(Object.keys(KESTREL_LOCAL_CODES).sort());
    for (const [i, select] of [...root.querySelectorAll<HTMLSelectElement>('.mapping-codes select')].entries()) {
      if (i < firstLocals.length) {
        expect(select.value).toBe(KESTREL_LOCAL_CODES[allLocals[i]!]);
        continue;
      }
      await act(() => {
        select.value = KESTREL_LOCAL_CODES[allLocals[i]!]!;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
    }
    expect(q('.mapping-preview')!.textContent).toMatch(/^\d+ pupils × 10 sessions; every code mapped$/);
    await act(() => q<HTMLButtonElement>('.mapping-save')!.click());
    await flush();
    expect(store.map((m) => m.id)).toEqual(['kestrel-mis']);
    expect(store[0]!.codes).toEqual(KESTREL_LOCAL_CODES);
  });
});
