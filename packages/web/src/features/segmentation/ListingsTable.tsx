import { App, DatePicker, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api.ts';
import { chinaToday, dateFormat, formatDate, isAfterChinaToday } from '../../lib/format.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useListings, useSetListing, type HospitalListing } from './segmentation.api.ts';

/**
 * 进药情况: whether each product is on the hospital's formulary, and since when. Listing opens the 0…+4 half
 * of the prescription status; unlisting is refused while doctors there are scored as prescribing.
 */
export function ListingsTable({ hospitalId, writable }: { hospitalId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const listings = useListings(hospitalId);
  const setListing = useSetListing(hospitalId);

  const save = (productId: string, listed: boolean, listedAt?: string | null) =>
    setListing.mutate(
      { productId, listed, listedAt: listed ? (listedAt ?? chinaToday()) : null },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('segmentation.listingHint')}</Typography.Paragraph>
      <ListError error={listings.error} />
      <Table<HospitalListing>
        rowKey="productId"
        size="small"
        loading={listings.isFetching || setListing.isPending}
        dataSource={listings.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="listings-table"
        columns={[
          {
            key: 'product',
            title: t('accounts.product.name'),
            render: (_, l) => (
              <span>
                {l.productName} <Typography.Text type="secondary">{l.genericName}</Typography.Text>
              </span>
            ),
          },
          {
            key: 'listed',
            title: t('segmentation.listed'),
            render: (_, l) => (
              <Switch
                checked={l.listed}
                disabled={!writable}
                checkedChildren={t('segmentation.listedYes')}
                unCheckedChildren={t('segmentation.listedNo')}
                onChange={(on) => save(l.productId, on, l.listedAt)}
                data-testid={`listing-switch-${l.productId}`}
              />
            ),
          },
          {
            key: 'listedAt',
            title: t('segmentation.listedAt'),
            render: (_, l) =>
              l.listed && writable ? (
                <DatePicker
                  size="small"
                  allowClear={false}
                  format={dateFormat}
                  value={l.listedAt ? dayjs(l.listedAt) : null}
                  disabledDate={isAfterChinaToday}
                  onChange={(d) => d && save(l.productId, true, d.format(dateFormat))}
                  aria-label={t('segmentation.listedAt')}
                />
              ) : (
                formatDate(l.listedAt)
              ),
          },
          {
            key: 'updated',
            title: t('segmentation.updatedBy'),
            render: (_, l) =>
              l.updatedBy ? `${l.updatedBy.name} · ${formatDate(l.updatedAt)}` : formatDate(l.updatedAt),
          },
        ]}
      />
    </div>
  );
}
