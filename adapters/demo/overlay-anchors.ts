// Where the overlays go on the demo MIS's pages (adapters/types.ts, OverlayAnchors): the register
// rows' name cells and the pupil page's summary element. Pure DOM look-ups (no changes to the page).
import type { OverlayAnchors, RegisterRowAnchor } from '../types.ts';

/**
 * The bundled demo MIS (demo/web/page-register.js, page-pupil.js): register rows are
 * `tr.reg-row[data-student-id]` with the name in `th.reg-student`; the pupil page has a `.stu-banner`
 * (the rows are ./selectors.ts's `registerRow`).
 */
export const demoOverlayAnchors: OverlayAnchors = {
  registerRows(doc) {
    const out: RegisterRowAnchor[] = [];
    for (const tr of doc.querySelectorAll<HTMLElement>('tr.reg-row[data-student-id]')) {
      const cell = tr.querySelector(':scope > th.reg-student');
      const id = tr.dataset.studentId;
      if (cell && id) out.push({ pupilId: id, hostAnchor: cell });
    }
    return out;
  },
  pupilCard(doc) {
    return doc.querySelector('.stu-banner');
  },
  root(doc) {
    return doc.querySelector('main') ?? doc.body;
  },
};
