import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { KpiFigures } from '@keqing/shared';
import { formatNumber } from '../../lib/format.ts';
import type { drillHref } from './drill-link.ts';
import { CallsPerDay, FigureLink, pctText } from './figures.tsx';

type DrillTarget = Parameters<typeof drillHref>[1];
type Norms = { minCallsPerDay: number; maxCallsPerDay: number; minObjectives: number };

/** Target doctors below their frequency, over all grades. */
export const belowOf = (k: Pick<KpiFigures, 'byGrade'>) =>
  k.byGrade.reduce((n, g) => n + g.belowFrequencyDoctors, 0);

/**
 * The figure columns of a KPI table — a rep of the team dashboard or a unit of the region view read alike.
 * `drillTo` gives the records behind a figure (undefined: no list to open, e.g. a region row).
 */
export function kpiFigureColumns<T extends KpiFigures>(
  t: TFunction,
  norms: Norms,
  drillTo: (row: T, target: DrillTarget) => string | undefined,
): ColumnsType<T> {
  const count = (v: number) => formatNumber(v);
  return [
    {
      title: t('analytics.figures.calls'),
      dataIndex: 'calls',
      align: 'right',
      render: (v: number, r) => (
        <FigureLink to={drillTo(r, { metric: 'calls', kind: 'all' })}>{count(v)}</FigureLink>
      ),
    },
    {
      title: t('analytics.figures.callsPerWorkingDay'),
      dataIndex: 'callsPerWorkingDay',
      align: 'right',
      render: (v: number | null) => (
        <CallsPerDay value={v} min={norms.minCallsPerDay} max={norms.maxCallsPerDay} />
      ),
    },
    {
      title: t('analytics.figures.objectiveSharePct', { n: norms.minObjectives }),
      dataIndex: 'objectiveSharePct',
      align: 'right',
      render: (v: number | null, r) => (
        <FigureLink to={drillTo(r, { metric: 'calls', kind: 'fewObjectives' })}>{pctText(v)}</FigureLink>
      ),
    },
    {
      title: t('analytics.figures.shortCalls'),
      dataIndex: 'shortCalls',
      align: 'right',
      render: (v: number, r) => (
        <FigureLink to={drillTo(r, { metric: 'calls', kind: 'short' })}>{count(v)}</FigureLink>
      ),
    },
    {
      title: t('analytics.figures.burstCalls'),
      dataIndex: 'burstCalls',
      align: 'right',
      render: (v: number, r) => (
        <FigureLink to={drillTo(r, { metric: 'calls', kind: 'burst' })}>{count(v)}</FigureLink>
      ),
    },
    {
      title: t('analytics.figures.coverage'),
      key: 'coverage',
      align: 'right',
      render: (_, r) => (
        <FigureLink to={drillTo(r, { metric: 'doctors', state: 'uncovered' })}>
          {count(r.coveredDoctors)}/{count(r.targetDoctors)} · {pctText(r.coveragePct)}
        </FigureLink>
      ),
    },
    {
      title: t('analytics.figures.frequencyPct'),
      dataIndex: 'frequencyPct',
      align: 'right',
      render: (v: number | null, r) => (
        <FigureLink to={drillTo(r, { metric: 'doctors', state: 'belowFrequency' })}>{pctText(v)}</FigureLink>
      ),
    },
    {
      title: t('analytics.figures.belowFrequencyDoctors'),
      key: 'below',
      align: 'right',
      render: (_, r) => (
        <FigureLink to={drillTo(r, { metric: 'doctors', state: 'belowFrequency' })}>
          {count(belowOf(r))}
        </FigureLink>
      ),
    },
    {
      title: t('analytics.figures.ladder'),
      key: 'ladder',
      align: 'right',
      render: (_, r) => `↑${count(r.ladderUp)} ↓${count(r.ladderDown)}`,
    },
    {
      title: t('analytics.figures.stage'),
      key: 'stage',
      align: 'right',
      render: (_, r) => `↑${count(r.stageUp)} ↓${count(r.stageDown)}`,
    },
    { title: t('analytics.figures.quota'), dataIndex: 'quota', align: 'right', render: count },
    { title: t('analytics.figures.actual'), dataIndex: 'actual', align: 'right', render: count },
    {
      title: t('analytics.figures.attainmentPct'),
      dataIndex: 'attainmentPct',
      align: 'right',
      render: (v: number | null) => pctText(v),
    },
    { title: t('analytics.figures.coVisits'), dataIndex: 'coVisits', align: 'right', render: count },
    {
      title: t('analytics.figures.overdueFollowUps'),
      dataIndex: 'overdueFollowUps',
      align: 'right',
      render: (v: number, r) => <FigureLink to={drillTo(r, { metric: 'follow-ups' })}>{count(v)}</FigureLink>,
    },
    {
      title: t('analytics.figures.channelWarnings'),
      dataIndex: 'channelWarnings',
      align: 'right',
      render: (v: number) => <FigureLink to={v ? '/channel/warnings' : undefined}>{count(v)}</FigureLink>,
    },
  ];
}
