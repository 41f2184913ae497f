// Beacon MIS: registration groups (forms / classes) list.
import { api } from './api.js';
import { h, loadingPanel, mount, pageHeader } from './dom.js';

export async function renderClasses({ main, signal }) {
  document.title = 'Registers · Beacon MIS';
  const head = pageHeader([{ label: 'Home', href: '/' }, { label: 'Registers' }], 'Registration groups', 'Choose a group to take or amend its register.');
  mount(main, head, loadingPanel());
  const forms = await api.forms(signal);
  if (signal.aborted) return;
  const byYear = new Map();
  for (const f of forms) {
    if (!byYear.has(f.yearGroup)) byYear.set(f.yearGroup, []);
    byYear.get(f.yearGroup).push(f);
  }
  mount(
    main,
    head,
    h(
      'div',
      { class: 'mis-card mis-card--flush' },
      h(
        'table',
        { class: 'mis-table group-list' },
        h(
          'thead',
          null,
          h('tr', null, h('th', null, 'Group'), h('th', null, 'Year'), h('th', null, 'Tutor'), h('th', { class: 'num' }, 'Students'), h('th', null, '')),
        ),
        h(
          'tbody',
          null,
          [...byYear.entries()].map(([year, list]) => [
            h('tr', { class: 'group-list__year' }, h('th', { colspan: '5', scope: 'rowgroup' }, year === 'R' ? 'Reception' : `Year ${year}`)),
            list.map((f) =>
              h(
                'tr',
                { class: 'group-list__row' },
                h('td', null, h('a', { class: 'group-list__link', href: `/register/${encodeURIComponent(f.id)}` }, f.name)),
                h('td', null, year === 'R' ? 'Reception' : `Year ${year}`),
                h('td', null, f.teacher),
                h('td', { class: 'num' }, String(f.pupilCount)),
                h('td', { class: 'mis-actions' }, h('a', { class: 'mis-btn mis-btn--small', href: `/register/${encodeURIComponent(f.id)}` }, 'Register')),
              ),
            ),
          ]),
        ),
      ),
    ),
  );
}
