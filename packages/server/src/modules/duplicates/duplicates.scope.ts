import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { doctors, hospitals } from '../../db/schema.ts';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * A later twin of each team's doctor (same name, hospital and 科室), so every doctor has a
 * duplicate group whose id — the oldest record — is the world's doctor. Idempotent.
 */
async function ensureTwins(w: World, db: Db) {
  await db
    .insert(doctors)
    .values(
      [w.doctors.d1a, w.doctors.d1b, w.doctors.d2a].map((d) => ({
        code: `TWIN-${d.code}`,
        name: d.name,
        hospitalId: d.hospitalId,
        departmentId: d.departmentId,
        createdAt: sql`now() + interval '1 day'`,
      })),
    )
    .onConflictDoNothing();
  // a second record of 上海市第六人民医院 under another name, matched by its alias
  await db
    .insert(hospitals)
    .values({
      code: 'TWIN-H1B',
      name: '上海市第六人民医院东院',
      alias: w.hospitals.h1b.name,
      level: '三级甲等',
      type: '综合',
      province: '上海',
      city: w.hospitals.h1b.city,
      createdAt: sql`now() + interval '1 day'`,
    })
    .onConflictDoNothing();
}

/** Two fresh records of one doctor in a hospital; merging the second into the first. */
async function doctorPair(db: Db, hospitalId: string) {
  const name = uniqueName('重复医生');
  const [a, b] = await db
    .insert(doctors)
    .values([
      { name, hospitalId },
      { name, hospitalId },
    ])
    .returning({ id: doctors.id });
  return { keepId: a!.id, mergeIds: [b!.id] };
}

async function hospitalPair(db: Db) {
  const name = uniqueName('重复医院');
  const values = { name, level: '二级甲等', type: '综合', province: '浙江', city: '杭州' };
  const [a, b] = await db.insert(hospitals).values([values, values]).returning({ id: hospitals.id });
  return { keepId: a!.id, mergeIds: [b!.id] };
}

export const duplicatesScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/duplicates/doctors',
    kind: 'list',
    access: byTerritory,
    records: (w) => ({
      rep: { in: w.doctors.d1a.id, out: w.doctors.d1b.id },
      manager: { in: w.doctors.d1b.id, out: w.doctors.d2a.id },
      admin: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
      compliance: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
    }),
    request: async (w, _id, db) => {
      await ensureTwins(w, db);
      return { method: 'GET', url: '/api/duplicates/doctors?pageSize=200' };
    },
  },
  {
    route: 'GET /api/duplicates/hospitals',
    kind: 'list',
    access: adminOnly,
    records: (w) => sameFor(w.hospitals.h1b.id),
    request: async (w, _id, db) => {
      await ensureTwins(w, db);
      return { method: 'GET', url: '/api/duplicates/hospitals?pageSize=200' };
    },
  },
  {
    // both records in the caller's scope, else 404
    route: 'POST /api/duplicates/doctors/merge',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'all', compliance: 'forbidden' },
    records: (w) => ({
      rep: { in: w.hospitals.h1a.id, out: w.hospitals.h1b.id },
      manager: { in: w.hospitals.h1b.id, out: w.hospitals.h2a.id },
      admin: { in: w.hospitals.h2a.id, out: w.hospitals.h1a.id },
      compliance: { in: w.hospitals.h1a.id },
    }),
    request: async (_w, hospitalId, db) => ({
      method: 'POST',
      url: '/api/duplicates/doctors/merge',
      payload: await doctorPair(db, hospitalId),
    }),
  },
  {
    route: 'POST /api/duplicates/hospitals/merge',
    kind: 'write',
    access: adminOnly,
    records: () => sameFor('pair'),
    request: async (_w, _id, db) => ({
      method: 'POST',
      url: '/api/duplicates/hospitals/merge',
      payload: await hospitalPair(db),
    }),
  },
];
