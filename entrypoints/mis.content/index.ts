// The MIS content script (design.md "Content script"). Registered at run time, for the MIS origins the
// user granted only (issue 4 §5: no broad host access in the manifest) — the background registers it
// with chrome.scripting.registerContentScripts. It never opens IndexedDB: here IndexedDB belongs to
// the MIS's origin, where the MIS's own scripts could read it.
import { adapters } from '../../adapters/registry.ts';
import { sendMessage } from '../../lib/send-message.ts';
import { misReader, type ReaderEvent } from './mis-reader.ts';
import { overlays } from './overlays.ts';
import { storedAdapters } from './stored-adapters.ts';

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    // Issue 7: the school's saved table mappings read pages too, after the built-in adapters.
    void storedAdapters().then((saved) => {
      misReader({
        win: window,
        adapters: [...adapters, ...saved],
        overlays,
        signal: ctx.signal,
        send: (msg) => sendMessage(msg),
        log: report,
      });
    });
  },
});

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
