/**
 * Quota and actual units per rep × product × month — the one query every dashboard's attainment uses.
 * Actuals come from committed flow 流向 rows attributed to the rep who covered the buyer (hospital or channel
 * customer) on the sale date; where no flow row counts for that rep × product × month, the manual entry.
 */
import type { Db } from '../../db/client.ts';

export type SalesFigureRow = {
  repId: string;
  productId: string;
  /** YYYY-MM */
  month: string;
  quota: number;
  actual: number;
  /** flow: from 流向 data; manual: entered by hand; none: no actual yet */
  actualSource: 'flow' | 'manual' | 'none';
};

export async function findSalesFigures(
  db: Db,
  f: { repIds: string[]; months: string[]; productId?: string },
): Promise<SalesFigureRow[]> {
  void db;
  void f;
  return []; // implemented by the targets module
}
