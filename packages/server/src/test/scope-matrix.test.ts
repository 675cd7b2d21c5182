import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@keqing/shared';
import { accountsScopeCases } from '../modules/accounts/accounts.scope.ts';
import { auditScopeCases } from '../modules/audit/audit.scope.ts';
import { orgScopeCases } from '../modules/org/org.scope.ts';
import { segmentationScopeCases } from '../modules/segmentation/segmentation.scope.ts';
import { territoriesScopeCases } from '../modules/territories/territories.scope.ts';
import { importsScopeCases } from '../modules/imports/imports.scope.ts';
import { duplicatesScopeCases } from '../modules/duplicates/duplicates.scope.ts';
import { usersScopeCases } from '../modules/users/users.scope.ts';
import { viewsScopeCases } from '../modules/views/views.scope.ts';
import { planningScopeCases } from '../modules/planning/planning.scope.ts';
import { planningInsightsScopeCases } from '../modules/planning/insights.scope.ts';
import { callsScopeCases } from '../modules/calls/calls.scope.ts';
import { careScopeCases } from '../modules/care/care.scope.ts';
import { carePlansScopeCases } from '../modules/care/care-plans.scope.ts';
import { complaintsScopeCases } from '../modules/complaints/complaints.scope.ts';
import { surveysScopeCases } from '../modules/care/surveys.scope.ts';
import { eventsScopeCases } from '../modules/care/events.scope.ts';
import { partiesScopeCases } from '../modules/channel/parties.scope.ts';
import { goodsScopeCases } from '../modules/channel/goods.scope.ts';
import { moneyScopeCases } from '../modules/channel/money.scope.ts';
import { warningsScopeCases } from '../modules/channel/warnings.scope.ts';
import { careFeesScopeCases } from '../modules/care-fees/care-fees.scope.ts';
import { targetsScopeCases } from '../modules/targets/targets.scope.ts';
import { pipelineScopeCases } from '../modules/pipeline/pipeline.scope.ts';
import { prospectsScopeCases } from '../modules/prospects/prospects.scope.ts';
import { competitorsScopeCases } from '../modules/competitors/competitors.scope.ts';
import { reportsScopeCases } from '../modules/reports/reports.scope.ts';
import { notificationsScopeCases } from '../modules/notifications/notifications.scope.ts';
import { handoverScopeCases } from '../modules/handover/handover.scope.ts';
import { timeManagementScopeCases } from '../modules/time-management/time-management.scope.ts';
import { teamDashboardScopeCases } from '../modules/analytics/team-dashboard.scope.ts';
import { drillScopeCases } from '../modules/analytics/drill.scope.ts';
import { orgDashboardScopeCases } from '../modules/analytics/org-dashboard.scope.ts';
import { repDashboardScopeCases } from '../modules/analytics/rep-dashboard.scope.ts';
import { checkScopeCase, type Exemption, type ScopeCase } from './scope-matrix.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';
import { actorFor, createWorld, type World } from './world.ts';

const cases: ScopeCase[] = [
  ...orgScopeCases,
  ...usersScopeCases,
  ...territoriesScopeCases,
  ...importsScopeCases,
  ...duplicatesScopeCases,
  ...accountsScopeCases,
  ...segmentationScopeCases,
  ...viewsScopeCases,
  ...planningScopeCases,
  ...planningInsightsScopeCases,
  ...callsScopeCases,
  ...careScopeCases,
  ...carePlansScopeCases,
  ...complaintsScopeCases,
  ...surveysScopeCases,
  ...eventsScopeCases,
  ...partiesScopeCases,
  ...goodsScopeCases,
  ...moneyScopeCases,
  ...warningsScopeCases,
  ...careFeesScopeCases,
  ...targetsScopeCases,
  ...timeManagementScopeCases,
  ...pipelineScopeCases,
  ...prospectsScopeCases,
  ...competitorsScopeCases,
  ...reportsScopeCases,
  ...notificationsScopeCases,
  ...handoverScopeCases,
  ...teamDashboardScopeCases,
  ...drillScopeCases,
  ...orgDashboardScopeCases,
  ...repDashboardScopeCases,
  ...auditScopeCases,
];

/** Routes that act only on the caller's own session: there is no other record to leak. */
const exemptions: Exemption[] = [
  { route: 'GET /api/auth/me', why: "the caller's own session" },
  { route: 'POST /api/auth/logout', why: "ends the caller's own session" },
  { route: 'POST /api/auth/password', why: "changes the caller's own password" },
  { route: 'POST /api/auth/logout-everywhere', why: "ends the caller's own sessions" },
];

let t: TestApp;
let w: World;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  for (const role of roles) clients[role] = await t.signIn(actorFor(w, role).username);
});
afterAll(async () => t?.close());

describe('scope matrix: every route × every role × in/out of scope', () => {
  it('every registered API route has a scope case or a stated exemption', () => {
    const declared = new Set([...cases.map((c) => c.route), ...exemptions.map((e) => e.route)]);
    const missing = t.app.routeTable
      .filter((r) => !r.public && r.url.startsWith('/api/'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((route) => !declared.has(route));
    expect(missing).toEqual([]);
  });

  it('declares no case for a route that does not exist', () => {
    const registered = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    expect(cases.map((c) => c.route).filter((r) => !registered.has(r))).toEqual([]);
  });

  it.each(cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    await checkScopeCase(c, w, t.database.db, clients);
  });
});
