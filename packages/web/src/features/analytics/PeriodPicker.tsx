import '../../lib/locales/analytics.ts';
import { Alert, Button, DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PeriodKind } from '@keqing/domain';
import { dateFormat } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

export type PeriodParams = { period: PeriodKind; date?: string; from?: string; to?: string };

const kinds: PeriodKind[] = ['cycle', 'month', 'quarter', 'custom'];

/** The dashboard period from the URL (`?period=&date=&from=&to=`), so a view can be bookmarked and shared. */
export function usePeriodParams(): PeriodParams {
  const [params] = useSearchParamsUpdate();
  const period = (kinds as string[]).includes(params.get('period') ?? '')
    ? (params.get('period') as PeriodKind)
    : 'cycle';
  const get = (key: string) => params.get(key) ?? undefined;
  if (period === 'custom' && get('from') && get('to')) return { period, from: get('from'), to: get('to') };
  return { period: period === 'custom' ? 'cycle' : period, date: get('date') };
}

/** 统计区间: cycle, month, quarter (any day in it) or a custom range; writes the URL. */
export function PeriodPicker() {
  const { t } = useTranslation();
  const [params, update] = useSearchParamsUpdate();
  const current = usePeriodParams();
  const shown = (params.get('period') as PeriodKind | null) ?? current.period;
  return (
    <Space wrap data-testid="period-picker">
      <Segmented<PeriodKind>
        value={shown}
        options={kinds.map((k) => ({ value: k, label: t(`analytics.period.${k}`) }))}
        onChange={(k) => update({ period: k, from: undefined, to: undefined })}
      />
      {shown === 'custom' ? (
        <DatePicker.RangePicker
          format={dateFormat}
          value={current.from && current.to ? [dayjs(current.from), dayjs(current.to)] : null}
          onChange={(range) =>
            update({ from: range?.[0]?.format(dateFormat), to: range?.[1]?.format(dateFormat) })
          }
        />
      ) : (
        <DatePicker
          picker={shown === 'month' ? 'month' : shown === 'quarter' ? 'quarter' : 'date'}
          format={shown === 'month' ? 'YYYY-MM' : shown === 'quarter' ? 'YYYY-[Q]Q' : dateFormat}
          value={current.date ? dayjs(current.date) : null}
          placeholder={t('analytics.period.current')}
          onChange={(d) => update({ date: d ? d.format(dateFormat) : undefined })}
        />
      )}
    </Space>
  );
}

/**
 * On the first working days of a period its figures are near zero (a new cycle starts on a Monday): say so and
 * offer the previous period, which is what a manager coaching on Monday morning wants to see.
 */
export function EarlyPeriodHint({
  period,
}: {
  period: { kind: PeriodKind; from: string; label: string; workingDays: number };
}) {
  const { t } = useTranslation();
  const [, update] = useSearchParamsUpdate();
  if (period.kind === 'custom' || period.workingDays > 2) return null;
  const previousDay = dayjs(period.from).subtract(1, 'day').format(dateFormat);
  return (
    <Alert
      type="info"
      showIcon
      className="kq-no-print"
      style={{ marginBottom: 16 }}
      data-testid="early-period-hint"
      title={t('analytics.period.early', {
        kind: t(`analytics.period.${period.kind}`),
        days: period.workingDays,
      })}
      action={
        <Button size="small" onClick={() => update({ date: previousDay })}>
          {t('analytics.period.previous')}
        </Button>
      }
    />
  );
}
