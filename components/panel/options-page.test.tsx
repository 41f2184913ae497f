// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewPolicyReply } from '../../lib/panel-messages.ts';
import { OptionsPage, sitePattern, type OptionsApi } from './options-page.tsx';

const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
};

describe('sitePattern', () => {
  it('turns an address into the match pattern for its host', () => {
    expect(sitePattern('https://mis.example.org/app/register?x=1')).toBe('https://mis.example.org/*');
    expect(sitePattern('mis.example.org')).toBe('https://mis.example.org/*');
    expect(sitePattern('http://127.0.0.1:5173/')).toBe('http://127.0.0.1/*');
    expect(sitePattern('ftp://x.org')).toBeNull();
    expect(sitePattern('  ')).toBeNull();
  });
});

let mounted: HTMLElement | undefined;
afterEach(() => {
  if (mounted === undefined) return;
  render(null, mounted);
  mounted.remove();
  mounted = undefined;
});
function mount(vnode: ComponentChild): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  render(vnode, el);
  mounted = el;
  return el;
}

function fakeApi(over: Partial<OptionsApi> = {}) {
  const calls: string[] = [];
  let policyId = 'dfe-support-first';
  const preview: PreviewPolicyReply = {
    ok: true,
    asOf: '2025-11-14',
    fromPolicyId: 'dfe-support-first',
    toPolicyId: 'pdet-trust',
    pupils: 20,
    bandChanges: 14,
    stageChanges: 3,
    epnChanges: 0,
    examples: [],
    bandsAfter: [],
    transitions: [{ from: 'Monitor', to: 'At risk (90.1–95.9%)', count: 14 }, { from: 'Expect', to: '96% or above', count: 6 }],
  };
  const api: OptionsApi = {
    getSettings: async () => ({ ok: true, settings: { policyId, asOfOverride: null } }),
    setPolicy: async (id) => {
      calls.push(`set ${id}`);
      policyId = id;
      return { ok: true, settings: { policyId, asOfOverride: null } };
    },
    previewPolicy: async (id) => {
      calls.push(`preview ${id}`);
      return preview;
    },
    listOrigins: async () => ['https://mis.example.org/*'],
    grantOrigin: async () => true,
    removeOrigin: async () => true,
    exportBackup: async () => ({ ok: true, backup: {} }),
    restoreBackup: async () => ({ ok: false, error: 'The backup was not restored (nothing stored was changed): version: unsupported' }),
    removeAll: async () => ({ ok: true, pupils: 20 }),
    retention: async () => ({ ok: true, pupils: 0 }),
    importFile: async () => ({ ok: false, error: 'x.csv: line 2: bad date' }),
    getAutoRetention: async () => null,
    setAutoRetention: async () => {},
    download: () => {},
    confirm: () => false,
    ...over,
  };
  return { api, calls };
}

describe('OptionsPage', () => {
  it('previews a policy change and applies it only when asked', async () => {
    const { api, calls } = fakeApi();
    const host = mount(<OptionsPage api={api} />);
    await flush();
    const select = host.querySelector('[data-testid="policy"]') as HTMLSelectElement;
    expect(select.value).toBe('dfe-support-first');
    select.value = 'pdet-trust';
    await act(() => void select.dispatchEvent(new Event('change')));
    await flush();
    expect(host.querySelector('[data-testid="policy-preview"]')?.textContent).toContain('14 of 20 pupils change band');
    expect(calls).toEqual(['preview pdet-trust']);
    await act(() => (host.querySelector('[data-action="apply-policy"]') as HTMLButtonElement).click());
    await flush();
    expect(calls).toEqual(['preview pdet-trust', 'set pdet-trust']);
    expect(host.querySelector('[data-msg="policy"]')?.textContent).toContain('PDET');
  });

  it('does not remove data unless the user confirms', async () => {
    let removed = 0;
    const { api } = fakeApi({
      removeAll: async () => {
        removed++;
        return { ok: true, pupils: 20 };
      },
    });
    const host = mount(<OptionsPage api={api} />);
    await flush();
    await act(() => (host.querySelector('[data-action="remove-all"]') as HTMLButtonElement).click());
    await flush();
    expect(removed).toBe(0);
    expect(host.querySelector('[data-testid="origins"]')?.textContent).toContain('https://mis.example.org/*');
  });
});
