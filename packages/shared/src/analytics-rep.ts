/**
 * The rep's home dashboard 代表首页: today's plan, overdue follow-ups, due/overdue doctors by grade, care dates,
 * quota attainment, ladder/stage movements and the rep's own KPIs in one answer.
 */
import { z } from 'zod';
import { isoDate } from './common.ts';
import { dashboardQuerySchema, kpiFiguresSchema, periodSchema } from './analytics.ts';
import { upcomingCareSchema } from './care.ts';

/** `GET /api/dashboards/rep?repId=` — a rep sees themself; a manager names a rep of their teams; admin/compliance any rep. */
export const repDashboardQuerySchema = dashboardQuerySchema.extend({ repId: z.uuid().optional() });
export type RepDashboardQuery = z.infer<typeof repDashboardQuerySchema>;

export const repDashboardPlannedCallSchema = z.object({
  plannedCallId: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  /** 上午 am / 下午 pm */
  halfDay: z.enum(['am', 'pm']),
  /** 'HH:MM' when the rep set a time slot */
  startTime: z.string().nullable(),
  /** done: the planned call is marked done or a submitted call was recorded for it */
  status: z.enum(['planned', 'done']),
  /** The submitted call for it, if any */
  callId: z.uuid().nullable(),
});
export type RepDashboardPlannedCall = z.infer<typeof repDashboardPlannedCallSchema>;

export const repDashboardFollowUpSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  dueDate: isoDate,
  overdueDays: z.number().int(),
  doctorId: z.uuid(),
  doctorName: z.string(),
});

/** Where an attainment's actual comes from; mixed: some months from flow, others entered by hand. */
export const actualSources = ['flow', 'manual', 'mixed', 'none'] as const;

const pct = z.number().nullable();

export const repDashboardSchema = z.object({
  period: periodSchema,
  rep: z.object({ id: z.uuid(), name: z.string() }),
  /** The norms the KPIs are read against (planning settings) */
  norms: z.object({
    minCallsPerDay: z.number().int(),
    maxCallsPerDay: z.number().int(),
    minObjectives: z.number().int(),
  }),
  /** 今日计划: today's planned calls (cancelled ones left out) and which are done */
  today: z.object({
    date: isoDate,
    planned: z.number().int(),
    done: z.number().int(),
    calls: z.array(repDashboardPlannedCallSchema),
  }),
  /** 逾期跟进: open follow-ups past their due date, the 10 oldest */
  overdueFollowUps: z.object({ count: z.number().int(), items: z.array(repDashboardFollowUpSchema) }),
  /** 到期/逾期医生 in today's cycle by best grade (the frequency rule of /frequency) */
  dueDoctorsByGrade: z.array(
    z.object({ grade: z.string(), due: z.number().int(), overdue: z.number().int() }),
  ),
  frequencyCycle: z.object({ start: isoDate, end: isoDate }),
  /** 关怀日期: the same window as the care module's home card */
  careDatesThisWeek: upcomingCareSchema,
  /** 指标达成 over `months` (a cycle: the month of its reference date; otherwise the months of the period) */
  attainment: z.object({
    months: z.array(z.string()),
    quota: z.number().int(),
    actual: z.number().int(),
    attainmentPct: pct,
    products: z.array(
      z.object({
        productId: z.uuid(),
        productName: z.string(),
        quota: z.number().int(),
        actual: z.number().int(),
        attainmentPct: pct,
        source: z.enum(actualSources),
      }),
    ),
  }),
  /** 阶梯与关系阶段变化 of the rep's doctors in the period (first assessments are not moves) */
  movements: z.object({
    ladderUp: z.number().int(),
    ladderDown: z.number().int(),
    stageUp: z.number().int(),
    stageDown: z.number().int(),
    /** The latest 50 */
    items: z.array(
      z.object({
        doctorId: z.uuid(),
        doctorName: z.string(),
        kind: z.enum(['ladder', 'stage']),
        /** ladder moves only */
        productName: z.string().nullable(),
        from: z.number().int(),
        to: z.number().int(),
        date: isoDate,
      }),
    ),
  }),
  kpis: kpiFiguresSchema,
});
export type RepDashboard = z.infer<typeof repDashboardSchema>;
