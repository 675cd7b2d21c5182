import { useState } from 'react';
import { Button, Checkbox, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { complaintIssueTypes, complaintStatuses } from '@keqing/shared';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import '../../lib/locales/complaints.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { ComplaintDrawer } from './ComplaintDrawer.tsx';
import { ComplaintModal } from './ComplaintModal.tsx';
import { useComplaints, type Complaint } from './complaints.api.ts';
import { ComplaintStatusTag, customerOf, dueOf } from './labels.tsx';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

const overdueRowStyle = { background: '#fff1f0' };

/** 客户投诉: complaints of the caller's scope, filtered by status, issue type and overdue; rows open the drawer. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams({ filters: ['status', 'issueType', 'overdue'] as const });
  const complaints = useComplaints(list.query);
  const [params, updateParams] = useSearchParamsUpdate();
  const [registering, setRegistering] = useState(false);
  const openId = params.get('complaint');
  const mayRegister = me.role !== 'compliance';
  const showOwner = me.role !== 'rep';

  const open = (id: string | undefined) => updateParams({ complaint: id });

  const columns: TableColumnsType<Complaint> = [
    {
      title: t('complaints.receivedAt'),
      dataIndex: 'receivedAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('complaints.customer'),
      key: 'customer',
      render: (_, c) => {
        const customer = customerOf(c);
        return (
          <span>
            <Typography.Link onClick={() => open(c.id)} data-testid="complaint-open">
              {customer.name}
            </Typography.Link>
            {customer.sub ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {customer.sub}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    { title: t('complaints.product'), dataIndex: 'productName', render: (v: string | null) => v ?? '' },
    {
      title: t('complaints.issueType'),
      dataIndex: 'issueType',
      render: (_, c) => t(`complaints.issueTypes.${c.issueType}`),
    },
    {
      title: t('complaints.severity'),
      dataIndex: 'severity',
      render: (_, c) => (
        <Tag color={c.severity === 'urgent' ? 'red' : 'default'}>
          {t(`complaints.severities.${c.severity}`)}
        </Tag>
      ),
    },
    {
      title: t('complaints.status'),
      dataIndex: 'status',
      render: (_, c) => <ComplaintStatusTag status={c.status} t={t} />,
    },
    {
      title: t('complaints.due'),
      key: 'due',
      render: (_, c) => {
        const due = dueOf(c);
        if (!due) return '';
        return c.overdue ? (
          <Typography.Text type="danger" strong data-testid="complaint-row-overdue">
            {formatDateTime(due)} · {t('complaints.overdue')}
          </Typography.Text>
        ) : (
          formatDateTime(due)
        );
      },
    },
    ...(showOwner ? [{ title: t('complaints.owner'), dataIndex: 'ownerName' }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.complaints')}
        subTitle={t('complaints.pageHint')}
        extra={
          mayRegister ? (
            <Button type="primary" onClick={() => setRegistering(true)} data-testid="complaint-register">
              {t('complaints.register')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('complaints.allStatuses')}
          value={list.filters.status}
          onChange={(v: string | undefined) => list.setFilter('status', v)}
          options={complaintStatuses.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) }))}
          style={{ width: 160 }}
          data-testid="complaints-filter-status"
        />
        <Select
          allowClear
          placeholder={t('complaints.allIssueTypes')}
          value={list.filters.issueType}
          onChange={(v: string | undefined) => list.setFilter('issueType', v)}
          options={complaintIssueTypes.map((k) => ({ value: k, label: t(`complaints.issueTypes.${k}`) }))}
          style={{ width: 180 }}
          data-testid="complaints-filter-issue-type"
        />
        <Checkbox
          checked={list.filters.overdue === 'true'}
          onChange={(e) => list.setFilter('overdue', e.target.checked ? 'true' : undefined)}
          data-testid="complaints-filter-overdue"
        >
          {t('complaints.overdueOnly')}
        </Checkbox>
      </Flex>
      <ListError error={complaints.error} />
      <Table<Complaint>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={complaints.data?.items}
        loading={complaints.isFetching}
        pagination={list.pagination(complaints.data?.total)}
        onChange={list.onTableChange}
        onRow={(c) => ({
          style: c.overdue ? overdueRowStyle : undefined,
          'data-overdue': c.overdue ? 'true' : undefined,
        })}
        scroll={{ x: 'max-content' }}
        data-testid="complaints-table"
      />
      <ComplaintModal
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(complaint) => open(complaint.id)}
      />
      <ComplaintDrawer complaintId={openId} onClose={() => open(undefined)} />
    </div>
  );
}
