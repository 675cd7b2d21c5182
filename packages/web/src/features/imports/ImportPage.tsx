import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';

import { useTranslation } from 'react-i18next';
import { importKindLabels, importKinds, type ImportPreviewRow, type ImportRowError } from '@keqing/shared';
import { api, errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ListError } from '../../app/ui/ListError.tsx';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useLocalized } from '../accounts/labels.ts';
import {
  importKindsFor,
  useFinishImport,
  useImportBatch,
  useUploadImport,
  type ImportBatch,
  type ImportKind,
} from './imports.api.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';

function UploadIcon() {
  return (
    <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
      <path
        d="M12 16V4m0 0-4 4m4-4 4 4M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"
        fill="none"
        stroke="#1677ff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

const actionColors = { create: 'green', update: 'blue', invalid: 'red' } as const;

/**
 * 批量导入: choose what to import, download its template, upload the filled file, check the preview
 * (every bad row with its column and problem), then import the valid rows — or cancel and import nothing.
 * The batch id stays in the URL, so a reload shows the same preview.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const kinds = importKindsFor(me.role);
  const [searchParams, setParams] = useSearchParamsUpdate();
  const kindParam = searchParams.get('kind') as ImportKind | null;
  const kind: ImportKind =
    kindParam && kinds.includes(kindParam) ? kindParam : kinds.includes('doctors') ? 'doctors' : kinds[0]!;
  const batchId = searchParams.get('batch') ?? undefined;
  const batch = useImportBatch(batchId);
  const upload = useUploadImport();
  const [downloading, setDownloading] = useState(false);

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      await api.download(
        `/imports/templates/${kind}`,
        undefined,
        `${pick(importKindLabels[kind])}-template.xlsx`,
      );
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  const onFile = (file: File) => {
    upload.mutate(
      { kind, file },
      {
        onSuccess: (b) => setParams({ batch: b.id, kind: b.kind }),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };

  const current = batchId ? batch.data : undefined;
  const step = !current ? 0 : current.status === 'preview' ? 1 : 2;

  return (
    <div data-testid="import-page">
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('imports.steps.upload') },
          { title: t('imports.steps.check') },
          { title: t('imports.steps.done') },
        ]}
      />
      {batchId && batch.isPending ? <Skeleton active /> : null}
      {batchId && batch.error ? <ListError error={batch.error} /> : null}
      {!current ? (
        <Card>
          <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
            <span>{t('imports.kind')}</span>
            <Select
              value={kind}
              onChange={(v: ImportKind) => setParams({ kind: v, batch: undefined })}
              options={importKinds
                .filter((k) => kinds.includes(k))
                .map((k) => ({ value: k, label: pick(importKindLabels[k]) }))}
              style={{ width: 160 }}
              data-testid="import-kind"
            />
            <Button
              onClick={() => void downloadTemplate()}
              loading={downloading}
              data-testid="import-template"
            >
              {t('imports.downloadTemplate')}
            </Button>
          </Flex>
          <Typography.Paragraph type="secondary">{t(`imports.hints.${kind}`)}</Typography.Paragraph>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                onFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <UploadIcon />
              <p style={{ margin: '8px 0 4px' }}>
                {upload.isPending ? t('imports.checking') : t('imports.dropHere')}
              </p>
              <Typography.Text type="secondary">{t('imports.formats')}</Typography.Text>
            </Upload.Dragger>
          </div>
        </Card>
      ) : (
        <BatchView batch={current} onNew={() => setParams({ batch: undefined })} />
      )}
    </div>
  );
}

function BatchView({ batch, onNew }: { batch: ImportBatch; onNew: () => void }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { message } = App.useApp();
  const finish = useFinishImport();
  const { counts } = batch;
  const run = (action: 'commit' | 'cancel') =>
    finish.mutate(
      { batchId: batch.id, action },
      {
        onSuccess: (b) =>
          void message.success(b.status === 'committed' ? t('imports.committed') : t('imports.cancelled')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const header = (
    <Typography.Paragraph>
      <Typography.Text strong>{batch.fileName}</Typography.Text>{' '}
      <Tag>{pick(importKindLabels[batch.kind])}</Tag>
      <Typography.Text type="secondary">{formatDateTime(batch.createdAt)}</Typography.Text>
    </Typography.Paragraph>
  );

  if (batch.status === 'committed' && batch.result) {
    const r = batch.result;
    return (
      <Card data-testid="import-result">
        {header}
        <Result
          status="success"
          title={t('imports.committed')}
          subTitle={t('imports.resultLine', {
            created: r.created,
            updated: r.updated,
            skipped: r.skipped,
            departments: r.departmentsCreated,
          })}
          extra={
            <Button type="primary" onClick={onNew} data-testid="import-again">
              {t('imports.another')}
            </Button>
          }
        />
      </Card>
    );
  }
  if (batch.status === 'cancelled') {
    return (
      <Card data-testid="import-cancelled">
        {header}
        <Result
          status="info"
          title={t('imports.cancelled')}
          subTitle={t('imports.cancelledHint')}
          extra={
            <Button type="primary" onClick={onNew} data-testid="import-again">
              {t('imports.another')}
            </Button>
          }
        />
      </Card>
    );
  }

  const rowColumns = [
    { key: 'row', title: t('imports.row'), width: 64, render: (_: unknown, r: ImportPreviewRow) => r.row },
    {
      key: 'action',
      title: t('imports.action'),
      render: (_: unknown, r: ImportPreviewRow) => (
        <Tag color={actionColors[r.action]}>{t(`imports.actions.${r.action}`)}</Tag>
      ),
    },
    ...batch.columns.map((c) => ({
      key: c,
      title: c,
      render: (_: unknown, r: ImportPreviewRow) => r.values[c] ?? '',
    })),
  ];

  return (
    <div data-testid="import-preview">
      <Card style={{ marginBottom: 16 }}>
        {header}
        <Row gutter={[12, 12]}>
          {(
            [
              ['total', counts.total],
              ['valid', counts.valid],
              ['invalid', counts.invalid],
              ['toCreate', counts.toCreate],
              ['toUpdate', counts.toUpdate],
            ] as const
          ).map(([key, value]) => (
            <Col xs={8} md={4} key={key}>
              <Statistic
                title={t(`imports.counts.${key}`)}
                value={value}
                styles={{ content: key === 'invalid' && value > 0 ? { color: '#cf1322' } : undefined }}
                data-testid={`import-count-${key}`}
              />
            </Col>
          ))}
        </Row>
        {counts.invalid > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('imports.invalidHint', { count: counts.invalid })}
          />
        ) : null}
        <Flex wrap gap={8} style={{ marginTop: 16 }}>
          <Popconfirm
            title={t('imports.confirmCommit', {
              valid: counts.valid,
              create: counts.toCreate,
              update: counts.toUpdate,
              invalid: counts.invalid,
            })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => run('commit')}
            disabled={counts.valid === 0}
          >
            <Button
              type="primary"
              disabled={counts.valid === 0}
              loading={finish.isPending && finish.variables?.action === 'commit'}
              data-testid="import-commit"
            >
              {t('imports.commit', { count: counts.valid })}
            </Button>
          </Popconfirm>
          <Button
            onClick={() => run('cancel')}
            loading={finish.isPending && finish.variables?.action === 'cancel'}
            data-testid="import-cancel"
          >
            {t('imports.cancel')}
          </Button>
        </Flex>
      </Card>
      <Card
        title={t('imports.errors', { count: batch.errors.length })}
        style={{ marginBottom: 16 }}
        data-testid="import-errors-card"
      >
        {batch.errors.length === 0 ? (
          <Typography.Text type="success">{t('imports.noErrors')}</Typography.Text>
        ) : (
          <Table<ImportRowError & { key: number }>
            rowKey="key"
            size="small"
            dataSource={batch.errors.map((e, i) => ({ ...e, key: i }))}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { key: 'row', title: t('imports.row'), width: 64, render: (_, e) => e.row },
              {
                key: 'column',
                title: t('imports.column'),
                render: (_, e) => e.column || t('imports.wholeRow'),
              },
              { key: 'message', title: t('imports.problem'), render: (_, e) => e.message },
            ]}
          />
        )}
      </Card>
      <Card title={t('imports.rows', { shown: batch.rows.length, total: counts.total })}>
        <Table<ImportPreviewRow>
          rowKey="row"
          size="small"
          dataSource={batch.rows}
          columns={rowColumns}
          pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="import-rows"
        />
      </Card>
    </div>
  );
}
