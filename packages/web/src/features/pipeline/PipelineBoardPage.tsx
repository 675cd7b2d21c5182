import { useState, type DragEvent } from 'react';
import { Alert, Card, Flex, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PipelineStage } from '@keqing/shared';
import '../../lib/locales/pipeline.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { FormModal } from '../../app/ui/FormModal.tsx';
import { errorText } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useProductOptions } from '../accounts/accounts.api.ts';
import { useTeamOptions, useUserOptions } from '../admin/admin.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { usePipelineBoard, type PipelineItem } from './pipeline.api.ts';
import { StageMoveForm } from './StageMoveForm.tsx';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** 进药看板: the team's pipelines per stage; drag a card to another column to move it (date and reason asked). */
export default function PipelineBoardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParam] = useSearchParamsUpdate();
  const filters = {
    teamId: params.get('team') ?? undefined,
    ownerId: params.get('rep') ?? undefined,
    productId: params.get('product') ?? undefined,
  };
  const board = usePipelineBoard(filters);
  const teams = useTeamOptions({ enabled: me.role !== 'rep' });
  const reps = useUserOptions({ role: 'rep' });
  const products = useProductOptions();
  const [dragged, setDragged] = useState<PipelineItem | null>(null);
  const [moving, setMoving] = useState<{ card: PipelineItem; to: PipelineStage } | null>(null);
  const [over, setOver] = useState<PipelineStage | null>(null);
  const mayMove = me.role !== 'compliance';

  const drop = (stage: PipelineStage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    if (dragged && dragged.stage !== stage) setMoving({ card: dragged, to: stage });
    setDragged(null);
  };

  const figures = board.data?.figures;
  const medianOf = (stage: PipelineStage) => figures?.timeInStage.find((s) => s.stage === stage)?.medianDays;

  return (
    <div>
      <PageHeader title={t('pipeline.boardTitle')} subTitle={t('pipeline.boardHint')} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {me.role !== 'rep' ? (
          <Select
            {...teams.selectProps}
            value={filters.teamId}
            onChange={(v: string | undefined) => setParam({ team: v })}
            allowClear
            placeholder={t('pipeline.filter.team')}
            style={{ width: 180 }}
            data-testid="pipeline-filter-team"
          />
        ) : null}
        {me.role !== 'rep' ? (
          <Select
            {...reps.selectProps}
            value={filters.ownerId}
            onChange={(v: string | undefined) => setParam({ rep: v })}
            allowClear
            placeholder={t('pipeline.filter.rep')}
            style={{ width: 180 }}
            data-testid="pipeline-filter-rep"
          />
        ) : null}
        <Select
          options={products.options}
          loading={products.loading}
          value={filters.productId}
          onChange={(v: string | undefined) => setParam({ product: v })}
          allowClear
          placeholder={t('pipeline.filter.product')}
          style={{ width: 220 }}
          data-testid="pipeline-filter-product"
        />
      </Flex>
      {board.error ? (
        <Alert type="error" title={errorText(board.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {!board.data ? (
        <Skeleton active />
      ) : (
        <>
          <Flex wrap gap={24} style={{ marginBottom: 12 }} data-testid="pipeline-figures">
            <Statistic title={t('pipeline.figures.total')} value={figures!.total} />
            <Statistic
              title={t('pipeline.figures.stalled')}
              value={figures!.stalledCount}
              styles={{ content: { color: figures!.stalledCount ? '#cf1322' : undefined } }}
            />
            <div>
              <Typography.Text type="secondary">{t('pipeline.figures.conversion')}</Typography.Text>
              <Flex wrap gap={4} style={{ marginTop: 4 }}>
                {figures!.conversion.map((c) => (
                  <Tag key={c.stage}>
                    {t(`pipeline.stage.${c.stage}`)} {percent(c.rate)}
                  </Tag>
                ))}
              </Flex>
            </div>
          </Flex>
          <div style={{ overflowX: 'auto' }}>
            <Flex gap={8} align="flex-start" style={{ minWidth: 8 * 200 }}>
              {board.data.columns.map((col) => (
                <Card
                  key={col.stage}
                  size="small"
                  title={
                    <span>
                      {t(`pipeline.stage.${col.stage}`)} <Tag>{col.cards.length}</Tag>
                    </span>
                  }
                  extra={
                    medianOf(col.stage) != null ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('pipeline.figures.medianShort', { days: medianOf(col.stage) })}
                      </Typography.Text>
                    ) : null
                  }
                  style={{
                    flex: '1 0 200px',
                    background: over === col.stage ? '#e6f4ff' : undefined,
                  }}
                  styles={{ body: { minHeight: 120, padding: 8 } }}
                  data-testid={`pipeline-column-${col.stage}`}
                  onDragOver={(e) => {
                    if (!mayMove) return;
                    e.preventDefault();
                    setOver(col.stage);
                  }}
                  onDragLeave={() => setOver(null)}
                  onDrop={drop(col.stage)}
                >
                  <Flex vertical gap={6}>
                    {col.cards.map((card) => (
                      <Card
                        key={card.id}
                        size="small"
                        draggable={mayMove}
                        onDragStart={() => setDragged(card)}
                        onDragEnd={() => setDragged(null)}
                        style={{ cursor: mayMove ? 'grab' : undefined }}
                        data-testid="pipeline-card"
                        data-pipeline-id={card.id}
                      >
                        <Link to={`/pipeline/${card.id}`}>
                          <Typography.Text strong>{card.hospitalName}</Typography.Text>
                        </Link>
                        <div>
                          {card.productName} · {card.ownerName}
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDate(card.stageDate)} ·{' '}
                          {t('pipeline.daysInStage', { days: card.daysInStage })}
                        </Typography.Text>
                        {card.nextAction ? (
                          <div style={{ fontSize: 12 }}>
                            {t('pipeline.nextAction')}：{card.nextAction}
                            {card.nextActionDue ? `（${formatDate(card.nextActionDue)}）` : ''}
                          </div>
                        ) : null}
                        {card.stalled ? (
                          <Tag color="red" data-testid="pipeline-stalled">
                            {t('pipeline.stalledDays', { days: card.stalledDays })}
                          </Tag>
                        ) : null}
                      </Card>
                    ))}
                  </Flex>
                </Card>
              ))}
            </Flex>
          </div>
        </>
      )}
      <FormModal
        title={moving ? t('pipeline.move.titleTo', { stage: t(`pipeline.stage.${moving.to}`) }) : ''}
        open={!!moving}
        onClose={() => setMoving(null)}
        testId="stage-move-dialog"
      >
        {moving ? (
          <StageMoveForm
            pipeline={moving.card}
            toStage={moving.to}
            via="board"
            onDone={() => setMoving(null)}
          />
        ) : null}
      </FormModal>
    </div>
  );
}
