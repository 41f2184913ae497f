// "Capture for adapter building": the anonymised copy of the page on screen, as the text
// of an HTML file, with the fixture note design.md asks for (MIS, address, capture date) and a preview
// of what was replaced. Nothing leaves the device: the caller shows the preview and saves the file only
// if the user asks. The pupils to replace come from the adapter's read of the page (when an adapter
// recognises it) plus any the caller adds; the stand-in map is the caller's, shared by all pages.
import type { Adapter } from '../types.ts';
import { anonymise, decodePercent, type AnonymiseOptions, type AnonymiseResult, type KnownPupil } from './anonymise.ts';
import type { StandInMap } from './stand-ins.ts';
import { stripSecrets } from './strip-secrets.ts';

export interface CaptureInput {
  doc: Document;
  url: URL;
  /** The adapter that recognises the page, if any: its read names the pupils to replace. */
  adapter?: Adapter | null;
  pupils?: readonly KnownPupil[];
  standIns: StandInMap;
  redact?: AnonymiseOptions['redact'];
  /** e.g. "Kestrel MIS 3.2": written in the fixture's note. */
  misName: string;
  /** YYYY-MM-DD, written in the note (the caller's clock: this module reads none). */
  capturedOn: string;
}

export interface Capture {
  html: string;
  /** A file name from the page kind and stand-in id, e.g. `register.html`, `pupil-9999.html`. */
  fileName: string;
  counts: AnonymiseResult['counts'];
  /** Original name → stand-in, for the preview (shown on screen only, never written to the file). */
  replaced: { original: string; standIn: string }[];
  /** Why no adapter read was used, when the page was not read (the preview warns: only patterns and marked fields were replaced). */
  warning?: string;
}

export function capturePage(input: CaptureInput): Capture {
  const known: KnownPupil[] = [...(input.pupils ?? [])];
  let kind: string = 'page';
  let warning: string | undefined;
  const detected = input.adapter?.detect(input.url, input.doc) ?? null;
  if (input.adapter && detected === 'register') {
    const r = input.adapter.readRegister(input.doc, input.url);
    if (r.ok) for (const p of r.data.pupils) known.push({ id: p.pupilId, name: p.name });
    else warning = r.reason;
    kind = 'register';
  } else if (input.adapter && detected === 'pupil') {
    const r = input.adapter.readPupil(input.doc, input.url);
    if (r.ok) known.push({ id: r.data.pupilId, name: r.data.name, ...(r.data.attributes.upn ? { upn: r.data.attributes.upn } : {}) });
    else warning = r.reason;
    kind = 'pupil';
  } else {
    warning = 'No adapter recognises this page: only the pupils given, the fields you marked and recognisable patterns (UPNs, postcodes, e-mail addresses, phone numbers) are replaced.';
  }

  const out = anonymise(input.doc, { pupils: known, standIns: input.standIns, ...(input.redact ? { redact: input.redact } : {}) });
  // The address goes through the same replacement as the page (its query can name the pupil:
  // ?name=Amy%20Smith&upn=…), decoded so encoded names are seen; no fragment, no credentials.
  const address = out.replaceText(decodePercent(stripSecrets(input.url.pathname + input.url.search)));
  const body = `Fixture: ${kind}. MIS: ${input.misName}. URL: ${address}. Captured ${input.capturedOn}, anonymised by lib/anonymise (names, ids, UPNs, dates of birth, addresses and notes replaced; scripts removed).`;
  const note = `<!-- ${body.replace(/-(?=-)/g, '- ').replace(/[<>]/g, ' ')} -->`; // a comment cannot contain "--" or end early
  const html = `${note}\n<!doctype html>\n${out.doc.documentElement.outerHTML}\n`;
  const first = known[0] ? input.standIns.pupils[known[0].id] : undefined;
  const fileName = kind === 'pupil' && first ? `pupil-${first.id}.html` : `${kind}.html`;
  const replaced = known.map((p) => {
    const s = input.standIns.pupils[p.id]!;
    return { original: p.name, standIn: `${s.forename} ${s.surname}` };
  });
  return { html, fileName, counts: out.counts, replaced, ...(warning ? { warning } : {}) };
}
