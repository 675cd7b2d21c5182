import { Suspense } from 'react';
import { Tabs } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.tsx';
import { PageSpin } from '../../app/PageSpin.tsx';

/** 数据导入: Excel import and the duplicates it may bring, as two tabs with their own URLs. */
export default function ImportsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith('/imports/duplicates') ? 'duplicates' : 'import';
  return (
    <div>
      <PageHeader title={t('nav.imports')} subTitle={t('imports.pageHint')} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(key === 'duplicates' ? '/imports/duplicates' : '/imports')}
        items={[
          { key: 'import', label: <span data-testid="imports-tab-import">{t('imports.tab')}</span> },
          {
            key: 'duplicates',
            label: <span data-testid="imports-tab-duplicates">{t('duplicates.tab')}</span>,
          },
        ]}
      />
      <Suspense fallback={<PageSpin />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
