// The content script's core: detect the page, read it with the adapter, send what changed,
// and follow the single-page MIS as it navigates and re-renders — by observing, never polling
// (design.md "Conventions": no polling; observe the DOM).
//
// Kept free of `browser.*` so it can be tested in happy-dom: sending is injected.
import { registry } from '../../adapters/registry.ts';
import type { Adapter, PageKind, ReadResult } from '../../adapters/types.ts';
import type { ErrorReply, IngestPageMessage, IngestReply, PageRead } from '../../messages/messages.ts';
import type { OverlayDefinition, PageContext } from '../../overlays/overlay.ts';
import { emptySentState, payloadDiff, type SentState } from './payload-diff.ts';

export interface MisReaderOptions {
  win: Window;
  adapters: readonly Adapter[];
  send(msg: IngestPageMessage): Promise<IngestReply | ErrorReply>;
  overlays?: readonly OverlayDefinition[];
  /** Aborted when the content script is invalidated (extension reloaded or removed). */
  signal: AbortSignal;
  now?: () => Date;
  /** Diagnostics (the benchmark and e2e tests read these from the console). */
  log?: (event: ReaderEvent) => void;
  /**
   * Delays before retrying a failed send (ms), per page; after the last one it keeps retrying at the
   * last delay, so a full disk or a stopped background never leaves the page silently unstored. (An
   * extension reload aborts `signal`, which stops the retries.)
   */
  retryDelays?: readonly number[];
}

export type ReaderEvent =
  | { type: 'unrecognised'; url: string; reason: string }
  | { type: 'not-read'; url: string; kind: PageKind; reason: string; pending: boolean }
  | {
      type: 'stored';
      url: string;
      kind: PageKind;
      pupils: number;
      /** Unsaved edits on the page when it was read (they are not sent). */
      edits: number;
      reply: IngestReply;
      /** From the first DOM change this read covers to the background's reply. */
      ms: number;
      /** Of which: waiting for the coalesced read, the adapter's read, and the background's round trip. */
      waitMs: number;
      readMs: number;
      sendMs: number;
    }
  | { type: 'unchanged'; url: string; kind: PageKind }
  /** A read whose only change is in the unsaved edits on screen (sent nowhere: the overlays show them). */
  | { type: 'unsaved-edits'; url: string; kind: PageKind; edits: number }
  | { type: 'send-failed'; url: string; kind: PageKind; error: string; willRetry: boolean };

export interface MisReader {
  /** Read now (tests; the observers call it through the coalescing scheduler). Resolves when done. */
  readNow(): Promise<void>;
  /** Resolves once no read is scheduled or running (tests). */
  idle(): Promise<void>;
}

interface CurrentPage {
  href: string;
  kind: PageKind;
  adapter: Adapter;
  controller: AbortController;
  data: PageRead;
  pendingHash: number;
  readListeners: Set<(page: PageRead) => void>;
  storedListeners: Set<(reply: IngestReply) => void>;
}

/** An overlay's listener failing must not stop reading or the other listeners. */
function safely<T>(cb: (x: T) => void, x: T): void {
  try {
    cb(x);
  } catch (e) {
    console.error('[attendance-overlay] a page listener failed', e);
  }
}

/** How many unsaved edits a read page shows (only a register has them). */
function unsavedEdits(data: PageRead): number {
  return data.kind === 'register' ? data.pupils.reduce((n, p) => n + p.pending.length, 0) : 0;
}

/** How long after a failed read to look again before reporting it (a navigation settling). */
const RECHECK_MS = 100;

export function misReader(opts: MisReaderOptions): MisReader {
  const { win, adapters, signal } = opts;
  const doc = win.document;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const retryDelays = opts.retryDelays ?? [500, 2000, 5000, 10_000];
  /** Acknowledged state per URL (each week of a register is its own URL). */
  const sent = new Map<string, SentState>();
  let page: CurrentPage | null = null;
  let scheduled = false;
  let running: Promise<void> | null = null;
  let again = false;
  let retries = 0;
  let retryHref: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastUnrecognised: string | null = null;
  /** The last failed read (address + reason), re-checked once before it is reported. */
  let failure: { key: string; since: number } | null = null;
  let reported: string | null = null;
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() of the first DOM change not yet covered by a completed read. */
  let changedAt: number | null = null;

  // Coalesce bursts of mutations into one read: a MutationObserver already batches everything the
  // MIS's script changed in one go, and the read runs in a microtask right after its callback — before
  // the browser lays out and paints the new rows (reading text and attributes needs no layout), so the
  // data leaves as soon as it appears (an animation frame or a timeout would wait for the rendering:
  // ~15 ms measured in bench/pipeline.bench.ts). A page rendered over several tasks is read more than
  // once; each read is whole or refused, and only what changed is sent.
  const schedule = () => {
    if (signal.aborted) return;
    changedAt ??= win.performance.now();
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      void run();
    });
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await step();
        } while (again && !signal.aborted);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const leavePage = () => {
    if (!page) return;
    page.controller.abort();
    page = null;
  };

  const step = async () => {
    if (signal.aborted) return;
    const readStart = win.performance.now();
    const startedAt = changedAt ?? readStart;
    changedAt = null;
    const href = win.location.href;
    const url = new URL(href);
    if (page && page.href !== href) leavePage();
    if (retryHref !== href) {
      // A new address starts its own retries (a failure on the last page must not use them up).
      retryHref = href;
      retries = 0;
    }

    const found = registry(url, doc, adapters);
    if (!found) {
      leavePage();
      // Once per address: pages we do not read may change their DOM all the time.
      if (lastUnrecognised !== href) log({ type: 'unrecognised', url: href, reason: 'no adapter recognises this page' });
      lastUnrecognised = href;
      return;
    }
    lastUnrecognised = null;
    const { adapter, kind } = found;
    if (page && (page.kind !== kind || page.adapter !== adapter)) leavePage();

    const res: ReadResult<PageRead> =
      kind === 'register' ? adapter.readRegister(doc, url) : adapter.readPupil(doc, url);
    if (!res.ok) {
      // Never half-read: a page that does not read whole is reported and nothing is sent.
      if (res.pending) {
        failure = null;
        log({ type: 'not-read', url: href, kind, reason: res.reason, pending: true });
        return;
      }
      // The address can change a moment before the MIS re-renders (history events come first): look
      // once more after the MIS's own tasks ran before reporting the page as unreadable.
      const key = `${href}\n${res.reason}`;
      const t = win.performance.now();
      if (failure?.key !== key) {
        failure = { key, since: t };
        clearTimeout(recheckTimer);
        recheckTimer = setTimeout(schedule, RECHECK_MS);
        return;
      }
      if (t - failure.since < RECHECK_MS / 2) return; // too soon: the timer looks again
      if (reported !== key) log({ type: 'not-read', url: href, kind, reason: res.reason, pending: false });
      reported = key;
      return;
    }
    failure = null;

    const state = sent.get(href) ?? emptySentState();
    sent.set(href, state);
    const diff = payloadDiff(res.data, state);
    const isNewPage = !page;
    const pendingChanged = !isNewPage && diff.pendingHash !== page!.pendingHash;
    const readChanged = isNewPage || diff.send !== null || pendingChanged;
    if (!page) page = startPage(href, kind, adapter, res.data, diff.pendingHash);
    else {
      page.data = res.data;
      page.pendingHash = diff.pendingHash;
    }
    const current = page;
    if (readChanged && !isNewPage) for (const cb of current.readListeners) safely(cb, res.data);

    if (!diff.send) {
      // Logged for the first read of a page only (focus changes and our own overlays mutate the DOM).
      if (isNewPage) log({ type: 'unchanged', url: href, kind });
      else if (pendingChanged) log({ type: 'unsaved-edits', url: href, kind, edits: unsavedEdits(res.data) });
      return;
    }
    const sendStart = win.performance.now();
    const reply = await opts.send({
      type: 'ingest-page',
      source: { url: href, readAt: now().toISOString(), adapter: adapter.id },
      page: diff.send,
    });
    if (signal.aborted) return;
    if (reply.ok) {
      diff.commit(state);
      retries = 0;
      const pupils = diff.send.kind === 'register' ? diff.send.pupils.length : 1;
      const end = win.performance.now();
      log({
        type: 'stored',
        url: href,
        kind,
        pupils,
        edits: unsavedEdits(res.data),
        reply,
        ms: end - startedAt,
        waitMs: readStart - startedAt,
        readMs: sendStart - readStart,
        sendMs: end - sendStart,
      });
      if (page === current) for (const cb of current.storedListeners) safely(cb, reply);
    } else {
      // Not acknowledged: nothing is recorded as sent, so the next read (a DOM change, or the retry
      // timer) sends it again.
      const delay = retryDelays[Math.min(retries, retryDelays.length - 1)];
      log({ type: 'send-failed', url: href, kind, error: reply.error, willRetry: delay !== undefined });
      if (delay !== undefined) {
        retries++;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(schedule, delay);
      }
    }
  };

  const startPage = (
    href: string,
    kind: PageKind,
    adapter: Adapter,
    data: PageRead,
    pendingHash: number,
  ): CurrentPage => {
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { signal: controller.signal });
    const p: CurrentPage = {
      href,
      kind,
      adapter,
      controller,
      data,
      pendingHash,
      readListeners: new Set(),
      storedListeners: new Set(),
    };
    const listen = <T>(set: Set<T>, cb: T, s: AbortSignal) => {
      if (s.aborted) return;
      set.add(cb);
      s.addEventListener('abort', () => set.delete(cb), { once: true });
    };
    const ctx: PageContext = {
      kind,
      url: new URL(href),
      adapterId: adapter.id,
      current: () => p.data,
      onRead: (cb, s) => listen(p.readListeners, cb, s),
      onStored: (cb, s) => listen(p.storedListeners, cb, s),
    };
    for (const o of opts.overlays ?? []) {
      if (!o.kinds.includes(kind)) continue;
      // One overlay failing must not stop reading or the other overlays.
      Promise.resolve()
        .then(() => o.init(ctx, controller.signal))
        .catch((e: unknown) => console.error(`[attendance-overlay] overlay "${o.id}" failed`, e));
    }
    return p;
  };

  // ---- Observe: DOM changes under the app root, and history navigation --------------------------
  const MO = (win as Window & typeof globalThis).MutationObserver;
  const observer = new MO(schedule);
  let observed: Element | null = null;
  const observeRoot = () => {
    const root = adapters.map((a) => a.root?.(doc) ?? null).find((r) => r !== null) ?? doc.body;
    if (!root || root === observed) return;
    observer.disconnect();
    observed = root;
    // characterData: a cell's text can change in place; attributes: pending/saved state is often a class.
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  };
  observeRoot();
  // The body may be replaced or the app root mounted late: watch the document element shallowly.
  const docObserver = new MO(() => {
    observeRoot();
    schedule();
  });
  docObserver.observe(doc.documentElement, { childList: true });
  if (doc.body) docObserver.observe(doc.body, { childList: true });

  // History events fire before the MIS re-renders for the new address: read after its handlers ran.
  const afterNavigation = () => win.setTimeout(schedule, 0);
  win.addEventListener('popstate', afterNavigation, { signal });
  win.addEventListener('hashchange', afterNavigation, { signal });
  // The Navigation API (Chromium) also reports pushState navigations; optional elsewhere.
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', afterNavigation, { signal });
  nav?.addEventListener('currententrychange', afterNavigation, { signal });

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      docObserver.disconnect();
      clearTimeout(retryTimer);
      clearTimeout(recheckTimer);
      leavePage();
    },
    { once: true },
  );

  schedule();

  return {
    readNow: () => run(),
    idle: async () => {
      while (scheduled || running) {
        // A scheduled read starts in a microtask: one turn of the queue later it is running.
        if (running) await running;
        else await Promise.resolve();
      }
    },
  };
}
