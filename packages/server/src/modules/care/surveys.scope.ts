import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import { surveyTemplates } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * 满意度调查: one case per signed-in route (the two /api/public/surveys/:token routes are public and need none).
 * Records come from surveys.fixtures.ts: invitations on d1a/d1b (team1) in scope, on d2a (team2) outside.
 */
type Records = Record<Role, { in: string; out?: string }>;

const templateWriters: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'all',
  admin: 'all',
  compliance: 'forbidden',
};
const senders: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const invitationRecords = (w: World): Records => {
  const s = w.surveys;
  return {
    rep: { in: s.invD1a, out: s.invD2a },
    manager: { in: s.invD1b, out: s.invD2a },
    admin: { in: s.invD1a, out: s.invD2a },
    compliance: { in: s.invD1a, out: s.invD2a },
  };
};
const doctorRecords = (w: World): Records => ({
  rep: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  manager: { in: w.doctors.d1b.id, out: w.doctors.d2a.id },
  admin: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
  compliance: { in: w.doctors.d1a.id, out: w.doctors.d2a.id },
});

export const surveysScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/survey-templates',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.surveys.templates.doctor, w.surveys.templates.pharmacy),
    request: () => ({ method: 'GET', url: '/api/survey-templates?pageSize=200' }),
  },
  {
    route: 'POST /api/survey-templates',
    kind: 'write',
    access: templateWriters,
    okStatus: 201,
    records: (w) => sameFor(w.surveys.templates.doctor),
    request: () => ({
      method: 'POST',
      url: '/api/survey-templates',
      payload: { name: uniqueName('问卷'), audience: 'doctor', questions: [] },
    }),
  },
  {
    route: 'PATCH /api/survey-templates/:id',
    kind: 'write',
    access: templateWriters,
    records: (w) => sameFor(w.surveys.templates.pharmacy),
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ version: surveyTemplates.version })
        .from(surveyTemplates)
        .where(eq(surveyTemplates.id, id));
      return {
        method: 'PATCH',
        url: `/api/survey-templates/${id}`,
        payload: { name: uniqueName('药店问卷'), version: row!.version },
      };
    },
  },
  {
    route: 'GET /api/survey-invitations',
    kind: 'list',
    access: byTerritory,
    records: invitationRecords,
    request: () => ({ method: 'GET', url: '/api/survey-invitations?pageSize=200' }),
  },
  {
    // an out-of-scope recipient is a field error (surveys.test.ts), so only in-scope doctors here
    route: 'POST /api/survey-invitations',
    kind: 'write',
    access: senders,
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.doctors.d1a.id },
      manager: { in: w.doctors.d1b.id },
      admin: { in: w.doctors.d1a.id },
      compliance: { in: w.doctors.d1a.id },
    }),
    request: (w, id) => ({
      method: 'POST',
      url: '/api/survey-invitations',
      payload: { templateId: w.surveys.templates.doctor, doctorId: id },
    }),
  },
  {
    // filtered by a doctor: one outside the caller's scope answers 404
    route: 'GET /api/survey-results',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/survey-results?doctorId=${id}` }),
  },
];
