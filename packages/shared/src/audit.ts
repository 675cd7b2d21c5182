import { z } from 'zod';
import { listQuerySchema, isoDate } from './common.ts';

export const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'logout',
  'password',
  'assign',
  'export',
  /** A read of protected data (PIPL personal data), recorded when it is refused. */
  'read',
  /** Duplicates folded into a kept record (查重合并). */
  'merge',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  /** field → { before, after } */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = listQuerySchema.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(60).optional(),
  actorId: z.uuid().optional(),
  action: z.enum(auditActions).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
