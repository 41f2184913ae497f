// The content script's overlay list (issue 5): the register badges and the pupil card, placed only on
// pages read by an adapter whose anchors are known (the demo MIS); a page read through a stored table
// mapping gets no overlays rather than overlays in guessed places.
import { describe, expect, it } from 'vitest';
import { demoOverlayAnchors } from '../../overlays/anchors.ts';
import { anchorsForAdapter, overlays } from './overlays.ts';

describe('overlays', () => {
  it('declares the register badges and the pupil card, each for its page kind', () => {
    expect(overlays.map((o) => [o.id, o.kinds])).toEqual([
      ['register-badges', ['register']],
      ['pupil-card', ['pupil']],
    ]);
  });

  it('places overlays on demo pages only', () => {
    expect(anchorsForAdapter('demo')).toBe(demoOverlayAnchors);
    expect(anchorsForAdapter('table:kestrel-mis')).toBeNull();
    expect(anchorsForAdapter('')).toBeNull();
  });
});
