import { Button, Flex, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList } from '../../../lib/resources.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import '../../../lib/locales/calls.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { callColumns } from '../../calls/call-columns.tsx';
import type { Call, FollowUp } from '../../calls/calls.api.ts';
import { usePreCallBrief } from '../../planning/planning.api.ts';
import type { DoctorDetail } from '../accounts.api.ts';

/** Open follow-ups shown at once; a doctor rarely has more. */
const followUpLimit = 20;

/** 拜访记录 of one doctor: this cycle's frequency, open follow-ups, then every call, newest first. */
export default function CallsTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  // A prefix keeps the table's page in the URL apart from the other tabs' parameters.
  const list = useListParams({ prefix: 'calls', defaultPageSize: 10 });
  const calls = useList<Call>('calls', { ...list.query, doctorId: doctor.id, sort: '-startAt' });
  const followUps = useList<FollowUp>('follow-ups', {
    doctorId: doctor.id,
    status: 'open',
    sort: 'dueDate',
    page: 1,
    pageSize: followUpLimit,
  });
  // The frequency line is a help: it is left out while the brief loads or when it cannot be read.
  const brief = usePreCallBrief(doctor.id);
  const mayLog = me.role === 'rep' || me.role === 'manager';

  const column = callColumns(t);
  const columns: TableColumnsType<Call> = [
    column.date,
    column.type,
    column.rep,
    column.products,
    column.objectives,
    column.nextStep,
    column.status,
  ];
  const frequency = brief.data?.frequency;
  const openFollowUps = followUps.data?.items ?? [];

  return (
    <div data-testid="doctor-calls">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        {frequency ? (
          <Typography.Text data-testid="doctor-calls-frequency">
            {t('calls.form.briefFrequency', { done: frequency.doneThisCycle, required: frequency.required })}
            {' · '}
            {frequency.lastCallDate
              ? t('doctor360.callsTab.lastCall', { date: formatDate(frequency.lastCallDate) })
              : t('doctor360.callsTab.noCallYet')}
          </Typography.Text>
        ) : (
          <span />
        )}
        {mayLog ? (
          <Button
            type="primary"
            onClick={() => void navigate(`/calls/new?doctorId=${doctor.id}`)}
            data-testid="doctor-log-call"
          >
            {t('calls.list.create')}
          </Button>
        ) : null}
      </Flex>
      {openFollowUps.length > 0 ? (
        <div style={{ marginBottom: 16 }} data-testid="doctor-follow-ups">
          <Typography.Text strong>
            {t('calls.followUps.title')} · {followUps.data?.total ?? openFollowUps.length}
          </Typography.Text>
          <List
            size="small"
            dataSource={openFollowUps}
            renderItem={(item) => (
              <List.Item
                style={{ paddingInline: 0, flexWrap: 'wrap', gap: 4 }}
                data-testid="doctor-follow-up"
              >
                <span style={{ minWidth: 0 }}>
                  <Typography.Text type={item.overdue ? 'danger' : undefined}>{item.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                    {item.ownerName} · {t('calls.followUps.due', { date: formatDate(item.dueDate) })}
                  </Typography.Text>
                </span>
                <span>
                  {item.overdue ? <Tag color="red">{t('calls.followUps.overdue')}</Tag> : null}
                  {item.callId ? (
                    <Link to={`/calls/${item.callId}`}>{t('doctor360.callsTab.viewCall')}</Link>
                  ) : null}
                </span>
              </List.Item>
            )}
          />
        </div>
      ) : null}
      <ListError error={calls.error ?? followUps.error} />
      <Table<Call>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={calls.data?.items}
        loading={calls.isFetching}
        pagination={list.pagination(calls.data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="doctor-calls-table"
      />
    </div>
  );
}
