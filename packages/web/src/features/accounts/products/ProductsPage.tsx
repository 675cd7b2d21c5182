import { useState } from 'react';
import { Button, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { ActiveFilter } from '../../../app/ui/ListToolbar.tsx';
import { TextFilter } from '../../../app/ui/TextFilter.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { AccountList, type ListColumn } from '../AccountList.tsx';
import { mayWriteMasterData, type Product } from '../accounts.api.ts';
import { ProductForm } from './ProductForm.tsx';

const filters = ['therapeuticArea', 'active'] as const;

function Tags({ values }: { values: string[] }) {
  if (values.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {values.map((v) => (
        <Tag key={v}>{v}</Tag>
      ))}
    </Space>
  );
}

/** What a rep takes into a call: the product's key messages (feature → benefit, objection → answer). */
function ProductDetails({ product }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <div data-testid="product-details">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'ind',
            label: t('accounts.product.indications'),
            children: <Tags values={product.indications} />,
          },
          {
            key: 'dep',
            label: t('accounts.product.targetDepartments'),
            children: <Tags values={product.targetDepartments} />,
          },
          {
            key: 'comp',
            label: t('accounts.product.competitors'),
            children: <Tags values={product.competitorProducts} />,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('accounts.product.keyMessages')}
      </Typography.Title>
      <List
        size="small"
        dataSource={product.keyMessages}
        locale={{ emptyText: t('accounts.product.noKeyMessages') }}
        renderItem={(m, i) => (
          <List.Item>
            <div>
              <Typography.Text strong>
                {i + 1}. {m.feature}
              </Typography.Text>
              <div>
                {t('accounts.product.benefit')}
                {t('lists.colon')}
                {m.benefit}
              </div>
              {m.objection ? (
                <div>
                  <Typography.Text type="warning">
                    {t('accounts.product.objection')}
                    {t('lists.colon')}
                  </Typography.Text>
                  {m.objection}
                  {m.answer ? (
                    <div>
                      <Typography.Text type="success">
                        {t('accounts.product.answer')}
                        {t('lists.colon')}
                      </Typography.Text>
                      {m.answer}
                    </div>
                  ) : null}
                </div>
              ) : null}
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}

/** 产品: the catalogue with indications, target departments and key messages (admins edit). */
export default function ProductsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const writable = mayWriteMasterData(me.role);
  const [editor, setEditor] = useState<EditorState<Product>>({ open: false });

  const columns: ListColumn<Product>[] = [
    {
      key: 'name',
      title: t('accounts.product.name'),
      locked: true,
      sortable: true,
      render: (p) => <Typography.Text strong>{p.name}</Typography.Text>,
    },
    {
      key: 'genericName',
      title: t('accounts.product.genericName'),
      sortable: true,
      render: (p) => p.genericName,
    },
    {
      key: 'specification',
      title: t('accounts.product.specification'),
      render: (p) => p.specification ?? '',
    },
    {
      key: 'therapeuticArea',
      title: t('accounts.product.therapeuticArea'),
      sortable: true,
      render: (p) => p.therapeuticArea,
    },
    {
      key: 'targetDepartments',
      title: t('accounts.product.targetDepartments'),
      render: (p) => p.targetDepartments.join(t('common.listSeparator')),
    },
    {
      key: 'competitorProducts',
      title: t('accounts.product.competitors'),
      optional: true,
      render: (p) => p.competitorProducts.join(t('common.listSeparator')),
    },
    {
      key: 'keyMessages',
      title: t('accounts.product.keyMessages'),
      align: 'right',
      render: (p) => p.keyMessages.length,
    },
    { key: 'active', title: t('common.status'), render: (p) => <ActiveTag active={p.active} /> },
    ...(writable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            locked: true,
            render: (p: Product) => (
              <Button type="link" size="small" onClick={() => setEditor({ open: true, record: p })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.products')}
        extra={
          writable ? (
            <Button type="primary" onClick={() => setEditor({ open: true })} data-testid="create-product">
              {t('accounts.product.create')}
            </Button>
          ) : null
        }
      />
      <AccountList<Product, (typeof filters)[number]>
        listKind="products"
        resource="products"
        exportName={t('nav.products')}
        filters={filters}
        columns={() => columns}
        searchPlaceholder={t('accounts.product.search')}
        testId="products"
        expandable={{ expandedRowRender: (p) => <ProductDetails product={p} /> }}
        renderFilters={(list) => (
          <>
            <TextFilter
              value={list.filters.therapeuticArea}
              onChange={(v) => list.setFilter('therapeuticArea', v)}
              placeholder={t('accounts.product.therapeuticArea')}
            />
            <ActiveFilter value={list.filters.active} onChange={(v) => list.setFilter('active', v)} />
          </>
        )}
      />
      <FormModal
        title={editor.record ? t('accounts.product.edit') : t('accounts.product.create')}
        open={editor.open}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
      >
        <ProductForm record={editor.record} onDone={() => setEditor((e) => ({ ...e, open: false }))} />
      </FormModal>
    </div>
  );
}
