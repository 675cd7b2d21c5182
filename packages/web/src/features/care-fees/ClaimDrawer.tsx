import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Result,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { careFeeAdvanceCapFen, type CareFeeClaimLine } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { chinaToday, formatDate, formatDateTime, formatFen, isAfterChinaToday } from '../../lib/format.ts';
import '../../lib/locales/care-fees.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { fenToYuanText, yuanToFen } from '../care/money.ts';
import {
  useClaim,
  usePayClaim,
  useSignClaim,
  useSpotCheck,
  useSubmitClaim,
  type CareFeeClaim,
} from './care-fees.api.ts';
import {
  advanceProblem,
  defaultAdvanceFen,
  formatRate,
  maySignStep,
  paidCustomers,
  signatureTimeline,
  spotCheckCount,
} from './care-fees.helpers.ts';
import { ClaimStatusTag } from './labels.tsx';

const timelineColor = { approved: 'green', rejected: 'red', waiting: 'blue', pending: 'gray' } as const;

/** 客情费统计表 of one month: the statement per line, the signature timeline and the actions of the caller's role. */
export function ClaimDrawer({ claimId, onClose }: { claimId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const claim = useClaim(claimId ?? undefined);
  const submit = useSubmitClaim();
  const sign = useSignClaim();
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState<'approved' | 'rejected' | null>(null);
  const [paying, setPaying] = useState(false);
  const [checking, setChecking] = useState(false);
  const [comment, setComment] = useState('');
  useEffect(() => setError(null), [claimId]);

  const c = claim.data;
  const isOwner = !!c && c.ownerId === me.id;
  const busy = submit.isPending || sign.isPending;

  const doSubmit = (current: CareFeeClaim) =>
    submit.mutate(
      { id: current.id, version: current.version },
      {
        onSuccess: () => {
          setError(null);
          void message.success(t('careFees.submitted'));
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  const doSign = (current: CareFeeClaim, decision: 'approved' | 'rejected') =>
    sign.mutate(
      { id: current.id, body: { decision, comment: comment.trim() || null } },
      {
        onSuccess: () => {
          setError(null);
          setSigning(null);
          setComment('');
          void message.success(t('careFees.signed'));
        },
        onError: (e) => {
          setSigning(null);
          setError(errorText(e));
        },
      },
    );

  const columns: TableColumnsType<CareFeeClaimLine> = [
    {
      title: t('careFees.customer'),
      dataIndex: 'channelCustomerName',
      render: (v: string, l) => (
        <span>
          {v}
          {l.specialApplicationId ? (
            <Tag color="purple" style={{ marginInlineStart: 4 }}>
              {t('careFees.special')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('careFees.product'), dataIndex: 'productName' },
    {
      title: t('careFees.recipientRole'),
      dataIndex: 'recipientRole',
      render: (_: unknown, l) => t(`careFees.recipientRoles.${l.recipientRole}`),
    },
    { title: t('careFees.netSalesQuantity'), dataIndex: 'netSalesQuantity', align: 'right' },
    {
      title: t('careFees.netSalesFen'),
      dataIndex: 'netSalesFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.collected'),
      dataIndex: 'collectedFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.collectionRate'),
      dataIndex: 'collectionRate',
      align: 'right',
      render: (v: number) => formatRate(v),
    },
    {
      title: t('careFees.requested'),
      dataIndex: 'requestedFen',
      align: 'right',
      render: (v: number) => formatFen(v),
    },
    {
      title: t('careFees.payable'),
      dataIndex: 'payableFen',
      align: 'right',
      render: (v: number, l) => (
        <Typography.Text type={v < l.requestedFen ? 'warning' : undefined}>{formatFen(v)}</Typography.Text>
      ),
    },
  ];

  const body = (() => {
    if (claim.isError) return <Result status="warning" title={errorText(claim.error)} />;
    if (!c) return <Skeleton active />;
    const next = c.nextStep;
    const mayPay = isOwner && c.status === 'approved';
    const maySpotCheck = me.role === 'manager' && c.status === 'paid' && !c.spotCheck;
    return (
      <Flex vertical gap={16}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('careFees.status')}>
            <ClaimStatusTag status={c.status} t={t} />
          </Descriptions.Item>
          <Descriptions.Item label={t('careFees.owner')}>{c.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('careFees.requested')}>{formatFen(c.requestedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('careFees.payable')}>
            <span data-testid="care-fee-payable">{formatFen(c.payableFen)}</span>
          </Descriptions.Item>
          {c.status === 'paid' ? (
            <>
              <Descriptions.Item label={t('careFees.advance')}>{formatFen(c.advanceFen)}</Descriptions.Item>
              <Descriptions.Item label={t('careFees.paidOn')}>{formatDate(c.paidOn)}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
        {error ? (
          <Alert
            type="error"
            showIcon
            message={error}
            closable
            onClose={() => setError(null)}
            data-testid="care-fee-error"
          />
        ) : null}
        <div>
          <Typography.Title level={5}>{t('careFees.lines')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('careFees.statementHint')}</Typography.Paragraph>
          <Table<CareFeeClaimLine>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={c.lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="care-fee-lines"
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={7}>
                  {t('careFees.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {formatFen(c.requestedFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {formatFen(c.payableFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('careFees.timeline')}</Typography.Title>
          <Timeline
            data-testid="care-fee-timeline"
            items={signatureTimeline(c.signatures, next).map((row) => ({
              color: timelineColor[row.state],
              children: (
                <div data-testid={`care-fee-step-${row.step}`} data-state={row.state}>
                  <Typography.Text strong>{t(`careFees.steps.${row.step}`)}</Typography.Text>{' '}
                  {row.signature ? (
                    <>
                      <Tag color={row.state === 'rejected' ? 'red' : 'green'}>
                        {t(`careFees.decisions.${row.signature.decision}`)}
                      </Tag>
                      {row.signature.signedByName} · {formatDateTime(row.signature.signedAt)}
                      {row.signature.comment ? (
                        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                          {row.signature.comment}
                        </Typography.Paragraph>
                      ) : null}
                    </>
                  ) : (
                    <Typography.Text type="secondary">
                      {row.state === 'waiting' ? t('careFees.waiting') : t('careFees.notSigned')}
                    </Typography.Text>
                  )}
                </div>
              ),
            }))}
          />
        </div>
        {c.spotCheck ? (
          <div>
            <Typography.Title level={5}>{t('careFees.spotCheck')}</Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('careFees.checkedBy')}: {c.spotCheck.checkedByName} · {t('careFees.checkedOn')}:{' '}
              {formatDate(c.spotCheck.checkedOn)}
            </Typography.Paragraph>
            <Flex vertical gap={4} data-testid="care-fee-spot-check">
              {c.spotCheck.results.map((r) => (
                <div key={r.channelCustomerId}>
                  {c.lines.find((l) => l.channelCustomerId === r.channelCustomerId)?.channelCustomerName ??
                    r.channelCustomerId}{' '}
                  <Tag color={r.confirmed ? 'green' : 'orange'}>
                    {r.confirmed ? t('careFees.confirmed') : t('careFees.notConfirmed')}
                  </Tag>
                  {r.note ?? ''}
                </div>
              ))}
            </Flex>
          </div>
        ) : null}
        <Flex wrap gap={8}>
          {isOwner && c.status === 'draft' ? (
            <Button type="primary" loading={busy} onClick={() => doSubmit(c)} data-testid="care-fee-submit">
              {t('careFees.submit')}
            </Button>
          ) : null}
          {maySignStep(me.role, next) && !isOwner && next ? (
            <>
              <Button type="primary" onClick={() => setSigning('approved')} data-testid="care-fee-approve">
                {t('careFees.signAs', { step: t(`careFees.steps.${next}`) })}
              </Button>
              <Button danger onClick={() => setSigning('rejected')} data-testid="care-fee-reject">
                {t('careFees.reject')}
              </Button>
            </>
          ) : null}
          {mayPay ? (
            <Button type="primary" onClick={() => setPaying(true)} data-testid="care-fee-pay">
              {t('careFees.pay')}
            </Button>
          ) : null}
          {maySpotCheck ? (
            <Button onClick={() => setChecking(true)} data-testid="care-fee-spot-check-open">
              {t('careFees.spotCheck')}
            </Button>
          ) : null}
        </Flex>
        <Modal
          open={signing !== null}
          title={signing === 'rejected' ? t('careFees.reject') : t('careFees.approve')}
          okText={signing === 'rejected' ? t('careFees.reject') : t('careFees.approve')}
          okButtonProps={
            {
              danger: signing === 'rejected',
              loading: sign.isPending,
              'data-testid': 'care-fee-sign-ok',
            } as ButtonProps
          }
          onOk={() => signing && doSign(c, signing)}
          onCancel={() => setSigning(null)}
          destroyOnHidden
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={t('careFees.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="care-fee-sign-comment"
          />
        </Modal>
        <PayModal claim={c} open={paying} onClose={() => setPaying(false)} />
        <SpotCheckModal claim={c} open={checking} onClose={() => setChecking(false)} />
      </Flex>
    );
  })();

  return (
    <Drawer
      open={!!claimId}
      onClose={onClose}
      size={screens.md === false ? '100%' : 900}
      destroyOnHidden
      title={c ? t('careFees.claimTitle', { month: c.month, owner: c.ownerName }) : ''}
      data-testid="care-fee-drawer"
    >
      {body}
    </Drawer>
  );
}

type PayValues = { paidOn: Dayjs; advance: string };

/** 兑付: the paid-on date and the cash advance 借支 (≤ ¥3,000 and ≤ payable). */
function PayModal({ claim, open, onClose }: { claim: CareFeeClaim; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pay = usePayClaim();
  const [form] = Form.useForm<PayValues>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      paidOn: dayjs(chinaToday()),
      advance: fenToYuanText(defaultAdvanceFen(claim.payableFen)),
    });
  }, [open, claim.payableFen, form]);
  const cap = formatFen(careFeeAdvanceCapFen);
  const finish = (v: PayValues) => {
    const advanceFen = yuanToFen(v.advance);
    if (advanceFen === null) return;
    pay.mutate(
      { id: claim.id, body: { paidOn: v.paidOn.format('YYYY-MM-DD'), advanceFen } },
      {
        onSuccess: () => {
          void message.success(t('careFees.paid'));
          onClose();
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('careFees.payTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: pay.isPending, 'data-testid': 'care-fee-pay-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('careFees.payHint', { cap })}</Typography.Paragraph>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="care-fee-pay-error"
        />
      ) : null}
      <Form<PayValues> form={form} layout="vertical" onFinish={finish}>
        <Form.Item
          label={t('careFees.paidOn')}
          name="paidOn"
          rules={[{ required: true, message: t('careFees.paidOn') }]}
        >
          <DatePicker disabledDate={isAfterChinaToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label={`${t('careFees.advance')}（¥）`}
          name="advance"
          rules={[
            {
              validator: (_r, value: string | undefined) => {
                const fen = yuanToFen(value);
                if (fen === null) return Promise.reject(new Error(t('careFees.amountInvalid')));
                const problem = advanceProblem(fen, claim.payableFen);
                if (problem === 'overCap')
                  return Promise.reject(new Error(t('careFees.advanceOverCap', { cap })));
                if (problem === 'overPayable')
                  return Promise.reject(new Error(t('careFees.advanceOverPayable')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" data-testid="care-fee-advance" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 抽查: the manager confirms with 3 of the paid customers (all when fewer). */
function SpotCheckModal({
  claim,
  open,
  onClose,
}: {
  claim: CareFeeClaim;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const spotCheck = useSpotCheck();
  const candidates = paidCustomers(claim.lines);
  const need = spotCheckCount(candidates.length);
  const [picked, setPicked] = useState<string[]>([]);
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setPicked(candidates.slice(0, need).map((l) => l.channelCustomerId));
    setConfirmed({});
    setNotes({});
    setError(null);
    // candidates follow the claim's lines
  }, [open, claim.id]);
  const save = () => {
    if (picked.length !== need) {
      setError(t('careFees.pickThree'));
      return;
    }
    spotCheck.mutate(
      {
        id: claim.id,
        body: {
          checkedOn: chinaToday(),
          results: picked.map((id) => ({
            channelCustomerId: id,
            confirmed: confirmed[id] ?? true,
            note: notes[id]?.trim() || null,
          })),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('careFees.spotCheckDone'));
          onClose();
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('careFees.spotCheckTitle')}
      onCancel={onClose}
      onOk={save}
      okButtonProps={{ loading: spotCheck.isPending, 'data-testid': 'care-fee-spot-check-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('careFees.spotCheckHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Flex vertical gap={8}>
        {candidates.map((l) => {
          const on = picked.includes(l.channelCustomerId);
          return (
            <Flex key={l.channelCustomerId} wrap gap={8} align="center">
              <Checkbox
                checked={on}
                onChange={(e) =>
                  setPicked((p) =>
                    e.target.checked
                      ? [...p, l.channelCustomerId]
                      : p.filter((id) => id !== l.channelCustomerId),
                  )
                }
                data-testid="care-fee-spot-pick"
              >
                {l.channelCustomerName}
              </Checkbox>
              {on ? (
                <>
                  <Checkbox
                    checked={confirmed[l.channelCustomerId] ?? true}
                    onChange={(e) => setConfirmed((c) => ({ ...c, [l.channelCustomerId]: e.target.checked }))}
                  >
                    {t('careFees.confirmed')}
                  </Checkbox>
                  <Input
                    size="small"
                    style={{ width: 180 }}
                    placeholder={t('careFees.note')}
                    value={notes[l.channelCustomerId] ?? ''}
                    onChange={(e) => setNotes((n) => ({ ...n, [l.channelCustomerId]: e.target.value }))}
                  />
                </>
              ) : null}
            </Flex>
          );
        })}
      </Flex>
    </Modal>
  );
}
