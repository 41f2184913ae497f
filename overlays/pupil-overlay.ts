// The pupil page overlay: the PupilCard placed after the anchor the caller names
// (e.g. the MIS's own attendance summary), fed by the same query as the register overlay.
import { h } from 'preact';
import { PupilCard } from '../components/overlay/pupil-card.tsx';
import type { PendingEdit } from '../messages/messages.ts';
import { createMounter } from './mount.ts';
import { queryPupils, type OverlayQuery } from './query.ts';

export interface PupilOverlayOptions {
  doc: Document;
  pupilId: string;
  /** The card is inserted after this element (or appended inside it when it is a table cell). */
  anchor: Element;
  query: OverlayQuery;
  pending?: PendingEdit[];
  threshold?: number;
  weeks?: number;
}

export interface PupilOverlay {
  /** Re-query (after the background stored new marks, or with new pending edits) and re-render if changed. */
  refresh(next?: { anchor?: Element; pending?: PendingEdit[] }): Promise<void>;
  ready: Promise<void>;
}

export function initPupilOverlay(opts: PupilOverlayOptions, signal: AbortSignal): PupilOverlay {
  const { doc, pupilId, query, threshold, weeks } = opts;
  const mounter = createMounter(doc, signal);
  const key = `card:${pupilId}`;
  let anchor = opts.anchor;
  let pending = opts.pending;
  let lastSig = '';
  let lastHost: Element | null = null;
  let seq = 0;

  async function load(): Promise<void> {
    if (signal.aborted) return;
    const n = ++seq;
    const edits = pending?.filter((e) => e.pupilId === pupilId) ?? [];
    const got = await queryPupils(query, edits.length > 0 ? { pupilIds: [pupilId], pending: edits } : { pupilIds: [pupilId] });
    if (signal.aborted || n !== seq) return;
    const a = got.get(pupilId);
    if (a === undefined) return;
    const m = mounter.mount(anchor, key, 'card');
    const sig = JSON.stringify(a);
    if (sig === lastSig && m.host === lastHost) return;
    lastSig = sig;
    lastHost = m.host;
    if (a.ok && a.answer.result !== null) {
      m.render(h(PupilCard, { result: a.answer.result, ifSaved: a.answer.ifSaved, completeness: a.answer.completeness, threshold, weeks }));
    } else {
      const text = a.ok ? 'Attendance overlay: no marks read for this pupil yet.' : `Attendance overlay unavailable: ${a.error}`;
      m.render(h('section', { class: 'att-card', 'data-att-pupil': pupilId, role: 'status' }, text));
    }
  }

  return {
    ready: load(),
    refresh(next) {
      if (next?.anchor) anchor = next.anchor;
      if (next?.pending) pending = next.pending;
      return load();
    },
  };
}
