import { Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DailyCounts, DailySummaryDto, DeviationDto } from '@keqing/shared';
import { formatDateTime, formatFen } from '../../lib/format.ts';

export type DayStatus = 'unsaved' | 'draft' | 'submitted' | 'missing';
const statusColor: Record<DayStatus, string> = {
  unsaved: 'default',
  draft: 'gold',
  submitted: 'green',
  missing: 'red',
};

export function StatusTag({ status }: { status: DayStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="report-status">
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

/** The day's figures: plan vs done first (what a manager looks at), then the rest. */
export function CountsLine({ counts }: { counts: DailyCounts }) {
  const { t } = useTranslation();
  const keys = ['calls', 'unplannedCalls', 'callMinutes', 'careActions', 'followUpsDone'] as const;
  return (
    <Flex wrap gap={6} data-testid="report-counts">
      <Tag color={counts.plannedDone < counts.planned ? 'orange' : 'blue'}>
        {t('reports.counts.plannedDone')} {counts.plannedDone}/{counts.planned}
      </Tag>
      {keys.map((k) => (
        <Tag key={k}>
          {t(`reports.counts.${k}`)} {counts[k]}
        </Tag>
      ))}
    </Flex>
  );
}

/** Deviations read-only, each with its reason (or a warning without one). */
export function DeviationLines({ deviations }: { deviations: DeviationDto[] }) {
  const { t } = useTranslation();
  if (deviations.length === 0)
    return <Typography.Text type="secondary">{t('reports.deviations.none')}</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="report-deviations">
      {deviations.map((d) => (
        <div key={d.plannedCallId}>
          <Typography.Text>
            {t(`reports.deviations.halfDay.${d.halfDay}`)} · {d.hospitalName} {d.doctorName}
          </Typography.Text>{' '}
          {d.reason ? (
            <Tag color="purple">{t(`reports.reason.${d.reason}`)}</Tag>
          ) : (
            <Tag color="red">{t('reports.deviations.noReason')}</Tag>
          )}
          {d.note ? <Typography.Text type="secondary">{d.note}</Typography.Text> : null}
        </div>
      ))}
    </Flex>
  );
}

/** The drafted lines: calls with objectives and duration, care actions, follow-ups done. */
export function SummaryLines({ summary }: { summary: DailySummaryDto }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">{t('reports.lines.none')}</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Text strong>{t('reports.lines.calls')}</Typography.Text>
        {summary.calls.length === 0 ? (
          <div>{none}</div>
        ) : (
          <List
            size="small"
            dataSource={summary.calls}
            data-testid="report-calls"
            renderItem={(c) => (
              <List.Item key={c.id}>
                <Flex vertical>
                  <span>
                    {formatDateTime(c.startAt).slice(11)} · {c.hospitalName} {c.doctorName} ·{' '}
                    {t('reports.lines.minutes', { n: c.minutes })}
                    {c.plannedCallId ? null : (
                      <Tag style={{ marginLeft: 6 }}>{t('reports.lines.unplanned')}</Tag>
                    )}
                  </span>
                  {c.objectives.length ? (
                    <Typography.Text type="secondary">{c.objectives.join('；')}</Typography.Text>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </div>
      <div>
        <Typography.Text strong>{t('reports.lines.careActions')}</Typography.Text>
        <div>
          {summary.careActions.length === 0
            ? none
            : summary.careActions.map((a) => (
                <div key={a.id}>
                  {a.doctorName} · {a.purpose} · {formatFen(a.valueFen)}
                </div>
              ))}
        </div>
      </div>
      <div>
        <Typography.Text strong>{t('reports.lines.followUpsDone')}</Typography.Text>
        <div>
          {summary.followUpsDone.length === 0
            ? none
            : summary.followUpsDone.map((f) => (
                <div key={f.id}>
                  {f.doctorName} · {f.title}
                </div>
              ))}
        </div>
      </div>
    </Flex>
  );
}

/** Highlights, problems and help requests, read-only. */
export function ReportTextsView({
  report,
}: {
  report: { highlights: string | null; problems: string | null; helpRequests: string | null };
}) {
  const { t } = useTranslation();
  const fields = ['highlights', 'problems', 'helpRequests'] as const;
  if (fields.every((f) => !report[f])) return null;
  return (
    <Descriptions size="small" column={1} data-testid="report-texts">
      {fields.map((f) =>
        report[f] ? (
          <Descriptions.Item key={f} label={t(`reports.fields.${f}`)}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{report[f]}</span>
          </Descriptions.Item>
        ) : null,
      )}
    </Descriptions>
  );
}

export const NoData = () => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
