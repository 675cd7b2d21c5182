import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HandoverRecord } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday } from '../../lib/format.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import '../../lib/locales/handover.ts';
import {
  useCancelHandover,
  useCompleteHandover,
  useHandover,
  useHandoverPreview,
  useUpdateHandover,
  kindKey,
  type HandoverNote,
  type HandoverPlan,
} from './handover.api.ts';

type KeyAccount = { kind: 'hospital' | 'doctor' | 'channelCustomer'; id: string };
const noteKey = (n: HandoverNote) => n.hospitalId ?? n.doctorId ?? n.channelCustomerId ?? '';
const noteOf = (a: KeyAccount, note: string): HandoverNote =>
  a.kind === 'hospital'
    ? { hospitalId: a.id, note }
    : a.kind === 'doctor'
      ? { doctorId: a.id, note }
      : { channelCustomerId: a.id, note };

/** 交接向导: leaver → territories' successors → records → notes per key account → complete. */
export default function HandoverWizardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const handover = useHandover(id);
  const preview = useHandoverPreview(id);
  const update = useUpdateHandover();
  const complete = useCompleteHandover();
  const cancel = useCancelHandover();
  const [step, setStep] = useState(0);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [deactivate, setDeactivate] = useState(true);
  const [plan, setPlan] = useState<HandoverPlan>({ territories: [], defaultToUserId: null, overrides: [] });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const h = handover.data;
  const p = preview.data;

  useEffect(() => {
    if (!h) return;
    setEffectiveDate(h.effectiveDate);
    setDeactivate(h.deactivate);
    setPlan(h.plan);
    setNotes(Object.fromEntries(h.notes.map((n) => [noteKey(n), n.note])));
  }, [h]);

  const candidateOptions = useMemo(
    () =>
      (p?.candidates ?? []).map((c) => ({
        value: c.id,
        label: c.role === 'manager' ? t('handover.caretaker', { name: c.name }) : c.name,
      })),
    [p, t],
  );

  if (!h || !p) return <Card loading />;

  if (h.status !== 'draft') {
    const moved = Object.values(h.movedCounts).reduce((a, b) => a + b, 0);
    return (
      <div>
        <PageHeader title={`${t('handover.title')} · ${h.fromUserName}`} />
        <Result
          status={h.status === 'completed' ? 'success' : 'info'}
          title={h.status === 'completed' ? t('handover.done') : t('handover.cancelled')}
          subTitle={h.status === 'completed' ? t('handover.doneSub', { count: moved }) : undefined}
          extra={<Link to="/admin/handovers">{t('handover.backToList')}</Link>}
          data-testid="handover-result"
        >
          {h.status === 'completed' ? (
            <Space wrap>
              {Object.entries(h.movedCounts).map(([k, n]) => (
                <Tag key={k}>
                  {t(kindKey(k))} {n}
                </Tag>
              ))}
            </Space>
          ) : null}
        </Result>
      </div>
    );
  }

  const save = async (body: Parameters<typeof update.mutateAsync>[0]) => {
    try {
      await update.mutateAsync(body);
      return true;
    } catch (err) {
      void message.error(errorText(err));
      return false;
    }
  };
  const notesBody = (): HandoverNote[] =>
    p.keyAccounts.filter((a) => (notes[a.id] ?? '').trim()).map((a) => noteOf(a, notes[a.id]!.trim()));
  const next = async () => {
    const ok = await save({
      id,
      version: h.version,
      ...(step === 0 ? { effectiveDate, deactivate } : {}),
      ...(step === 1 || step === 2 ? { plan } : {}),
      ...(step === 3 ? { notes: notesBody() } : {}),
    });
    if (ok) setStep(step + 1);
  };
  const finish = async () => {
    try {
      await complete.mutateAsync({ id, version: h.version });
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  const override = (r: HandoverRecord) => plan.overrides.find((o) => o.entity === r.entity && o.id === r.id);
  const setOverride = (r: HandoverRecord, toUserId: string | undefined) =>
    setPlan({
      ...plan,
      overrides: [
        ...plan.overrides.filter((o) => !(o.entity === r.entity && o.id === r.id)),
        ...(toUserId ? [{ entity: r.entity, id: r.id, toUserId }] : []),
      ],
    });
  const successorOfTerritory = (territoryId: string) =>
    plan.territories.find((x) => x.territoryId === territoryId)?.toUserId;
  const proposed = (r: HandoverRecord) => {
    const o = override(r);
    if (o) return o.toUserId;
    for (const tid of r.territoryIds) {
      const to = successorOfTerritory(tid);
      if (to) return to;
    }
    return plan.defaultToUserId ?? undefined;
  };

  const recordColumns: TableColumnsType<HandoverRecord> = [
    {
      title: t('handover.kind'),
      dataIndex: 'entity',
      key: 'kind',
      width: 120,
      render: (k: string) => t(kindKey(k)),
    },
    { title: t('handover.record'), dataIndex: 'label', key: 'label' },
    {
      title: t('handover.successor'),
      key: 'to',
      width: 240,
      render: (_: unknown, r) =>
        r.entity === 'territoryAssignment' ? (
          (candidateOptions.find((c) => c.value === proposed(r))?.label ?? '—')
        ) : (
          <Select
            size="small"
            style={{ width: 220 }}
            value={proposed(r)}
            options={candidateOptions}
            onChange={(v: string) => setOverride(r, v)}
          />
        ),
    },
  ];

  const steps = [
    {
      title: t('handover.steps.leaver'),
      content: (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('handover.leaver')}>
            {h.fromUserName} {h.teamName ? `· ${h.teamName}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('handover.effectiveDate')}>
            <Input
              type="date"
              min={chinaToday()}
              value={effectiveDate}
              onChange={(e) => setEffectiveDate(e.target.value)}
              style={{ width: 180 }}
              data-testid="handover-effective-date"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('handover.deactivate')}>
            <Switch checked={deactivate} onChange={setDeactivate} data-testid="handover-deactivate" />
          </Descriptions.Item>
        </Descriptions>
      ),
    },
    {
      title: t('handover.steps.territories'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.territories}
            columns={[
              {
                title: t('handover.territory'),
                key: 'name',
                render: (_: unknown, x) => `${x.code} ${x.name}`,
              },
              { title: t('handover.hospitals'), dataIndex: 'hospitalCount', key: 'h' },
              { title: t('handover.customers'), dataIndex: 'channelCustomerCount', key: 'c' },
              {
                title: t('handover.successor'),
                key: 'to',
                render: (_: unknown, x) => (
                  <Select
                    style={{ width: 240 }}
                    value={successorOfTerritory(x.id)}
                    options={candidateOptions}
                    data-testid={`handover-territory-${x.code}`}
                    onChange={(v: string) =>
                      setPlan({
                        ...plan,
                        territories: [
                          ...plan.territories.filter((e) => e.territoryId !== x.id),
                          { territoryId: x.id, toUserId: v },
                        ],
                      })
                    }
                  />
                ),
              },
            ]}
          />
          <Space>
            <Typography.Text>{t('handover.defaultSuccessor')}</Typography.Text>
            <Select
              style={{ width: 240 }}
              value={plan.defaultToUserId ?? undefined}
              options={candidateOptions}
              data-testid="handover-default-successor"
              onChange={(v: string) => setPlan({ ...plan, defaultToUserId: v })}
            />
          </Space>
        </Space>
      ),
    },
    {
      title: t('handover.steps.records'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            message={t('handover.careDates', { count: p.careDateCount })}
            description={t('handover.historyStays')}
          />
          <Space wrap>
            {Object.entries(p.counts).map(([k, n]) => (
              <Tag key={k}>
                {t(kindKey(k))} {n}
              </Tag>
            ))}
          </Space>
          <Table
            rowKey={(r) => `${r.entity}:${r.id}`}
            size="small"
            columns={recordColumns}
            dataSource={p.records}
            locale={{ emptyText: t('handover.noRecords') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
          />
        </Space>
      ),
    },
    {
      title: t('handover.steps.notes'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('handover.notesHint')} />
          <Table
            rowKey="id"
            size="small"
            dataSource={p.keyAccounts}
            locale={{ emptyText: t('handover.noKeyAccounts') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              {
                title: t('handover.keyAccount'),
                key: 'name',
                width: 280,
                render: (_: unknown, a) => (
                  <span>
                    <Tag>{t(`handover.accountKinds.${a.kind}`)}</Tag>
                    {a.name}
                    {a.hospitalName ? ` · ${a.hospitalName}` : ''}
                  </span>
                ),
              },
              {
                title: t('handover.note'),
                key: 'note',
                render: (_: unknown, a) => (
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    placeholder={t('handover.notePlaceholder')}
                    value={notes[a.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
                  />
                ),
              },
            ]}
          />
        </Space>
      ),
    },
    {
      title: t('handover.steps.confirm'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {p.problems.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={t('handover.problems')}
              description={
                <ul style={{ margin: 0 }}>
                  {p.problems.map((x) => (
                    <li key={`${x.path}${x.message}`}>{x.message}</li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert type="success" showIcon message={t('handover.ready')} />
          )}
          <Space wrap>
            {Object.entries(p.counts).map(([k, n]) => (
              <Tag key={k}>
                {t(kindKey(k))} {n}
              </Tag>
            ))}
          </Space>
          <Popconfirm
            title={t('handover.confirmComplete', {
              deactivate: h.deactivate ? t('handover.andDeactivate') : '',
            })}
            onConfirm={() => void finish()}
            okButtonProps={{ 'data-testid': 'handover-confirm' } as ButtonProps}
          >
            <Button
              type="primary"
              danger={h.deactivate}
              loading={complete.isPending}
              data-testid="handover-complete"
            >
              {t('handover.complete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={`${t('handover.title')} · ${h.fromUserName}`}
        extra={
          <Button
            onClick={() =>
              void cancel
                .mutateAsync({ id, version: h.version })
                .catch((err: unknown) => message.error(errorText(err)))
            }
          >
            {t('handover.cancel')}
          </Button>
        }
      />
      <Steps current={step} items={steps.map((s) => ({ title: s.title }))} style={{ marginBottom: 24 }} />
      <Card>{steps[step]!.content}</Card>
      <Space style={{ marginTop: 16 }}>
        {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('handover.previous')}</Button> : null}
        {step < steps.length - 1 ? (
          <Button
            type="primary"
            loading={update.isPending}
            onClick={() => void next()}
            data-testid="handover-next"
          >
            {t('handover.next')}
          </Button>
        ) : null}
      </Space>
    </div>
  );
}
