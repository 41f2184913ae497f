// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseEvent, PupilResult } from '../../engine/types.ts';
import type { QuerySummaryReply, SummaryCounts } from '../../messages/messages.ts';
import { DFE_SUPPORT_FIRST } from '../../engine/policy/presets/dfe-support-first.ts';
import { pupilRow } from '../../messages/pupil-row.ts';
import { makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';
import { SidePanel, type PanelApi } from './side-panel.tsx';

const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
};

function counts(pupils: PupilResult[]): SummaryCounts {
  return {
    pupils: pupils.length,
    bands: [{ id: 'support', label: 'Support', colour: '#c62828', count: 1 }, { id: null, label: null, colour: null, count: pupils.length - 1 }],
    persistent: pupils.filter((p) => p.measures.persistent).length,
    severe: 0,
    epnMet: pupils.filter((p) => p.epn.met).length,
    epnProvisional: 0,
    epnWithin2: 0,
    attendanceReturnsDue: 0,
    sicknessReturnsDue: 0,
    stageSuggestions: {},
    pupilsWithDataProblems: 0,
    dataProblems: {},
  };
}

/** A fake background: recording a stage changes the next suggestion, as the engine would. */
function fakeApi() {
  const events: CaseEvent[] = [];
  const downloads: { name: string; text: string }[] = [];
  const pupils = (): PupilResult[] => [
    makePupil({
      pupilId: 'A',
      name: 'Ann Absent',
      attributes: { yearGroup: 'Year 3' },
      measures: makeMeasures(100, 88, { unauthorised: 12 }),
      epn: makeEpn(12),
      band: { id: 'support', label: 'Support', colour: '#c62828', tooEarly: false },
      stage: events.some((e) => e.kind === 'stage-started')
        ? { id: 'formalise-support', label: 'Formalise support', reasons: ['Facilitate support recorded'], reviewDue: '2025-12-12', currentStageId: 'facilitate-support' }
        : { id: 'facilitate-support', label: 'Facilitate support', reasons: ['attendance 88.0% is at or below 90%; no stage recorded'], reviewDue: null, currentStageId: null },
    }),
    makePupil({ pupilId: 'B', name: 'Ben Fine', attributes: { yearGroup: 'Year 4' } }),
  ];
  const api: PanelApi = {
    querySummary: async (): Promise<QuerySummaryReply> => ({ ok: true, asOf: '2025-11-14', policyId: 'dfe-support-first', policy: DFE_SUPPORT_FIRST, counts: counts(pupils()), schoolSessions: 100, pupils: pupils().map(pupilRow) }),
    pupilDetail: async (id) => ({
      ok: true,
      result: pupils().find((p) => p.pupilId === id) ?? null,
      stored: { pupilId: id, name: '', attributes: {}, marks: [], amendments: [], caseHistory: [...events] },
    }),
    addCaseEvent: async (_id, e) => {
      events.push(e);
      return { ok: true };
    },
    download: (name, text) => downloads.push({ name, text }),
    print: () => {},
  };
  return { api, events, downloads };
}

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

describe('SidePanel', () => {
  it('shows the summary, filters the table, and exports the list', async () => {
    const { api, downloads } = fakeApi();
    const host = mount(<SidePanel api={api} />);
    await flush();
    expect(host.querySelector('[data-testid="national"]')?.textContent).toContain('2023/24');
    const rows = () => [...host.querySelectorAll('[data-testid="pupil-table"] tbody tr')].map((r) => r.getAttribute('data-pupil'));
    expect(rows()).toEqual(['A', 'B']);
    // Clicking the PA count filters to PA pupils.
    await act(() => (host.querySelector('button[data-flag="persistent"]') as HTMLButtonElement).click());
    expect(rows()).toEqual(['A']);
    await act(() => (host.querySelector('button[data-export="filtered"]') as HTMLButtonElement).click());
    expect(downloads[0]?.name).toBe('attendance-filtered-2025-11-14.csv');
    expect(downloads[0]?.text.split('\r\n').length).toBe(3); // header, one pupil, final CRLF
    // The year-group filter.
    await act(() => (host.querySelector('button[data-flag="persistent"]') as HTMLButtonElement).click());
    const year = host.querySelector('select[data-filter="yearGroup"]') as HTMLSelectElement;
    year.value = 'Year 4';
    await act(() => void year.dispatchEvent(new Event('change')));
    expect(rows()).toEqual(['B']);
    // Sorting by name descending.
    year.value = '';
    await act(() => void year.dispatchEvent(new Event('change')));
    await act(() => (host.querySelector('button[data-sort="name"]') as HTMLButtonElement).click());
    await act(() => (host.querySelector('button[data-sort="name"]') as HTMLButtonElement).click());
    expect(rows()).toEqual(['B', 'A']);
  });

  it('records a stage in the pupil view and shows the next suggestion', async () => {
    const { api, events } = fakeApi();
    const host = mount(<SidePanel api={api} />);
    await flush();
    await act(() => (host.querySelector('tr[data-pupil="A"] .pn-link') as HTMLButtonElement).click());
    await flush();
    expect(host.querySelector('[data-testid="suggestion"]')?.textContent).toContain('Facilitate support');
    const stage = host.querySelector('#ce-stage') as HTMLSelectElement;
    expect(stage.value).toBe('facilitate-support');
    const note = host.querySelector('#ce-note') as HTMLTextAreaElement;
    note.value = 'Met mum; support plan agreed';
    await act(() => void note.dispatchEvent(new Event('input')));
    await act(() => void (host.querySelector('form.pn-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true })));
    await flush();
    expect(events).toEqual([
      { kind: 'stage-started', date: '2025-11-14', stageId: 'facilitate-support', attendance: { attended: 88, possible: 100 }, note: 'Met mum; support plan agreed' },
    ]);
    expect(host.querySelector('[data-testid="suggestion"]')?.textContent).toContain('Formalise support');
    expect(host.querySelector('[data-testid="suggestion"]')?.textContent).toContain('Review due: 12 Dec 2025');
    expect(host.querySelector('.pn-events li')?.textContent).toContain('Stage started: Facilitate support');
  });

  it('refuses a penalty notice without a parent', async () => {
    const { api, events } = fakeApi();
    const host = mount(<SidePanel api={api} />);
    await flush();
    await act(() => (host.querySelector('tr[data-pupil="A"] .pn-link') as HTMLButtonElement).click());
    await flush();
    const kind = host.querySelector('#ce-kind') as HTMLSelectElement;
    kind.value = 'penalty-notice';
    await act(() => void kind.dispatchEvent(new Event('change')));
    await act(() => void (host.querySelector('form.pn-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true })));
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('Parent');
    expect(events).toEqual([]);
  });
});
