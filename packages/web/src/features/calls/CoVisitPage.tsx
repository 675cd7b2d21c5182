import { useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Rate,
  Result,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { callSteps, type CallStep } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull, useFormErrorHandler } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useDetail } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import {
  useAcknowledgeCoVisit,
  useCreateCoVisit,
  useUpdateCoVisit,
  type Call,
  type CoVisit,
  type CoVisitEvaluation,
} from './calls.api.ts';
import { callTypeLabel } from './labels.ts';
import '../../lib/locales/calls.ts';

/** `/co-visits/new?callId=` (a manager evaluates a call) and `/co-visits/:id` (view, edit, acknowledge). */
export default function CoVisitPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  return id ? <ExistingCoVisit key={id} id={id} /> : <NewCoVisit callId={params.get('callId') ?? ''} />;
}

function Crumbs({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to="/co-visits">{t('calls.coVisits.title')}</Link> }, { title }]}
    />
  );
}

function CallSummary({ call }: { call: Pick<Call, 'id' | 'doctorName' | 'hospitalName'> & Partial<Call> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('calls.coVisits.call')} style={{ marginBottom: 12 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'doctor',
            label: t('calls.coVisits.doctor'),
            children: `${call.doctorName} · ${call.hospitalName}`,
          },
          ...(call.ownerName
            ? [{ key: 'rep', label: t('calls.coVisits.rep'), children: call.ownerName }]
            : []),
          ...(call.startAt
            ? [{ key: 'start', label: t('calls.form.startAt'), children: formatDateTime(call.startAt) }]
            : []),
          ...(call.type
            ? [{ key: 'type', label: t('calls.form.type'), children: callTypeLabel(call.type, t) }]
            : []),
        ]}
      />
      <Link to={`/calls/${call.id}`}>{t('calls.coVisits.viewCall')}</Link>
    </Card>
  );
}

type EvaluationValues = {
  scores: Partial<Record<CallStep, number>>;
  comments: Partial<Record<CallStep, string>>;
  strengths?: string;
  improvements?: string;
};

function valuesOf(cv: CoVisit | undefined): EvaluationValues {
  const scores: EvaluationValues['scores'] = {};
  const comments: EvaluationValues['comments'] = {};
  for (const e of cv?.evaluations ?? []) {
    scores[e.step] = e.score;
    comments[e.step] = e.comment ?? '';
  }
  return { scores, comments, strengths: cv?.strengths ?? '', improvements: cv?.improvements ?? '' };
}

function evaluationsOf(v: EvaluationValues): CoVisitEvaluation[] {
  return callSteps.flatMap((step) => {
    const score = v.scores?.[step];
    return score ? [{ step, score, comment: emptyToNull(v.comments?.[step]) }] : [];
  });
}

/** Per step of the seven: 1–5 stars and a comment; then strengths and improvements. */
function EvaluationForm({
  initial,
  saving,
  onSave,
  onCancel,
}: {
  initial?: CoVisit;
  saving: boolean;
  onSave: (body: {
    evaluations: CoVisitEvaluation[];
    strengths: string | null;
    improvements: string | null;
  }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EvaluationValues>();
  const [missing, setMissing] = useState(false);
  const onFormError = useFormErrorHandler();

  const finish = async (v: EvaluationValues) => {
    const evaluations = evaluationsOf(form.getFieldsValue(true) as EvaluationValues);
    if (evaluations.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    try {
      await onSave({
        evaluations,
        strengths: emptyToNull(v.strengths),
        improvements: emptyToNull(v.improvements),
      });
    } catch (e) {
      onFormError(form, e);
    }
  };

  return (
    <Form<EvaluationValues>
      form={form}
      layout="vertical"
      initialValues={valuesOf(initial)}
      onFinish={(v) => void finish(v)}
      data-testid="co-visit-form"
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        {callSteps.map((step) => (
          <div key={step} style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}>
            <Flex wrap gap={8} align="center" justify="space-between">
              <Typography.Text strong>{t(`calls.steps.${step}`)}</Typography.Text>
              <Form.Item name={['scores', step]} style={{ marginBottom: 4 }}>
                <Rate
                  count={5}
                  aria-label={t('calls.coVisits.stepScore')}
                  data-testid={`co-visit-score-${step}`}
                />
              </Form.Item>
            </Flex>
            <Form.Item name={['comments', step]} style={{ marginBottom: 8 }}>
              <Input placeholder={t('calls.coVisits.stepComment')} maxLength={500} />
            </Form.Item>
          </div>
        ))}
        {missing ? <Alert type="error" showIcon title={t('calls.coVisits.scoreRequired')} /> : null}
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form.Item name="strengths" label={t('calls.coVisits.strengths')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="co-visit-strengths" />
        </Form.Item>
        <Form.Item name="improvements" label={t('calls.coVisits.improvements')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="co-visit-improvements" />
        </Form.Item>
      </Card>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="co-visit-save">
          {t('calls.coVisits.save')}
        </Button>
      </Flex>
    </Form>
  );
}

function NewCoVisit({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const call = useDetail<Call>('calls', callId || undefined);
  const create = useCreateCoVisit();

  if (call.isPending && callId) return <Skeleton active />;
  if (!call.data) {
    return (
      <Result
        status="404"
        title={t('calls.form.notFound')}
        subTitle={call.error ? errorText(call.error) : undefined}
        extra={<Link to="/calls">{t('calls.form.backToList')}</Link>}
      />
    );
  }
  if (call.data.coVisitId) {
    return (
      <Result
        status="info"
        title={t('calls.list.coVisitDone')}
        extra={<Link to={`/co-visits/${call.data.coVisitId}`}>{t('calls.form.viewCoVisit')}</Link>}
      />
    );
  }
  return (
    <div style={{ maxWidth: 760 }}>
      <Crumbs title={t('calls.coVisits.formTitle')} />
      <PageHeader title={t('calls.coVisits.formTitle')} />
      {call.data.status !== 'submitted' ? (
        <Alert
          type="warning"
          showIcon
          title={t('calls.coVisits.notSubmitted')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <CallSummary call={call.data} />
      <EvaluationForm
        saving={create.isPending}
        onCancel={() => void navigate(-1)}
        onSave={async (body) => {
          const saved = await create.mutateAsync({ callId, ...body });
          void message.success(t('calls.coVisits.saved'));
          void navigate(`/co-visits/${saved.id}`, { replace: true });
        }}
      />
    </div>
  );
}

function ExistingCoVisit({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { data: cv, isPending, error, refetch } = useDetail<CoVisit>('co-visits', id);
  const update = useUpdateCoVisit(id);
  const acknowledge = useAcknowledgeCoVisit(id);
  const [editing, setEditing] = useState(false);
  const [ackForm] = Form.useForm<{ repComment?: string }>();

  if (isPending) return <Skeleton active />;
  if (error || !cv) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('calls.coVisits.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={<Link to="/co-visits">{t('calls.coVisits.backToList')}</Link>}
      />
    );
  }

  const mayEdit = me.id === cv.managerId && !cv.acknowledgedAt;
  const mayAcknowledge = me.id === cv.repId && !cv.acknowledgedAt;
  const summary = { id: cv.callId, doctorName: cv.doctorName, hospitalName: cv.hospitalName };

  if (editing && mayEdit) {
    return (
      <div style={{ maxWidth: 760 }}>
        <Crumbs title={t('calls.coVisits.formTitle')} />
        <PageHeader title={t('calls.coVisits.formTitle')} />
        <CallSummary call={summary} />
        <EvaluationForm
          initial={cv}
          saving={update.isPending}
          onCancel={() => setEditing(false)}
          onSave={async (body) => {
            try {
              await update.mutateAsync({ version: cv.version, ...body });
            } catch (e) {
              if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
                void message.error(e.message);
                void refetch();
                setEditing(false);
                return;
              }
              throw e;
            }
            void message.success(t('calls.coVisits.saved'));
            setEditing(false);
          }}
        />
      </div>
    );
  }

  const scores = callSteps.map((step) => {
    const e = cv.evaluations.find((x) => x.step === step);
    return { step, score: e?.score ?? null, comment: e?.comment ?? null };
  });

  return (
    <div style={{ maxWidth: 760 }} data-testid="co-visit-view">
      <Crumbs title={formatDate(cv.callDate)} />
      <PageHeader
        title={t('calls.coVisits.formTitle')}
        subTitle={`${cv.managerName} → ${cv.repName}`}
        extra={
          mayEdit ? (
            <Button onClick={() => setEditing(true)} data-testid="co-visit-edit">
              {t('calls.coVisits.edit')}
            </Button>
          ) : null
        }
      />
      <CallSummary call={summary} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>
          {t('calls.coVisits.average')}：
          <Typography.Text strong data-testid="co-visit-average">
            {cv.averageScore === null ? '—' : cv.averageScore.toFixed(1)}
          </Typography.Text>
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="step"
          pagination={false}
          dataSource={scores}
          columns={[
            {
              title: t('calls.coVisits.step'),
              dataIndex: 'step',
              render: (s: CallStep) => t(`calls.steps.${s}`),
            },
            {
              title: t('calls.coVisits.stepScore'),
              dataIndex: 'score',
              render: (v: number | null) => (v ? <Rate disabled value={v} style={{ fontSize: 14 }} /> : '—'),
            },
            {
              title: t('calls.coVisits.stepComment'),
              dataIndex: 'comment',
              render: (v: string | null) => v ?? '',
            },
          ]}
          scroll={{ x: 'max-content' }}
        />
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 12 }}
          items={[
            { key: 'strengths', label: t('calls.coVisits.strengths'), children: cv.strengths ?? '—' },
            {
              key: 'improvements',
              label: t('calls.coVisits.improvements'),
              children: cv.improvements ?? '—',
            },
            {
              key: 'ack',
              label: t('calls.coVisits.acknowledged'),
              children: cv.acknowledgedAt ? (
                <span data-testid="co-visit-acknowledged">
                  {t('calls.coVisits.acknowledgedAt', { time: formatDateTime(cv.acknowledgedAt) })}
                  {cv.repComment ? ` · ${cv.repComment}` : ''}
                </span>
              ) : (
                t('calls.coVisits.waiting')
              ),
            },
          ]}
        />
      </Card>
      {mayAcknowledge ? (
        <Card size="small">
          <Form
            form={ackForm}
            layout="vertical"
            onFinish={(v) =>
              acknowledge.mutate(
                { version: cv.version, repComment: emptyToNull(v.repComment) },
                {
                  onSuccess: () => void message.success(t('calls.coVisits.acknowledgedDone')),
                  onError: (e) => {
                    void message.error(errorText(e));
                    void refetch();
                  },
                },
              )
            }
          >
            <Form.Item name="repComment" label={t('calls.coVisits.repComment')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="co-visit-rep-comment" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={acknowledge.isPending}
              data-testid="co-visit-acknowledge"
            >
              {t('calls.coVisits.acknowledge')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
