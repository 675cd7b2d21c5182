import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useAreaOptions, useUserOptions, type Team, type TeamBody } from '../admin.api.ts';

type Values = { name: string; areaId: string; managerId?: string | null };

const toValues = (team: Team | undefined): Partial<Values> =>
  team ? { name: team.name, areaId: team.areaId, managerId: team.managerId } : {};

export function TeamForm({ record, onDone }: { record?: Team; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Team, TeamBody>('teams');
  const update = useUpdate<Team, Partial<TeamBody> & { version: number }>('teams');
  const onError = useSubmitErrorHandler<Team>('teams');
  const [version, setVersion] = useState(record?.version);
  const areas = useAreaOptions(
    record ? [{ value: record.areaId, label: `${record.areaName} · ${record.regionName}` }] : [],
  );
  const managers = useUserOptions(
    { role: 'manager' },
    record?.managerId && record.managerName ? [{ value: record.managerId, label: record.managerName }] : [],
  );

  const onFinish = (values: Values) => {
    const body = { name: values.name.trim(), areaId: values.areaId, managerId: values.managerId ?? null };
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
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(record)}
      onFinish={onFinish}
      data-testid="team-form"
    >
      <Form.Item
        label={t('teams.name')}
        name="name"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 60, message: t('validation.maxLength', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('teams.area')}
        name="areaId"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select {...areas.selectProps} />
      </Form.Item>
      <Form.Item label={t('teams.manager')} name="managerId" extra={t('teams.managerHint')}>
        <Select allowClear placeholder={t('teams.noManager')} {...managers.selectProps} />
      </Form.Item>
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
