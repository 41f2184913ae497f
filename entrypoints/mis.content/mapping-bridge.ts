// The MIS tab's side of the options page's "Read another MIS" and "Capture an anonymised page"
// sections. Not part of the content script: the options page injects it into the
// chosen tab when the user uses those tools (entrypoints/mis-tools.ts, browser.scripting), so the
// picker, the layout inference and the anonymiser (~17 KB minified) are not loaded on every MIS page.
// The options page asks with browser.tabs.sendMessage (messages/mapping-messages.ts);
// this answers on the tab itself, where the page is: run the element picker and infer a mapping, re-read
// the page through a draft mapping, or anonymise the page. Nothing is stored here and nothing is sent
// anywhere but back to the extension page that asked (the capture is saved only if the user saves it).
// No zod: the mappings it is sent are drafts it only reads the page with; the options page
// validates a mapping before it is saved.
import { browser } from 'wxt/browser';
import { pickRegister, previewMapping } from '../../adapters/capture/pick-register.ts';
import { registry } from '../../adapters/registry.ts';
import type { Adapter } from '../../adapters/types.ts';
import { capturePage } from '../../adapters/capture/capture-page.ts';
import { labelledFields } from '../../adapters/capture/labelled-fields.ts';
import type { KnownPupil } from '../../adapters/capture/anonymise.ts';
import { MAPPING_REQUEST_TYPES, type MappingReplies, type MappingRequest } from '../../messages/mapping-messages.ts';

export interface MappingBridgeOptions {
  win: Window;
  signal: AbortSignal;
  /** The adapters the reader uses (the demo's and the saved mappings'): a capture names the pupils they read. */
  adapters: () => readonly Adapter[] | Promise<readonly Adapter[]>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The known pupils that appear on this page (by id, or by surname as a word), so only they are looked for. */
function onThisPage(pupils: readonly KnownPupil[], doc: Document, url: URL): KnownPupil[] {
  const text = `${doc.body?.textContent ?? ''} ${url.href} ${[...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).join(' ')}`;
  const word = (w: string) => w.length > 1 && new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  return pupils.filter((p) => {
    const surname = p.name.includes(',') ? p.name.split(',')[0]!.trim() : (p.name.trim().split(/\s+/).at(-1) ?? '');
    return word(p.id) || (p.upn !== undefined && text.includes(p.upn)) || word(surname);
  });
}

export function mappingBridge(opts: MappingBridgeOptions): void {
  const { win, signal } = opts;
  const doc = win.document;
  /** The picker running, if any (a second request, or a cancel, stops it). */
  let picking: AbortController | null = null;

  const handle = async (msg: MappingRequest): Promise<MappingReplies[MappingRequest['type']]> => {
    const url = new URL(win.location.href);
    switch (msg.type) {
      case 'mapping:pick-register': {
        picking?.abort();
        const ac = new AbortController();
        picking = ac;
        signal.addEventListener('abort', () => ac.abort(), { once: true, signal: ac.signal });
        // Bring the tab's window to the user's attention is the options page's job (tabs.update).
        const r = await pickRegister(doc, url, ac.signal, msg.name);
        if (picking === ac) picking = null;
        return r;
      }
      case 'mapping:cancel-pick':
        picking?.abort();
        picking = null;
        return { ok: true };
      case 'mapping:preview':
        try {
          return { ok: true, preview: previewMapping(doc, url, msg.mapping) };
        } catch (e) {
          return { ok: false, error: `The mapping could not be applied to this page: ${message(e)}` };
        }
      case 'mapping:capture': {
        try {
          const found = registry(url, doc, await opts.adapters());
          const standIns = structuredClone(msg.standIns);
          // Not the page's title: it often names the pupil (and the note is written outside the anonymised page).
          const misName = found?.adapter.name ?? url.host;
          const capture = capturePage({
            doc,
            url,
            adapter: found?.adapter ?? null,
            pupils: onThisPage(msg.pupils, doc, url),
            standIns,
            redact: labelledFields(doc),
            misName,
            capturedOn: msg.capturedOn,
          });
          if (!found) {
            // capturePage's warning speaks of fields "you marked"; here they were found by their labels.
            const n = capture.replaced.length;
            capture.warning = `No adapter or saved mapping reads this page, so only what could be recognised was replaced: ${n} pupil${n === 1 ? '' : 's'} the extension has read before, fields labelled as dates of birth, addresses or notes, and UPNs, postcodes, e-mail addresses and phone numbers. Check the start of the file before saving it.`;
          }
          return { ok: true, capture, standIns, misName, url: url.href };
        } catch (e) {
          return { ok: false, error: `This page could not be captured: ${message(e)}` };
        }
      }
    }
  };

  const listener = (raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void): true | undefined => {
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !MAPPING_REQUEST_TYPES.has(type)) return undefined; // someone else's message
    handle(raw as MappingRequest).then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: message(e) }));
    return true; // answered asynchronously
  };
  browser.runtime.onMessage.addListener(listener as never);
  signal.addEventListener(
    'abort',
    () => {
      picking?.abort();
      browser.runtime.onMessage.removeListener(listener as never);
    },
    { once: true },
  );
}
