// End to end: a policy edit and its preview, in the built extension (npm run
// build:e2e) in Chromium, on the demo school. The attendance lead moves the persistent-absence band
// boundary from 90% to 92% and the EPN threshold from 10 to 8 sessions in the options page's form,
// sees the preview count, saves, and the side panel's counts change. Both are checked against the
// report command run on the same marks with the saved policy as a JSON file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Worker } from 'playwright-core';
import { schoolToMarksCsv } from '../../demo/export/marks-csv.ts';
import { startDemoServer, type DemoServer } from '../../demo/server/start-demo-server.ts';
import type { Report } from '../../engine/report-json.ts';
import { e2eExtensionCopy } from './ensure-e2e-build.ts';
import { handleIn, launchWithExtension, serviceWorker } from './launch.ts';

const SHOTS = 'out/screenshots';

let server: DemoServer;
let context: BrowserContext;
let sw: Worker;
let extId: string;
let tmp: string;
let csvPath: string;

const handle = <T,>(msg: unknown): Promise<T> => handleIn(sw)<T>(msg);

function report(policy: string): Report {
  return JSON.parse(
    execFileSync('node_modules/.bin/node', ['--no-warnings', 'scripts/report.ts', '--input', csvPath, '--policy', policy, '--as-of', server.school.today], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as Report;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'att-policy-'));
  const ext = e2eExtensionCopy(tmp);
  server = await startDemoServer({ port: 0 });
  const csv = schoolToMarksCsv(server.school);
  csvPath = join(tmp, 'demo-marks.csv');
  writeFileSync(csvPath, csv);
  context = await launchWithExtension(join(tmp, 'profile'), ext, { viewport: { width: 900, height: 1000 } });
  sw = await serviceWorker(context);
  extId = new URL(sw.url()).host;
  await handle({ type: 'set-settings', settings: { asOfOverride: server.school.today, policyId: 'dfe-support-first' } });
  const imported = await handle<{ ok: boolean }>({ type: 'import-export', fileName: 'demo-marks.csv', text: csv, commit: true });
  expect(imported).toMatchObject({ ok: true });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('policy edit', () => {
  it('edits band bounds and the EPN threshold, previews, saves, and the side panel follows', async () => {
    const before = report('dfe-support-first');
    const options = await context.newPage();
    options.on('pageerror', (e) => {
      throw e;
    });
    await options.goto(`chrome-extension://${extId}/options.html`);
    await options.waitForSelector('[data-action="edit-policy"]');
    await options.click('[data-action="edit-policy"]');
    await options.waitForSelector('[data-testid="policy-editor"]');
    expect(await options.inputValue('[data-field="id"]')).toBe('dfe-support-first-custom');

    // Moving one bound alone leaves a gap: the error is shown beside the band, and saving is off.
    await options.fill('[data-field="bands[2].bound"]', '92');
    await options.waitForSelector('[data-error-for="bands[2]"]');
    expect(await options.textContent('[data-error-for="bands[2]"]')).toContain('gap between bands[3]');
    expect(await options.isDisabled('[data-action="save-custom"]')).toBe(true);
    await options.screenshot({ path: `${SHOTS}/options-policy-editor-error.png`, fullPage: true });
    await options.fill('[data-field="bands[3].bound"]', '92');
    await options.fill('[data-field="bands[3].label"]', 'Support (92% and below)');
    await options.fill('[data-field="epn.threshold"]', '8');
    await options.waitForSelector('[data-testid="policy-valid"]');

    await options.click('[data-action="preview-custom"]');
    await options.waitForSelector('[data-testid="policy-preview"]');
    const previewText = (await options.textContent('[data-testid="policy-preview"]')) ?? '';
    // Nothing is stored by a preview.
    expect((await handle<{ settings: { policyId: string } }>({ type: 'get-settings' })).settings.policyId).toBe('dfe-support-first');
    await options.screenshot({ path: `${SHOTS}/options-policy-editor.png`, fullPage: true });

    await options.click('[data-action="save-custom"]');
    await options.waitForSelector('[data-msg="policy"].pn-ok');
    const saved = await handle<{ settings: { policyId: string; customPolicy: { id: string; bands: unknown[]; epn: { threshold: number } } } }>({ type: 'get-settings' });
    expect(saved.settings.policyId).toBe('dfe-support-first-custom');
    expect(saved.settings.customPolicy.epn.threshold).toBe(8);
    const policyPath = join(tmp, 'custom.json');
    writeFileSync(policyPath, JSON.stringify(saved.settings.customPolicy));
    const after = report(policyPath);

    // The preview's count: pupils whose band (same ids, new ranges) differs between the two reports.
    const bandBefore = new Map(before.pupils.map((p) => [p.pupilId, p.band]));
    const changed = after.pupils.filter((p) => bandBefore.get(p.pupilId) !== p.band).length;
    expect(changed).toBeGreaterThan(0);
    expect(previewText).toContain(`${changed} of ${after.pupils.length} pupils change band`);
    const epnChanged = after.pupils.filter((p) => p.epn.met !== before.pupils.find((b) => b.pupilId === p.pupilId)?.epn.met).length;
    expect(previewText).toContain(`${epnChanged} change EPN status`);

    // The side panel: band counts and the EPN count under the saved policy, as the report says.
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(`chrome-extension://${extId}/sidepanel.html`);
    await panel.waitForSelector('button[data-flag="persistent"]');
    const bands = await panel.$$eval('[data-testid="bands"] button', (bs) => bs.map((b) => [b.getAttribute('data-band'), Number(b.querySelector('b')?.textContent), b.textContent ?? ''] as const));
    const count = (r: Report, id: string | null) => r.pupils.filter((p) => (p.band ?? 'none') === id).length;
    for (const [id, n] of bands) expect(n, `band ${id}`).toBe(count(after, id));
    expect(bands.find(([id]) => id === 'support')?.[2]).toContain('Support (92% and below)');
    expect(count(after, 'support')).toBeGreaterThan(count(before, 'support'));
    expect(Number(await panel.textContent('button[data-flag="epn-met"] b'))).toBe(after.pupils.filter((p) => p.epn.met).length);
    await panel.screenshot({ path: `${SHOTS}/sidepanel-custom-policy.png` });
  });
});
