import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import {
  useHospitalOptions,
  useProducts,
  useTeamOptions,
  type TerritoryCreateBody,
  type TerritoryDetail,
  type TerritoryUpdateBody,
} from '../admin.api.ts';

type Values = { code: string; name: string; teamId: string; productIds: string[]; hospitalIds: string[] };

const toValues = (territory: TerritoryDetail | undefined): Partial<Values> =>
  territory
    ? {
        code: territory.code,
        name: territory.name,
        teamId: territory.teamId,
        productIds: territory.productIds,
        hospitalIds: territory.hospitals.map((h) => h.id),
      }
    : { productIds: [], hospitalIds: [] };

/**
 * Create a territory, or edit one (name, team, hospitals, products). Hospitals and products
 * replace the territory's sets; channel customers are not edited here and stay as they are.
 */
export function TerritoryForm({
  record,
  onDone,
}: {
  record?: TerritoryDetail;
  onDone: (saved?: TerritoryDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<TerritoryDetail, TerritoryCreateBody>('territories');
  const update = useUpdate<TerritoryDetail, TerritoryUpdateBody>('territories');
  const onError = useSubmitErrorHandler<TerritoryDetail>('territories');
  const [version, setVersion] = useState(record?.version);
  // Labels for the hospitals already in the territory, also after a reload on conflict.
  const [knownHospitals, setKnownHospitals] = useState(
    (record?.hospitals ?? []).map((h) => ({ value: h.id, label: `${h.name} · ${h.city}` })),
  );
  const teams = useTeamOptions({ known: record ? [{ value: record.teamId, label: record.teamName }] : [] });
  const hospitals = useHospitalOptions(knownHospitals);
  const products = useProducts();

  const onFinish = (values: Values) => {
    const body = {
      name: values.name.trim(),
      teamId: values.teamId,
      productIds: values.productIds,
      hospitalIds: values.hospitalIds,
    };
    if (!record) {
      create.mutate(
        { ...body, code: values.code.trim() },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            onDone(saved);
          },
          onError: (e) => void onError(form, e),
        },
      );
      return;
    }
    update.mutate(
      { id: record.id, body: { ...body, version: version ?? record.version } },
      {
        onSuccess: (saved) => {
          void message.success(t('common.saved'));
          onDone(saved);
        },
        onError: (e) =>
          void onError(form, e, {
            id: record.id,
            onFresh: (fresh) => {
              setVersion(fresh.version);
              setKnownHospitals(
                fresh.hospitals.map((h) => ({ value: h.id, label: `${h.name} · ${h.city}` })),
              );
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
      data-testid="territory-form"
    >
      <Form.Item
        label={t('territories.code')}
        name="code"
        extra={record ? t('territories.codeFixed') : undefined}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 30, message: t('validation.maxLength', { max: 30 }) },
        ]}
      >
        <Input disabled={!!record} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('territories.name')}
        name="name"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 60, message: t('validation.maxLength', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('territories.team')}
        name="teamId"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select {...teams.selectProps} />
      </Form.Item>
      <Form.Item label={t('territories.hospitals')} name="hospitalIds" extra={t('territories.hospitalsHint')}>
        <Select
          mode="multiple"
          maxTagCount="responsive"
          placeholder={t('territories.searchHospitals')}
          {...hospitals.selectProps}
          data-testid="territory-hospitals"
        />
      </Form.Item>
      <Form.Item label={t('territories.products')} name="productIds">
        <Select
          mode="multiple"
          maxTagCount="responsive"
          loading={products.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(products.data?.items ?? []).map((p) => ({
            value: p.id,
            label: p.genericName ? `${p.name}（${p.genericName}）` : p.name,
          }))}
        />
      </Form.Item>
      <FormActions onCancel={() => onDone()} saving={create.isPending || update.isPending} />
    </Form>
  );
}
