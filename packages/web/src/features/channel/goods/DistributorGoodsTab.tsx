import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import { dateFormat, formatFen } from '../../../lib/format.ts';
import '../../../lib/locales/channel-goods.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import {
  useFlowSummary,
  useOrders,
  useProducts,
  useSaveStock,
  useShipments,
  useStockReports,
  type ChannelOrder,
  type ChannelShipment,
  type ChannelStockReport,
} from './goods.api.ts';

const orderColor = { open: 'blue', shipped: 'green', cancelled: 'default' } as const;

/** 订单/送货/库存/流向 — a tab of the channel customer page. */
export function DistributorGoodsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const filter = { channelCustomerId: customerId, pageSize: 10 };
  const orders = useOrders(filter);
  const shipments = useShipments(filter);
  const stock = useStockReports(filter);
  const flow = useFlowSummary({ channelCustomerId: customerId, groupBy: 'buyer' });
  const [entering, setEntering] = useState(false);

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('channelGoods.orders')}>
        <Table<ChannelOrder>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          loading={orders.isLoading}
          dataSource={orders.data?.items ?? []}
          columns={[
            { title: t('channelGoods.orderNo'), dataIndex: 'orderNo' },
            { title: t('channelGoods.orderDate'), dataIndex: 'orderDate' },
            { title: t('channelGoods.total'), dataIndex: 'totalFen', render: (v: number) => formatFen(v) },
            {
              title: t('channelGoods.status'),
              dataIndex: 'status',
              render: (_, o) => (
                <Tag color={orderColor[o.status]}>{t(`channelGoods.orderStatuses.${o.status}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('channelGoods.shipments')}>
        <Table<ChannelShipment>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          loading={shipments.isLoading}
          dataSource={shipments.data?.items ?? []}
          columns={[
            { title: t('channelGoods.shippedOn'), dataIndex: 'shippedOn' },
            {
              title: t('channelGoods.kind'),
              dataIndex: 'kind',
              render: (_, s) => (
                <Tag color={s.kind === 'return' ? 'orange' : 'green'}>
                  {t(`channelGoods.kinds.${s.kind}`)}
                </Tag>
              ),
            },
            { title: t('channelGoods.product'), dataIndex: 'productName' },
            { title: t('channelGoods.quantity'), dataIndex: 'quantity' },
            { title: t('channelGoods.amount'), dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
            { title: t('channelGoods.dueDate'), dataIndex: 'dueDate', render: (v: string | null) => v ?? '' },
            { title: t('channelGoods.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('channelGoods.stock')}
        extra={
          me.role !== 'compliance' ? (
            <Button size="small" data-testid="stock-add" onClick={() => setEntering(true)}>
              {t('channelGoods.addStock')}
            </Button>
          ) : null
        }
      >
        <Table<ChannelStockReport>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          loading={stock.isLoading}
          dataSource={stock.data?.items ?? []}
          columns={[
            { title: t('channelGoods.reportedOn'), dataIndex: 'reportedOn' },
            { title: t('channelGoods.product'), dataIndex: 'productName' },
            { title: t('channelGoods.quantity'), dataIndex: 'quantity' },
          ]}
        />
      </Card>
      <Card size="small" title={t('channelGoods.flowByBuyer')}>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          loading={flow.isLoading}
          dataSource={flow.data?.items ?? []}
          columns={[
            { title: t('channelGoods.buyer'), dataIndex: 'label' },
            { title: t('channelGoods.quantity'), dataIndex: 'quantity' },
            { title: t('channelGoods.amount'), dataIndex: 'amountFen', render: (v: number) => formatFen(v) },
          ]}
        />
      </Card>
      {entering ? <StockModal customerId={customerId} onClose={() => setEntering(false)} /> : null}
    </Flex>
  );
}

function StockModal({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const products = useProducts();
  const save = useSaveStock();
  const [form] = Form.useForm<{ productId: string; reportedOn: Dayjs; quantity: number }>();
  return (
    <Modal
      open
      title={t('channelGoods.addStock')}
      okText={t('channelGoods.save')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          save.mutate(
            {
              channelCustomerId: customerId,
              productId: v.productId,
              reportedOn: v.reportedOn.format(dateFormat),
              quantity: v.quantity,
            },
            {
              onSuccess: () => {
                void message.success(t('channelGoods.stockSaved'));
                onClose();
              },
              onError: (e) => void message.error(errorText(e)),
            },
          ),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="productId"
          label={t('channelGoods.product')}
          rules={[{ required: true, message: t('channelGoods.productRequired') }]}
        >
          <Select
            data-testid="stock-product"
            options={(products.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="reportedOn" label={t('channelGoods.reportedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('channelGoods.quantity')}
          rules={[{ required: true, message: t('channelGoods.quantityRequired') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="stock-quantity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
