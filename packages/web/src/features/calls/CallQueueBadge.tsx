import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Drawer, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { discardQueuedCall, markForRetry, refreshQueue, runQueue, useCallQueue } from './call-queue-state.ts';
import { invalidateCalls } from './calls.api.ts';
import { callTypeLabel } from './labels.ts';
import '../../lib/locales/calls.ts';

/** While calls wait, the queue is tried again this often (and at once when the browser comes back online). */
const retryEveryMs = 30_000;

/**
 * The header's 待提交 badge: runs the offline queue (at start, on `online`, every 30 s while calls wait)
 * and lists what is waiting or was refused, with retry / edit / discard.
 */
export function CallQueueBadge({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const items = useCallQueue(userId);
  const [open, setOpen] = useState(false);
  const waiting = items.filter((i) => i.status === 'waiting').length;

  const run = useCallback(async () => {
    const result = await runQueue(userId);
    if (result.sent > 0) {
      invalidateCalls(queryClient);
      void message.success(t('calls.queue.sent', { count: result.sent }));
    }
    if (result.rejected > 0) void message.error(t('calls.queue.rejected', { count: result.rejected }));
  }, [userId, queryClient, message, t]);

  useEffect(() => {
    void refreshQueue().then(() => (navigator.onLine ? run() : undefined));
    const onOnline = () => void run();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [run]);

  useEffect(() => {
    if (waiting === 0) return;
    const timer = window.setInterval(() => {
      if (navigator.onLine) void run();
    }, retryEveryMs);
    return () => window.clearInterval(timer);
  }, [waiting, run]);

  if (items.length === 0) return null;
  const failed = items.length - waiting;

  return (
    <>
      <Badge
        count={items.length}
        size="small"
        color={failed > 0 ? 'red' : 'orange'}
        data-testid="call-queue-badge"
      >
        <Button size="small" onClick={() => setOpen(true)} data-testid="call-queue-button">
          {t('calls.queue.button')}
        </Button>
      </Badge>
      <Drawer
        title={t('calls.queue.title')}
        open={open}
        onClose={() => setOpen(false)}
        size={360}
        data-testid="call-queue-drawer"
        extra={
          waiting > 0 ? (
            <Button size="small" type="primary" onClick={() => void run()} data-testid="call-queue-send">
              {t('calls.queue.sendNow')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t('calls.queue.hint')}</Typography.Paragraph>
        {items.length === 0 ? (
          <Empty description={t('calls.queue.empty')} />
        ) : (
          <List
            dataSource={items}
            renderItem={(item) => (
              <List.Item
                data-testid="call-queue-item"
                actions={[
                  item.status === 'failed' ? (
                    <Button
                      key="retry"
                      size="small"
                      type="link"
                      onClick={() => void markForRetry(item.clientId).then(run)}
                    >
                      {t('calls.queue.retry')}
                    </Button>
                  ) : null,
                  <Button
                    key="edit"
                    size="small"
                    type="link"
                    onClick={() => {
                      setOpen(false);
                      void navigate(`/calls/new?queued=${item.clientId}`);
                    }}
                  >
                    {t('calls.queue.edit')}
                  </Button>,
                  <Popconfirm
                    key="discard"
                    title={t('calls.queue.confirmDiscard')}
                    onConfirm={() => void discardQueuedCall(item.clientId)}
                  >
                    <Button size="small" type="link" danger>
                      {t('calls.queue.discard')}
                    </Button>
                  </Popconfirm>,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <span>{item.summary.doctorName}</span>
                      <Tag color={item.status === 'failed' ? 'red' : 'orange'}>
                        {item.status === 'failed' ? t('calls.queue.failed') : t('calls.queue.waiting')}
                      </Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div>
                        {formatDateTime(item.summary.startAt)} · {callTypeLabel(item.summary.type, t)}
                      </div>
                      <div>{t('calls.queue.queuedAt', { time: formatDateTime(item.queuedAt) })}</div>
                      {item.error ? <Typography.Text type="danger">{item.error}</Typography.Text> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
