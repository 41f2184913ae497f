// The attendance lead's side panel: summary, filters, the pupil table, the pupil view
// with its case record, exports and the printable governors' summary. Talks to the background only
// through `api` (the entrypoint passes the real messaging; tests pass a fake at that edge).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_POLICY_ID, presetById } from '../../engine/policy/presets/index.ts';
import type { Policy } from '../../engine/policy/schema.ts';
import type { CaseEvent, PupilResult } from '../../engine/types.ts';
import type { Completeness, QuerySummaryReply, StoredPupil } from '../../messages/messages.ts';
import { formatDate } from '../format.ts';
import { PupilTable } from './pupil-table.tsx';
import { PupilView } from './pupil-view.tsx';
import {
  FLAGS,
  FLAG_IDS,
  NO_FILTERS,
  PRESET_LISTS,
  filterOptions,
  filterPupils,
  flaggedCsv,
  hasFlag,
  sortPupils,
  type FlagId,
  type PanelFilters,
  type SortState,
  type YesNo,
  yearLabel,
} from './panel-data.ts';
import { FillHistory, type CrawlApi } from './fill-history.tsx';
import { SummaryView } from './summary-view.tsx';

export interface PanelApi {
  querySummary: () => Promise<QuerySummaryReply | { ok: false; error: string }>;
  /** One pupil's full result (the evidence: the summary has only compact rows), completeness and stored record. */
  pupilDetail: (pupilId: string) => Promise<{ ok: true; result?: PupilResult | null; completeness?: Completeness; stored?: StoredPupil } | { ok: false; error: string }>;
  addCaseEvent: (pupilId: string, event: CaseEvent) => Promise<{ ok: true } | { ok: false; error: string }>;
  /** Saves a file for the user (a download in the extension page). */
  download: (fileName: string, text: string, mime: string) => void;
  print: () => void;
  openOptions?: () => void;
  /** "Fill the history" (absent where pages cannot be opened, e.g. in component tests). */
  crawl?: CrawlApi;
}

/** `result` undefined: loading; null: no longer stored. */
type Detail = { pupilId: string; result?: PupilResult | null; completeness?: Completeness; stored?: StoredPupil; error?: string };

export function SidePanel({ api, startupNotice }: { api: PanelApi; startupNotice?: string }) {
  const [data, setData] = useState<QuerySummaryReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<PanelFilters>(NO_FILTERS);
  const [sort, setSort] = useState<SortState>({ key: 'attendance', dir: 'asc' });
  const [page, setPage] = useState(0);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [notice, setNotice] = useState<string | null>(startupNotice ?? null);
  const lastReload = useRef(0);

  const load = async () => {
    const r = await api.querySummary();
    if (!r.ok) setError(r.error);
    else {
      setError(null);
      setData(r);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  // The policy comes with the summary: it may be the user's edited policy, not a preset.
  const policy: Policy = data?.policy ?? (presetById(DEFAULT_POLICY_ID) as Policy);
  const stageLabels = useMemo(() => Object.fromEntries(policy.stages.map((s) => [s.id, s.label])), [policy]);
  const options = useMemo(() => filterOptions(data?.pupils ?? []), [data]);
  const filtered = useMemo(() => (data ? filterPupils(data.pupils, filters, data.asOf) : []), [data, filters]);
  const sorted = useMemo(() => sortPupils(filtered, sort), [filtered, sort]);

  const set = (patch: Partial<PanelFilters>) => {
    setFilters({ ...filters, ...patch });
    setPage(0);
  };

  const openPupil = async (pupilId: string) => {
    // Reopening the same pupil (after a case record) keeps the shown result until the new one arrives.
    setDetail((d) => (d?.pupilId === pupilId ? d : { pupilId }));
    const r = await api.pupilDetail(pupilId);
    setDetail(r.ok ? { pupilId, result: r.result ?? null, completeness: r.completeness, stored: r.stored } : { pupilId, result: null, error: r.error });
  };

  const exportList = (flag: FlagId | null) => {
    if (!data) return;
    const list = flag === null ? sorted : sortPupils(data.pupils.filter((p) => hasFlag(p, flag, data.asOf)), { key: 'name', dir: 'asc' });
    const name = `attendance-${flag ?? 'filtered'}-${data.asOf}.csv`;
    api.download(name, flaggedCsv(list, data.asOf, data.policyId), 'text/csv;charset=utf-8');
    setNotice(`Exported ${list.length} pupils to ${name}.`);
  };

  if (error !== null && data === null) {
    return (
      <main class="pn">
        <h1>Attendance</h1>
        <p class="pn-error" role="alert">
          {error}
        </p>
        <button type="button" class="pn-btn" onClick={() => void load()}>
          Try again
        </button>
      </main>
    );
  }
  if (data === null) return <main class="pn">Loading…</main>;

  if (detail !== null) {
    const result = detail.result;
    if (result === undefined) return <main class="pn">Loading…</main>;
    if (result === null) {
      return (
        <main class="pn">
          <p class="pn-error">{detail.error ?? 'This pupil is no longer stored.'}</p>
          <button type="button" class="pn-btn" onClick={() => setDetail(null)}>
            ← All pupils
          </button>
        </main>
      );
    }
    return (
      <main class="pn">
        {detail.error !== undefined && <p class="pn-error">{detail.error}</p>}
        <PupilView
          result={result}
          completeness={detail.completeness}
          stored={detail.stored}
          policy={policy}
          asOf={data.asOf}
          onBack={() => setDetail(null)}
          onAddEvent={async (event) => {
            const r = await api.addCaseEvent(detail.pupilId, event);
            if (!r.ok) return r.error;
            // The next suggestion and review dates come from the engine with the new record.
            await load();
            await openPupil(detail.pupilId);
            return null;
          }}
        />
      </main>
    );
  }

  const yn = (label: string, key: 'fsm' | 'pp' | 'socialWorker') => (
    <label>
      {label}
      <select data-filter={key} value={filters[key]} onChange={(e) => set({ [key]: (e.target as HTMLSelectElement).value as YesNo })}>
        <option value="">Any</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  );

  return (
    <main class="pn">
      <div class="pn-actions pn-no-print" style={{ justifyContent: 'space-between' }}>
        <h1>Attendance — whole school</h1>
        <span>
          <button type="button" class="pn-btn" onClick={() => void load()}>
            Refresh
          </button>{' '}
          <button type="button" class="pn-btn" data-action="print" onClick={() => api.print()}>
            Governors' summary (print)
          </button>{' '}
          {api.openOptions && (
            <button type="button" class="pn-btn" onClick={() => api.openOptions?.()}>
              Settings
            </button>
          )}
        </span>
      </div>
      <div class="pn-print-only">
        <h1>Attendance summary for governors — {formatDate(data.asOf)}</h1>
      </div>
      {error !== null && <p class="pn-error">{error}</p>}
      {data.policyProblem !== undefined && (
        <p class="pn-error" role="alert" data-testid="policy-problem">
          {data.policyProblem}
        </p>
      )}
      {api.crawl !== undefined && (
        <FillHistory
          pupils={data.pupils}
          api={api.crawl}
          onProgress={() => {
            // Recomputing the whole school after every page would slow the crawl: at most every 5 s.
            if (Date.now() - lastReload.current < 5000) return;
            lastReload.current = Date.now();
            void load();
          }}
          onFinished={() => void load()}
        />
      )}
      <SummaryView
        counts={data.counts}
        pupils={data.pupils}
        asOf={data.asOf}
        policyName={policy.name}
        schoolSessions={data.schoolSessions}
        stageLabels={stageLabels}
        activeFlag={filters.flag}
        activeBand={filters.band}
        onFlag={(flag) => set({ flag })}
        onBand={(band) => set({ band })}
      />
      <section class="pn-no-print" aria-label="Pupils">
        <h2>Pupils</h2>
        <div class="pn-filters">
          <label>
            Search
            <input type="search" data-filter="search" value={filters.search} placeholder="name or id" onInput={(e) => set({ search: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            Year group
            <select data-filter="yearGroup" value={filters.yearGroup} onChange={(e) => set({ yearGroup: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              {options.yearGroups.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(y)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Class
            <select data-filter="className" value={filters.className} onChange={(e) => set({ className: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              {options.classes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            SEN
            <select data-filter="sen" value={filters.sen} onChange={(e) => set({ sen: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              {options.sen.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          {yn('FSM', 'fsm')}
          {yn('Pupil premium', 'pp')}
          {yn('Social worker', 'socialWorker')}
          <label>
            Band
            <select data-filter="band" value={filters.band} onChange={(e) => set({ band: (e.target as HTMLSelectElement).value })}>
              <option value="">Any</option>
              {policy.bands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label}
                </option>
              ))}
              <option value="none">No band yet</option>
            </select>
          </label>
          <label>
            Flag
            <select data-filter="flag" value={filters.flag} onChange={(e) => set({ flag: (e.target as HTMLSelectElement).value as FlagId | '' })}>
              <option value="">Any</option>
              {FLAG_IDS.map((f) => (
                <option key={f} value={f}>
                  {FLAGS[f]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="pn-btn" onClick={() => set(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
        <div class="pn-actions">
          <button type="button" class="pn-btn pn-btn-primary" data-export="filtered" onClick={() => exportList(null)}>
            Export this list (CSV, {sorted.length})
          </button>
          {PRESET_LISTS.map((f) => (
            <button type="button" class="pn-btn" key={f} data-export={f} onClick={() => exportList(f)}>
              Export: {FLAGS[f]}
            </button>
          ))}
        </div>
        {notice !== null && (
          <p class="pn-ok" role="status">
            {notice}
          </p>
        )}
        <PupilTable pupils={sorted} sort={sort} onSort={setSort} page={page} onPage={setPage} onOpen={(id) => void openPupil(id)} />
      </section>
    </main>
  );
}
