import type { Role } from '@keqing/shared';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, everyone, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** The doctors of the world's hospitals: rep1a covers h1a (not h1b); m1's team covers h1a and h1b (not h2a). */
const doctorRecords = (w: World): Record<Role, { in: string; out?: string }> => ({
  rep: { in: w.doctors.d1a.id, out: w.doctors.d1b.id },
  manager: { in: w.doctors.d1b.id, out: w.doctors.d2a.id },
  admin: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  compliance: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
});

/** The rep whose list shows a doctor (the frequency list is one rep's: a manager or admin names the rep). */
const repOf = (w: World, doctorId: string) =>
  ({
    [w.doctors.d1a.id]: w.users.rep1a.id,
    [w.doctors.dShared.id]: w.users.rep1a.id,
    [w.doctors.d1b.id]: w.users.rep1b.id,
    [w.doctors.d2a.id]: w.users.rep2a.id,
  })[doctorId]!;

export const planningInsightsScopeCases: ScopeCase[] = [
  {
    // a rep sees their own doctors only (the list has no ownerId); others name a rep of their scope
    route: 'GET /api/frequency/doctors',
    kind: 'list',
    access: byTerritory,
    records: (w) => ({
      rep: { in: w.doctors.d1a.id, out: w.doctors.d1b.id },
      manager: { in: w.doctors.d1b.id, out: w.doctors.d1a.id },
      admin: { in: w.doctors.d2a.id },
      compliance: { in: w.doctors.d2a.id },
    }),
    request: (w, id) => {
      const ownerId = repOf(w, id);
      return {
        method: 'GET',
        url: `/api/frequency/doctors?pageSize=200${ownerId === w.users.rep1a.id ? '' : `&ownerId=${ownerId}`}`,
      };
    },
  },
  {
    // records are reps: the rep themselves, a team rep for the manager; another team's rep → 404
    route: 'GET /api/frequency/summary',
    kind: 'item',
    access: byTerritory,
    records: (w) => ({
      rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
      manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
      admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
      compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
    }),
    request: (_w, id) => ({ method: 'GET', url: `/api/frequency/summary?ownerId=${id}` }),
  },
  {
    route: 'GET /api/doctors/:id/pre-call-brief',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/pre-call-brief` }),
  },
  {
    // the caller's own reminders: there is no other record to reach
    route: 'GET /api/planning/reminders',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({ method: 'GET', url: '/api/planning/reminders' }),
  },
];
