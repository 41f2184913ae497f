// The adapters the content script tries, in order: the first whose detect() recognises the page reads
// it (design.md "Adapters": one folder per MIS). Add real MIS adapters here as they are written.
import { demoAdapter } from './demo/demo-adapter.ts';
import type { Adapter, PageKind } from './types.ts';

export const adapters: readonly Adapter[] = [demoAdapter];

/** The first adapter that recognises the page, and the page kind it says; null when none does. */
export function registry(url: URL, doc: Document, list: readonly Adapter[] = adapters): { adapter: Adapter; kind: PageKind } | null {
  for (const adapter of list) {
    const kind = adapter.detect(url, doc);
    if (kind) return { adapter, kind };
  }
  return null;
}
