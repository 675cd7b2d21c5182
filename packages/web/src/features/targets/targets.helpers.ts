/** Pure helpers of the targets pages (grid edits, gap texts), tested in node without a DOM. */
import type { QuotaGrid, SaveQuotaGrid } from '@keqing/shared';

export const cellKey = (repId: string, productId: string) => `${repId}|${productId}`;

/** Edited quantities by cell key; a cell not in the map keeps its saved quota. */
export type GridEdits = Record<string, number>;

/** The cells whose edited quantity differs from the saved quota (new cells included), with their versions. */
export function changedCells(grid: QuotaGrid, edits: GridEdits): SaveQuotaGrid['cells'] {
  return grid.cells.flatMap((c) => {
    const edited = edits[cellKey(c.repId, c.productId)];
    if (edited === undefined || edited === (c.quota?.quantity ?? null)) return [];
    return [
      {
        repId: c.repId,
        productId: c.productId,
        quantity: edited,
        ...(c.quota ? { version: c.quota.version } : {}),
      },
    ];
  });
}

/** The suggested allocation as edits (cells of products without a team quota are left alone). */
export function suggestionEdits(grid: QuotaGrid): GridEdits {
  const edits: GridEdits = {};
  for (const c of grid.cells) if (c.suggested !== null) edits[cellKey(c.repId, c.productId)] = c.suggested;
  return edits;
}

/** Allocated units per product with the edits applied, and what is left of the team quota. */
export function allocationOf(grid: QuotaGrid, edits: GridEdits) {
  return grid.products.map((p) => {
    const allocated = grid.cells
      .filter((c) => c.productId === p.id)
      .reduce((s, c) => s + (edits[cellKey(c.repId, c.productId)] ?? c.quota?.quantity ?? 0), 0);
    return {
      productId: p.id,
      allocated,
      unallocated: p.teamQuota ? p.teamQuota.quantity - allocated : null,
    };
  });
}

/** Products whose forecast is below the quota, with the gap (negative), for the step-2 warning. */
export function forecastGaps(
  rows: readonly { productName: string; quota: number; forecast: number | null }[],
): { product: string; gap: number }[] {
  return rows.flatMap((r) =>
    r.forecast !== null && r.forecast < r.quota
      ? [{ product: r.productName, gap: r.forecast - r.quota }]
      : [],
  );
}

export type ForecastDraft = {
  productId: string;
  forecastQuantity: number | null;
  goalQuantity: number | null;
  additions: {
    kind: 'hospitalId' | 'channelCustomerId' | 'doctorId';
    id?: string;
    label?: string;
    quantity: number | null;
    note?: string;
  }[];
  promotionPlan: string;
  version?: number;
};
