import '../../lib/locales/reports.ts';
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Segmented,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportCommentKind } from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  useAmendDailyReport,
  useCreateComment,
  useDailyReport,
  useMarkRead,
  useReportComments,
  type DailyReportDetail,
} from './reports.api.ts';
import { CountsLine, DeviationLines, ReportTextsView, StatusTag, SummaryLines } from './ReportParts.tsx';

const textFields = ['highlights', 'problems', 'helpRequests'] as const;

/** The owner amends a submitted report's texts with a reason (deviation reasons are amended the same way by API). */
function AmendForm({ report }: { report: DailyReportDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const amend = useAmendDailyReport();
  const [open, setOpen] = useState(false);
  const [texts, setTexts] = useState({
    highlights: report.highlights ?? '',
    problems: report.problems ?? '',
    helpRequests: report.helpRequests ?? '',
  });
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="report-amend-open">
        {t('reports.amend')}
      </Button>
    );
  const send = () =>
    amend.mutate(
      { id: report.id, version: report.version, reason: reason.trim(), changes: texts },
      {
        onSuccess: () => {
          void message.success(t('reports.amended'));
          setOpen(false);
          setReason('');
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  return (
    <Flex vertical gap={8}>
      {textFields.map((f) => (
        <div key={f}>
          <Typography.Text strong>{t(`reports.fields.${f}`)}</Typography.Text>
          <Input.TextArea
            value={texts[f]}
            onChange={(e) => setTexts((all) => ({ ...all, [f]: e.target.value }))}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
          />
        </div>
      ))}
      <Input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('reports.amendReason')}
        maxLength={500}
        data-testid="report-amend-reason"
      />
      <Flex gap={8}>
        <Button type="primary" disabled={!reason.trim()} loading={amend.isPending} onClick={send}>
          {t('reports.amend')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('reports.back')}</Button>
      </Flex>
    </Flex>
  );
}

/** The thread: the manager's comments and questions, the rep's answers; the form offers the caller's kinds. */
function CommentThread({ report }: { report: DailyReportDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const comments = useReportComments(report.id);
  const create = useCreateComment();
  const isOwner = user.id === report.ownerId;
  const kinds: ReportCommentKind[] = isOwner
    ? ['answer']
    : user.role === 'manager'
      ? ['comment', 'question']
      : [];
  const [kind, setKind] = useState<ReportCommentKind>(kinds[0] ?? 'comment');
  const [body, setBody] = useState('');
  const send = () =>
    create.mutate(
      { id: report.id, clientId: crypto.randomUUID(), kind, body: body.trim() },
      {
        onSuccess: () => {
          void message.success(t('reports.sent'));
          setBody('');
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  const items = comments.data?.items ?? [];
  return (
    <Card size="small" title={t('reports.comments')} data-testid="report-comments">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('reports.noComments')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {items.map((c) => (
            <div key={c.id} data-testid="report-comment">
              <Flex gap={6} align="center">
                <Tag color={c.kind === 'answer' ? 'green' : c.kind === 'question' ? 'orange' : 'blue'}>
                  {t(`reports.commentKind.${c.kind}`)}
                </Tag>
                <Typography.Text strong>{c.authorName}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
              </Flex>
              <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{c.body}</div>
            </div>
          ))}
        </Flex>
      )}
      {kinds.length > 0 && report.status === 'submitted' ? (
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          {kinds.length > 1 ? (
            <Segmented<ReportCommentKind>
              value={kind}
              onChange={setKind}
              options={kinds.map((k) => ({ value: k, label: t(`reports.commentKind.${k}`) }))}
              data-testid="comment-kind"
            />
          ) : null}
          <Input.TextArea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            autoSize={{ minRows: 2 }}
            maxLength={2000}
            placeholder={t('reports.commentPlaceholder')}
            data-testid="comment-body"
          />
          <div>
            <Button
              type="primary"
              disabled={!body.trim()}
              loading={create.isPending}
              onClick={send}
              data-testid="comment-send"
            >
              {t('reports.send')}
            </Button>
          </div>
        </Flex>
      ) : null}
    </Card>
  );
}

/** /reports/daily/:id — one report, its amendments and the comment thread. */
export default function DailyReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const report = useDailyReport(id);
  const markRead = useMarkRead();
  if (report.isError) return <Alert type="error" message={errorText(report.error)} />;
  if (!report.data) return <Skeleton active />;
  const r = report.data;
  const mayMarkRead =
    r.status === 'submitted' &&
    !r.readAt &&
    (user.role === 'manager' || user.role === 'admin') &&
    user.id !== r.ownerId;
  return (
    <>
      <PageHeader
        title={`${r.ownerName} · ${r.date} ${t('reports.dailyTitle')}`}
        subTitle={
          <Flex gap={6} align="center" component="span">
            <StatusTag status={r.status} />
            {r.readAt ? <Tag>{t('reports.readBy', { name: r.readByName ?? '' })}</Tag> : null}
          </Flex>
        }
        extra={
          <>
            {mayMarkRead ? (
              <Button
                loading={markRead.isPending}
                onClick={() =>
                  markRead.mutate(r.id, {
                    onSuccess: () => void message.success(t('reports.marked')),
                    onError: (e) => void message.error(errorText(e)),
                  })
                }
                data-testid="report-mark-read"
              >
                {t('reports.markRead')}
              </Button>
            ) : null}
            <Link to="/reports">{t('reports.back')}</Link>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('reports.dailyTitle')}>
              <Flex vertical gap={12}>
                <CountsLine counts={r.summary.counts} />
                <SummaryLines summary={r.summary} />
              </Flex>
            </Card>
            <Card size="small" title={t('reports.deviations.title')}>
              <DeviationLines deviations={r.deviations} />
            </Card>
            <Card size="small">
              <Flex vertical gap={8}>
                <ReportTextsView report={r} />
                {user.id === r.ownerId && r.status === 'submitted' ? <AmendForm report={r} /> : null}
                {user.id === r.ownerId && r.status === 'draft' ? (
                  <Link to={`/reports?date=${r.date}`}>{t('reports.save')}</Link>
                ) : null}
              </Flex>
            </Card>
            <Card size="small" title={t('reports.amendments')}>
              {r.amendments.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noAmendments')} />
              ) : (
                <Timeline
                  items={r.amendments.map((a) => ({
                    key: a.id,
                    children: (
                      <div>
                        <Typography.Text strong>{a.actorName}</Typography.Text>{' '}
                        <Typography.Text type="secondary">{formatDateTime(a.createdAt)}</Typography.Text>
                        <div>
                          {t('reports.amendReason')}：{a.reason}
                        </div>
                        {Object.keys(a.changes).map((field) => (
                          <Tag key={field}>{t(`reports.fields.${field}`, { defaultValue: field })}</Tag>
                        ))}
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <CommentThread report={r} />
        </Col>
      </Row>
    </>
  );
}
