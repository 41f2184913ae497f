// Sending a request to the background, without zod (the content script stays under 60 KB
// minified). messages/messages.ts builds its zod schemas at import time, so anything that imports a value
// from it carries zod (~450 KB); this file imports only its types, which vanish at build time.
// messages/messages.ts re-exports `sendMessage` from here, so existing callers are unchanged.
import { browser } from 'wxt/browser';
import type { Message, ReplyFor } from './messages.ts';

/**
 * Send a request to the background and get its typed reply. Never throws for a background error
 * (that comes back as `{ ok: false, error }`); a transport failure (no background, extension
 * reloaded) is turned into the same shape so callers have one path.
 */
export async function sendMessage<M extends Message>(msg: M): Promise<ReplyFor<M>> {
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as ReplyFor<M> | undefined;
    if (reply === undefined || reply === null) {
      return { ok: false, error: `The extension's background did not answer "${msg.type}".` };
    }
    return reply;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Could not reach the extension's background for "${msg.type}": ${why}` };
  }
}
