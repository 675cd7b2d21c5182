import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  adoptionStepDescriptions,
  adoptionSteps,
  potentialValues,
  prescriptionStatusHints,
  prescriptionStatuses,
  type AdoptionStep,
  type DoctorGradingResponse,
  type DoctorProductSegmentation,
  type PotentialScale,
  type PrescriptionStatus,
} from '@keqing/shared';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { chinaToday, dateFormat, formatDate, isAfterChinaToday } from '../../../lib/format.ts';
import { PageSpin } from '../../../app/PageSpin.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import type { DoctorDetail } from '../../accounts/accounts.api.ts';
import { adoptionLabel, gradeColor, statusLabel, useLocalized } from '../../accounts/labels.ts';
import {
  useChangeLadder,
  useDoctorGrading,
  useDoctorScores,
  useDoctorSegmentation,
  useRecordScore,
  type CurrentScore,
  type DoctorSegmentation,
} from '../segmentation.api.ts';

const ScoreChart = lazy(() => import('./ScoreChart.tsx'));

/** Statuses a rep may give: −4…−1 before the product is listed at the hospital, 0…+4 after. */
export function allowedStatuses(listed: boolean): PrescriptionStatus[] {
  return prescriptionStatuses.filter((s) => (listed ? s >= 0 : s < 0));
}

function ListingTag({ product }: { product: DoctorProductSegmentation }) {
  const { t } = useTranslation();
  return product.listed ? (
    <Tag color="green">
      {t('segmentation.listedYes')}
      {product.listedAt ? ` ${formatDate(product.listedAt)}` : ''}
    </Tag>
  ) : (
    <Tag>{t('segmentation.listedNo')}</Tag>
  );
}

/** 评分: every product's current 复式评分 and, for the chosen one, its history, a new score and the ladder. */
export default function ScoresTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const segmentation = useDoctorSegmentation(doctor.id);
  const grading = useDoctorGrading();
  const [chosen, setChosen] = useState<string>();
  const products = segmentation.data?.products ?? [];
  const selected = products.find((p) => p.productId === chosen) ?? products[0];

  if (segmentation.isPending) return <Skeleton active />;
  if (segmentation.error) return <ListError error={segmentation.error} />;
  if (products.length === 0) return <Empty description={t('segmentation.noProducts')} />;

  return (
    <div data-testid="doctor-scores">
      <Table<DoctorProductSegmentation>
        rowKey="productId"
        size="small"
        pagination={false}
        dataSource={products}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 16 }}
        onRow={(p) => ({
          onClick: () => setChosen(p.productId),
          style: {
            cursor: 'pointer',
            background: p.productId === selected?.productId ? '#e6f4ff' : undefined,
          },
          'data-testid': `score-row-${p.productId}`,
        })}
        columns={[
          { key: 'product', title: t('accounts.product.name'), render: (_, p) => p.productName },
          { key: 'listed', title: t('segmentation.listed'), render: (_, p) => <ListingTag product={p} /> },
          {
            key: 'status',
            title: t('segmentation.status'),
            render: (_, p) =>
              p.current ? statusLabel(p.current.prescriptionStatus, pick) : t('segmentation.notScored'),
          },
          {
            key: 'potential',
            title: t('segmentation.potential'),
            align: 'right',
            render: (_, p) => p.current?.prescriptionPotential ?? '',
          },
          {
            key: 'grade',
            title: t('segmentation.grade'),
            render: (_, p) =>
              p.current ? <Tag color={gradeColor(p.current.grade)}>{p.current.grade}</Tag> : '',
          },
          {
            key: 'visits',
            title: t('segmentation.visitsPerCycle'),
            align: 'right',
            render: (_, p) => p.current?.visitsPerCycle ?? '',
          },
          {
            key: 'ladder',
            title: t('segmentation.ladder'),
            render: (_, p) => adoptionLabel(p.adoptionStep, pick),
          },
          {
            key: 'assessedOn',
            title: t('segmentation.assessedOn'),
            render: (_, p) => formatDate(p.current?.assessedOn),
          },
        ]}
      />
      {selected ? (
        <ProductScores
          key={selected.productId}
          doctor={doctor}
          product={selected}
          scale={segmentation.data.potentialScale}
          grading={grading.data}
        />
      ) : null}
    </div>
  );
}

function ProductScores({
  doctor,
  product,
  scale,
  grading,
}: {
  doctor: DoctorDetail;
  product: DoctorProductSegmentation;
  scale: PotentialScale;
  grading: DoctorGradingResponse | undefined;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const scores = useDoctorScores(doctor.id, product.productId);
  const [ladderOpen, setLadderOpen] = useState(false);
  const current = product.current;
  const items = scores.data?.items ?? [];
  const points = useMemo(
    () =>
      items.map((s) => ({
        date: formatDate(s.assessedOn),
        status: s.prescriptionStatus,
        potential: s.prescriptionPotential,
        statusText: statusLabel(s.prescriptionStatus, pick),
      })),
    [items, pick],
  );
  const chartLabels = useMemo(
    () => ({ status: t('segmentation.status'), potential: t('segmentation.potential') }),
    [t],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          size="small"
          title={
            <span>
              {product.productName} <ListingTag product={product} />
            </span>
          }
          style={{ marginBottom: 16 }}
          data-testid="current-score"
        >
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            items={[
              {
                key: 'status',
                label: t('segmentation.status'),
                children: (
                  <span data-testid="current-status">
                    {current ? statusLabel(current.prescriptionStatus, pick) : t('segmentation.notScored')}
                  </span>
                ),
              },
              {
                key: 'potential',
                label: t('segmentation.potential'),
                children: (
                  <span data-testid="current-potential">{current?.prescriptionPotential ?? '—'}</span>
                ),
              },
              {
                key: 'grade',
                label: t('segmentation.grade'),
                children: current ? (
                  <Tag color={gradeColor(current.grade)} data-testid="current-grade">
                    {current.grade}
                  </Tag>
                ) : (
                  <span data-testid="current-grade">—</span>
                ),
              },
              {
                key: 'visits',
                label: t('segmentation.visitsPerCycle'),
                children: (
                  <span data-testid="current-frequency">
                    {current ? t('segmentation.visitsValue', { count: current.visitsPerCycle }) : '—'}
                  </span>
                ),
              },
              {
                key: 'ladder',
                label: t('segmentation.ladder'),
                children: (
                  <span data-testid="current-ladder">{adoptionLabel(product.adoptionStep, pick) || '—'}</span>
                ),
              },
              {
                key: 'assessedOn',
                label: t('segmentation.assessedOn'),
                children: formatDate(current?.assessedOn) || '—',
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('segmentation.history')}
          </Typography.Title>
          {scores.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segmentation.noHistory')} />
          ) : (
            <Suspense fallback={<PageSpin />}>
              <ScoreChart points={points} labels={chartLabels} potentialMax={scale.max} />
            </Suspense>
          )}
          {items.length > 0 ? (
            <Table
              rowKey="id"
              size="small"
              style={{ marginTop: 8 }}
              pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
              dataSource={[...items].reverse()}
              scroll={{ x: 'max-content' }}
              data-testid="score-history"
              columns={[
                {
                  key: 'date',
                  title: t('segmentation.assessedOn'),
                  render: (_, s) => formatDate(s.assessedOn),
                },
                {
                  key: 'status',
                  title: t('segmentation.status'),
                  render: (_, s) => statusLabel(s.prescriptionStatus, pick),
                },
                {
                  key: 'potential',
                  title: t('segmentation.potential'),
                  render: (_, s) => s.prescriptionPotential,
                },
                {
                  key: 'grade',
                  title: t('segmentation.grade'),
                  render: (_, s) => <Tag color={gradeColor(s.grade)}>{s.grade}</Tag>,
                },
                { key: 'by', title: t('segmentation.by'), render: (_, s) => s.assessedBy?.name ?? '' },
                { key: 'note', title: t('segmentation.note'), render: (_, s) => s.note ?? '' },
              ]}
            />
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        {doctor.mayEdit ? (
          <Card size="small" title={t('segmentation.recordScore')} style={{ marginBottom: 16 }}>
            <ScoreForm doctorId={doctor.id} product={product} scale={scale} grading={grading} />
          </Card>
        ) : null}
        <Card
          size="small"
          title={t('segmentation.ladderHistory')}
          extra={
            doctor.mayEdit ? (
              <Button size="small" onClick={() => setLadderOpen(true)} data-testid="ladder-change">
                {t('segmentation.changeLadder')}
              </Button>
            ) : null
          }
        >
          {product.ladderHistory.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segmentation.noLadder')} />
          ) : (
            <Timeline
              items={product.ladderHistory.map((c) => ({
                key: c.id,
                title: formatDate(c.changedOn),
                content: (
                  <div>
                    <Typography.Text strong>
                      {c.fromStep === null
                        ? adoptionLabel(c.toStep, pick)
                        : `${adoptionLabel(c.fromStep, pick)} → ${adoptionLabel(c.toStep, pick)}`}
                    </Typography.Text>
                    {c.reason ? <div>{c.reason}</div> : null}
                    {c.changedBy ? (
                      <Typography.Text type="secondary">{c.changedBy.name}</Typography.Text>
                    ) : null}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Col>
      <LadderModal
        open={ladderOpen}
        onClose={() => setLadderOpen(false)}
        doctorId={doctor.id}
        product={product}
      />
    </Row>
  );
}

type ScoreValues = {
  prescriptionStatus?: number;
  prescriptionPotential?: number;
  adoptionStep?: number | null;
  assessedOn: Dayjs;
  note?: string;
};

/** The grade and calls per cycle the matrix in force gives a status × potential, shown before saving. */
function gradeOf(grading: DoctorGradingResponse | undefined, status?: number, potential?: number) {
  if (!grading || status === undefined || potential === undefined) return undefined;
  const grade = grading.config.matrix[String(potential)]?.[String(status)];
  if (!grade) return undefined;
  return { grade, visits: grading.config.visitFrequency[grade] };
}

function ScoreForm({
  doctorId,
  product,
  scale,
  grading,
}: {
  doctorId: string;
  product: DoctorProductSegmentation;
  scale: PotentialScale;
  grading: DoctorGradingResponse | undefined;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const onFormError = useFormErrorHandler();
  const record = useRecordScore(doctorId);
  const [form] = Form.useForm<ScoreValues>();
  const statuses = allowedStatuses(product.listed);
  const current = product.current;
  const status = Form.useWatch('prescriptionStatus', form);
  const potential = Form.useWatch('prescriptionPotential', form);
  const preview = gradeOf(grading, status, potential);
  const hint = status === undefined ? undefined : prescriptionStatusHints[status as PrescriptionStatus];

  const initial: Partial<ScoreValues> = {
    prescriptionStatus:
      current && statuses.includes(current.prescriptionStatus as PrescriptionStatus)
        ? current.prescriptionStatus
        : undefined,
    prescriptionPotential: current?.prescriptionPotential,
    adoptionStep: product.adoptionStep,
    assessedOn: dayjs(chinaToday()),
  };

  const onFinish = (v: ScoreValues) => {
    if (v.prescriptionStatus === undefined || v.prescriptionPotential === undefined) return;
    record.mutate(
      {
        productId: product.productId,
        prescriptionStatus: v.prescriptionStatus,
        prescriptionPotential: v.prescriptionPotential,
        adoptionStep: v.adoptionStep ?? null,
        assessedOn: v.assessedOn.format(dateFormat),
        note: v.note?.trim() || null,
      },
      {
        onSuccess: (saved: CurrentScore) => {
          // Show the new grade at once; the refetch that follows brings the history and ladder.
          queryClient.setQueryData<DoctorSegmentation>(['doctors', 'segmentation', doctorId], (old) =>
            old
              ? {
                  ...old,
                  products: old.products.map((p) =>
                    p.productId === saved.productId
                      ? { ...p, current: saved, adoptionStep: saved.adoptionStep ?? p.adoptionStep }
                      : p,
                  ),
                }
              : old,
          );
          form.setFieldValue('note', '');
          void message.success(
            t('segmentation.scoreSaved', { grade: saved.grade, count: saved.visitsPerCycle }),
          );
        },
        onError: (e) => onFormError(form, e),
      },
    );
  };

  return (
    <Form<ScoreValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      data-testid="score-form"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {product.listed ? t('segmentation.statusRangeListed') : t('segmentation.statusRangeUnlisted')}
      </Typography.Paragraph>
      <Form.Item
        label={t('segmentation.status')}
        name="prescriptionStatus"
        rules={[{ required: true, message: t('segmentation.chooseStatus') }]}
        extra={hint ? pick(hint) : undefined}
      >
        <Radio.Group optionType="button" style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {statuses.map((s) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`score-status-${s}`}>{statusLabel(s, pick)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        label={t('segmentation.potential')}
        name="prescriptionPotential"
        rules={[{ required: true, message: t('segmentation.choosePotential') }]}
        extra={t('segmentation.potentialHint', { min: scale.min, max: scale.max })}
      >
        <Radio.Group optionType="button" style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {potentialValues(scale).map((p) => (
            <Radio.Button key={p} value={p}>
              <span data-testid={`score-potential-${p}`}>{p}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Row gutter={12}>
        <Col xs={14}>
          <Form.Item label={t('segmentation.ladder')} name="adoptionStep">
            <Select
              allowClear
              options={adoptionSteps.map((s) => ({
                value: s,
                label: adoptionLabel(s, pick),
                title: pick(adoptionStepDescriptions[s]),
              }))}
              data-testid="score-ladder"
            />
          </Form.Item>
        </Col>
        <Col xs={10}>
          <Form.Item
            label={t('segmentation.assessedOn')}
            name="assessedOn"
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker
              format={dateFormat}
              allowClear={false}
              style={{ width: '100%' }}
              disabledDate={isAfterChinaToday}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('segmentation.note')} name="note">
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      {preview ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('segmentation.gradePreview', { grade: preview.grade, count: preview.visits ?? 0 })}
          data-testid="grade-preview"
        />
      ) : null}
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="score-submit">
          {t('segmentation.saveScore')}
        </Button>
      </Flex>
    </Form>
  );
}

function LadderModal({
  open,
  onClose,
  doctorId,
  product,
}: {
  open: boolean;
  onClose: () => void;
  doctorId: string;
  product: DoctorProductSegmentation;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const change = useChangeLadder(doctorId);
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<{ step: AdoptionStep; reason?: string; changedOn: Dayjs }>();
  return (
    <Modal
      title={`${t('segmentation.changeLadder')} · ${product.productName}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ changedOn: dayjs(chinaToday()) }}
        onFinish={(v) =>
          change.mutate(
            {
              productId: product.productId,
              step: v.step,
              reason: v.reason?.trim() || null,
              changedOn: v.changedOn.format(dateFormat),
            },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (e) => onFormError(form, e),
            },
          )
        }
      >
        <Form.Item
          label={t('segmentation.ladder')}
          name="step"
          rules={[{ required: true, message: t('validation.required') }]}
          extra={t('segmentation.ladderNow', { step: adoptionLabel(product.adoptionStep, pick) || '—' })}
        >
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {adoptionSteps.map((s) => (
              <Radio key={s} value={s} disabled={s === product.adoptionStep}>
                {adoptionLabel(s, pick)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {pick(adoptionStepDescriptions[s])}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('segmentation.reason')} name="reason">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('segmentation.changedOn')} name="changedOn">
          <DatePicker format={dateFormat} allowClear={false} disabledDate={isAfterChinaToday} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
