import { useEffect, useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tooltip,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dateFormat, formatDate } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { ExpiryTag, licenceKindOptions } from './labels.tsx';
import {
  useCreateLicence,
  useCustomerLicences,
  useDeleteLicence,
  useUpdateLicence,
  type ChannelCustomerDetail,
  type ChannelLicence,
} from './parties.api.ts';

type Values = {
  kind: string;
  number: string;
  validFrom?: Dayjs | null;
  validUntil?: Dayjs | null;
  notes?: string;
};

function LicenceModal({
  customerId,
  licence,
  open,
  onClose,
}: {
  customerId: string;
  licence: ChannelLicence | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateLicence();
  const update = useUpdateLicence();
  const onServerError = useFormErrorHandler();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (licence)
      form.setFieldsValue({
        kind: licence.kind,
        // a masked number is not sent back unless retyped
        number: licence.numberMasked ? undefined : licence.number,
        validFrom: licence.validFrom ? dayjs(licence.validFrom) : null,
        validUntil: licence.validUntil ? dayjs(licence.validUntil) : null,
        notes: licence.notes ?? undefined,
      });
  }, [open, licence, form]);

  const submit = (v: Values) => {
    const body = {
      kind: v.kind,
      number: v.number?.trim() || undefined,
      validFrom: v.validFrom ? v.validFrom.format(dateFormat) : null,
      validUntil: v.validUntil ? v.validUntil.format(dateFormat) : null,
      notes: v.notes?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        void message.success(t('channel.saved'));
        onClose();
      },
      onError: (error: unknown) => onServerError(form, error),
    };
    if (licence) update.mutate({ id: licence.id, body: { ...body, version: licence.version } }, done);
    else create.mutate({ customerId, body }, done);
  };

  return (
    <Modal
      open={open}
      title={t('channel.licence.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'licence-save' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="kind"
          label={t('channel.licence.kind')}
          rules={[{ required: true, message: t('channel.required') }]}
        >
          <Select options={licenceKindOptions(t)} data-testid="licence-kind" />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('channel.licence.number')}
          rules={
            licence?.numberMasked
              ? []
              : [{ required: true, whitespace: true, message: t('channel.required') }]
          }
          extra={licence?.numberMasked ? t('channel.licence.masked') : undefined}
        >
          <Input maxLength={60} data-testid="licence-number" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="validFrom" label={t('channel.licence.validFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validUntil" label={t('channel.licence.validUntil')}>
            <DatePicker data-testid="licence-valid-until" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('channel.notes')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 证照: each licence with its expiry tag (red expired, orange within 60 days). */
export function LicencesTab({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const licences = useCustomerLicences(customer.id);
  const remove = useDeleteLicence();
  const [editing, setEditing] = useState<ChannelLicence | null | undefined>(undefined);

  return (
    <div>
      {customer.mayEdit ? (
        <Button onClick={() => setEditing(null)} style={{ marginBottom: 12 }} data-testid="licence-add">
          {t('channel.licence.add')}
        </Button>
      ) : null}
      <Table<ChannelLicence>
        rowKey="id"
        size="small"
        pagination={false}
        loading={licences.isFetching}
        dataSource={licences.data?.items}
        scroll={{ x: 'max-content' }}
        data-testid="licences-table"
        columns={[
          {
            title: t('channel.licence.kind'),
            dataIndex: 'kind',
            render: (_, l) => t(`channel.licence.kinds.${l.kind}`),
          },
          {
            title: t('channel.licence.number'),
            dataIndex: 'number',
            render: (_, l) =>
              l.numberMasked ? <Tooltip title={t('channel.licence.masked')}>{l.number}</Tooltip> : l.number,
          },
          {
            title: t('channel.licence.validFrom'),
            dataIndex: 'validFrom',
            render: (v: string | null) => formatDate(v),
          },
          {
            title: t('channel.licence.validUntil'),
            dataIndex: 'validUntil',
            render: (v: string | null) => formatDate(v),
          },
          {
            title: t('channel.licence.state'),
            key: 'state',
            render: (_, l) => <ExpiryTag licence={l} t={t} />,
          },
          { title: t('channel.notes'), dataIndex: 'notes' },
          ...(customer.mayEdit
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, l: ChannelLicence) => (
                    <Space>
                      <Button size="small" type="link" onClick={() => setEditing(l)}>
                        {t('channel.edit')}
                      </Button>
                      <Popconfirm
                        title={t('channel.licence.deleteConfirm')}
                        onConfirm={() =>
                          remove.mutate(l.id, { onError: (e) => void message.error((e as Error).message) })
                        }
                      >
                        <Button size="small" type="link" danger>
                          {t('channel.licence.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LicenceModal
        customerId={customer.id}
        licence={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
