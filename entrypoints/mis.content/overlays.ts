// Which overlays the content script starts, and where they go on each adapter's pages.
import { demoOverlayAnchors } from '../../adapters/demo/overlay-anchors.ts';
import type { OverlayAnchors } from '../../adapters/types.ts';
import type { OverlayDefinition } from '../../overlays/overlay.ts';
import { backgroundQuery } from '../../overlays/background-query.ts';
import { overlayDefinitions } from '../../overlays/definitions.ts';

/** Where the overlays go, by the id of the adapter that read the page (null: no overlays there). */
export type AnchorsForAdapter = (adapterId: string) => OverlayAnchors | null;

/**
 * The built-in adapters' anchors: only the demo MIS has known anchors so far (an unknown adapter gets
 * no overlays rather than overlays in guessed places: never break the MIS's layout). The
 * anchors of pages read through a saved mapping (adapters/table/overlay-anchors.ts) are added by
 * mis-table.js (entrypoints/mis-table.ts), so mis.js never carries the table adapter.
 */
export function anchorsForAdapter(adapterId: string): OverlayAnchors | null {
  return adapterId === 'demo' ? demoOverlayAnchors : null;
}

/** The overlays of the product (register badges and the pupil card), placed by `anchorsFor`. */
export const overlaysWith = (anchorsFor: AnchorsForAdapter): OverlayDefinition[] => overlayDefinitions(anchorsFor, backgroundQuery);

/** The overlays on the built-in adapters' pages (mis.js). */
export const overlays: OverlayDefinition[] = overlaysWith(anchorsForAdapter);
