import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Divider,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useList } from '../../lib/resources.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useUpdateFollowUp, type CoVisit, type FollowUp } from './calls.api.ts';
import '../../lib/locales/calls.ts';

/** Rows per section until the rep asks for all. */
const shortList = { overdue: 3, upcoming: 5 };

/**
 * 跟进任务 on the rep's home page: the open next steps of their calls, overdue ones in red, each marked done
 * or not done with an optional note; below, the co-visits waiting for the rep's acknowledgement.
 */
export function FollowUpsHomeCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [all, setAll] = useState(false);
  // Two lists: the latest overdue ones (red) and the next ones due, soonest first.
  const overdue = useList<FollowUp>('follow-ups', {
    status: 'open',
    overdue: 'true',
    sort: '-dueDate',
    page: 1,
    pageSize: all ? 100 : shortList.overdue,
  });
  const upcoming = useList<FollowUp>('follow-ups', {
    status: 'open',
    overdue: 'false',
    sort: 'dueDate',
    page: 1,
    pageSize: all ? 100 : shortList.upcoming,
  });
  const coVisits = useList<CoVisit>('co-visits', {
    repId: me.id,
    acknowledged: 'false',
    page: 1,
    pageSize: 10,
  });
  const update = useUpdateFollowUp();
  const [resolving, setResolving] = useState<{ item: FollowUp; status: 'done' | 'notDone' } | null>(null);
  const [form] = Form.useForm<{ note?: string }>();

  const overdueTotal = overdue.data?.total ?? 0;
  const upcomingTotal = upcoming.data?.total ?? 0;
  const hidden =
    overdueTotal - (overdue.data?.items.length ?? 0) + upcomingTotal - (upcoming.data?.items.length ?? 0);
  const waitingCoVisits = coVisits.data?.items ?? [];

  const open = (item: FollowUp, status: 'done' | 'notDone') => {
    form.resetFields();
    setResolving({ item, status });
  };
  const save = ({ note }: { note?: string }) => {
    if (!resolving) return;
    update.mutate(
      {
        id: resolving.item.id,
        body: {
          version: resolving.item.version,
          status: resolving.status,
          resolutionNote: emptyToNull(note),
        },
      },
      {
        onSuccess: () => {
          setResolving(null);
          void message.success(t('calls.followUps.saved'));
        },
        onError: (e) => {
          setResolving(null);
          void message.error(isApiError(e) ? e.message : errorText(e));
        },
      },
    );
  };

  const list = (items: FollowUp[]) => (
    <List
      size="small"
      dataSource={items}
      split
      style={{ marginBottom: 8 }}
      renderItem={(item) => (
        <List.Item
          data-testid="follow-up-item"
          data-overdue={item.overdue ? 'true' : 'false'}
          style={{ paddingInline: 0, flexWrap: 'wrap', gap: 4 }}
        >
          <div style={{ minWidth: 0, flex: '1 1 160px' }}>
            <Typography.Text
              type={item.overdue ? 'danger' : undefined}
              strong
              data-testid="follow-up-title"
              style={{ display: 'block' }}
            >
              {item.title}
            </Typography.Text>
            <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {item.doctorName} · {t('calls.followUps.due', { date: formatDate(item.dueDate) })}
              {item.overdue ? ` · ${t('calls.followUps.overdue')}` : ''}
            </Typography.Text>
          </div>
          <Space size={4}>
            <Button size="small" onClick={() => open(item, 'done')} data-testid="follow-up-done">
              {t('calls.followUps.done')}
            </Button>
            <Button size="small" onClick={() => open(item, 'notDone')} data-testid="follow-up-not-done">
              {t('calls.followUps.notDone')}
            </Button>
          </Space>
        </List.Item>
      )}
    />
  );

  return (
    <Card
      title={t('calls.followUps.title')}
      extra={
        overdueTotal + upcomingTotal > 0 ? (
          <Tag color={overdueTotal > 0 ? 'red' : 'blue'}>{overdueTotal + upcomingTotal}</Tag>
        ) : null
      }
      data-testid="home-card-follow-ups"
    >
      {overdue.isPending || upcoming.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : overdue.isError || upcoming.isError ? (
        <Typography.Text type="danger">{errorText(overdue.error ?? upcoming.error)}</Typography.Text>
      ) : overdueTotal + upcomingTotal === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls.followUps.empty')} />
      ) : (
        <>
          {overdueTotal > 0 ? (
            <>
              <Typography.Text type="danger" strong data-testid="follow-ups-overdue">
                {t('calls.followUps.overdueCount', { count: overdueTotal })}
              </Typography.Text>
              {list(overdue.data?.items ?? [])}
            </>
          ) : null}
          {upcomingTotal > 0 ? (
            <>
              <Typography.Text strong>
                {t('calls.followUps.upcomingCount', { count: upcomingTotal })}
              </Typography.Text>
              {list(upcoming.data?.items ?? [])}
            </>
          ) : null}
        </>
      )}
      {hidden > 0 || all ? (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => setAll(!all)}
          data-testid="follow-ups-all"
        >
          {all ? t('calls.followUps.showLess') : t('calls.followUps.more', { count: hidden })}
        </Button>
      ) : null}
      {waitingCoVisits.length > 0 ? (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <Typography.Text strong>{t('calls.followUps.coVisitsTitle')}</Typography.Text>
          <List
            size="small"
            dataSource={waitingCoVisits}
            renderItem={(cv) => (
              <List.Item style={{ paddingInline: 0 }} data-testid="home-co-visit">
                <span style={{ minWidth: 0 }}>
                  {t('calls.followUps.coVisitFrom', {
                    manager: cv.managerName,
                    date: formatDate(cv.callDate),
                    doctor: cv.doctorName,
                  })}
                </span>
                <Link to={`/co-visits/${cv.id}`}>{t('calls.followUps.acknowledge')}</Link>
              </List.Item>
            )}
          />
        </>
      ) : null}
      <Modal
        title={
          resolving?.status === 'done' ? t('calls.followUps.markDone') : t('calls.followUps.markNotDone')
        }
        open={!!resolving}
        onCancel={() => setResolving(null)}
        onOk={() => form.submit()}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        {resolving ? <Typography.Paragraph>{resolving.item.title}</Typography.Paragraph> : null}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="note" label={t('calls.followUps.note')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="follow-up-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
