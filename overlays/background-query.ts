// The query the content script gives the overlays: `query-pupils` to the background (messages/messages.ts
// describes the request and reply), through messages/send-message.ts, which carries no zod: messages/messages.ts
// builds its zod schemas at import time and would pull zod (~450 KB minified) into the content script
// (under 60 KB). Transport failures come back as `{ ok: false, error }`.
import { sendMessage } from '../messages/send-message.ts';
import type { OverlayQuery } from './query.ts';

export const backgroundQuery: OverlayQuery = (req) => sendMessage({ type: 'query-pupils', ...req });
