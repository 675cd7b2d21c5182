import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { checkStageMove, pipelineStages, type PipelineStage } from '@keqing/shared';
import { FormActions } from '../../app/ui/FormModal.tsx';
import { chinaToday, dateFormat, isAfterChinaToday } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useMoveStage } from './pipeline.api.ts';

type Values = { toStage: PipelineStage; date: Dayjs; reason?: string };

/**
 * Moves a pipeline: the date (today by default, never in the future nor before the current stage's) and, when the
 * domain rules ask for it (a skip, a move back, a restart), the reason. Used by the board's drag and the detail page.
 */
export function StageMoveForm({
  pipeline,
  toStage,
  via,
  onDone,
}: {
  pipeline: { id: string; stage: PipelineStage; stageDate: string; version: number };
  toStage?: PipelineStage;
  via: 'form' | 'board';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const move = useMoveStage();
  const onError = useFormErrorHandler();
  const chosen = Form.useWatch('toStage', form) ?? toStage;
  const verdict = chosen ? checkStageMove(pipeline.stage, chosen, 'x') : null;
  const needsReason = !!chosen && verdict?.ok === true && verdict.kind !== 'next';

  const submit = (v: Values) =>
    move.mutate(
      {
        id: pipeline.id,
        toStage: v.toStage,
        date: v.date.format(dateFormat),
        reason: v.reason?.trim() || undefined,
        via,
        version: pipeline.version,
      },
      {
        onSuccess: () => {
          void message.success(t('pipeline.move.done'));
          onDone();
        },
        onError: (error) => onError(form, error),
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ toStage, date: dayjs(chinaToday()) }}
      onFinish={submit}
      data-testid="stage-move-form"
    >
      <Form.Item name="toStage" label={t('pipeline.move.toStage')} rules={[{ required: true }]}>
        <Select
          data-testid="stage-move-to"
          options={pipelineStages
            .filter((s) => s !== pipeline.stage)
            .map((s) => ({ value: s, label: t(`pipeline.stage.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="date" label={t('pipeline.move.date')} rules={[{ required: true }]}>
        <DatePicker
          style={{ width: 160 }}
          disabledDate={(d) => isAfterChinaToday(d) || d.format(dateFormat) < pipeline.stageDate}
          data-testid="stage-move-date"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('pipeline.move.reason')}
        extra={t('pipeline.move.reasonHint')}
        rules={needsReason ? [{ required: true, whitespace: true }] : []}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="stage-move-reason" />
      </Form.Item>
      <FormActions onCancel={onDone} saving={move.isPending} okText={t('pipeline.move.submit')} />
    </Form>
  );
}
