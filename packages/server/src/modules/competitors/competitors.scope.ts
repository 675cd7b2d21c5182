import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** h1a is rep1a's and m1's; h2a is neither's (team2). */
const hospitalRecords = (w: World): Records => sameFor(w.hospitals.h1a.id, w.hospitals.h2a.id);
const doctorRecords = (w: World): Records => sameFor(w.doctors.d1a.id, w.doctors.d2a.id);

/** The reps and managers covering the hospital record; admin may too; compliance reads only. */
const recordInScope: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

const today = () => new Date().toISOString().slice(0, 10);

export const competitorsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/competitor-products',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.competitors.cp1, w.competitors.cp2),
    request: () => ({ method: 'GET', url: '/api/competitor-products?pageSize=200' }),
  },
  {
    route: 'POST /api/competitor-products',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.products.p1.id),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/competitor-products',
      payload: { name: uniqueName('竞品'), company: '某药业', therapeuticArea: '心血管', productId: id },
    }),
  },
  {
    route: 'PATCH /api/competitor-products/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.competitors.cp2),
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ version: s.competitorProducts.version })
        .from(s.competitorProducts)
        .where(eq(s.competitorProducts.id, id));
      return {
        method: 'PATCH',
        url: `/api/competitor-products/${id}`,
        payload: { version: row?.version ?? 1, active: true },
      };
    },
  },
  {
    route: 'GET /api/competitor-usages',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.competitors.usage1a, w.competitors.usage2a),
    request: () => ({ method: 'GET', url: '/api/competitor-usages?pageSize=200' }),
  },
  {
    route: 'POST /api/competitor-usages',
    kind: 'write',
    access: recordInScope,
    okStatus: 201,
    records: hospitalRecords,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/competitor-usages',
      // the doctor of the hospital asked for (d2a works at h2a)
      payload: {
        hospitalId: id,
        doctorId: id === w.hospitals.h1a.id ? w.doctors.d1a.id : w.doctors.d2a.id,
        competitorProductId: w.competitors.cp1,
        judgement: 3,
        observedOn: today(),
      },
    }),
  },
  {
    route: 'GET /api/competitor-activities',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.competitors.activity1a, w.competitors.activity2a),
    request: () => ({ method: 'GET', url: '/api/competitor-activities?pageSize=200' }),
  },
  {
    route: 'POST /api/competitor-activities',
    kind: 'write',
    access: recordInScope,
    okStatus: 201,
    records: hospitalRecords,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/competitor-activities',
      payload: {
        hospitalId: id,
        competitorProductId: w.competitors.cp1,
        kind: 'visit',
        byWhom: 'manager',
        observedOn: today(),
        description: '竞品经理拜访',
      },
    }),
  },
  {
    route: 'GET /api/competitor-pressure',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/competitor-pressure?hospitalId=${id}` }),
  },
  {
    route: 'GET /api/doctors/:id/competitors',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/competitors` }),
  },
];
