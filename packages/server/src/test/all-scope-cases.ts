/**
 * Every module's scope cases in one list, in the order the scope matrix runs them (audit last: it reads
 * what the others wrote). The scope matrix walks it; the bad-input test takes each write route's valid
 * request from here (real in-scope ids, a current version) and spoils one node of its body; a
 * route missing here is still fuzzed, from its schema alone.
 */
import type { ScopeCase } from './scope-matrix.ts';
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

export const allScopeCases: ScopeCase[] = [
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
