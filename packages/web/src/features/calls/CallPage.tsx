import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DoctorDetail } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { useDetail } from '../../lib/resources.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { getQueuedCall } from './call-queue-state.ts';
import type { QueuedCall } from './call-queue.ts';
import {
  emptyValues,
  localInputFormat,
  newClientId,
  valuesOf,
  type CallFormValues,
} from './call-form-values.ts';
import { usePlannedCall, type Call, type PlannedCall } from './calls.api.ts';
import { CallForm } from './CallForm.tsx';
import { CallView } from './CallView.tsx';
import '../../lib/locales/calls.ts';

/** `/calls/new` (prefilled from `?plannedCallId=`, `?doctorId=` or a queued call `?queued=`) and `/calls/:id`. */
export default function CallPage() {
  const { id } = useParams();
  return id ? <ExistingCall key={id} id={id} /> : <NewCall />;
}

function Crumbs({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to="/calls">{t('calls.list.title')}</Link> }, { title }]}
    />
  );
}

/** The planned time when it is already past, else the default (a call in the future cannot be submitted). */
function plannedStart(planned: PlannedCall): string | undefined {
  if (!planned.startTime) return undefined;
  const start = dayjs(`${planned.date}T${planned.startTime}`);
  return start.isValid() && !start.isAfter(dayjs()) ? start.format(localInputFormat) : undefined;
}

function fromPlan(planned: PlannedCall): CallFormValues {
  const base = emptyValues();
  return {
    ...base,
    doctorId: planned.doctorId,
    startAt: plannedStart(planned) ?? base.startAt,
    productIds: planned.productIds,
    keyMessages:
      planned.productIds.length === 1 && planned.productIds[0]
        ? { [planned.productIds[0]]: planned.keyMessages }
        : {},
    objectives: planned.objectives.length > 0 ? planned.objectives.map((o) => ({ text: o.text })) : [{}],
  };
}

function NewCall() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const plannedCallId = params.get('plannedCallId');
  const doctorId = params.get('doctorId');
  const queuedId = params.get('queued');
  const planned = usePlannedCall(plannedCallId);
  const doctor = useDetail<DoctorDetail>('doctors', plannedCallId ? undefined : (doctorId ?? undefined));
  const [queued, setQueued] = useState<QueuedCall | null | undefined>(queuedId ? undefined : null);
  // The id is made once, when the form opens, so every retry of this call is recognised by the server.
  const [clientId, setClientId] = useState(newClientId);
  const [queuedDone, setQueuedDone] = useState(false);

  useEffect(() => {
    if (!queuedId) return;
    void getQueuedCall(queuedId).then((item) => setQueued(item ?? null));
  }, [queuedId]);

  if (queuedDone) {
    return (
      <Result
        status="success"
        title={t('calls.form.queued')}
        subTitle={t('calls.queue.hint')}
        data-testid="call-queued"
        extra={[
          <Button
            key="again"
            type="primary"
            onClick={() => {
              setClientId(newClientId());
              setQueued(null);
              setQueuedDone(false);
            }}
          >
            {t('calls.form.logAnother')}
          </Button>,
        ]}
      />
    );
  }

  const loading =
    (plannedCallId && planned.isPending) ||
    (doctorId && !plannedCallId && doctor.isPending) ||
    queued === undefined;
  if (loading) return <Skeleton active />;

  let initialValues = emptyValues();
  let known: { value: string; label: string } | undefined;
  if (queued) {
    initialValues = valuesOf(queued.body);
    known = { value: queued.body.doctorId, label: queued.summary.doctorName };
  } else if (planned.data) {
    initialValues = fromPlan(planned.data);
    known = {
      value: planned.data.doctorId,
      label: [planned.data.doctorName, planned.data.hospitalName, planned.data.departmentName]
        .filter(Boolean)
        .join(' · '),
    };
  } else if (doctor.data) {
    initialValues = { ...initialValues, doctorId: doctor.data.id };
    known = {
      value: doctor.data.id,
      label: [doctor.data.name, doctor.data.hospitalName, doctor.data.departmentName]
        .filter(Boolean)
        .join(' · '),
    };
  }

  return (
    <div style={{ maxWidth: 760 }}>
      <Crumbs title={t('calls.form.newTitle')} />
      <PageHeader title={t('calls.form.newTitle')} />
      {queued ? (
        <Alert
          type={queued.status === 'failed' ? 'error' : 'info'}
          showIcon
          title={t('calls.form.queuedEdit')}
          description={queued.error ?? undefined}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {plannedCallId && planned.isError ? (
        <Alert
          type="warning"
          showIcon
          title={t('calls.form.plannedCallMissing')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <CallForm
        key={queued?.clientId ?? clientId}
        mode={{
          kind: 'new',
          clientId: queued?.clientId ?? clientId,
          onQueued: () => setQueuedDone(true),
          plannedCall: planned.data,
          queued: !!queued,
        }}
        initialValues={initialValues}
        knownDoctor={known}
      />
    </div>
  );
}

function ExistingCall({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { data: call, isPending, error, refetch } = useDetail<Call>('calls', id);
  const [amending, setAmending] = useState(false);

  if (isPending) return <Skeleton active />;
  if (error || !call) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('calls.form.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={
          notFound ? (
            <Button onClick={() => void navigate('/calls')}>{t('calls.form.backToList')}</Button>
          ) : (
            <Button onClick={() => void refetch()}>{t('common.retry')}</Button>
          )
        }
      />
    );
  }

  const known = { value: call.doctorId, label: `${call.doctorName} · ${call.hospitalName}` };
  const mine = call.ownerId === me.id;

  if (call.status === 'draft' && mine) {
    return (
      <div style={{ maxWidth: 760 }}>
        <Crumbs title={t('calls.form.draftTitle')} />
        <PageHeader title={t('calls.form.draftTitle')} />
        <CallForm
          mode={{ kind: 'draft', call, onReload: async () => (await refetch()).data }}
          initialValues={valuesOf(call)}
          knownDoctor={known}
        />
      </div>
    );
  }

  if (amending && mine) {
    return (
      <div style={{ maxWidth: 760 }}>
        <Crumbs title={t('calls.form.amendTitle')} />
        <PageHeader title={t('calls.form.amendTitle')} subTitle={t('calls.form.lockedHint')} />
        <CallForm
          key={call.version}
          mode={{ kind: 'amend', call, onDone: () => setAmending(false) }}
          initialValues={valuesOf(call)}
          knownDoctor={known}
        />
      </div>
    );
  }

  return (
    <div style={{ maxWidth: 900 }}>
      <Crumbs title={t('calls.form.viewTitle')} />
      <CallView
        call={call}
        onAmend={mine && call.status === 'submitted' ? () => setAmending(true) : undefined}
      />
    </div>
  );
}
