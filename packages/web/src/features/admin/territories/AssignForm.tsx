import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../lib/form-errors.ts';
import { dateFormat } from '../../../lib/format.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useAssignTerritory, useUserOptions, type TerritoryDetail } from '../admin.api.ts';

type Values = { userId: string; startDate: Dayjs; note?: string };

/** 重新分配: hand the territory to another rep from a date; the previous assignment ends the day before. */
export function AssignForm({ territory, onDone }: { territory: TerritoryDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const assign = useAssignTerritory();
  const [ownTeamOnly, setOwnTeamOnly] = useState(true);
  const reps = useUserOptions({ role: 'rep', teamId: ownTeamOnly ? territory.teamId : undefined });
  const current = territory.assignments.find((a) => a.endDate === null);

  const onFinish = (values: Values) => {
    assign.mutate(
      {
        id: territory.id,
        userId: values.userId,
        startDate: values.startDate.format(dateFormat),
        note: values.note?.trim() || undefined,
      },
      {
        onSuccess: () => {
          void message.success(t('territories.assigned'));
          onDone();
        },
        onError: (e) => applyServerErrors(form, e, (text) => void message.error(text)),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ startDate: dayjs() }}
      onFinish={onFinish}
      data-testid="assign-form"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          current
            ? t('territories.currentRepSince', { name: current.userName, date: current.startDate })
            : t('territories.noCurrentRep')
        }
        description={t('territories.assignHint')}
      />
      <Form.Item label={t('territories.newRep')} required>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          <Switch size="small" checked={ownTeamOnly} onChange={setOwnTeamOnly} />{' '}
          {t('territories.ownTeamOnly', { team: territory.teamName })}
        </Typography.Text>
        <Form.Item name="userId" noStyle rules={[{ required: true, message: t('validation.required') }]}>
          <Select placeholder={t('territories.chooseRep')} {...reps.selectProps} data-testid="assign-rep" />
        </Form.Item>
      </Form.Item>
      <Form.Item
        label={t('territories.startDate')}
        name="startDate"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DatePicker format={dateFormat} style={{ width: '100%' }} allowClear={false} inputReadOnly />
      </Form.Item>
      <Form.Item
        label={t('territories.note')}
        name="note"
        rules={[{ max: 500, message: t('validation.maxLength', { max: 500 }) }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <FormActions onCancel={onDone} saving={assign.isPending} okText={t('territories.assign')} />
    </Form>
  );
}
