// The background (design.md): owns the database and the engine; validates, ingests, recomputes and
// answers (background/handle-message.ts). The MV3 service worker is stopped after 30 s idle, so nothing is
// kept here that cannot be rebuilt: only a cached database handle, reopened on demand.
// First: zod must be configured before any schema (engine policies, messages) is constructed.
import '../messages/zod-config.ts';
import { browser } from 'wxt/browser';
import type { IDBPDatabase } from 'idb';
import { mappingsChanged, syncContentScripts } from '../background/content-scripts.ts';
import { handleMessage, localToday } from '../background/handle-message.ts';
import { handlePanelMessage, type PanelContext } from '../background/handle-panel-message.ts';
import { LOCAL_PUPIL_DATA_KEYS } from '../storage/local-keys.ts';
import { isPanelMessage } from '../messages/panel-messages.ts';
import { senderAllowed } from '../background/sender-allowed.ts';
import { summaryCache, type KeptSummary, type SummaryStore } from '../background/summary-cache.ts';
import { openDb } from '../storage/open-db.ts';
import type { AttendanceDB } from '../storage/schema.ts';
import { defineBackground } from 'wxt/utils/define-background';

let dbPromise: Promise<IDBPDatabase<AttendanceDB>> | null = null;

function getDb(): Promise<IDBPDatabase<AttendanceDB>> {
  if (dbPromise === null) {
    const p = openDb({
      onClose: () => {
        dbPromise = null;
      },
    });
    // A failed open (blocked upgrade) is reported to this caller and retried on the next message.
    p.catch(() => {
      if (dbPromise === p) dbPromise = null;
    });
    dbPromise = p;
  }
  return dbPromise;
}

/**
 * The kept summary across worker restarts: browser.storage.session is memory only, cleared when the
 * browser closes, and (by default) not readable by content scripts. Quota errors are ignored by the cache.
 */
function sessionSummaryStore(): SummaryStore {
  const KEY = 'keptSummary';
  return {
    async load() {
      const v = (await browser.storage.session.get(KEY))[KEY] as KeptSummary | undefined;
      return v !== undefined && typeof v === 'object' && v !== null && typeof v.today === 'string' && v.reply?.ok === true ? v : undefined;
    },
    save: (entry) => browser.storage.session.set({ [KEY]: entry }),
    clear: () => browser.storage.session.remove(KEY),
  };
}

export default defineBackground(() => {
  // The whole-school summary is kept between writes so the side panel opens fast (background/summary-cache.ts).
  const ctx: PanelContext = {
    getDb,
    today: () => localToday(),
    syncContentScripts,
    summaryCache: summaryCache(1500, sessionSummaryStore()),
    forgetLocalPupilData: () => browser.storage.local.remove([...LOCAL_PUPIL_DATA_KEYS]),
  };

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // A content script may only store what its page shows and ask for the flags of its pupils (background/sender-allowed.ts).
    const type = (message as { type?: unknown } | null)?.type;
    if (!senderAllowed(type, sender, extensionOrigin)) {
      sendResponse({ ok: false, error: `"${String(type)}" is accepted from the extension's own pages only.` });
      return false;
    }
    // End-to-end build only: a line when marks arrive, so a test can stop this worker (or kill the
    // browser) while it stores them (test/e2e/pipeline.e2e.ts, background.e2e.ts). Dropped from the
    // production build.
    if (import.meta.env.ATT_E2E && (type === 'ingest-page' || type === 'ingest-pages')) {
      const m = message as { source?: { url?: unknown }; pages?: unknown };
      const pages = Array.isArray(m.pages) ? m.pages.length : undefined;
      const line = { type: 'ingest-received', message: type, url: m.source?.url, pages };
      console.debug(`[attendance-overlay] ${JSON.stringify(line)}`);
    }
    // The side panel's and options page's own requests go to their handler.
    (isPanelMessage(message) ? handlePanelMessage(message, ctx) : handleMessage(message, ctx)).then(sendResponse, (e: unknown) =>
      sendResponse({ ok: false, error: `Background error: ${e instanceof Error ? e.message : String(e)}` }),
    );
    return true; // the reply is sent asynchronously
  });

  const sync = () => {
    syncContentScripts().catch((e: unknown) => console.error('[attendance-overlay] could not register the content script', e));
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  // A saved table mapping switches the granted origins to mis-table.js, and the last one removed back to mis.js.
  browser.storage.onChanged.addListener((changes, area) => {
    if (mappingsChanged(changes, area)) sync();
  });
  sync();

  // For end-to-end tests, the benchmarks and the demo (all on the e2e build): `sw.evaluate(m =>
  // self.attendanceHandle(m), msg)` calls the same handler the pages reach by message (a worker cannot
  // message itself). Not in the production build: nothing but the extension's pages reaches the handler.
  if (import.meta.env.ATT_E2E) {
    (globalThis as { attendanceHandle?: (m: unknown) => Promise<unknown> }).attendanceHandle = (m) =>
      isPanelMessage(m) ? handlePanelMessage(m, ctx) : handleMessage(m, ctx);
  }
});
