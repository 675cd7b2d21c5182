import { desc, sql } from 'drizzle-orm';
import { defaultChannelSettings, parseChannelSettings, type ChannelSettings } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { channelSettings } from '../../db/schema.ts';

/**
 * The channel settings in force (warning thresholds, terminal visit intervals): the newest saved version, or
 * the defaults when an admin never saved any. Other channel modules read them through this.
 */
export async function loadChannelSettings(db: Db): Promise<ChannelSettings> {
  const [row] = await db
    .select({ config: channelSettings.config })
    .from(channelSettings)
    .orderBy(desc(channelSettings.createdAt), desc(channelSettings.id))
    .limit(1);
  return row ? parseChannelSettings(row.config) : defaultChannelSettings;
}

/** Saves a new version of the settings (history kept); returns its id (the audit row's entity id). */
export async function insertChannelSettings(db: Db, config: ChannelSettings, createdBy: string) {
  const [row] = await db
    .insert(channelSettings)
    .values({ config, createdBy, createdAt: sql`clock_timestamp()` })
    .returning({ id: channelSettings.id });
  return row!.id;
}
