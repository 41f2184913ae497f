// Beacon MIS: the class register. Pupils × the ten sessions (AM/PM) of a school week, one mark per
// cell. Cells are edited with the code picker (or by typing a one-letter code); edits stay pending,
// highlighted, until Save sends them to the server. Week navigation is client-side.
import { api } from './api.js';
import { addDays, longDate, mediumDate, mondayOf, parseIso, shortDay, ukDate } from './dates.js';
import { h, loadingPanel, mount, pageHeader, toast } from './dom.js';
import { categoryClass, CATEGORY_LABELS, codeIndex, legend, markMeaning, markText } from './marks.js';

const SEN_LABEL = { K: 'SEN support', E: 'EHC plan' };
const ATTENDED = new Set(['present', 'aea']);

export async function renderRegister(ctx) {
  const { main, params, query, signal, navigate, setLeaveGuard } = ctx;
  const formId = params[0];
  const weekParam = query.get('week');
  document.title = 'Register · Beacon MIS';
  const crumbs = [{ label: 'Home', href: '/' }, { label: 'Registers', href: '/classes' }];
  mount(main, pageHeader([...crumbs, { label: 'Register' }], 'Class register'), loadingPanel('Loading register…'));

  const [codes, view] = await Promise.all([api.codes(), api.register(formId, weekParam && parseIso(weekParam) ? weekParam : null, signal)]);
  if (signal.aborted) return;
  const index = codeIndex(codes);
  const { form, sessions, weekStart, today } = view;
  document.title = `${form.name} register · Beacon MIS`;

  // Canonical address: always name the week by its Monday (no page load, no new history entry).
  const canonical = `/register/${encodeURIComponent(form.id)}?week=${weekStart}`;
  if (location.pathname + location.search !== canonical) history.replaceState(null, '', canonical);

  /** key `pupilId|date|AM` → saved code, and the pending edits on top of it. */
  const saved = new Map();
  const pending = new Map();
  const cellKey = (pupilId, date, half) => `${pupilId}|${date}|${half}`;
  for (const row of view.rows) {
    sessions.forEach((s, i) => saved.set(cellKey(row.pupil.id, s.date, s.half), row.codes[i] ?? ''));
  }

  setLeaveGuard(({ silent } = {}) => {
    if (pending.size === 0) return true;
    if (silent) return false;
    return window.confirm(`You have ${unsavedText()} on this register. Leave without saving?`);
  });

  // ---- toolbar: week navigation ---------------------------------------------------------------
  const weekHref = (monday) => `/register/${encodeURIComponent(form.id)}?week=${monday}`;
  const datePicker = h('input', { type: 'date', class: 'mis-input reg-week-picker', value: weekStart, 'aria-label': 'Go to week containing date' });
  datePicker.addEventListener(
    'change',
    () => {
      if (!parseIso(datePicker.value)) return;
      const monday = mondayOf(datePicker.value);
      if (monday === weekStart || !navigate(weekHref(monday))) datePicker.value = weekStart;
    },
    { signal },
  );
  const thisWeek = mondayOf(today);
  const toolbar = h(
    'div',
    { class: 'mis-toolbar reg-toolbar' },
    h(
      'div',
      { class: 'reg-weeknav', role: 'group', 'aria-label': 'Week' },
      h('a', { class: 'mis-btn reg-weeknav__prev', href: weekHref(addDays(weekStart, -7)), title: 'Previous week' }, '‹ Previous'),
      h('span', { class: 'reg-weeknav__label' }, `Week beginning ${longDate(weekStart)}`),
      h('a', { class: 'mis-btn reg-weeknav__next', href: weekHref(addDays(weekStart, 7)), title: 'Next week' }, 'Next ›'),
    ),
    h('label', { class: 'reg-goto' }, 'Go to ', datePicker),
    weekStart === thisWeek ? null : h('a', { class: 'mis-btn mis-btn--link', href: weekHref(thisWeek) }, 'This week'),
    h('span', { class: 'mis-toolbar__spacer' }),
    legend(),
  );

  // ---- the grid -----------------------------------------------------------------------------------
  const dayHeads = [];
  const sessionHeads = [];
  for (let d = 0; d < 5; d++) {
    const s = sessions[d * 2];
    const isToday = s.date === today;
    const closedDay = s.status === 'closed' && sessions[d * 2 + 1].status === 'closed';
    dayHeads.push(
      h(
        'th',
        { class: ['reg-day', isToday && 'reg-day--today', closedDay && 'reg-day--closed'], colspan: '2', scope: 'colgroup', 'data-date': s.date, title: closedDay ? 'No sessions held: school closed' : null },
        h('span', { class: 'reg-day__name' }, shortDay(s.date)),
        ' ',
        h('span', { class: 'reg-day__date' }, ukDate(s.date).slice(0, 5)),
        closedDay ? h('span', { class: 'reg-day__note' }, 'Closed') : null,
      ),
    );
    for (const half of ['AM', 'PM']) {
      const si = sessions[d * 2 + (half === 'PM' ? 1 : 0)];
      sessionHeads.push(h('th', { class: ['reg-session', `reg-session--${si.status}`, isToday && 'reg-day--today'], scope: 'col', 'data-date': si.date, 'data-period': half }, half));
    }
  }
  const totals = sessions.map(() => h('td', { class: 'reg-total' }));
  const tbody = h('tbody', { class: 'reg-body' });
  const table = h(
    'table',
    { class: 'mis-grid reg-grid', 'aria-label': `${form.name} register, week beginning ${ukDate(weekStart)}` },
    h(
      'thead',
      null,
      h('tr', null, h('th', { class: 'reg-head-student', rowspan: '2', scope: 'col' }, 'Student'), h('th', { class: 'reg-head-pct', rowspan: '2', scope: 'col', title: 'Attendance this academic year' }, 'Att %'), dayHeads),
      h('tr', null, sessionHeads),
    ),
    tbody,
    h('tfoot', null, h('tr', null, h('th', { class: 'reg-total-label', colspan: '2', scope: 'row' }, 'In school / on roll'), totals)),
  );

  const cellsByKey = new Map();
  for (const row of view.rows) {
    const p = row.pupil;
    const flags = [
      SEN_LABEL[p.sen] ? h('span', { class: 'reg-flag reg-flag--sen', title: SEN_LABEL[p.sen] }, p.sen === 'E' ? 'EHCP' : 'SEN') : null,
      p.fsm ? h('span', { class: 'reg-flag reg-flag--fsm', title: 'Free school meals' }, 'FSM') : null,
      p.pp ? h('span', { class: 'reg-flag reg-flag--pp', title: 'Pupil premium' }, 'PP') : null,
      p.socialWorker ? h('span', { class: 'reg-flag reg-flag--cin', title: 'Has a social worker' }, 'SW') : null,
    ];
    const pct = row.attendancePct;
    const tr = h(
      'tr',
      { class: 'reg-row', 'data-student-id': p.id },
      h(
        'th',
        { class: 'reg-student', scope: 'row' },
        h('a', { class: 'reg-student__link', href: `/pupils/${encodeURIComponent(p.id)}` }, `${p.surname}, ${p.forename}`),
        h('span', { class: 'reg-student__flags' }, flags),
      ),
      h('td', { class: ['reg-pct', pct !== null && pct < 90 ? 'reg-pct--low' : pct !== null && pct < 96 ? 'reg-pct--warn' : null] }, pct === null ? '—' : pct.toFixed(1)),
    );
    sessions.forEach((s) => {
      const td = h('td', { class: 'att-cell', tabindex: '-1', 'data-date': s.date, 'data-period': s.half }, h('span', { class: 'att-mark' }));
      const key = cellKey(p.id, s.date, s.half);
      td._misKey = key;
      td._misPupil = p;
      td._misSession = s;
      cellsByKey.set(key, td);
      paintCell(td);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  const firstCell = tbody.querySelector('.att-cell');
  if (firstCell) firstCell.tabIndex = 0;

  function currentCode(key) {
    return pending.has(key) ? pending.get(key).code : (saved.get(key) ?? '');
  }

  function paintCell(td) {
    const key = td._misKey;
    const s = td._misSession;
    const code = currentCode(key);
    const dirty = pending.has(key);
    td.className = ['att-cell', categoryClass(code, index), `att-cell--${s.status}`, dirty && 'att-cell--dirty', s.date === today && 'att-cell--today'].filter(Boolean).join(' ');
    td.firstChild.textContent = markText(code, dirty ? 'open' : s.status);
    td.title = `${td._misPupil.forename} ${td._misPupil.surname} · ${mediumDate(s.date)} ${s.half}: ${markMeaning(code, index)}${dirty ? ' (not saved)' : ''}`;
  }

  function paintTotals() {
    sessions.forEach((s, i) => {
      let inSchool = 0;
      let onRoll = 0;
      for (const row of view.rows) {
        const code = currentCode(cellKey(row.pupil.id, s.date, s.half));
        const info = index.get(code);
        if (info && ATTENDED.has(info.category)) inSchool++;
        if (code !== 'Z') onRoll++; // Z: not on roll for that session (domain.md §2)
      }
      totals[i].textContent = s.status === 'open' || inSchool > 0 ? `${inSchool}/${onRoll}` : '';
    });
  }

  // ---- pending edits and the save bar ---------------------------------------------------------------
  const countText = h('span', { class: 'reg-savebar__count' });
  const saveBtn = h('button', { type: 'button', class: 'mis-btn mis-btn--primary reg-save' }, 'Save register');
  const discardBtn = h('button', { type: 'button', class: 'mis-btn reg-discard' }, 'Discard changes');
  const savebar = h('div', { class: 'reg-savebar', role: 'region', 'aria-label': 'Unsaved changes' }, h('span', { class: 'reg-savebar__dot', 'aria-hidden': 'true' }), countText, h('span', { class: 'mis-toolbar__spacer' }), discardBtn, saveBtn);
  const lastSaved = h('p', { class: 'reg-lastsaved mis-muted' }, view.lastSaved ? `Last saved ${new Date(view.lastSaved).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} by Office Admin` : '');

  function unsavedText() {
    return `${pending.size} unsaved change${pending.size === 1 ? '' : 's'}`;
  }

  function refreshSavebar() {
    countText.textContent = unsavedText();
    savebar.classList.toggle('reg-savebar--visible', pending.size > 0);
    saveBtn.disabled = pending.size === 0;
    discardBtn.disabled = pending.size === 0;
  }

  function setCode(td, code) {
    const key = td._misKey;
    const normal = code === '-' ? '' : code;
    if (normal === (saved.get(key) ?? '')) pending.delete(key);
    else pending.set(key, { pupilId: td._misPupil.id, date: td._misSession.date, session: td._misSession.half, code: normal });
    paintCell(td);
    paintTotals();
    refreshSavebar();
  }

  discardBtn.addEventListener(
    'click',
    () => {
      const keys = [...pending.keys()];
      pending.clear();
      for (const k of keys) paintCell(cellsByKey.get(k));
      paintTotals();
      refreshSavebar();
    },
    { signal },
  );

  saveBtn.addEventListener(
    'click',
    async () => {
      if (pending.size === 0) return;
      const edits = [...pending.values()];
      saveBtn.disabled = true;
      discardBtn.disabled = true;
      saveBtn.textContent = 'Saving…';
      try {
        const result = await api.saveRegister(form.id, edits);
        for (const e of edits) {
          const key = cellKey(e.pupilId, e.date, e.session);
          saved.set(key, e.code);
          // Only clear what was sent: an edit made while saving stays pending.
          if (pending.get(key)?.code === e.code) pending.delete(key);
          paintCell(cellsByKey.get(key));
        }
        paintTotals();
        lastSaved.textContent = `Last saved ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} by Office Admin`;
        toast(`Register saved: ${result.saved} mark${result.saved === 1 ? '' : 's'} updated`);
      } catch (err) {
        toast(`Register not saved: ${err.message}`, 'error');
      } finally {
        saveBtn.textContent = 'Save register';
        refreshSavebar();
      }
    },
    { signal },
  );

  // ---- the code picker ---------------------------------------------------------------------------
  let picker = null;
  function closePicker() {
    if (!picker) return;
    const back = picker._misCell;
    picker.remove();
    picker = null;
    back?.focus();
  }

  function openPicker(td) {
    closePicker();
    const code = currentCode(td._misKey);
    const groups = new Map();
    for (const c of codes) {
      if (!c.selectable) continue;
      if (!groups.has(c.category)) groups.set(c.category, []);
      groups.get(c.category).push(c);
    }
    const choose = (value) => {
      setCode(td, value);
      closePicker();
    };
    const options = [];
    const opt = (value, label, cls, current) => {
      const b = h('button', { type: 'button', class: ['att-picker__opt', current && 'att-picker__opt--current'], role: 'option', 'aria-selected': current ? 'true' : 'false' }, h('span', { class: `att-chip ${cls}` }, value), h('span', { class: 'att-picker__meaning' }, label));
      b.addEventListener('click', () => choose(value));
      options.push(b);
      return b;
    };
    picker = h(
      'div',
      { class: 'att-picker', role: 'dialog', 'aria-label': 'Choose a mark' },
      h('div', { class: 'att-picker__head' }, h('strong', null, `${td._misPupil.forename} ${td._misPupil.surname}`), h('span', null, `${mediumDate(td._misSession.date)} · ${td._misSession.half}`)),
      h(
        'div',
        { class: 'att-picker__body', role: 'listbox' },
        [...groups.entries()].map(([cat, list]) =>
          h('div', { class: 'att-picker__group' }, h('div', { class: 'att-picker__group-title' }, CATEGORY_LABELS[cat] ?? cat), list.map((c) => opt(c.code, c.meaning, `att-cat-${c.category}`, c.code === code))),
        ),
        h('div', { class: 'att-picker__group' }, h('div', { class: 'att-picker__group-title' }, 'Other'), opt('-', 'Clear mark (no mark)', 'att-cat-nomark', code === '')),
      ),
    );
    picker._misCell = td;
    picker.addEventListener('keydown', (e) => {
      const i = options.indexOf(document.activeElement);
      if (e.key === 'Escape') {
        e.preventDefault();
        closePicker();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = options[(i + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length];
        next?.focus();
      }
    });
    document.body.appendChild(picker);
    const r = td.getBoundingClientRect();
    const pw = picker.offsetWidth;
    const ph = picker.offsetHeight;
    let left = r.left + window.scrollX;
    if (left + pw > window.scrollX + document.documentElement.clientWidth - 8) left = window.scrollX + document.documentElement.clientWidth - pw - 8;
    let top = r.bottom + window.scrollY + 2;
    if (r.bottom + ph > window.innerHeight && r.top - ph > 0) top = r.top + window.scrollY - ph - 2;
    picker.style.left = `${Math.max(8, left)}px`;
    picker.style.top = `${top}px`;
    (options.find((o) => o.classList.contains('att-picker__opt--current')) ?? options[0])?.focus();
  }

  document.addEventListener(
    'mousedown',
    (e) => {
      if (picker && !picker.contains(e.target) && !e.target.closest?.('.att-cell')) closePicker();
    },
    { signal },
  );
  signal.addEventListener('abort', () => picker?.remove());

  const quickCodes = new Map(codes.filter((c) => c.selectable && c.code.length === 1).map((c) => [c.code, c.code]));
  function moveFocus(td, dRow, dCol) {
    const tr = td.parentElement;
    const cells = [...tr.querySelectorAll('.att-cell')];
    const col = cells.indexOf(td) + dCol;
    const targetRow = dRow === 0 ? tr : dRow > 0 ? tr.nextElementSibling : tr.previousElementSibling;
    const target = targetRow?.querySelectorAll('.att-cell')[Math.max(0, Math.min(9, col))];
    if (target) {
      td.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    }
  }

  tbody.addEventListener(
    'click',
    (e) => {
      const td = e.target.closest('.att-cell');
      if (!td) return;
      for (const c of tbody.querySelectorAll('.att-cell[tabindex="0"]')) c.tabIndex = -1;
      td.tabIndex = 0;
      if (picker?._misCell === td) closePicker();
      else openPicker(td);
    },
    { signal },
  );
  tbody.addEventListener(
    'keydown',
    (e) => {
      const td = e.target.closest?.('.att-cell');
      if (!td || e.ctrlKey || e.metaKey || e.altKey) return;
      const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
      if (moves[e.key]) {
        e.preventDefault();
        moveFocus(td, ...moves[e.key]);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        openPicker(td);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        setCode(td, '');
      } else if (quickCodes.has(e.key.toUpperCase()) || quickCodes.has(e.key)) {
        // Typing a one-character code marks the cell and moves down, as in keyboard-driven MIS registers.
        e.preventDefault();
        setCode(td, quickCodes.get(e.key) ?? quickCodes.get(e.key.toUpperCase()));
        moveFocus(td, 1, 0);
      }
    },
    { signal },
  );

  paintTotals();
  refreshSavebar();
  mount(
    main,
    pageHeader([...crumbs, { label: form.name }], `${form.name} register`, `${form.teacher} · ${view.rows.length} students · ${form.yearGroup === 'R' ? 'Reception' : `Year ${form.yearGroup}`}`),
    toolbar,
    h('div', { class: 'mis-card mis-card--flush reg-card' }, h('div', { class: 'reg-scroll' }, table)),
    lastSaved,
    savebar,
  );
}
