// "Fill the history": how complete the stored history is, and a crawl that reads every
// pupil page of the MIS in the user's own session, one page at a time at a polite rate, with a
// progress bar, pause / resume / cancel, and a state kept after every page so it survives a closed
// browser (crawl-state.ts). The pages are read by the extension's own content script, exactly as when
// the user opens them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { keyDate } from '../../engine/dates.ts';
import type { PupilRow } from '../../messages/pupil-row.ts';
import type { CrawlTarget } from '../../messages/panel-messages.ts';
import { formatDate } from '../format.ts';
import { plural } from '../../engine/plural.ts';
import { crawlState, loadCrawlState, recordResult, type CrawlState } from './crawl-state.ts';

export interface CrawlApi {
  targets: () => Promise<{ ok: true; targets: CrawlTarget[]; unsupported: number } | { ok: false; error: string }>;
  /** Opens the page and resolves when the pupil has been read (or why not). */
  readPage: (t: CrawlTarget) => Promise<{ ok: true } | { ok: false; reason: string }>;
  loadState: () => Promise<unknown>;
  saveState: (s: CrawlState | null) => Promise<void>;
  /** Pause between pages (the polite rate). */
  delayMs: number;
  wait: (ms: number) => Promise<void>;
  /** Called when the crawl ends or is cancelled (close the reading tab). */
  done?: () => void;
}

export interface FillHistoryProps {
  pupils: readonly PupilRow[];
  api: CrawlApi;
  /** After each page: the summary may be reloaded. */
  onProgress: () => void;
  /** When the last page has been read. */
  onFinished: () => void;
}

/** The stored history in numbers: pupils, first and last session, pupils with gaps. */
export function historyStats(pupils: readonly PupilRow[]) {
  let first: number | null = null;
  let last: number | null = null;
  let withGaps = 0;
  for (const p of pupils) {
    const m = p.measures;
    if (m.firstKey !== null && (first === null || m.firstKey < first)) first = m.firstKey;
    if (m.lastKey !== null && (last === null || m.lastKey > last)) last = m.lastKey;
    if (m.missingMarks > 0) withGaps++;
  }
  return { pupils: pupils.length, first: first === null ? null : keyDate(first), last: last === null ? null : keyDate(last), withGaps };
}

export function FillHistory({ pupils, api, onProgress, onFinished }: FillHistoryProps) {
  const [state, setState] = useState<CrawlState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<CrawlState | null>(null);
  const looping = useRef(false);
  /** A page is being read: a pause takes effect when it is done. */
  const [busy, setBusy] = useState(false);
  const stats = historyStats(pupils);

  const update = (s: CrawlState | null) => {
    ref.current = s;
    setState(s);
    void api.saveState(s);
  };

  useEffect(() => {
    void api.loadState().then((raw) => {
      const s = loadCrawlState(raw);
      ref.current = s;
      setState(s);
    });
  }, []);

  const loop = async () => {
    if (looping.current) return;
    looping.current = true;
    setBusy(true);
    try {
      for (;;) {
        const s = ref.current;
        if (s === null || s.status !== 'running') break;
        const next = s.pending[0];
        if (next === undefined) {
          update({ ...s, status: 'finished' });
          break;
        }
        const r = await api.readPage(next);
        const cur = ref.current;
        if (cur === null) break; // cancelled while the page was being read
        update(recordResult(cur, next.pupilId, r));
        onProgress();
        if (ref.current?.status !== 'running') break;
        await api.wait(api.delayMs);
      }
    } finally {
      looping.current = false;
      setBusy(false);
      if (ref.current?.status !== 'running') api.done?.();
      if (ref.current?.status === 'finished') onFinished();
    }
  };

  const start = async () => {
    setError(null);
    const t = await api.targets();
    if (!t.ok) return setError(t.error);
    if (t.targets.length === 0) {
      return setError(
        t.unsupported > 0
          ? `The pupil pages of this MIS cannot be opened by address: import a CTF or marks CSV in Settings instead (${plural(t.unsupported, 'pupil')}).`
          : 'No pupils stored yet: open a register in your MIS first, so the extension knows who to read.',
      );
    }
    update(crawlState(t.targets, new Date()));
    void loop();
  };

  const running = state?.status === 'running';
  const pausing = state?.status === 'paused' && busy;
  const read = state === null ? 0 : state.done + state.failed.length;
  return (
    <section class="pn-card pn-no-print" aria-label="Fill the history" data-testid="fill-history">
      <h2>History stored</h2>
      <p>
        {plural(stats.pupils, 'pupil')}
        {stats.first !== null && stats.last !== null && `, sessions from ${formatDate(stats.first)} to ${formatDate(stats.last)}`}
        {stats.withGaps > 0 && `; ${plural(stats.withGaps, 'pupil')} with unmarked or unread school sessions`}.
      </p>
      {state === null || state.status === 'finished' ? (
        <button type="button" class="pn-btn" data-action="crawl-start" onClick={() => void start()}>
          Fill the history: read every pupil page
        </button>
      ) : null}
      {state !== null && (
        <div data-testid="crawl" data-status={pausing ? 'pausing' : state.status}>
          <progress max={state.total} value={read} style={{ width: '100%' }} aria-label="Pupil pages read" />
          <p data-testid="crawl-progress">
            {state.status === 'finished' ? 'Finished: ' : pausing ? 'Pausing after this page: ' : state.status === 'paused' ? 'Paused: ' : 'Reading: '}
            {read} of {state.total} pupil pages{state.failed.length > 0 && ` (${state.failed.length} not read)`}
            {state.status === 'running' && state.pending[0] !== undefined && ` — ${state.pending[0].name}`}
          </p>
          {state.status !== 'finished' && (
            <div class="pn-actions">
              {running || pausing ? (
                <button type="button" class="pn-btn" data-action="crawl-pause" disabled={pausing} onClick={() => update({ ...state, status: 'paused' })}>
                  Pause
                </button>
              ) : (
                <button
                  type="button"
                  class="pn-btn pn-btn-primary"
                  data-action="crawl-resume"
                  onClick={() => {
                    update({ ...state, status: 'running' });
                    void loop();
                  }}
                >
                  Resume
                </button>
              )}
              <button
                type="button"
                class="pn-btn"
                data-action="crawl-cancel"
                onClick={() => {
                  update(null);
                  api.done?.();
                }}
              >
                Cancel
              </button>
            </div>
          )}
          {state.failed.length > 0 && (
            <details>
              <summary>Pages not read</summary>
              <ul>
                {state.failed.slice(0, 50).map((f) => (
                  <li key={f.pupilId}>
                    {f.name} ({f.pupilId}): {f.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {error !== null && (
        <p class="pn-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
