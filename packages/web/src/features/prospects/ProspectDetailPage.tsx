import '../../lib/locales/prospects.ts';
import '../../lib/locales/channel.ts';
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Steps,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  creditCheckResults,
  prospectPhases,
  prospectSources,
  type ConvertProspectInput,
  type ProspectQualificationInput,
} from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { dateFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useList, useRemoteOptions } from '../../lib/resources.ts';
import {
  distributorTierOptions,
  fenOf,
  licenceKindOptions,
  paymentTermOptions,
  terminalTierOptions,
  yuanRule,
} from '../channel/parties/labels.tsx';
import {
  useConvertProspect,
  useDropProspect,
  useMoveProspectPhase,
  useProspect,
  useUpdateProspect,
  type ProspectDetail,
} from './prospects.api.ts';
import { statusColors } from './ProspectsPage.tsx';
import { ProspectContactCols } from './ProspectContactCols.tsx';

const blankToNull = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

type DetailsValues = {
  name: string;
  source: ProspectDetail['source'];
  sourceNote?: string | null;
  city?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  plan?: string | null;
  nextAction?: string | null;
  nextActionDue?: Dayjs | null;
};

/** 基本信息 and the development plan, edited in a dialog. */
function DetailsCard({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<DetailsValues>();
  const update = useUpdateProspect(prospect.id);
  const onError = useFormErrorHandler();

  useEffect(() => {
    if (editing)
      form.setFieldsValue({
        ...prospect,
        nextActionDue: prospect.nextActionDue ? dayjs(prospect.nextActionDue) : null,
      });
  }, [editing, form, prospect]);

  const submit = (v: DetailsValues) =>
    update.mutate(
      {
        version: prospect.version,
        name: v.name,
        source: v.source,
        sourceNote: blankToNull(v.sourceNote),
        city: blankToNull(v.city),
        address: blankToNull(v.address),
        contactName: blankToNull(v.contactName),
        contactPhone: blankToNull(v.contactPhone),
        plan: blankToNull(v.plan),
        nextAction: blankToNull(v.nextAction),
        nextActionDue: v.nextActionDue ? v.nextActionDue.format(dateFormat) : null,
      },
      {
        onSuccess: () => {
          void message.success(t('prospects.saved'));
          setEditing(false);
        },
        onError: (e) => onError(form, e),
      },
    );

  return (
    <Card
      size="small"
      title={t('prospects.detailTitle')}
      extra={
        prospect.mayEdit ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid="prospect-edit">
            {t('prospects.edit')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('prospects.kind')}>
          {t(`channel.kinds.${prospect.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('prospects.source')}>
          {t(`prospects.sources.${prospect.source}`)}
          {prospect.sourceNote ? `（${prospect.sourceNote}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('prospects.city')}>{prospect.city}</Descriptions.Item>
        <Descriptions.Item label={t('prospects.address')}>{prospect.address}</Descriptions.Item>
        <Descriptions.Item label={t('prospects.contactName')}>{prospect.contactName}</Descriptions.Item>
        <Descriptions.Item label={t('prospects.contactPhone')}>{prospect.contactPhone}</Descriptions.Item>
        <Descriptions.Item label={t('prospects.owner')}>{prospect.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('prospects.nextAction')}>
          {prospect.nextAction}
          {prospect.nextActionDue ? `（${formatDate(prospect.nextActionDue)}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('prospects.plan')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {prospect.plan}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('prospects.updatedAt')}>
          {formatDateTime(prospect.updatedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Modal
        open={editing}
        title={t('prospects.edit')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        confirmLoading={update.isPending}
        width={640}
        forceRender
      >
        <Form<DetailsValues> form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="name"
            label={t('prospects.name')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="source" label={t('prospects.source')} rules={[{ required: true }]}>
                <Select
                  options={prospectSources.map((s) => ({ value: s, label: t(`prospects.sources.${s}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="sourceNote" label={t('prospects.sourceNote')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <ProspectContactCols />
          </Row>
          <Form.Item name="plan" label={t('prospects.plan')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item name="nextAction" label={t('prospects.nextAction')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="nextActionDue" label={t('prospects.nextActionDue')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}

type QualificationValues = {
  licences: { kind?: string; number?: string; validUntil?: Dayjs | null }[];
  result: ProspectQualificationInput['creditCheck']['result'];
  checkedOn?: Dayjs | null;
  note?: string | null;
};

/** 资质审核: licences (三证一照) and the 资信调查 credit check. */
function QualificationCard({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<QualificationValues>();
  const update = useUpdateProspect(prospect.id);
  const onError = useFormErrorHandler();
  const q = prospect.qualification;

  useEffect(() => {
    form.setFieldsValue({
      licences: q.licences.map((l) => ({ ...l, validUntil: l.validUntil ? dayjs(l.validUntil) : null })),
      result: q.creditCheck.result,
      checkedOn: q.creditCheck.checkedOn ? dayjs(q.creditCheck.checkedOn) : null,
      note: q.creditCheck.note ?? null,
    });
  }, [form, q]);

  const submit = (v: QualificationValues) =>
    update.mutate(
      {
        version: prospect.version,
        qualification: {
          licences: (v.licences ?? []).map((l) => ({
            kind: l.kind as ProspectQualificationInput['licences'][number]['kind'],
            number: l.number ?? '',
            validUntil: l.validUntil ? l.validUntil.format(dateFormat) : null,
          })),
          creditCheck: {
            result: v.result,
            checkedOn: v.checkedOn ? v.checkedOn.format(dateFormat) : null,
            note: blankToNull(v.note),
          },
        },
      },
      {
        onSuccess: () => void message.success(t('prospects.saved')),
        onError: (e) => onError(form, e),
      },
    );

  const required = [{ required: true }];
  return (
    <Card size="small" title={t('prospects.qualification.title')} data-testid="prospect-qualification">
      <Form<QualificationValues> form={form} layout="vertical" onFinish={submit} disabled={!prospect.mayEdit}>
        <Typography.Text strong>{t('prospects.qualification.licences')}</Typography.Text>
        <Form.List name="licences">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'kind']} rules={required}>
                      <Select
                        options={licenceKindOptions(t)}
                        placeholder={t('prospects.qualification.licenceKind')}
                        data-testid="licence-kind"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'number']}
                      rules={[{ required: true, whitespace: true, max: 60 }]}
                    >
                      <Input
                        placeholder={t('prospects.qualification.licenceNumber')}
                        data-testid="licence-number"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={6}>
                    <Form.Item name={[field.name, 'validUntil']}>
                      <DatePicker
                        style={{ width: '100%' }}
                        placeholder={t('prospects.qualification.longTerm')}
                        data-testid="licence-valid-until"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button type="link" danger onClick={() => remove(field.name)}>
                      ×
                    </Button>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                onClick={() => add({})}
                style={{ marginBottom: 12 }}
                data-testid="licence-add"
              >
                {t('prospects.qualification.addLicence')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={8}>
          <Col xs={24} sm={8}>
            <Form.Item name="result" label={t('prospects.qualification.creditCheck')} rules={required}>
              <Select
                options={creditCheckResults.map((r) => ({
                  value: r,
                  label: t(`prospects.qualification.creditResults.${r}`),
                }))}
                data-testid="credit-result"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="checkedOn" label={t('prospects.qualification.checkedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="note" label={t('prospects.qualification.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        {prospect.mayEdit ? (
          <Button
            type="primary"
            htmlType="submit"
            loading={update.isPending}
            data-testid="qualification-save"
          >
            {t('prospects.qualification.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}

/** 准备 → 实施 → 修正 → 评价 with the current phase's checklist and the allowed moves. */
function PhaseCard({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const move = useMoveProspectPhase(prospect.id);
  const go = (phase: ProspectDetail['phase']) =>
    move.mutate(
      { phase, version: prospect.version },
      {
        onSuccess: () =>
          void message.success(t('prospects.stepper.moved', { phase: t(`prospects.phases.${phase}`) })),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  return (
    <Card size="small" title={t('prospects.stepper.title')} data-testid="prospect-phase">
      <Steps
        size="small"
        current={prospectPhases.indexOf(prospect.phase)}
        items={prospectPhases.map((p) => ({ title: t(`prospects.phases.${p}`) }))}
        style={{ marginBottom: 16 }}
      />
      <List
        size="small"
        header={<Typography.Text strong>{t('prospects.stepper.checklist')}</Typography.Text>}
        dataSource={prospect.checklist}
        renderItem={(item) => (
          <List.Item data-testid="prospect-checklist-item">
            <List.Item.Meta title={item.label} description={item.advice} />
          </List.Item>
        )}
      />
      {prospect.mayEdit && prospect.nextPhases.length > 0 ? (
        <Space wrap style={{ marginTop: 12 }}>
          {prospect.nextPhases.map((phase) => (
            <Button
              key={phase}
              type={
                prospectPhases.indexOf(phase) > prospectPhases.indexOf(prospect.phase) ? 'primary' : 'default'
              }
              loading={move.isPending}
              onClick={() => go(phase)}
              data-testid={`phase-move-${phase}`}
            >
              {t('prospects.stepper.moveTo', { phase: t(`prospects.phases.${phase}`) })}
            </Button>
          ))}
        </Space>
      ) : null}
    </Card>
  );
}

type ConvertValues = {
  code?: string;
  province: string;
  city?: string;
  address?: string;
  distributorTier?: string;
  terminalTier?: string;
  paymentTerms?: string;
  paymentTermDays?: number | null;
  creditLimit?: string;
  territoryId?: string;
  withContract: boolean;
  contractNo?: string;
  signedOn?: Dayjs;
  period?: [Dayjs, Dayjs];
  paymentMethod?: string;
  lines?: { productId?: string; quantity?: number; unitPrice?: string }[];
};

/** The convert dialog: the customer's code and terms, and optionally the first supply contract with its lines. */
function ConvertDialog({
  prospect,
  open,
  onClose,
}: {
  prospect: ProspectDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConvertValues>();
  const convert = useConvertProspect(prospect.id);
  const onError = useFormErrorHandler();
  const withContract = Form.useWatch('withContract', form);
  const territories = useList<{ id: string; name: string }>(
    'territories',
    { page: 1, pageSize: 200 },
    { enabled: open },
  );
  const products = useRemoteOptions<{ id: string; name: string; specification: string | null }>(
    'products',
    (p) => (p.specification ? `${p.name} ${p.specification}` : p.name),
    { pageSize: 100, enabled: open && !!withContract },
  );

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        city: prospect.city ?? undefined,
        address: prospect.address ?? undefined,
        withContract: false,
        lines: [{}],
      });
    }
  }, [open, form, prospect]);

  const submit = (v: ConvertValues) => {
    const body: ConvertProspectInput = {
      version: prospect.version,
      customer: {
        code: blankToNull(v.code),
        province: v.province,
        city: v.city?.trim() || undefined,
        address: blankToNull(v.address),
        distributorTier: (v.distributorTier ?? null) as ConvertProspectInput['customer']['distributorTier'],
        terminalTier: (v.terminalTier ?? null) as ConvertProspectInput['customer']['terminalTier'],
        paymentTerms: (v.paymentTerms ?? null) as ConvertProspectInput['customer']['paymentTerms'],
        paymentTermDays: v.paymentTermDays ?? null,
        creditLimitFen: fenOf(v.creditLimit),
        territoryId: v.territoryId,
      },
      contract:
        v.withContract && v.period
          ? {
              contractNo: v.contractNo ?? '',
              signedOn: (v.signedOn ?? dayjs()).format(dateFormat),
              startsOn: v.period[0].format(dateFormat),
              endsOn: v.period[1].format(dateFormat),
              paymentMethod: (v.paymentMethod ?? 'cashBeforeDelivery') as NonNullable<
                ConvertProspectInput['contract']
              >['paymentMethod'],
              lines: (v.lines ?? []).map((l) => ({
                productId: l.productId ?? '',
                quantity: l.quantity ?? 0,
                unitPriceFen: fenOf(l.unitPrice) ?? 0,
              })),
            }
          : undefined,
    };
    convert.mutate(body, {
      onSuccess: () => {
        void message.success(t('prospects.convert.done'));
        onClose();
      },
      onError: (e) => onError(form, e),
    });
  };

  const required = [{ required: true }];
  return (
    <Modal
      open={open}
      title={t('prospects.convert.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={convert.isPending}
      width={760}
      forceRender
    >
      <Form<ConvertValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="prospect-convert-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('prospects.convert.code')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="province"
              label={t('prospects.convert.province')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={20} data-testid="convert-province" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="city" label={t('prospects.city')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('prospects.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            {prospect.kind === 'distributor' ? (
              <Form.Item name="distributorTier" label={t('channel.distributorTier')}>
                <Select allowClear options={distributorTierOptions(t)} />
              </Form.Item>
            ) : (
              <Form.Item name="terminalTier" label={t('channel.terminalTier')}>
                <Select allowClear options={terminalTierOptions(t)} />
              </Form.Item>
            )}
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="paymentTerms" label={t('channel.paymentTerms')}>
              <Select allowClear options={paymentTermOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="paymentTermDays" label={t('channel.paymentTermDays')}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="creditLimit"
              label={t('channel.creditLimit')}
              rules={[yuanRule(t('channel.moneyInvalid'))]}
            >
              <Input prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="territoryId" label={t('prospects.convert.territory')}>
              <Select
                allowClear
                options={(territories.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="withContract" label={t('prospects.convert.withContract')} valuePropName="checked">
          <Switch data-testid="convert-with-contract" />
        </Form.Item>
        {withContract ? (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="contractNo"
                  label={t('channel.contract.no')}
                  rules={[{ required: true, whitespace: true, max: 40 }]}
                >
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="signedOn" label={t('channel.contract.signedOn')} rules={required}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="paymentMethod" label={t('channel.contract.paymentMethod')} rules={required}>
                  <Select options={paymentTermOptions(t)} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="period" label={t('channel.contract.period')} rules={required}>
                  <DatePicker.RangePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Text strong>{t('channel.contract.lines')}</Typography.Text>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key} align="top">
                      <Col xs={24} sm={10}>
                        <Form.Item name={[field.name, 'productId']} rules={required}>
                          <Select {...products.selectProps} placeholder={t('channel.contract.product')} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={5}>
                        <Form.Item name={[field.name, 'quantity']} rules={required}>
                          <InputNumber
                            min={1}
                            precision={0}
                            placeholder={t('channel.contract.quantity')}
                            style={{ width: '100%' }}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={7}>
                        <Form.Item
                          name={[field.name, 'unitPrice']}
                          rules={[...required, yuanRule(t('channel.moneyInvalid'))]}
                        >
                          <Input
                            prefix="¥"
                            inputMode="decimal"
                            placeholder={t('channel.contract.unitPrice')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Button
                          type="link"
                          danger
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                        >
                          ×
                        </Button>
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" block onClick={() => add({})}>
                    {t('channel.contract.addLine')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function DropDialog({
  prospect,
  open,
  onClose,
}: {
  prospect: ProspectDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const drop = useDropProspect(prospect.id);
  const onError = useFormErrorHandler();
  return (
    <Modal
      open={open}
      title={t('prospects.drop.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={drop.isPending}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          drop.mutate(
            { reason: v.reason, version: prospect.version },
            {
              onSuccess: () => {
                void message.success(t('prospects.drop.done'));
                form.resetFields();
                onClose();
              },
              onError: (e) => onError(form, e),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('prospects.drop.reason')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="drop-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 潜在客户: details, qualification, the phase stepper with its checklist, conversion and drop. */
export default function ProspectDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useProspect(id);
  const [converting, setConverting] = useState(false);
  const [dropping, setDropping] = useState(false);
  const prospect = query.data;

  if (query.isError) return <Alert type="error" message={errorText(query.error)} />;
  if (!prospect) return <Skeleton active />;
  const open = prospect.status === 'open' && prospect.mayEdit;

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{prospect.name}</span>
            <Tag color={statusColors[prospect.status]} data-testid="prospect-status">
              {t(`prospects.statuses.${prospect.status}`)}
            </Tag>
          </Flex>
        }
        subTitle={<Link to="/channel/prospects">{t('prospects.title')}</Link>}
        extra={
          open ? (
            <>
              <Button
                type="primary"
                disabled={!prospect.readiness.ready}
                onClick={() => setConverting(true)}
                data-testid="prospect-convert"
              >
                {t('prospects.convert.action')}
              </Button>
              <Button danger onClick={() => setDropping(true)} data-testid="prospect-drop">
                {t('prospects.drop.action')}
              </Button>
            </>
          ) : null
        }
      />
      {prospect.status === 'converted' && prospect.convertedCustomerId ? (
        <Alert
          type="success"
          style={{ marginBottom: 16 }}
          message={
            <>
              {t('prospects.convertedTo')}
              <Link to={`/channel/customers/${prospect.convertedCustomerId}`}>
                {prospect.convertedCustomerName ?? t('prospects.convert.open')}
              </Link>
              {prospect.convertedAt ? `（${formatDateTime(prospect.convertedAt)}）` : ''}
            </>
          }
        />
      ) : null}
      {prospect.status === 'dropped' ? (
        <Alert
          type="warning"
          style={{ marginBottom: 16 }}
          message={`${t('prospects.droppedBecause')}${prospect.droppedReason ?? ''}`}
        />
      ) : null}
      {prospect.status === 'open' ? (
        <Alert
          type={prospect.readiness.ready ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="prospect-readiness"
          message={
            prospect.readiness.ready
              ? t('prospects.readiness.ready')
              : t('prospects.readiness.notReady', { missing: prospect.readiness.message ?? '' })
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <PhaseCard prospect={prospect} />
            <DetailsCard prospect={prospect} />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <QualificationCard prospect={prospect} />
        </Col>
      </Row>
      {open ? (
        <>
          <ConvertDialog prospect={prospect} open={converting} onClose={() => setConverting(false)} />
          <DropDialog prospect={prospect} open={dropping} onClose={() => setDropping(false)} />
        </>
      ) : null}
    </>
  );
}
