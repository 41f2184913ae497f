// Beacon MIS: the student page. Profile, the MIS's own attendance summary for the year to date, and
// the whole academic year's marks as a calendar (months × days, AM and PM).
import { api } from './api.js';
import { addDays, mediumDate, mondayOf, monthName, parseIso, ukDate } from './dates.js';
import { h, loadingPanel, mount, pageHeader } from './dom.js';
import { categoryClass, codeIndex, legend, markMeaning, markText } from './marks.js';

const SEN_TEXT = { N: 'No special educational need', K: 'SEN support (K)', E: 'Education, health and care plan (E)' };
const yesNo = (b) => (b ? 'Yes' : 'No');

export async function renderPupil({ main, params, signal }) {
  const id = params[0];
  const crumbs = [{ label: 'Home', href: '/' }, { label: 'Students', href: '/pupils' }];
  document.title = 'Student · Beacon MIS';
  mount(main, pageHeader([...crumbs, { label: 'Student' }], 'Student'), loadingPanel('Loading student…'));
  const [codes, view] = await Promise.all([api.codes(), api.pupil(id, signal)]);
  if (signal.aborted) return;
  const index = codeIndex(codes);
  const p = view.pupil;
  const s = view.summary;
  document.title = `${p.forename} ${p.surname} · Beacon MIS`;
  const year = p.yearGroup === 'R' ? 'Reception' : `Year ${p.yearGroup}`;

  const profile = h(
    'section',
    { class: 'mis-card stu-profile' },
    h('h2', { class: 'mis-card__title' }, 'Student details'),
    h(
      'dl',
      { class: 'stu-fields' },
      field('Legal surname', p.surname),
      field('Legal forename', p.forename),
      field('UPN', p.upn, 'mono'),
      field('Beacon ID', p.id, 'mono'),
      field('Date of birth', ukDate(p.dateOfBirth)),
      field('Sex', p.sex === 'F' ? 'Female' : 'Male'),
      field('Year group', year),
      field('Registration group', p.formName),
      field('Tutor', p.teacher),
      field('SEN status', SEN_TEXT[p.sen] ?? p.sen),
      field('Free school meals', yesNo(p.fsm)),
      field('Pupil premium', yesNo(p.pp)),
      field('Social worker', yesNo(p.socialWorker)),
      field('Address', p.address),
    ),
  );

  const pctText = s.attendancePct === null ? '—' : `${s.attendancePct.toFixed(1)}%`;
  const pctClass = s.attendancePct === null ? '' : s.attendancePct < 90 ? 'stu-pct--low' : s.attendancePct < 96 ? 'stu-pct--warn' : 'stu-pct--good';
  const codeRows = Object.entries(s.codeCounts).sort((a, b) => b[1] - a[1]);
  const summary = h(
    'section',
    { class: 'mis-card stu-summary' },
    h('h2', { class: 'mis-card__title' }, 'Attendance this year'),
    h('p', { class: 'mis-muted' }, `${ukDate(view.year.start)} to ${ukDate(view.today)}`),
    h('div', { class: ['stu-pct', pctClass] }, h('span', { class: 'stu-pct__value' }, pctText), h('span', { class: 'stu-pct__label' }, 'attendance')),
    h(
      'table',
      { class: 'mis-table mis-table--compact stu-summary__table' },
      h(
        'tbody',
        null,
        row('Possible sessions', s.possible),
        row('Present (including late)', s.present),
        row('Approved educational activity', s.approvedActivity),
        row('Authorised absence', s.authorised),
        row('Unauthorised absence', s.unauthorised),
        row('Late before registers closed (L)', s.lateBefore),
        row('Late after registers closed (U)', s.lateAfter),
        row('Attendance not possible', s.notCounted),
        row('Missing marks', s.noMark),
      ),
    ),
    h('h3', { class: 'stu-subtitle' }, 'Marks by code'),
    h(
      'table',
      { class: 'mis-table mis-table--compact stu-codes' },
      h('tbody', null, codeRows.map(([code, n]) => h('tr', null, h('td', null, h('span', { class: `att-chip ${categoryClass(code, index)}` }, code)), h('td', null, markMeaning(code, index)), h('td', { class: 'num' }, String(n))))),
    ),
  );

  mount(
    main,
    pageHeader([...crumbs, { label: `${p.surname}, ${p.forename}` }], `${p.forename} ${p.surname}`),
    h(
      'div',
      { class: 'stu-banner' },
      h('span', { class: 'stu-avatar', 'aria-hidden': 'true' }, `${p.forename.slice(0, 1)}${p.surname.slice(0, 1)}`),
      h(
        'div',
        { class: 'stu-banner__text' },
        h('div', { class: 'stu-banner__line' }, `${year} · ${p.formName} · UPN `, h('span', { class: 'mono' }, p.upn)),
        h(
          'div',
          { class: 'stu-banner__chips' },
          p.sen !== 'N' ? h('span', { class: 'reg-flag reg-flag--sen' }, p.sen === 'E' ? 'EHCP' : 'SEN support') : null,
          p.fsm ? h('span', { class: 'reg-flag reg-flag--fsm' }, 'FSM') : null,
          p.pp ? h('span', { class: 'reg-flag reg-flag--pp' }, 'Pupil premium') : null,
          p.socialWorker ? h('span', { class: 'reg-flag reg-flag--cin' }, 'Social worker') : null,
        ),
      ),
      h('a', { class: 'mis-btn', href: `/register/${encodeURIComponent(p.formId)}?week=${mondayOf(view.today)}` }, 'Open register'),
    ),
    h('div', { class: 'stu-columns' }, profile, summary),
    calendar(view, index),
  );
}

function field(label, value, cls) {
  return [h('dt', null, label), h('dd', { class: cls }, value)];
}

function row(label, n) {
  return h('tr', null, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, String(n)));
}

/** Months (Aug–Jul, August only when it holds marks) × days 1–31, each day split AM | PM. */
function calendar(view, index) {
  const { start, codes, schoolSession } = view.year;
  const startDate = parseIso(start);
  const months = [];
  let offset = 0; // day offset from 1 August
  for (let m = 0; m < 12; m++) {
    const first = new Date(Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + m, 1));
    const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    months.push({ year: first.getUTCFullYear(), month: first.getUTCMonth(), offset, days });
    offset += days;
  }
  const hasMarks = (m) => codes.slice(m.offset * 2, (m.offset + m.days) * 2).some((c) => c !== '');
  const shown = months.filter((m, i) => i > 0 || hasMarks(m));

  const dayHead = [];
  for (let d = 1; d <= 31; d++) dayHead.push(h('th', { class: 'att-cal__day', colspan: '2', scope: 'colgroup' }, String(d)));
  const body = shown.map((m) => {
    const cells = [];
    for (let d = 1; d <= 31; d++) {
      if (d > m.days) {
        cells.push(h('td', { class: 'att-cal__cell att-cal__cell--void', colspan: '2' }));
        continue;
      }
      const iso = addDays(start, m.offset + d - 1);
      const weekday = parseIso(iso).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      for (const half of ['AM', 'PM']) {
        const i = (m.offset + d - 1) * 2 + (half === 'PM' ? 1 : 0);
        const code = codes[i] ?? '';
        const status = schoolSession[i] ? 'open' : 'closed';
        const text = markText(code, status);
        cells.push(
          h(
            'td',
            {
              class: [
                'att-cal__cell',
                `att-cal__cell--${half.toLowerCase()}`,
                weekend && 'att-cal__cell--weekend',
                !weekend && text === '' && iso <= view.today && 'att-cal__cell--closed',
                text !== '' && categoryClass(code, index),
                iso === view.today && 'att-cal__cell--today',
              ],
              title: text === '' ? `${mediumDate(iso)} ${half}` : `${mediumDate(iso)} ${half}: ${text} — ${markMeaning(code, index)}`,
              'data-date': iso,
              'data-period': half,
            },
            text,
          ),
        );
      }
    }
    return h('tr', { class: 'att-cal__month' }, h('th', { class: 'att-cal__month-name', scope: 'row' }, `${monthName(m.month).slice(0, 3)} ${String(m.year).slice(2)}`), cells);
  });
  return h(
    'section',
    { class: 'mis-card stu-calendar' },
    h('div', { class: 'mis-card__head' }, h('h2', { class: 'mis-card__title' }, `Attendance calendar ${start.slice(0, 4)}/${String(Number(start.slice(0, 4)) + 1).slice(2)}`), legend()),
    h('div', { class: 'att-cal__scroll' }, h('table', { class: 'mis-grid att-cal', 'aria-label': 'Attendance marks by day' }, h('thead', null, h('tr', null, h('th', { class: 'att-cal__corner', scope: 'col' }, 'Month'), dayHead)), h('tbody', null, body))),
  );
}
