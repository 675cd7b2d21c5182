import { Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { adoptionLabel, statusLabel, useLocalized } from '../accounts/labels.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useAmendments, type Call, type CallAmendment } from './calls.api.ts';
import { callTypeLabel, outcomeColor, outcomeLabel } from './labels.ts';

const locationColor = { near: 'green', far: 'orange', unknown: 'default', none: 'default' } as const;

/** A submitted call (or someone else's draft), read-only, with its amendments. */
export function CallView({ call, onAmend }: { call: Call; onAmend?: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const pick = useLocalized();
  const amendments = useAmendments(call.id, call.status === 'submitted');
  const dash = (v: string | null | undefined) => (v ? v : '—');
  const minutes = Math.round((Date.parse(call.endAt) - Date.parse(call.startAt)) / 60_000);

  const coVisitAction =
    me.role === 'manager' && call.status === 'submitted' ? (
      call.coVisitId ? (
        <Link to={`/co-visits/${call.coVisitId}`} data-testid="call-view-co-visit">
          {t('calls.form.viewCoVisit')}
        </Link>
      ) : (
        <Link to={`/co-visits/new?callId=${call.id}`} data-testid="call-start-co-visit">
          <Button>{t('calls.form.coVisit')}</Button>
        </Link>
      )
    ) : call.coVisitId ? (
      <Link to={`/co-visits/${call.coVisitId}`} data-testid="call-view-co-visit">
        {t('calls.form.viewCoVisit')}
      </Link>
    ) : null;

  return (
    <div data-testid="call-view">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span data-testid="call-view-doctor">{call.doctorName}</span>
            <Tag color={call.status === 'submitted' ? 'green' : 'default'} data-testid="call-view-status">
              {t(`calls.statuses.${call.status}`)}
            </Tag>
          </Space>
        }
        subTitle={[call.hospitalName, call.departmentName].filter(Boolean).join(' · ')}
        extra={
          <>
            {coVisitAction}
            {onAmend ? (
              <Button onClick={onAmend} data-testid="call-amend">
                {t('calls.form.amend')}
              </Button>
            ) : null}
          </>
        }
      />
      {call.status === 'submitted' && onAmend ? (
        <Typography.Paragraph type="secondary">{t('calls.form.lockedHint')}</Typography.Paragraph>
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'owner', label: t('calls.form.owner'), children: call.ownerName },
            { key: 'type', label: t('calls.form.type'), children: callTypeLabel(call.type, t) },
            {
              key: 'start',
              label: t('calls.form.startAt'),
              children: `${formatDateTime(call.startAt)} · ${t('calls.form.minutes', { count: minutes })}`,
            },
            {
              key: 'submitted',
              label: t('calls.form.submittedAt'),
              children: call.submittedAt ? formatDateTime(call.submittedAt) : '—',
            },
            {
              key: 'location',
              label: t('calls.form.location'),
              children: (
                <Space size={4} wrap>
                  <Tag color={locationColor[call.locationCheck]} data-testid="call-location">
                    {t(`calls.location.${call.locationCheck}`)}
                  </Tag>
                  {call.distanceToHospitalM !== null ? (
                    <Typography.Text type="secondary">
                      {t('calls.form.distance', { distance: formatNumber(call.distanceToHospitalM) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'attendees',
              label: t('calls.form.attendees'),
              children: dash(
                call.attendees.flatMap((a) => ('name' in a ? [a.name] : [])).join(t('common.listSeparator')),
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('calls.form.products')} style={{ marginBottom: 12 }}>
        {call.products.map((p) => {
          const score = call.scoreUpdates.find((s) => s.productId === p.productId);
          return (
            <div key={p.productId} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{p.productName}</Typography.Text>
              {score?.prescriptionStatus !== undefined ? (
                <Tag style={{ marginInlineStart: 8 }}>
                  {t('calls.form.prescriptionStatus')}：{statusLabel(score.prescriptionStatus, pick)}
                </Tag>
              ) : null}
              {score?.adoptionStep !== undefined ? (
                <Tag>
                  {t('calls.form.adoptionStep')}：{adoptionLabel(score.adoptionStep, pick)}
                </Tag>
              ) : null}
              {p.keyMessages.length > 0 ? (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {p.keyMessages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          );
        })}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calls.form.scoresHint')}
        </Typography.Text>
      </Card>

      <Card size="small" title={t('calls.form.objectives')} style={{ marginBottom: 12 }}>
        <List
          size="small"
          dataSource={call.objectives}
          renderItem={(o, i) => (
            <List.Item data-testid={`call-view-objective-${i}`}>
              <span style={{ flex: 1 }}>{o.text}</span>
              <Tag color={outcomeColor[o.outcome]}>{outcomeLabel(o.outcome, t)}</Tag>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('calls.form.steps')} style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'preparation',
              label: t('calls.steps.preparation'),
              children:
                call.preparationDone === null ? '—' : call.preparationDone ? t('common.yes') : t('common.no'),
            },
            { key: 'opening', label: t('calls.steps.opening'), children: dash(call.opening) },
            { key: 'probing', label: t('calls.form.needsFound'), children: dash(call.needsFound) },
            { key: 'benefits', label: t('calls.steps.benefits'), children: dash(call.benefitsPresented) },
            {
              key: 'objections',
              label: t('calls.steps.objections'),
              children:
                call.objections.length === 0 ? (
                  '—'
                ) : (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {call.objections.map((o, i) => (
                      <li key={i}>
                        {o.objection}
                        {o.answer ? ` → ${o.answer}` : ''}
                      </li>
                    ))}
                  </ul>
                ),
            },
            { key: 'commitment', label: t('calls.steps.commitment'), children: dash(call.commitment) },
            {
              key: 'followUp',
              label: t('calls.steps.followUp'),
              children: call.nextStep ? (
                <span data-testid="call-view-next-step">
                  {call.nextStep}
                  {call.nextStepDue ? `（${formatDate(call.nextStepDue)}）` : ''}
                </span>
              ) : (
                '—'
              ),
            },
            { key: 'notes', label: t('calls.form.notes'), children: dash(call.notes) },
          ]}
        />
      </Card>

      {call.status === 'submitted' ? (
        <Card size="small" title={t('calls.form.amendments')} data-testid="call-amendments">
          {amendments.data && amendments.data.length > 0 ? (
            amendments.data.map((a) => <AmendmentEntry key={a.id} amendment={a} t={t} />)
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls.form.noAmendments')} />
          )}
        </Card>
      ) : null}
    </div>
  );
}

const fieldKeys = {
  type: 'calls.form.type',
  startAt: 'calls.form.startAt',
  endAt: 'calls.form.duration',
  attendees: 'calls.form.attendees',
  products: 'calls.form.products',
  objectives: 'calls.form.objectives',
  preparationDone: 'calls.form.preparationDone',
  opening: 'calls.form.opening',
  needsFound: 'calls.form.needsFound',
  benefitsPresented: 'calls.form.benefitsPresented',
  objections: 'calls.form.objections',
  commitment: 'calls.form.commitment',
  nextStep: 'calls.form.nextStep',
  nextStepDue: 'calls.form.nextStepDue',
  scoreUpdates: 'calls.form.scores',
  notes: 'calls.form.notes',
} as const;

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((v: unknown) => {
        if (typeof v !== 'object' || v === null) return String(v);
        const o = v as Record<string, unknown>;
        const parts = ['text', 'outcome', 'objection', 'answer', 'name', 'productName']
          .map((k) => o[k])
          .filter((x) => typeof x === 'string' && x);
        return parts.length > 0 ? parts.join(' · ') : JSON.stringify(v);
      })
      .join('；');
  }
  return JSON.stringify(value);
}

function AmendmentEntry({ amendment, t }: { amendment: CallAmendment; t: TFunction }) {
  const rows = Object.entries(amendment.changes).map(([field, change]) => ({
    field,
    before: change.before,
    after: change.after,
  }));
  const label = (field: string) =>
    field in fieldKeys ? t(fieldKeys[field as keyof typeof fieldKeys]) : field;
  return (
    <div style={{ marginBottom: 12 }} data-testid="call-amendment">
      <Typography.Text strong>
        {t('calls.form.amendmentBy', {
          name: amendment.amendedBy.name,
          time: formatDateTime(amendment.createdAt),
        })}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: '4px 0' }}>
        {t('calls.form.amendReason')}：{amendment.reason}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="field"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('calls.form.field'), dataIndex: 'field', render: (f: string) => label(f) },
          { title: t('calls.form.before'), dataIndex: 'before', render: (v: unknown) => showValue(v) },
          { title: t('calls.form.after'), dataIndex: 'after', render: (v: unknown) => showValue(v) },
        ]}
      />
    </div>
  );
}
