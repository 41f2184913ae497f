// The browser side of "fill the history": one inactive tab is navigated from pupil page to pupil page;
// the extension's content script reads each page as it would for the user, and the crawl waits until
// the background has stored a read of that pupil newer than the visit. State lives in
// browser.storage.local so a closed browser can resume.
import { browser } from 'wxt/browser';
import type { CrawlApi } from '../../components/panel/fill-history.tsx';
import { sendPanelMessage, type CrawlTarget } from '../../messages/panel-messages.ts';
import { FILL_HISTORY_STATE_KEY } from '../../storage/local-keys.ts';

/** A page not read within this time is recorded as not read, and the crawl goes on. */
const PAGE_TIMEOUT_MS = 20_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function crawlApi(delayMs: number): CrawlApi {
  let tabId: number | null = null;

  const openInTab = async (url: string) => {
    if (tabId !== null) {
      try {
        await browser.tabs.update(tabId, { url });
        return;
      } catch {
        tabId = null; // the user closed it: open another
      }
    }
    const tab = await browser.tabs.create({ url, active: false });
    tabId = tab.id ?? null;
  };

  return {
    targets: () => sendPanelMessage({ type: 'crawl-targets' }),
    async readPage(t: CrawlTarget) {
      const visit = new Date().toISOString();
      try {
        await openInTab(t.url);
      } catch (e) {
        return { ok: false, reason: `could not open ${t.url}: ${e instanceof Error ? e.message : String(e)}` };
      }
      const deadline = Date.now() + PAGE_TIMEOUT_MS;
      while (Date.now() < deadline) {
        await sleep(300);
        const r = await sendPanelMessage({ type: 'pupil-seen', pupilId: t.pupilId });
        if (r.ok && r.lastSeen !== null && r.lastSeen >= visit) return { ok: true };
      }
      return { ok: false, reason: `the page was not read within ${PAGE_TIMEOUT_MS / 1000} s (signed out of the MIS, or the site not allowed in Settings?)` };
    },
    loadState: async () => (await browser.storage.local.get(FILL_HISTORY_STATE_KEY))[FILL_HISTORY_STATE_KEY],
    saveState: async (s) => {
      if (s === null) await browser.storage.local.remove(FILL_HISTORY_STATE_KEY);
      else await browser.storage.local.set({ [FILL_HISTORY_STATE_KEY]: s });
    },
    delayMs,
    wait: sleep,
    done: () => {
      if (tabId !== null) void browser.tabs.remove(tabId).catch(() => {});
      tabId = null;
    },
  };
}
