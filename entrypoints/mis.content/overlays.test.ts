// The content script's overlay list: the register badges and the pupil card. mis.js places
// them on the built-in adapters' pages only (the demo MIS); the anchors of pages read through a saved
// table mapping are added by mis-table.js (entrypoints/mis-table.ts, adapters/table/overlay-anchors.ts).
import { describe, expect, it } from 'vitest';
import { demoOverlayAnchors } from '../../adapters/demo/overlay-anchors.ts';
import { anchorsForAdapter, overlays } from './overlays.ts';

describe('overlays', () => {
  it('declares the register badges and the pupil card, each for its page kind', () => {
    expect(overlays.map((o) => [o.id, o.kinds])).toEqual([
      ['register-badges', ['register']],
      ['pupil-card', ['pupil']],
    ]);
  });

  it('built-in anchors: demo pages only (table adapters get theirs from mis-table.js)', () => {
    expect(anchorsForAdapter('demo')).toBe(demoOverlayAnchors);
    expect(anchorsForAdapter('table:kestrel-mis')).toBeNull();
    expect(anchorsForAdapter('')).toBeNull();
  });
});
