// Mounting Preact views into open shadow roots beside the MIS's own elements (design.md
// "Components"). The host is a small inline-block element placed inside a table cell
// (or right after any other anchor), so the MIS's layout is not disturbed; styles live inside the
// shadow root only. Open roots so end-to-end tests can find the data-att-* attributes.
//
// Idempotent: mounting the same key at the same anchor again re-renders into the existing host
// (a host left by an earlier run of the content script is cleared and reused, never duplicated).
// Aborting the signal unmounts everything this mounter made.
import { render, type ComponentChild } from 'preact';
import { overlayCss } from '../components/overlay/styles.ts';

export type OverlayKind = 'row' | 'card';

export interface MountedOverlay {
  key: string;
  anchor: Element;
  host: HTMLElement;
  root: ShadowRoot;
  /** Re-render this overlay (Preact diffs against the previous render). */
  render(vnode: ComponentChild): void;
  /** Render nothing and remove the host. */
  unmount(): void;
}

export interface Mounter {
  /** Mount (or find) the overlay `key` at `anchor`. */
  mount(anchor: Element, key: string, kind: OverlayKind): MountedOverlay;
  get(key: string): MountedOverlay | undefined;
  /** Unmount every overlay whose key is not in `keep` or whose host has left the document. */
  prune(keep: ReadonlySet<string>): string[];
  readonly size: number;
}

/** Attribute naming an overlay host; its value is the overlay key (e.g. `row:1042`). */
export const HOST_ATTR = 'data-att-host';

// Events that must not reach the MIS's own handlers from inside our overlays: a click on a badge
// must not also trigger a row click handler, and typing in our popover must not move the register's
// cell cursor (never break the MIS's keyboard use).
const CONTAINED = ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'focusin', 'focusout'];

function findHost(anchor: Element, key: string): HTMLElement | null {
  const inside = anchor.tagName === 'TD' || anchor.tagName === 'TH';
  const candidates = inside ? Array.from(anchor.children) : [anchor.nextElementSibling];
  for (const c of candidates) {
    if (c instanceof Element && c.getAttribute(HOST_ATTR) === key) return c as HTMLElement;
  }
  return null;
}

export function createMounter(doc: Document, signal: AbortSignal): Mounter {
  const mounted = new Map<string, MountedOverlay>();

  function unmountOne(m: MountedOverlay): void {
    m.unmount();
  }

  signal.addEventListener('abort', () => {
    for (const m of [...mounted.values()]) unmountOne(m);
  }, { once: true });

  function mount(anchor: Element, key: string, kind: OverlayKind): MountedOverlay {
    if (signal.aborted) throw new Error(`Cannot mount overlay ${key}: the page's overlays were already stopped`);
    const existing = mounted.get(key);
    if (existing && existing.anchor === anchor && existing.host.isConnected && findHost(anchor, key) === existing.host) {
      return existing;
    }
    if (existing) unmountOne(existing);

    let host = findHost(anchor, key);
    let root: ShadowRoot;
    if (host?.shadowRoot) {
      // Left by an earlier run of the content script (extension reloaded, SPA re-init): its Preact
      // tree belongs to another instance, so start again from an empty root.
      root = host.shadowRoot;
      root.replaceChildren();
    } else {
      host?.remove();
      host = doc.createElement(kind === 'card' ? 'div' : 'span');
      host.setAttribute(HOST_ATTR, key);
      host.setAttribute('data-att-kind', kind);
      // Inline style beats the MIS's own rules for spans/divs in its tables (its `td span { … }` would
      // otherwise win over :host); `all: initial` stops inherited text styles. A row's badges keep the
      // writing mode of the cell they sit in: in a vertical pupil header (a pupils-as-columns register)
      // they run along the name, so the column stays narrow (components/overlay/styles.ts uses logical sizes).
      host.style.cssText = kind === 'card' ? 'all:initial;display:block' : 'all:initial;display:inline-block;vertical-align:middle;writing-mode:inherit';
      for (const type of CONTAINED) host.addEventListener(type, (e) => e.stopPropagation(), { signal });
      if (anchor.tagName === 'TD' || anchor.tagName === 'TH') anchor.append(host);
      else anchor.after(host);
      root = host.attachShadow({ mode: 'open' });
    }
    const style = doc.createElement('style');
    style.textContent = overlayCss;
    const container = doc.createElement(kind === 'card' ? 'div' : 'span');
    container.className = 'att-root';
    root.append(style, container);

    const hostEl = host;
    const m: MountedOverlay = {
      key,
      anchor,
      host: hostEl,
      root,
      render: (vnode) => render(vnode, container),
      unmount: () => {
        // Unmount the Preact tree first so its effects and listeners are released, then the host.
        render(null, container);
        hostEl.remove();
        if (mounted.get(key) === m) mounted.delete(key);
      },
    };
    mounted.set(key, m);
    return m;
  }

  return {
    mount,
    get: (key) => mounted.get(key),
    prune(keep) {
      const gone: string[] = [];
      for (const m of [...mounted.values()]) {
        if (!keep.has(m.key) || !m.host.isConnected) {
          m.unmount();
          gone.push(m.key);
        }
      }
      return gone;
    },
    get size() {
      return mounted.size;
    },
  };
}
