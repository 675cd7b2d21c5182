import { useState, type ReactNode } from 'react';
import { App, Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useProductOptions } from '../accounts/accounts.api.ts';
import { PeriodPicker } from './PeriodPicker.tsx';

/**
 * The filters and actions above every dashboard: period, product, any extra filter (team), export of the
 * current view to Excel and print. Hidden when printing (the page prints its own period line).
 */
export function DashboardToolbar({
  onExport,
  exportTestId = 'dashboard-export',
  extra,
}: {
  onExport: () => Promise<void>;
  exportTestId?: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, update] = useSearchParamsUpdate();
  const products = useProductOptions();
  const [exporting, setExporting] = useState(false);

  const runExport = async () => {
    setExporting(true);
    try {
      await onExport();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap className="kq-no-print" style={{ marginBottom: 16 }}>
      <PeriodPicker />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 200 }}
        placeholder={t('analytics.filters.allProducts')}
        aria-label={t('analytics.filters.product')}
        loading={products.loading}
        options={products.options}
        value={params.get('productId') ?? undefined}
        onChange={(v?: string) => update({ productId: v })}
        data-testid="dashboard-product"
      />
      {extra}
      <Button onClick={() => void runExport()} loading={exporting} data-testid={exportTestId}>
        {t('analytics.actions.export')}
      </Button>
      <Button onClick={() => window.print()} data-testid="dashboard-print">
        {t('analytics.actions.print')}
      </Button>
    </Space>
  );
}
