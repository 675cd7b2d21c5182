import { useState } from 'react';
import { App, Button, Card, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Orphan, User } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useList } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import '../../lib/locales/handover.ts';
import {
  findOpenDraft,
  kindKey,
  useCreateHandover,
  useHandovers,
  useOrphans,
  type Handover,
} from './handover.api.ts';

const statusColor = { draft: 'blue', completed: 'green', cancelled: 'default' } as const;

/** 交接管理: the hand-overs, a new one for a chosen user, and the orphan list. */
export default function HandoversPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [page, setPage] = useState(1);
  const [fromUserId, setFromUserId] = useState<string>();
  const list = useHandovers(page);
  const orphans = useOrphans();
  const users = useList<User>('users', { active: true, pageSize: 200, sort: 'username' });
  const create = useCreateHandover();

  const start = async () => {
    if (!fromUserId) return;
    try {
      const h = await create.mutateAsync({ fromUserId, deactivate: true });
      void navigate(`/admin/handovers/${h.id}`);
    } catch (err) {
      const draft = isApiError(err) && err.code === 'CONFLICT' ? await findOpenDraft(fromUserId) : undefined;
      if (draft) void navigate(`/admin/handovers/${draft.id}`);
      else void message.error(errorText(err));
    }
  };

  const columns: TableColumnsType<Handover> = [
    {
      title: t('handover.leaver'),
      key: 'leaver',
      render: (_: unknown, h) => <Link to={`/admin/handovers/${h.id}`}>{h.fromUserName}</Link>,
    },
    { title: t('handover.team'), dataIndex: 'teamName', key: 'team', render: (v: string | null) => v ?? '—' },
    {
      title: t('handover.status'),
      dataIndex: 'status',
      key: 'status',
      render: (v: Handover['status']) => <Tag color={statusColor[v]}>{t(`handover.statuses.${v}`)}</Tag>,
    },
    { title: t('handover.effectiveDate'), dataIndex: 'effectiveDate', key: 'date', render: formatDate },
    { title: t('handover.createdBy'), dataIndex: 'createdByName', key: 'by' },
    { title: t('handover.completedAt'), dataIndex: 'completedAt', key: 'done', render: formatDateTime },
  ];
  const orphanColumns: TableColumnsType<Orphan> = [
    { title: t('handover.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => t(kindKey(k)) },
    { title: t('handover.record'), dataIndex: 'label', key: 'label' },
    { title: t('handover.user'), dataIndex: 'userName', key: 'user' },
  ];

  return (
    <div>
      <PageHeader title={t('handover.listTitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 320 }}
            placeholder={t('handover.pickUser')}
            value={fromUserId}
            onChange={setFromUserId}
            data-testid="handover-pick-user"
            options={(users.data?.items ?? [])
              .filter((u) => u.role === 'rep' || u.role === 'manager')
              .map((u) => ({
                value: u.id,
                label: `${u.name}（${u.username}${u.teamName ? ` · ${u.teamName}` : ''}）`,
              }))}
          />
          <Button
            type="primary"
            disabled={!fromUserId}
            loading={create.isPending}
            onClick={() => void start()}
          >
            {t('handover.new')}
          </Button>
        </Space>
      </Card>
      {list.error ? <ListError error={list.error} /> : null}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      />
      <Card
        title={`${t('handover.orphansTitle')}（${orphans.data?.count ?? 0}）`}
        style={{ marginTop: 16 }}
        id="orphans"
        data-testid="orphan-list"
        styles={search.get('orphans') ? { header: { background: '#fffbe6' } } : undefined}
      >
        <Table
          rowKey={(o) => `${o.kind}:${o.id}`}
          size="small"
          columns={orphanColumns}
          dataSource={orphans.data?.items ?? []}
          loading={orphans.isPending}
          locale={{ emptyText: t('handover.orphanNone') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
