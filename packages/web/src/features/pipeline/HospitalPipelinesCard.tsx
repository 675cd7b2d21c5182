import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, List, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import '../../lib/locales/pipeline.ts';
import { FormActions, FormModal } from '../../app/ui/FormModal.tsx';
import { chinaToday, dateFormat, formatDate, isAfterChinaToday } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useProductOptions } from '../accounts/accounts.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useCreatePipeline, usePipelines } from './pipeline.api.ts';

type Values = { productId: string; stageDate: Dayjs; nextAction?: string };

/** 进药进度 on the hospital page: its pipelines with their stage, and a new one for another product. */
export function HospitalPipelinesCard({ hospitalId }: { hospitalId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = usePipelines({ hospitalId, pageSize: 50, sort: 'stageDate' });
  const [open, setOpen] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('pipeline.hospitalCard.title')}
      style={{ marginBottom: 16 }}
      data-testid="hospital-pipelines"
      extra={
        me.role !== 'compliance' ? (
          <Button size="small" onClick={() => setOpen(true)} data-testid="hospital-pipeline-create">
            {t('pipeline.hospitalCard.create')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        loading={list.isPending}
        dataSource={items}
        locale={{ emptyText: t('pipeline.empty') }}
        renderItem={(p) => (
          <List.Item extra={<Link to={`/pipeline/${p.id}`}>{t('pipeline.hospitalCard.open')}</Link>}>
            <Typography.Text strong>{p.productName}</Typography.Text>{' '}
            <Tag color={p.stage === 'rejected' ? 'red' : 'blue'}>{t(`pipeline.stage.${p.stage}`)}</Tag>
            <Typography.Text type="secondary">
              {formatDate(p.stageDate)} · {p.ownerName}
            </Typography.Text>
            {p.stalled ? <Tag color="red">{t('pipeline.stalledDays', { days: p.stalledDays })}</Tag> : null}
          </List.Item>
        )}
      />
      <FormModal title={t('pipeline.hospitalCard.create')} open={open} onClose={() => setOpen(false)}>
        <CreatePipelineForm hospitalId={hospitalId} onDone={() => setOpen(false)} />
      </FormModal>
    </Card>
  );
}

function CreatePipelineForm({ hospitalId, onDone }: { hospitalId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const products = useProductOptions();
  const create = useCreatePipeline();
  const onError = useFormErrorHandler();
  const submit = (v: Values) =>
    create.mutate(
      {
        hospitalId,
        productId: v.productId,
        stageDate: v.stageDate.format(dateFormat),
        nextAction: v.nextAction?.trim() || null,
      },
      {
        onSuccess: (p) => {
          void message.success(t('pipeline.hospitalCard.created'));
          onDone();
          void navigate(`/pipeline/${p.id}`);
        },
        onError: (error) => onError(form, error),
      },
    );
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ stageDate: dayjs(chinaToday()) }}
      onFinish={submit}
    >
      <Form.Item name="productId" label={t('pipeline.product')} rules={[{ required: true }]}>
        <Select options={products.options} loading={products.loading} data-testid="pipeline-product" />
      </Form.Item>
      <Form.Item name="stageDate" label={t('pipeline.stageDate')} rules={[{ required: true }]}>
        <DatePicker style={{ width: 160 }} disabledDate={isAfterChinaToday} />
      </Form.Item>
      <Form.Item name="nextAction" label={t('pipeline.nextAction')}>
        <Input maxLength={200} />
      </Form.Item>
      <FormActions onCancel={onDone} saving={create.isPending} />
    </Form>
  );
}
