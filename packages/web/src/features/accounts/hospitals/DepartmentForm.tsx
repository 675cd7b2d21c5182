import { useState } from 'react';
import { App, Col, Form, Input, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull } from '../../../lib/form-errors.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import type { Department } from '../accounts.api.ts';

type Values = {
  name: string;
  headcount?: number | null;
  structure?: string;
  beds?: number | null;
  specialty?: string;
};

const toValues = (d: Department | undefined): Partial<Values> =>
  d
    ? {
        name: d.name,
        headcount: d.headcount,
        structure: d.structure ?? '',
        beds: d.beds,
        specialty: d.specialty ?? '',
      }
    : {};

const toBody = (v: Values) => ({
  name: v.name.trim(),
  headcount: v.headcount ?? null,
  structure: emptyToNull(v.structure),
  beds: v.beds ?? null,
  specialty: emptyToNull(v.specialty),
});

/** 科室 of one hospital: headcount, structure (主任2 副主任3 …), beds, specialties. */
export function DepartmentForm({
  hospitalId,
  record,
  onDone,
}: {
  hospitalId: string;
  record?: Department;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Department, ReturnType<typeof toBody> & { hospitalId: string }>('departments');
  const update = useUpdate<Department, ReturnType<typeof toBody> & { version: number }>('departments');
  const onError = useSubmitErrorHandler<Department>('departments');
  const [version, setVersion] = useState(record?.version);

  const onFinish = (values: Values) => {
    const done = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    if (!record) {
      create.mutate(
        { ...toBody(values), hospitalId },
        { onSuccess: done, onError: (e) => void onError(form, e) },
      );
      return;
    }
    update.mutate(
      { id: record.id, body: { ...toBody(values), version: version ?? record.version } },
      {
        onSuccess: done,
        onError: (e) =>
          void onError(form, e, {
            id: record.id,
            onFresh: (fresh) => {
              setVersion(fresh.version);
              form.setFieldsValue(toValues(fresh));
            },
          }),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(record)}
      onFinish={onFinish}
      data-testid="department-form"
    >
      <Row gutter={12}>
        <Col xs={24}>
          <Form.Item
            label={t('accounts.department.name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.department.headcount')} name="headcount">
            <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.hospital.beds')} name="beds">
            <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.department.structure')} name="structure">
            <Input autoComplete="off" maxLength={200} placeholder={t('accounts.department.structureHint')} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.department.specialty')} name="specialty">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
