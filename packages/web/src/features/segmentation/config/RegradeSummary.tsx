import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api.ts';
import { gradeColor } from '../../accounts/labels.ts';
import type { RegradeSummaryBody } from '../segmentation.api.ts';

type Row = { grade: string; before: number; after: number };

/** Before/after counts per grade and who moved where (查看重新定级的影响). */
export function RegradeSummary({
  summary,
  grades,
  testId = 'regrade-summary',
}: {
  summary: RegradeSummaryBody;
  grades?: readonly string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const order = [
    ...new Set([...(grades ?? []), ...Object.keys(summary.before), ...Object.keys(summary.after)]),
  ];
  const rows: Row[] = order.map((grade) => ({
    grade,
    before: summary.before[grade] ?? 0,
    after: summary.after[grade] ?? 0,
  }));
  return (
    <div data-testid={testId}>
      <Table<Row>
        rowKey="grade"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            key: 'grade',
            title: t('grading.gradeCol'),
            render: (_, r) => <Tag color={gradeColor(r.grade)}>{r.grade}</Tag>,
          },
          { key: 'before', title: t('grading.before'), align: 'right', render: (_, r) => r.before },
          {
            key: 'after',
            title: t('grading.after'),
            align: 'right',
            render: (_, r) => <span data-testid={`after-${r.grade}`}>{r.after}</span>,
          },
          {
            key: 'delta',
            title: t('grading.delta'),
            align: 'right',
            render: (_, r) => {
              const d = r.after - r.before;
              if (d === 0) return <Typography.Text type="secondary">0</Typography.Text>;
              return (
                <Typography.Text type={d > 0 ? 'success' : 'danger'}>{d > 0 ? `+${d}` : d}</Typography.Text>
              );
            },
          },
        ]}
      />
      <Descriptions
        size="small"
        column={{ xs: 2, sm: 5 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'moved', label: t('grading.moved'), children: summary.moved },
          { key: 'up', label: t('grading.upgraded'), children: summary.upgraded },
          { key: 'down', label: t('grading.downgraded'), children: summary.downgraded },
          { key: 'added', label: t('grading.added'), children: summary.added },
          { key: 'removed', label: t('grading.removed'), children: summary.removed },
        ]}
      />
      {summary.movements.length > 0 ? (
        <Space size={[8, 4]} wrap>
          {summary.movements.map((m) => (
            <Tag key={`${m.from}-${m.to}`}>
              {t('grading.movement', { from: m.from, to: m.to, count: m.count })}
            </Tag>
          ))}
        </Space>
      ) : null}
    </div>
  );
}

/** A rejected config: every rule it breaks, with where (the server's `details[].path`). */
export function ConfigErrors({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = isApiError(error) ? error.fieldIssues : [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={isApiError(error) || error instanceof Error ? error.message : t('errors.unknown')}
      data-testid="config-errors"
      description={
        issues.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path.replace(/^body\.(config\.)?/, '')}</code> {i.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
