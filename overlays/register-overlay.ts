// The register page overlay: a RegisterRow beside each pupil's name, fed by one
// query for the rows on screen. Cheap by construction: a row is re-rendered only when its answer
// changed; pending-edit changes re-query only the pupils whose edits changed; answers that arrive
// after a newer request has started are dropped.
import { h } from 'preact';
import { RegisterRow } from '../components/overlay/register-row.tsx';
import type { PendingEdit } from '../messages/messages.ts';
import type { RegisterRowAnchor } from '../adapters/types.ts';
import { createMounter } from './mount.ts';
import { pendingByPupil, queryPupils, type OverlayQuery, type PupilAnswer } from './query.ts';

export interface RegisterOverlayOptions {
  doc: Document;
  rows: RegisterRowAnchor[];
  query: OverlayQuery;
  /** Unsaved edits on screen (all pupils). */
  pending?: PendingEdit[];
  /** The policy's EPN threshold and window, when not the national 10 in 10. */
  threshold?: number;
  weeks?: number;
}

export interface RegisterOverlay {
  /** New rows (the MIS re-rendered or paged) and/or new pending edits: query what changed, re-render it. */
  update(next: { rows?: RegisterRowAnchor[]; pending?: PendingEdit[] }): Promise<void>;
  /** Re-query every row (after the background stored new marks). */
  refresh(): Promise<void>;
  /** The first query and render. */
  ready: Promise<void>;
}

export function initRegisterOverlay(opts: RegisterOverlayOptions, signal: AbortSignal): RegisterOverlay {
  const { doc, query, threshold, weeks } = opts;
  const mounter = createMounter(doc, signal);
  let rows = new Map<string, Element>();
  let pending = pendingByPupil(opts.pending);
  /** Per pupil: the latest answer and its serialisation (computed once, compared on every render). */
  const answers = new Map<string, { a: PupilAnswer; sig: string }>();
  /** Per pupil: the serialised answer last rendered, and into which host. */
  const rendered = new Map<string, { sig: string; host: Element }>();
  /** Per pupil: the sequence number of the latest query asked for it (older answers are dropped). */
  const asked = new Map<string, number>();
  let seq = 0;

  function setRows(list: RegisterRowAnchor[]): void {
    rows = new Map(list.map((r) => [r.pupilId, r.hostAnchor]));
    mounter.prune(new Set([...rows.keys()].map((id) => `row:${id}`)));
  }

  function renderRow(pupilId: string): void {
    const anchor = rows.get(pupilId);
    const got = answers.get(pupilId);
    if (anchor === undefined || got === undefined || signal.aborted) return;
    const { a, sig } = got;
    const m = mounter.mount(anchor, `row:${pupilId}`, 'row');
    const last = rendered.get(pupilId);
    if (last && last.sig === sig && last.host === m.host) return;
    rendered.set(pupilId, { sig, host: m.host });
    m.render(
      a.ok
        ? h(RegisterRow, {
            pupilId,
            result: a.answer.result,
            ifSaved: a.answer.ifSaved,
            completeness: a.answer.completeness,
            threshold,
            weeks,
          })
        : h(RegisterRow, { pupilId, result: null, error: a.error }),
    );
  }

  async function ask(pupilIds: string[]): Promise<void> {
    if (pupilIds.length === 0 || signal.aborted) return;
    const n = ++seq;
    for (const id of pupilIds) asked.set(id, n);
    const edits = pupilIds.flatMap((id) => pending.get(id) ?? []);
    const got = await queryPupils(query, edits.length > 0 ? { pupilIds, pending: edits } : { pupilIds });
    if (signal.aborted) return;
    for (const [id, a] of got) {
      if (asked.get(id) !== n) continue; // a newer question about this pupil is on its way
      answers.set(id, { a, sig: JSON.stringify(a) });
      renderRow(id);
    }
  }

  setRows(opts.rows);
  const ready = ask([...rows.keys()]);

  return {
    ready,
    async update(next) {
      if (signal.aborted) return;
      const toAsk = new Set<string>();
      if (next.rows) {
        const before = rows;
        setRows(next.rows);
        for (const id of rows.keys()) {
          if (!answers.has(id) && !before.has(id)) toAsk.add(id);
          else renderRow(id); // same answer, maybe a new anchor: mount() only re-creates a host when needed
        }
      }
      if (next.pending) {
        const now = pendingByPupil(next.pending);
        for (const id of rows.keys()) {
          if (JSON.stringify(now.get(id) ?? []) !== JSON.stringify(pending.get(id) ?? [])) toAsk.add(id);
        }
        pending = now;
      }
      await ask([...toAsk]);
    },
    refresh() {
      return ask([...rows.keys()]);
    },
  };
}
