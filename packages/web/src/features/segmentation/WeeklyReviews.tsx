import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KeyAccountReview } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useUserOptions } from '../admin/admin.api.ts';
import { useKeyAccountReviews, useRecordKeyAccountReview } from './segmentation.api.ts';

/** 重点管理: 周讨论 — this week's review of a rep's key-account list, and the ones before. */
export function WeeklyReviews() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const reps = useUserOptions({ role: 'rep' });
  const reviews = useKeyAccountReviews({ page, pageSize: 20 });
  const record = useRecordKeyAccountReview();
  const mayWrite = user.role !== 'compliance';
  const needsOwner = user.role === 'manager' || user.role === 'admin';

  const submit = () =>
    record.mutate({ ownerId: needsOwner ? ownerId : undefined, note }, { onSuccess: () => setNote('') });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {mayWrite && (
        <Card size="small" title={t('keyAccounts.reviews.thisWeek')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {needsOwner && (
              <Select
                {...reps.selectProps}
                data-testid="review-owner"
                style={{ width: '100%', maxWidth: 320 }}
                placeholder={t('keyAccounts.reviews.rep')}
                value={ownerId}
                onChange={setOwnerId}
              />
            )}
            <Input.TextArea
              data-testid="review-note"
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('keyAccounts.reviews.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
            />
            {record.error && <Alert type="error" showIcon message={errorText(record.error)} />}
            <Button
              type="primary"
              data-testid="review-submit"
              loading={record.isPending}
              disabled={!note.trim() || (needsOwner && !ownerId)}
              onClick={submit}
            >
              {t('keyAccounts.reviews.save')}
            </Button>
          </Space>
        </Card>
      )}
      <Table<KeyAccountReview>
        rowKey="id"
        size="small"
        scroll={{ x: 600 }}
        loading={reviews.isFetching}
        dataSource={reviews.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: reviews.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            key: 'week',
            title: t('keyAccounts.reviews.week'),
            width: 120,
            render: (_, r) => formatDate(r.weekStart),
          },
          { key: 'rep', title: t('keyAccounts.reviews.rep'), width: 100, render: (_, r) => r.ownerName },
          { key: 'note', title: t('keyAccounts.reviews.note'), render: (_, r) => r.note },
          { key: 'by', title: t('keyAccounts.reviews.by'), width: 100, render: (_, r) => r.reviewedByName },
        ]}
      />
    </Space>
  );
}
