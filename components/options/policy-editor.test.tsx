// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DFE_SUPPORT_FIRST } from '../../engine/policy/presets/dfe-support-first.ts';
import type { Policy } from '../../engine/policy/schema.ts';
import { PolicyEditor, customCopy, policyEditorErrors } from './policy-editor.tsx';

const flush = async () => {
  for (let i = 0; i < 3; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
};
let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

describe('customCopy / policyEditorErrors', () => {
  it('gives a preset copy its own id, keeps a custom id, and refuses preset ids', () => {
    const c = customCopy(DFE_SUPPORT_FIRST);
    expect(c.id).toBe('dfe-support-first-custom');
    expect(DFE_SUPPORT_FIRST.id).toBe('dfe-support-first'); // the preset itself is untouched
    expect(customCopy(c).id).toBe('dfe-support-first-custom');
    expect(policyEditorErrors(c)).toEqual([]);
    expect(policyEditorErrors(DFE_SUPPORT_FIRST)).toEqual([expect.stringMatching(/^id: "dfe-support-first" is a preset's id/)]);
  });
});

describe('PolicyEditor', () => {
  it('applies valid JSON to the form and saves what the form shows', async () => {
    const saved: Policy[] = [];
    host = document.createElement('div');
    document.body.append(host);
    render(<PolicyEditor initial={customCopy(DFE_SUPPORT_FIRST)} preview={async () => {}} save={async (p) => void saved.push(p)} cancel={() => {}} />, host);
    await flush();
    const details = host.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    await act(() => void details.dispatchEvent(new Event('toggle')));
    await flush();
    const area = host.querySelector('[data-testid="policy-json"]') as HTMLTextAreaElement;
    const edited = JSON.parse(area.value) as Policy;
    edited.epn.threshold = 7;
    edited.stages[0]!.reviewAfter = { days: 20, unit: 'school' };
    area.value = JSON.stringify(edited);
    await act(() => void area.dispatchEvent(new Event('input')));
    await act(() => (host!.querySelector('[data-action="apply-json"]') as HTMLButtonElement).click());
    await flush();
    expect((host.querySelector('[data-field="epn.threshold"]') as HTMLInputElement).value).toBe('7');
    expect((host.querySelector('[data-field="stages[0].reviewAfter.days"]') as HTMLInputElement).value).toBe('20');
    await act(() => (host!.querySelector('[data-action="save-custom"]') as HTMLButtonElement).click());
    await flush();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.epn.threshold).toBe(7);
    expect(saved[0]?.stages[0]?.reviewAfter).toEqual({ days: 20, unit: 'school' });
  });

  it('clears a review interval when its field is emptied, and reports a stage that then cannot be judged', async () => {
    host = document.createElement('div');
    document.body.append(host);
    render(<PolicyEditor initial={customCopy(DFE_SUPPORT_FIRST)} preview={async () => {}} save={async () => {}} cancel={() => {}} />, host);
    await flush();
    // formalise-support is judged "not improved since facilitate-support" at facilitate-support's review.
    const i = DFE_SUPPORT_FIRST.stages.findIndex((s) => s.id === 'facilitate-support');
    const field = host.querySelector(`[data-field="stages[${i}].reviewAfter.days"]`) as HTMLInputElement;
    field.value = '';
    await act(() => void field.dispatchEvent(new Event('input')));
    await flush();
    expect(host.querySelector('[data-testid="policy-errors"]')?.textContent).toContain('"facilitate-support" has no reviewAfter');
    expect((host.querySelector('[data-action="save-custom"]') as HTMLButtonElement).disabled).toBe(true);
  });
});
