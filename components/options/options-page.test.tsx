// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreviewPolicyReply } from '../../messages/panel-messages.ts';
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
    // One site only: never every site or a whole domain.
    expect(sitePattern('*')).toBeNull();
    expect(sitePattern('*.school.uk')).toBeNull();
    expect(sitePattern('https://*.school.uk/*')).toBeNull();
    expect(sitePattern('https://*/*')).toBeNull();
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
    previewCustomPolicy: async (policy) => {
      calls.push(`preview-custom ${policy.id} epn ${policy.epn.threshold} band0 ${policy.bands[0]?.lowerBound}`);
      return { ...preview, toPolicyId: policy.id, bandChanges: 3 };
    },
    saveCustomPolicy: async (policy) => {
      calls.push(`save ${policy.id}`);
      policyId = policy.id;
      return { ok: true, settings: { policyId, asOfOverride: null, customPolicy: policy } };
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

  it('edits a preset copy: field errors as typed, preview and save only when valid', async () => {
    const { api, calls } = fakeApi();
    const host = mount(<OptionsPage api={api} />);
    await flush();
    await act(() => (host.querySelector('[data-action="edit-policy"]') as HTMLButtonElement).click());
    await flush();
    const editor = host.querySelector('[data-testid="policy-editor"]') as HTMLElement;
    expect(editor).not.toBeNull();
    expect((editor.querySelector('[data-field="id"]') as HTMLInputElement).value).toBe('dfe-support-first-custom');
    expect(editor.querySelector('[data-testid="policy-valid"]')).not.toBeNull();
    const type = async (sel: string, value: string) => {
      const el = editor.querySelector(sel) as HTMLInputElement;
      el.value = value;
      await act(() => void el.dispatchEvent(new Event('input')));
      await flush();
    };
    // The first band (≥ 96) raised to 97: still valid (falling bounds: 97 > 94).
    await type('[data-field="bands[0].bound"]', '97');
    // A bound with two decimals is refused, beside the band and in the list.
    await type('[data-field="bands[1].bound"]', '94.25');
    expect(editor.querySelector('[data-error-for="bands[1]"]')?.textContent).toContain('bands[1].lowerBound: expected at most one decimal place');
    expect((editor.querySelector('[data-action="save-custom"]') as HTMLButtonElement).disabled).toBe(true);
    await type('[data-field="bands[1].bound"]', '94');
    // EPN threshold 0 is not a whole number ≥ 1.
    await type('[data-field="epn.threshold"]', '0');
    expect(editor.querySelector('[data-testid="policy-errors"]')?.textContent).toContain('epn.threshold: expected a whole number ≥ 1');
    await type('[data-field="epn.threshold"]', '8');
    // Taking a preset's id is refused.
    await type('[data-field="id"]', 'pdet-trust');
    expect(editor.querySelector('[data-error-for="id"]')?.textContent).toContain('is a preset\'s id');
    await type('[data-field="id"]', 'our-policy');
    expect(editor.querySelector('[data-testid="policy-valid"]')).not.toBeNull();
    await act(() => (editor.querySelector('[data-action="preview-custom"]') as HTMLButtonElement).click());
    await flush();
    expect(calls).toContain('preview-custom our-policy epn 8 band0 97');
    expect(host.querySelector('[data-testid="policy-preview"]')?.textContent).toContain('3 of 20 pupils change band');
    await act(() => (editor.querySelector('[data-action="save-custom"]') as HTMLButtonElement).click());
    await flush();
    expect(calls.at(-1)).toBe('save our-policy');
    expect(host.querySelector('[data-testid="policy-editor"]')).toBeNull();
    expect((host.querySelector('[data-testid="policy"]') as HTMLSelectElement).value).toBe('our-policy');
  });

  it('reports a stored custom policy that fails validation and offers it in the JSON editor', async () => {
    const raw = { id: 'broken-custom', name: 'Broken' };
    const { api } = fakeApi({
      getSettings: async () => ({ ok: true, settings: { policyId: 'dfe-support-first', asOfOverride: null }, customPolicyProblem: 'The stored custom policy is not valid: source: expected text', storedCustomPolicy: raw }),
    });
    const host = mount(<OptionsPage api={api} />);
    await flush();
    expect(host.querySelector('[data-testid="stored-policy-problem"]')?.textContent).toContain('source: expected text');
    await act(() => (host.querySelector('[data-testid="stored-policy-problem"] button') as HTMLButtonElement).click());
    await flush();
    const json = host.querySelector('[data-testid="policy-json"]') as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual(raw);
    await act(() => (host.querySelector('[data-action="apply-json"]') as HTMLButtonElement).click());
    await flush();
    expect(host.querySelector('[data-testid="json-errors"]')?.textContent).toContain('source:');
  });
});
