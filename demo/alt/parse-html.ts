// Test support: a page's HTML → a Document, parsed by one happy-dom window that loads no stylesheet or
// script and runs nothing (the adapters read documents; they never need the page to run). One shared
// window: creating a window per page makes a long read (hundreds of pages) slow and memory-hungry.
import { Window } from 'happy-dom';

let window: Window | null = null;

export function parseHtml(html: string): Document {
  window ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
