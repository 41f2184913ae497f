// @vitest-environment happy-dom
// The MIS tools' tab choice: the sections work on the tab chosen; with no MIS tab open, picking and
// capturing say so, and the saved mappings are still listed.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingSetupApi } from './mapping-setup.tsx';
import { MisTools, type MisTab, type MisToolsApi } from './mis-tools.tsx';

let root: HTMLElement;
let tabs: MisTab[];
let calls: string[];
const setup = (tag: string): MappingSetupApi => ({
  listMappings: async () => [],
  pickRegister: async () => (calls.push(`pick ${tag}`), { ok: false, error: `no table in ${tag}` }),
  previewMapping: async () => ({ ok: false, error: 'x' }),
  saveMapping: async () => ({ ok: true }),
  removeMapping: async () => {},
  download: () => {},
});
const api: MisToolsApi = {
  listTabs: async () => tabs,
  forTab: (id) => ({
    mapping: setup(`tab ${id}`),
    capture: { capture: async () => (calls.push(`capture tab ${id}`), { ok: false, error: `nothing in tab ${id}` }), download: () => {} },
  }),
  noTab: { ...setup('none'), pickRegister: async () => ({ ok: false, error: 'Open your MIS in a tab first, then choose it above.' }) },
};

beforeEach(() => {
  calls = [];
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);

describe('MisTools', () => {
  it('works on the tab chosen (the first by default)', async () => {
    tabs = [
      { id: 7, title: 'Register', url: 'https://mis.example/register' },
      { id: 9, title: 'Pupil', url: 'https://mis.example/pupil/1' },
    ];
    await act(() => render(<MisTools api={api} />, root));
    await flush();
    expect([...root.querySelectorAll('select.mis-tab option')].map((o) => o.textContent)).toEqual([
      'Register — https://mis.example/register',
      'Pupil — https://mis.example/pupil/1',
    ]);
    await act(() => q<HTMLButtonElement>('.mapping-pick')!.click());
    await flush();
    const select = q<HTMLSelectElement>('select.mis-tab')!;
    await act(() => {
      select.value = '9';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => q<HTMLButtonElement>('.capture-run')!.click());
    await flush();
    expect(calls).toEqual(['pick tab 7', 'capture tab 9']);
    expect(q('.capture-section [role="alert"]')!.textContent).toBe('nothing in tab 9');
  });

  it('no MIS tab: says so, and capture is disabled', async () => {
    tabs = [];
    await act(() => render(<MisTools api={api} />, root));
    await flush();
    expect(q('select.mis-tab')!.textContent).toBe('— no MIS tab open —');
    expect(q<HTMLButtonElement>('.capture-run')!.disabled).toBe(true);
    await act(() => q<HTMLButtonElement>('.mapping-pick')!.click());
    await flush();
    expect(q('.mapping-setup [role="alert"]')!.textContent).toBe('Open your MIS in a tab first, then choose it above.');
    expect(calls).toEqual([]);
  });
});
