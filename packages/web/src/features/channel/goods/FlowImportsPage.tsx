import { useState } from 'react';
import { App, Card, Flex, Select, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import '../../../lib/locales/channel-goods.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useDistributors, useFlowImports, useUploadFlow, type FlowImport } from './goods.api.ts';

const statusColor = { preview: 'blue', committed: 'green', cancelled: 'default' } as const;

/** 流向导入: the imports of the distributors in scope, and a new upload (choose the distributor, drop the file). */
export default function FlowImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const imports = useFlowImports({ page, pageSize: 20 });
  const distributors = useDistributors();
  const upload = useUploadFlow();
  const [distributorId, setDistributorId] = useState<string>();

  const onFile = (file: File) => {
    if (!distributorId) {
      void message.warning(t('channelGoods.distributorRequired'));
      return;
    }
    upload.mutate(
      { channelCustomerId: distributorId, file },
      {
        onSuccess: (created) => void navigate(`/channel/flow/${created.id}`),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  const columns: TableColumnsType<FlowImport> = [
    {
      title: t('channelGoods.fileName'),
      dataIndex: 'fileName',
      render: (v: string, r) => (
        <Typography.Link
          onClick={() => void navigate(`/channel/flow/${r.id}`)}
          data-testid="flow-import-open"
        >
          {v}
        </Typography.Link>
      ),
    },
    { title: t('channelGoods.distributor'), dataIndex: 'channelCustomerName' },
    {
      title: t('channelGoods.period'),
      key: 'period',
      render: (_, r) => (r.periodStart ? `${r.periodStart} ~ ${r.periodEnd ?? ''}` : '—'),
    },
    {
      title: t('channelGoods.status'),
      dataIndex: 'status',
      render: (_, r) => <Tag color={statusColor[r.status]}>{t(`channelGoods.statuses.${r.status}`)}</Tag>,
    },
    { title: t('channelGoods.counts.rows'), key: 'rows', render: (_, r) => r.counts.rows },
    { title: t('channelGoods.createdBy'), dataIndex: 'createdByName' },
    { title: t('channelGoods.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <div>
      <PageHeader title={t('channelGoods.flowTitle')} />
      <Typography.Paragraph type="secondary">{t('channelGoods.flowHint')}</Typography.Paragraph>
      <Card title={t('channelGoods.newImport')} style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Select
            data-testid="flow-distributor"
            style={{ width: '100%', maxWidth: 360 }}
            placeholder={t('channelGoods.distributor')}
            value={distributorId}
            onChange={setDistributorId}
            loading={distributors.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <div data-testid="flow-upload">
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                onFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <p style={{ margin: '8px 0' }}>
                {upload.isPending ? t('channelGoods.uploading') : t('channelGoods.upload')}
              </p>
            </Upload.Dragger>
          </div>
        </Flex>
      </Card>
      {imports.error ? <ListError error={imports.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={imports.data?.items ?? []}
        loading={imports.isLoading}
        locale={{ emptyText: t('channelGoods.noImports') }}
        pagination={{ current: page, pageSize: 20, total: imports.data?.total ?? 0, onChange: setPage }}
      />
    </div>
  );
}
