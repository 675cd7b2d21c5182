import { useState } from 'react';
import { Button, Flex, Select, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { careFeeClaimStatuses } from '@keqing/shared';
import { chinaToday, formatFen } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import '../../lib/locales/care-fees.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { AccountsTab } from './AccountsTab.tsx';
import { ClaimDrawer } from './ClaimDrawer.tsx';
import { ClaimModal } from './ClaimModal.tsx';
import { SpecialTab } from './SpecialTab.tsx';
import { useClaims, type CareFeeClaimSummary } from './care-fees.api.ts';
import { claimableMonths, stepStatesOfStatus, type TimelineState } from './care-fees.helpers.ts';
import { ClaimStatusTag } from './labels.tsx';

type TabKey = 'mine' | 'team' | 'special' | 'accounts';

const stepColor: Record<TimelineState, string> = {
  approved: 'green',
  rejected: 'red',
  waiting: 'blue',
  pending: 'default',
};

/**
 * 客情费: a rep's monthly claims (我的申报), the claims of the caller's scope (团队申报), new-customer special fee
 * applications and the budget accounts. A row opens the claim drawer (statement, signatures, actions).
 */
export default function CareFeesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, updateParams] = useSearchParamsUpdate();
  const isRep = me.role === 'rep';
  const tab = (params.get('tab') as TabKey | null) ?? (isRep ? 'mine' : 'team');
  const [creating, setCreating] = useState(false);
  const openId = params.get('claim');
  const open = (id: string | undefined) => updateParams({ claim: id });

  const tabs = [
    ...(isRep ? [{ key: 'mine', label: t('careFees.tabs.mine') }] : []),
    ...(isRep ? [] : [{ key: 'team', label: t('careFees.tabs.team') }]),
    { key: 'special', label: t('careFees.tabs.special') },
    { key: 'accounts', label: t('careFees.tabs.accounts') },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.care-fees')}
        subTitle={t('careFees.pageHint')}
        extra={
          me.role === 'rep' || me.role === 'manager' ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="care-fee-new-claim">
              {t('careFees.newClaim')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => updateParams({ tab: key, claim: undefined })}
        items={tabs.map((x) => ({
          ...x,
          children:
            x.key === 'special' ? (
              <SpecialTab />
            ) : x.key === 'accounts' ? (
              <AccountsTab />
            ) : (
              <ClaimsTable
                ownerId={x.key === 'mine' ? me.id : undefined}
                onOpen={open}
                showOwner={x.key === 'team'}
              />
            ),
        }))}
        data-testid="care-fee-tabs"
      />
      <ClaimModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => open(c.id)} />
      <ClaimDrawer claimId={openId} onClose={() => open(undefined)} />
    </div>
  );
}

function ClaimsTable({
  ownerId,
  showOwner,
  onOpen,
}: {
  ownerId: string | undefined;
  showOwner: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const claims = useClaims({ page, pageSize, month, status, ownerId, sort: '-month' });

  const columns: TableColumnsType<CareFeeClaimSummary> = [
    {
      title: t('careFees.month'),
      dataIndex: 'month',
      render: (v: string, c) => (
        <Typography.Link onClick={() => onOpen(c.id)} data-testid="care-fee-claim-open">
          {v}
        </Typography.Link>
      ),
    },
    ...(showOwner ? [{ title: t('careFees.owner'), dataIndex: 'ownerName' }] : []),
    {
      title: t('careFees.status'),
      dataIndex: 'status',
      render: (_: unknown, c) => <ClaimStatusTag status={c.status} t={t} />,
    },
    {
      title: t('careFees.signatures'),
      key: 'signatures',
      // the three steps: signed (green), waiting (blue), not yet (grey); a rejection shows in the drawer
      render: (_: unknown, c) => (
        <Flex gap={2} data-testid="care-fee-claim-signatures">
          {stepStatesOfStatus(c.status).map((row) => (
            <Tooltip key={row.step} title={t(`careFees.steps.${row.step}`)}>
              <Tag color={stepColor[row.state]} style={{ marginInlineEnd: 0 }}>
                {t(`careFees.steps.${row.step}`)}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    { title: t('careFees.lineCount'), dataIndex: 'lineCount', align: 'right' },
    {
      title: t('careFees.requested'),
      dataIndex: 'requestedFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.payable'),
      dataIndex: 'payableFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.advance'),
      dataIndex: 'advanceFen',
      align: 'right',
      render: (v: number | null, c) => (
        <span>
          {formatFen(v)}
          {c.spotChecked ? (
            <Tag color="green" style={{ marginInlineStart: 4 }}>
              {t('careFees.spotChecked')}
            </Tag>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('careFees.month')}
          value={month}
          onChange={(v: string | undefined) => {
            setMonth(v);
            setPage(1);
          }}
          options={claimableMonths(chinaToday(), 24).map((m) => ({ value: m, label: m }))}
          style={{ width: 140 }}
          data-testid="care-fee-filter-month"
        />
        <Select
          allowClear
          placeholder={t('careFees.allStatuses')}
          value={status}
          onChange={(v: string | undefined) => {
            setStatus(v);
            setPage(1);
          }}
          options={careFeeClaimStatuses.map((s) => ({ value: s, label: t(`careFees.statuses.${s}`) }))}
          style={{ width: 160 }}
          data-testid="care-fee-filter-status"
        />
      </Flex>
      <ListError error={claims.error} />
      <Table<CareFeeClaimSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={claims.data?.items}
        loading={claims.isFetching}
        locale={{ emptyText: t('careFees.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: claims.data?.total,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        scroll={{ x: 'max-content' }}
        data-testid="care-fee-claims-table"
      />
    </div>
  );
}
