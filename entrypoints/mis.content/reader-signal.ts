// The life of one copy of the reader on a page: its signal aborts when another copy starts on the same
// page (the popup injects the script into a page the registered script already reads; after an extension
// reload the new copy runs in a fresh isolated world, so the old one is told by a window message, as
// WXT's content-script context does), or when the extension's context is gone (stopIfInvalidated, called
// when a send fails: an updated or reloaded extension leaves the old copy unable to reach it).
import { browser } from 'wxt/browser';

const STARTED = 'attendance-overlay:reader-started';

let current: AbortController | null = null;

export function readerSignal(win: Window = window): AbortSignal {
  const controller = new AbortController();
  current = controller;
  const id = Math.random().toString(36).slice(2);
  win.addEventListener(
    'message',
    (e) => {
      const d = e.data as { type?: unknown; id?: unknown } | null;
      if (e.source === win && d?.type === STARTED && d.id !== id) controller.abort();
    },
    { signal: controller.signal },
  );
  win.postMessage({ type: STARTED, id }, '*');
  return controller.signal;
}

/** Aborts this copy when the extension it belongs to was reloaded, updated or removed; true then. */
export function stopIfInvalidated(): boolean {
  if (browser.runtime?.id !== undefined) return false;
  current?.abort();
  return true;
}
