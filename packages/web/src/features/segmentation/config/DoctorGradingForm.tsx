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
  Select,
  Skeleton,
  Statistic,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  maxVisitsPerCycle,
  potentialValues,
  prescriptionStatuses,
  type DoctorGradingSettingsInput,
} from '@keqing/shared';
import { formatDateTime } from '../../../lib/format.ts';
import { ListError } from '../../../app/ui/ListError.tsx';
import { gradeColor, signed, statusLabel, useLocalized } from '../../accounts/labels.ts';
import {
  useDoctorGrading,
  usePreviewDoctorGrading,
  useSaveDoctorGrading,
  type RegradeSummaryBody,
} from '../segmentation.api.ts';
import { GradingHistory } from './GradingHistory.tsx';
import { ConfigErrors, RegradeSummary } from './RegradeSummary.tsx';

type Values = {
  grades: string[];
  matrix: Record<string, Record<string, string | undefined>>;
  visitFrequency: Record<string, number | null>;
  potentialScale: { min: number; max: number };
  highPotential?: { minPotential?: number | null; maxStatus?: number | null };
};

const cellColors: Record<string, string> = { red: '#fff1f0', orange: '#fff7e6', blue: '#e6f4ff' };

/** Only the matrix rows and frequencies the scale and the grade list still have (older rows would be refused). */
function toConfig(v: Values): DoctorGradingSettingsInput {
  const grades = v.grades.map((g) => g.trim()).filter(Boolean);
  const rows = potentialValues(v.potentialScale);
  const matrix: Record<string, Record<string, string>> = {};
  for (const p of rows) {
    matrix[String(p)] = Object.fromEntries(
      prescriptionStatuses.map((s) => [String(s), v.matrix?.[String(p)]?.[String(s)] ?? '']),
    );
  }
  const hp = v.highPotential;
  return {
    grades,
    matrix,
    visitFrequency: Object.fromEntries(grades.map((g) => [g, v.visitFrequency?.[g] ?? 0])),
    potentialScale: v.potentialScale,
    highPotential:
      hp && hp.minPotential != null && hp.maxStatus != null
        ? { minPotential: hp.minPotential, maxStatus: hp.maxStatus }
        : undefined,
  };
}

/** 医生定级矩阵 (admin): potential × status → grade, calls per cycle per grade, preview and save. */
export function DoctorGradingForm({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message, modal } = App.useApp();
  const current = useDoctorGrading();
  const preview = usePreviewDoctorGrading();
  const save = useSaveDoctorGrading();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState<RegradeSummaryBody | null>(null);
  const grades = (Form.useWatch('grades', form) as string[] | undefined) ?? current.data?.config.grades ?? [];
  const scale = (Form.useWatch('potentialScale', form) as Values['potentialScale'] | undefined) ??
    current.data?.config.potentialScale ?? { min: 1, max: 5 };
  const matrix = Form.useWatch('matrix', form) as Values['matrix'] | undefined;

  if (current.isPending) return <Skeleton active />;
  if (current.error) return <ListError error={current.error} />;
  const data = current.data;
  const validScale =
    Number.isInteger(scale.min) &&
    Number.isInteger(scale.max) &&
    scale.max > scale.min &&
    scale.max - scale.min < 10;
  const rows = validScale ? [...potentialValues(scale)].reverse() : [];
  const gradeOptions = grades.map((g) => ({ value: g, label: g }));
  const colorOf = (grade: string | undefined) => cellColors[gradeColor(grade)] ?? undefined;

  const onPreview = async () => {
    const values = await form.validateFields();
    preview.mutate(toConfig(values));
  };
  const onSave = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: t('grading.confirmSaveTitle'),
      content: t('grading.confirmSaveDoctors'),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () =>
        save
          .mutateAsync(
            { config: toConfig(values), version: data.version },
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
    <div data-testid="doctor-grading">
      <Typography.Paragraph type="secondary">
        {data.isDefault
          ? t('grading.usingDefault')
          : t('grading.savedInfo', {
              version: data.version,
              at: formatDateTime(data.savedAt),
              by: data.savedBy?.name ?? '',
            })}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={data.config as Values}
        disabled={readOnly}
        onValuesChange={() => preview.reset()}
      >
        <Row gutter={[16, 0]}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('grading.grades')}
              name="grades"
              extra={t('grading.gradesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} data-testid="dg-grades" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              label={t('grading.potentialMin')}
              name={['potentialScale', 'min']}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={9} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              label={t('grading.potentialMax')}
              name={['potentialScale', 'max']}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              label={t('grading.hpMinPotential')}
              name={['highPotential', 'minPotential']}
              extra={t('grading.hpHint')}
            >
              <InputNumber min={scale.min} max={scale.max} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('grading.hpMaxStatus')} name={['highPotential', 'maxStatus']}>
              <InputNumber min={-4} max={4} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t('grading.matrix')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('grading.matrixHint')}
          </Typography.Paragraph>
          <div style={{ overflowX: 'auto' }}>
            <table style={{ borderCollapse: 'collapse', fontSize: 12 }} data-testid="dg-matrix">
              <thead>
                <tr>
                  <th style={{ padding: 4, textAlign: 'left', whiteSpace: 'nowrap' }}>
                    {t('grading.potentialStatus')}
                  </th>
                  {prescriptionStatuses.map((s) => (
                    <th
                      key={s}
                      style={{ padding: 4, fontWeight: 500, minWidth: 64 }}
                      title={statusLabel(s, pick)}
                    >
                      {signed(s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p}>
                    <th style={{ padding: 4, textAlign: 'left' }}>{p}</th>
                    {prescriptionStatuses.map((s) => (
                      <td
                        key={s}
                        style={{ padding: 2, background: colorOf(matrix?.[String(p)]?.[String(s)]) }}
                      >
                        <Form.Item name={['matrix', String(p), String(s)]} noStyle>
                          <Select
                            size="small"
                            options={gradeOptions}
                            style={{ width: 60 }}
                            aria-label={t('grading.cell', { potential: p, status: signed(s) })}
                            data-testid={`matrix-${p}-${s}`}
                          />
                        </Form.Item>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card size="small" title={t('grading.frequency')} style={{ marginBottom: 16 }}>
          <Row gutter={8}>
            {grades.map((g) => (
              <Col xs={8} sm={4} key={g}>
                <Form.Item
                  label={t('accounts.gradeN', { grade: g })}
                  name={['visitFrequency', g]}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <InputNumber min={1} max={maxVisitsPerCycle} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('grading.frequencyHint')}
          </Typography.Text>
        </Card>
      </Form>
      <ConfigErrors error={preview.error ?? save.error} />
      {readOnly ? null : (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button onClick={() => void onPreview()} loading={preview.isPending} data-testid="dg-preview">
            {t('grading.preview')}
          </Button>
          <Button type="primary" onClick={() => void onSave()} loading={save.isPending} data-testid="dg-save">
            {t('grading.save')}
          </Button>
          <Button onClick={() => form.setFieldsValue(data.config as Values)}>{t('grading.resetForm')}</Button>
        </Flex>
      )}
      {preview.data ? (
        <Card
          size="small"
          title={t('grading.previewTitle')}
          style={{ marginBottom: 16 }}
          data-testid="dg-preview-result"
        >
          <Statistic
            title={t('grading.scoredPairs')}
            value={preview.data.total}
            style={{ marginBottom: 8 }}
          />
          <RegradeSummary summary={preview.data.summary} grades={grades} testId="dg-preview-summary" />
        </Card>
      ) : null}
      <Card size="small" title={t('grading.history')}>
        <GradingHistory kind="doctor" />
      </Card>
      <Modal
        open={saved !== null}
        title={t('grading.regraded')}
        onCancel={() => setSaved(null)}
        footer={<Button onClick={() => setSaved(null)}>{t('common.ok')}</Button>}
      >
        {saved ? <RegradeSummary summary={saved} grades={grades} /> : null}
      </Modal>
    </div>
  );
}
