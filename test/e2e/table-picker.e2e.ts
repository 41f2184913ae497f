// End to end in Chromium ("the element picker and preview end to end"): on Kestrel MIS,
// the second demo MIS (demo/alt), the picker's code (adapters/capture/pick-register.ts, bundled as the
// content script would carry it) highlights the table under the pointer, swallows the picking click
// (the MIS does not navigate), infers the mapping and gives the preview; mapping the listed codes
// makes the preview whole. Real layout: getBoundingClientRect, shadow DOM, real mouse events.
// The extension wiring (options page ↔ MIS tab messages) is not exercised here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KESTREL_LOCAL_CODES } from '../../demo/alt/alt-mark.ts';
import { startAltMis, type AltMis } from '../../demo/alt/start-alt-mis.ts';
import { ROOT } from './ensure-e2e-build.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './launch.ts';
import { WAIT_MS } from './wait-for.ts';

let mis: AltMis;
let browser: Browser;
let page: Page;
let bundle: string;

beforeAll(async () => {
  mis = await startAltMis();
  // The picker and the table adapter as one script exposing `window.__picker` (what a content script bundles).
  const out = await build({
    stdin: {
      contents: `import { pickRegister, previewMapping } from './adapters/capture/pick-register.ts';
        window.__picker = { pickRegister, previewMapping };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: WAIT_MS, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
  page.setDefaultTimeout(WAIT_MS);
});
afterAll(async () => {
  await browser?.close();
  await mis?.close();
});

describe('picking the Kestrel register in Chromium', () => {
  it('one click on a pupil link: the mapping and the preview; the MIS does not navigate', async () => {
    const url = new URL('register?form=1&week=2026-11-16', mis.url).href;
    await page.goto(url);
    await page.addScriptTag({ content: bundle });
    await page.evaluate(() => {
      const w = window as unknown as { __picker: any; __result: Promise<unknown> };
      const ac = new AbortController();
      w.__result = w.__picker.pickRegister(document, new URL(location.href), ac.signal, 'Kestrel MIS');
    });
    // Hover a pupil's name (a link to their page): the highlight covers the whole table.
    const link = page.locator('th.k-stu a').first();
    await link.hover();
    const box = await page.evaluate(() => {
      const host = document.querySelector('[data-attendance-overlay-picker]');
      return host !== null;
    });
    expect(box).toBe(true);
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'out', 'table-picker-hover.png') });
    await link.click();
    const result = (await page.evaluate(() => (window as unknown as { __result: Promise<unknown> }).__result)) as {
      ok: boolean;
      mapping: { register: { orientation: string; sessions: { date: string } }; codes: Record<string, string> };
      preview: { summary: string; unmapped: string[] };
    };
    expect(page.url()).toBe(url); // the click never reached the MIS's link
    expect(await page.locator('[data-attendance-overlay-picker]').count()).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.mapping.register.orientation).toBe('pupils-as-columns');
    expect(result.mapping.register.sessions.date).toBe('weekday');
    expect(result.preview.summary).toMatch(/^\d+ pupils × 10 sessions; \d codes? not mapped: /);
    expect(result.preview.unmapped).toContain('✓');

    const codes = Object.fromEntries(result.preview.unmapped.map((c) => [c, KESTREL_LOCAL_CODES[c]]));
    const whole = await page.evaluate(
      ([mapping]) => (window as unknown as { __picker: any }).__picker.previewMapping(document, new URL(location.href), mapping),
      [{ ...result.mapping, codes }],
    );
    expect(whole.summary).toMatch(/^\d+ pupils × 10 sessions; every code mapped$/);
  });
});
