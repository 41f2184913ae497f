// The query the content script gives the overlays: `query-pupils` to the background (lib/messages.ts
// describes the request and reply). Sent with browser.runtime directly rather than through
// lib/messages.ts's sendMessage, because that module builds its zod schemas at import time and
// would pull zod (~450 KB minified) into the content script (issue 5 §5: under 60 KB).
import { browser } from 'wxt/browser';
import type { ErrorReply, QueryPupilsMessage, QueryPupilsReply } from '../lib/messages.ts';
import type { OverlayQuery } from './query.ts';

export const backgroundQuery: OverlayQuery = async (req) => {
  const msg: QueryPupilsMessage = { type: 'query-pupils', ...req };
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as QueryPupilsReply | ErrorReply | undefined;
    return reply ?? { ok: false, error: 'The extension\'s background did not answer "query-pupils".' };
  } catch (e) {
    return { ok: false, error: `Could not reach the extension's background: ${e instanceof Error ? e.message : String(e)}` };
  }
};
