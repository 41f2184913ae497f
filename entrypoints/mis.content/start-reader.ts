// Starts the reader on this page with the given adapters: shared by the two MIS content scripts, mis.js
// (the built-in adapters) and mis-table.js (the built-in adapters and the school's saved mappings), of
// which the background registers exactly one for a granted origin (background/content-scripts.ts).
import type { Adapter } from '../../adapters/types.ts';
import { sendMessage } from '../../messages/send-message.ts';
import { notStoredText, RELOAD_TEXT, saveNotice } from '../../overlays/save-notice.ts';
import { misReader, type ReaderEvent } from './mis-reader.ts';
import type { OverlayDefinition } from '../../overlays/overlay.ts';
import { overlays as builtInOverlays } from './overlays.ts';
import { stopIfInvalidated } from './reader-signal.ts';

/** `overlays`: mis-table.js passes the list that also places overlays on the mappings' pages. */
export function startReader(adapters: readonly Adapter[], signal: AbortSignal, overlays: readonly OverlayDefinition[] = builtInOverlays): void {
  // A send that fails is shown on the page until one is acknowledged (a full disk must not be silent).
  const notice = saveNotice(document, signal);
  const log = (e: ReaderEvent) => {
    report(e);
    if (e.type === 'stored') notice.clear();
    if (e.type !== 'send-failed') return;
    // The extension was reloaded or updated: this copy can never send again (its overlays go with it).
    if (stopIfInvalidated()) saveNotice(document, new AbortController().signal).show(RELOAD_TEXT);
    else notice.show(notStoredText(e.error, e.willRetry));
  };
  misReader({ win: window, adapters, overlays, signal, send: (msg) => sendMessage(msg), log });
}

/**
 * One console line per outcome, prefixed so tests and the benchmark can pick them out of the page's
 * console. An unreadable page is a warning (the user may need to know the adapter no longer fits
 * their MIS); a page still loading is only debug.
 */
function report(e: ReaderEvent): void {
  // The reply carries every pupil's results: log only its counts (`reply: undefined` drops it from the JSON).
  const brief = e.type === 'stored' ? { ...e, reply: undefined, stored: e.reply.stored, changed: e.reply.changed, amended: e.reply.amended } : e;
  // `t`: the page's performance clock (shared with the page's own scripts), for the benchmark.
  const line = `[attendance-overlay] ${JSON.stringify({ ...brief, t: performance.now() })}`;
  if (e.type === 'send-failed' || (e.type === 'not-read' && !e.pending)) console.warn(line);
  else console.debug(line);
}
