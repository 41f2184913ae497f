// Which Beacon MIS page is this? Both the address and the document must agree: the address says which
// screen (the SPA's routes: /register/<formId>, /pupils/<id>), the document says it is Beacon MIS at all
// (its shell footer names the product), so another site with a similar address is never read.
import type { PageKind } from '../types.ts';
import { select } from './select.ts';

export const REGISTER_PATH = /^\/register\/([^/]+)\/?$/;
export const PUPIL_PATH = /^\/pupils\/([^/]+)\/?$/;

export function isBeaconMis(doc: Document): boolean {
  const foot = select(doc, 'shellFooter')?.textContent?.trim() ?? '';
  return foot.startsWith('Beacon MIS') && select(doc, 'appRoot') !== null;
}

export function detect(url: URL, doc: Document): PageKind | null {
  const kind = REGISTER_PATH.test(url.pathname) ? 'register' : PUPIL_PATH.test(url.pathname) ? 'pupil' : null;
  if (kind === null || !isBeaconMis(doc)) return null;
  return kind;
}
