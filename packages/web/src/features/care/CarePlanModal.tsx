import { useEffect } from 'react';
import { Button, Col, DatePicker, Form, Input, Modal, Row, Segmented, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { careFestivalKeys, careKinds, type CareFestival, type Doctor } from '@keqing/shared';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { chinaToday, dateFormat } from '../../lib/format.ts';
import { useRemoteOptions, type Option } from '../../lib/resources.ts';
import '../../lib/locales/care.ts';
import { useCreateCarePlan, type CareKindKey, type CarePlan } from './care.api.ts';
import { festivalLabel, kindLabel } from './labels.tsx';
import { yuanToFen } from './money.ts';

type ItemValues = { kind?: CareKindKey; amount?: string; purpose?: string };
type Values = {
  title?: string;
  kind: CarePlan['kind'];
  festival?: CareFestival;
  plannedDate: Dayjs;
  purpose?: string;
  doctorId?: string;
  doctorIds?: string[];
  items: ItemValues[];
};

const doctorLabel = (d: Pick<Doctor, 'name' | 'hospitalName' | 'departmentName'>) =>
  [d.name, d.hospitalName, d.departmentName].filter(Boolean).join(' · ');

/**
 * 新建关怀计划: for one doctor (its items), or a festival campaign (the same items for each of many doctors).
 * Saved as a draft; the plan opens next with the server's over-cap flags, from where it is submitted.
 */
export function CarePlanModal({
  open,
  doctor,
  onClose,
  onCreated,
}: {
  open: boolean;
  doctor?: Option;
  onClose: () => void;
  onCreated: (plan: CarePlan) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateCarePlan();
  const onFormError = useFormErrorHandler();
  const kind = Form.useWatch('kind', form) ?? 'customer';
  const doctors = useRemoteOptions<Doctor>('doctors', doctorLabel, {
    known: doctor ? [doctor] : undefined,
    pageSize: 30,
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      kind: 'customer',
      plannedDate: dayjs(chinaToday()),
      doctorId: doctor?.value,
      doctorIds: doctor ? [doctor.value] : [],
      items: [{}],
    });
  }, [open, doctor, form]);

  const amountRule = {
    validator: (_r: unknown, value: string | undefined) =>
      !value || yuanToFen(value) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('care.amountInvalid'))),
  };

  const submit = (v: Values) => {
    const doctorIds = v.kind === 'customer' ? (v.doctorId ? [v.doctorId] : []) : (v.doctorIds ?? []);
    const items = doctorIds.flatMap((doctorId) =>
      v.items.map((item) => ({
        doctorId,
        kind: item.kind as CareKindKey,
        valueFen: yuanToFen(item.amount) ?? 0,
        purpose: item.purpose?.trim() || null,
      })),
    );
    create.mutate(
      {
        title: v.title?.trim() ?? '',
        kind: v.kind,
        festival: v.festival ?? null,
        plannedDate: v.plannedDate.format(dateFormat),
        purpose: v.purpose?.trim() ?? '',
        items,
      },
      {
        onSuccess: (plan) => {
          onClose();
          onCreated(plan);
        },
        onError: (error) => onFormError(form, error),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('care.newPlan')}
      onCancel={onClose}
      okText={t('care.plan.saveDraft')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
      data-testid="care-plan-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="care-plan-form">
        <Form.Item name="kind" label={t('care.plan.kind')}>
          <Segmented
            options={(['customer', 'campaign'] as const).map((k) => ({
              value: k,
              label: <span data-testid={`care-plan-kind-${k}`}>{t(`care.planKinds.${k}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('care.plan.title')}
          rules={[{ required: true, whitespace: true, message: t('care.plan.titleRequired') }]}
        >
          <Input maxLength={100} data-testid="care-plan-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="plannedDate"
              label={t('care.plan.plannedDate')}
              rules={[{ required: true, message: t('care.plan.dateRequired') }]}
            >
              <DatePicker format={dateFormat} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="festival" label={t('care.festival')}>
              <Select
                allowClear
                options={careFestivalKeys.map((f) => ({ value: f, label: festivalLabel(t, f) }))}
                data-testid="care-plan-festival"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="purpose"
          label={t('care.purpose')}
          rules={[{ required: true, whitespace: true, message: t('care.purposeRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="care-plan-purpose" />
        </Form.Item>
        {kind === 'customer' ? (
          <Form.Item
            name="doctorId"
            label={t('care.doctor')}
            rules={[{ required: true, message: t('care.action.doctorRequired') }]}
          >
            <Select
              {...doctors.selectProps}
              placeholder={t('care.doctorPlaceholder')}
              data-testid="care-plan-doctor"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="doctorIds"
            label={t('care.plan.doctors')}
            extra={t('care.plan.doctorsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('care.action.doctorRequired') }]}
          >
            <Select
              {...doctors.selectProps}
              mode="multiple"
              placeholder={t('care.doctorPlaceholder')}
              data-testid="care-plan-doctors"
            />
          </Form.Item>
        )}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <div data-testid="care-plan-items">
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'kind']}
                    label={index === 0 ? t('care.kind') : undefined}
                    rules={[{ required: true, message: t('care.action.kindRequired') }]}
                  >
                    <Select
                      style={{ width: 140 }}
                      options={careKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                      data-testid={`care-plan-item-kind-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    label={index === 0 ? t('care.amount') : undefined}
                    rules={[{ required: true, message: t('care.amountRequired') }, amountRule]}
                  >
                    <Input
                      prefix="¥"
                      inputMode="decimal"
                      style={{ width: 130 }}
                      data-testid={`care-plan-item-amount-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'purpose']}
                    label={index === 0 ? t('care.purpose') : undefined}
                  >
                    <Input
                      maxLength={300}
                      style={{ width: 220 }}
                      data-testid={`care-plan-item-purpose-${index}`}
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="link"
                      danger
                      onClick={() => remove(field.name)}
                      style={index === 0 ? { marginTop: 30 } : undefined}
                    >
                      {t('common.delete')}
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} data-testid="care-plan-add-item">
                {t('care.plan.addItem')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
