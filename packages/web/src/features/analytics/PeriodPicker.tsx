import '../../lib/locales/analytics.ts';
import { DatePicker, Segmented, Space } from 'antd';
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
