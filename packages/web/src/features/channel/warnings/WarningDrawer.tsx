import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Result,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { formatDate, formatDateTime, formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/channel-warnings.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { figureVsThreshold, subjectText, WarningStatusTag } from './warning-labels.tsx';
import { useAcknowledgeWarning, useWarning, type ChannelWarningDetail } from './warnings.api.ts';

type FlowRow = ChannelWarningDetail['trace']['flowRows'][number];
const ledgerKeys = ['balanceFen', 'overdueFen', 'creditLimitFen'] as const;

/** 预警详情: the figure against its threshold, the rows behind it (links to the customer and the flow file), acknowledge. */
export function WarningDrawer({ warningId, onClose }: { warningId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const warning = useWarning(warningId);
  const acknowledge = useAcknowledgeWarning();
  const [form] = Form.useForm<{ note: string }>();
  const w = warning.data;
  const mayAcknowledge =
    !!w &&
    w.status === 'open' &&
    (me.role === 'admin' || me.role === 'manager' || (me.role === 'rep' && w.assigneeId === me.id));

  const submit = (values: { note: string }) => {
    if (!w) return;
    acknowledge.mutate(
      { id: w.id, note: values.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('channelWarnings.acknowledged'));
          form.resetFields();
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  const flowColumns = [
    { title: t('channelWarnings.saleDate'), dataIndex: 'saleDate', render: (v: string) => formatDate(v) },
    {
      title: t('channelWarnings.traceBuyer'),
      key: 'buyer',
      render: (_: unknown, r: FlowRow) => (
        <span>
          {r.hospitalName ?? r.buyerCustomerName ?? r.buyerName}
          {r.hospitalCity ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.hospitalCity} · {r.buyerName}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('channelWarnings.quantity'), dataIndex: 'quantity' },
    {
      title: t('channelWarnings.rowNo'),
      key: 'row',
      render: (_: unknown, r: FlowRow) => (
        <Link to={`/channel/flow/${r.importId}`} data-testid="warning-flow-link">
          {t('channelWarnings.traceFlowOpen')} #{r.rowNo}
        </Link>
      ),
    },
  ];

  let body;
  if (warning.isPending && warningId) body = <Skeleton active />;
  else if (warning.error)
    body = (
      <Result
        status={isApiError(warning.error) && warning.error.status === 404 ? '404' : 'error'}
        subTitle={errorText(warning.error)}
      />
    );
  else if (w) {
    const tr = w.trace;
    const ledger = ledgerKeys.filter((k) => typeof w.detail[k] === 'number');
    const hasTrace =
      tr.flowRows.length > 0 ||
      tr.hospital ||
      tr.buyerCustomer ||
      tr.stockReport ||
      tr.priceReport ||
      tr.licence ||
      tr.promise ||
      ledger.length > 0;
    body = (
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              label: t('channelWarnings.customer'),
              children: (
                <Link to={`/channel/customers/${w.channelCustomerId}`} data-testid="warning-customer-link">
                  {w.channelCustomerName}
                </Link>
              ),
            },
            ...(w.productName ? [{ label: t('channelWarnings.product'), children: w.productName }] : []),
            ...(subjectText(t, w)
              ? [{ label: t('channelWarnings.subject'), children: subjectText(t, w) }]
              : []),
            { label: t('channelWarnings.figureVsThreshold'), children: figureVsThreshold(t, w) },
            { label: t('channelWarnings.status'), children: <WarningStatusTag status={w.status} t={t} /> },
            { label: t('channelWarnings.raisedOn'), children: formatDate(w.raisedOn) },
            { label: t('channelWarnings.lastSeenOn'), children: formatDate(w.lastSeenOn) },
            { label: t('channelWarnings.assignee'), children: w.assigneeName ?? '' },
            ...(w.acknowledgedAt
              ? [
                  {
                    label: t('channelWarnings.acknowledgedBy'),
                    children: `${w.acknowledgedByName ?? ''} · ${formatDateTime(w.acknowledgedAt)} · ${w.acknowledgeNote ?? ''}`,
                  },
                ]
              : []),
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('channelWarnings.trace')}</Typography.Title>
          {!hasTrace ? <Empty description={t('channelWarnings.traceNone')} /> : null}
          {tr.hospital ? (
            <Typography.Paragraph>
              {t('channelWarnings.traceHospital')}：{tr.hospital.name}（{tr.hospital.city}）
            </Typography.Paragraph>
          ) : null}
          {tr.buyerCustomer ? (
            <Typography.Paragraph>
              {t('channelWarnings.traceBuyer')}：
              <Link to={`/channel/customers/${tr.buyerCustomer.id}`}>{tr.buyerCustomer.name}</Link>（
              {tr.buyerCustomer.city}）
            </Typography.Paragraph>
          ) : null}
          {tr.stockReport ? (
            <Typography.Paragraph>
              {t('channelWarnings.traceStock')}：{formatDate(tr.stockReport.reportedOn)} ·{' '}
              {t('channelWarnings.quantity')} {tr.stockReport.quantity}
            </Typography.Paragraph>
          ) : null}
          {tr.priceReport ? (
            <Typography.Paragraph>
              {t('channelWarnings.tracePrice')}：{formatDate(tr.priceReport.reportedOn)} ·{' '}
              {formatFen(tr.priceReport.priceFen)}
            </Typography.Paragraph>
          ) : null}
          {tr.licence ? (
            <Typography.Paragraph>
              {t('channelWarnings.traceLicence')}：{tr.licence.number} · {t('channelWarnings.validUntil')}{' '}
              {formatDate(tr.licence.validUntil)}
            </Typography.Paragraph>
          ) : null}
          {tr.promise ? (
            <Typography.Paragraph>
              {t('channelWarnings.tracePromise')}：{tr.promise.promise}（{tr.promise.ownerName}，
              {t('channelWarnings.dueOn')} {formatDate(tr.promise.dueOn)}）
            </Typography.Paragraph>
          ) : null}
          {ledger.length ? (
            <Descriptions
              size="small"
              column={1}
              title={t('channelWarnings.traceLedger')}
              items={ledger.map((k) => ({
                label: t(`channelWarnings.ledger.${k}`),
                children: formatFen(w.detail[k] as number),
              }))}
            />
          ) : null}
          {tr.flowRows.length ? (
            <Table<FlowRow>
              rowKey="id"
              size="small"
              title={() => t('channelWarnings.traceFlowRows')}
              columns={flowColumns}
              dataSource={tr.flowRows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="warning-flow-rows"
            />
          ) : null}
        </div>
        {mayAcknowledge ? (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item
              name="note"
              label={t('channelWarnings.acknowledgeNote')}
              rules={[
                { required: true, whitespace: true, message: t('channelWarnings.acknowledgeNoteRequired') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="warning-ack-note" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={acknowledge.isPending}
              data-testid="warning-ack"
            >
              {t('channelWarnings.acknowledge')}
            </Button>
          </Form>
        ) : null}
      </Flex>
    );
  }

  return (
    <Drawer
      open={!!warningId}
      onClose={onClose}
      title={
        w ? `${t(`channelWarnings.kinds.${w.kind}`)} · ${w.channelCustomerName}` : t('channelWarnings.detail')
      }
      size={screens.md === false ? '100%' : 720}
      destroyOnHidden
      data-testid="warning-drawer"
    >
      {body}
    </Drawer>
  );
}
