import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  contactCadenceLabels,
  contactCadences,
  kolDevelopmentStepLabels,
  kolDevelopmentSteps,
  kolLockInRoleLabels,
  kolLockInRoles,
  kolPolicyRoleLabels,
  kolPolicyRoles,
  kolTypeLabels,
  kolTypes,
  type KolProfileBody,
} from '@keqing/shared';
import { isApiError } from '../../../lib/api.ts';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { dateFormat, formatDate, isAfterChinaToday } from '../../../lib/format.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import type { DoctorDetail } from '../../accounts/accounts.api.ts';
import { useLocalized } from '../../accounts/labels.ts';
import { useDoctorSegmentation, useSaveKol } from '../segmentation.api.ts';

type Values = {
  types: string[];
  policyRoles: string[];
  developmentStep: string;
  contactCadence: string | null;
  lockInRoles: string[];
  lastContactOn: Dayjs | null;
  notes?: string;
};

const toValues = (p: KolProfileBody | null): Values => ({
  types: p?.types ?? [],
  policyRoles: p?.policyRoles ?? [],
  developmentStep: p?.developmentStep ?? 'locate',
  contactCadence: p?.contactCadence ?? null,
  lockInRoles: p?.lockInRoles ?? [],
  lastContactOn: p?.lastContactOn ? dayjs(p.lastContactOn) : null,
  notes: p?.notes ?? '',
});

const stepIndex = (step: string | undefined) => kolDevelopmentSteps.indexOf((step ?? 'locate') as 'locate');

/** KOL 档案: type, policy roles, development step (定位 → 锁定), contact cadence and lock-in role. */
export default function KolTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const segmentation = useDoctorSegmentation(doctor.id);
  const save = useSaveKol(doctor.id);
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const step = Form.useWatch('developmentStep', form);

  if (segmentation.isPending) return <Skeleton active />;
  if (segmentation.error) return <ListError error={segmentation.error} />;
  const profile = segmentation.data.kol;

  if (!profile && !creating) {
    return (
      <Empty description={t('kol.none')} data-testid="kol-none">
        {doctor.mayEdit ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="kol-create">
            {t('kol.create')}
          </Button>
        ) : null}
      </Empty>
    );
  }

  const regular = stepIndex(step) >= stepIndex('regularContact');
  const lockIn = step === 'lockIn';
  const prompt = kolDevelopmentStepLabels[(step ?? 'locate') as 'locate']?.prompt;

  const onFinish = (v: Values) =>
    save.mutate(
      {
        types: v.types,
        policyRoles: v.policyRoles ?? [],
        developmentStep: v.developmentStep,
        contactCadence: v.contactCadence ?? null,
        lockInRoles: v.developmentStep === 'lockIn' ? (v.lockInRoles ?? []) : [],
        lastContactOn: v.lastContactOn ? v.lastContactOn.format(dateFormat) : null,
        notes: v.notes?.trim() || null,
        version: profile?.version,
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          setCreating(false);
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
            void message.error(e.message);
            void segmentation.refetch();
            return;
          }
          onFormError(form, e);
        },
      },
    );

  return (
    <div data-testid="kol-profile">
      {profile ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {profile.nextContactDue ? (
            <Tag color={profile.overdue ? 'red' : 'blue'}>
              {t('kol.nextDue', { date: formatDate(profile.nextContactDue) })}
            </Tag>
          ) : null}
          {profile.overdue ? <Tag color="red">{t('kol.overdue')}</Tag> : null}
          <Typography.Text type="secondary">
            {t('common.updatedAt')} {formatDate(profile.updatedAt)}
          </Typography.Text>
        </Space>
      ) : null}
      {!doctor.mayEdit && profile ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'types',
              label: t('kol.types'),
              children: profile.types
                .map((k) => pick(kolTypeLabels[k].label))
                .join(t('common.listSeparator')),
            },
            {
              key: 'policy',
              label: t('kol.policyRoles'),
              children:
                profile.policyRoles
                  .map((k) => pick(kolPolicyRoleLabels[k]))
                  .join(t('common.listSeparator')) || '—',
            },
            {
              key: 'step',
              label: t('kol.step'),
              children: pick(kolDevelopmentStepLabels[profile.developmentStep].label),
            },
            {
              key: 'cadence',
              label: t('kol.cadence'),
              children: profile.contactCadence ? pick(contactCadenceLabels[profile.contactCadence]) : '—',
            },
            {
              key: 'lockIn',
              label: t('kol.lockInRoles'),
              children:
                profile.lockInRoles
                  .map((k) => pick(kolLockInRoleLabels[k]))
                  .join(t('common.listSeparator')) || '—',
            },
            { key: 'last', label: t('kol.lastContact'), children: formatDate(profile.lastContactOn) || '—' },
            { key: 'notes', label: t('accounts.notes'), children: profile.notes || '—' },
          ]}
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={toValues(profile)}
          onFinish={onFinish}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.developmentStep && changed.developmentStep !== 'lockIn')
              form.setFieldValue('lockInRoles', []);
          }}
          data-testid="kol-form"
        >
          <Form.Item
            label={t('kol.types')}
            name="types"
            rules={[{ required: true, type: 'array', min: 1, message: t('kol.typeRequired') }]}
          >
            <Checkbox.Group>
              <Space orientation="vertical" size={4}>
                {kolTypes.map((k) => (
                  <Checkbox key={k} value={k}>
                    {pick(kolTypeLabels[k].label)}
                    <Typography.Text type="secondary"> · {pick(kolTypeLabels[k].strength)}</Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item label={t('kol.policyRoles')} name="policyRoles">
            <Checkbox.Group
              options={kolPolicyRoles.map((k) => ({ value: k, label: pick(kolPolicyRoleLabels[k]) }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                label={t('kol.step')}
                name="developmentStep"
                extra={prompt ? pick(prompt) : undefined}
              >
                <Select
                  options={kolDevelopmentSteps.map((k, i) => ({
                    value: k,
                    label: `${i + 1}. ${pick(kolDevelopmentStepLabels[k].label)}`,
                  }))}
                  data-testid="kol-step"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label={t('kol.cadence')}
                name="contactCadence"
                rules={regular ? [{ required: true, message: t('kol.cadenceRequired') }] : []}
              >
                <Select
                  allowClear
                  options={contactCadences.map((k) => ({ value: k, label: pick(contactCadenceLabels[k]) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label={t('kol.lockInRoles')}
                name="lockInRoles"
                extra={lockIn ? undefined : t('kol.lockInHint')}
              >
                <Checkbox.Group
                  disabled={!lockIn}
                  options={kolLockInRoles.map((k) => ({ value: k, label: pick(kolLockInRoleLabels[k]) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label={t('kol.lastContact')} name="lastContactOn">
                <DatePicker format={dateFormat} style={{ width: '100%' }} disabledDate={isAfterChinaToday} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('accounts.notes')} name="notes">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {!profile ? (
            <Alert type="info" showIcon title={t('kol.createHint')} style={{ marginBottom: 12 }} />
          ) : null}
          <Space>
            {!profile ? <Button onClick={() => setCreating(false)}>{t('common.cancel')}</Button> : null}
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="kol-submit">
              {t('common.save')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
