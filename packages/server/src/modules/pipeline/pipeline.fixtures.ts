import type { PipelineStage } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** A pipeline written straight to the database, with its stage event. */
export async function insertFixturePipeline(
  db: Db,
  values: {
    hospitalId: string;
    productId: string;
    ownerId: string;
    stage: PipelineStage;
    stageDate: string;
    lastActivityAt?: string;
  },
) {
  const [p] = await db
    .insert(s.listingPipelines)
    .values({ ...values, lastActivityAt: values.lastActivityAt ?? new Date().toISOString() })
    .returning({ id: s.listingPipelines.id });
  await db
    .insert(s.listingPipelineEvents)
    .values({ pipelineId: p!.id, fromStage: null, toStage: values.stage, date: values.stageDate });
  return p!.id;
}

/**
 * 进药 pipeline: records in and out of each role's scope. p1a: 上海市第一人民医院 × 瑞心 (rep1a, team1, 科室提出申请);
 * p2a: 中山医院 × 糖安 (rep2a, team2, 药事委员会, stalled since October).
 */
export async function pipelineFixtures(db: Db, base: BaseWorld) {
  const { h1a, h2a } = base.hospitals;
  const { p1, p2 } = base.products;
  const { rep1a, rep2a } = base.users;
  return {
    p1a: await insertFixturePipeline(db, {
      hospitalId: h1a.id,
      productId: p1.id,
      ownerId: rep1a.id,
      stage: 'applied',
      stageDate: '2026-11-02',
    }),
    p2a: await insertFixturePipeline(db, {
      hospitalId: h2a.id,
      productId: p2.id,
      ownerId: rep2a.id,
      stage: 'committee',
      stageDate: '2026-09-20',
      lastActivityAt: '2026-09-20T02:00:00.000Z',
    }),
  };
}
