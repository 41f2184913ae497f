// Overlays are declared once: which page kinds they apply to and an `init(page, signal)` that mounts
// them (design.md "Conventions", after Refined GitHub's `features.add`). The content script starts them
// when a page of their kind is first read and aborts `signal` when the user navigates away (the MIS is
// a single-page app: nothing is unloaded for us), so every listener an overlay adds must take it.
import type { PageKind } from '../../adapters/types.ts';
import type { IngestReply, PageRead } from '../../lib/messages.ts';
import { demoOverlayAnchors, type OverlayAnchors } from '../../overlays/anchors.ts';
import { backgroundQuery } from '../../overlays/background-query.ts';
import { overlayDefinitions } from '../../overlays/definitions.ts';

/** What an overlay sees of the page it is mounted on. */
export interface PageContext {
  kind: PageKind;
  url: URL;
  adapterId: string;
  /** The latest complete read of the page (saved marks and pending edits). */
  current(): PageRead;
  /** Called after every new read that differs from the last (saved marks or pending edits). */
  onRead(cb: (page: PageRead) => void, signal: AbortSignal): void;
  /** Called when the background acknowledged an ingest from this page (flags may have changed). */
  onStored(cb: (reply: IngestReply) => void, signal: AbortSignal): void;
}

export interface OverlayDefinition {
  id: string;
  kinds: PageKind[];
  init(page: PageContext, signal: AbortSignal): void | Promise<void>;
}

/** Where the overlays go, by the id of the adapter that read the page (null: no overlays there). */
export type AnchorsForAdapter = (adapterId: string) => OverlayAnchors | null;

/**
 * The built-in adapters' anchors: only the demo MIS has known anchors so far (an unknown adapter gets
 * no overlays rather than overlays in guessed places: issue 5 §4, never break the MIS's layout). The
 * anchors of pages read through a saved mapping (adapters/table/overlay-anchors.ts) are added by
 * mis-table.js (entrypoints/mis-table.ts), so mis.js never carries the table adapter.
 */
export function anchorsForAdapter(adapterId: string): OverlayAnchors | null {
  return adapterId === 'demo' ? demoOverlayAnchors : null;
}

/** The overlays of the product (issue 5: register badges and the pupil card), placed by `anchorsFor`. */
export const overlaysWith = (anchorsFor: AnchorsForAdapter): OverlayDefinition[] => overlayDefinitions(anchorsFor, backgroundQuery);

/** The overlays on the built-in adapters' pages (mis.js). */
export const overlays: OverlayDefinition[] = overlaysWith(anchorsForAdapter);
