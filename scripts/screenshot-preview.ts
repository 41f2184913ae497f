// Screenshots of the overlay preview pages (written by components/overlay/preview.test.tsx) in Chromium.
// Usage: npx vitest run components/overlay/preview.test.tsx && npx node --no-warnings scripts/screenshot-preview.ts
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = process.cwd();
const outDir = join(root, 'out', 'screenshots');
mkdirSync(outDir, { recursive: true });
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'att-preview-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 760 },
  deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  for (const [name, width, height] of [['register', 1100, 760], ['pupil', 560, 1100]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(pathToFileURL(join(root, 'out', 'preview', `${name}.html`)).href);
    await page.waitForLoadState('load');
    const file = join(outDir, `overlay-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await ctx.close();
}
