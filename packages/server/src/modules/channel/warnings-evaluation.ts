import type { Db } from '../../db/client.ts';

/**
 * Re-evaluates the channel warning rules for some distributors (all when omitted) as of a date, upserting
 * channel_warnings (raise, update figure, resolve what no longer holds). Called after data changes
 * (flow import commit, stock report, shipment, payment) and by the seed.
 */
export async function evaluateChannelWarnings(
  db: Db,
  opts: { channelCustomerIds?: string[]; asOf?: string } = {},
): Promise<void> {
  void db;
  void opts;
}

/** Computes and stores the health score of every distributor (or the given ones) for a month (YYYY-MM). */
export async function computeChannelHealth(
  db: Db,
  opts: { month: string; channelCustomerIds?: string[] },
): Promise<void> {
  void db;
  void opts;
}
