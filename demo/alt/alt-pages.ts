// The pages of "Kestrel MIS", the second demo MIS, rendered on the server as plain static
// HTML from the generated school. Its register is the transpose of Beacon MIS's: pupils are columns,
// sessions are rows, the date appears only once ("Week commencing …") with day names down the side.
// The pupil page lists one session per row. Every page or school string is escaped.
import { academicYearStart, addDays, fromEpochDay, mondayOf, toEpochDay, weekdayOfDay } from '../../engine/dates.ts';
import type { IsoDate } from '../../engine/types.ts';
import type { DemoPupil, DemoSchool } from '../types.ts';
import { altMark } from './alt-mark.ts';

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** 2026-01-12 → "12 Jan 2026"; with the weekday: "Mon 12 Jan 2026". */
export function longDate(d: IsoDate, weekday = false): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const s = `${day} ${MONTHS[m - 1]} ${y}`;
  return weekday ? `${DAYS[weekdayOfDay(toEpochDay(d))]} ${s}` : s;
}

/** 2017-03-09 → "09/03/2017" (how the pupil page shows a date of birth). */
const dmy = (d: IsoDate) => d.split('-').reverse().join('/');

function shell(school: DemoSchool, title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${esc(title)} · Kestrel MIS</title><link rel="stylesheet" href="/alt/kestrel.css"></head>
<body>
<header class="k-top"><span class="k-brand">Kestrel MIS</span> <span class="k-school">${esc(school.name)}</span></header>
<nav class="k-nav"><a href="/alt/">Registers</a> · <a href="/alt/export/marks.csv">Export marks (CSV)</a></nav>
<main id="k-main">
${body}
</main>
<footer class="k-foot">Kestrel MIS 3.2 — demo imitation</footer>
<script src="/alt/kestrel.js"></script>
</body>
</html>
`;
}

/** The code of a pupil's session, '' when none (weekends and days beyond the history are blank). */
function codeOn(school: DemoSchool, pupilId: string, date: IsoDate, half: 0 | 1): string {
  const h = school.histories.get(pupilId);
  if (!h) return '';
  const i = toEpochDay(date) * 2 + half - h.firstKey;
  return i >= 0 && i < h.codes.length ? h.codes[i]! : '';
}

export function altHomePage(school: DemoSchool): string {
  const week = mondayOf(school.today);
  const items = school.forms
    .map((f) => `<li><a class="k-reg-link" href="/alt/register?form=${encodeURIComponent(f.id)}&amp;week=${week}">${esc(f.name)}</a></li>`)
    .join('\n');
  return shell(school, 'Registers', `<h1>Registers</h1>\n<ul class="k-forms">\n${items}\n</ul>`);
}

/** The week's register of one form: one column per pupil, one row per session (Mon AM … Fri PM). */
export function altRegisterPage(school: DemoSchool, formId: string, week: IsoDate): string | null {
  const form = school.forms.find((f) => f.id === formId);
  if (!form) return null;
  const monday = mondayOf(week);
  const pupils = school.pupils.filter((p) => p.formId === formId);
  const name = (p: DemoPupil) => `${p.surname}, ${p.forename}`;
  const head = pupils
    .map((p) => `<th class="k-stu" scope="col"><a href="/alt/pupil/${encodeURIComponent(p.id)}" title="${esc(name(p))}">${esc(name(p))}</a></th>`)
    .join('');
  const rows: string[] = [];
  for (let d = 0; d < 5; d++) {
    const date = addDays(monday, d);
    for (const half of [0, 1] as const) {
      const day = half === 0 ? `<th class="k-day" rowspan="2" scope="rowgroup">${DAYS[d]}</th>` : '';
      const cells = pupils.map((p) => `<td class="k-mark">${altMark(codeOn(school, p.id, date, half))}</td>`).join('');
      rows.push(`<tr>${day}<th class="k-half" scope="row">${half === 0 ? 'AM' : 'PM'}</th>${cells}</tr>`);
    }
  }
  // A totals row, as MIS registers often have: not a session (a mapping must leave it out).
  const totals = pupils
    .map((p) => {
      let n = 0;
      for (let d = 0; d < 5; d++) for (const half of [0, 1] as const) if (/^[/\\L]$/.test(codeOn(school, p.id, addDays(monday, d), half))) n++;
      return `<td class="k-total">${n}</td>`;
    })
    .join('');
  const link = (w: IsoDate, text: string) =>
    `<a class="k-week-link" href="/alt/register?form=${encodeURIComponent(form.id)}&amp;week=${w}">${text}</a>`;
  const body = `<h1 class="k-form" data-form="${esc(form.id)}">${esc(form.name)}</h1>
<p class="k-week">Week commencing <strong id="k-wc">${longDate(monday)}</strong> ${link(addDays(monday, -7), '‹ Previous week')} ${link(addDays(monday, 7), 'Next week ›')}</p>
<table class="k-register" id="k-register">
<thead><tr><th scope="col">Day</th><th scope="col">Session</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th colspan="2">Present</th>${totals}</tr></tfoot>
</table>`;
  return shell(school, `Register ${form.name}`, body);
}

/** A pupil's details, notes and this academic year's marked sessions, one per row. */
export function altPupilPage(school: DemoSchool, pupilId: string): string | null {
  const p = school.pupils.find((x) => x.id === pupilId);
  if (!p) return null;
  const form = school.forms.find((f) => f.id === p.formId);
  const from = toEpochDay(academicYearStart(school.today));
  const to = toEpochDay(school.today);
  const rows: string[] = [];
  for (let day = from; day <= to; day++) {
    if (weekdayOfDay(day) > 4) continue;
    const date = fromEpochDay(day);
    for (const half of [0, 1] as const) {
      const code = codeOn(school, p.id, date, half);
      if (code === '') continue;
      rows.push(`<tr><td class="k-date">${longDate(date, true)}</td><td class="k-sess">${half === 0 ? 'AM' : 'PM'}</td><td class="k-mark">${altMark(code)}</td></tr>`);
    }
  }
  const body = `<h1 class="k-name">${esc(p.forename)} ${esc(p.surname)}</h1>
<dl class="k-details">
<dt>Student no.</dt><dd id="k-stuno">${esc(p.id)}</dd>
<dt>UPN</dt><dd id="k-upn">${esc(p.upn)}</dd>
<dt>Date of birth</dt><dd class="k-dob">${dmy(p.dateOfBirth)}</dd>
<dt>Address</dt><dd class="k-address">${esc(p.address)}</dd>
<dt>Form</dt><dd id="k-form">${esc(form?.name ?? '')}</dd>
<dt>Year</dt><dd id="k-year">${esc(p.yearGroup)}</dd>
</dl>
<section class="k-notes"><h2>Notes</h2>
<p class="k-note" onclick="kNote(this)">Spoke to ${esc(p.forename)}'s parent about attendance (${esc(p.surname)} family, ${esc(p.address)}).</p>
</section>
<h2>Attendance this year</h2>
<table class="k-sessions" id="k-sessions">
<thead><tr><th>Date</th><th>Session</th><th>Mark</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return shell(school, `${p.forename} ${p.surname}`, body);
}
