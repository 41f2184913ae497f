// Overlays are declared once: which page kinds they apply to and an `init(page, signal)` that mounts
// them (design.md "Conventions", after Refined GitHub's `features.add`). The content script starts them
// when a page of their kind is first read and aborts `signal` when the user navigates away (the MIS is
// a single-page app: nothing is unloaded for us), so every listener an overlay adds must take it.
import type { PageKind } from '../adapters/types.ts';
import type { IngestReply, PageRead } from '../messages/messages.ts';

/** What an overlay sees of the page it is mounted on. */
export interface PageContext {
  kind: PageKind;
  url: URL;
  adapterId: string;
  /** The latest complete read of the page (saved marks and pending edits). */
  current(): PageRead;
  /** Called after every new read that differs from the last (saved marks or pending edits). */
  onRead(cb: (page: PageRead) => void, signal: AbortSignal): void;
  /** Called when the background acknowledged an ingest from this page (flags may have changed). */
  onStored(cb: (reply: IngestReply) => void, signal: AbortSignal): void;
}

export interface OverlayDefinition {
  id: string;
  kinds: PageKind[];
  init(page: PageContext, signal: AbortSignal): void | Promise<void>;
}
