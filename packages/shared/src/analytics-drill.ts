/**
 * Drill-down 钻取: the records behind a dashboard figure. Each list takes the dashboard's own parameters
 * (period, product, a team or a rep) and its total is the figure it was opened from.
 */
import { z } from 'zod';
import { callTypes } from './calls.ts';
import { isoDate } from './common.ts';
import { dashboardQuerySchema } from './analytics.ts';

/** The records of a team (teamId) or one rep (repId); a rep drills their own figures without either. */
export const drillScopeQuerySchema = dashboardQuerySchema.extend({
  teamId: z.uuid().optional(),
  repId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** uncovered: target doctors with no counted call; covered: ≥ 1; belowFrequency: done < required; all targets. */
export const drillDoctorStates = ['uncovered', 'covered', 'belowFrequency', 'all'] as const;
export type DrillDoctorState = (typeof drillDoctorStates)[number];

/** `GET /api/dashboards/drill/doctors?state=&grade=` — target doctors (visits required > 0) behind coverage/frequency. */
export const drillDoctorsQuerySchema = drillScopeQuerySchema.extend({
  state: z.enum(drillDoctorStates).default('all'),
  grade: z.string().trim().min(1).max(20).optional(),
});
export type DrillDoctorsQuery = z.infer<typeof drillDoctorsQuerySchema>;

export const drillDoctorSchema = z.object({
  /** The doctor's id (a doctor covered by two reps of a team appears once per rep) */
  id: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  departmentName: z.string().nullable(),
  /** Best grade over the doctor's products, or the filtered product's */
  grade: z.string(),
  repId: z.uuid(),
  repName: z.string(),
  requiredCalls: z.number().int(),
  /** The rep's counted calls on the doctor in the period (all of them; frequency counts at most required) */
  doneCalls: z.number().int(),
  /** Latest counted submitted call on the doctor by anyone, up to the period's end */
  lastCallDate: isoDate.nullable(),
});
export type DrillDoctor = z.infer<typeof drillDoctorSchema>;

/** all: the calls figure; short: ≤ 1 minute; burst: logged in bursts; fewObjectives: below the minimum. */
export const drillCallKinds = ['all', 'short', 'burst', 'fewObjectives'] as const;
export type DrillCallKind = (typeof drillCallKinds)[number];

export const drillCallsQuerySchema = drillScopeQuerySchema.extend({
  kind: z.enum(drillCallKinds).default('all'),
});
export type DrillCallsQuery = z.infer<typeof drillCallsQuerySchema>;

export const drillCallSchema = z.object({
  id: z.uuid(),
  callDate: isoDate,
  startAt: z.string(),
  /** end − start in minutes, one decimal */
  minutes: z.number(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  repId: z.uuid(),
  repName: z.string(),
  type: z.enum(callTypes),
  objectiveCount: z.number().int(),
});
export type DrillCall = z.infer<typeof drillCallSchema>;

/** Open follow-ups past their due date (as of today); period and product do not apply. */
export const drillFollowUpsQuerySchema = drillScopeQuerySchema;
export type DrillFollowUpsQuery = z.infer<typeof drillFollowUpsQuerySchema>;

export const drillFollowUpSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  dueDate: isoDate,
  overdueDays: z.number().int(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  repId: z.uuid(),
  repName: z.string(),
});
export type DrillFollowUp = z.infer<typeof drillFollowUpSchema>;
