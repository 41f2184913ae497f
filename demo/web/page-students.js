// Beacon MIS: student list with a quick filter (name, UPN or group).
import { api } from './api.js';
import { h, loadingPanel, mount, pageHeader } from './dom.js';

const SEN_LABEL = { N: '', K: 'SEN support', E: 'EHC plan' };

export async function renderStudents({ main, signal, query }) {
  document.title = 'Students · Beacon MIS';
  const head = pageHeader([{ label: 'Home', href: '/' }, { label: 'Students' }], 'Students');
  mount(main, head, loadingPanel());
  const pupils = await api.pupils(signal);
  if (signal.aborted) return;
  const filter = h('input', { type: 'search', class: 'mis-input', placeholder: 'Filter by name, UPN or group', 'aria-label': 'Filter students', value: query.get('q') ?? '' });
  const count = h('span', { class: 'mis-muted' });
  const tbody = h('tbody');
  const rows = pupils.map((p) => ({
    text: `${p.surname} ${p.forename} ${p.upn} ${p.formName}`.toLowerCase(),
    tr: h(
      'tr',
      { class: 'student-row', 'data-student-id': p.id },
      h('td', null, h('a', { href: `/pupils/${encodeURIComponent(p.id)}` }, `${p.surname}, ${p.forename}`)),
      h('td', { class: 'mono' }, p.upn),
      h('td', null, p.yearGroup === 'R' ? 'Reception' : `Year ${p.yearGroup}`),
      h('td', null, p.formName),
      h('td', null, SEN_LABEL[p.sen] ?? p.sen),
      h('td', null, p.fsm ? 'FSM' : ''),
      h('td', null, p.pp ? 'PP' : ''),
    ),
  }));
  const apply = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = rows.filter((r) => !q || r.text.includes(q));
    mount(tbody, shown.slice(0, 500).map((r) => r.tr));
    count.textContent = shown.length > 500 ? `Showing 500 of ${shown.length} students` : `${shown.length} students`;
  };
  filter.addEventListener('input', apply, { signal });
  apply();
  mount(
    main,
    head,
    h('div', { class: 'mis-toolbar' }, filter, count),
    h(
      'div',
      { class: 'mis-card mis-card--flush' },
      h(
        'table',
        { class: 'mis-table student-list' },
        h('thead', null, h('tr', null, ['Name', 'UPN', 'Year', 'Group', 'SEN', 'FSM', 'PP'].map((t) => h('th', null, t)))),
        tbody,
      ),
    ),
  );
}
