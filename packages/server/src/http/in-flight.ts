import type { FastifyInstance } from 'fastify';

/**
 * Counts the work requests still have in progress, so a shutdown closes the database only after it.
 *
 * `app.close()` resolves once every connection is gone, but a client that hangs up (a load generator
 * stopping, a browser tab closed) takes its connection with it while its handler still runs: closing the
 * pool then made that handler's next statement fail ("Cannot use a pool after calling end on the pool").
 * A request counts from its arrival until both its response is over and its handler has settled.
 */
export type InFlight = {
  /** Requests whose response or handler is not yet over. */
  readonly count: number;
  /** Resolves when nothing is in progress, or after `timeoutMs` with what is still running. */
  drained(timeoutMs: number): Promise<{ drained: boolean; stillRunning: number }>;
};

export function trackInFlight(app: FastifyInstance): InFlight {
  let count = 0;
  let onIdle: (() => void) | null = null;
  const begin = () => void count++;
  const end = () => {
    count--;
    if (count === 0) onIdle?.();
  };

  // Must be added before the routes: a route registered earlier keeps its handler unwrapped.
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (request, reply) {
      begin();
      let result;
      try {
        result = handler.call(this, request, reply);
      } catch (err) {
        end();
        throw err;
      }
      // a handler that sends through `reply` and returns nothing is covered by its response's 'close'
      if (!(result instanceof Promise)) {
        end();
        return result;
      }
      return result.finally(end);
    };
  });
  app.addHook('onRequest', (request, reply, done) => {
    begin();
    // 'close' comes once per response: when it was sent, or when the client went away first
    reply.raw.once('close', end);
    done();
  });

  return {
    get count() {
      return count;
    },
    drained(timeoutMs) {
      if (count === 0) return Promise.resolve({ drained: true, stillRunning: 0 });
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          onIdle = null;
          resolve({ drained: false, stillRunning: count });
        }, timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          onIdle = null;
          resolve({ drained: true, stillRunning: 0 });
        };
      });
    },
  };
}

/** Long enough for an import's commit; below the 30 s most supervisors wait before SIGKILL. */
export const shutdownGraceMs = 25_000;

/**
 * The shutdown order: stop taking requests (`app.close()`), let those at work finish, then close the
 * database. Work cut off by the grace period is rolled back with its transaction, never left half done.
 */
export async function closeAfterInFlight({
  app,
  closeDatabase,
  graceMs = shutdownGraceMs,
}: {
  app: FastifyInstance;
  closeDatabase: () => Promise<void>;
  graceMs?: number;
}): Promise<void> {
  await app.close();
  const { drained, stillRunning } = await app.inFlight.drained(graceMs);
  if (!drained) app.log.warn({ stillRunning, graceMs }, 'closing the database with requests still at work');
  await closeDatabase();
}
