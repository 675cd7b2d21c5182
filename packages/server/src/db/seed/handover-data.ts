/**
 * Demo hand-overs.
 */
import type { handovers, handoverItems } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type HandoverRows = {
  handovers: (typeof handovers.$inferInsert)[];
  handoverItems: (typeof handoverItems.$inferInsert)[];
};

export const emptyHandoverRows = (): HandoverRows => ({ handovers: [], handoverItems: [] });

type BaseRows = Omit<DemoRows, keyof HandoverRows>;

export function generateHandoverData(
  _rows: BaseRows,
  _rng: Random,
  _options: { today: string },
): HandoverRows {
  return emptyHandoverRows();
}
