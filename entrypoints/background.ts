// The background (design.md): owns the database and the engine; validates, ingests, recomputes and
// answers (lib/handle-message.ts). The MV3 service worker is stopped after 30 s idle, so nothing is
// kept here that cannot be rebuilt: only a cached database handle, reopened on demand.
// First: zod must be configured before any schema (engine policies, messages) is constructed.
import '../lib/zod-config.ts';
import { browser } from 'wxt/browser';
import type { IDBPDatabase } from 'idb';
import { syncContentScripts } from '../lib/content-scripts.ts';
import { handleMessage, localToday, type HandlerContext } from '../lib/handle-message.ts';
import { handlePanelMessage } from '../lib/handle-panel-message.ts';
import { isPanelMessage } from '../lib/panel-messages.ts';
import { openDb } from '../storage/open-db.ts';
import type { AttendanceDB } from '../storage/schema.ts';

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

export default defineBackground(() => {
  const ctx: HandlerContext = { getDb, today: () => localToday(), syncContentScripts };

  browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    // The side panel's and options page's own requests (issue 6) go to their handler.
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
  sync();

  // For end-to-end tests and the benchmark: `sw.evaluate(m => self.attendanceHandle(m), msg)` calls
  // the same handler the content script reaches by message (a worker cannot message itself).
  (globalThis as { attendanceHandle?: (m: unknown) => Promise<unknown> }).attendanceHandle = (m) =>
    isPanelMessage(m) ? handlePanelMessage(m, ctx) : handleMessage(m, ctx);
});
