// The query the overlays are given (dependency injection: the content script passes one that sends
// `query-pupils` to the background, tests pass a fake). Shapes are messages/messages.ts's.
import type { ErrorReply, PendingEdit, PupilQueryResult, QueryPupilsReply } from '../messages/messages.ts';

export interface OverlayQueryRequest {
  pupilIds: string[];
  /** Unsaved edits on screen; the reply then carries `ifSaved` for those pupils. */
  pending?: PendingEdit[];
}

export type OverlayQuery = (req: OverlayQueryRequest) => Promise<QueryPupilsReply | ErrorReply>;

/** What a row or card renders from: an answer for the pupil, or why there is none. */
export type PupilAnswer = { ok: true; answer: PupilQueryResult } | { ok: false; error: string };

/** Runs a query and turns every failure (error reply, thrown error, pupil missing) into a per-pupil answer. */
export async function queryPupils(query: OverlayQuery, req: OverlayQueryRequest): Promise<Map<string, PupilAnswer>> {
  const out = new Map<string, PupilAnswer>();
  let reply: QueryPupilsReply | ErrorReply;
  try {
    reply = await query(req);
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (!reply.ok) {
    for (const id of req.pupilIds) out.set(id, { ok: false, error: reply.error });
    return out;
  }
  for (const p of reply.pupils) out.set(p.pupilId, { ok: true, answer: p });
  for (const id of req.pupilIds) {
    if (!out.has(id)) out.set(id, { ok: false, error: `The background sent no answer for pupil ${id}` });
  }
  return out;
}

/** Pending edits grouped by pupil, each group in a stable order (for change detection). */
export function pendingByPupil(pending: readonly PendingEdit[] | undefined): Map<string, PendingEdit[]> {
  const m = new Map<string, PendingEdit[]>();
  for (const e of pending ?? []) {
    const list = m.get(e.pupilId) ?? [];
    list.push(e);
    m.set(e.pupilId, list);
  }
  for (const list of m.values()) list.sort((a, b) => (a.date + a.session < b.date + b.session ? -1 : 1));
  return m;
}
