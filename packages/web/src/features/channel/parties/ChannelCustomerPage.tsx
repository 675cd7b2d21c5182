import { Breadcrumb, Button, Card, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { formatFen } from '../../../lib/format.ts';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';
import '../../../lib/locales/channel.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { StageTag } from '../../accounts/doctors/DoctorList.tsx';
import { DistributorGoodsTab } from '../goods/DistributorGoodsTab.tsx';
import { LedgerTab } from '../money/LedgerTab.tsx';
import { CustomerWarningsTab } from '../warnings/CustomerWarningsTab.tsx';
import { BasicTab } from './BasicTab.tsx';
import { ContactsTab } from './ContactsTab.tsx';
import { ContractsTab } from './ContractsTab.tsx';
import { CustomerStatusTag, tierLabel } from './labels.tsx';
import { LicencesTab } from './LicencesTab.tsx';
import { useChannelCustomer } from './parties.api.ts';
import { VisitsTab } from './VisitsTab.tsx';

const tabs = ['basic', 'licences', 'contacts', 'contracts', 'visits', 'goods', 'ledger', 'warnings'] as const;
type TabKey = (typeof tabs)[number];

/** 渠道客户详情: one distributor, pharmacy or clinic, a tab per concern (goods and ledger for distributors). */
export default function ChannelCustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [searchParams, updateSearchParams] = useSearchParamsUpdate();
  const { data: customer, isPending, error, refetch } = useChannelCustomer(id);
  const back = <Link to="/channel/customers">{t('channel.backToList')}</Link>;

  if (isPending) return <Skeleton active />;
  if (error || !customer) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('channel.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={notFound ? back : <Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }

  const distributor = customer.kind === 'distributor';
  const available = tabs.filter((k) => distributor || (k !== 'goods' && k !== 'ledger'));
  const tabParam = searchParams.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && available.includes(tabParam) ? tabParam : 'basic';
  const label = (key: TabKey) => <span data-testid={`channel-tab-${key}`}>{t(`channel.tabs.${key}`)}</span>;
  const panes: Record<TabKey, React.ReactNode> = {
    basic: <BasicTab customer={customer} />,
    licences: <LicencesTab customer={customer} />,
    contacts: <ContactsTab customer={customer} />,
    contracts: <ContractsTab customer={customer} />,
    visits: <VisitsTab customer={customer} />,
    goods: <DistributorGoodsTab customerId={customer.id} />,
    ledger: <LedgerTab customerId={customer.id} />,
    warnings: <CustomerWarningsTab customerId={customer.id} />,
  };

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: back }, { title: customer.name }]} />
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="channel-customer-name">{customer.name}</span>
            <CustomerStatusTag status={customer.status} t={t} />
            <StageTag stage={customer.relationshipStage} />
          </Space>
        }
        subTitle={[
          t(`channel.kinds.${customer.kind}`),
          tierLabel(customer, t),
          `${customer.province} ${customer.city}`,
          customer.creditLimitFen !== null
            ? `${t('channel.creditLimitShort')} ${formatFen(customer.creditLimitFen)}`
            : '',
          customer.paymentTerms ? t(`channel.paymentTermOptions.${customer.paymentTerms}`) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
        extra={customer.code ? <Tag>{customer.code}</Tag> : null}
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => updateSearchParams({ tab: key })}
          destroyOnHidden
          items={available.map((key) => ({ key, label: label(key), children: panes[key] }))}
        />
      </Card>
    </div>
  );
}
