import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Checkbox, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { eventStatuses } from '@keqing/shared';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/events.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { EventFormModal } from './EventFormModal.tsx';
import { useEvents, type AcademicEventSummary, type EventStatus } from './events.api.ts';
import { EventStatusTag } from './labels.tsx';

/** 学术会议: the caller's events (a manager: the team's), filtered by status or waiting for the caller's decision. */
export default function EventsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState<EventStatus | undefined>();
  const [awaitingMe, setAwaitingMe] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const events = useEvents({ status, awaitingMe: awaitingMe || undefined, page, pageSize: 20 });
  const mayCreate = me.role === 'rep' || me.role === 'manager';
  const mayDecide = me.role === 'manager' || me.role === 'compliance';

  const columns: TableColumnsType<AcademicEventSummary> = [
    { title: t('events.eventDate'), dataIndex: 'eventDate' },
    {
      title: t('events.topic'),
      dataIndex: 'topic',
      render: (v: string, e) => (
        <span>
          <Link to={`/care/events/${e.id}`} data-testid="event-open">
            {v}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(`events.formats.${e.format}`)} · {e.place}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('events.hospital'), dataIndex: 'hospitalName', render: (v: string | null) => v ?? '' },
    ...(me.role === 'rep' ? [] : [{ title: t('events.owner'), dataIndex: 'ownerName' }]),
    {
      title: t('events.budget'),
      dataIndex: 'budgetFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    { title: t('events.speakersCount'), dataIndex: 'speakers', align: 'right' },
    {
      title: t('events.attendeesCount'),
      key: 'attendees',
      align: 'right',
      render: (_, e) => `${e.attendees} / ${e.signedIn}`,
    },
    {
      title: t('events.status'),
      key: 'status',
      render: (_, e) => (
        <Flex gap={4} wrap>
          <EventStatusTag status={e.status} t={t} />
          {e.needsCompliance && e.status !== 'approved' && e.status !== 'closed' ? (
            <Tag color="orange">{t('events.needsCompliance')}</Tag>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.events')}
        subTitle={t('events.pageHint')}
        extra={
          mayCreate ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="event-create">
              {t('events.create')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('events.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v?: EventStatus) => {
            setStatus(v);
            setPage(1);
          }}
          options={eventStatuses.map((s) => ({ value: s, label: t(`events.statuses.${s}`) }))}
        />
        {mayDecide ? (
          <Checkbox
            checked={awaitingMe}
            onChange={(e) => setAwaitingMe(e.target.checked)}
            data-testid="event-awaiting-me"
          >
            {t('events.awaitingMe')}
          </Checkbox>
        ) : null}
      </Flex>
      <ListError error={events.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={events.data?.items ?? []}
        loading={events.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: events.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="events-table"
      />
      <EventFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          void navigate(`/care/events/${e.id}`);
        }}
      />
    </div>
  );
}
