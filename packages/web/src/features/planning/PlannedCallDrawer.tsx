import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { clockTimeSchema } from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull, schemaRule, useFormErrorHandler } from '../../lib/form-errors.ts';
import { gradeColor } from '../accounts/labels.ts';
import { PreCallBriefView } from './PreCallBriefView.tsx';
import { useUpdatePlannedCall, type PlannedCall } from './planning.api.ts';

type Values = {
  objectives: { text?: string }[];
  keyMessages: string[];
  expectedObjections: string[];
  startTime?: string | null;
  endTime?: string | null;
  place?: string | null;
};

function PlannedCallForm({
  call,
  editable,
  minObjectives,
}: {
  call: PlannedCall;
  editable: boolean;
  minObjectives: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdatePlannedCall();
  const onFormError = useFormErrorHandler();
  const objectives =
    (Form.useWatch('objectives', form) as Values['objectives'] | undefined) ?? call.objectives;
  const filled = objectives.filter((o) => o?.text?.trim()).length;

  const save = (values: Values) => {
    update.mutate(
      {
        id: call.id,
        body: {
          version: call.version,
          objectives: values.objectives
            .map((o) => ({ text: o.text?.trim() ?? '' }))
            .filter((o) => o.text !== ''),
          keyMessages: values.keyMessages.map((m) => m.trim()).filter(Boolean),
          expectedObjections: values.expectedObjections.map((m) => m.trim()).filter(Boolean),
          startTime: emptyToNull(values.startTime),
          endTime: emptyToNull(values.endTime),
          place: emptyToNull(values.place),
        },
      },
      {
        onSuccess: (result) => {
          void message.success(t('common.saved'));
          for (const w of result.warnings.filter((w) => w.plannedCallId === call.id || !w.plannedCallId)) {
            void message.warning(w.message);
          }
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
            void message.error(t('planning.conflict', { message: error.message }));
          } else onFormError(form, error);
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={{
        objectives: call.objectives.length ? call.objectives : [{ text: '' }],
        keyMessages: call.keyMessages,
        expectedObjections: call.expectedObjections,
        startTime: call.startTime,
        endTime: call.endTime,
        place: call.place,
      }}
      onFinish={save}
      data-testid="planned-call-form"
    >
      <Typography.Text strong>{t('planning.drawer.objectives')}</Typography.Text>
      {filled < minObjectives ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '6px 0' }}
          title={t('planning.drawer.fewObjectives', { min: minObjectives, count: filled })}
          data-testid="few-objectives"
        />
      ) : null}
      <Form.List name="objectives">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, 'text']}
                  style={{ flex: 1, marginBottom: 8 }}
                  rules={[{ max: 200, message: t('validation.maxLength', { max: 200 }) }]}
                >
                  <Input
                    placeholder={t('planning.drawer.objectivePlaceholder', { n: i + 1 })}
                    data-testid={`objective-${i}`}
                  />
                </Form.Item>
                {editable ? (
                  <Button onClick={() => remove(field.name)} aria-label={t('common.delete')}>
                    −
                  </Button>
                ) : null}
              </Flex>
            ))}
            {editable && fields.length < 10 ? (
              <Button type="dashed" block onClick={() => add({ text: '' })} data-testid="objective-add">
                {t('planning.drawer.addObjective')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
      <Form.Item
        label={t('planning.drawer.keyMessages')}
        name="keyMessages"
        style={{ marginTop: 12 }}
        extra={editable ? t('planning.drawer.tagsHint') : undefined}
      >
        <Select mode="tags" open={false} tokenSeparators={['\n']} maxCount={10} />
      </Form.Item>
      <Form.Item label={t('planning.drawer.objections')} name="expectedObjections">
        <Select mode="tags" open={false} tokenSeparators={['\n']} maxCount={10} />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item
          label={t('planning.drawer.startTime')}
          name="startTime"
          rules={[schemaRule(clockTimeSchema, t('planning.drawer.timeFormat'))]}
          style={{ width: 120 }}
        >
          <Input placeholder="09:30" maxLength={5} />
        </Form.Item>
        <Form.Item
          label={t('planning.drawer.endTime')}
          name="endTime"
          rules={[schemaRule(clockTimeSchema, t('planning.drawer.timeFormat'))]}
          style={{ width: 120 }}
        >
          <Input placeholder="10:00" maxLength={5} />
        </Form.Item>
        <Form.Item label={t('planning.drawer.place')} name="place" style={{ flex: 1, minWidth: 160 }}>
          <Input maxLength={100} />
        </Form.Item>
      </Flex>
      {editable ? (
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="planned-call-save">
          {t('common.save')}
        </Button>
      ) : null}
    </Form>
  );
}

/** A planned call: its plan (objectives, messages, objections) and the pre-call brief 访前准备. */
export function PlannedCallDrawer({
  call,
  editable,
  minObjectives,
  onClose,
}: {
  call: PlannedCall | undefined;
  editable: boolean;
  minObjectives: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const update = useUpdatePlannedCall();
  const canEdit = editable && call?.status === 'planned';

  const patch = (body: { locked?: boolean; status?: 'cancelled' }, done?: () => void) => {
    if (!call) return;
    update.mutate(
      { id: call.id, body: { version: call.version, ...body } },
      {
        onSuccess: () => done?.(),
        onError: (error) =>
          void message.error(
            isApiError(error) && error.code === 'VERSION_CONFLICT'
              ? t('planning.conflict', { message: error.message })
              : errorText(error),
          ),
      },
    );
  };

  return (
    <Drawer
      open={!!call}
      onClose={onClose}
      size={screens.md === false ? '100%' : 600}
      destroyOnHidden
      title={
        call ? (
          <Flex align="center" gap={8} wrap>
            <span data-testid="drawer-doctor">{call.doctorName}</span>
            {call.doctorGrade ? <Tag color={gradeColor(call.doctorGrade)}>{call.doctorGrade}</Tag> : null}
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {call.date} {t(`planning.halfDay.${call.halfDay}`)}
            </Typography.Text>
          </Flex>
        ) : null
      }
    >
      {call ? (
        <div data-testid="planned-call-drawer">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'where',
                label: t('planning.brief.where'),
                children: [call.hospitalName, call.departmentName].filter(Boolean).join(' · '),
              },
              {
                key: 'status',
                label: t('common.status'),
                children: (
                  <Tag
                    color={
                      call.status === 'done'
                        ? 'success'
                        : call.status === 'cancelled'
                          ? 'default'
                          : 'processing'
                    }
                  >
                    {t(`planning.callStatus.${call.status}`)}
                  </Tag>
                ),
              },
              ...(call.withinAvailability
                ? []
                : [
                    {
                      key: 'availability',
                      label: t('planning.drawer.availability'),
                      children: (
                        <Typography.Text type="warning">
                          {t('planning.card.outsideAvailability')}
                        </Typography.Text>
                      ),
                    },
                  ]),
            ]}
          />
          <Flex gap={8} wrap align="center" style={{ margin: '8px 0 16px' }}>
            {editable && call.status === 'planned' ? (
              <Link
                to={`/calls/new?plannedCallId=${call.id}&doctorId=${call.doctorId}`}
                data-testid="log-call"
              >
                <Button type="primary">{t('planning.drawer.logCall')}</Button>
              </Link>
            ) : null}
            {call.callId ? (
              <Link to={`/calls/${call.callId}`} data-testid="open-call">
                <Button>{t('planning.drawer.openCall')}</Button>
              </Link>
            ) : null}
            {canEdit ? (
              <Flex align="center" gap={4}>
                <Switch
                  size="small"
                  checked={call.locked}
                  loading={update.isPending}
                  onChange={(locked) => patch({ locked })}
                  data-testid="drawer-lock"
                />
                <span>{t('planning.drawer.locked')}</span>
              </Flex>
            ) : null}
            {canEdit ? (
              <Popconfirm
                title={t('planning.drawer.confirmCancel')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  patch({ status: 'cancelled' }, () => {
                    void message.success(t('planning.drawer.cancelled'));
                    onClose();
                  })
                }
              >
                <Button danger data-testid="cancel-planned-call">
                  {t('planning.drawer.cancelPlan')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
          <PlannedCallForm
            key={`${call.id}-${call.version}`}
            call={call}
            editable={canEdit}
            minObjectives={minObjectives}
          />
          <Divider titlePlacement="start">{t('planning.brief.heading')}</Divider>
          <PreCallBriefView doctorId={call.doctorId} />
        </div>
      ) : null}
    </Drawer>
  );
}
