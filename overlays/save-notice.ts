// The notice shown on the MIS page when what it shows could not be stored (a full disk, a blocked
// database upgrade, the background not answering): office staff must know, not a console line only,
// because the badges beside the rows then rest on older data. It clears itself once a later send of
// the page is acknowledged. Built from plain DOM (the content script stays small) in its own shadow
// root; the error text is set with textContent, never parsed as HTML.
export interface SaveNotice {
  /** Shows (or updates) the notice with this text. */
  show(text: string): void;
  clear(): void;
}

/** The notice's text for a send that failed (the reader's `send-failed` event). */
export function notStoredText(error: string, willRetry: boolean): string {
  return (
    `Attendance overlay — the marks on this page are not stored yet. ${/[.!?]$/.test(error) ? error : `${error}.`} ` +
    `${willRetry ? 'It will try again shortly.' : 'It will try again when the page changes.'} ` +
    'Until then its badges may be out of date; the MIS itself is not affected.'
  );
}

/** The notice's text when the extension was reloaded or updated under this page. */
export const RELOAD_TEXT = 'Attendance overlay — the extension was updated or reloaded. Reload this page to see attendance again.';

const CSS =
  '.n{font:13px/1.4 system-ui,sans-serif;color:#4a1400;background:#fff3cd;border:1px solid #b42318;border-left-width:4px;padding:8px 10px;max-width:420px}p{margin:0 0 6px}';

export function saveNotice(doc: Document, signal: AbortSignal): SaveNotice {
  let host: HTMLElement | null = null;
  let text: HTMLElement | null = null;
  const clear = () => {
    host?.remove();
    host = text = null;
  };
  signal.addEventListener('abort', clear, { once: true });
  return {
    show(message) {
      if (signal.aborted) return;
      if (!host || !host.isConnected) {
        host = doc.createElement('div');
        host.setAttribute('data-att-host', 'save-notice');
        // Bottom left: MIS screens keep their Save / Discard actions bottom right and at the top.
        host.style.cssText = 'all:initial;position:fixed;left:12px;bottom:12px;z-index:2147483000';
        const root = host.attachShadow({ mode: 'open' });
        const style = doc.createElement('style');
        style.textContent = CSS;
        const box = doc.createElement('div');
        box.className = 'n';
        box.setAttribute('role', 'alert');
        text = doc.createElement('p');
        const close = doc.createElement('button');
        close.type = 'button';
        close.textContent = 'Dismiss';
        close.addEventListener('click', clear);
        box.append(text, close);
        root.append(style, box);
        doc.body.append(host);
      }
      text!.textContent = message;
    },
    clear,
  };
}
