// Beacon MIS client: tiny DOM helpers. Every piece of text goes in through text nodes
// (document.createTextNode / textContent), never through innerHTML, so names and codes are escaped.

/**
 * Creates an element. `attrs`: `class`, `on<Event>` (listener), `dataset`, boolean/string attributes.
 * Children: strings and numbers become text nodes; null/undefined/false are skipped; arrays flatten.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      else if (name === 'dataset') Object.assign(el.dataset, value);
      else if (name === 'style') el.setAttribute('style', value);
      else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
      else if (value === true) el.setAttribute(name, '');
      else el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  clear(el);
  append(el, children);
}

export function pageHeader(crumbs, title, subtitle) {
  return h(
    'div',
    { class: 'mis-page-head' },
    h(
      'nav',
      { class: 'mis-breadcrumb', 'aria-label': 'Breadcrumb' },
      crumbs.map((c, i) => [
        i > 0 ? h('span', { class: 'mis-breadcrumb__sep', 'aria-hidden': 'true' }, '›') : null,
        c.href ? h('a', { href: c.href }, c.label) : h('span', null, c.label),
      ]),
    ),
    h('h1', { class: 'mis-page-title' }, title),
    subtitle ? h('p', { class: 'mis-page-subtitle' }, subtitle) : null,
  );
}

export function loadingPanel(text = 'Loading…') {
  return h('div', { class: 'mis-loading', role: 'status' }, h('span', { class: 'mis-spinner', 'aria-hidden': 'true' }), text);
}

export function errorPanel(message) {
  return h('div', { class: 'mis-alert mis-alert--error', role: 'alert' }, h('strong', null, 'Something went wrong. '), message);
}

let toastTimer = 0;
export function toast(message, kind = 'success') {
  let el = document.querySelector('.mis-toast');
  if (!el) {
    el = h('div', { class: 'mis-toast', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(el);
  }
  el.className = `mis-toast mis-toast--${kind} mis-toast--show`;
  el.textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('mis-toast--show'), 3000);
}
