import '../../lib/locales/time.ts';
import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { quadrants, timeActivities, type TimeActivity, type TimeEntryKind } from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { chinaToday, dateFormat, formatNumber, isAfterChinaToday } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { RepPicker, useRepParam } from './RepPicker.tsx';
import { addDays, mondayOf } from '../planning/plan-dates.ts';
import {
  useCreateTimeEntry,
  useDeleteTimeEntry,
  useTimeEntries,
  useTimeReview,
  type TimeReview,
} from './time.api.ts';

const TimeReviewChart = lazy(() => import('./TimeReviewChart.tsx'));

const minuteChips = [15, 30, 60, 90] as const;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

type ActivityRow = TimeReview['activities'][number];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * 快速记录: pick a day, an activity chip, then a minutes chip — each chip click logs at once (with the note, if any),
 * so a day of 5–6 entries takes well under a minute. The day's entries are listed to delete a mistake.
 */
function QuickLog({ weekStart }: { weekStart: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [day, setDay] = useState(() => {
    const today = chinaToday();
    return today >= weekStart && today <= addDays(weekStart, 6) ? today : weekStart;
  });
  const [kind, setKind] = useState<TimeEntryKind>('actual');
  const [activity, setActivity] = useState<TimeActivity | null>(null);
  const [custom, setCustom] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const create = useCreateTimeEntry();
  const remove = useDeleteTimeEntry();
  const entries = useTimeEntries(day, day, undefined);

  const log = (minutes: number) => {
    if (!activity) {
      void message.warning(t('time.log.pickActivity'));
      return;
    }
    create.mutate(
      { clientId: crypto.randomUUID(), date: day, activity, kind, minutes, note: note.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('time.log.saved', { minutes }));
          setNote('');
          setCustom(null);
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };

  const items = entries.data?.items ?? [];
  const total = (k: TimeEntryKind) => items.filter((e) => e.kind === k).reduce((s, e) => s + e.minutes, 0);

  return (
    <Card size="small" title={t('time.log.title')} data-testid="time-quick-log">
      <Flex vertical gap={12}>
        <Flex wrap gap={8} align="center">
          <DatePicker
            allowClear={false}
            value={dayjs(day)}
            onChange={(d) => d && setDay(d.format(dateFormat))}
            disabledDate={kind === 'actual' ? isAfterChinaToday : undefined}
            data-testid="time-log-day"
          />
          <Segmented<TimeEntryKind>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'actual', label: t('time.kind.actual') },
              { value: 'planned', label: t('time.kind.planned') },
            ]}
          />
        </Flex>
        <Flex wrap gap={6} data-testid="time-log-activities">
          {timeActivities.map((a) => (
            <Tag.CheckableTag
              key={a}
              checked={activity === a}
              onChange={(checked) => setActivity(checked ? a : null)}
              style={{ padding: '4px 12px', fontSize: 14 }}
              data-testid={`time-log-activity-${a}`}
            >
              {t(`time.activity.${a}`)}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          placeholder={t('time.log.note')}
          allowClear
        />
        <Flex wrap gap={6} align="center">
          {minuteChips.map((m) => (
            <Button
              key={m}
              onClick={() => log(m)}
              disabled={!activity}
              loading={create.isPending}
              data-testid={`time-log-minutes-${m}`}
            >
              +{m}
            </Button>
          ))}
          <InputNumber
            min={1}
            max={720}
            precision={0}
            value={custom}
            onChange={(v) => setCustom(v)}
            placeholder={t('time.log.minutes')}
            style={{ width: 100 }}
          />
          <Button type="primary" disabled={!activity || !custom} onClick={() => custom && log(custom)}>
            {t('time.log.save')}
          </Button>
        </Flex>
        <Typography.Text type="secondary" data-testid="time-log-day-total">
          {t('time.log.dayTotal', { actual: total('actual'), planned: total('planned') })}
        </Typography.Text>
        {items.length ? (
          <Flex vertical gap={4} data-testid="time-log-entries">
            {items.map((e) => (
              <Flex key={e.id} justify="space-between" align="center" gap={8}>
                <span>
                  <Tag>{t(`time.kind.${e.kind}`)}</Tag>
                  {t(`time.activity.${e.activity}`)} · {t('time.review.minutes', { minutes: e.minutes })}
                  {e.note ? <Typography.Text type="secondary"> · {e.note}</Typography.Text> : null}
                </span>
                <Popconfirm
                  title={t('time.log.delete')}
                  onConfirm={() =>
                    remove.mutate(e.id, {
                      onSuccess: () => void message.success(t('time.log.deleted')),
                      onError: (err) => void message.error(errorText(err)),
                    })
                  }
                >
                  <Button size="small" type="link" danger>
                    {t('time.log.delete')}
                  </Button>
                </Popconfirm>
              </Flex>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 时间周回顾: a week's planned vs actual minutes by activity (chart and table), tasks done, and the quick log. */
export default function TimeReviewPage() {
  const { t } = useTranslation();
  const [params, setParam] = useSearchParamsUpdate();
  const repId = useRepParam();
  const weekParam = params.get('week');
  const weekStart = mondayOf(weekParam && isoDatePattern.test(weekParam) ? weekParam : chinaToday());
  const review = useTimeReview(weekStart, repId);
  const data = review.data;

  const chart = useMemo(
    () =>
      data
        ? {
            categories: data.activities.map((a) => t(`time.activity.${a.activity}`)),
            planned: data.activities.map((a) => a.plannedMinutes),
            actual: data.activities.map((a) => a.actualMinutes),
          }
        : null,
    [data, t],
  );
  const chartLabels = useMemo(
    () => ({ planned: t('time.review.planned'), actual: t('time.review.actual') }),
    [t],
  );

  const columns: ColumnsType<ActivityRow> = [
    {
      title: t('time.review.activity'),
      dataIndex: 'activity',
      render: (a: TimeActivity) => t(`time.activity.${a}`),
    },
    { title: t('time.review.planned'), dataIndex: 'plannedMinutes', align: 'right', render: formatNumber },
    { title: t('time.review.actual'), dataIndex: 'actualMinutes', align: 'right', render: formatNumber },
    {
      title: t('time.review.gap'),
      dataIndex: 'gapMinutes',
      align: 'right',
      render: (g: number, r) => (
        <Typography.Text
          type={g === 0 ? undefined : g > 0 ? 'warning' : 'danger'}
          strong={data?.biggestGaps.includes(r.activity)}
        >
          {g > 0 ? `+${formatNumber(g)}` : formatNumber(g)}
        </Typography.Text>
      ),
    },
    { title: t('time.review.plannedShare'), dataIndex: 'plannedSharePct', align: 'right', render: pct },
    { title: t('time.review.actualShare'), dataIndex: 'actualSharePct', align: 'right', render: pct },
  ];

  return (
    <div>
      <PageHeader
        title={t('time.reviewTitle')}
        subTitle={t('time.reviewHint')}
        extra={
          <>
            <RepPicker testId="review-rep-picker" />
            <DatePicker
              picker="week"
              allowClear={false}
              value={dayjs(weekStart)}
              format={(d) => {
                const monday = mondayOf(d.format(dateFormat));
                return `${monday} – ${addDays(monday, 6)}`;
              }}
              onChange={(d) => d && setParam({ week: mondayOf(d.format(dateFormat)) })}
              style={{ width: 240 }}
              data-testid="review-week"
            />
            <Link to={repId ? `/tasks?rep=${repId}` : '/tasks'} data-testid="to-tasks">
              <Button>{t('time.toTasks')}</Button>
            </Link>
          </>
        }
      />
      {review.error ? (
        <Alert type="error" showIcon title={t('time.loadFailed', { error: errorText(review.error) })} />
      ) : !data || !chart ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('time.review.chartTitle')}>
              <Suspense fallback={<Skeleton active />}>
                <TimeReviewChart {...chart} labels={chartLabels} />
              </Suspense>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {data.biggestGaps.length
                  ? t('time.review.biggestGaps', {
                      list: data.biggestGaps.map((a) => t(`time.activity.${a}`)).join('、'),
                    })
                  : t('time.review.noGaps')}
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('time.review.tasksDone')} data-testid="review-tasks-done">
              <Flex wrap gap={8}>
                {quadrants.map((q) => (
                  <Tag key={q} data-testid={`review-done-${q}`}>
                    {t(`time.quadrant.${q}`)}：{data.tasksDone[q]}
                  </Tag>
                ))}
                <Tag>{t('time.review.tasksDropped', { count: data.tasksDropped })}</Tag>
              </Flex>
            </Card>
          </Col>
          <Col xs={24}>
            <Table<ActivityRow>
              size="small"
              rowKey="activity"
              columns={columns}
              dataSource={data.activities}
              pagination={false}
              data-testid="review-table"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('time.review.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {formatNumber(data.plannedTotal)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {formatNumber(data.actualTotal)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatNumber(data.actualTotal - data.plannedTotal)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} />
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              )}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="review-calls-source">
              {t('time.review.callsSource', {
                loggedPlanned: data.calls.loggedPlannedMinutes,
                plannedCalls: data.calls.plannedCallsCount,
                plannedMinutes: data.calls.plannedCallsMinutes,
                loggedActual: data.calls.loggedActualMinutes,
                calls: data.calls.submittedCallsCount,
                callMinutes: data.calls.submittedCallsMinutes,
              })}
            </Typography.Paragraph>
          </Col>
        </Row>
      )}
      {!repId ? (
        <div style={{ marginTop: 16 }}>
          <QuickLog key={weekStart} weekStart={weekStart} />
        </div>
      ) : null}
    </div>
  );
}
