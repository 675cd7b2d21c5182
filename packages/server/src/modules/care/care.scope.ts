import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { careDates, doctorCareTiers, lifeEvents } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { defaultCareSettings } from './care-settings.repository.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** rep1a covers h1a (not h1b); m1's team covers h1a and h1b (not h2a). */
const split = (r: { a1: string; b1: string; a2: string }): Records => ({
  rep: { in: r.a1, out: r.b1 },
  manager: { in: r.b1, out: r.a2 },
  admin: { in: r.a1, out: r.a2 },
  compliance: { in: r.a1, out: r.a2 },
});
const doctorRecords = (w: World) =>
  split({ a1: w.doctors.d1a.id, b1: w.doctors.d1b.id, a2: w.doctors.d2a.id });
/** Reps named in ?ownerId: rep1a sees only themself, m1 their team (rep1b), not team 2 (rep2a). */
const repRecords = (w: World) => split({ a1: w.users.rep1a.id, b1: w.users.rep1b.id, a2: w.users.rep2a.id });

/** PIPL: care dates and life events are personal data — the owning line's and compliance's, never the admin's. */
const personalRead: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'all',
};
const personalWrite: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
/** Caps are compliance's to set: admin and compliance write the settings, nobody else. */
const adminOrCompliance: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'forbidden',
  admin: 'all',
  compliance: 'all',
};
const writeByTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

/** Fixed ids of a care date and a life event on d1a, d1b and d2a, written once per world. */
const careDateIds = {
  a1: 'ca2ed000-0000-4000-8000-000000000001',
  b1: 'ca2ed000-0000-4000-8000-000000000002',
  a2: 'ca2ed000-0000-4000-8000-000000000003',
};
const lifeEventIds = {
  a1: '11fe0000-0000-4000-8000-000000000001',
  b1: '11fe0000-0000-4000-8000-000000000002',
  a2: '11fe0000-0000-4000-8000-000000000003',
};
const fixtures = new WeakMap<World, Promise<void>>();
function ensureFixtures(w: World, db: Db): Promise<void> {
  let done = fixtures.get(w);
  if (!done) {
    done = (async () => {
      const on = [
        ['a1', w.doctors.d1a.id, w.users.rep1a.id],
        ['b1', w.doctors.d1b.id, w.users.rep1b.id],
        ['a2', w.doctors.d2a.id, w.users.rep2a.id],
      ] as const;
      await db
        .insert(careDates)
        .values(
          on.map(([k, doctorId]) => ({
            id: careDateIds[k],
            doctorId,
            kind: 'workAnniversary' as const,
            label: '入职纪念日',
            month: 7,
            day: 1,
          })),
        )
        .onConflictDoNothing();
      await db
        .insert(lifeEvents)
        .values(
          on.map(([k, doctorId, createdBy]) => ({
            id: lifeEventIds[k],
            doctorId,
            kind: 'promotion',
            nature: 'happy' as const,
            occurredOn: '2026-06-01',
            createdBy,
          })),
        )
        .onConflictDoNothing();
    })();
    fixtures.set(w, done);
  }
  return done;
}

const careDateRecords = () => split(careDateIds);
const lifeEventRecords = () => split(lifeEventIds);
const doctorOfCareDate = (w: World, id: string) =>
  ({
    [careDateIds.a1]: w.doctors.d1a.id,
    [careDateIds.b1]: w.doctors.d1b.id,
    [careDateIds.a2]: w.doctors.d2a.id,
  })[id]!;

export const careScopeCases: ScopeCase[] = [
  // ── settings ──
  {
    route: 'GET /api/care/settings',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.doctors.d1a.id),
    request: () => ({ method: 'GET', url: '/api/care/settings' }),
  },
  {
    route: 'PUT /api/care/settings',
    kind: 'write',
    access: adminOrCompliance,
    records: (w) => sameFor(w.doctors.d1a.id),
    request: () => ({ method: 'PUT', url: '/api/care/settings', payload: defaultCareSettings }),
  },

  // ── care dates (personal data) ──
  {
    route: 'GET /api/doctors/:id/care-dates',
    kind: 'item',
    access: personalRead,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/care-dates` }),
  },
  {
    route: 'POST /api/care-dates',
    kind: 'write',
    access: personalWrite,
    okStatus: 201,
    records: doctorRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/care-dates',
      payload: { doctorId: id, kind: 'familyEvent', label: uniqueName('结婚纪念日'), month: 5, day: 20 },
    }),
  },
  {
    route: 'PATCH /api/care-dates/:id',
    kind: 'write',
    access: personalWrite,
    records: careDateRecords,
    request: async (w, id, db) => {
      await ensureFixtures(w, db);
      const [row] = await db.select({ v: careDates.version }).from(careDates).where(eq(careDates.id, id));
      return {
        method: 'PATCH',
        url: `/api/care-dates/${id}`,
        payload: { notes: uniqueName('备注'), version: row!.v },
      };
    },
  },
  {
    // deletes a fresh care date of the target's doctor
    route: 'DELETE /api/care-dates/:id',
    kind: 'write',
    access: personalWrite,
    okStatus: 204,
    records: careDateRecords,
    request: async (w, id, db) => {
      const [row] = await db
        .insert(careDates)
        .values({
          doctorId: doctorOfCareDate(w, id),
          kind: 'other',
          label: uniqueName('待删日期'),
          month: 3,
          day: 3,
        })
        .returning({ id: careDates.id });
      return { method: 'DELETE', url: `/api/care-dates/${row!.id}` };
    },
  },
  {
    // by the rep named in ownerId: the caller's user scope (a rep: self; a manager: their team; see-all roles: any)
    route: 'GET /api/care/upcoming',
    kind: 'item',
    access: byTerritory,
    records: repRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/care/upcoming?ownerId=${id}&days=30` }),
  },

  // ── life events (personal data) ──
  {
    route: 'POST /api/life-events',
    kind: 'write',
    access: personalWrite,
    okStatus: 201,
    records: doctorRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/life-events',
      payload: { doctorId: id, kind: 'wedding', occurredOn: '2026-06-01', note: uniqueName('喜事') },
    }),
  },
  {
    route: 'GET /api/life-events',
    kind: 'list',
    access: personalRead,
    records: lifeEventRecords,
    request: async (w, _id, db) => {
      await ensureFixtures(w, db);
      return { method: 'GET', url: '/api/life-events?pageSize=200' };
    },
  },

  // ── care tiers ──
  {
    route: 'GET /api/doctors/:id/care-tier',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/care-tier` }),
  },
  {
    route: 'PUT /api/doctors/:id/care-tier',
    kind: 'write',
    access: writeByTerritory,
    records: doctorRecords,
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ v: doctorCareTiers.version })
        .from(doctorCareTiers)
        .where(eq(doctorCareTiers.doctorId, id));
      return { method: 'PUT', url: `/api/doctors/${id}/care-tier`, payload: { tier: 'B', version: row?.v } };
    },
  },
];
