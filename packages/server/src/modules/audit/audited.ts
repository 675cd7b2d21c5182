import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import type { AuditAction } from '@keqing/shared';
import { insertAudit } from './audit.repository.ts';

type Loader<T> = (tx: Db) => Promise<T | undefined>;

/**
 * Runs a change and its audit row in one transaction: loads the record
 * (404 if missing), applies `write`, reloads it and records before/after.
 */
export async function auditedChange<T extends Record<string, unknown>>(
  db: Db,
  ctx: RequestContext,
  args: {
    entity: string;
    id: string;
    action?: AuditAction;
    load: Loader<T>;
    write: (tx: Db, before: T) => Promise<void>;
  },
): Promise<T> {
  return db.transaction(async (tx) => {
    const before = await args.load(tx);
    if (!before) throw notFound();
    await args.write(tx, before);
    const after = await args.load(tx);
    if (!after) throw notFound();
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: args.entity,
      entityId: args.id,
      action: args.action ?? 'update',
      before,
      after,
    });
    return after;
  });
}

/** Creates a record and its audit row in one transaction; returns the stored record. */
export async function auditedCreate<T extends Record<string, unknown>>(
  db: Db,
  ctx: RequestContext,
  args: {
    entity: string;
    create: (tx: Db) => Promise<string>;
    load: (tx: Db, id: string) => Promise<T | undefined>;
  },
): Promise<T> {
  return db.transaction(async (tx) => {
    const id = await args.create(tx);
    const after = await args.load(tx, id);
    if (!after) throw notFound();
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: args.entity,
      entityId: id,
      action: 'create',
      after,
    });
    return after;
  });
}
