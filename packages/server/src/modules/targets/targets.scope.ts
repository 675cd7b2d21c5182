import type { Role } from '@keqing/shared';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

let counter = 0;
/** A month no earlier call of this file used, from `year` on (each write case upserts a fresh key). */
const freshMonth = (year: number) => {
  const n = counter++;
  return `${year + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

/** team1's record in scope for the rep (rep1a) and the manager (m1); team2's out. */
const teamRecords = (w: World): Records => sameFor(w.teams.team1.id, w.teams.team2.id);
const repRecords = (w: World): Records => sameFor(w.users.rep1a.id, w.users.rep2a.id);

/** The allocation grid: the team's manager (and admin) writes; compliance reads; reps never. */
const gridRead: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'all',
  compliance: 'all',
};
const gridWrite: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};
/** Forecasts are the rep's own. */
const repOwn: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'forbidden',
  admin: 'forbidden',
  compliance: 'forbidden',
};
/** Manual sales: the rep for themself, the manager for their team's reps. */
const repOrManager: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};

export const targetsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/team-quotas',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.targets.teamQuota1, w.targets.teamQuota2),
    request: () => ({ method: 'GET', url: '/api/team-quotas?pageSize=200' }),
  },
  {
    route: 'PUT /api/team-quotas',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.teams.team1.id),
    request: (w, id) => ({
      method: 'PUT',
      url: '/api/team-quotas',
      payload: { teamId: id, month: freshMonth(2091), productId: w.products.p1.id, quantity: 500 },
    }),
  },
  {
    route: 'GET /api/quota-grid',
    kind: 'item',
    access: gridRead,
    records: teamRecords,
    request: (w, id) => ({ method: 'GET', url: `/api/quota-grid?teamId=${id}&month=${w.targets.month}` }),
  },
  {
    // a team the manager does not lead answers 404 and nothing is saved
    route: 'PUT /api/quota-grid',
    kind: 'write',
    access: gridWrite,
    records: teamRecords,
    request: (w, id) => {
      const team2 = id === w.teams.team2.id;
      return {
        method: 'PUT',
        url: '/api/quota-grid',
        payload: {
          teamId: id,
          month: freshMonth(2093),
          cells: [
            {
              repId: team2 ? w.users.rep2a.id : w.users.rep1a.id,
              productId: team2 ? w.products.p2.id : w.products.p1.id,
              quantity: 10,
            },
          ],
        },
      };
    },
  },
  {
    route: 'GET /api/sales-forecasts',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.targets.forecast1a, w.targets.forecast2a),
    request: () => ({ method: 'GET', url: '/api/sales-forecasts?pageSize=200' }),
  },
  {
    route: 'PUT /api/sales-forecasts',
    kind: 'write',
    access: repOwn,
    records: (w) => sameFor(w.products.p1.id),
    request: (_w, id) => ({
      method: 'PUT',
      url: '/api/sales-forecasts',
      payload: {
        month: freshMonth(2095),
        items: [{ productId: id, forecastQuantity: 100, goalQuantity: 120 }],
      },
    }),
  },
  {
    route: 'GET /api/forecast-summary',
    kind: 'item',
    access: byTerritory,
    records: repRecords,
    request: (w, id) => ({
      method: 'GET',
      url: `/api/forecast-summary?month=${w.targets.month}&repId=${id}`,
    }),
  },
  {
    route: 'GET /api/manual-sales',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(w.targets.manual1a, w.targets.manual2a),
    request: () => ({ method: 'GET', url: '/api/manual-sales?pageSize=200' }),
  },
  {
    // another team's rep answers 404
    route: 'PUT /api/manual-sales',
    kind: 'write',
    access: repOrManager,
    records: repRecords,
    request: (w, id) => ({
      method: 'PUT',
      url: '/api/manual-sales',
      payload: { repId: id, month: freshMonth(2001), productId: w.products.p1.id, quantity: 5 },
    }),
  },
  {
    route: 'GET /api/sales-attainment',
    kind: 'item',
    access: byTerritory,
    records: repRecords,
    request: (w, id) => ({
      method: 'GET',
      url: `/api/sales-attainment?fromMonth=${w.targets.lastMonth}&toMonth=${w.targets.month}&repId=${id}&groupBy=product`,
    }),
  },
];
