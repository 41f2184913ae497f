// Beacon MIS client: boot and client-side routing. Pages change with history.pushState (no page
// load); each page gets an AbortSignal that is aborted when the user leaves it.
import { api } from './api.js';
import { longDate } from './dates.js';
import { errorPanel, h, mount } from './dom.js';
import { renderClasses } from './page-classes.js';
import { renderHome } from './page-home.js';
import { renderPupil } from './page-pupil.js';
import { renderRegister } from './page-register.js';
import { renderStudents } from './page-students.js';

const routes = [
  { pattern: /^\/$/, nav: 'home', render: renderHome },
  { pattern: /^\/classes\/?$/, nav: 'registers', render: renderClasses },
  { pattern: /^\/register\/([^/]+)\/?$/, nav: 'registers', render: renderRegister },
  { pattern: /^\/pupils\/?$/, nav: 'students', render: renderStudents },
  { pattern: /^\/pupils\/([^/]+)\/?$/, nav: 'students', render: renderPupil },
];

const main = document.getElementById('mis-main');
let current = null; // { controller, leaveGuard, url }

/** Asks the current page whether it may be left (e.g. unsaved register marks). */
function mayLeave() {
  if (!current?.leaveGuard) return true;
  return current.leaveGuard();
}

function render(url) {
  current?.controller.abort();
  const controller = new AbortController();
  const page = { controller, leaveGuard: null, url: url.pathname + url.search };
  current = page;
  const route = routes.find((r) => r.pattern.test(url.pathname));
  for (const link of document.querySelectorAll('.mis-sidenav__link[data-nav]')) {
    link.classList.toggle('mis-sidenav__link--active', link.dataset.nav === route?.nav);
  }
  window.scrollTo(0, 0);
  if (!route) {
    document.title = 'Page not found · Beacon MIS';
    mount(main, h('h1', { class: 'mis-page-title' }, 'Page not found'), h('p', null, 'There is no page at this address. ', h('a', { href: '/' }, 'Go to the home page')));
    return;
  }
  const params = route.pattern.exec(url.pathname).slice(1).map(decodeURIComponent);
  const ctx = {
    main,
    params,
    query: url.searchParams,
    signal: controller.signal,
    navigate,
    setLeaveGuard(fn) {
      page.leaveGuard = fn;
    },
  };
  Promise.resolve(route.render(ctx)).catch((err) => {
    if (controller.signal.aborted || err?.name === 'AbortError') return;
    mount(main, errorPanel(err?.message ?? String(err)));
  });
}

/** Client-side navigation: pushes (or replaces) the history entry and renders the page. */
export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, location.href);
  if (!mayLeave()) return false;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render(url);
  return true;
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target.closest?.('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/export/') || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  if (url.pathname + url.search === location.pathname + location.search) return;
  navigate(url.href);
});

window.addEventListener('popstate', () => {
  if (!mayLeave()) {
    // Put the page the user is staying on back into the address bar.
    history.pushState(null, '', current.url);
    return;
  }
  render(new URL(location.href));
});

window.addEventListener('beforeunload', (event) => {
  if (current?.leaveGuard && !current.leaveGuard({ silent: true })) {
    event.preventDefault();
    event.returnValue = '';
  }
});

document.getElementById('mis-search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = new FormData(event.currentTarget).get('q')?.toString().trim() ?? '';
  navigate(`/pupils${q ? `?q=${encodeURIComponent(q)}` : ''}`);
});

api
  .school()
  .then((school) => {
    document.getElementById('mis-school-name').textContent = school.name;
    document.getElementById('mis-today').textContent = longDate(school.today);
  })
  .catch(() => {
    // The page itself reports API problems.
  });

render(new URL(location.href));
