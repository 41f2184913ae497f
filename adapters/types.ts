// The adapter contract (design.md "Adapters"): an adapter is the only code that reads a host page. It
// is pure — Document and URL in, plain data out — never touches storage and never modifies the page.
// What it returns (adapters/page-read.ts) is exactly the page payload of the `ingest-page` message
// (messages/messages.ts), so the content script can send it without reshaping.
import type { PupilPageRead, RegisterPageRead } from './page-read.ts';

export type PageKind = 'register' | 'pupil';

/**
 * A read either gives the whole page or says why not (a page that does not match is
 * reported as unrecognised, never half-read). `pending: true` marks a page that is still loading
 * (no rows rendered yet): the caller should wait for the DOM to change rather than report it.
 */
export type ReadResult<T> = { ok: true; data: T } | { ok: false; reason: string; pending?: boolean };

export interface Adapter {
  /** Stable id sent as `source.adapter` (e.g. 'demo'). */
  id: string;
  /** Human name of the MIS, for messages. */
  name: string;
  /** Which kind of page this is, from the URL and the document; null when it is not one we read. */
  detect(url: URL, doc: Document): PageKind | null;
  readRegister(doc: Document, url: URL): ReadResult<RegisterPageRead>;
  readPupil(doc: Document, url: URL): ReadResult<PupilPageRead>;
  /**
   * The element whose subtree holds everything the adapter reads (the SPA's root). The content script
   * observes it for changes; when absent it observes `document.body`.
   */
  root?(doc: Document): Element | null;
}

/** One register row as the overlays see it: whose row it is and where its badge goes. */
export interface RegisterRowAnchor {
  /** The MIS's own pupil id. */
  pupilId: string;
  /** Where the badge goes: the row's name cell (host appended inside) or any element (host placed after it). */
  hostAnchor: Element;
}

/**
 * Where the overlays go on a page: per MIS, the register rows' name cells and the pupil page's
 * summary element. Pure DOM look-ups (no changes to the page); each adapter keeps its anchors beside
 * its selectors (adapters/demo/overlay-anchors.ts, adapters/table/overlay-anchors.ts).
 */
export interface OverlayAnchors {
  /** One entry per pupil row on a register page, in page order. */
  registerRows(doc: Document): RegisterRowAnchor[];
  /** The element the pupil card is placed after, or null when the page has not rendered it yet. */
  pupilCard(doc: Document): Element | null;
  /** The element whose subtree the MIS re-renders (observed for row changes); document.body when absent. */
  root?(doc: Document): Element | null;
}
