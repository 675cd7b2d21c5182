import { useState } from 'react';
import {
  Alert,
  App,
  Button,
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
  type TableColumnsType,
} from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime, formatFen } from '../../lib/format.ts';
import '../../lib/locales/care.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { CareActionModal, type CareActionPreset } from './CareActionModal.tsx';
import {
  useCarePlan,
  useCarePlanFeedback,
  useDecideCarePlan,
  useSubmitCarePlan,
  type CarePlan,
  type CarePlanItem,
} from './care.api.ts';
import { festivalLabel, kindLabel, PlanStatusTag } from './labels.tsx';

/** The plan steps that wait for a decision. */
const awaiting: CarePlan['status'][] = ['submitted', 'managerApproved'];

/**
 * One care plan: items with the server's over-cap flags, the approval history, and what the caller may do next —
 * submit (owner), approve/reject with a comment (approver), record the action and its feedback (owner).
 */
export function CarePlanDrawer({ planId, onClose }: { planId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const plan = useCarePlan(planId ?? undefined);
  const submit = useSubmitCarePlan();
  const decide = useDecideCarePlan();
  const feedback = useCarePlanFeedback();
  const [comment, setComment] = useState('');
  const [recording, setRecording] = useState<CareActionPreset | null>(null);
  const [feedbackFor, setFeedbackFor] = useState<CarePlanItem | null>(null);
  const [feedbackForm] = Form.useForm<{ feedback: string }>();

  const p = plan.data;
  const isOwner = !!p && p.ownerId === me.id;
  const mayDecide =
    !!p &&
    !isOwner &&
    ((p.status === 'submitted' && (me.role === 'manager' || me.role === 'admin')) ||
      (p.status === 'managerApproved' && (me.role === 'compliance' || me.role === 'admin')));
  const mayRecord = isOwner && (p.status === 'approved' || p.status === 'executed');

  const showError = (error: unknown) =>
    void message.error(
      isApiError(error) && error.code === 'VERSION_CONFLICT'
        ? t('care.plan.conflict', { message: error.message })
        : errorText(error),
    );

  const columns: TableColumnsType<CarePlanItem> = [
    {
      title: t('care.doctor'),
      key: 'doctor',
      render: (_, item) => (
        <span>
          <Link to={`/doctors/${item.doctorId}?tab=care`}>{item.doctorName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {item.hospitalName}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('care.kind'), dataIndex: 'kind', render: (_, item) => kindLabel(t, item.kind) },
    {
      title: t('care.amount'),
      dataIndex: 'valueFen',
      align: 'right',
      render: (_, item) => formatFen(item.valueFen),
    },
    {
      title: t('care.plan.cap'),
      key: 'cap',
      render: (_, item) =>
        item.overCap ? (
          <span data-testid="care-plan-item-over-cap">
            <Tag color="red">{t('care.plan.overCap')}</Tag>
            {item.capReason ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {item.capReason}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          <Tag color="green">{t('care.plan.withinCap')}</Tag>
        ),
    },
    { title: t('care.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '' },
    {
      title: t('care.plan.execution'),
      key: 'execution',
      render: (_, item) => (
        <Flex vertical gap={4} align="start">
          {item.careActionId ? (
            <Tag color="cyan" data-testid="care-plan-item-done">
              {t('care.plan.recorded')}
            </Tag>
          ) : mayRecord ? (
            <Button
              size="small"
              type="primary"
              data-testid="care-plan-item-record"
              onClick={() =>
                setRecording({
                  doctor: { value: item.doctorId, label: `${item.doctorName} · ${item.hospitalName}` },
                  festival: p?.festival ?? null,
                  planItem: {
                    id: item.id,
                    kind: item.kind,
                    valueFen: item.valueFen,
                    purpose: item.purpose ?? p?.purpose ?? null,
                    planTitle: p?.title ?? '',
                  },
                })
              }
            >
              {t('care.record')}
            </Button>
          ) : null}
          {item.feedback ? (
            <Typography.Text style={{ fontSize: 12 }} data-testid="care-plan-item-feedback">
              {t('care.plan.feedbackLine', { text: item.feedback, at: formatDateTime(item.feedbackAt) })}
            </Typography.Text>
          ) : item.careActionId && isOwner ? (
            <Button
              size="small"
              onClick={() => setFeedbackFor(item)}
              data-testid="care-plan-item-give-feedback"
            >
              {t('care.plan.feedback')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  const decideAs = (decision: 'approved' | 'rejected') => {
    if (!p) return;
    if (decision === 'rejected' && !comment.trim()) {
      void message.warning(t('care.approvals.commentRequired'));
      return;
    }
    decide.mutate(
      { id: p.id, body: { version: p.version, decision, comment: emptyToNull(comment) } },
      {
        onSuccess: () => {
          setComment('');
          void message.success(
            t(decision === 'approved' ? 'care.approvals.approvedMsg' : 'care.approvals.rejectedMsg'),
          );
        },
        onError: showError,
      },
    );
  };

  let body;
  if (!planId) body = null;
  else if (plan.isPending) body = <Skeleton active />;
  else if (plan.error || !p)
    body = (
      <Result
        status={isApiError(plan.error) && plan.error.status === 404 ? '404' : 'error'}
        title={errorText(plan.error)}
      />
    );
  else
    body = (
      <Flex vertical gap={16} data-testid="care-plan-detail" data-plan-id={p.id}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t('care.plan.status')}>
            <PlanStatusTag status={p.status} t={t} />
            {p.needsCompliance ? (
              <Tag color="orange" data-testid="care-plan-needs-compliance">
                {t('care.plan.needsCompliance')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.plan.total')}>
            <span data-testid="care-plan-total">{formatFen(p.totalFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('care.plan.kind')}>{t(`care.planKinds.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('care.plan.plannedDate')}>
            {formatDate(p.plannedDate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.plan.owner')}>{p.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('care.festival')}>
            {p.festival ? festivalLabel(t, p.festival) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.purpose')} span={2}>
            {p.purpose}
          </Descriptions.Item>
        </Descriptions>
        {p.items.some((i) => i.overCap) ? (
          <Alert
            type="warning"
            showIcon
            title={t('care.plan.overCapHint')}
            data-testid="care-plan-over-cap"
          />
        ) : null}
        <Table<CarePlanItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={p.items}
          pagination={p.items.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          data-testid="care-plan-items-table"
        />
        {isOwner && (p.status === 'draft' || p.status === 'rejected') ? (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={submit.isPending}
              data-testid="care-plan-submit"
              onClick={() =>
                submit.mutate(
                  { id: p.id, version: p.version },
                  {
                    onSuccess: () => void message.success(t('care.plan.submitted')),
                    onError: showError,
                  },
                )
              }
            >
              {t('care.plan.submit')}
            </Button>
          </Flex>
        ) : null}
        {mayDecide ? (
          <Flex vertical gap={8} data-testid="care-plan-decide">
            <Typography.Text strong>
              {p.status === 'submitted'
                ? t('care.approvals.managerStep')
                : t('care.approvals.complianceStep')}
            </Typography.Text>
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('care.approvals.comment')}
              data-testid="care-plan-comment"
            />
            <Flex gap={8}>
              <Button
                type="primary"
                loading={decide.isPending}
                onClick={() => decideAs('approved')}
                data-testid="care-plan-approve"
              >
                {t('care.decisions.approved')}
              </Button>
              <Button
                danger
                loading={decide.isPending}
                onClick={() => decideAs('rejected')}
                data-testid="care-plan-reject"
              >
                {t('care.decisions.rejected')}
              </Button>
            </Flex>
          </Flex>
        ) : awaiting.includes(p.status) ? (
          <Typography.Text type="secondary">
            {p.status === 'submitted'
              ? t('care.approvals.waitingManager')
              : t('care.approvals.waitingCompliance')}
          </Typography.Text>
        ) : null}
        <div>
          <Typography.Title level={5}>{t('care.approvals.history')}</Typography.Title>
          {p.approvals.length === 0 ? (
            <Typography.Text type="secondary">{t('care.approvals.none')}</Typography.Text>
          ) : (
            <Timeline
              data-testid="care-plan-history"
              items={p.approvals.map((a) => ({
                color: a.decision === 'approved' ? 'green' : 'red',
                content: (
                  <span>
                    {formatDateTime(a.decidedAt)} · {t(`care.steps.${a.step}`)} · {a.decidedBy.name} ·{' '}
                    <Typography.Text strong>{t(`care.decisions.${a.decision}`)}</Typography.Text>
                    {a.comment ? ` · ${a.comment}` : ''}
                  </span>
                ),
              }))}
            />
          )}
        </div>
      </Flex>
    );

  return (
    <Drawer
      open={!!planId}
      onClose={onClose}
      title={p?.title ?? t('care.plan.detail')}
      size={screens.md === false ? '100%' : 860}
      destroyOnHidden
      data-testid="care-plan-drawer"
    >
      {body}
      <CareActionModal
        open={!!recording}
        preset={recording ?? undefined}
        onClose={() => setRecording(null)}
      />
      <Modal
        open={!!feedbackFor}
        title={t('care.plan.feedback')}
        onCancel={() => setFeedbackFor(null)}
        onOk={() => feedbackForm.submit()}
        confirmLoading={feedback.isPending}
        destroyOnHidden
      >
        <Form<{ feedback: string }>
          form={feedbackForm}
          layout="vertical"
          onFinish={(v) =>
            p &&
            feedbackFor &&
            feedback.mutate(
              { planId: p.id, itemId: feedbackFor.id, feedback: v.feedback.trim() },
              {
                onSuccess: () => {
                  setFeedbackFor(null);
                  feedbackForm.resetFields();
                  void message.success(t('common.saved'));
                },
                onError: showError,
              },
            )
          }
        >
          <Form.Item
            name="feedback"
            label={t('care.plan.feedbackLabel')}
            rules={[{ required: true, whitespace: true, message: t('care.plan.feedbackRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="care-plan-feedback-text" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
