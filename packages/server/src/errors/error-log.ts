/**
 * The logger's `err` serializer. pino's standard one copies every property and joins the messages of all
 * causes, and Drizzle's "Failed query: … params: …" message and `params` property hold the user's data
 * (names, phone numbers, password hashes, session tokens), as does a PostgreSQL error's `detail` ("Key
 * (…)=(…)", "Failing row contains …"). This one keeps what a diagnosis needs and nothing of the values:
 * the SQLSTATE, the root cause's message, the query text without its parameters, and the stack frames.
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { AppError } from './app-error.ts';

export type LoggedError = {
  type: string;
  /** Every message of the cause chain, outermost first, Drizzle's without its parameters */
  message: string;
  stack: string;
  /** The outermost code that is not a SQLSTATE: AppError's, Fastify's or Node's (ECONNREFUSED …) */
  code?: string;
  messageKey?: string;
  /** PostgreSQL's error code (e.g. 57014 statement timeout) */
  sqlState?: string;
  /** The innermost message: the driver's or the server's own reason */
  rootCause?: string;
  /** The SQL text with $1, $2 … placeholders, never the values */
  query?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  aggregateErrors?: LoggedError[];
};

const maxDepth = 10;

const stringField = (e: object, key: string): string | undefined => {
  const v = (e as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** PostgreSQL's errors (pg and PGlite share pg-protocol's DatabaseError) carry a severity beside the code. */
const isPostgresError = (e: object) =>
  stringField(e, 'severity') !== undefined && /^[0-9A-Z]{5}$/.test(stringField(e, 'code') ?? '');

function typeOf(e: Error): string {
  return typeof e.constructor === 'function' && e.constructor.name ? e.constructor.name : e.name;
}

function safeMessage(e: Error): string {
  // the message is "Failed query: <sql>\nparams: <values>"; the query alone is safe
  return e instanceof DrizzleQueryError ? `Failed query: ${e.query}` : e.message;
}

/** The header line of a stack repeats the message (with Drizzle's params); keep only the frames. */
function frames(e: Error): string {
  return (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < maxDepth; e = e.cause) {
    if (chain.includes(e)) break;
    chain.push(e);
  }
  const out: LoggedError = {
    type: typeOf(err),
    message: chain.map(safeMessage).join(': '),
    stack: chain.map((e) => `${typeOf(e)}: ${safeMessage(e)}\n${frames(e)}`).join('\ncaused by: '),
  };
  if (err instanceof AppError && err.messageKey) out.messageKey = err.messageKey;
  const root = chain[chain.length - 1]!;
  if (root !== err) out.rootCause = root.message;
  for (const e of chain) {
    if (e instanceof DrizzleQueryError) out.query ??= e.query;
    if (isPostgresError(e)) {
      out.sqlState ??= stringField(e, 'code');
      out.table ??= stringField(e, 'table');
      out.column ??= stringField(e, 'column');
      out.constraint ??= stringField(e, 'constraint');
      out.routine ??= stringField(e, 'routine');
    } else {
      out.code ??= stringField(e, 'code');
    }
  }
  if (err instanceof AggregateError)
    out.aggregateErrors = err.errors.map((e) => serializeError(e) as LoggedError);
  return out;
}
