import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  careFeeRecipientRoles,
  type CareFeeRecipientRole,
  type ChannelCustomer,
  type Product,
  type User,
} from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday } from '../../lib/format.ts';
import { useRemoteOptions } from '../../lib/resources.ts';
import '../../lib/locales/care-fees.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { yuanToFen } from '../care/money.ts';
import { useCreateClaim, useSpecialApplications, type CareFeeClaim } from './care-fees.api.ts';
import { claimableMonths } from './care-fees.helpers.ts';

type LineValues = {
  channelCustomerId?: string;
  productId?: string;
  recipientRole?: CareFeeRecipientRole;
  amount?: string;
  specialApplicationId?: string;
  note?: string;
};
type Values = { month?: string; ownerId?: string; lines: LineValues[] };

const customerLabel = (c: ChannelCustomer) => c.name;
const productLabel = (p: Product) => p.name;
const userLabel = (u: User) => `${u.name}（${u.username}）`;

/**
 * 新建申报: a finished month and its lines (channel customer, product, for whom, ¥ requested). The server fills the
 * statement (纯销, 回款) and the payable amount; its refusals show inline above the form.
 */
export function ClaimModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (claim: CareFeeClaim) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateClaim();
  const [error, setError] = useState<string | null>(null);
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', customerLabel, {
    pageSize: 30,
    enabled: open,
  });
  const products = useRemoteOptions<Product>('products', productLabel, { pageSize: 50, enabled: open });
  const reps = useRemoteOptions<User>('users', userLabel, {
    params: { role: 'rep', active: true },
    pageSize: 50,
    enabled: open && me.role === 'manager',
  });
  // 新客户特殊费用: only applications signed off before their contract date may back a line
  const specials = useSpecialApplications({ status: 'approved', pageSize: 100 }, open);
  const specialOptions = (specials.data?.items ?? [])
    .filter((a) => a.valid)
    .map((a) => ({ value: a.id, label: `${a.channelCustomerName} · ${a.reason}` }));
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      month: claimableMonths(chinaToday(), 1)[0],
      lines: [{ recipientRole: 'purchaser' }],
    });
  }, [open, form]);

  const finish = (v: Values) => {
    if (!v.month) return;
    const lines = v.lines.map((l) => ({
      channelCustomerId: l.channelCustomerId ?? '',
      productId: l.productId ?? '',
      recipientRole: l.recipientRole ?? 'purchaser',
      requestedFen: yuanToFen(l.amount) ?? 0,
      specialApplicationId: l.specialApplicationId ?? null,
      note: l.note?.trim() || null,
    }));
    create.mutate(
      { month: v.month, ...(v.ownerId ? { ownerId: v.ownerId } : {}), lines },
      {
        onSuccess: (claim) => {
          void message.success(t('careFees.created'));
          onClose();
          onCreated(claim);
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('careFees.newClaim')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'care-fee-claim-save' } as ButtonProps}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('careFees.noDoctors')}</Typography.Paragraph>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="care-fee-claim-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={finish} data-testid="care-fee-claim-form">
        <Flex wrap gap={12}>
          <Form.Item
            label={t('careFees.month')}
            name="month"
            rules={[{ required: true, message: t('careFees.monthRequired') }]}
            style={{ minWidth: 160 }}
          >
            <Select
              options={claimableMonths(chinaToday()).map((m) => ({ value: m, label: m }))}
              data-testid="care-fee-claim-month"
            />
          </Form.Item>
          {me.role === 'manager' ? (
            <Form.Item label={t('careFees.owner')} name="ownerId" style={{ minWidth: 200 }}>
              <Select allowClear {...reps.selectProps} />
            </Form.Item>
          ) : null}
        </Flex>
        <Typography.Text type="secondary">{t('careFees.statementHint')}</Typography.Text>
        <Form.List
          name="lines"
          rules={[
            {
              validator: (_r, lines: unknown[] | undefined) =>
                lines && lines.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('careFees.linesRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Flex
                  key={field.key}
                  wrap
                  gap={8}
                  align="start"
                  style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}
                  data-testid="care-fee-claim-line"
                >
                  <Form.Item
                    name={[field.name, 'channelCustomerId']}
                    rules={[{ required: true, message: t('careFees.customerRequired') }]}
                    style={{ flex: '1 1 200px', marginBottom: 8 }}
                  >
                    <Select
                      placeholder={t('careFees.customer')}
                      {...customers.selectProps}
                      data-testid="care-fee-line-customer"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'productId']}
                    rules={[{ required: true, message: t('careFees.productRequired') }]}
                    style={{ flex: '1 1 140px', marginBottom: 8 }}
                  >
                    <Select
                      placeholder={t('careFees.product')}
                      {...products.selectProps}
                      data-testid="care-fee-line-product"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'recipientRole']}
                    rules={[{ required: true, message: t('careFees.roleRequired') }]}
                    style={{ flex: '1 1 150px', marginBottom: 8 }}
                  >
                    <Select
                      placeholder={t('careFees.recipientRole')}
                      options={careFeeRecipientRoles.map((r) => ({
                        value: r,
                        label: t(`careFees.recipientRoles.${r}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    rules={[
                      {
                        validator: (_r, value: string | undefined) =>
                          yuanToFen(value) !== null && (yuanToFen(value) ?? 0) > 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('careFees.amountInvalid'))),
                      },
                    ]}
                    style={{ flex: '1 1 120px', marginBottom: 8 }}
                  >
                    <Input
                      prefix="¥"
                      inputMode="decimal"
                      placeholder={t('careFees.requested')}
                      data-testid="care-fee-line-amount"
                    />
                  </Form.Item>
                  {specialOptions.length > 0 ? (
                    <Form.Item
                      name={[field.name, 'specialApplicationId']}
                      style={{ flex: '1 1 200px', marginBottom: 8 }}
                    >
                      <Select
                        allowClear
                        placeholder={`${t('careFees.special')}${t('careFees.optional')}`}
                        options={specialOptions}
                      />
                    </Form.Item>
                  ) : null}
                  <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                    {t('careFees.removeLine')}
                  </Button>
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                onClick={() => add({ recipientRole: 'purchaser' })}
                style={{ marginTop: 8 }}
                data-testid="care-fee-add-line"
              >
                {t('careFees.addLine')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
