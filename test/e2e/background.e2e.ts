// End to end, background and storage side: the e2e build's service worker starts and
// answers through real extension messaging; invalid requests are refused; a batch ingest interrupted
// by the browser being killed is all or nothing, and what was acknowledged survives; and the content
// script is not registered a second time for origins the manifest already covers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetStoredReply, IngestPageMessage, IngestReply, Message } from '../../messages/messages.ts';
import { ensureE2eBuild } from './ensure-e2e-build.ts';
import { launchWithExtension, serviceWorker } from './launch.ts';
import { waitFor } from './wait-for.ts';

let context: BrowserContext;
let ext: Page;
let sw: Worker;
let userDir: string;
/** Batches the worker said it received (the e2e build's line per ingest, entrypoints/background.ts). */
let batchesArrived = 0;

/** Through chrome.runtime.sendMessage from an extension page: the path the content script uses. */
async function ask(msg: Message | Record<string, unknown>): Promise<{ ok: boolean; error?: string } & Record<string, unknown>> {
  return ext.evaluate(
    async (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<never> } } }).chrome.runtime.sendMessage(m),
    msg as Record<string, unknown>,
  );
}

/** A pupil page read with every weekday session of September 2025 present. */
function pupilPage(id: string, readAt: string): IngestPageMessage {
  const marks: IngestPageMessage['page'] extends infer P ? (P extends { kind: 'pupil'; marks: infer M } ? M : never) : never = [];
  for (let d = 1; d <= 30; d++) {
    const date = `2025-09-${String(d).padStart(2, '0')}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    marks.push({ date, session: 'AM', code: '/', original: '/' }, { date, session: 'PM', code: '\\', original: '\\' });
  }
  return { type: 'ingest-page', source: { url: `http://127.0.0.1/pupils/${id}`, readAt, adapter: 'demo' }, page: { kind: 'pupil', pupilId: id, name: `Pupil ${id}`, attributes: {}, marks } };
}

async function launch(): Promise<void> {
  context = await launchWithExtension(userDir, EXT);
  context.on('console', (msg) => {
    if (msg.worker() && msg.text().includes('"type":"ingest-received","message":"ingest-pages"')) batchesArrived++;
  });
  sw = await serviceWorker(context);
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${new URL(sw.url()).host}/popup.html`);
}

/** The browser's main process (not its renderers and helpers, which carry --type=). */
function browserPid(profile: string): number {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  const line = ps.split('\n').find((l) => l.includes(`--user-data-dir=${profile}`) && !l.includes('--type='));
  if (line === undefined) throw new Error(`no browser process found for profile ${profile}`);
  return Number(line.trim().split(/\s+/)[0]);
}

let EXT: string;
beforeAll(async () => {
  EXT = ensureE2eBuild();
  userDir = mkdtempSync(join(tmpdir(), 'att-bg-'));
  await launch();
});

afterAll(async () => {
  await context?.close();
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

describe('background', () => {
  it('starts: its handler is installed and it answers through extension messaging', async () => {
    expect(await sw.evaluate(() => typeof (self as unknown as { attendanceHandle?: unknown }).attendanceHandle)).toBe('function');
    expect(await ask({ type: 'get-settings' })).toEqual({ ok: true, settings: { policyId: 'dfe-support-first', asOfOverride: null } });
  });

  it('refuses invalid requests with the field named, storing nothing', async () => {
    const r = await ask({ type: 'ingest-page', source: { url: 'x', readAt: 'yesterday', adapter: 'demo' }, page: { kind: 'pupil' } });
    expect(r.ok).toBe(false);
    expect(r.error).toContain('source.readAt');
    expect(r.error).toContain('page.pupilId');
  });

  it('registers no second copy of the content script for origins the manifest declares', async () => {
    const r = await ask({ type: 'sync-content-scripts' });
    expect(r).toEqual({ ok: true, origins: [] });
    const registered = await sw.evaluate(() =>
      (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome.scripting.getRegisteredContentScripts(),
    );
    expect(registered).toEqual([]);
  });

  it('keeps what was acknowledged and stores a batch all-or-nothing when the browser is killed mid-ingest', async () => {
    await ask({ type: 'set-settings', settings: { asOfOverride: '2025-09-30' } });
    const first = (await ask(pupilPage('acked', '2025-09-30T16:00:00Z'))) as unknown as IngestReply;
    expect(first).toMatchObject({ ok: true, stored: 44, changed: 44 });

    const outcomes: string[] = [];
    // Killed at three points the messages themselves mark, not after fixed delays: as soon as the
    // batch is sent, as soon as the worker says it arrived (it is then checking and storing 500
    // pages), and as soon as its acknowledgement is back.
    for (const when of ['sent', 'arrived', 'acknowledged'] as const) {
      const ids = Array.from({ length: 500 }, (_, i) => `b-${when}-${i}`);
      const pages = ids.map((id, i) => {
        const m = pupilPage(id, `2025-09-30T17:00:${String(i % 60).padStart(2, '0')}Z`);
        return { source: m.source, page: m.page };
      });
      const arrivedBefore = batchesArrived;
      let said = 'no reply (killed)';
      const sent = ask({ type: 'ingest-pages', pages }).then(
        (r) => (said = r.ok ? 'acknowledged' : `refused: ${r.error}`),
        () => said,
      );
      if (when === 'arrived') await waitFor('the batch to reach the worker', () => batchesArrived > arrivedBefore);
      if (when === 'acknowledged') await sent;
      // Kill the browser outright (SIGKILL: no shutdown, like a crash or power cut of the browser process).
      const closed = new Promise((r) => context.once('close', r));
      process.kill(browserPid(userDir), 'SIGKILL');
      await sent;
      await closed;
      await launch();

      const stored = (await ask({ type: 'get-stored', pupilIds: ids })) as unknown as GetStoredReply;
      outcomes.push(`killed when ${when}: ${said}; ${stored.pupils.length}/${ids.length} pupils stored`);
      // One transaction: every pupil of the batch, complete, or none of them.
      expect([0, ids.length]).toContain(stored.pupils.length);
      for (const p of stored.pupils) expect(p.marks).toHaveLength(44);
      if (said === 'acknowledged') expect(stored.pupils.length).toBe(ids.length);
      // What was acknowledged before is intact.
      const acked = (await ask({ type: 'get-stored', pupilIds: ['acked'] })) as unknown as GetStoredReply;
      expect(acked.pupils[0]?.marks).toHaveLength(44);
    }
    expect(outcomes.at(-1)).toContain('acknowledged; 500/500');
    // Control: the same kind of batch, left alone, is acknowledged and stored whole.
    const ids = Array.from({ length: 500 }, (_, i) => `c-${i}`);
    const t0 = Date.now();
    const r = await ask({ type: 'ingest-pages', pages: ids.map((id) => ({ source: pupilPage(id, '2025-09-30T18:00:00Z').source, page: pupilPage(id, '2025-09-30T18:00:00Z').page })) });
    outcomes.push(`left alone: ${r.ok ? 'acknowledged' : r.error} after ${Date.now() - t0} ms`);
    expect(r).toMatchObject({ ok: true, stored: 500 * 44 });
    expect(((await ask({ type: 'get-stored', pupilIds: ids })) as unknown as GetStoredReply).pupils).toHaveLength(500);
    console.log(outcomes.join('\n'));
  });
});
