import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { workingDaysBetween } from '@keqing/domain';
import { defaultPlanningSettings, type Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { cyclePlans, plannedCalls, weeklyPlans } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, everyone, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * Plans of rep1a, rep1b (team1) and rep2a (team2): a cycle plan, a manual planned call and a weekly plan
 * each. Ids are chosen up front so `records` can name them before `request` writes them.
 */
type Ids = Record<'rep1a' | 'rep1b' | 'rep2a', { plan: string; call: string; week: string }>;
const cycle = { start: '2026-11-09', end: '2026-12-06' };
const ids = new WeakMap<World, Ids>();
const written = new WeakMap<World, Promise<void>>();

function idsOf(w: World): Ids {
  let known = ids.get(w);
  if (!known) {
    const three = () => ({ plan: randomUUID(), call: randomUUID(), week: randomUUID() });
    known = { rep1a: three(), rep1b: three(), rep2a: three() };
    ids.set(w, known);
  }
  return known;
}

function ensureFixtures(w: World, db: Db): Promise<void> {
  let done = written.get(w);
  if (!done) {
    done = (async () => {
      const known = idsOf(w);
      const owners = [
        { key: 'rep1a', user: w.users.rep1a, doctor: w.doctors.d1a },
        { key: 'rep1b', user: w.users.rep1b, doctor: w.doctors.d1b },
        { key: 'rep2a', user: w.users.rep2a, doctor: w.doctors.d2a },
      ] as const;
      const workingDays = workingDaysBetween(cycle.start, cycle.end);
      for (const o of owners) {
        const id = known[o.key];
        await db.insert(cyclePlans).values({
          id: id.plan,
          ownerId: o.user.id,
          cycleStart: cycle.start,
          cycleEnd: cycle.end,
          workingDays,
        });
        // manual, so a generation in another case keeps it
        await db.insert(plannedCalls).values({
          id: id.call,
          cyclePlanId: id.plan,
          ownerId: o.user.id,
          doctorId: o.doctor.id,
          hospitalId: o.doctor.hospitalId,
          date: '2026-11-24',
          halfDay: 'am',
          source: 'manual',
        });
        await db.insert(weeklyPlans).values({ id: id.week, ownerId: o.user.id, weekStart: '2026-11-16' });
      }
    })();
    written.set(w, done);
  }
  return done;
}

const versionOf = async (db: Db, table: typeof cyclePlans | typeof plannedCalls, id: string) => {
  const [row] = await db.select({ version: table.version }).from(table).where(eq(table.id, id));
  return row?.version ?? 1;
};

/** rep1a sees their own (not rep1b's); m1 sees team1's (not rep2a's); admin and compliance see all. */
const byOwner =
  (pick: (o: Ids['rep1a']) => string) =>
  (w: World): Record<Role, { in: string; out?: string }> => {
    const k = idsOf(w);
    return {
      rep: { in: pick(k.rep1a), out: pick(k.rep1b) },
      manager: { in: pick(k.rep1b), out: pick(k.rep2a) },
      admin: { in: pick(k.rep1a), out: pick(k.rep2a) },
      compliance: { in: pick(k.rep1a), out: pick(k.rep2a) },
    };
  };
const usersByOwner = (w: World): Record<Role, { in: string; out?: string }> => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
  manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});

/** Plans are read along the line (rep: own; manager: the team's; admin/compliance: all). */
const readByOwner: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'all',
};
/** Only the owner writes a plan: another rep's is out of scope (404); the manager's team and admins get 403. */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'forbidden',
  admin: 'forbidden',
  compliance: 'forbidden',
};
/** Creating one's own plan: reps only. */
const repCreates: Record<Role, Access> = {
  rep: 'all',
  manager: 'forbidden',
  admin: 'forbidden',
  compliance: 'forbidden',
};

/** A fresh planned call of rep1a for the delete case (each deletion needs its own record). */
const fresh = 'fresh';

export const planningScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/planning/settings',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.users.admin.id),
    request: () => ({ method: 'GET', url: '/api/planning/settings' }),
  },
  {
    route: 'PUT /api/planning/settings',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.users.admin.id),
    request: () => ({ method: 'PUT', url: '/api/planning/settings', payload: defaultPlanningSettings }),
  },
  {
    route: 'GET /api/cycle-plans',
    kind: 'list',
    access: readByOwner,
    records: byOwner((o) => o.plan),
    request: async (w, _id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: '/api/cycle-plans?pageSize=200' };
    },
  },
  {
    route: 'GET /api/cycle-plans/:id',
    kind: 'item',
    access: readByOwner,
    records: byOwner((o) => o.plan),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: `/api/cycle-plans/${id}` };
    },
  },
  {
    route: 'POST /api/cycle-plans',
    kind: 'write',
    access: repCreates,
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({ method: 'POST', url: '/api/cycle-plans', payload: { date: '2028-03-06' } }),
  },
  {
    route: 'PATCH /api/cycle-plans/:id',
    kind: 'write',
    access: ownerWrites,
    records: byOwner((o) => o.plan),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return {
        method: 'PATCH',
        url: `/api/cycle-plans/${id}`,
        payload: { version: await versionOf(db, cyclePlans, id), notes: '本周期重点：瑞心新适应症' },
      };
    },
  },
  {
    route: 'POST /api/cycle-plans/:id/generate',
    kind: 'write',
    access: ownerWrites,
    records: byOwner((o) => o.plan),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return {
        method: 'POST',
        url: `/api/cycle-plans/${id}/generate`,
        payload: { version: await versionOf(db, cyclePlans, id) },
      };
    },
  },
  {
    route: 'GET /api/planned-calls',
    kind: 'list',
    access: readByOwner,
    records: byOwner((o) => o.call),
    request: async (w, _id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: '/api/planned-calls?from=2026-11-24&to=2026-11-24&pageSize=200' };
    },
  },
  {
    route: 'GET /api/planned-calls/:id',
    kind: 'item',
    access: readByOwner,
    records: byOwner((o) => o.call),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: `/api/planned-calls/${id}` };
    },
  },
  {
    route: 'POST /api/planned-calls',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    // a doctor of rep1a's hospital, and one of rep1b's (404 for rep1a)
    records: (w) => ({
      rep: { in: w.doctors.d1a.id, out: w.doctors.d1b.id },
      manager: { in: w.doctors.d1b.id },
      admin: { in: w.doctors.d1a.id },
      compliance: { in: w.doctors.d1a.id },
    }),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return {
        method: 'POST',
        url: '/api/planned-calls',
        payload: { doctorId: id, date: '2026-11-25', halfDay: 'pm' },
      };
    },
  },
  {
    route: 'PATCH /api/planned-calls/:id',
    kind: 'write',
    access: ownerWrites,
    records: byOwner((o) => o.call),
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return {
        method: 'PATCH',
        url: `/api/planned-calls/${id}`,
        payload: { version: await versionOf(db, plannedCalls, id), objectives: [{ text: '确认用药反馈' }] },
      };
    },
  },
  {
    route: 'DELETE /api/planned-calls/:id',
    kind: 'write',
    access: ownerWrites,
    okStatus: 204,
    records: (w) => {
      const k = idsOf(w);
      return {
        rep: { in: fresh, out: k.rep1b.call },
        manager: { in: k.rep1b.call },
        admin: { in: k.rep1a.call },
        compliance: { in: k.rep1a.call },
      };
    },
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      let target = id;
      if (id === fresh) {
        const k = idsOf(w);
        const [row] = await db
          .insert(plannedCalls)
          .values({
            cyclePlanId: k.rep1a.plan,
            ownerId: w.users.rep1a.id,
            doctorId: w.doctors.d1a.id,
            hospitalId: w.doctors.d1a.hospitalId,
            date: '2026-11-26',
            halfDay: 'pm',
          })
          .returning({ id: plannedCalls.id });
        target = row!.id;
      }
      return { method: 'DELETE', url: `/api/planned-calls/${target}` };
    },
  },
  {
    route: 'GET /api/planning/calendar',
    kind: 'item',
    access: readByOwner,
    records: usersByOwner,
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: `/api/planning/calendar?from=2026-11-23&to=2026-11-29&ownerId=${id}` };
    },
  },
  {
    route: 'GET /api/weekly-plans',
    kind: 'list',
    access: readByOwner,
    records: byOwner((o) => o.week),
    request: async (w, _id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: '/api/weekly-plans?weekStart=2026-11-16&pageSize=200' };
    },
  },
  {
    route: 'PUT /api/weekly-plans/:weekStart',
    kind: 'write',
    access: repCreates,
    records: (w) => sameFor(w.users.rep1a.id),
    request: async (w, _id, db) => {
      await ensureFixtures(w, db);
      const [row] = await db
        .select({ version: weeklyPlans.version })
        .from(weeklyPlans)
        .where(eq(weeklyPlans.id, idsOf(w).rep1a.week));
      return {
        method: 'PUT',
        url: '/api/weekly-plans/2026-11-16',
        payload: { version: row?.version ?? 1, goals: '完成 10 位 A 级医生拜访' },
      };
    },
  },
];
