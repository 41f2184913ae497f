// Beacon MIS: the home page (no sign-in in the demo): school, today, quick links, today's figures.
import { api } from './api.js';
import { longDate } from './dates.js';
import { h, loadingPanel, mount, pageHeader } from './dom.js';

export async function renderHome({ main, signal }) {
  document.title = 'Home · Beacon MIS';
  mount(main, pageHeader([{ label: 'Home' }], 'Home'), loadingPanel());
  const [school, forms] = await Promise.all([api.school(signal), api.forms(signal)]);
  if (signal.aborted) return;
  document.title = `Home · ${school.name} · Beacon MIS`;
  const am = school.todayAm;
  mount(
    main,
    pageHeader([{ label: 'Home' }], school.name, `${longDate(school.today)} · Academic year ${school.academicYear}`),
    h(
      'section',
      { class: 'mis-tiles' },
      tile('Students on roll', String(school.pupilCount), h('a', { href: '/pupils' }, 'View students')),
      tile('Registration groups', String(school.formCount), h('a', { href: '/classes' }, 'Take a register')),
      tile(
        "Today's AM attendance",
        am.pct === null ? '—' : `${am.pct.toFixed(1)}%`,
        h('span', { class: 'mis-muted' }, `${am.marked} of ${school.pupilCount} marked`),
      ),
      tile(
        'Data exports',
        '2',
        h('span', null, h('a', { href: '/export/marks.csv', download: true }, 'Marks CSV'), ' · ', h('a', { href: '/export/ctf.xml', download: true }, 'CTF XML')),
      ),
    ),
    h(
      'section',
      { class: 'mis-card' },
      h('h2', { class: 'mis-card__title' }, 'Registers for today'),
      h(
        'table',
        { class: 'mis-table mis-table--compact home-registers' },
        h('thead', null, h('tr', null, h('th', null, 'Group'), h('th', null, 'Tutor'), h('th', { class: 'num' }, 'Students'), h('th', null, ''))),
        h(
          'tbody',
          null,
          forms.slice(0, 8).map((f) =>
            h(
              'tr',
              null,
              h('td', null, h('a', { href: `/register/${encodeURIComponent(f.id)}` }, f.name)),
              h('td', null, f.teacher),
              h('td', { class: 'num' }, String(f.pupilCount)),
              h('td', { class: 'mis-actions' }, h('a', { class: 'mis-btn mis-btn--small', href: `/register/${encodeURIComponent(f.id)}` }, 'Take register')),
            ),
          ),
        ),
      ),
      forms.length > 8 ? h('p', { class: 'mis-card__more' }, h('a', { href: '/classes' }, `All ${forms.length} registration groups`)) : null,
    ),
  );
}

function tile(label, value, foot) {
  return h('div', { class: 'mis-tile' }, h('div', { class: 'mis-tile__label' }, label), h('div', { class: 'mis-tile__value' }, value), h('div', { class: 'mis-tile__foot' }, foot));
}
