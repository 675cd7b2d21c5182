import type { ImportKind } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { importBatches } from '../../db/schema.ts';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, everyone, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * A batch is its uploader's alone: the "record" of each role is a batch it owns (in) or one a
 * colleague owns (out), created on the spot because a commit or cancel uses it up.
 */
const batchOwners = (w: World) => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
  manager: { in: w.users.m1.id, out: w.users.rep1a.id },
  admin: { in: w.users.admin.id, out: w.users.m1.id },
  compliance: { in: w.users.compliance.id, out: w.users.admin.id },
});

async function previewBatchOf(db: Db, userId: string, kind: ImportKind = 'departments') {
  const [batch] = await db
    .insert(importBatches)
    .values({
      userId,
      kind,
      fileName: '科室.xlsx',
      rows: { keys: [], rows: [] },
      summary: {
        columns: [],
        ignoredColumns: [],
        counts: { total: 0, valid: 0, invalid: 0, toCreate: 0, toUpdate: 0 },
        errors: [],
        rows: [],
        result: null,
      },
    })
    .returning({ id: importBatches.id });
  return batch!.id;
}

const csv = (...lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

export const importsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/imports/templates/:kind',
    kind: 'item',
    access: everyone,
    records: () => sameFor('doctors'),
    request: (_w, kind) => ({ method: 'GET', url: `/api/imports/templates/${kind}` }),
  },
  {
    // Rows naming a hospital out of scope are refused row by row (imports.test.ts), not with a 404.
    route: 'POST /api/imports/:kind',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'all', compliance: 'forbidden' },
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.hospitals.h1a.name },
      manager: { in: w.hospitals.h1b.name },
      admin: { in: w.hospitals.h2a.name },
      compliance: { in: w.hospitals.h1a.name },
    }),
    request: (_w, hospitalName) => ({
      method: 'POST',
      url: '/api/imports/doctors?fileName=doctors.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv('姓名,医院名称', `周医生,${hospitalName}`),
    }),
  },
  {
    route: 'POST /api/imports/:kind',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: () => sameFor('hospitals'),
    request: () => ({
      method: 'POST',
      url: '/api/imports/hospitals?fileName=hospitals.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv('医院名称,等级,类型,省份,城市', '矩阵测试医院,二级甲等,综合,浙江,杭州'),
    }),
  },
  {
    route: 'GET /api/imports/:batchId',
    kind: 'item',
    access: { rep: 'scoped', manager: 'scoped', admin: 'scoped', compliance: 'scoped' },
    records: batchOwners,
    request: async (_w, ownerId, db) => ({
      method: 'GET',
      url: `/api/imports/${await previewBatchOf(db, ownerId)}`,
    }),
  },
  {
    route: 'POST /api/imports/:batchId/commit',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'scoped', compliance: 'forbidden' },
    records: batchOwners,
    request: async (_w, ownerId, db) => ({
      method: 'POST',
      url: `/api/imports/${await previewBatchOf(db, ownerId)}/commit`,
    }),
  },
  {
    route: 'POST /api/imports/:batchId/cancel',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'scoped', compliance: 'forbidden' },
    records: batchOwners,
    request: async (_w, ownerId, db) => ({
      method: 'POST',
      url: `/api/imports/${await previewBatchOf(db, ownerId)}/cancel`,
    }),
  },
];
