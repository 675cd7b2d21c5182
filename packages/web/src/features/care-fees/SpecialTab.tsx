import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Tooltip,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelCustomer, Product } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday, formatDate, formatDateTime, formatFen } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import '../../lib/locales/care-fees.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { yuanToFen } from '../care/money.ts';
import {
  useCreateSpecial,
  useSignSpecial,
  useSpecialApplications,
  type CareFeeSpecialApplication,
} from './care-fees.api.ts';
import { maySignStep } from './care-fees.helpers.ts';
import { ClaimStatusTag } from './labels.tsx';

type Values = {
  channelCustomerId?: string;
  productId?: string;
  amount?: string;
  reason?: string;
  contractDate?: Dayjs;
};

/** 新客户特殊费用: applications (valid only when signed off before the contract date), signing, applying. */
export function SpecialTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const list = useSpecialApplications({ page, pageSize: 20 });
  const sign = useSignSpecial();
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const doSign = (a: CareFeeSpecialApplication, decision: 'approved' | 'rejected') =>
    sign.mutate(
      { id: a.id, body: { decision } },
      {
        onSuccess: () => {
          setError(null);
          void message.success(t('careFees.signed'));
        },
        onError: (e) => setError(errorText(e)),
      },
    );

  const columns: TableColumnsType<CareFeeSpecialApplication> = [
    { title: t('careFees.customer'), dataIndex: 'channelCustomerName' },
    { title: t('careFees.product'), dataIndex: 'productName', render: (v: string | null) => v ?? '' },
    {
      title: t('careFees.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    { title: t('careFees.reason'), dataIndex: 'reason' },
    { title: t('careFees.contractDate'), dataIndex: 'contractDate', render: (v: string) => formatDate(v) },
    { title: t('careFees.owner'), dataIndex: 'ownerName' },
    {
      title: t('careFees.status'),
      dataIndex: 'status',
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          <ClaimStatusTag status={a.status} t={t} />
          <Tooltip title={t('careFees.validHint')}>
            <Tag color={a.valid ? 'green' : 'default'} data-testid="care-fee-special-valid">
              {a.valid ? t('careFees.valid') : t('careFees.invalid')}
            </Tag>
          </Tooltip>
        </Flex>
      ),
    },
    {
      title: t('careFees.signatures'),
      key: 'signatures',
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          {a.signatures.map((s) => (
            <Tag key={s.id} color={s.decision === 'approved' ? 'green' : 'red'}>
              {t(`careFees.steps.${s.step}`)} {s.signedByName} {formatDateTime(s.signedAt)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, a) =>
        maySignStep(me.role, a.nextStep) && a.ownerId !== me.id && a.nextStep ? (
          <Flex gap={4}>
            <Button
              size="small"
              type="primary"
              loading={sign.isPending}
              onClick={() => doSign(a, 'approved')}
              data-testid="care-fee-special-approve"
            >
              {t('careFees.signAs', { step: t(`careFees.steps.${a.nextStep}`) })}
            </Button>
            <Button size="small" danger loading={sign.isPending} onClick={() => doSign(a, 'rejected')}>
              {t('careFees.reject')}
            </Button>
          </Flex>
        ) : null,
    },
  ];

  return (
    <div>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <span />
        {me.role === 'rep' ? (
          <Button type="primary" onClick={() => setApplying(true)} data-testid="care-fee-special-new">
            {t('careFees.specialNew')}
          </Button>
        ) : null}
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <ListError error={list.error} />
      <Table<CareFeeSpecialApplication>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        scroll={{ x: 'max-content' }}
        data-testid="care-fee-special-table"
      />
      <SpecialModal open={applying} onClose={() => setApplying(false)} />
    </div>
  );
}

function SpecialModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSpecial();
  const [error, setError] = useState<string | null>(null);
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', (c) => c.name, {
    pageSize: 30,
    enabled: open,
  });
  const products = useRemoteOptions<Product>('products', (p) => p.name, { pageSize: 50, enabled: open });
  const finish = (v: Values) => {
    const amountFen = yuanToFen(v.amount);
    if (!v.channelCustomerId || !v.contractDate || amountFen === null) return;
    create.mutate(
      {
        channelCustomerId: v.channelCustomerId,
        productId: v.productId ?? null,
        amountFen,
        reason: v.reason?.trim() ?? '',
        contractDate: v.contractDate.format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          void message.success(t('careFees.specialCreated'));
          form.resetFields();
          setError(null);
          onClose();
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('careFees.specialNew')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'care-fee-special-save' } as ButtonProps}
      destroyOnHidden
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="care-fee-special-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={finish}>
        <Form.Item
          label={t('careFees.customer')}
          name="channelCustomerId"
          rules={[{ required: true, message: t('careFees.customerRequired') }]}
        >
          <Select {...customers.selectProps} />
        </Form.Item>
        <Form.Item label={`${t('careFees.product')}${t('careFees.optional')}`} name="productId">
          <Select allowClear {...products.selectProps} />
        </Form.Item>
        <Form.Item
          label={t('careFees.amountYuan')}
          name="amount"
          rules={[
            {
              validator: (_r, value: string | undefined) =>
                (yuanToFen(value) ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('careFees.amountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
        <Form.Item
          label={t('careFees.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('careFees.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          label={t('careFees.contractDate')}
          name="contractDate"
          extra={t('careFees.contractAfterToday')}
          rules={[{ required: true, message: t('careFees.contractAfterToday') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.format('YYYY-MM-DD') <= chinaToday()}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
