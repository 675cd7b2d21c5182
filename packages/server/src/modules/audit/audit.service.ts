import type { AuditEntry, ListResponse } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { findAuditEntries, type AuditFilter } from './audit.repository.ts';

export function createAuditService(deps: { db: Db }) {
  return {
    /** Admins and compliance browse the whole log; nobody else sees it. */
    async findEntries(
      ctx: RequestContext,
      query: AuditFilter & { page: number; pageSize: number },
    ): Promise<ListResponse<AuditEntry>> {
      if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'compliance') throw new AppError('FORBIDDEN');
      const { page, pageSize, ...filter } = query;
      const { rows, total } = await findAuditEntries(deps.db, filter, page, pageSize);
      return {
        items: rows.map((r) => ({ ...r, id: String(r.id), changes: r.changes as AuditEntry['changes'] })),
        total,
        page,
        pageSize,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
