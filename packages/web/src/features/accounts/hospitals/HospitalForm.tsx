import { useState } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull } from '../../../lib/form-errors.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import type { Hospital, HospitalDetail } from '../accounts.api.ts';
import { hospitalTypeOptions, levelOptions } from '../labels.ts';

type Values = {
  code?: string;
  name: string;
  alias?: string;
  level: string;
  type: string;
  province: string;
  city: string;
  district?: string;
  address?: string;
  beds?: number | null;
  outpatientsPerDay?: number | null;
  drugUseLevel?: number | null;
  competitorCount?: number | null;
  competitionStrength?: number | null;
  hasDominantCompetitor?: 'yes' | 'no' | null;
  notes?: string;
  /** 纬度 / 经度: both or neither (the server refuses half a pair, under longitude) */
  latitude?: number | null;
  longitude?: number | null;
};

const toValues = (h: Hospital | undefined): Partial<Values> =>
  h
    ? {
        code: h.code ?? '',
        name: h.name,
        alias: h.alias ?? '',
        level: h.level,
        type: h.type,
        province: h.province,
        city: h.city,
        district: h.district ?? '',
        address: h.address ?? '',
        beds: h.beds,
        outpatientsPerDay: h.outpatientsPerDay,
        drugUseLevel: h.drugUseLevel,
        competitorCount: h.competitorCount,
        competitionStrength: h.competitionStrength,
        hasDominantCompetitor:
          h.hasDominantCompetitor === null ? null : h.hasDominantCompetitor ? 'yes' : 'no',
        notes: h.notes ?? '',
        latitude: h.latitude,
        longitude: h.longitude,
      }
    : { type: '综合', level: '三级甲等' };

const toBody = (v: Values) => ({
  code: emptyToNull(v.code),
  name: v.name.trim(),
  alias: emptyToNull(v.alias),
  level: v.level,
  type: v.type,
  province: v.province.trim(),
  city: v.city.trim(),
  district: emptyToNull(v.district),
  address: emptyToNull(v.address),
  beds: v.beds ?? null,
  outpatientsPerDay: v.outpatientsPerDay ?? null,
  drugUseLevel: v.drugUseLevel ?? null,
  competitorCount: v.competitorCount ?? null,
  competitionStrength: v.competitionStrength ?? null,
  hasDominantCompetitor: v.hasDominantCompetitor ? v.hasDominantCompetitor === 'yes' : null,
  notes: emptyToNull(v.notes),
  latitude: v.latitude ?? null,
  longitude: v.longitude ?? null,
});

/** 新建/编辑医院 (admin). The grade is computed by the grading rules, not entered here. */
export function HospitalForm({ record, onDone }: { record?: HospitalDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Hospital, ReturnType<typeof toBody>>('hospitals');
  const update = useUpdate<Hospital, ReturnType<typeof toBody> & { version: number }>('hospitals');
  const onError = useSubmitErrorHandler<HospitalDetail>('hospitals');
  const [version, setVersion] = useState(record?.version);
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const oneToFive = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));

  const onFinish = (values: Values) => {
    const done = () => {
      void message.success(t('common.saved'));
      onDone();
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
      initialValues={toValues(record)}
      onFinish={onFinish}
      data-testid="hospital-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item label={t('accounts.hospital.name')} name="name" rules={required}>
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('accounts.code')} name="code">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('accounts.hospital.alias')} name="alias">
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item label={t('accounts.hospital.level')} name="level" rules={required}>
            <Select options={levelOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item label={t('accounts.hospital.type')} name="type" rules={required}>
            <Select options={hospitalTypeOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item label={t('accounts.province')} name="province" rules={required}>
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item label={t('accounts.city')} name="city" rules={required}>
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item label={t('accounts.district')} name="district">
            <Input autoComplete="off" maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.hospital.address')} name="address">
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item
            label={t('accounts.hospital.latitude')}
            name="latitude"
            tooltip={t('accounts.hospital.coordinatesHint')}
          >
            <InputNumber
              min={-90}
              max={90}
              step={0.0001}
              style={{ width: '100%' }}
              placeholder={t('accounts.hospital.latitudeHint')}
              data-testid="hospital-latitude"
            />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.hospital.longitude')} name="longitude">
            <InputNumber
              min={-180}
              max={180}
              step={0.0001}
              style={{ width: '100%' }}
              placeholder={t('accounts.hospital.longitudeHint')}
              data-testid="hospital-longitude"
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.beds')} name="beds">
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.outpatients')} name="outpatientsPerDay">
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.drugUseLevel')} name="drugUseLevel">
            <Select allowClear options={oneToFive} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.competitorCount')} name="competitorCount">
            <InputNumber min={0} max={500} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.competitionStrength')} name="competitionStrength">
            <Select allowClear options={oneToFive} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label={t('accounts.hospital.dominantCompetitor')} name="hasDominantCompetitor">
            <Select
              allowClear
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
            />
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
