// The whole-school summary: pupils per band, PA and SA rates beside the national figures
// (source and year shown), EPN threshold met / within 2 sessions, statutory returns due, stage
// suggestions and reviews due, data-quality problems, and how complete the stored history is. Every
// count is a button that filters the pupil table to those pupils.
import type { PupilRow } from '../../messages/pupil-row.ts';
import type { SummaryCounts } from '../../messages/messages.ts';
import { formatDate } from '../format.ts';
import { plural } from '../../engine/plural.ts';
import { NATIONAL_FIGURES } from './national-figures.ts';
import { hasFlag, type FlagId } from './panel-data.ts';

export interface SummaryViewProps {
  counts: SummaryCounts;
  pupils: readonly PupilRow[];
  asOf: string;
  policyName: string;
  schoolSessions: number;
  /** Stage id → label in the policy. */
  stageLabels: Record<string, string>;
  activeFlag: FlagId | '';
  activeBand: string;
  onFlag: (flag: FlagId | '') => void;
  onBand: (band: string) => void;
}

/** One decimal, for display only (domain.md §3). */
export function rate(part: number, whole: number): string {
  return whole === 0 ? '–' : `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%`;
}

function Stat({ n, label, sub, pressed, onClick, flag }: { n: number | string; label: string; sub?: string; pressed: boolean; onClick: () => void; flag?: string }) {
  return (
    <button type="button" class="pn-stat" aria-pressed={pressed} data-flag={flag} onClick={onClick}>
      <b>{n}</b>
      <span>{label}</span>
      {sub !== undefined && <small>{sub}</small>}
    </button>
  );
}

export function SummaryView(props: SummaryViewProps) {
  const { counts, pupils, asOf } = props;
  const toggle = (f: FlagId) => props.onFlag(props.activeFlag === f ? '' : f);
  const reviewsDue = pupils.filter((p) => hasFlag(p, 'review-due', asOf)).length;
  const returns = pupils.filter((p) => hasFlag(p, 'returns', asOf)).length;
  const n = NATIONAL_FIGURES;
  return (
    <section aria-label="Whole-school summary">
      <p class="pn-sub">
        {plural(counts.pupils, 'pupil')} · as of {formatDate(asOf)} · policy: {props.policyName} · {plural(props.schoolSessions, 'school session')} learned
        this year
      </p>
      <h2>Bands</h2>
      <div class="pn-grid" data-testid="bands">
        {counts.bands.map((b) => (
          <button
            type="button"
            class="pn-stat"
            key={b.id ?? 'none'}
            data-band={b.id ?? 'none'}
            aria-pressed={props.activeBand === (b.id ?? 'none')}
            onClick={() => props.onBand(props.activeBand === (b.id ?? 'none') ? '' : (b.id ?? 'none'))}
          >
            <b>{b.count}</b>
            <span>
              {b.colour !== null && <span class="pn-swatch" style={{ background: b.colour }} aria-hidden="true" />}
              {b.label ?? 'No band yet'}
            </span>
          </button>
        ))}
      </div>
      <h2>Flags</h2>
      <div class="pn-grid" data-testid="flags">
        <Stat
          flag="persistent"
          n={counts.persistent}
          label="Persistent absence"
          sub={`${rate(counts.persistent, counts.pupils)} of pupils · national ${n.persistentPct.toFixed(1)}%`}
          pressed={props.activeFlag === 'persistent'}
          onClick={() => toggle('persistent')}
        />
        <Stat
          flag="severe"
          n={counts.severe}
          label="Severe absence"
          sub={`${rate(counts.severe, counts.pupils)} of pupils · national ${n.severePct.toFixed(1)}%`}
          pressed={props.activeFlag === 'severe'}
          onClick={() => toggle('severe')}
        />
        <Stat
          flag="epn-met"
          n={counts.epnMet}
          label="EPN threshold met"
          sub={counts.epnProvisional > 0 ? `${counts.epnProvisional} provisional (N codes)` : undefined}
          pressed={props.activeFlag === 'epn-met'}
          onClick={() => toggle('epn-met')}
        />
        <Stat flag="epn-near" n={counts.epnWithin2} label="Within 2 sessions of EPN" pressed={props.activeFlag === 'epn-near'} onClick={() => toggle('epn-near')} />
        <Stat
          flag="returns"
          n={returns}
          label="Statutory returns due"
          sub={`${counts.attendanceReturnsDue} attendance · ${counts.sicknessReturnsDue} sickness`}
          pressed={props.activeFlag === 'returns'}
          onClick={() => toggle('returns')}
        />
        <Stat flag="review-due" n={reviewsDue} label="Reviews due within 7 days" pressed={props.activeFlag === 'review-due'} onClick={() => toggle('review-due')} />
        <Stat
          flag="stage-suggested"
          n={Object.values(counts.stageSuggestions).reduce((a, b) => a + b, 0)}
          label="Stage suggestions"
          sub={Object.entries(counts.stageSuggestions)
            .map(([id, c]) => `${props.stageLabels[id] ?? id}: ${c}`)
            .join(' · ')}
          pressed={props.activeFlag === 'stage-suggested'}
          onClick={() => toggle('stage-suggested')}
        />
        <Stat
          flag="data-problems"
          n={counts.pupilsWithDataProblems}
          label="Pupils with data problems"
          sub={Object.entries(counts.dataProblems)
            .map(([k, c]) => `${k}: ${c}`)
            .join(' · ')}
          pressed={props.activeFlag === 'data-problems'}
          onClick={() => toggle('data-problems')}
        />
      </div>
      <p class="pn-national" data-testid="national">
        National figures: persistent absence {n.persistentPct.toFixed(1)}%, severe absence {n.severePct.toFixed(1)}% of pupils; overall absence{' '}
        {n.overallAbsencePct.toFixed(1)}% of sessions. Source: {n.source}, {n.year}. School rates are year to date; national rates are for a full year.
      </p>
    </section>
  );
}
