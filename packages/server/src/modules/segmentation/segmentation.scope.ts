import { and, desc, eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import {
  doctorLadderHistory,
  doctorProductStatus,
  doctors,
  hospitalProductListings,
  kolProfiles,
  segmentationConfigs,
} from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** rep1a covers h1a (not h1b); m1's team covers h1a and h1b (not h2a). */
const hospitalRecords = (w: World): Record<Role, { in: string; out?: string }> => ({
  rep: { in: w.hospitals.h1a.id, out: w.hospitals.h1b.id },
  manager: { in: w.hospitals.h1b.id, out: w.hospitals.h2a.id },
  admin: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
  compliance: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
});
/** The doctors of those hospitals. */
const doctorRecords = (w: World): Record<Role, { in: string; out?: string }> => ({
  rep: { in: w.doctors.d1a.id, out: w.doctors.d1b.id },
  manager: { in: w.doctors.d1b.id, out: w.doctors.d2a.id },
  admin: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  compliance: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
});

/** Reps and managers change what is in their scope, admins anything; compliance only reads. */
const writeByTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};
const everyoneButCompliance: Record<Role, Access> = {
  rep: 'all',
  manager: 'all',
  admin: 'all',
  compliance: 'forbidden',
};

/**
 * Segmentation data for the world's doctors, written once per world: product p1 listed at their hospitals,
 * a high-potential, low-status score (potential 5, status 0) and a KOL profile for each.
 */
const fixtures = new WeakMap<World, Promise<void>>();
function ensureFixtures(w: World, db: Db): Promise<void> {
  let done = fixtures.get(w);
  if (!done) {
    done = (async () => {
      const ds = [w.doctors.d1a, w.doctors.d1b, w.doctors.d2a];
      await db
        .insert(hospitalProductListings)
        .values(ds.map((d) => ({ hospitalId: d.hospitalId, productId: w.products.p1.id, listed: true })))
        .onConflictDoNothing();
      await db
        .insert(doctorProductStatus)
        .values(
          ds.map((d) => ({
            doctorId: d.id,
            productId: w.products.p1.id,
            prescriptionStatus: 0,
            prescriptionPotential: 5,
            grade: 'A',
            visitsPerCycle: 4,
            assessedOn: '2026-01-05',
          })),
        )
        .onConflictDoNothing();
      await db
        .insert(kolProfiles)
        .values(ds.map((d) => ({ doctorId: d.id, types: ['academicLeader'], developmentStep: 'locate' })))
        .onConflictDoNothing();
    })();
    fixtures.set(w, done);
  }
  return done;
}

const withFixtures =
  (
    request: (
      w: World,
      id: string,
      db: Db,
    ) => Awaited<ReturnType<ScopeCase['request']>> | ReturnType<ScopeCase['request']>,
  ): ScopeCase['request'] =>
  async (w, id, db) => {
    await ensureFixtures(w, db);
    return request(w, id, db);
  };

const configVersion = async (db: Db, kind: string) =>
  (
    await db
      .select({ id: segmentationConfigs.id })
      .from(segmentationConfigs)
      .where(eq(segmentationConfigs.kind, kind))
  ).length;

const configRoutes = (path: string, kind: string, draft: (w: World) => unknown): ScopeCase[] => [
  {
    route: `GET ${path}`,
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({ method: 'GET', url: path }),
  },
  {
    route: `PUT ${path}`,
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p1.id),
    request: async (w, _id, db) => ({
      method: 'PUT',
      url: path,
      payload: { config: draft(w), version: await configVersion(db, kind) },
    }),
  },
];

export const segmentationScopeCases: ScopeCase[] = [
  // ── grading configs: everyone reads, admins change ──
  ...configRoutes('/api/segmentation/hospital-grading', 'hospitalGrading', () => hospitalDraft),
  {
    route: 'POST /api/segmentation/hospital-grading/preview',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({
      method: 'POST',
      url: '/api/segmentation/hospital-grading/preview',
      payload: { config: hospitalDraft },
    }),
  },
  {
    route: 'GET /api/segmentation/hospital-grading/history',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({ method: 'GET', url: '/api/segmentation/hospital-grading/history' }),
  },
  ...configRoutes('/api/segmentation/doctor-grading', 'doctorGrading', () => doctorDraft),
  {
    route: 'POST /api/segmentation/doctor-grading/preview',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({
      method: 'POST',
      url: '/api/segmentation/doctor-grading/preview',
      payload: { config: doctorDraft },
    }),
  },
  {
    route: 'GET /api/segmentation/doctor-grading/history',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({ method: 'GET', url: '/api/segmentation/doctor-grading/history' }),
  },
  ...configRoutes('/api/segmentation/key-accounts/config', 'keyAccounts', () => ({ share: 0.25 })),

  // ── 进药 listing status ──
  {
    route: 'GET /api/hospitals/:id/listings',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/hospitals/${id}/listings` })),
  },
  {
    route: 'PUT /api/hospitals/:id/listings/:productId',
    kind: 'write',
    access: writeByTerritory,
    records: hospitalRecords,
    request: withFixtures((w, id) => ({
      method: 'PUT',
      url: `/api/hospitals/${id}/listings/${w.products.p1.id}`,
      payload: { listed: true },
    })),
  },

  // ── one doctor ──
  {
    // p2 is listed nowhere, so a pre-listing status (−2 试用/咨商) fits every hospital
    route: 'POST /api/doctors/:id/scores',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: doctorRecords,
    request: withFixtures((w, id) => ({
      method: 'POST',
      url: `/api/doctors/${id}/scores`,
      payload: { productId: w.products.p2.id, prescriptionStatus: -2, prescriptionPotential: 3 },
    })),
  },
  {
    route: 'GET /api/doctors/:id/scores',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/scores` })),
  },
  {
    route: 'GET /api/doctors/:id/segmentation',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/segmentation` })),
  },
  {
    // one step up from wherever the doctor stands with p2 (wrapping at the top)
    route: 'POST /api/doctors/:id/ladder',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: doctorRecords,
    request: withFixtures(async (w, id, db) => {
      const [last] = await db
        .select({ step: doctorLadderHistory.toStep })
        .from(doctorLadderHistory)
        .where(and(eq(doctorLadderHistory.doctorId, id), eq(doctorLadderHistory.productId, w.products.p2.id)))
        .orderBy(desc(doctorLadderHistory.changedOn), desc(doctorLadderHistory.createdAt))
        .limit(1);
      const [status] = await db
        .select({ step: doctorProductStatus.adoptionStep })
        .from(doctorProductStatus)
        .where(
          and(eq(doctorProductStatus.doctorId, id), eq(doctorProductStatus.productId, w.products.p2.id)),
        );
      const current = last?.step ?? status?.step ?? -1;
      return {
        method: 'POST',
        url: `/api/doctors/${id}/ladder`,
        payload: { productId: w.products.p2.id, step: (current + 1) % 6, reason: '科室会后开始了解产品' },
      };
    }),
  },
  {
    route: 'POST /api/doctors/:id/stage',
    kind: 'write',
    access: writeByTerritory,
    records: doctorRecords,
    request: withFixtures(async (_w, id, db) => {
      const [d] = await db
        .select({ stage: doctors.relationshipStage })
        .from(doctors)
        .where(eq(doctors.id, id));
      return {
        method: 'POST',
        url: `/api/doctors/${id}/stage`,
        payload: { stage: ((d?.stage ?? 0) % 4) + 1, reason: '同意在新患者中试用' },
      };
    }),
  },
  {
    route: 'GET /api/doctors/:id/kol',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/kol` })),
  },
  {
    route: 'PUT /api/doctors/:id/kol',
    kind: 'write',
    access: writeByTerritory,
    records: doctorRecords,
    request: withFixtures(async (_w, id, db) => {
      const [k] = await db
        .select({ v: kolProfiles.version })
        .from(kolProfiles)
        .where(eq(kolProfiles.doctorId, id));
      return {
        method: 'PUT',
        url: `/api/doctors/${id}/kol`,
        payload: { types: ['academicLeader', 'productSpeaker'], developmentStep: 'contact', version: k?.v },
      };
    }),
  },

  // ── lists over the caller's scope ──
  {
    route: 'GET /api/segmentation/high-potential',
    kind: 'list',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures((w) => ({
      method: 'GET',
      url: `/api/segmentation/high-potential?productId=${w.products.p1.id}&pageSize=200`,
    })),
  },
  {
    route: 'GET /api/segmentation/key-accounts',
    kind: 'list',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures(() => ({
      method: 'GET',
      url: '/api/segmentation/key-accounts?entity=doctor&pageSize=200',
    })),
  },
  {
    // the caller's own list: nobody else's records are involved
    route: 'POST /api/segmentation/key-accounts/snapshot',
    kind: 'write',
    access: everyoneButCompliance,
    records: (w) => sameFor(w.products.p1.id),
    request: withFixtures(() => ({ method: 'POST', url: '/api/segmentation/key-accounts/snapshot' })),
  },
  {
    route: 'GET /api/segmentation/key-accounts/reviews',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.keyAccountReviews.review1a.id, w.keyAccountReviews.review2a.id),
    request: () => ({ method: 'GET', url: '/api/segmentation/key-accounts/reviews?pageSize=200' }),
  },
  {
    // rep: their own list vs a teammate's; manager: a team member vs another team's rep
    route: 'POST /api/segmentation/key-accounts/reviews',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'all', compliance: 'forbidden' },
    records: (w) => ({
      rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
      manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
      admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
      compliance: { in: w.users.rep1a.id },
    }),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/segmentation/key-accounts/reviews',
      payload: { ownerId: id, note: '本周讨论：重点客户名单无变化' },
    }),
  },
  {
    route: 'GET /api/segmentation/key-accounts/changes',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: withFixtures(() => ({ method: 'GET', url: '/api/segmentation/key-accounts/changes' })),
  },
  {
    route: 'GET /api/segmentation/kols',
    kind: 'list',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/segmentation/kols?pageSize=200' })),
  },
];

/** Drafts that pass the domain checks (the default weights moved a little). */
const hospitalDraft = {
  weights: { size: 0.2, level: 0.2, volume: 0.25, drugUse: 0.25, competition: 0.1 },
  bedBands: [
    { from: 0, points: 0 },
    { from: 100, points: 40 },
    { from: 500, points: 80 },
  ],
  levelPoints: {
    三级甲等: 100,
    三级乙等: 85,
    二级甲等: 65,
    二级乙等: 50,
    一级: 30,
    社区卫生服务中心: 25,
    乡镇卫生院: 20,
    诊所: 10,
  },
  outpatientBands: [
    { from: 0, points: 0 },
    { from: 500, points: 60 },
    { from: 2000, points: 100 },
  ],
  drugUsePoints: { 1: 20, 2: 40, 3: 60, 4: 80, 5: 100 },
  competition: {
    countPenaltyBands: [{ from: 0, points: 0 }],
    strengthPenalty: { 1: 0, 2: 10, 3: 20, 4: 35, 5: 50 },
    dominantPenalty: 40,
  },
  thresholds: { A: 70, B: 45 },
};

const row = (grades: string) =>
  Object.fromEntries([-4, -3, -2, -1, 0, 1, 2, 3, 4].map((s, i) => [String(s), grades[i]!]));
const doctorDraft = {
  grades: ['A', 'B', 'C'],
  matrix: {
    '5': row('BBAAAAAAA'),
    '4': row('BBBBBAAAA'),
    '3': row('CCBBBBBBB'),
    '2': row('CCCCCCCCC'),
    '1': row('CCCCCCCCC'),
  },
  visitFrequency: { A: 4, B: 2, C: 1 },
};
