import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { deliveryStatuses, notificationKinds, type DeliveryStatus } from '@keqing/shared';
import '../../lib/locales/notifications.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useTeamOptions } from '../admin/admin.api.ts';
import {
  useChannels,
  useDeliveries,
  useRunNow,
  useSaveChannel,
  useTestChannel,
  type NotificationChannel,
} from './notifications.api.ts';

type ChannelKind = NotificationChannel['kind'];
const kindLabelKey = {
  smtp: 'notifications.channels.kindSmtp',
  wecom: 'notifications.channels.kindWecom',
  dingtalk: 'notifications.channels.kindDingtalk',
} as const satisfies Record<ChannelKind, string>;
const statusColor: Record<DeliveryStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'success',
  retrying: 'warning',
  failed: 'error',
  uncertain: 'purple',
};

/** 通知渠道 (admin): SMTP and group robots, test sends, and the deliveries with their figures. */
export default function NotificationChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const channels = useChannels();
  const test = useTestChannel();
  const runNow = useRunNow();
  const [editing, setEditing] = useState<NotificationChannel | 'new' | null>(null);

  const sendTest = (c: NotificationChannel) =>
    test.mutate(c.id, {
      onSuccess: (r) =>
        r.ok
          ? void message.success(t('notifications.channels.testOk'))
          : void message.error(t('notifications.channels.testFailed', { error: r.error ?? '' })),
      onError: (e) => void message.error(errorText(e)),
    });

  return (
    <>
      <PageHeader
        title={t('notifications.channels.title')}
        extra={
          <>
            <Button
              loading={runNow.isPending}
              onClick={() =>
                runNow.mutate(undefined, {
                  onSuccess: (r) =>
                    void message.success(
                      t('notifications.channels.ran', {
                        notified: Object.values(r.rules).reduce((a, b) => a + b, 0),
                        ...r.deliveries,
                      }),
                    ),
                  onError: (e) => void message.error(errorText(e)),
                })
              }
            >
              {t('notifications.channels.runNow')}
            </Button>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="channel-add">
              {t('notifications.channels.add')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Table<NotificationChannel>
          rowKey="id"
          size="small"
          loading={channels.isFetching}
          dataSource={channels.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('notifications.channels.name'), dataIndex: 'name' },
            { title: t('notifications.channels.kind'), render: (_, c) => t(kindLabelKey[c.kind]) },
            {
              title: t('notifications.channels.team'),
              render: (_, c) =>
                c.kind === 'smtp' ? '—' : (c.teamName ?? t('notifications.channels.allTeams')),
            },
            {
              title: t('notifications.channels.kinds'),
              render: (_, c) => c.kinds.map((k) => <Tag key={k}>{t(`notifications.kind.${k}`)}</Tag>),
            },
            {
              title: t('notifications.channels.active'),
              render: (_, c) => (c.active ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
            },
            {
              title: t('notifications.channels.actions'),
              render: (_, c) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(c)}>
                    {t('notifications.channels.edit')}
                  </Button>
                  <Button
                    size="small"
                    loading={test.isPending && test.variables === c.id}
                    onClick={() => sendTest(c)}
                  >
                    {t('notifications.channels.test')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <DeliveriesCard />
      {editing ? (
        <ChannelModal channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

type FormValues = {
  kind: ChannelKind;
  name: string;
  teamId?: string | null;
  kinds: string[];
  active: boolean;
  host?: string;
  port?: number;
  secure?: boolean;
  username?: string;
  from?: string;
  url?: string;
  secret?: string;
};

function ChannelModal({ channel, onClose }: { channel: NotificationChannel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveChannel();
  const onFormError = useFormErrorHandler();
  const [clearSecret, setClearSecret] = useState(false);
  const kind = (Form.useWatch('kind', form) as ChannelKind | undefined) ?? channel?.kind ?? 'wecom';
  const teams = useTeamOptions({
    known: channel?.teamId ? [{ value: channel.teamId, label: channel.teamName ?? '' }] : [],
    enabled: kind !== 'smtp',
  });

  const submit = (v: FormValues) => {
    const config =
      v.kind === 'smtp' || kind === 'smtp'
        ? {
            host: v.host,
            port: v.port,
            secure: v.secure ?? false,
            username: v.username || undefined,
            from: v.from,
          }
        : { url: v.url };
    // write-only: an empty field keeps the stored secret, the clear box removes it
    const secret = clearSecret ? null : v.secret ? v.secret : undefined;
    save.mutate(
      channel
        ? {
            id: channel.id,
            name: v.name,
            teamId: v.teamId ?? null,
            config,
            secret,
            kinds: v.kinds,
            active: v.active,
            version: channel.version,
          }
        : {
            kind: v.kind,
            name: v.name,
            teamId: v.teamId ?? null,
            config,
            secret,
            kinds: v.kinds,
            active: v.active,
          },
      {
        onSuccess: () => {
          void message.success(t('notifications.channels.saved'));
          onClose();
        },
        onError: (e) => onFormError(form, e),
      },
    );
  };

  return (
    <Modal
      open
      title={channel ? t('notifications.channels.edit') : t('notifications.channels.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: channel?.kind ?? 'wecom',
          name: channel?.name,
          teamId: channel?.teamId ?? null,
          kinds: channel?.kinds ?? [],
          active: channel?.active ?? true,
          ...channel?.config,
        }}
      >
        <Form.Item name="kind" label={t('notifications.channels.kind')}>
          <Select
            disabled={!!channel}
            options={(['smtp', 'wecom', 'dingtalk'] as const).map((k) => ({
              value: k,
              label: t(kindLabelKey[k]),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('notifications.channels.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'smtp' ? (
          <>
            <Flex gap={8}>
              <Form.Item name="host" label={t('notifications.channels.host')} style={{ flex: 1 }}>
                <Input />
              </Form.Item>
              <Form.Item name="port" label={t('notifications.channels.port')}>
                <InputNumber min={1} max={65535} />
              </Form.Item>
              <Form.Item name="secure" label={t('notifications.channels.secure')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Flex>
            <Form.Item name="username" label={t('notifications.channels.username')}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="from" label={t('notifications.channels.from')}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="url" label={t('notifications.channels.url')}>
              <Input placeholder="https://" />
            </Form.Item>
            <Form.Item name="teamId" label={t('notifications.channels.team')}>
              <Select allowClear placeholder={t('notifications.channels.allTeams')} {...teams.selectProps} />
            </Form.Item>
          </>
        )}
        {kind !== 'wecom' ? (
          <Form.Item
            name="secret"
            label={
              <Space>
                {kind === 'smtp'
                  ? t('notifications.channels.password')
                  : t('notifications.channels.signSecret')}
                {channel?.hasSecret && !clearSecret ? (
                  <Tag color="green">{t('notifications.channels.secretSet')}</Tag>
                ) : null}
              </Space>
            }
            extra={channel?.hasSecret ? t('notifications.channels.secretKeep') : undefined}
          >
            <Input.Password autoComplete="new-password" disabled={clearSecret} data-testid="channel-secret" />
          </Form.Item>
        ) : null}
        {channel?.hasSecret && kind !== 'wecom' ? (
          <Checkbox
            checked={clearSecret}
            onChange={(e) => setClearSecret(e.target.checked)}
            style={{ marginBottom: 16 }}
          >
            {t('notifications.channels.clearSecret')}
          </Checkbox>
        ) : null}
        <Form.Item name="kinds" label={t('notifications.channels.kinds')}>
          <Checkbox.Group
            options={notificationKinds.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('notifications.channels.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeliveriesCard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const deliveries = useDeliveries({ status, page, pageSize });
  const figures = deliveries.data?.figures;
  return (
    <Card title={t('notifications.deliveries.title')}>
      <Flex gap={24} wrap style={{ marginBottom: 16 }}>
        {deliveryStatuses.map((s) => (
          <Statistic key={s} title={t(`notifications.status.${s}`)} value={figures?.[s] ?? 0} />
        ))}
      </Flex>
      <Select
        allowClear
        placeholder={t('notifications.deliveries.allStatuses')}
        style={{ minWidth: 180, marginBottom: 12 }}
        value={status}
        onChange={(v?: DeliveryStatus) => {
          setStatus(v);
          setPage(1);
        }}
        options={deliveryStatuses.map((s) => ({ value: s, label: t(`notifications.status.${s}`) }))}
      />
      <Table
        rowKey="id"
        size="small"
        loading={deliveries.isFetching}
        dataSource={deliveries.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: deliveries.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('notifications.deliveries.createdAt'), render: (_, d) => formatDateTime(d.createdAt) },
          { title: t('notifications.deliveries.user'), dataIndex: 'userName' },
          { title: t('notifications.deliveries.channel'), dataIndex: 'channelName' },
          { title: t('notifications.deliveries.target'), dataIndex: 'target' },
          {
            title: t('notifications.deliveries.status'),
            render: (_, d) => (
              <Tag color={statusColor[d.status]}>{t(`notifications.status.${d.status}`)}</Tag>
            ),
          },
          { title: t('notifications.deliveries.attempts'), dataIndex: 'attempts' },
          {
            title: t('notifications.deliveries.lastError'),
            render: (_, d) => <Typography.Text type="secondary">{d.lastError ?? ''}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
