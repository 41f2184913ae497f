// Where the overlays go on a page: per MIS, the register rows' name cells and the pupil page's
// summary element. Pure DOM look-ups (no changes to the page).
import type { RegisterRowAnchor } from './register-overlay.ts';

export interface OverlayAnchors {
  /** One entry per pupil row on a register page, in page order. */
  registerRows(doc: Document): RegisterRowAnchor[];
  /** The element the pupil card is placed after, or null when the page has not rendered it yet. */
  pupilCard(doc: Document): Element | null;
  /** The element whose subtree the MIS re-renders (observed for row changes); document.body when absent. */
  root?(doc: Document): Element | null;
}

/**
 * The bundled demo MIS (demo/web/page-register.js, page-pupil.js): register rows are
 * `tr.reg-row[data-student-id]` with the name in `th.reg-student`; the pupil page has a `.stu-banner`.
 * (When the demo adapter grows a selectors file, these belong there: design.md "Selectors live in
 * one file per adapter".)
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
