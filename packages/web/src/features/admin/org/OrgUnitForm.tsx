import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useRegionOptions, type Area, type Region } from '../admin.api.ts';

type Values = { name: string; regionId?: string };
type Unit = Region | Area;

const isArea = (unit: Unit | undefined): unit is Area => !!unit && 'regionId' in unit;
const toValues = (unit: Unit | undefined): Partial<Values> =>
  unit ? { name: unit.name, regionId: isArea(unit) ? unit.regionId : undefined } : {};

/** 大区 (regions) and 地区 (areas) differ only in the area's region. */
export function OrgUnitForm({
  resource,
  record,
  onDone,
}: {
  resource: 'regions' | 'areas';
  record?: Unit;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Unit, Values>(resource);
  const update = useUpdate<Unit, Values & { version: number }>(resource);
  const onError = useSubmitErrorHandler<Unit>(resource);
  const [version, setVersion] = useState(record?.version);
  const regions = useRegionOptions(
    isArea(record) ? [{ value: record.regionId, label: record.regionName }] : [],
  );

  const onFinish = (values: Values) => {
    const body: Values = { name: values.name.trim() };
    if (resource === 'areas') body.regionId = values.regionId;
    const done = () => {
      void message.success(t('common.saved'));
      onDone();
    };
    if (!record) {
      create.mutate(body, { onSuccess: done, onError: (e) => void onError(form, e) });
      return;
    }
    update.mutate(
      { id: record.id, body: { ...body, version: version ?? record.version } },
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
    <Form<Values> form={form} layout="vertical" initialValues={toValues(record)} onFinish={onFinish}>
      <Form.Item
        label={resource === 'regions' ? t('org.regionName') : t('org.areaName')}
        name="name"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 60, message: t('validation.maxLength', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      {resource === 'areas' ? (
        <Form.Item
          label={t('org.region')}
          name="regionId"
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select {...regions.selectProps} />
        </Form.Item>
      ) : null}
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
