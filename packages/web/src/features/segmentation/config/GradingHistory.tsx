import { useState } from 'react';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useGradingHistory, type ConfigVersion } from '../segmentation.api.ts';

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([grade, n]) => `${grade} ${n}`)
    .join(' / ');

/** Saved versions of a grading config: who saved it, when, and what the re-grading did. */
export function GradingHistory({ kind }: { kind: 'hospital' | 'doctor' }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useGradingHistory(kind, page);
  return (
    <>
      <ListError error={history.error} />
      <Table<ConfigVersion>
        rowKey="id"
        size="small"
        loading={history.isFetching}
        dataSource={history.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 10,
          total: history.data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        locale={{ emptyText: t('grading.noHistory') }}
        data-testid={`${kind}-grading-history`}
        columns={[
          { key: 'version', title: t('grading.version'), render: (_, v) => `v${v.version}` },
          { key: 'at', title: t('grading.savedAt'), render: (_, v) => formatDateTime(v.createdAt) },
          { key: 'by', title: t('grading.savedBy'), render: (_, v) => v.createdBy?.name ?? '' },
          {
            key: 'before',
            title: t('grading.before'),
            render: (_, v) => (v.summary ? counts(v.summary.before) : '—'),
          },
          {
            key: 'after',
            title: t('grading.after'),
            render: (_, v) => (v.summary ? counts(v.summary.after) : '—'),
          },
          {
            key: 'moved',
            title: t('grading.moved'),
            align: 'right',
            render: (_, v) => v.summary?.moved ?? '—',
          },
        ]}
      />
    </>
  );
}
