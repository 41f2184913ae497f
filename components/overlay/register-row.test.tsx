// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterRow } from './register-row.tsx';
import { completeHistory, keys, makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const q = (sel: string) => root.querySelector<HTMLElement>(sel);

describe('RegisterRow', () => {
  it('shows the band label and attendance % with stable data attributes', () => {
    const p = makePupil({
      measures: makeMeasures(170, 150, { unauthorised: 8 }),
      band: { id: 'persistent', label: 'Persistent', colour: '#c62828', tooEarly: false },
    });
    render(<RegisterRow pupilId="1042" result={p} completeness={completeHistory} />, root);
    const row = q('.att-row')!;
    expect(row.dataset.attPupil).toBe('1042');
    expect(row.dataset.attBand).toBe('persistent');
    expect(row.dataset.attEpn).toBe('0');
    expect(row.hasAttribute('data-att-stage')).toBe(false);
    const badge = q('button.att-badge')!;
    // 150 / 170 = 88.235…% → 88.2
    expect(badge.textContent).toBe('Persistent88.2%');
    expect(badge.getAttribute('aria-label')).toBe('Attendance band: Persistent, attendance 88.2%. Show evidence');
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(q('.att-swatch')!.getAttribute('style')).toContain('background');
  });

  it('says "too early to band" instead of a band, and "no possible sessions" for a pupil with none', () => {
    const early = makePupil({
      measures: makeMeasures(12, 11),
      band: { id: null, label: null, colour: null, tooEarly: true },
    });
    render(<RegisterRow pupilId="7" result={early} />, root);
    expect(q('.att-badge')!.textContent).toBe('Too early to band91.7%');
    expect(q('.att-row')!.dataset.attBand).toBe('too-early');
    expect(q('.att-badge')!.getAttribute('aria-label')).toContain('(12 possible sessions so far)');

    const none = makePupil({ measures: makeMeasures(0, 0), band: { id: null, label: null, colour: null, tooEarly: false } });
    render(<RegisterRow pupilId="7" result={none} />, root);
    expect(q('.att-badge')!.textContent).toBe('No possible sessions');
    expect(q('.att-row')!.dataset.attBand).toBe('none');
  });

  it('shows the EPN chip from 7 of 10 (threshold − 3), not at 6', () => {
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(6) })} />, root);
    expect(q('.att-epn')).toBeNull();
    expect(q('.att-row')!.dataset.attEpn).toBe('6');
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(7) })} />, root);
    expect(q('.att-epn')!.textContent).toBe('EPN 7/10');
    expect(q('.att-epn')!.className).toContain('att-epn-approaching');
    expect(q('.att-epn')!.dataset.attEpn).toBe('7');
    expect(q('.att-epn')!.getAttribute('aria-label')).toContain('3 to go');
  });

  it('marks a met threshold, and a provisional one that rests on N', () => {
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(10) })} />, root);
    expect(q('.att-epn')!.textContent).toBe('!EPN 10/10');
    expect(q('.att-epn')!.className).toContain('att-epn-met');
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(11, { provisional: true, currentN: 2 }) })} />, root);
    expect(q('.att-epn')!.textContent).toBe('!EPN 11/10provisional');
    expect(q('.att-epn')!.getAttribute('aria-label')).toContain('met provisionally: rests on N marks');
  });

  it('shows the suggested stage with data-att-stage', () => {
    const p = makePupil({
      stage: { id: 'stage-1', label: 'Stage 1', reasons: ['attendance 91.4% is below 92%; no stage recorded'], reviewDue: null, currentStageId: null },
    });
    render(<RegisterRow pupilId="1" result={p} />, root);
    expect(q('.att-row')!.dataset.attStage).toBe('stage-1');
    expect(q('.att-stage')!.dataset.attStage).toBe('stage-1');
    expect(q('.att-stage')!.textContent).toBe('→Stage 1');
  });

  it('opens the evidence popover, closes it with Escape and returns focus to the opener', async () => {
    const p = makePupil({
      measures: makeMeasures(170, 150, { unauthorised: 8, aea: 2 }),
      epn: makeEpn(8, { currentKeys: keys(['2025-11-10', 'PM'], ['2025-11-10', 'AM'], ['2025-11-12', 'AM']), windowStartWeek: '2025-09-08', windowEndWeek: '2025-11-10' }),
      stage: { id: 's2', label: 'Stage 2', reasons: ['attendance 88.2% is at or below 90%'], reviewDue: '2025-12-01', currentStageId: 's1' },
    });
    render(<RegisterRow pupilId="1042" result={p} completeness={completeHistory} />, root);
    const chip = q('button.att-epn')!;
    await act(() => chip.click());
    const pop = q('[role=dialog]')!;
    expect(pop).not.toBeNull();
    expect(chip.getAttribute('aria-expanded')).toBe('true');
    expect(chip.getAttribute('aria-controls')).toBe(pop.id);
    const text = pop.textContent!;
    expect(text).toContain('Penalty notice: 8 of 10 (2 to go)');
    // Monday 8 Sep to Friday of the week of Monday 10 Nov (14 Nov)
    expect(text).toContain('Window: 8 Sep – 14 Nov 2025 (10 school weeks)');
    expect(text).toContain('Unauthorised sessions: Mon 10 Nov AM+PM, Wed 12 Nov AM');
    expect(text).toContain('Possible170');
    expect(text).toContain('Unauthorised8');
    expect(text).toContain('Suggested: Stage 2');
    expect(text).toContain('attendance 88.2% is at or below 90%');
    expect(text).toContain('Review due 1 Dec 2025');
    expect(text).toContain('All sessions since 1 Sep read');
    expect(document.activeElement === pop || pop.contains(document.activeElement)).toBe(true);

    await act(() => {
      pop.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(q('[role=dialog]')).toBeNull();
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(chip);
  });

  it('the close button closes too, and activating the same control again toggles it', async () => {
    render(<RegisterRow pupilId="1" result={makePupil()} />, root);
    const badge = q('button.att-badge')!;
    await act(() => badge.click());
    expect(q('[role=dialog]')).not.toBeNull();
    await act(() => q('.att-close')!.click());
    expect(q('[role=dialog]')).toBeNull();
    expect(document.activeElement).toBe(badge);
    await act(() => badge.click());
    await act(() => badge.click());
    expect(q('[role=dialog]')).toBeNull();
  });

  it('says what saving the pending edit would do, as an alert', () => {
    render(
      <RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(9) })} ifSaved={makePupil({ epn: makeEpn(10) })} />,
      root,
    );
    const warn = q('[role=alert]')!;
    expect(warn.textContent).toBe(
      '!Before you save: Saving this mark meets the penalty-notice threshold (10 of 10 in the last 10 school weeks)',
    );
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(9) })} ifSaved={makePupil({ epn: makeEpn(9) })} />, root);
    expect(q('[role=alert]')).toBeNull();
  });

  it('loading, nothing stored and error states keep data-att-pupil', () => {
    render(<RegisterRow pupilId="5" result={undefined} />, root);
    expect(q('[data-att-pupil="5"]')!.textContent).toBe('Loading…');
    render(<RegisterRow pupilId="5" result={null} />, root);
    expect(q('[data-att-pupil="5"]')!.textContent).toBe('No marks read yet');
    render(<RegisterRow pupilId="5" result={null} error="background asleep" />, root);
    expect(q('[data-att-pupil="5"]')!.textContent).toBe('Attendance unavailable');
  });
});

describe('RegisterRow light dismiss', () => {
  it('closes when focus leaves the row, and Escape on the opener closes too', async () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    render(<RegisterRow pupilId="1" result={makePupil({ epn: makeEpn(8) })} />, root);
    const badge = q('button.att-badge')!;
    const chip = q('button.att-epn')!;
    await act(() => badge.click());
    const pop = q('[role=dialog]')!;
    // moving inside the row keeps it open
    await act(() => {
      pop.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: chip }));
    });
    expect(q('[role=dialog]')).not.toBeNull();
    await act(() => {
      pop.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: outside }));
    });
    expect(q('[role=dialog]')).toBeNull();
    // Escape pressed while focus is back on the badge
    await act(() => badge.click());
    expect(q('[role=dialog]')).not.toBeNull();
    await act(() => {
      badge.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(q('[role=dialog]')).toBeNull();
    expect(document.activeElement).toBe(badge);
    outside.remove();
  });
});

describe('RegisterRow warning before save', () => {
  it('shows the most serious warning and the rest behind "+n more"', async () => {
    render(
      <RegisterRow
        pupilId="1"
        result={makePupil({ epn: makeEpn(9), measures: makeMeasures(1000, 901) })}
        ifSaved={makePupil({ epn: makeEpn(10), measures: makeMeasures(1000, 900) })}
      />,
      root,
    );
    const alert = q('[role=alert]')!;
    expect(alert.dataset.attWarning).toBe('2');
    expect(alert.textContent).toContain('meets the penalty-notice threshold');
    expect(alert.textContent).not.toContain('persistent absence');
    const more = q('button.att-more')!;
    expect(more.textContent).toBe('+1 more');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    await act(() => more.click());
    expect(q('[role=alert]')!.textContent).toContain('Saving moves the pupil to persistent absence (attendance 90.0%)');
    expect(q('button.att-more')!.getAttribute('aria-expanded')).toBe('true');
  });
});
