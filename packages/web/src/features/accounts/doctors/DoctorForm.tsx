import { useState } from 'react';
import { App, AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { contactChannels, doctorPositions, type ClinicSlot } from '@keqing/shared';
import { emptyToNull } from '../../../lib/form-errors.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useDepartmentSelect, useHospitalSelect, type Doctor, type DoctorDetail } from '../accounts.api.ts';
import { channelLabel, genderOptions, personalityOptions, titleOptions, useLocalized } from '../labels.ts';
import { ClinicGrid } from './ClinicGrid.tsx';

type Values = {
  hospitalId: string;
  departmentId?: string | null;
  code?: string;
  name: string;
  gender?: string | null;
  title?: string | null;
  position?: string;
  phone?: string;
  preferredChannel?: string | null;
  personalityType?: string | null;
  bestVisitTime?: string;
  clinicSchedule: ClinicSlot[];
  notes?: string;
};

const toValues = (d: DoctorDetail | undefined, hospitalId?: string): Partial<Values> =>
  d
    ? {
        hospitalId: d.hospitalId,
        departmentId: d.departmentId,
        code: d.code ?? '',
        name: d.name,
        gender: d.gender,
        title: d.title,
        position: d.position ?? '',
        phone: d.phone ?? '',
        preferredChannel: d.preferredChannel,
        personalityType: d.personalityType,
        bestVisitTime: d.bestVisitTime ?? '',
        clinicSchedule: d.clinicSchedule,
        notes: d.notes ?? '',
      }
    : { hospitalId, clinicSchedule: [] };

const toBody = (v: Values) => ({
  hospitalId: v.hospitalId,
  departmentId: v.departmentId ?? null,
  code: emptyToNull(v.code),
  name: v.name.trim(),
  gender: v.gender ?? null,
  title: v.title ?? null,
  position: emptyToNull(v.position),
  phone: emptyToNull(v.phone),
  preferredChannel: v.preferredChannel ?? null,
  personalityType: v.personalityType ?? null,
  bestVisitTime: emptyToNull(v.bestVisitTime),
  clinicSchedule: v.clinicSchedule ?? [],
  notes: emptyToNull(v.notes),
});

/**
 * 新建/编辑医生: reps and managers for the hospitals of their line, admins for all. Personal data
 * (birthday, family …) is not here but on the 个人信息 tab, which only the doctor's line may read.
 */
export function DoctorForm({
  record,
  hospital,
  onDone,
}: {
  record?: DoctorDetail;
  /** Fixed hospital when created from a hospital page. */
  hospital?: { id: string; name: string };
  onDone: (saved?: Doctor) => void;
}) {
  const hospitalId = hospital?.id;
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Doctor, ReturnType<typeof toBody>>('doctors');
  const update = useUpdate<Doctor, Partial<ReturnType<typeof toBody>> & { version: number }>('doctors');
  const onError = useSubmitErrorHandler<DoctorDetail>('doctors');
  const [version, setVersion] = useState(record?.version);
  const chosenHospital = Form.useWatch('hospitalId', form) ?? record?.hospitalId ?? hospitalId;
  const hospitals = useHospitalSelect(
    record
      ? [{ value: record.hospitalId, label: `${record.hospital.name} · ${record.hospital.city}` }]
      : hospital
        ? [{ value: hospital.id, label: hospital.name }]
        : [],
  );
  const departments = useDepartmentSelect(
    chosenHospital,
    record?.departmentId && record.departmentName
      ? [{ value: record.departmentId, label: record.departmentName }]
      : [],
  );

  const onFinish = (values: Values) => {
    const done = (saved: Doctor) => {
      void message.success(t('common.saved'));
      onDone(saved);
    };
    if (!record) {
      create.mutate(toBody(values), { onSuccess: done, onError: (e) => void onError(form, e) });
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
      initialValues={toValues(record, hospitalId)}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<Values>) => {
        // Departments belong to one hospital.
        if ('hospitalId' in changed) form.setFieldValue('departmentId', null);
      }}
      data-testid="doctor-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            label={t('accounts.doctor.name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item label={t('accounts.doctor.gender')} name="gender">
            <Select allowClear options={genderOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item label={t('accounts.code')} name="code">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label={t('accounts.hospital.name')}
            name="hospitalId"
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select {...hospitals.selectProps} disabled={!!hospitalId && !record} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('accounts.department.name')} name="departmentId">
            <Select allowClear {...departments.selectProps} disabled={!chosenHospital} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.title')} name="title">
            <Select allowClear options={titleOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.position')} name="position">
            <AutoComplete
              options={doctorPositions.map((p) => ({ value: p }))}
              showSearch={{ filterOption: (input, option) => !!option?.value?.includes(input) }}
              maxLength={30}
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.phone')} name="phone" extra={t('accounts.doctor.phoneHint')}>
            <Input autoComplete="off" maxLength={30} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.preferredChannel')} name="preferredChannel">
            <Select
              allowClear
              options={contactChannels.map((c) => ({ value: c, label: channelLabel(c, pick) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.personality')} name="personalityType">
            <Select allowClear options={personalityOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.doctor.bestVisitTime')} name="bestVisitTime">
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.doctor.clinicSchedule')} name="clinicSchedule">
            <ClinicGrid />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.notes')} name="notes">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <FormActions onCancel={() => onDone()} saving={create.isPending || update.isPending} />
    </Form>
  );
}
