// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PupilCard } from './pupil-card.tsx';
import { completeHistory, emptyPattern, keys, makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';
import type { PupilResult } from '../../engine/types.ts';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function heavyPupil(): PupilResult {
  const pattern = emptyPattern();
  pattern[0] = [6, 2]; // Monday AM is the worst
  pattern[4] = [1, 3];
  const [a, b] = keys(['2025-11-03', 'AM'], ['2025-11-05', 'PM']);
  const [c] = keys(['2025-10-06', 'AM']);
  return makePupil({
    measures: makeMeasures(140, 122, {
      unauthorised: 11,
      brokenWeeks: 5,
      schoolWeeks: 12,
      pattern,
      spells: [
        { startKey: c!, endKey: c!, sessions: 1, codes: ['O'] },
        { startKey: a!, endKey: b!, sessions: 6, codes: ['I', 'I', 'I', 'N', 'N', 'N'] },
      ],
      illnessSessions: 22,
      longestIllnessRun: 6,
      longestUnauthorisedRun: 4,
      lates: 3,
    }),
    epn: makeEpn(11, { provisional: true, currentN: 3, firstMetWeek: '2025-11-03', maxInAnyWindow: 11 }),
    sicknessWarning: true,
    band: { id: 'persistent', label: 'Persistent', colour: '#c62828', tooEarly: false },
    stage: { id: 's2', label: 'Stage 2: letter', reasons: ['attendance 87.1% is at or below 90%'], reviewDue: '2025-12-01', currentStageId: 's1' },
    findings: [{ kind: 'stale-n', message: 'N on Mon 3 Nov AM is older than 5 school days' }],
  });
}

const q = (sel: string) => root.querySelector<HTMLElement>(sel);

describe('PupilCard', () => {
  it('summarises the pupil with data attributes and every section', () => {
    render(<PupilCard result={heavyPupil()} completeness={completeHistory} />, root);
    const card = q('section.att-card')!;
    expect(card.dataset.attPupil).toBe('1042');
    expect(card.dataset.attBand).toBe('persistent');
    expect(card.dataset.attEpn).toBe('11');
    expect(card.dataset.attStage).toBe('s2');
    expect(card.getAttribute('aria-label')).toBe('Attendance summary for Ada Lovelace');
    const t = card.textContent!;
    // 122 / 140 = 87.142…% → 87.1; 18 absence sessions = 9 days lost
    expect(q('.att-big')!.textContent).toBe('87.1%');
    expect(t).toContain('Persistent absence (PA)');
    expect(t).toContain('9 days lost · 3 lates');
    expect(t).toContain('11/10 met, provisional');
    expect(t).toContain('Provisional: met only because of 3 N marks');
    expect(t).toContain('First met in the week of 3 Nov 2025');
    expect(t).toContain('Broken weeks: 5 of 12 school weeks had an absence.');
    expect(t).toContain('2 spells of absence; longest 6 sessions');
    // longest spell first
    expect(q('.att-list li')!.textContent).toBe('Mon 3 Nov AM – Wed 5 Nov PM: 6 sessions (I N)');
    expect(t).toContain('15-day sickness return: within 5 days (illness sessions this year: 22 of 30; longest run 6)');
    expect(t).toContain('10-day attendance return: not due');
    expect(t).toContain('Suggested: Stage 2: letter');
    expect(t).toContain('Review due 1 Dec 2025');
    expect(t).toContain('Recorded stage: s1');
    expect(q('[data-att-finding=stale-n]')!.textContent).toBe('N on Mon 3 Nov AM is older than 5 school days');
  });

  it('shows the weekday × AM/PM pattern with numbers, marking the busiest cell', () => {
    render(<PupilCard result={heavyPupil()} />, root);
    const cell = (id: string) => q(`[data-att-cell="${id}"]`)!;
    expect(cell('Mon-AM').textContent).toBe('6*');
    expect(cell('Mon-AM').className).toBe('att-h4 att-top');
    expect(cell('Mon-PM').textContent).toBe('2');
    expect(cell('Mon-PM').className).toBe('att-h2'); // ceil(4 × 2 / 6) = 2
    expect(cell('Fri-PM').className).toBe('att-h2'); // ceil(4 × 3 / 6) = 2
    expect(cell('Fri-AM').className).toBe('att-h1');
    expect(cell('Wed-AM').textContent).toBe('0');
    expect(cell('Wed-AM').className).toBe('att-h0');
    expect(root.querySelectorAll('.att-grid th[scope=col]')).toHaveLength(5);
  });

  it('folds the whole card and each section with buttons that report aria-expanded', async () => {
    render(<PupilCard result={heavyPupil()} />, root);
    const heads = root.querySelectorAll<HTMLButtonElement>('button.att-col-head');
    const main = heads[0]!;
    expect(main.getAttribute('aria-expanded')).toBe('true');
    const body = root.querySelector(`#${CSS.escape(main.getAttribute('aria-controls')!)}`)!;
    expect(body.hasAttribute('hidden')).toBe(false);
    const pattern = [...heads].find((h) => h.textContent!.startsWith('▾Pattern'))!;
    await act(() => pattern.click());
    expect(pattern.getAttribute('aria-expanded')).toBe('false');
    expect(q('.att-grid')).toBeNull();
    await act(() => main.click());
    expect(main.getAttribute('aria-expanded')).toBe('false');
    expect(body.hasAttribute('hidden')).toBe(true);
    // the folded card still names the band and attendance
    expect(main.textContent).toBe('▸AttendancePersistent · 87.1%');
  });

  it('opens "History read" when incomplete and says what is missing', () => {
    render(
      <PupilCard
        result={makePupil()}
        completeness={{ firstStored: { date: '2025-09-01', session: 'AM' }, lastStored: { date: '2025-11-14', session: 'PM' }, schoolSessions: 100, schoolSessionsWithoutMark: 12 }}
      />,
      root,
    );
    const t = root.textContent!;
    expect(t).toContain('12 of 100 school sessions since 1 Sep have no mark read');
    expect(t).toContain("Open this pupil's attendance page in the MIS");
    expect(t).toContain('History readincomplete');
  });

  it('shows a pupil with no possible sessions without a band or PA flag', () => {
    render(
      <PupilCard result={makePupil({ measures: makeMeasures(0, 0), band: { id: null, label: null, colour: null, tooEarly: false } })} />,
      root,
    );
    expect(q('.att-card')!.dataset.attBand).toBe('none');
    expect(q('.att-big')!.textContent).toBe('–');
    expect(root.textContent).toContain('No possible sessions');
    expect(root.textContent).not.toContain('(PA)');
  });

  it('shows the warning before save on the card too', () => {
    render(<PupilCard result={makePupil({ measures: makeMeasures(1000, 901) })} ifSaved={makePupil({ measures: makeMeasures(1000, 900) })} />, root);
    expect(q('[role=alert]')!.textContent).toContain('Saving moves the pupil to persistent absence (attendance 90.0%)');
  });
});
