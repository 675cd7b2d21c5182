import { desc } from 'drizzle-orm';
import { defaultPlanningSettings, planningSettingsSchema, type PlanningSettings } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { planningSettings } from '../../db/schema.ts';

/**
 * The planning settings in force: the newest saved version, or the defaults when an admin never saved any.
 * Other modules (calls: entry window, counted call types, near/far distance) read them through this.
 */
export async function loadPlanningSettings(db: Db): Promise<PlanningSettings> {
  const [row] = await db
    .select({ config: planningSettings.config })
    .from(planningSettings)
    .orderBy(desc(planningSettings.createdAt), desc(planningSettings.id))
    .limit(1);
  if (!row) return defaultPlanningSettings;
  // Settings saved by an older release may lack a newer field: defaults fill it in.
  return planningSettingsSchema.parse({ ...defaultPlanningSettings, ...(row.config as object) });
}

/** Saves a new version of the settings; returns its id (the audit row's entity id). */
export async function insertPlanningSettings(db: Db, config: PlanningSettings, createdBy: string) {
  const [row] = await db
    .insert(planningSettings)
    .values({ config, createdBy })
    .returning({ id: planningSettings.id });
  return row!.id;
}
