import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull } from '../../../lib/form-errors.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import type { Product } from '../accounts.api.ts';

type MessageValues = { feature: string; benefit: string; objection?: string; answer?: string };
type Values = {
  name: string;
  genericName: string;
  specification?: string;
  therapeuticArea: string;
  indications: string[];
  targetDepartments: string[];
  competitorProducts: string[];
  keyMessages: MessageValues[];
  active: boolean;
};

const toValues = (p: Product | undefined): Partial<Values> =>
  p
    ? {
        name: p.name,
        genericName: p.genericName,
        specification: p.specification ?? '',
        therapeuticArea: p.therapeuticArea,
        indications: p.indications,
        targetDepartments: p.targetDepartments,
        competitorProducts: p.competitorProducts,
        active: p.active,
        keyMessages: p.keyMessages.map((m) => ({
          feature: m.feature,
          benefit: m.benefit,
          objection: m.objection ?? '',
          answer: m.answer ?? '',
        })),
      }
    : { indications: [], targetDepartments: [], competitorProducts: [], keyMessages: [], active: true };

const cleanList = (values: string[] | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim()).filter(Boolean)),
];

const toBody = (v: Values) => ({
  name: v.name.trim(),
  genericName: v.genericName.trim(),
  specification: emptyToNull(v.specification),
  therapeuticArea: v.therapeuticArea.trim(),
  indications: cleanList(v.indications),
  targetDepartments: cleanList(v.targetDepartments),
  competitorProducts: cleanList(v.competitorProducts),
  keyMessages: (v.keyMessages ?? []).map((m) => ({
    feature: m.feature.trim(),
    benefit: m.benefit.trim(),
    objection: emptyToNull(m.objection),
    answer: emptyToNull(m.answer),
  })),
});

/** 产品 (admin): names, indications, target departments, competitors and the key messages reps deliver. */
export function ProductForm({ record, onDone }: { record?: Product; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<Product, ReturnType<typeof toBody>>('products');
  const update = useUpdate<Product, ReturnType<typeof toBody> & { active: boolean; version: number }>(
    'products',
  );
  const onError = useSubmitErrorHandler<Product>('products');
  const [version, setVersion] = useState(record?.version);
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const tags = { mode: 'tags' as const, tokenSeparators: ['、', '，', ','], open: false };

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
      {
        id: record.id,
        body: { ...toBody(values), active: values.active, version: version ?? record.version },
      },
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
      data-testid="product-form"
    >
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label={t('accounts.product.name')} name="name" rules={required}>
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.product.genericName')} name="genericName" rules={required}>
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.product.specification')} name="specification">
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t('accounts.product.therapeuticArea')} name="therapeuticArea" rules={required}>
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label={t('accounts.product.indications')}
            name="indications"
            extra={t('accounts.product.tagsHint')}
          >
            <Select {...tags} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.product.targetDepartments')} name="targetDepartments">
            <Select {...tags} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('accounts.product.competitors')} name="competitorProducts">
            <Select {...tags} />
          </Form.Item>
        </Col>
        {record ? (
          <Col xs={24}>
            <Form.Item
              label={t('common.status')}
              name="active"
              valuePropName="checked"
              extra={t('accounts.product.activeHint')}
            >
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.List name="keyMessages">
        {(fields, { add, remove }) => (
          <Form.Item label={t('accounts.product.keyMessages')}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={t('accounts.product.keyMessageN', { n: index + 1 })}
                extra={
                  <Button type="link" danger size="small" onClick={() => remove(field.name)}>
                    {t('common.delete')}
                  </Button>
                }
              >
                <Form.Item
                  label={t('accounts.product.feature')}
                  name={[field.name, 'feature']}
                  rules={required}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  label={t('accounts.product.benefit')}
                  name={[field.name, 'benefit']}
                  rules={required}
                >
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
                <Form.Item label={t('accounts.product.objection')} name={[field.name, 'objection']}>
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item
                  label={t('accounts.product.answer')}
                  name={[field.name, 'answer']}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Card>
            ))}
            <Button type="dashed" block onClick={() => add({ feature: '', benefit: '' })}>
              {t('accounts.product.addKeyMessage')}
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
