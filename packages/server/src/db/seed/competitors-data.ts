/**
 * Demo competitor products, usage judgements and activities.
 */
import type { competitorProducts, competitorUsages, competitorActivities } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CompetitorsRows = {
  competitorProducts: (typeof competitorProducts.$inferInsert)[];
  competitorUsages: (typeof competitorUsages.$inferInsert)[];
  competitorActivities: (typeof competitorActivities.$inferInsert)[];
};

export const emptyCompetitorsRows = (): CompetitorsRows => ({
  competitorProducts: [],
  competitorUsages: [],
  competitorActivities: [],
});

type BaseRows = Omit<DemoRows, keyof CompetitorsRows>;

export function generateCompetitorsData(
  _rows: BaseRows,
  _rng: Random,
  _options: { today: string },
): CompetitorsRows {
  return emptyCompetitorsRows();
}
