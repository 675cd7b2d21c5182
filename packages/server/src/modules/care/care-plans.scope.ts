import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { chinaDate } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { careActions, carePlanItems, carePlans } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * Fixture care actions and plans, written straight to the database once per world (ids drawn when a case first
 * asks for them, rows when a request first runs). Each plan is one ¥10 greeting item for one doctor.
 *
 *   actions  a1a rep1a on d1a · a1b rep1b on d1b · a2a rep2a on d2a
 *   plans    draft1a/draft2a/draftM1 · sub1a/sub1b/sub2a submitted · mApp1a/mApp2a manager-approved (over a cap)
 *            exec1a/execM1/exec2a executed (their item has its action)
 *
 * Routes that move a plan on (submit, decisions) act on a fresh copy of the named plan, so every role finds it
 * in the state the case needs.
 */
type Owner = 'rep1a' | 'rep1b' | 'rep2a' | 'm1';
type DoctorKey = 'd1a' | 'd1b' | 'd2a';
type Status = 'draft' | 'submitted' | 'managerApproved' | 'executed';
type PlanSpec = { owner: Owner; doctor: DoctorKey; status: Status };
const planSpecs = {
  draft1a: { owner: 'rep1a', doctor: 'd1a', status: 'draft' },
  draft2a: { owner: 'rep2a', doctor: 'd2a', status: 'draft' },
  draftM1: { owner: 'm1', doctor: 'd1b', status: 'draft' },
  sub1a: { owner: 'rep1a', doctor: 'd1a', status: 'submitted' },
  sub1b: { owner: 'rep1b', doctor: 'd1b', status: 'submitted' },
  sub2a: { owner: 'rep2a', doctor: 'd2a', status: 'submitted' },
  mApp1a: { owner: 'rep1a', doctor: 'd1a', status: 'managerApproved' },
  mApp2a: { owner: 'rep2a', doctor: 'd2a', status: 'managerApproved' },
  exec1a: { owner: 'rep1a', doctor: 'd1a', status: 'executed' },
  execM1: { owner: 'm1', doctor: 'd1b', status: 'executed' },
  exec2a: { owner: 'rep2a', doctor: 'd2a', status: 'executed' },
} satisfies Record<string, PlanSpec>;
type PlanName = keyof typeof planSpecs;
const actionSpecs = {
  a1a: { owner: 'rep1a', doctor: 'd1a' },
  a1b: { owner: 'rep1b', doctor: 'd1b' },
  a2a: { owner: 'rep2a', doctor: 'd2a' },
} satisfies Record<string, { owner: Owner; doctor: DoctorKey }>;
type ActionName = keyof typeof actionSpecs;

type Ids = { plans: Record<PlanName, string>; actions: Record<ActionName, string> };
const allIds = new WeakMap<World, Ids>();
function ids(w: World): Ids {
  let found = allIds.get(w);
  if (!found) {
    const draw = <K extends string>(keys: K[]) =>
      Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<K, string>;
    found = {
      plans: draw(Object.keys(planSpecs) as PlanName[]),
      actions: draw(Object.keys(actionSpecs) as ActionName[]),
    };
    allIds.set(w, found);
  }
  return found;
}

async function insertPlan(db: Db, w: World, spec: PlanSpec, id?: string): Promise<string> {
  const doctor = w.doctors[spec.doctor];
  const ownerId = w.users[spec.owner].id;
  const [plan] = await db
    .insert(carePlans)
    .values({
      id,
      ownerId,
      title: uniqueName('关怀计划'),
      kind: 'customer',
      plannedDate: chinaDate(),
      purpose: '节日问候',
      status: spec.status,
      needsCompliance: spec.status === 'managerApproved',
      submittedAt: spec.status === 'draft' ? null : new Date().toISOString(),
    })
    .returning({ id: carePlans.id });
  const [item] = await db
    .insert(carePlanItems)
    .values({
      carePlanId: plan!.id,
      doctorId: doctor.id,
      hospitalId: doctor.hospitalId,
      kind: 'greeting',
      valueFen: 1_000,
    })
    .returning({ id: carePlanItems.id });
  if (spec.status === 'executed')
    await db.insert(careActions).values({
      ownerId,
      doctorId: doctor.id,
      hospitalId: doctor.hospitalId,
      kind: 'greeting',
      actionDate: chinaDate(),
      valueFen: 1_000,
      purpose: '节日问候',
      carePlanItemId: item!.id,
    });
  return plan!.id;
}

const ready = new WeakMap<World, Promise<void>>();
function ensureFixtures(w: World, db: Db): Promise<void> {
  let p = ready.get(w);
  if (!p) {
    p = (async () => {
      const { plans, actions } = ids(w);
      for (const [name, spec] of Object.entries(actionSpecs) as [
        ActionName,
        (typeof actionSpecs)[ActionName],
      ][]) {
        const doctor = w.doctors[spec.doctor];
        await db.insert(careActions).values({
          id: actions[name],
          ownerId: w.users[spec.owner].id,
          doctorId: doctor.id,
          hospitalId: doctor.hospitalId,
          kind: 'greeting',
          actionDate: chinaDate(),
          valueFen: 1_000,
          purpose: '节日问候',
        });
      }
      for (const [name, spec] of Object.entries(planSpecs) as [PlanName, PlanSpec][])
        await insertPlan(db, w, spec, plans[name]);
    })();
    ready.set(w, p);
  }
  return p;
}

const withFixtures =
  (build: ScopeCase['request']): ScopeCase['request'] =>
  async (w, id, db) => {
    await ensureFixtures(w, db);
    return build(w, id, db);
  };

/** A fresh copy of a fixture plan (same owner, doctor and state). */
async function copyOf(w: World, db: Db, id: string): Promise<string> {
  const name = (Object.keys(planSpecs) as PlanName[]).find((n) => ids(w).plans[n] === id)!;
  return insertPlan(db, w, planSpecs[name]);
}
const versionOf = async (db: Db, id: string) =>
  (await db.select({ version: carePlans.version }).from(carePlans).where(eq(carePlans.id, id)))[0]!.version;

type Records = Record<Role, { in: string; out?: string }>;
const planRecords =
  (rep: PlanName, manager: PlanName, out: PlanName, admin: PlanName = rep, compliance: PlanName = admin) =>
  (w: World): Records => {
    const p = ids(w).plans;
    return {
      rep: { in: p[rep], out: p[out] },
      manager: { in: p[manager], out: p[out] },
      admin: { in: p[admin], out: p[out] },
      compliance: { in: p[compliance], out: p[out] },
    };
  };
const actionRecords = (w: World): Records => {
  const a = ids(w).actions;
  return {
    rep: { in: a.a1a, out: a.a2a },
    manager: { in: a.a1b, out: a.a2a },
    admin: { in: a.a1a, out: a.a2a },
    compliance: { in: a.a1a, out: a.a2a },
  };
};
const doctorRecords = (w: World): Records => ({
  rep: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  manager: { in: w.doctors.d1b.id, out: w.doctors.d2a.id },
  admin: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  compliance: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
});
const inScopeDoctors = (w: World): Records => ({
  rep: { in: w.doctors.d1a.id },
  manager: { in: w.doctors.d1b.id },
  admin: { in: w.doctors.d1a.id },
  compliance: { in: w.doctors.d1a.id },
});

const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const year = () => Number(chinaDate().slice(0, 4));

export const carePlansScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/care-actions',
    kind: 'list',
    access: byTerritory,
    records: actionRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/care-actions?pageSize=200' })),
  },
  {
    route: 'GET /api/care-actions/:id',
    kind: 'item',
    access: byTerritory,
    records: actionRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/care-actions/${id}` })),
  },
  {
    // an out-of-scope doctor is a field error (care-plans.test.ts), so only in-scope doctors here
    route: 'POST /api/care-actions',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: inScopeDoctors,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/care-actions',
      payload: {
        doctorId: id,
        kind: 'greeting',
        actionDate: chinaDate(),
        valueFen: 100,
        purpose: '节日问候',
      },
    }),
  },
  {
    route: 'GET /api/care-plans',
    kind: 'list',
    access: byTerritory,
    records: planRecords('draft1a', 'sub1b', 'draft2a'),
    request: withFixtures(() => ({ method: 'GET', url: '/api/care-plans?pageSize=200' })),
  },
  {
    route: 'GET /api/care-plans/:id',
    kind: 'item',
    access: byTerritory,
    records: planRecords('draft1a', 'sub1b', 'draft2a'),
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/care-plans/${id}` })),
  },
  {
    // out-of-scope doctors in items are field errors (care-plans.test.ts)
    route: 'POST /api/care-plans',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: inScopeDoctors,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/care-plans',
      payload: {
        title: uniqueName('春节关怀'),
        kind: 'customer',
        plannedDate: chinaDate(),
        purpose: '春节问候',
        items: [{ doctorId: id, kind: 'greeting', valueFen: 1_000 }],
      },
    }),
  },
  {
    route: 'PATCH /api/care-plans/:id',
    kind: 'write',
    access: ownerWrites,
    records: planRecords('draft1a', 'draftM1', 'draft2a'),
    request: withFixtures(async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/care-plans/${id}`,
      payload: { title: uniqueName('改名'), version: await versionOf(db, id) },
    })),
  },
  {
    route: 'POST /api/care-plans/:id/submit',
    kind: 'write',
    access: ownerWrites,
    records: planRecords('draft1a', 'draftM1', 'draft2a'),
    request: withFixtures(async (w, id, db) => {
      const copy = await copyOf(w, db, id);
      return { method: 'POST', url: `/api/care-plans/${copy}/submit`, payload: { version: 1 } };
    }),
  },
  {
    // a rep and an admin never decide; the manager decides the team's submitted plans; compliance any plan the
    // manager approved (see-all, so the out record is approvable too)
    route: 'POST /api/care-plans/:id/decisions',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'forbidden', compliance: 'all' },
    records: (w) => {
      const p = ids(w).plans;
      return {
        rep: { in: p.sub1a },
        manager: { in: p.sub1b, out: p.sub2a },
        admin: { in: p.sub1b },
        compliance: { in: p.mApp1a, out: p.mApp2a },
      };
    },
    request: withFixtures(async (w, id, db) => {
      const copy = await copyOf(w, db, id);
      return {
        method: 'POST',
        url: `/api/care-plans/${copy}/decisions`,
        payload: { version: 1, decision: 'approved', comment: '同意' },
      };
    }),
  },
  {
    route: 'POST /api/care-plans/:id/items/:itemId/feedback',
    kind: 'write',
    access: ownerWrites,
    records: planRecords('exec1a', 'execM1', 'exec2a'),
    request: withFixtures(async (_w, id, db) => {
      const [item] = await db
        .select({ id: carePlanItems.id })
        .from(carePlanItems)
        .where(eq(carePlanItems.carePlanId, id));
      return {
        method: 'POST',
        url: `/api/care-plans/${id}/items/${item!.id}/feedback`,
        payload: { feedback: uniqueName('医生很满意') },
      };
    }),
  },
  {
    // items are doctors (id = doctor id)
    route: 'GET /api/care/annual-totals',
    kind: 'list',
    access: byTerritory,
    records: doctorRecords,
    request: withFixtures(() => ({
      method: 'GET',
      url: `/api/care/annual-totals?year=${year()}&pageSize=200`,
    })),
  },
  {
    route: 'GET /api/care/annual-totals/export',
    kind: 'item',
    access: { rep: 'forbidden', manager: 'forbidden', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.doctors.d1a.id),
    request: withFixtures(() => ({ method: 'GET', url: `/api/care/annual-totals/export?year=${year()}` })),
  },
  {
    route: 'GET /api/care/compliance-dashboard',
    kind: 'item',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.doctors.d1a.id),
    request: withFixtures(() => ({ method: 'GET', url: `/api/care/compliance-dashboard?year=${year()}` })),
  },
];
