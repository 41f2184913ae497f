// Who may ask the background for what. A content script runs inside the MIS page's renderer process,
// so a compromised or hostile page could drive it: from there only the two requests the reader and its
// overlays need are accepted (store what the page shows; flags for the pupils on it). Everything else —
// the whole-school summary, stored histories, backups, restore, settings, imports, "remove all data" —
// is accepted from the extension's own pages (popup, side panel, options) only.

/** The requests a content script (a sender whose page is not one of the extension's) may make. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<string> = new Set(['ingest-page', 'query-pupils']);

export interface SenderInfo {
  /** The URL of the page or frame that sent the message (chrome.runtime.MessageSender.url). */
  url?: string;
}

/**
 * Whether `type` may be handled for this sender. `extensionOrigin` is `browser.runtime.getURL('/')`
 * (e.g. `chrome-extension://<id>/`): the extension's pages have URLs under it, content scripts the
 * URL of the host page. A sender without a URL is treated as a content script.
 */
export function senderAllowed(type: unknown, sender: SenderInfo, extensionOrigin: string): boolean {
  if (sender.url !== undefined && sender.url.startsWith(extensionOrigin)) return true;
  return typeof type === 'string' && CONTENT_SCRIPT_REQUESTS.has(type);
}
