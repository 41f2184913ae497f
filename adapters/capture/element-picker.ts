// The element picker: on the live MIS tab the user points at the register table (or the
// week, a name, the MIS's logo) and clicks. Unlike an adapter it does draw on the page — a highlight
// box and a prompt, inside its own shadow root so the MIS's styles cannot reach them — and it stops the
// picking click from reaching the MIS (a click on a pupil's name must not navigate away). Everything
// it adds is removed when a pick is made, on Escape, or when the signal aborts.

export interface PickerOptions {
  /** Ends the picker (navigation, the options page closing). */
  signal: AbortSignal;
  /** Shown at the top of the page, e.g. "Click the register table". */
  prompt: string;
  /** The element a hovered element stands for (e.g. `el.closest('table')`); null = not pickable. */
  accept?: (el: Element) => Element | null;
  onPick: (el: Element) => void;
  /** Escape pressed. */
  onCancel?: () => void;
}

export const PICKER_HOST_ATTR = 'data-attendance-overlay-picker';

export function elementPicker(doc: Document, opts: PickerOptions): void {
  if (opts.signal.aborted) return;
  const accept = opts.accept ?? ((el: Element) => el);
  const host = doc.createElement('div');
  host.setAttribute(PICKER_HOST_ATTR, '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `
    .box { position: fixed; pointer-events: none; z-index: 2147483646; border: 2px solid #2563eb;
           background: rgba(37, 99, 235, 0.12); display: none; }
    .bar { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; pointer-events: none;
           font: 14px system-ui, sans-serif; background: #1e3a8a; color: #fff; padding: 8px 12px; }`;
  const box = doc.createElement('div');
  box.className = 'box';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.textContent = `${opts.prompt} (Esc to cancel)`; // textContent: never markup
  root.append(style, box, bar);
  doc.documentElement.append(host);

  const stop = new AbortController();
  const done = () => {
    stop.abort();
    host.remove();
  };
  opts.signal.addEventListener('abort', done, { once: true });
  const listen = { capture: true, signal: stop.signal } as const;

  const target = (e: Event): Element | null => {
    const el = e.target as Element | null;
    if (!el || el === host || typeof el.closest !== 'function') return null;
    return accept(el);
  };
  doc.addEventListener(
    'mousemove',
    (e) => {
      const el = target(e);
      if (!el) {
        box.style.display = 'none';
        return;
      }
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    },
    listen,
  );
  // The pick happens on click; the press before it is swallowed too, so the MIS sees neither.
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'] as const) {
    doc.addEventListener(type, (e) => {
      if (target(e)) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    }, listen);
  }
  doc.addEventListener(
    'click',
    (e) => {
      const el = target(e);
      e.preventDefault();
      e.stopImmediatePropagation();
      if (!el) return;
      done();
      opts.onPick(el);
    },
    listen,
  );
  doc.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      done();
      opts.onCancel?.();
    },
    listen,
  );
}
