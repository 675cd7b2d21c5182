/**
 * Demo 进药 pipelines at every stage.
 */
import type { listingPipelines, listingPipelineEvents } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type PipelineRows = {
  listingPipelines: (typeof listingPipelines.$inferInsert)[];
  listingPipelineEvents: (typeof listingPipelineEvents.$inferInsert)[];
};

export const emptyPipelineRows = (): PipelineRows => ({ listingPipelines: [], listingPipelineEvents: [] });

type BaseRows = Omit<DemoRows, keyof PipelineRows>;

export function generatePipelineData(
  _rows: BaseRows,
  _rng: Random,
  _options: { today: string },
): PipelineRows {
  return emptyPipelineRows();
}
