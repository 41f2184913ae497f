// The overlay declarations for the content script (entrypoints/mis.content/overlays.ts: "each overlay
// is declared once: which pages it applies to, and an init(signal) that mounts it"). The lead adds
// `...overlayDefinitions(anchors, query)` to its `overlays` list.
//
// Updates come from three places, none of them polling: the reader's new reads (pending edits on
// screen), the background's acknowledgements of stored marks (results changed), and a
// MutationObserver for the MIS re-rendering rows without any data change (our hosts vanish with them).
import type { OverlayDefinition, PageContext } from './overlay.ts';
import type { PageRead, PendingEdit } from '../messages/messages.ts';
import type { OverlayAnchors } from '../adapters/types.ts';
import { initPupilOverlay } from './pupil-overlay.ts';
import type { OverlayQuery } from './query.ts';
import { initRegisterOverlay } from './register-overlay.ts';

/** The unsaved edits on a register read, as query-pupils pending edits. */
export function pendingFromRead(read: PageRead): PendingEdit[] {
  if (read.kind !== 'register') return [];
  return read.pupils.flatMap((p) => p.pending.map((m) => ({ pupilId: p.pupilId, date: m.date, session: m.session, code: m.code })));
}

/** Calls `cb` once per burst of DOM changes under `root` (coalesced to one task), until `signal` aborts. */
export function observeChanges(root: Node, cb: () => void, signal: AbortSignal): void {
  const win = root.ownerDocument?.defaultView ?? globalThis;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const obs = new MutationObserver(() => {
    if (timer !== undefined) return;
    timer = win.setTimeout(() => {
      timer = undefined;
      if (!signal.aborted) cb();
    }, 0);
  });
  obs.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    obs.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
  }, { once: true });
}

export interface OverlayDefinitionOptions {
  doc?: Document;
  threshold?: number;
  weeks?: number;
}

/** One set of anchors, or a choice by the adapter that read the page (null: no overlays for it). */
export type AnchorsFor = OverlayAnchors | ((adapterId: string) => OverlayAnchors | null);

export function overlayDefinitions(anchorsFor: AnchorsFor, query: OverlayQuery, opts: OverlayDefinitionOptions = {}): OverlayDefinition[] {
  const docOf = () => opts.doc ?? document;
  const pick = (page: PageContext) => (typeof anchorsFor === 'function' ? anchorsFor(page.adapterId) : anchorsFor);
  return [
    {
      id: 'register-badges',
      kinds: ['register'],
      async init(page: PageContext, signal: AbortSignal) {
        const doc = docOf();
        const anchors = pick(page);
        if (anchors === null) return;
        const o = initRegisterOverlay(
          { doc, rows: anchors.registerRows(doc), query, pending: pendingFromRead(page.current()), threshold: opts.threshold, weeks: opts.weeks },
          signal,
        );
        page.onRead((read) => void o.update({ rows: anchors.registerRows(doc), pending: pendingFromRead(read) }), signal);
        page.onStored(() => void o.refresh(), signal);
        observeChanges(anchors.root?.(doc) ?? doc.body, () => void o.update({ rows: anchors.registerRows(doc) }), signal);
        await o.ready;
      },
    },
    {
      id: 'pupil-card',
      kinds: ['pupil'],
      async init(page: PageContext, signal: AbortSignal) {
        const doc = docOf();
        const anchors = pick(page);
        const read = page.current();
        if (anchors === null) return;
        if (read.kind !== 'pupil') return;
        const anchor = anchors.pupilCard(doc);
        if (anchor === null) return;
        const o = initPupilOverlay({ doc, pupilId: read.pupilId, anchor, query, threshold: opts.threshold, weeks: opts.weeks }, signal);
        page.onStored(() => void o.refresh(), signal);
        // The MIS re-rendered the page (same pupil): put the card back after the new anchor.
        observeChanges(anchors.root?.(doc) ?? doc.body, () => {
          const now = anchors.pupilCard(doc);
          const host = now?.nextElementSibling;
          if (now && host?.getAttribute('data-att-host') !== `card:${read.pupilId}`) void o.refresh({ anchor: now });
        }, signal);
        await o.ready;
      },
    },
  ];
}
