/**
 * Demo 客户开发 prospects in every phase.
 */
import type { channelProspects } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type ProspectsRows = {
  channelProspects: (typeof channelProspects.$inferInsert)[];
};

export const emptyProspectsRows = (): ProspectsRows => ({ channelProspects: [] });

type BaseRows = Omit<DemoRows, keyof ProspectsRows>;

export function generateProspectsData(
  _rows: BaseRows,
  _rng: Random,
  _options: { today: string },
): ProspectsRows {
  return emptyProspectsRows();
}
