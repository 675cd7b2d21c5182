import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  List,
  Progress,
  Row,
  Segmented,
  Select,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  contactCadenceLabels,
  kolDevelopmentStepLabels,
  kolDevelopmentSteps,
  kolTypeLabels,
  kolTypes,
  type HighPotentialItem,
  type KeyAccountEntity,
  type KeyAccountItem,
  type KolListItem,
} from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { WeeklyReviews } from './WeeklyReviews.tsx';
import { ListError } from '../../app/ui/ListError.tsx';
import { ListToolbar, toolbarItemStyle } from '../../app/ui/ListToolbar.tsx';
import { useProductOptions } from '../accounts/accounts.api.ts';
import { gradeColor, statusLabel, useLocalized } from '../accounts/labels.ts';
import {
  useKeyAccountChanges,
  useKeyAccounts,
  useSegmentationList,
  useSnapshotKeyAccounts,
} from './segmentation.api.ts';

const tabs = ['ranking', 'reviews', 'highPotential', 'kols'] as const;
type TabKey = (typeof tabs)[number];

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** 重点客户 (80/20), 高潜力医生 and KOLs of the caller's scope. */
export default function KeyAccountsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'ranking';
  return (
    <div>
      <PageHeader title={t('nav.key-accounts')} subTitle={t('keyAccounts.hint')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'ranking',
            label: <span data-testid="ka-tab-ranking">{t('keyAccounts.tabs.ranking')}</span>,
            children: <Ranking />,
          },
          {
            key: 'reviews',
            label: <span data-testid="ka-tab-reviews">{t('keyAccounts.tabs.reviews')}</span>,
            children: <WeeklyReviews />,
          },
          {
            key: 'highPotential',
            label: <span data-testid="ka-tab-high-potential">{t('keyAccounts.tabs.highPotential')}</span>,
            children: <HighPotential />,
          },
          {
            key: 'kols',
            label: <span data-testid="ka-tab-kols">{t('keyAccounts.tabs.kols')}</span>,
            children: <Kols />,
          },
        ]}
      />
    </div>
  );
}

function Ranking() {
  const { t } = useTranslation();
  const products = useProductOptions();
  const list = useListParams({ prefix: 'ka', filters: ['entity', 'productId', 'keyOnly'] });
  const entity: KeyAccountEntity = list.filters.entity === 'hospital' ? 'hospital' : 'doctor';
  const { data, isFetching, error } = useKeyAccounts({
    entity,
    productId: list.filters.productId,
    keyOnly: list.filters.keyOnly,
    page: list.page,
    pageSize: list.pageSize,
  });
  const link = (row: KeyAccountItem) =>
    entity === 'doctor' ? (
      <Link to={`/doctors/${row.id}`}>{row.name}</Link>
    ) : (
      <Link to={`/hospitals/${row.id}`}>{row.name}</Link>
    );

  return (
    <div data-testid="key-accounts">
      <ListToolbar>
        <Segmented<KeyAccountEntity>
          value={entity}
          onChange={(v) => list.setFilter('entity', v === 'doctor' ? undefined : v)}
          options={[
            { value: 'doctor', label: t('keyAccounts.doctors') },
            { value: 'hospital', label: t('keyAccounts.hospitals') },
          ]}
          data-testid="ka-entity"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('accounts.allProducts')}
          value={list.filters.productId}
          onChange={(v?: string) => list.setFilter('productId', v)}
          options={products.options}
          style={toolbarItemStyle}
          data-testid="ka-product"
        />
        <Flex align="center" gap={6}>
          <Switch
            size="small"
            checked={list.filters.keyOnly === 'true'}
            onChange={(on) => list.setFilter('keyOnly', on ? 'true' : undefined)}
            data-testid="ka-key-only"
          />
          <span>{t('keyAccounts.keyOnly')}</span>
        </Flex>
      </ListToolbar>
      <ListError error={error} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('keyAccounts.ranked')} value={formatNumber(data?.total ?? 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('keyAccounts.keyCount', { share: percent(data?.share ?? 0.2) })}
              value={formatNumber(data?.keyCount ?? 0)}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <Typography.Text type="secondary">{t('keyAccounts.valueShare')}</Typography.Text>
            <Progress percent={Math.round((data?.keyValueShare ?? 0) * 100)} status="active" />
          </Card>
        </Col>
      </Row>
      <Table<KeyAccountItem>
        rowKey="id"
        size="middle"
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ style: row.isKey ? { background: '#fff7e6' } : undefined })}
        data-testid="ka-table"
        columns={[
          { key: 'rank', title: t('keyAccounts.rank'), width: 64, render: (_, r) => r.rank },
          { key: 'name', title: t('keyAccounts.name'), render: (_, r) => link(r) },
          ...(entity === 'doctor'
            ? [
                {
                  key: 'hospital',
                  title: t('accounts.hospital.name'),
                  render: (_: unknown, r: KeyAccountItem) => r.hospitalName ?? '',
                },
              ]
            : []),
          {
            key: 'value',
            title: t('keyAccounts.value'),
            align: 'right',
            render: (_, r) => formatNumber(r.value),
          },
          {
            key: 'isKey',
            title: t('keyAccounts.top'),
            render: (_, r) => (r.isKey ? <Tag color="gold">{t('keyAccounts.keyTag')}</Tag> : null),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('keyAccounts.valueHint')}
      </Typography.Paragraph>
      <MonthlyChanges entity={entity} />
    </div>
  );
}

/** 动态管理: 月变更 — who entered and left the key list since the previous saved month. */
function MonthlyChanges({ entity }: { entity: KeyAccountEntity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [month, setMonth] = useState<string | undefined>();
  const changes = useKeyAccountChanges({ entity, month });
  const snapshot = useSnapshotKeyAccounts();
  const data = changes.data;
  const names = (items: { id: string; name: string; value: number }[], color: string, testId: string) =>
    items.length === 0 ? (
      <Typography.Text type="secondary">{t('keyAccounts.none')}</Typography.Text>
    ) : (
      <List
        size="small"
        dataSource={items}
        data-testid={testId}
        renderItem={(item) => (
          <List.Item>
            <Link to={entity === 'doctor' ? `/doctors/${item.id}` : `/hospitals/${item.id}`}>
              <Tag color={color}>{item.name}</Tag>
            </Link>
            <Typography.Text type="secondary">{formatNumber(item.value)}</Typography.Text>
          </List.Item>
        )}
      />
    );

  return (
    <Card
      title={t('keyAccounts.monthly')}
      style={{ marginTop: 16 }}
      data-testid="ka-changes"
      extra={
        <Flex gap={8} wrap>
          <DatePicker
            picker="month"
            format="YYYY-MM"
            value={month ? dayjs(`${month}-01`) : null}
            onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            placeholder={t('keyAccounts.thisMonth')}
            aria-label={t('keyAccounts.month')}
          />
          <Button
            type="primary"
            loading={snapshot.isPending}
            data-testid="ka-snapshot"
            onClick={() =>
              snapshot.mutate(undefined, {
                onSuccess: (r) =>
                  void message.success(
                    t('keyAccounts.snapshotSaved', {
                      month: r.month,
                      doctors: r.doctors,
                      hospitals: r.hospitals,
                    }),
                  ),
                onError: (e) => void message.error(errorText(e)),
              })
            }
          >
            {t('keyAccounts.snapshot')}
          </Button>
        </Flex>
      }
    >
      <ListError error={changes.error} />
      {data ? (
        <>
          <Typography.Paragraph type="secondary">
            {data.previousMonth
              ? t('keyAccounts.comparedWith', { month: data.month, previous: data.previousMonth })
              : t('keyAccounts.noPrevious', { month: data.month })}
            {data.snapshotSaved ? '' : ` ${t('keyAccounts.notSaved')}`}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Typography.Title level={5}>
                {t('keyAccounts.entered', { count: data.entered.length })}
              </Typography.Title>
              {names(data.entered, 'green', 'ka-entered')}
            </Col>
            <Col xs={24} md={8}>
              <Typography.Title level={5}>
                {t('keyAccounts.left', { count: data.left.length })}
              </Typography.Title>
              {names(data.left, 'red', 'ka-left')}
            </Col>
            <Col xs={24} md={8}>
              <Typography.Title level={5}>
                {t('keyAccounts.stayed', { count: data.stayed.length })}
              </Typography.Title>
              <Typography.Text type="secondary">
                {data.stayed
                  .slice(0, 30)
                  .map((s) => s.name)
                  .join(t('common.listSeparator'))}
                {data.stayed.length > 30 ? ' …' : ''}
              </Typography.Text>
            </Col>
          </Row>
        </>
      ) : changes.isPending ? null : (
        <Empty />
      )}
    </Card>
  );
}

/** 高潜力医生: high potential, low status — where a call changes most. */
function HighPotential() {
  const { t } = useTranslation();
  const pick = useLocalized();
  const products = useProductOptions();
  const list = useListParams({ prefix: 'hp', filters: ['productId'] });
  const { data, isFetching, error } = useSegmentationList<HighPotentialItem>('high-potential', {
    productId: list.filters.productId,
    page: list.page,
    pageSize: list.pageSize,
  });
  return (
    <div data-testid="high-potential">
      <Typography.Paragraph type="secondary">{t('keyAccounts.highPotentialHint')}</Typography.Paragraph>
      <ListToolbar>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('accounts.allProducts')}
          value={list.filters.productId}
          onChange={(v?: string) => list.setFilter('productId', v)}
          options={products.options}
          style={toolbarItemStyle}
        />
      </ListToolbar>
      <ListError error={error} />
      <Table<HighPotentialItem>
        rowKey={(r) => `${r.id}-${r.productId}`}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="hp-table"
        columns={[
          {
            key: 'doctor',
            title: t('accounts.doctor.name'),
            render: (_, r) => <Link to={`/doctors/${r.id}?tab=scores`}>{r.doctorName}</Link>,
          },
          {
            key: 'hospital',
            title: t('accounts.hospital.name'),
            render: (_, r) => <Link to={`/hospitals/${r.hospitalId}`}>{r.hospitalName}</Link>,
          },
          {
            key: 'department',
            title: t('accounts.department.name'),
            render: (_, r) => r.departmentName ?? '',
          },
          { key: 'product', title: t('accounts.product.name'), render: (_, r) => r.productName },
          {
            key: 'status',
            title: t('segmentation.status'),
            render: (_, r) => statusLabel(r.prescriptionStatus, pick),
          },
          {
            key: 'potential',
            title: t('segmentation.potential'),
            align: 'right',
            render: (_, r) => r.prescriptionPotential,
          },
          {
            key: 'grade',
            title: t('segmentation.grade'),
            render: (_, r) => <Tag color={gradeColor(r.grade)}>{r.grade}</Tag>,
          },
          {
            key: 'visits',
            title: t('segmentation.visitsPerCycle'),
            align: 'right',
            render: (_, r) => r.visitsPerCycle,
          },
          {
            key: 'gap',
            title: t('keyAccounts.gap'),
            width: 140,
            render: (_, r) => <Progress percent={Math.round(r.gap)} size="small" showInfo={false} />,
          },
        ]}
      />
    </div>
  );
}

/** KOLs by type and development step; overdue contacts first to the eye. */
function Kols() {
  const { t } = useTranslation();
  const pick = useLocalized();
  const list = useListParams({ prefix: 'kol', filters: ['type', 'developmentStep', 'overdue'] });
  const { data, isFetching, error } = useSegmentationList<KolListItem>('kols', list.query);
  return (
    <div data-testid="kols">
      <ListToolbar>
        <Select
          allowClear
          placeholder={t('kol.allTypes')}
          value={list.filters.type}
          onChange={(v?: string) => list.setFilter('type', v)}
          options={kolTypes.map((k) => ({ value: k, label: pick(kolTypeLabels[k].label) }))}
          style={toolbarItemStyle}
        />
        <Select
          allowClear
          placeholder={t('kol.allSteps')}
          value={list.filters.developmentStep}
          onChange={(v?: string) => list.setFilter('developmentStep', v)}
          options={kolDevelopmentSteps.map((k) => ({
            value: k,
            label: pick(kolDevelopmentStepLabels[k].label),
          }))}
          style={toolbarItemStyle}
        />
        <Flex align="center" gap={6}>
          <Switch
            size="small"
            checked={list.filters.overdue === 'true'}
            onChange={(on) => list.setFilter('overdue', on ? 'true' : undefined)}
          />
          <span>{t('kol.overdueOnly')}</span>
        </Flex>
      </ListToolbar>
      <ListError error={error} />
      <Table<KolListItem>
        rowKey="id"
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'doctor',
            title: t('accounts.doctor.name'),
            render: (_, r) => <Link to={`/doctors/${r.id}?tab=kol`}>{r.doctorName}</Link>,
          },
          {
            key: 'hospital',
            title: t('accounts.hospital.name'),
            render: (_, r) => <Link to={`/hospitals/${r.hospitalId}`}>{r.hospitalName}</Link>,
          },
          {
            key: 'types',
            title: t('kol.types'),
            render: (_, r) => r.types.map((k) => <Tag key={k}>{pick(kolTypeLabels[k].label)}</Tag>),
          },
          {
            key: 'step',
            title: t('kol.step'),
            render: (_, r) => pick(kolDevelopmentStepLabels[r.developmentStep].label),
          },
          {
            key: 'cadence',
            title: t('kol.cadence'),
            render: (_, r) => (r.contactCadence ? pick(contactCadenceLabels[r.contactCadence]) : ''),
          },
          { key: 'last', title: t('kol.lastContact'), render: (_, r) => formatDate(r.lastContactOn) },
          {
            key: 'due',
            title: t('kol.nextDueShort'),
            render: (_, r) =>
              r.overdue ? (
                <Tag color="red">{formatDate(r.nextContactDue) || t('kol.overdue')}</Tag>
              ) : (
                formatDate(r.nextContactDue)
              ),
          },
        ]}
      />
    </div>
  );
}
