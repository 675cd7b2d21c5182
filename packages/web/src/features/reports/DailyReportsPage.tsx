import '../../lib/locales/reports.ts';
import '../../lib/locales/pipeline.ts';
import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  List,
  Modal,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { deviationReasons, type DeviationReason, type ReportCommentKind } from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { chinaToday, dateFormat, isAfterChinaToday } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  useCreateComment,
  useCreateDailyReport,
  useDailyDraft,
  useDailyReports,
  useMarkRead,
  useStalledPipelines,
  useSubmitDailyReport,
  useTeamDay,
  useUpdateDailyReport,
  type DailyReportDraft,
  type DeviationInput,
  type TeamDay,
} from './reports.api.ts';
import { CountsLine, DeviationLines, ReportTextsView, StatusTag, SummaryLines } from './ReportParts.tsx';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The weekday before `day` (a manager reads yesterday's finished reports; holidays are not skipped). */
function previousWeekday(day: string): string {
  let d = dayjs(day).subtract(1, 'day');
  while (d.day() === 0 || d.day() === 6) d = d.subtract(1, 'day');
  return d.format(dateFormat);
}

/** `?date=`: the day looked at (never after today); by default today for a rep, the previous weekday for a manager. */
function useDayParam(fallback: 'today' | 'previousWeekday' = 'today'): [string, (d: string) => void] {
  const [params, setParam] = useSearchParamsUpdate();
  const raw = params.get('date');
  const today = chinaToday();
  const byDefault = fallback === 'today' ? today : previousWeekday(today);
  const day = raw && isoDatePattern.test(raw) && raw <= today ? raw : byDefault;
  return [day, (d: string) => setParam({ date: d === byDefault ? undefined : d })];
}

function DayPicker({ day, onChange }: { day: string; onChange: (d: string) => void }) {
  return (
    <DatePicker
      allowClear={false}
      value={dayjs(day)}
      onChange={(d) => d && onChange(d.format(dateFormat))}
      disabledDate={isAfterChinaToday}
      data-testid="report-day"
    />
  );
}

// ── the rep's day ───────────────────────────────────────────────────────────

type Reasons = Record<string, { reason: DeviationReason | null; note: string }>;

/** The editable draft of one day; remounted (by key) when the day or the stored version changes. */
function DraftForm({ draft }: { draft: DailyReportDraft }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateDailyReport();
  const update = useUpdateDailyReport();
  const submit = useSubmitDailyReport();
  const [reasons, setReasons] = useState<Reasons>(() =>
    Object.fromEntries(
      draft.deviations.map((d) => [d.plannedCallId, { reason: d.reason, note: d.note ?? '' }]),
    ),
  );
  const [texts, setTexts] = useState({
    highlights: draft.highlights ?? '',
    problems: draft.problems ?? '',
    helpRequests: draft.helpRequests ?? '',
  });
  const locked = draft.status === 'submitted';
  const busy = create.isPending || update.isPending || submit.isPending;

  const deviations: DeviationInput[] = Object.entries(reasons).map(([plannedCallId, r]) => ({
    plannedCallId,
    reason: r.reason,
    note: r.note.trim() || null,
  }));
  const save = async () =>
    draft.reportId && draft.version
      ? update.mutateAsync({ id: draft.reportId, version: draft.version, deviations, ...texts })
      : create.mutateAsync({ date: draft.date, deviations, ...texts });

  const onSave = () =>
    save().then(
      () => void message.success(t('reports.saved')),
      (e: unknown) => void message.error(errorText(e)),
    );
  const onSubmit = () =>
    save()
      .then((saved) => submit.mutateAsync({ id: saved.id, version: saved.version }))
      .then(
        () => void message.success(t('reports.submitted')),
        (e: unknown) => void message.error(errorText(e)),
      );

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('reports.dailyTitle')} extra={<StatusTag status={draft.status} />}>
        <Flex vertical gap={12}>
          <CountsLine counts={draft.summary.counts} />
          <SummaryLines summary={draft.summary} />
        </Flex>
      </Card>
      <Card size="small" title={t('reports.deviations.title')}>
        {draft.deviations.length === 0 ? (
          <Typography.Text type="secondary">{t('reports.deviations.none')}</Typography.Text>
        ) : locked ? (
          <DeviationLines deviations={draft.deviations} />
        ) : (
          <Flex vertical gap={8}>
            {draft.deviations.map((d) => {
              const r = reasons[d.plannedCallId] ?? { reason: null, note: '' };
              const set = (next: Partial<Reasons[string]>) =>
                setReasons((all) => ({ ...all, [d.plannedCallId]: { ...r, ...next } }));
              return (
                <Flex key={d.plannedCallId} wrap gap={8} align="center" data-testid="deviation-row">
                  <span style={{ minWidth: 200 }}>
                    {t(`reports.deviations.halfDay.${d.halfDay}`)} · {d.hospitalName} {d.doctorName}
                  </span>
                  <Select<DeviationReason>
                    value={r.reason ?? undefined}
                    placeholder={t('reports.deviations.pickReason')}
                    onChange={(reason) => set({ reason })}
                    options={deviationReasons.map((v) => ({ value: v, label: t(`reports.reason.${v}`) }))}
                    style={{ width: 140 }}
                    data-testid="deviation-reason"
                  />
                  <Input
                    value={r.note}
                    onChange={(e) => set({ note: e.target.value })}
                    placeholder={t('reports.deviations.note')}
                    maxLength={200}
                    style={{ width: 220 }}
                  />
                </Flex>
              );
            })}
          </Flex>
        )}
      </Card>
      {locked ? (
        <Card size="small">
          <Flex vertical gap={8}>
            <ReportTextsView report={draft} />
            <Alert type="info" showIcon message={t('reports.lockedHint')} />
            {draft.reportId ? <Link to={`/reports/daily/${draft.reportId}`}>{t('reports.open')}</Link> : null}
          </Flex>
        </Card>
      ) : (
        <Card size="small">
          <Flex vertical gap={12}>
            {(['highlights', 'problems', 'helpRequests'] as const).map((f) => (
              <div key={f}>
                <Typography.Text strong>{t(`reports.fields.${f}`)}</Typography.Text>
                <Input.TextArea
                  value={texts[f]}
                  onChange={(e) => setTexts((all) => ({ ...all, [f]: e.target.value }))}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                  data-testid={`report-${f}`}
                />
              </div>
            ))}
            <Flex gap={8}>
              <Button onClick={onSave} loading={busy} data-testid="report-save">
                {t('reports.save')}
              </Button>
              <Button type="primary" onClick={onSubmit} loading={busy} data-testid="report-submit">
                {t('reports.submit')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function RepDay() {
  const { t } = useTranslation();
  const [day, setDay] = useDayParam();
  const draft = useDailyDraft(day);
  const recent = useDailyReports({ pageSize: 10 });
  return (
    <>
      <PageHeader
        title={t('reports.myDay')}
        extra={
          <>
            <DayPicker day={day} onChange={setDay} />
            <Link to="/reports/weekly">{t('reports.toWeekly')}</Link>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {draft.isError ? (
            <Alert type="error" message={errorText(draft.error)} />
          ) : !draft.data ? (
            <Skeleton active />
          ) : (
            <DraftForm
              key={`${draft.data.date}-${draft.data.version ?? 0}-${draft.data.status}`}
              draft={draft.data}
            />
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('reports.recent')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              loading={recent.isLoading}
              dataSource={recent.data?.items ?? []}
              columns={[
                {
                  title: t('reports.date'),
                  dataIndex: 'date',
                  render: (d: string, r) => <Link to={`/reports/daily/${r.id}`}>{d}</Link>,
                },
                {
                  title: '',
                  dataIndex: 'status',
                  render: (s: 'draft' | 'submitted') => <StatusTag status={s} />,
                },
                {
                  title: '',
                  key: 'comments',
                  render: (_, r) => (r.commentCount ? <Badge count={r.commentCount} color="blue" /> : null),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

// ── the manager's team day ──────────────────────────────────────────────────

const sendTestId = { 'data-testid': 'comment-modal-send' } as Record<string, string>;

function CommentModal({
  target,
  onClose,
}: {
  target: { reportId: string; kind: ReportCommentKind; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const create = useCreateComment();
  const send = () => {
    if (!target || !body.trim()) return;
    create.mutate(
      { id: target.reportId, clientId: crypto.randomUUID(), kind: target.kind, body: body.trim() },
      {
        onSuccess: () => {
          void message.success(t('reports.sent'));
          setBody('');
          onClose();
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open={target !== null}
      title={target ? `${t(`reports.commentKind.${target.kind}`)} · ${target.name}` : ''}
      onCancel={onClose}
      onOk={send}
      okText={t('reports.send')}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !body.trim(), ...sendTestId }}
    >
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: 3 }}
        maxLength={2000}
        placeholder={t('reports.commentPlaceholder')}
        data-testid="comment-modal-body"
      />
    </Modal>
  );
}

function RepCard({
  rep,
  onComment,
}: {
  rep: TeamDay['reps'][number];
  onComment: (kind: ReportCommentKind) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const markRead = useMarkRead();
  const user = useCurrentUser();
  const canAct = rep.status === 'submitted' && rep.reportId !== null && user.role === 'manager';
  return (
    <Card
      size="small"
      data-testid="team-day-rep"
      data-status={rep.status}
      title={
        <Flex gap={8} align="center">
          <span>{rep.ownerName}</span>
          <StatusTag status={rep.status} />
          {rep.status === 'submitted' ? (
            <Tag color={rep.readAt ? 'default' : 'blue'}>
              {rep.readAt ? t('reports.read') : t('reports.unread')}
            </Tag>
          ) : null}
          {rep.unreadComments > 0 ? (
            <Badge
              count={rep.unreadComments}
              title={t('reports.unreadComments', { n: rep.unreadComments })}
            />
          ) : null}
        </Flex>
      }
      extra={
        rep.reportId ? (
          <Link to={`/reports/daily/${rep.reportId}`} data-testid="team-day-open">
            {t('reports.open')}
          </Link>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        <CountsLine counts={rep.counts} />
        <DeviationLines deviations={rep.deviations} />
        <ReportTextsView report={rep} />
        {canAct ? (
          <Flex gap={8}>
            <Button
              size="small"
              disabled={rep.readAt !== null}
              loading={markRead.isPending}
              onClick={() =>
                markRead.mutate(rep.reportId!, {
                  onSuccess: () => void message.success(t('reports.marked')),
                  onError: (e) => void message.error(errorText(e)),
                })
              }
              data-testid="team-day-read"
            >
              {t('reports.markRead')}
            </Button>
            <Button size="small" onClick={() => onComment('comment')} data-testid="team-day-comment">
              {t('reports.comment')}
            </Button>
            <Button size="small" onClick={() => onComment('question')} data-testid="team-day-ask">
              {t('reports.ask')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 停滞的进药项目 of the team: from the pipeline list; nothing at all when that call fails. */
function StalledBox({ teamId }: { teamId: string | undefined }) {
  const { t } = useTranslation();
  const stalled = useStalledPipelines(teamId);
  if (stalled.isError || !stalled.data) return null;
  return (
    <Card size="small" title={t('reports.stalledTitle')} data-testid="stalled-pipelines">
      {stalled.data.items.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.noStalled')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={stalled.data.items}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <Flex vertical>
                <Link to={`/pipeline/${p.id}`}>
                  {p.hospitalName} · {p.productName}
                </Link>
                <Typography.Text type="secondary">
                  {p.ownerName} · {t(`pipeline.stage.${p.stage}`)} ·{' '}
                  {t('reports.stalledDays', { n: p.daysInStage })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function TeamDayView() {
  const { t } = useTranslation();
  const [day, setDay] = useDayParam('previousWeekday');
  const [params, setParam] = useSearchParamsUpdate();
  const teamParam = params.get('team') ?? undefined;
  const teamDay = useTeamDay(day, teamParam);
  const [target, setTarget] = useState<{ reportId: string; kind: ReportCommentKind; name: string } | null>(
    null,
  );
  const data = teamDay.data;
  const submittedCount = data?.reps.filter((r) => r.status === 'submitted').length ?? 0;
  return (
    <>
      <PageHeader
        title={t('reports.teamDayTitle')}
        subTitle={data ? `${submittedCount}/${data.reps.length} ${t('reports.status.submitted')}` : undefined}
        extra={
          <>
            <DayPicker day={day} onChange={setDay} />
            {data && data.teams.length > 1 ? (
              <Select
                value={data.teamId ?? undefined}
                onChange={(v: string) => setParam({ team: v })}
                options={data.teams.map((tm) => ({ value: tm.id, label: tm.name }))}
                style={{ width: 180 }}
                data-testid="team-day-team"
              />
            ) : null}
            <Link to="/reports/weekly">{t('reports.toWeekly')}</Link>
          </>
        }
      />
      {teamDay.isError ? <Alert type="error" message={errorText(teamDay.error)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          {!data ? (
            <Skeleton active />
          ) : data.reps.length === 0 ? (
            <Typography.Text type="secondary">{t('reports.noReps')}</Typography.Text>
          ) : (
            <Row gutter={[12, 12]}>
              {data.reps.map((rep) => (
                <Col key={rep.ownerId} xs={24} lg={12}>
                  <RepCard
                    rep={rep}
                    onComment={(kind) => setTarget({ reportId: rep.reportId!, kind, name: rep.ownerName })}
                  />
                </Col>
              ))}
            </Row>
          )}
        </Col>
        <Col xs={24} xl={7}>
          <StalledBox teamId={data?.teamId ?? teamParam} />
        </Col>
      </Row>
      <CommentModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}

/** /reports — a rep writes their day; a manager (admin, compliance) reads the team's day. */
export default function DailyReportsPage() {
  const user = useCurrentUser();
  return user.role === 'rep' ? <RepDay /> : <TeamDayView />;
}
