import { useState, type ReactNode } from 'react';
import { Button, Flex, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { careKinds, carePlanStatuses } from '@keqing/shared';
import { formatDate, formatFen } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import '../../lib/locales/care.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useUserOptions } from '../admin/admin.api.ts';
import { CareActionModal } from './CareActionModal.tsx';
import { CareCalendar } from './CareCalendar.tsx';
import { CarePlanDrawer } from './CarePlanDrawer.tsx';
import { CarePlanModal } from './CarePlanModal.tsx';
import { useCareList, type CareAction, type CarePlan } from './care.api.ts';
import { festivalLabel, kindLabel, PlanStatusTag } from './labels.tsx';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

const tabs = ['actions', 'plans', 'approvals', 'calendar'] as const;
type TabKey = (typeof tabs)[number];

function ActionsTab({ mayWrite, showOwner }: { mayWrite: boolean; showOwner: boolean }) {
  const { t } = useTranslation();
  const list = useListParams({ prefix: 'actions', filters: ['kind', 'ownerId'] as const });
  const reps = useUserOptions({ role: 'rep' });
  const actions = useCareList<CareAction>('care-actions', { ...list.query });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<CareAction> = [
    { title: t('care.action.date'), dataIndex: 'actionDate', render: (v: string) => formatDate(v) },
    {
      title: t('care.doctor'),
      key: 'doctor',
      render: (_, a) => (
        <span>
          <Link to={`/doctors/${a.doctorId}?tab=care`}>{a.doctorName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {a.hospitalName}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('care.kind'), dataIndex: 'kind', render: (_, a) => kindLabel(t, a.kind) },
    {
      title: t('care.amount'),
      dataIndex: 'valueFen',
      align: 'right',
      render: (_, a) => formatFen(a.valueFen),
    },
    { title: t('care.purpose'), dataIndex: 'purpose' },
    {
      title: t('care.festival'),
      dataIndex: 'festival',
      render: (_, a) => (a.festival ? festivalLabel(t, a.festival) : ''),
    },
    {
      title: t('care.action.plan'),
      key: 'plan',
      render: (_, a) => (a.carePlanId ? <Tag color="green">{t('care.action.covered')}</Tag> : null),
    },
    ...(showOwner ? [{ title: t('care.rep'), dataIndex: 'ownerName' }] : []),
  ];

  return (
    <div>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Select
            allowClear
            placeholder={t('care.allKinds')}
            value={list.filters.kind}
            onChange={(v: string | undefined) => list.setFilter('kind', v)}
            options={careKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            style={{ width: 160 }}
          />
          {showOwner ? (
            <Select
              {...reps.selectProps}
              allowClear
              placeholder={t('care.allReps')}
              value={list.filters.ownerId}
              onChange={(v: string | undefined) => list.setFilter('ownerId', v)}
              style={{ width: 200 }}
            />
          ) : null}
        </Flex>
        {mayWrite ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="care-new-action">
            {t('care.record')}
          </Button>
        ) : null}
      </Flex>
      <ListError error={actions.error} />
      <Table<CareAction>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={actions.data?.items}
        loading={actions.isFetching}
        pagination={list.pagination(actions.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="care-actions-table"
      />
      <CareActionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function PlansTable({
  awaitingMe,
  showOwner,
  onOpen,
  extra,
}: {
  awaitingMe: boolean;
  showOwner: boolean;
  onOpen: (id: string) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const list = useListParams({ prefix: awaitingMe ? 'approvals' : 'plans', filters: ['status'] as const });
  const plans = useCareList<CarePlan>('care-plans', {
    ...list.query,
    awaitingMe: awaitingMe ? 'true' : undefined,
  });
  const columns: TableColumnsType<CarePlan> = [
    {
      title: t('care.plan.title'),
      dataIndex: 'title',
      render: (_, p) => (
        <Typography.Link onClick={() => onOpen(p.id)} data-testid="care-plan-open">
          {p.title}
        </Typography.Link>
      ),
    },
    { title: t('care.plan.kind'), dataIndex: 'kind', render: (_, p) => t(`care.planKinds.${p.kind}`) },
    { title: t('care.plan.plannedDate'), dataIndex: 'plannedDate', render: (v: string) => formatDate(v) },
    { title: t('care.plan.itemCount'), key: 'items', render: (_, p) => p.items.length },
    {
      title: t('care.plan.total'),
      dataIndex: 'totalFen',
      align: 'right',
      render: (_, p) => formatFen(p.totalFen),
    },
    {
      title: t('care.plan.status'),
      dataIndex: 'status',
      render: (_, p) => (
        <span>
          <PlanStatusTag status={p.status} t={t} />
          {p.needsCompliance ? <Tag color="orange">{t('care.plan.needsCompliance')}</Tag> : null}
          {p.items.some((i) => i.overCap) ? <Tag color="red">{t('care.plan.overCap')}</Tag> : null}
        </span>
      ),
    },
    ...(showOwner ? [{ title: t('care.rep'), dataIndex: 'ownerName' }] : []),
  ];
  return (
    <div>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        {awaitingMe ? (
          <span />
        ) : (
          <Select
            allowClear
            placeholder={t('care.plan.allStatuses')}
            value={list.filters.status}
            onChange={(v: string | undefined) => list.setFilter('status', v)}
            options={carePlanStatuses.map((s) => ({ value: s, label: t(`care.planStatuses.${s}`) }))}
            style={{ width: 180 }}
          />
        )}
        {extra}
      </Flex>
      <ListError error={plans.error} />
      <Table<CarePlan>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={plans.data?.items}
        loading={plans.isFetching}
        pagination={list.pagination(plans.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid={awaitingMe ? 'care-approvals-table' : 'care-plans-table'}
      />
    </div>
  );
}

/** 客户关怀: care actions, care plans, plans awaiting my approval, and the yearly care calendar. */
export default function CarePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParam] = useSearchParamsUpdate();
  const mayWrite = me.role === 'rep' || me.role === 'manager';
  const approves = me.role === 'manager' || me.role === 'compliance' || me.role === 'admin';
  const visibleTabs = tabs.filter((k) => k !== 'approvals' || approves);
  const tabParam = params.get('tab');
  const tab: TabKey = visibleTabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'actions';
  const planId = params.get('plan');
  const [creatingPlan, setCreatingPlan] = useState(false);

  const openPlan = (id: string | undefined) => setParam({ plan: id });
  const showOwner = me.role !== 'rep';

  const label = (key: TabKey) => <span data-testid={`care-tab-${key}`}>{t(`care.tabs.${key}`)}</span>;
  return (
    <div>
      <PageHeader title={t('nav.care')} subTitle={t('care.pageHint')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam({ tab: key })}
        destroyOnHidden
        items={visibleTabs.map((key) => ({
          key,
          label: label(key),
          children:
            key === 'actions' ? (
              <ActionsTab mayWrite={mayWrite} showOwner={showOwner} />
            ) : key === 'plans' ? (
              <PlansTable
                awaitingMe={false}
                showOwner={showOwner}
                onOpen={openPlan}
                extra={
                  mayWrite ? (
                    <Button type="primary" onClick={() => setCreatingPlan(true)} data-testid="care-new-plan">
                      {t('care.newPlan')}
                    </Button>
                  ) : null
                }
              />
            ) : key === 'approvals' ? (
              <PlansTable awaitingMe showOwner onOpen={openPlan} />
            ) : (
              <CareCalendar />
            ),
        }))}
      />
      <CarePlanModal
        open={creatingPlan}
        onClose={() => setCreatingPlan(false)}
        onCreated={(plan) => setParam({ tab: 'plans', plan: plan.id })}
      />
      <CarePlanDrawer planId={planId} onClose={() => openPlan(undefined)} />
    </div>
  );
}
