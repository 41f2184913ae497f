// "Capture an anonymised page" in the options page: the user chooses an MIS tab, sees
// what the anonymised copy would contain (the stand-ins that replace each pupil, the counts, the
// start of the file), and saves it as a file. Nothing leaves the device unless they save it; the
// originals in the preview are shown on screen only, never written to the file.
// Talks to the browser only through `api` (design.md: components are props in, markup out).
import { useState } from 'preact/hooks';
import type { Capture } from '../../adapters/capture/capture-page.ts';

export interface CaptureSectionApi {
  /** Anonymises the page in the chosen MIS tab (stand-ins kept across captures). */
  capture: () => Promise<{ ok: true; capture: Capture; misName: string; url: string } | { ok: false; error: string }>;
  download: (fileName: string, text: string, mime: string) => void;
}

/** How much of the file the preview shows. */
const PREVIEW_CHARS = 4000;

export function CaptureSection({ api, disabled }: { api: CaptureSectionApi; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ capture: Capture; misName: string; url: string } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async () => {
    setBusy(true);
    setMessage(null);
    setResult(null);
    const r = await api.capture();
    setBusy(false);
    if (!r.ok) return setMessage({ ok: false, text: r.error });
    setResult(r);
  };

  const c = result?.capture;
  return (
    <section class="pn-card capture-section" aria-labelledby="capture-title">
      <h2 id="capture-title">Capture an anonymised page</h2>
      <p>
        To help build a dedicated adapter for your MIS, save an anonymised copy of the page in the chosen tab: pupils' names, ids,
        UPNs, dates of birth, addresses and notes are replaced with made-up stand-ins (the same pupil gets the same stand-in on
        every page) and scripts are removed. Nothing leaves this device unless you save the file.
      </p>
      <button type="button" class="capture-run" disabled={busy || disabled} onClick={() => void run()}>
        {busy ? 'Anonymising…' : 'Preview the anonymised copy'}
      </button>
      {message && (
        <p class={message.ok ? 'mapping-ok' : 'mapping-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {c && result && (
        <div class="capture-preview">
          <p class="capture-summary" role="status">
            {result.misName}: <code>{c.fileName}</code> — {c.replaced.length} pupil{c.replaced.length === 1 ? '' : 's'} replaced,{' '}
            {c.counts.text + c.counts.attributes} replacements, {c.counts.redacted} field{c.counts.redacted === 1 ? '' : 's'} blanked,{' '}
            {c.counts.removedElements} script{c.counts.removedElements === 1 ? '' : 's'} or frames removed.
          </p>
          {c.warning && (
            <p class="mapping-error capture-warning" role="alert">
              Check the preview: {c.warning}
            </p>
          )}
          {c.replaced.length > 0 && (
            <table class="mapping-codes capture-standins">
              <caption>Stand-ins (shown here only, not saved)</caption>
              <thead>
                <tr>
                  <th scope="col">On the page</th>
                  <th scope="col">In the file</th>
                </tr>
              </thead>
              <tbody>
                {c.replaced.slice(0, 50).map((r) => (
                  <tr key={r.original + r.standIn}>
                    <td>{r.original}</td>
                    <td>{r.standIn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.replaced.length > 50 && <p>… and {c.replaced.length - 50} more.</p>}
          <details>
            <summary>The start of the file</summary>
            <pre class="capture-text">{c.html.slice(0, PREVIEW_CHARS)}</pre>
          </details>
          <button
            type="button"
            class="capture-save"
            onClick={() => {
              api.download(c.fileName, c.html, 'text/html');
              setMessage({ ok: true, text: `Saved ${c.fileName}.` });
            }}
          >
            Save the file
          </button>{' '}
          <button type="button" onClick={() => setResult(null)}>
            Discard
          </button>
        </div>
      )}
    </section>
  );
}
