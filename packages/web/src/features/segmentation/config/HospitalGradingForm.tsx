import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Statistic,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  hospitalFactors,
  hospitalLevels,
  type HospitalGradingConfigInput,
  type HospitalFactor,
} from '@keqing/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { levelLabel } from '../../accounts/labels.ts';
import {
  useHospitalGrading,
  usePreviewHospitalGrading,
  useSaveHospitalGrading,
  type RegradeSummaryBody,
} from '../segmentation.api.ts';
import { GradingHistory } from './GradingHistory.tsx';
import { ConfigErrors, RegradeSummary } from './RegradeSummary.tsx';

const oneToFive = ['1', '2', '3', '4', '5'] as const;
const points = { min: 0, max: 100, style: { width: '100%' } } as const;

/** A scoring table: from this value on, this many points (rows ascending, the first from 0). */
function BandsEditor({ name, fromLabel }: { name: (string | number)[]; fromLabel: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="center" style={{ marginBottom: 6 }}>
              <Form.Item name={[field.name, 'from']} noStyle rules={[{ required: true }]}>
                <InputNumber min={0} placeholder={fromLabel} aria-label={fromLabel} style={{ flex: 1 }} />
              </Form.Item>
              <span>→</span>
              <Form.Item name={[field.name, 'points']} noStyle rules={[{ required: true }]}>
                <InputNumber
                  {...points}
                  style={{ flex: 1 }}
                  placeholder={t('grading.points')}
                  aria-label={t('grading.points')}
                />
              </Form.Item>
              <Button
                type="text"
                danger
                size="small"
                onClick={() => remove(field.name)}
                aria-label={t('common.delete')}
              >
                ×
              </Button>
            </Flex>
          ))}
          <Button type="dashed" size="small" block onClick={() => add({ from: null, points: null })}>
            {t('grading.addBand')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** 医院定级标准 (admin): weights, scoring tables, thresholds; preview the grades before saving. */
export function HospitalGradingForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const current = useHospitalGrading();
  const preview = usePreviewHospitalGrading();
  const save = useSaveHospitalGrading();
  const [form] = Form.useForm<HospitalGradingConfigInput>();
  const [saved, setSaved] = useState<RegradeSummaryBody | null>(null);
  const weights = Form.useWatch('weights', form) as Record<HospitalFactor, number | null> | undefined;
  const weightSum = hospitalFactors.reduce((sum, f) => sum + (weights?.[f] ?? 0), 0);

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <ListError error={current.error} />;
  const data = current.data;

  const onPreview = async () => {
    const config = await form.validateFields();
    preview.mutate(config);
  };
  const onSave = async () => {
    const config = await form.validateFields();
    modal.confirm({
      title: t('grading.confirmSaveTitle'),
      content: t('grading.confirmSaveHospitals'),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () =>
        save
          .mutateAsync(
            { config, version: data.version },
            {
              onSuccess: (result) => {
                setSaved(result.summary);
                preview.reset();
                void message.success(t('grading.saved'));
              },
            },
          )
          .catch(() => undefined),
    });
  };

  return (
    <div data-testid="hospital-grading">
      <Typography.Paragraph type="secondary">
        {data.isDefault
          ? t('grading.usingDefault')
          : t('grading.savedInfo', {
              version: data.version,
              at: formatDateTime(data.savedAt),
              by: data.savedBy?.name ?? '',
            })}
      </Typography.Paragraph>
      <Form<HospitalGradingConfigInput>
        form={form}
        layout="vertical"
        initialValues={data.config}
        disabled={readOnly}
        onValuesChange={() => preview.reset()}
      >
        <Row gutter={[16, 0]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('grading.weights')} style={{ marginBottom: 16 }}>
              <Row gutter={8}>
                {hospitalFactors.map((f) => (
                  <Col xs={12} sm={8} key={f}>
                    <Form.Item
                      label={t(`grading.factors.${f}`)}
                      name={['weights', f]}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={1} step={0.05} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Typography.Text
                type={Math.abs(weightSum - 1) < 1e-6 ? 'secondary' : 'danger'}
                data-testid="weight-sum"
              >
                {t('grading.weightSum', { sum: Math.round(weightSum * 100) / 100 })}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('grading.thresholds')} style={{ marginBottom: 16 }}>
              <Row gutter={8}>
                <Col xs={12}>
                  <Form.Item
                    label={t('grading.thresholdA')}
                    name={['thresholds', 'A']}
                    rules={[{ required: true }]}
                  >
                    <InputNumber {...points} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    label={t('grading.thresholdB')}
                    name={['thresholds', 'B']}
                    rules={[{ required: true }]}
                  >
                    <InputNumber {...points} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('grading.thresholdHint')}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('grading.levelPoints')} style={{ marginBottom: 16 }}>
              <Row gutter={8}>
                {hospitalLevels.map((level) => (
                  <Col xs={12} sm={8} key={level}>
                    <Form.Item
                      label={levelLabel(level, t)}
                      name={['levelPoints', level]}
                      rules={[{ required: true }]}
                    >
                      <InputNumber {...points} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
            <Card size="small" title={t('grading.drugUsePoints')} style={{ marginBottom: 16 }}>
              <Row gutter={8}>
                {oneToFive.map((n) => (
                  <Col xs={8} sm={4} key={n}>
                    <Form.Item label={n} name={['drugUsePoints', n]} rules={[{ required: true }]}>
                      <InputNumber {...points} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('grading.bedBands')} style={{ marginBottom: 16 }}>
              <BandsEditor name={['bedBands']} fromLabel={t('grading.fromBeds')} />
            </Card>
            <Card size="small" title={t('grading.outpatientBands')} style={{ marginBottom: 16 }}>
              <BandsEditor name={['outpatientBands']} fromLabel={t('grading.fromOutpatients')} />
            </Card>
            <Card size="small" title={t('grading.competition')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('grading.competitionHint')}
              </Typography.Paragraph>
              <Typography.Text strong>{t('grading.countPenalty')}</Typography.Text>
              <BandsEditor
                name={['competition', 'countPenaltyBands']}
                fromLabel={t('grading.fromCompetitors')}
              />
              <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
                {t('grading.strengthPenalty')}
              </Typography.Text>
              <Row gutter={8}>
                {oneToFive.map((n) => (
                  <Col xs={8} sm={4} key={n}>
                    <Form.Item
                      label={n}
                      name={['competition', 'strengthPenalty', n]}
                      rules={[{ required: true }]}
                    >
                      <InputNumber {...points} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Form.Item
                label={t('grading.dominantPenalty')}
                name={['competition', 'dominantPenalty']}
                rules={[{ required: true }]}
              >
                <InputNumber {...points} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
      </Form>
      <ConfigErrors error={preview.error ?? save.error} />
      {readOnly ? null : (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button onClick={() => void onPreview()} loading={preview.isPending} data-testid="hg-preview">
            {t('grading.preview')}
          </Button>
          <Button type="primary" onClick={() => void onSave()} loading={save.isPending} data-testid="hg-save">
            {t('grading.save')}
          </Button>
          <Button onClick={() => form.setFieldsValue(data.config)}>{t('grading.resetForm')}</Button>
        </Flex>
      )}
      {preview.data ? (
        <Card
          size="small"
          title={t('grading.previewTitle')}
          style={{ marginBottom: 16 }}
          data-testid="hg-preview-result"
        >
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(['A', 'B', 'C'] as const).map((g) => (
              <Col xs={8} md={4} key={g}>
                <Statistic title={t('accounts.gradeN', { grade: g })} value={preview.data.counts[g]} />
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Statistic title={t('grading.total')} value={preview.data.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('grading.incomplete')} value={preview.data.incomplete} />
            </Col>
          </Row>
          <RegradeSummary
            summary={preview.data.summary}
            grades={['A', 'B', 'C']}
            testId="hg-preview-summary"
          />
        </Card>
      ) : null}
      <Card size="small" title={t('grading.history')}>
        <GradingHistory kind="hospital" />
      </Card>
      <Modal
        open={saved !== null}
        title={t('grading.regraded')}
        onCancel={() => setSaved(null)}
        footer={<Button onClick={() => setSaved(null)}>{t('common.ok')}</Button>}
      >
        {saved ? <RegradeSummary summary={saved} grades={['A', 'B', 'C']} /> : null}
      </Modal>
    </div>
  );
}
