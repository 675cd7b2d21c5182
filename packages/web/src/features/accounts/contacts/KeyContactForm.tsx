import { useState } from 'react';
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull } from '../../../lib/form-errors.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useDepartmentSelect, useHospitalSelect, type KeyContact } from '../accounts.api.ts';
import { functionOptions, personalityOptions } from '../labels.ts';

type Values = {
  hospitalId: string;
  departmentId?: string | null;
  name: string;
  function: string;
  position?: string;
  phone?: string;
  personalityType?: string | null;
  notes?: string;
};

const toValues = (c: KeyContact | undefined, hospitalId?: string): Partial<Values> =>
  c
    ? {
        hospitalId: c.hospitalId,
        departmentId: c.departmentId,
        name: c.name,
        function: c.function,
        position: c.position ?? '',
        phone: c.phone ?? '',
        personalityType: c.personalityType,
        notes: c.notes ?? '',
      }
    : { hospitalId };

const toBody = (v: Values) => ({
  departmentId: v.departmentId ?? null,
  name: v.name.trim(),
  function: v.function,
  position: emptyToNull(v.position),
  phone: emptyToNull(v.phone),
  personalityType: v.personalityType ?? null,
  notes: emptyToNull(v.notes),
});

/** 关键联系人 (药剂科, 采购, 财务 …) of one hospital; the hospital is fixed once created. */
export function KeyContactForm({
  record,
  hospital,
  onDone,
}: {
  record?: KeyContact;
  hospital?: { id: string; name: string };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<KeyContact, ReturnType<typeof toBody> & { hospitalId: string }>('key-contacts');
  const update = useUpdate<KeyContact, ReturnType<typeof toBody> & { version: number }>('key-contacts');
  const onError = useSubmitErrorHandler<KeyContact>('key-contacts');
  const [version, setVersion] = useState(record?.version);
  const hospitalId = Form.useWatch('hospitalId', form) ?? record?.hospitalId ?? hospital?.id;
  const hospitals = useHospitalSelect(
    record
      ? [{ value: record.hospitalId, label: record.hospitalName }]
      : hospital
        ? [{ value: hospital.id, label: hospital.name }]
        : [],
  );
  const departments = useDepartmentSelect(
    hospitalId,
    record?.departmentId && record.departmentName
      ? [{ value: record.departmentId, label: record.departmentName }]
      : [],
  );

  const onFinish = (values: Values) => {
    const done = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    if (!record) {
      create.mutate(
        { ...toBody(values), hospitalId: values.hospitalId },
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

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(record, hospital?.id)}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<Values>) => {
        if ('hospitalId' in changed) form.setFieldValue('departmentId', null);
      }}
      data-testid="key-contact-form"
    >
      <Row gutter={12}>
        <Col xs={24}>
          <Form.Item
            label={t('accounts.hospital.name')}
            name="hospitalId"
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select {...hospitals.selectProps} disabled={!!record || !!hospital} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.keyContact.name')} name="name" rules={required}>
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item
            label={t('accounts.keyContact.function')}
            name="function"
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select options={functionOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.department.name')} name="departmentId">
            <Select allowClear {...departments.selectProps} disabled={!hospitalId} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.position')} name="position">
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.phone')} name="phone">
            <Input autoComplete="off" maxLength={30} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.personality')} name="personalityType">
            <Select allowClear options={personalityOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.notes')} name="notes">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
