// @vitest-environment happy-dom
// "Capture an anonymised page", driven like a user: preview → the stand-ins and the warning are shown
// → save downloads exactly the anonymised file. The `api` edge is played by the real capture of a
// Kestrel pupil page (what the MIS tab would answer).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { altPupilPage } from '../../demo/alt/alt-pages.ts';
import { parseHtml } from '../../demo/alt/parse-html.ts';
import { generateSchool } from '../../demo/generate/generate-school.ts';
import { capturePage } from '../../adapters/capture/capture-page.ts';
import { newStandInMap } from '../../adapters/capture/stand-ins.ts';
import { CaptureSection, type CaptureSectionApi } from './capture-section.tsx';

const school = generateSchool();
const pupil = school.pupils[40]!;
const doc = parseHtml(altPupilPage(school, pupil.id)!);
const url = new URL(`http://127.0.0.1:5190/alt/pupil/${pupil.id}`);

let root: HTMLElement;
let downloads: { fileName: string; text: string; mime: string }[];
let fail: string | null;
const api: CaptureSectionApi = {
  async capture() {
    if (fail) return { ok: false, error: fail };
    const capture = capturePage({
      doc,
      url,
      pupils: [{ id: pupil.id, name: `${pupil.forename} ${pupil.surname}`, dateOfBirth: pupil.dateOfBirth }],
      standIns: newStandInMap(),
      misName: 'Kestrel MIS',
      capturedOn: '2026-11-20',
    });
    return { ok: true, capture, misName: 'Kestrel MIS', url: url.href };
  },
  download: (fileName, text, mime) => void downloads.push({ fileName, text, mime }),
};

beforeEach(() => {
  downloads = [];
  fail = null;
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);

describe('CaptureSection', () => {
  it('preview shows the stand-ins (on screen only) and the file; save downloads the anonymised file', async () => {
    await act(() => render(<CaptureSection api={api} />, root));
    expect(q('.capture-preview')).toBeNull();
    await act(() => q<HTMLButtonElement>('.capture-run')!.click());
    await flush();
    expect(q('.capture-summary')!.textContent).toMatch(/^Kestrel MIS: page\.html — 1 pupil replaced, \d+ replacements/);
    const rows = [...root.querySelectorAll('.capture-standins tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe(`${pupil.forename} ${pupil.surname}`);
    expect(q('.capture-text')!.textContent).not.toContain(pupil.surname);
    // No adapter read the page: the user is told to check what was replaced.
    expect(q('.capture-warning')!.textContent).toMatch(/^Check the preview: No adapter recognises this page/);
    await act(() => q<HTMLButtonElement>('.capture-save')!.click());
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.mime).toBe('text/html');
    expect(downloads[0]!.fileName).toMatch(/\.html$/);
    expect(downloads[0]!.text).not.toContain(pupil.surname);
    expect(downloads[0]!.text).not.toContain(`${pupil.forename} ${pupil.surname}`);
    expect(q('.mapping-ok')!.textContent).toBe(`Saved ${downloads[0]!.fileName}.`);
  });

  it('an error from the tab is shown, and nothing is saved', async () => {
    fail = 'The extension is not running in that tab.';
    await act(() => render(<CaptureSection api={api} />, root));
    await act(() => q<HTMLButtonElement>('.capture-run')!.click());
    await flush();
    expect(q('[role="alert"]')!.textContent).toBe('The extension is not running in that tab.');
    expect(q('.capture-save')).toBeNull();
    expect(downloads).toEqual([]);
  });
});
