import { chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { runDeliveries, type DeliveryDeps } from './deliveries.worker.ts';
import { runNotificationRules } from './notification-rules.ts';

/** What the schedule logs with (the app's logger). */
export type JobLogger = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

export const rulesEveryMs = 60 * 60_000;
export const deliveriesEveryMs = 30_000;
const firstRulesAfterMs = 60_000;

/** A repeating job that never overlaps itself: a tick while the last one still runs is skipped. */
function every(ms: number, job: () => Promise<unknown>, onError: (err: unknown) => void) {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= job()
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), ms);
  timer.unref();
  // stopping waits for a run in progress, so the database is not closed under it
  const stop = async () => {
    clearInterval(timer);
    await running;
  };
  return { tick, stop };
}

/** In-process schedule: the rules hourly (first a minute after start), the deliveries every 30 s. Returns the stopper. */
export function startNotificationScheduler(
  db: Db,
  delivery: DeliveryDeps,
  logger: JobLogger,
): () => Promise<void> {
  const rules = every(
    rulesEveryMs,
    async () => {
      const now = new Date();
      const counts = await runNotificationRules(db, chinaDate(now), now);
      logger.info({ counts }, 'notification rules ran');
    },
    (err) => logger.error({ err }, 'notification rules failed'),
  );
  const deliveries = every(
    deliveriesEveryMs,
    async () => {
      const run = await runDeliveries(db, new Date(), delivery);
      if (run.sent + run.retried + run.failed + run.uncertain > 0)
        logger.info({ run }, 'notification deliveries');
    },
    (err) => logger.error({ err }, 'notification deliveries failed'),
  );
  // the first run waits a minute, so start-up (and the demo seed's first requests) come first
  const first = setTimeout(() => void rules.tick(), firstRulesAfterMs);
  first.unref();
  return async () => {
    clearTimeout(first);
    await Promise.all([rules.stop(), deliveries.stop()]);
  };
}
