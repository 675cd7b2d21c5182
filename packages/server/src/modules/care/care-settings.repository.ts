import { desc, inArray, sql } from 'drizzle-orm';
import {
  bestGrade,
  careTierPolicy,
  defaultCareTiers,
  suggestCareTier,
  type CareTierPolicy,
} from '@keqing/domain';
import { careSettingsSchema, type CareSettings } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { careSettings, doctorCareTiers, doctorProductStatus, keyAccountSnapshots } from '../../db/schema.ts';

export const defaultCareSettings: CareSettings = {
  reminderDaysAhead: 7,
  festivals: [
    'newYear',
    'springFestival',
    'lanternFestival',
    'womensDay',
    'mothersDay',
    'dragonBoat',
    'doctorsDay',
    'teachersDay',
    'midAutumn',
    'nationalDay',
  ],
  tiers: defaultCareTiers,
  nearCapPct: 80,
  unusualSpendFactor: 2,
};

/** The care settings in force: the newest saved version, or the defaults. */
export async function loadCareSettings(db: Db): Promise<CareSettings> {
  const [row] = await db
    .select({ config: careSettings.config })
    .from(careSettings)
    .orderBy(desc(careSettings.createdAt), desc(careSettings.id))
    .limit(1);
  if (!row) return defaultCareSettings;
  return careSettingsSchema.parse({ ...defaultCareSettings, ...(row.config as object) });
}

export async function insertCareSettings(db: Db, config: CareSettings, createdBy: string): Promise<string> {
  const [row] = await db
    .insert(careSettings)
    .values({ config, createdBy })
    .returning({ id: careSettings.id });
  return row!.id;
}

export type ResolvedCareTier = {
  tier: string;
  suggestedTier: string;
  chosen: boolean;
  policy: CareTierPolicy;
  version: number | null;
};

/**
 * The care tier of each doctor: the chosen one (doctor_care_tiers) or the suggestion from the doctor's best grade
 * and whether any current key-account list (the latest month) holds them. One query per table, for any number.
 */
export async function resolveCareTiers(
  db: Db,
  doctorIds: readonly string[],
  tiers: readonly CareTierPolicy[],
  gradeOrder: string[] = ['A', 'B', 'C'],
): Promise<Map<string, ResolvedCareTier>> {
  const result = new Map<string, ResolvedCareTier>();
  if (doctorIds.length === 0) return result;
  const ids = [...new Set(doctorIds)];
  const [chosen, grades, keyAccounts] = await Promise.all([
    db.select().from(doctorCareTiers).where(inArray(doctorCareTiers.doctorId, ids)),
    db
      .select({ doctorId: doctorProductStatus.doctorId, grade: doctorProductStatus.grade })
      .from(doctorProductStatus)
      .where(inArray(doctorProductStatus.doctorId, ids)),
    db
      .selectDistinct({ doctorId: keyAccountSnapshots.entityId })
      .from(keyAccountSnapshots)
      .where(
        sql`${keyAccountSnapshots.entityType} = 'doctor' and ${inArray(keyAccountSnapshots.entityId, ids)} and ${keyAccountSnapshots.month} = (select max(k.month) from key_account_snapshots k)`,
      ),
  ]);
  const chosenOf = new Map(chosen.map((c) => [c.doctorId, c]));
  const gradesOf = new Map<string, string[]>();
  for (const g of grades) gradesOf.set(g.doctorId, [...(gradesOf.get(g.doctorId) ?? []), g.grade]);
  const keyAccountSet = new Set(keyAccounts.map((k) => k.doctorId));
  for (const id of ids) {
    const suggestedTier = suggestCareTier(
      tiers,
      bestGrade(gradesOf.get(id) ?? [], gradeOrder),
      keyAccountSet.has(id),
    );
    const own = chosenOf.get(id);
    const tier = own && tiers.some((t) => t.key === own.tier) ? own.tier : suggestedTier;
    result.set(id, {
      tier,
      suggestedTier,
      chosen: own !== undefined,
      policy: careTierPolicy(tiers, tier),
      version: own?.version ?? null,
    });
  }
  return result;
}
