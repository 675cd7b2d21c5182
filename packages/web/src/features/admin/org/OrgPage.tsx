import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { canWrite } from '../../../app/navigation.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { OrgUnitTable } from './OrgUnitTable.tsx';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';

/** 组织架构: 大区 (regions) and 地区 (areas); teams hang under areas. */
export default function OrgPage() {
  const { t } = useTranslation();
  const writable = canWrite(useCurrentUser().role);
  const [searchParams, updateSearchParams] = useSearchParamsUpdate();
  const tab = searchParams.get('tab') === 'areas' ? 'areas' : 'regions';
  return (
    <div>
      <PageHeader title={t('nav.org')} subTitle={t('org.hint')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => updateSearchParams({ tab: key })}
        items={[
          {
            key: 'regions',
            label: t('org.regions'),
            children: <OrgUnitTable resource="regions" writable={writable} />,
          },
          {
            key: 'areas',
            label: t('org.areas'),
            children: <OrgUnitTable resource="areas" writable={writable} />,
          },
        ]}
      />
    </div>
  );
}
