// The sortable pupil table. Sorting and filtering happen in memory (panel-data.ts); the
// table renders one page of rows at a time so 2,000 pupils stay fast.
import type { PupilRow } from '../../messages/pupil-row.ts';
import { bandText } from '../../engine/policy/band-text.ts';
import { formatPct } from '../format.ts';
import { yearLabel, type SortKey, type SortState } from './panel-data.ts';

export const PAGE_SIZE = 50;

export interface PupilTableProps {
  pupils: readonly PupilRow[];
  sort: SortState;
  onSort: (s: SortState) => void;
  page: number;
  onPage: (page: number) => void;
  onOpen: (pupilId: string) => void;
}

const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'name', label: 'Pupil' },
  { key: 'yearGroup', label: 'Year' },
  { key: 'className', label: 'Class' },
  { key: 'attendance', label: 'Attendance', num: true },
  { key: 'unauthorised', label: 'Unauth.', num: true },
  { key: 'epn', label: 'EPN window', num: true },
  { key: 'brokenWeeks', label: 'Broken wks', num: true },
  { key: 'stage', label: 'Suggested stage' },
];

export function PupilTable({ pupils, sort, onSort, page, onPage, onOpen }: PupilTableProps) {
  const pages = Math.max(1, Math.ceil(pupils.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = pupils.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const header = (c: (typeof COLUMNS)[number]) => {
    const active = sort.key === c.key;
    const next: SortState = { key: c.key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' };
    return (
      <th key={c.key} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} class={c.num ? 'num' : undefined}>
        <button type="button" data-sort={c.key} onClick={() => onSort(next)}>
          {c.label}
          {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    );
  };
  return (
    <div>
      <div class="pn-scroll">
      <table class="pn-table" data-testid="pupil-table">
        <thead>
          <tr>
            {COLUMNS.map(header)}
            <th>Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.pupilId} data-pupil={p.pupilId}>
              <td>
                <button type="button" class="pn-link" onClick={() => onOpen(p.pupilId)}>
                  {p.name}
                </button>
              </td>
              <td>{p.attributes?.yearGroup === undefined ? '' : yearLabel(p.attributes.yearGroup)}</td>
              <td>{p.attributes?.className ?? ''}</td>
              <td class="num">
                {formatPct(p.measures.attendancePct)}
                <br />
                <small>{bandText(p.band, p.measures)}</small>
              </td>
              <td class="num">{p.measures.unauthorised}</td>
              <td class="num">{p.epn.currentSessions}</td>
              <td class="num">
                {p.measures.brokenWeeks}/{p.measures.schoolWeeks}
              </td>
              <td>{p.stage.label ?? ''}</td>
              <td>
                {p.epn.met && <span class="pn-tag pn-tag-warn">EPN{p.epn.provisional ? ' (prov.)' : ''}</span>}
                {p.measures.severe ? <span class="pn-tag pn-tag-warn">SA</span> : p.measures.persistent && <span class="pn-tag">PA</span>}
                {p.attendanceReturn && <span class="pn-tag pn-tag-warn">10-day return</span>}
                {p.sicknessReturn && <span class="pn-tag pn-tag-warn">15-day return</span>}
                {p.findings.length > 0 && <span class="pn-tag">data</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {pupils.length === 0 && <p>No pupils match these filters.</p>}
      <div class="pn-pager pn-no-print">
        <button type="button" class="pn-btn" disabled={current === 0} onClick={() => onPage(current - 1)}>
          Previous
        </button>
        <span data-testid="page-info">
          Page {current + 1} of {pages} · {pupils.length} pupils
        </span>
        <button type="button" class="pn-btn" disabled={current >= pages - 1} onClick={() => onPage(current + 1)}>
          Next
        </button>
      </div>
    </div>
  );
}
