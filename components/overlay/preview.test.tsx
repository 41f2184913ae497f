// @vitest-environment happy-dom
// Writes static preview pages of the overlays next to an imitation of the demo MIS's register and
// pupil page (out/preview/*.html, using the demo's own mis.css), for screenshots
// (scripts/screenshot-preview.ts). Shadow roots are written as declarative shadow DOM, so Chromium
// renders them exactly as mounted: styles inside the root only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { PupilResult } from '../../engine/types.ts';
import { PupilCard } from './pupil-card.tsx';
import { RegisterRow, type RegisterRowProps } from './register-row.tsx';
import { overlayCss } from './styles.ts';
import { completeHistory, emptyPattern, keys, makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';

const OUT = join(process.cwd(), 'out', 'preview');

const bands = {
  expected: { id: 'expected', label: 'Expected', colour: '#2e7d32', tooEarly: false },
  monitor: { id: 'monitor', label: 'Monitor', colour: '#f9a825', tooEarly: false },
  listen: { id: 'listen', label: 'Listen & understand', colour: '#ef6c00', tooEarly: false },
  facilitate: { id: 'facilitate', label: 'Facilitate', colour: '#c62828', tooEarly: false },
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function shadowHtml(vnode: ComponentChild, kind: 'row' | 'card', open?: string): Promise<string> {
  const box = document.createElement(kind === 'card' ? 'div' : 'span');
  document.body.append(box);
  render(vnode, box);
  if (open) await act(() => box.querySelector<HTMLElement>(open)!.click());
  // In the static page the popover cannot be shown with showPopover(): let the CSS place it.
  const inner = box.innerHTML.replace(/ popover="manual"/g, '');
  render(null, box);
  box.remove();
  const tag = kind === 'card' ? 'div' : 'span';
  const style = kind === 'card' ? 'all:initial;display:block' : 'all:initial;display:inline-block;vertical-align:middle';
  return `<${tag} data-att-host="${kind}" data-att-kind="${kind}" style="${style}"><template shadowrootmode="open"><style>${overlayCss}</style><${tag} class="att-root">${inner}</${tag}></template></${tag}>`;
}

interface Row {
  name: string;
  flags?: string;
  props: Omit<RegisterRowProps, 'pupilId'> & { result: PupilResult };
  marks: string[];
  open?: string;
}

function heavy(): PupilResult {
  const pattern = emptyPattern();
  pattern[0] = [7, 3];
  pattern[1] = [1, 0];
  pattern[4] = [2, 5];
  const [s1, e1] = keys(['2025-10-13', 'AM'], ['2025-10-15', 'PM']);
  const [s2, e2] = keys(['2025-11-03', 'AM'], ['2025-11-03', 'PM']);
  return makePupil({
    pupilId: '1107',
    name: 'Jordan Pike',
    measures: makeMeasures(airPossible, 122, {
      unauthorised: 11,
      brokenWeeks: 8,
      schoolWeeks: 11,
      pattern,
      spells: [
        { startKey: s1!, endKey: e1!, sessions: 6, codes: ['I', 'I', 'I', 'I', 'M', 'I'] },
        { startKey: s2!, endKey: e2!, sessions: 2, codes: ['N', 'N'] },
      ],
      illnessSessions: 22,
      longestIllnessRun: 5,
      longestUnauthorisedRun: 4,
      lates: 3,
    }),
    epn: makeEpn(10, {
      provisional: true,
      currentN: 2,
      firstMetWeek: '2025-11-10',
      currentKeys: keys(
        ['2025-09-29', 'AM'], ['2025-10-06', 'PM'], ['2025-10-20', 'AM'], ['2025-10-20', 'PM'], ['2025-11-03', 'AM'],
        ['2025-11-03', 'PM'], ['2025-11-07', 'PM'], ['2025-11-10', 'AM'], ['2025-11-14', 'AM'], ['2025-11-14', 'PM'],
      ),
    }),
    sicknessWarning: true,
    band: bands.facilitate,
    stage: {
      id: 'formalise',
      label: 'Formalise',
      reasons: ['attendance 87.1% is at or below 90%', 'support offered on 6 Oct and not taken up'],
      reviewDue: '2025-12-01',
      currentStageId: 'facilitate',
    },
    findings: [
      { kind: 'stale-n', message: 'N on Mon 3 Nov AM and PM is older than 5 school days: record the reason or O' },
      { kind: 'missing-mark', message: 'No mark on Fri 7 Nov AM' },
    ],
  });
}
const airPossible = 140;

describe('overlay preview pages', () => {
  it('writes out/preview/register.html and pupil.html', async () => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'mis.css'), readFileSync(join(process.cwd(), 'demo', 'web', 'mis.css')));
    const week = ['/', '\\', '/', '\\', '/', '\\', '/', '\\', '', ''];
    const rows: Row[] = [
      { name: 'Abbott, Lily', props: { result: makePupil({ pupilId: '1001', measures: makeMeasures(140, 138) }), completeness: completeHistory }, marks: week },
      {
        name: 'Begum, Aisha',
        flags: 'FSM',
        props: { result: makePupil({ pupilId: '1002', measures: makeMeasures(140, 133, { unauthorised: 2 }), band: bands.monitor }) },
        marks: ['/', '\\', 'I', 'I', '/', '\\', '/', '\\', '', ''],
      },
      {
        name: 'Carter, Mason',
        flags: 'SEN',
        props: {
          result: makePupil({ pupilId: '1003', measures: makeMeasures(140, 128, { unauthorised: 8 }), band: bands.listen, epn: makeEpn(8) }),
        },
        marks: ['/', '\\', 'O', 'O', '/', '\\', '/', '\\', '', ''],
      },
      {
        name: 'Doyle, Ethan',
        props: {
          result: makePupil({ pupilId: '1004', measures: makeMeasures(140, 127, { unauthorised: 9 }), band: bands.listen, epn: makeEpn(9) }),
          ifSaved: makePupil({ pupilId: '1004', measures: makeMeasures(140, 126, { unauthorised: 10 }), band: bands.facilitate, epn: makeEpn(10) }),
        },
        marks: ['/', '\\', '/', '\\', 'G', '\\', '/', 'O*', '', ''],
      },
      { name: 'Pike, Jordan', flags: 'PP SW', props: { result: heavy(), completeness: completeHistory }, marks: ['N', 'N', '/', '\\', '/', 'O', 'N', 'N', '', ''], open: 'button.att-epn' },
      {
        name: 'Evans, Noah',
        props: {
          result: makePupil({
            pupilId: '1006',
            measures: makeMeasures(140, 125, { unauthorised: 4 }),
            band: bands.facilitate,
            stage: { id: 'facilitate', label: 'Facilitate', reasons: ['attendance 89.3% is at or below 90%'], reviewDue: null, currentStageId: null },
          }),
        },
        marks: ['/', '\\', 'M', '\\', '/', '\\', 'I', 'I', '', ''],
      },
      { name: 'Fisher, Grace', flags: 'EHCP', props: { result: makePupil({ pupilId: '1007', measures: makeMeasures(12, 11), band: { id: null, label: null, colour: null, tooEarly: true } }) }, marks: week },
      { name: 'Green, Oliver', props: { result: makePupil({ pupilId: '1008', measures: makeMeasures(0, 0), band: { id: null, label: null, colour: null, tooEarly: false } }) }, marks: ['D', 'D', 'D', 'D', 'D', 'D', 'D', 'D', '', ''] },
    ];
    const trs: string[] = [];
    for (const r of rows) {
      const overlay = await shadowHtml(<RegisterRow pupilId={r.props.result.pupilId} {...r.props} />, 'row', r.open);
      const flags = (r.flags ?? '').split(' ').filter(Boolean).map((f) => `<span class="reg-flag reg-flag--${f === 'SEN' || f === 'EHCP' ? 'sen' : f === 'SW' ? 'cin' : f.toLowerCase()}">${f}</span>`).join('');
      const pct = r.props.result.measures.attendancePct;
      const cells = r.marks.map((m) => `<td class="att-cell${m.endsWith('*') ? ' att-cell--dirty' : ''}"><span class="att-mark">${esc(m.replace('*', ''))}</span></td>`).join('');
      trs.push(
        `<tr class="reg-row"><th class="reg-student" scope="row"><a class="reg-student__link" href="#">${esc(r.name)}</a><span class="reg-student__flags">${flags}</span>${overlay}</th><td class="reg-pct">${pct === null ? '—' : pct.toFixed(1)}</td>${cells}</tr>`,
      );
    }
    const days = ['Mon 10/11', 'Tue 11/11', 'Wed 12/11', 'Thu 13/11', 'Fri 14/11'];
    const register = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Register preview</title><link rel="stylesheet" href="mis.css"><style>body{margin:0;padding:16px;background:#fff}</style></head><body>
<h1 style="font-size:18px;margin:0 0 8px">7B register · week beginning 10 November 2025</h1>
<table class="mis-grid reg-grid"><thead><tr><th class="reg-head-student" rowspan="2">Student</th><th class="reg-head-pct" rowspan="2">Att %</th>${days.map((d) => `<th class="reg-day" colspan="2">${d}</th>`).join('')}</tr><tr>${days.map(() => '<th class="reg-session">AM</th><th class="reg-session">PM</th>').join('')}</tr></thead>
<tbody>${trs.join('\n')}</tbody></table><div style="height:380px"></div></body></html>`;
    writeFileSync(join(OUT, 'register.html'), register);

    const card = await shadowHtml(<PupilCard result={heavy()} completeness={{ ...completeHistory, schoolSessionsWithoutMark: 1 }} />, 'card');
    const pupil = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pupil preview</title><link rel="stylesheet" href="mis.css"><style>body{margin:0;padding:16px;background:#fff}</style></head><body>
<h1 style="font-size:20px;margin:0">Pike, Jordan</h1><p style="margin:4px 0 0;color:#5b6776">7B · Year 7 · UPN A123456789012 · PP · SW</p>${card}</body></html>`;
    writeFileSync(join(OUT, 'pupil.html'), pupil);

    expect(register).toContain('data-att-epn="10"');
    expect(register).toContain('role="dialog"');
    expect(pupil).toContain('data-att-stage="formalise"');
  });
});
