import { useState } from 'react';
import { App, Badge, Button, Empty, Flex, List, Select, Switch, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { notificationKinds, type NotificationKind } from '@keqing/shared';
import '../../lib/locales/notifications.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from './notifications.api.ts';

/** 通知中心: the caller's notifications; a click marks one read and goes where it leads. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(false);
  const [kind, setKind] = useState<NotificationKind | undefined>();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useNotifications({ unread, kind, page, pageSize });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = (n: Notification) => {
    const go = () => (n.link ? void navigate(n.link) : undefined);
    if (n.readAt) return go();
    markRead.mutate(n.id, { onSettled: go });
  };

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <>
            <Link to="/notifications/settings">{t('notifications.settingsLink')}</Link>
            <Button
              data-testid="notification-read-all"
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onSuccess: (r) => void message.success(t('notifications.markedAll', { count: r.updated })),
                  onError: (e) => void message.error(errorText(e)),
                })
              }
            >
              {t('notifications.markAllRead')}
            </Button>
          </>
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <span>
          <Switch
            checked={unread}
            onChange={(v) => {
              setUnread(v);
              setPage(1);
            }}
            data-testid="notification-unread-only"
          />{' '}
          {t('notifications.unreadOnly')}
        </span>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('notifications.allKinds')}
          value={kind}
          onChange={(v?: NotificationKind) => {
            setKind(v);
            setPage(1);
          }}
          options={notificationKinds.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))}
        />
      </Flex>
      <List
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification-item"
            onClick={() => open(n)}
            style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 12 }}
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  {n.readAt ? null : <Badge status="processing" />}
                  <Tag>{t(`notifications.kind.${n.kind}`)}</Tag>
                  <Typography.Text strong={!n.readAt}>{n.text}</Typography.Text>
                </Flex>
              }
              description={formatDateTime(n.createdAt)}
            />
          </List.Item>
        )}
      />
    </>
  );
}
