/**
 * Demo two weeks of daily reports with managers' comments.
 */
import type { dailyReports, dailyReportAmendments, reportComments } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type ReportsRows = {
  dailyReports: (typeof dailyReports.$inferInsert)[];
  dailyReportAmendments: (typeof dailyReportAmendments.$inferInsert)[];
  reportComments: (typeof reportComments.$inferInsert)[];
};

export const emptyReportsRows = (): ReportsRows => ({
  dailyReports: [],
  dailyReportAmendments: [],
  reportComments: [],
});

type BaseRows = Omit<DemoRows, keyof ReportsRows>;

export function generateReportsData(_rows: BaseRows, _rng: Random, _options: { today: string }): ReportsRows {
  return emptyReportsRows();
}
