import { addDays, chinaDate, defaultStalledAfterDays, pipelineStageNames, stalledDays } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { notify } from '../notifications/notify.ts';
import { findStalledPipelines } from './pipeline.repository.ts';

/**
 * 进药停滞: notifies the owner (and the owner's manager) of each open pipeline whose stage has had no activity for
 * the stalled threshold, once per pipeline × stage (sourceKey). Called by the notifications rule runner.
 * Returns how many notifications were added.
 */
export async function raiseStalledPipelineNotifications(db: Db, today: string): Promise<number> {
  const rows = await findStalledPipelines(db, addDays(today, -defaultStalledAfterDays));
  let added = 0;
  for (const p of rows) {
    const days = stalledDays(
      { stage: p.stage, closed: p.closed, lastActivityDate: chinaDate(new Date(p.lastActivityAt)) },
      today,
    );
    if (days === null) continue;
    const recipients = new Set([p.ownerId, ...(p.managerId ? [p.managerId] : [])]);
    for (const userId of recipients) {
      const id = await notify(db, {
        userId,
        kind: 'pipelineStalled',
        sourceKey: `pipelineStalled:${p.id}:${p.stage}`,
        params: {
          hospital: p.hospitalName,
          product: p.productName,
          stage: pipelineStageNames[p.stage],
          days,
        },
        link: `/pipeline/${p.id}`,
      });
      if (id) added++;
    }
  }
  return added;
}
