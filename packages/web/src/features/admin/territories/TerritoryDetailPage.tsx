import { useMemo, useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useDetail, useUpdate } from '../../../lib/resources.ts';
import { canWrite } from '../../../app/navigation.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useProducts, type TerritoryDetail, type TerritoryUpdateBody } from '../admin.api.ts';
import { AssignForm } from './AssignForm.tsx';
import { ProductTags } from './ProductTags.tsx';
import { TerritoryForm } from './TerritoryForm.tsx';
import { channelKindLabel, territoriesBase } from './territory-labels.ts';

type Hospital = TerritoryDetail['hospitals'][number];
type ChannelCustomer = TerritoryDetail['channelCustomers'][number];

export default function TerritoryDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const base = territoriesBase(useLocation().pathname);
  const writable = canWrite(useCurrentUser().role);
  const { data: territory, isPending, error, refetch } = useDetail<TerritoryDetail>('territories', id);
  const products = useProducts();
  const productsById = useMemo(
    () => new Map((products.data?.items ?? []).map((p) => [p.id, p])),
    [products.data],
  );
  const update = useUpdate<TerritoryDetail, TerritoryUpdateBody>('territories');
  const [dialog, setDialog] = useState<{ open: boolean; kind: 'edit' | 'assign' }>({
    open: false,
    kind: 'edit',
  });
  const close = () => setDialog((d) => ({ ...d, open: false }));

  const back = <Link to={base}>{t('territories.backToList')}</Link>;
  if (isPending) return <Skeleton active />;
  if (error || !territory) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('territories.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={notFound ? back : <Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }

  const toggleActive = () =>
    update.mutate(
      { id: territory.id, body: { active: !territory.active, version: territory.version } },
      {
        onSuccess: () =>
          void message.success(territory.active ? t('common.deactivatedDone') : t('common.reactivatedDone')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const history = [...territory.assignments].sort((a, b) => b.startDate.localeCompare(a.startDate));

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: back }, { title: territory.code }]} />
      <PageHeader
        title={
          <span>
            {territory.name} <ActiveTag active={territory.active} />
          </span>
        }
        subTitle={territory.code}
        extra={
          writable ? (
            <>
              <Button
                type="primary"
                onClick={() => setDialog({ open: true, kind: 'assign' })}
                data-testid="reassign"
              >
                {t('territories.reassign')}
              </Button>
              <Button onClick={() => setDialog({ open: true, kind: 'edit' })} data-testid="edit-territory">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={
                  territory.active
                    ? t('common.confirmDeactivate', { name: territory.name })
                    : t('common.confirmReactivate', { name: territory.name })
                }
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={toggleActive}
              >
                <Button danger={territory.active} loading={update.isPending}>
                  {territory.active ? t('common.deactivate') : t('common.reactivate')}
                </Button>
              </Popconfirm>
            </>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'code', label: t('territories.code'), children: territory.code },
            { key: 'team', label: t('territories.team'), children: territory.teamName },
            {
              key: 'rep',
              label: t('territories.currentRep'),
              children: territory.repName ?? t('territories.unassigned'),
            },
            {
              key: 'hospitals',
              label: t('territories.hospitalCount'),
              children: formatNumber(territory.hospitalCount),
            },
            {
              key: 'channel',
              label: t('territories.channelCustomerCount'),
              children: formatNumber(territory.channelCustomerCount),
            },
            { key: 'created', label: t('common.createdAt'), children: formatDate(territory.createdAt) },
            {
              key: 'products',
              label: t('territories.products'),
              span: 'filled',
              children: territory.productIds.length ? (
                <ProductTags ids={territory.productIds} products={productsById} max={20} />
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('territories.hospitals')} style={{ marginBottom: 16 }}>
            <Table<Hospital>
              rowKey="id"
              size="small"
              dataSource={territory.hospitals}
              pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('territories.hospitalName'), dataIndex: 'name', key: 'name' },
                { title: t('territories.city'), dataIndex: 'city', key: 'city' },
              ]}
              data-testid="territory-hospitals-table"
            />
          </Card>
          <Card title={t('territories.channelCustomers')}>
            <Table<ChannelCustomer>
              rowKey="id"
              size="small"
              dataSource={territory.channelCustomers}
              pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('territories.customerName'), dataIndex: 'name', key: 'name' },
                {
                  title: t('territories.kind'),
                  dataIndex: 'kind',
                  key: 'kind',
                  render: (k: string) => channelKindLabel(k, t),
                },
                { title: t('territories.city'), dataIndex: 'city', key: 'city' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('territories.history')} data-testid="assignment-history">
            {history.length === 0 ? (
              <Empty description={t('territories.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                items={history.map((a) => ({
                  key: a.id,
                  color: a.endDate === null ? 'green' : 'gray',
                  title: `${formatDate(a.startDate)} – ${a.endDate ? formatDate(a.endDate) : t('territories.present')}`,
                  content: (
                    <div>
                      <Typography.Text strong>{a.userName}</Typography.Text>
                      {a.note ? <div>{a.note}</div> : null}
                      {a.assignedBy ? (
                        <Typography.Text type="secondary">
                          {t('territories.assignedBy', { name: a.assignedBy })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <FormModal
        title={dialog.kind === 'edit' ? t('territories.edit') : t('territories.reassign')}
        open={dialog.open}
        onClose={close}
      >
        {dialog.kind === 'edit' ? (
          <TerritoryForm record={territory} onDone={close} />
        ) : (
          <AssignForm territory={territory} onDone={close} />
        )}
      </FormModal>
    </div>
  );
}
