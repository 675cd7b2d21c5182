import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { useListParams } from '../../../lib/list-params.ts';
import '../../../lib/locales/channel-warnings.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import {
  useChannelCustomerOptions,
  useCreatePromise,
  usePromises,
  useUpdatePromise,
  type ChannelPromise,
} from './warnings.api.ts';

type NewValues = { channelCustomerId: string; promise: string; madeOn: Dayjs; dueOn: Dayjs; note?: string };

/** 承诺 tracker: promises made to distributors, overdue first; mark kept or broken with a note. */
export function PromisesTab({
  readOnly,
  channelCustomerId,
}: {
  readOnly: boolean;
  channelCustomerId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onFormError = useFormErrorHandler();
  const list = useListParams({ prefix: 'promises', filters: ['status', 'overdue'] as const });
  const promises = usePromises({ ...list.query, channelCustomerId });
  const customers = useChannelCustomerOptions();
  const create = useCreatePromise();
  const update = useUpdatePromise();
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<{ promise: ChannelPromise; status: 'kept' | 'broken' } | null>(null);
  const [form] = Form.useForm<NewValues>();
  const [closeForm] = Form.useForm<{ note: string }>();

  const add = (v: NewValues) =>
    create.mutate(
      {
        channelCustomerId: v.channelCustomerId,
        promise: v.promise,
        madeOn: v.madeOn.format('YYYY-MM-DD'),
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
      },
      {
        onSuccess: () => {
          void message.success(t('channelWarnings.promises.added'));
          setAdding(false);
        },
        onError: (e) => onFormError(form, e),
      },
    );
  const close = (v: { note: string }) => {
    if (!closing) return;
    update.mutate(
      {
        id: closing.promise.id,
        version: closing.promise.version,
        status: closing.status,
        note: v.note.trim(),
      },
      { onSuccess: () => setClosing(null), onError: (e) => onFormError(closeForm, e) },
    );
  };

  const columns: TableColumnsType<ChannelPromise> = [
    ...(channelCustomerId
      ? []
      : [{ title: t('channelWarnings.customer'), dataIndex: 'channelCustomerName' }]),
    { title: t('channelWarnings.promises.promise'), dataIndex: 'promise' },
    { title: t('channelWarnings.promises.owner'), dataIndex: 'ownerName' },
    {
      title: t('channelWarnings.promises.madeOn'),
      dataIndex: 'madeOn',
      render: (v: string) => formatDate(v),
    },
    {
      title: t('channelWarnings.promises.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string, r) =>
        r.overdue ? (
          <Tag color="red" data-testid="promise-overdue">
            {formatDate(v)} · {t('channelWarnings.promises.overdue')}
          </Tag>
        ) : (
          formatDate(v)
        ),
    },
    {
      title: t('channelWarnings.promises.status'),
      dataIndex: 'status',
      render: (v: ChannelPromise['status'], r) => (
        <span>
          <Tag color={v === 'kept' ? 'green' : v === 'broken' ? 'red' : 'blue'}>
            {t(`channelWarnings.promises.statuses.${v}`)}
          </Tag>
          {r.note ? <span style={{ fontSize: 12 }}>{r.note}</span> : null}
        </span>
      ),
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'actions',
            render: (_: unknown, r: ChannelPromise) =>
              r.status === 'open' ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() => setClosing({ promise: r, status: 'kept' })}
                    data-testid="promise-kept"
                  >
                    {t('channelWarnings.promises.keep')}
                  </Button>
                  <Button size="small" danger onClick={() => setClosing({ promise: r, status: 'broken' })}>
                    {t('channelWarnings.promises.break')}
                  </Button>
                </Space>
              ) : null,
          },
        ]),
  ];

  return (
    <div>
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Checkbox
          checked={list.filters.overdue === 'true'}
          onChange={(e) => list.setFilter('overdue', e.target.checked ? 'true' : undefined)}
        >
          {t('channelWarnings.promises.overdueOnly')}
        </Checkbox>
        {readOnly ? null : (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ madeOn: dayjs(), channelCustomerId });
              setAdding(true);
            }}
            data-testid="promise-add"
          >
            {t('channelWarnings.promises.add')}
          </Button>
        )}
      </Flex>
      <ListError error={promises.error} />
      <Table<ChannelPromise>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={promises.data?.items}
        loading={promises.isFetching}
        pagination={list.pagination(promises.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="promises-table"
      />
      <Modal
        open={adding}
        title={t('channelWarnings.promises.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add}>
          <Form.Item
            name="channelCustomerId"
            label={t('channelWarnings.customer')}
            rules={[{ required: true, message: t('channelWarnings.promises.customerRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              disabled={!!channelCustomerId}
              options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item
            name="promise"
            label={t('channelWarnings.promises.promise')}
            rules={[
              { required: true, whitespace: true, message: t('channelWarnings.promises.promiseRequired') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Flex gap={8} wrap>
            <Form.Item
              name="madeOn"
              label={t('channelWarnings.promises.madeOn')}
              rules={[{ required: true, message: t('channelWarnings.promises.dateRequired') }]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="dueOn"
              label={t('channelWarnings.promises.dueOn')}
              rules={[{ required: true, message: t('channelWarnings.promises.dateRequired') }]}
            >
              <DatePicker />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('channelWarnings.promises.note')}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={closing !== null}
        title={
          closing
            ? t('channelWarnings.promises.closeTitle', {
                status: t(`channelWarnings.promises.statuses.${closing.status}`),
              })
            : ''
        }
        onCancel={() => setClosing(null)}
        onOk={() => closeForm.submit()}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <Form form={closeForm} layout="vertical" onFinish={close}>
          <Form.Item
            name="note"
            label={t('channelWarnings.promises.note')}
            rules={[
              { required: true, whitespace: true, message: t('channelWarnings.promises.noteRequired') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="promise-close-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
