import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday, formatFen } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import '../../lib/locales/care-fees.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { fenToYuanText, yuanToFen } from '../care/money.ts';
import { useAccounts, useSaveAccount, type CareFeeAccount } from './care-fees.api.ts';

type Values = { productId?: string; budget?: string; rate?: string };

/** 客户关系维护费——xx品种: budget, rate, spent and remaining per product for a year; admins set them. */
export function AccountsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const accounts = useAccounts(year);
  const [editing, setEditing] = useState<CareFeeAccount | 'new' | null>(null);
  const isAdmin = me.role === 'admin';

  const columns: TableColumnsType<CareFeeAccount> = [
    { title: t('careFees.product'), dataIndex: 'productName' },
    {
      title: t('careFees.budget'),
      dataIndex: 'budgetFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.ratePerUnit'),
      dataIndex: 'ratePerUnitFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.spent'),
      dataIndex: 'spentFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.remaining'),
      dataIndex: 'remainingFen',
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v < 0 ? 'danger' : undefined}>{formatFen(v)}</Typography.Text>
      ),
    },
    ...(isAdmin
      ? [
          {
            title: '',
            key: 'edit',
            render: (_: unknown, a: CareFeeAccount) => (
              <Button size="small" onClick={() => setEditing(a)} data-testid="care-fee-account-edit">
                {t('careFees.editAccount')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
            value: y,
            label: String(y),
          }))}
          style={{ width: 120 }}
          data-testid="care-fee-account-year"
        />
        {isAdmin ? (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="care-fee-account-new">
            {t('careFees.editAccount')}
          </Button>
        ) : null}
      </Flex>
      <ListError error={accounts.error} />
      <Table<CareFeeAccount>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={accounts.data?.items}
        loading={accounts.isFetching}
        pagination={false}
        locale={{ emptyText: t('careFees.noAccount') }}
        scroll={{ x: 'max-content' }}
        data-testid="care-fee-accounts-table"
      />
      {editing ? (
        <AccountModal
          year={year}
          account={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function AccountModal({
  year,
  account,
  onClose,
}: {
  year: number;
  account: CareFeeAccount | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveAccount();
  const [error, setError] = useState<string | null>(null);
  const products = useRemoteOptions<Product>('products', (p) => p.name, {
    pageSize: 50,
    known: account ? [{ value: account.productId, label: account.productName }] : [],
  });
  const money = (text: string) => ({
    validator: (_r: unknown, value: string | undefined) =>
      yuanToFen(value) !== null ? Promise.resolve() : Promise.reject(new Error(text)),
  });
  const finish = (v: Values) => {
    const budgetFen = yuanToFen(v.budget);
    const ratePerUnitFen = yuanToFen(v.rate);
    if (!v.productId || budgetFen === null || ratePerUnitFen === null) return;
    save.mutate(
      { productId: v.productId, year, budgetFen, ratePerUnitFen },
      {
        onSuccess: () => {
          void message.success(t('careFees.accountSaved'));
          onClose();
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open
      title={`${t('careFees.editAccount')} · ${year}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'care-fee-account-save' } as ButtonProps}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={
          account
            ? {
                productId: account.productId,
                budget: fenToYuanText(account.budgetFen),
                rate: fenToYuanText(account.ratePerUnitFen),
              }
            : {}
        }
      >
        <Form.Item
          label={t('careFees.product')}
          name="productId"
          rules={[{ required: true, message: t('careFees.productRequired') }]}
        >
          <Select disabled={!!account} {...products.selectProps} />
        </Form.Item>
        <Form.Item
          label={`${t('careFees.budget')}（¥）`}
          name="budget"
          rules={[money(t('careFees.amountInvalid'))]}
        >
          <Input prefix="¥" inputMode="decimal" data-testid="care-fee-account-budget" />
        </Form.Item>
        <Form.Item label={t('careFees.ratePerUnit')} name="rate" rules={[money(t('careFees.amountInvalid'))]}>
          <Input prefix="¥" inputMode="decimal" data-testid="care-fee-account-rate" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
