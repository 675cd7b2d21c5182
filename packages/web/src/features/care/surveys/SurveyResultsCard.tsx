import { Card, Empty, Flex, Statistic, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { surveyDimensions, type SurveyMonth } from '@keqing/shared';
import { ListError } from '../../../app/ui/ListError.tsx';
import '../../../lib/locales/surveys.ts';
import { useSurveyResults } from './surveys.api.ts';

/** Monthly averages of 价格/疗效/服务, newest month first. */
export function SurveyTrendTable({ months }: { months: SurveyMonth[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<SurveyMonth> = [
    { title: t('surveys.month'), dataIndex: 'month' },
    { title: t('surveys.answers'), dataIndex: 'answers', align: 'right' },
    ...surveyDimensions.map((d) => ({
      title: t(`surveys.dimensions.${d}`),
      dataIndex: d,
      align: 'right' as const,
      render: (v: number) => v.toFixed(1),
    })),
  ];
  return (
    <Table
      rowKey="month"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={[...months].reverse()}
      scroll={{ x: 'max-content' }}
      data-testid="survey-trend"
    />
  );
}

/**
 * 满意度调查 of one customer: the three averages and the monthly trend. Made to sit on the doctor page (or a channel
 * customer's page); the lead mounts it there.
 */
export function SurveyResultsCard({
  doctorId,
  channelCustomerId,
}: {
  doctorId?: string;
  channelCustomerId?: string;
}) {
  const { t } = useTranslation();
  const results = useSurveyResults({ doctorId, channelCustomerId });
  return (
    <Card
      size="small"
      title={t('surveys.resultsCard')}
      loading={results.isPending}
      data-testid="survey-results-card"
    >
      {results.isError ? (
        <ListError error={results.error} />
      ) : !results.data?.average ? (
        <Empty description={t('surveys.noAnswers')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={12}>
          <Flex wrap gap={24}>
            {surveyDimensions.map((d) => (
              <Statistic
                key={d}
                title={t(`surveys.dimensions.${d}`)}
                value={results.data.average![d].toFixed(1)}
                suffix="/ 5"
              />
            ))}
            <Statistic title={t('surveys.answers')} value={results.data.answered} />
          </Flex>
          <SurveyTrendTable months={results.data.months} />
        </Flex>
      )}
    </Card>
  );
}
