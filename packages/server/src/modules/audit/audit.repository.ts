import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { diffChanges } from '@keqing/domain';
import type { AuditAction } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';

export type AuditRecord = {
  actorId: string | null;
  requestId?: string | null;
  entity: string;
  entityId: string;
  action: AuditAction;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

/** Writes one audit row; call it inside the transaction of the write it describes. */
export async function insertAudit(tx: Db, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: record.actorId,
    requestId: record.requestId ?? null,
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    changes: diffChanges(record.before, record.after),
  });
}

export type AuditFilter = {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  q?: string;
};

export async function findAuditEntries(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  // `to` is an inclusive day
  if (filter.to) conditions.push(lt(auditLog.at, sql`(${filter.to}::date + 1)`));
  if (filter.q) conditions.push(sql`${auditLog.changes}::text ilike ${'%' + filter.q + '%'}`);
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.name,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        action: auditLog.action,
        changes: auditLog.changes,
        requestId: auditLog.requestId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
