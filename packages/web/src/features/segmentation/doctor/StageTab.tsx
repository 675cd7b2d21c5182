import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  maxStageReasonLength,
  relationshipStageDescriptions,
  relationshipStages,
  type RelationshipStage,
} from '@keqing/shared';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { chinaToday, dateFormat, formatDate, isAfterChinaToday } from '../../../lib/format.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import type { DoctorDetail } from '../../accounts/accounts.api.ts';
import { stageLabel, useLocalized } from '../../accounts/labels.ts';
import { useChangeStage, useDoctorSegmentation } from '../segmentation.api.ts';

type Values = { stage: number; reason: string; changedOn: Dayjs };

/** 客户关系阶段: where the relationship stands, how it got there (dated, by whom, why) and a move. */
export default function StageTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const segmentation = useDoctorSegmentation(doctor.id);
  const change = useChangeStage(doctor.id);
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();

  if (segmentation.isPending) return <Skeleton active />;
  if (segmentation.error) return <ListError error={segmentation.error} />;
  const { current, history } = segmentation.data.stage;

  const onFinish = (v: Values) =>
    change.mutate(
      { stage: v.stage, reason: v.reason.trim(), changedOn: v.changedOn.format(dateFormat) },
      {
        onSuccess: () => {
          void message.success(t('segmentation.stageSaved'));
          form.resetFields();
        },
        onError: (e) => onFormError(form, e),
      },
    );

  return (
    <div data-testid="doctor-stage">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          current={current === null ? -1 : current - 1}
          size="small"
          items={relationshipStages.map((s) => ({
            title: stageLabel(s, pick),
            content: pick(relationshipStageDescriptions[s]),
          }))}
          data-testid="stage-steps"
        />
        {current === null ? (
          <Typography.Text type="secondary">{t('segmentation.stageNone')}</Typography.Text>
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('segmentation.stageHistory')}>
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segmentation.noStageHistory')} />
            ) : (
              <Timeline
                data-testid="stage-history"
                items={history.map((h) => ({
                  key: h.id,
                  color: h.fromStage !== null && h.toStage < h.fromStage ? 'red' : 'green',
                  title: formatDate(h.changedOn),
                  content: (
                    <div>
                      <Typography.Text strong>
                        {h.fromStage === null
                          ? stageLabel(h.toStage, pick)
                          : `${stageLabel(h.fromStage, pick)} → ${stageLabel(h.toStage, pick)}`}
                      </Typography.Text>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{h.reason}</div>
                      {h.changedBy ? (
                        <Typography.Text type="secondary">{h.changedBy.name}</Typography.Text>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        {doctor.mayEdit ? (
          <Col xs={24} lg={10}>
            <Card size="small" title={t('segmentation.changeStage')}>
              <Form<Values>
                form={form}
                layout="vertical"
                initialValues={{ changedOn: dayjs(chinaToday()) }}
                onFinish={onFinish}
                data-testid="stage-form"
              >
                <Form.Item
                  label={t('segmentation.newStage')}
                  name="stage"
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Select
                    options={relationshipStages.map((s: RelationshipStage) => ({
                      value: s,
                      label: stageLabel(s, pick),
                      disabled: s === current,
                    }))}
                    data-testid="stage-select"
                  />
                </Form.Item>
                <Form.Item
                  label={t('segmentation.stageReason')}
                  name="reason"
                  extra={t('segmentation.stageReasonHint')}
                  rules={[
                    { required: true, whitespace: true, message: t('segmentation.stageReasonRequired') },
                    {
                      max: maxStageReasonLength,
                      message: t('validation.maxLength', { max: maxStageReasonLength }),
                    },
                  ]}
                >
                  <Input.TextArea
                    rows={3}
                    maxLength={maxStageReasonLength}
                    showCount
                    data-testid="stage-reason"
                  />
                </Form.Item>
                <Form.Item label={t('segmentation.changedOn')} name="changedOn">
                  <DatePicker format={dateFormat} allowClear={false} disabledDate={isAfterChinaToday} />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={change.isPending}
                  data-testid="stage-submit"
                >
                  {t('common.save')}
                </Button>
              </Form>
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
