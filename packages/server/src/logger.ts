import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { serializeError } from './errors/error-log.ts';

/** The one logger. Secrets never reach it: passwords, cookies and tokens are redacted, query values dropped. */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'env'>,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      // a failed query's parameters are user data: log its SQLSTATE, cause and SQL text only
      serializers: { err: serializeError },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.passwordHash',
          '*.csrfToken',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(1),
  );
}
export type { Logger };
