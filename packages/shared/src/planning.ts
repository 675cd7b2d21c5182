/**
 * API contract of planning 计划: settings (周期, 每天拜访量, 最少目标数), cycle plans 周期计划 with the generator,
 * planned calls 计划拜访 (日计划 = a day's calls), weekly plans 周计划, the calendar, the pre-call brief 访前准备,
 * reminders, and frequency attainment 拜访频率达成 with the due/overdue list.
 * The rules live in packages/domain (planning/*); the generator's figures are its PlanQuality.
 */
import { z } from 'zod';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { clinicSlotSchema, halfDays, personalitySchema } from './accounts.ts';
import { callTypes } from './calls.ts';

export type { HalfDay } from '@keqing/domain';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** 'HH:MM', 24 h */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

// ── Settings ──────────────────────────────────────────────────────────────────

/** The admin's planning rules. Every threshold is configurable (the issue's defaults below). */
export const planningSettingsSchema = z
  .object({
    /** 周期 length in weeks (4) */
    cycleWeeks: z.number().int().min(1).max(8),
    /** A date on which a cycle starts (a Monday); the cycles before and after follow from it */
    cycleAnchor: isoDate,
    /** Warn below this many planned calls on a working day (10) */
    minCallsPerDay: z.number().int().min(1).max(40),
    /** Warn above, and the generator never exceeds, this many (15) */
    maxCallsPerDay: z.number().int().min(1).max(40),
    /** SMART objectives per call: warn when fewer (3) */
    minObjectives: z.number().int().min(1).max(10),
    /** A call may be recorded at most this many days after it happened (3) */
    callEntryMaxDays: z.number().int().min(0).max(30),
    /** Call types that count toward a doctor's visit frequency 拜访频率 */
    countedCallTypes: z.array(z.enum(callTypes)).min(1),
    /** Reminder to build next week's plan: ISO weekday (5 = Friday) and hour (14 → 14:00 China time) */
    weeklyPlanReminder: z.object({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
    }),
    /** A stamped location within this many metres of the hospital shows as 近 (near) */
    nearHospitalMeters: z.number().int().min(50).max(20_000),
  })
  .refine((s) => s.minCallsPerDay <= s.maxCallsPerDay, {
    path: ['minCallsPerDay'],
    params: { i18n: 'planning.settings.minAboveMax' },
  })
  // Cycles start on the anchor's weekday; plans, weeks and the calendar all assume Monday.
  .refine((s) => new Date(`${s.cycleAnchor}T00:00:00Z`).getUTCDay() === 1, {
    path: ['cycleAnchor'],
    params: { i18n: 'planning.settings.anchorNotMonday' },
  });
export type PlanningSettings = z.infer<typeof planningSettingsSchema>;

export const defaultPlanningSettings: PlanningSettings = {
  cycleWeeks: 4,
  cycleAnchor: '2026-01-05',
  minCallsPerDay: 10,
  maxCallsPerDay: 15,
  minObjectives: 3,
  callEntryMaxDays: 3,
  countedCallTypes: ['visit', 'departmentMeeting', 'conference'],
  weeklyPlanReminder: { weekday: 5, hour: 14 },
  nearHospitalMeters: 1000,
};

// ── Shared shapes ─────────────────────────────────────────────────────────────

/** A SMART objective 拜访目标 of a planned call. */
export const plannedObjectiveSchema = z.object({ text: trimmed(200) });
/** Warnings a plan answer carries (never errors: the rep decides). Keys are i18n keys under `planning.warning.`. */
export const planWarningSchema = z.object({
  code: z.enum([
    'belowMinCalls', // a working day below minCallsPerDay
    'aboveMaxCalls', // a working day above maxCallsPerDay
    'fewObjectives', // a planned call with fewer than minObjectives objectives
    'outsideAvailability', // a call on a half-day outside the doctor's clinic schedule
    'nonWorkingDay', // a call on a weekend/holiday
    'holidayDataMissing', // chinese-days has no holiday data for a year of the cycle
  ]),
  date: isoDate.optional(),
  plannedCallId: z.uuid().optional(),
  message: z.string(),
});
export type PlanWarning = z.infer<typeof planWarningSchema>;

export const planQualitySchema = z.object({
  frequencyAttainmentPct: z.number(),
  hospitalSwitchesPerDay: z.number(),
  callsOutsideAvailability: z.number().int(),
  daysBelowMin: z.number().int(),
  daysAboveMax: z.number().int(),
  totalCalls: z.number().int(),
});
export type PlanQualityBody = z.infer<typeof planQualitySchema>;

export const underServedSchema = z.object({
  doctorId: z.uuid(),
  doctorName: z.string(),
  grade: z.string(),
  required: z.number().int(),
  planned: z.number().int(),
  missing: z.number().int(),
});
export type UnderServedDoctor = z.infer<typeof underServedSchema>;

// ── Cycle plans 周期计划 ──────────────────────────────────────────────────────

export const cyclePlanStatuses = ['draft', 'accepted'] as const;
export const promotionalActivitySchema = z.object({
  title: trimmed(100),
  date: isoDate.nullable().optional(),
  hospitalId: z.uuid().nullable().optional(),
  productId: z.uuid().nullable().optional(),
  note: optionalText(300),
});
export const hospitalDaysSchema = z.object({
  hospitalId: z.uuid(),
  /** 每家医院的天数 (may be fractional: half-days) */
  days: z.number().min(0).max(31),
});

export const cyclePlanSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  cycleStart: isoDate,
  cycleEnd: isoDate,
  status: z.enum(cyclePlanStatuses),
  workingDays: z.array(isoDate),
  hospitalDays: z.array(hospitalDaysSchema.extend({ hospitalName: z.string() })),
  developDepartmentIds: z.array(z.uuid()),
  developDoctorIds: z.array(z.uuid()),
  promotionalActivities: z.array(promotionalActivitySchema),
  notes: z.string().nullable(),
  quality: planQualitySchema.nullable(),
  underServed: z.array(underServedSchema),
  generatedAt: z.string().nullable(),
  /** Planned calls (not cancelled) in the plan */
  plannedCallCount: z.number().int(),
  warnings: z.array(planWarningSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CyclePlan = z.infer<typeof cyclePlanSchema>;

export const cyclePlanListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  /** Plans whose cycle contains this date */
  date: isoDate.optional(),
});

/** POST /api/cycle-plans — opens the plan of the cycle containing `date` (default today) for the caller. */
export const createCyclePlanSchema = z.object({ date: isoDate.optional() });

export const updateCyclePlanSchema = z.object({
  version: versionSchema,
  hospitalDays: z.array(hospitalDaysSchema).max(200).optional(),
  developDepartmentIds: z.array(z.uuid()).max(200).optional(),
  developDoctorIds: z.array(z.uuid()).max(500).optional(),
  promotionalActivities: z.array(promotionalActivitySchema).max(50).optional(),
  notes: optionalText(2000),
  status: z.enum(cyclePlanStatuses).optional(),
});

/**
 * POST /api/cycle-plans/:id/generate — (re)generates the plan: unlocked generated calls of days not yet
 * past are replaced; locked and manual calls, calls already done and past days stay. Deterministic.
 */
export const generateCyclePlanSchema = z.object({ version: versionSchema });

// ── Planned calls 计划拜访 ────────────────────────────────────────────────────

export const plannedCallStatuses = ['planned', 'done', 'cancelled'] as const;

export const plannedCallSchema = z.object({
  id: z.uuid(),
  cyclePlanId: z.uuid(),
  ownerId: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  doctorGrade: z.string().nullable(),
  departmentName: z.string().nullable(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  date: isoDate,
  halfDay: z.enum(halfDays),
  startTime: clockTimeSchema.nullable(),
  endTime: clockTimeSchema.nullable(),
  place: z.string().nullable(),
  locked: z.boolean(),
  source: z.enum(['generated', 'manual']),
  objectives: z.array(plannedObjectiveSchema),
  productIds: z.array(z.uuid()),
  keyMessages: z.array(z.string()),
  expectedObjections: z.array(z.string()),
  status: z.enum(plannedCallStatuses),
  /** The submitted or draft call logged for it */
  callId: z.uuid().nullable(),
  /** Whether the half-day is in the doctor's clinic schedule (true when the doctor has none) */
  withinAvailability: z.boolean(),
  version: z.number().int(),
});
export type PlannedCall = z.infer<typeof plannedCallSchema>;

const plannedCallFields = {
  startTime: clockTimeSchema.nullable().optional(),
  endTime: clockTimeSchema.nullable().optional(),
  place: optionalText(100),
  locked: z.boolean().optional(),
  objectives: z.array(plannedObjectiveSchema).max(10).optional(),
  productIds: z.array(z.uuid()).max(10).optional(),
  keyMessages: z.array(trimmed(200)).max(10).optional(),
  expectedObjections: z.array(trimmed(200)).max(10).optional(),
};

/** POST /api/planned-calls — a call added by hand (to the caller's plan of that date's cycle). */
export const createPlannedCallSchema = z.object({
  doctorId: z.uuid(),
  date: isoDate,
  halfDay: z.enum(halfDays),
  ...plannedCallFields,
});

/** PATCH /api/planned-calls/:id — a drag to another day is `{ version, date, halfDay }`. */
export const updatePlannedCallSchema = z.object({
  version: versionSchema,
  date: isoDate.optional(),
  halfDay: z.enum(halfDays).optional(),
  status: z.enum(['planned', 'cancelled']).optional(),
  ...plannedCallFields,
});

/** The answer of a planned-call write: the call and what the rep should look at (never blocking). */
export const plannedCallWriteResultSchema = z.object({
  plannedCall: plannedCallSchema,
  warnings: z.array(planWarningSchema),
});

export const plannedCallListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(plannedCallStatuses).optional(),
});

// ── Calendar 日历 (day, week, month, list) ────────────────────────────────────

/** GET /api/planning/calendar?from&to&ownerId — at most 42 days; a manager passes a team rep's id. */
export const calendarQuerySchema = z.object({
  from: isoDate,
  to: isoDate,
  /** Default: the caller */
  ownerId: z.uuid().optional(),
});

export const calendarDaySchema = z.object({
  date: isoDate,
  workingDay: z.boolean(),
  /** Holiday / 调休 name from chinese-days, if any */
  holidayName: z.string().nullable(),
  plannedCount: z.number().int(),
  /** Submitted calls logged that day */
  loggedCount: z.number().int(),
  warnings: z.array(planWarningSchema),
});

/** A logged call as the calendar shows it beside the plan. */
export const calendarCallSchema = z.object({
  id: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  type: z.enum(callTypes),
  startAt: z.string(),
  endAt: z.string(),
  status: z.enum(['draft', 'submitted']),
  plannedCallId: z.uuid().nullable(),
});

export const calendarSchema = z.object({
  ownerId: z.uuid(),
  ownerName: z.string(),
  from: isoDate,
  to: isoDate,
  days: z.array(calendarDaySchema),
  plannedCalls: z.array(plannedCallSchema),
  calls: z.array(calendarCallSchema),
  /** The cycle plan(s) touching the range */
  cyclePlans: z.array(
    z.object({ id: z.uuid(), cycleStart: isoDate, cycleEnd: isoDate, status: z.enum(cyclePlanStatuses) }),
  ),
});
export type Calendar = z.infer<typeof calendarSchema>;

// ── Weekly plans 周计划 ───────────────────────────────────────────────────────

export const weeklyPlanSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  weekStart: isoDate,
  goals: z.string().nullable(),
  notes: z.string().nullable(),
  submittedAt: z.string().nullable(),
  plannedCallCount: z.number().int(),
  workingDayCount: z.number().int(),
  warnings: z.array(planWarningSchema),
  version: z.number().int(),
});
export type WeeklyPlan = z.infer<typeof weeklyPlanSchema>;

export const weeklyPlanListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  weekStart: isoDate.optional(),
});

/** PUT /api/weekly-plans/:weekStart — the caller's plan of that week (created on first save). */
export const saveWeeklyPlanSchema = z.object({
  /** Absent on the first save */
  version: versionSchema.optional(),
  goals: optionalText(2000),
  notes: optionalText(4000),
  submit: z.boolean().optional(),
});
export const weekStartParamsSchema = z.object({ weekStart: isoDate });

// ── Reminders 提醒 ────────────────────────────────────────────────────────────

export const planningReminderSchema = z.object({
  /** nextWeekEmpty: from the configured Friday afternoon on, next week has no planned call */
  kind: z.enum(['nextWeekEmpty', 'todayBelowMin']),
  date: isoDate,
  message: z.string(),
});
export const planningRemindersSchema = z.object({ items: z.array(planningReminderSchema) });

// ── Pre-call brief 访前准备 ───────────────────────────────────────────────────

export const preCallBriefSchema = z.object({
  doctor: z.object({
    id: z.uuid(),
    name: z.string(),
    hospitalName: z.string(),
    departmentName: z.string().nullable(),
    title: z.string().nullable(),
    position: z.string().nullable(),
    clinicSchedule: z.array(clinicSlotSchema),
    bestVisitTime: z.string().nullable(),
    preferredChannel: z.string().nullable(),
    relationshipStage: z.number().int().nullable(),
  }),
  personality: personalitySchema.nullable(),
  /** Per product: status, potential, grade, visits per cycle, ladder step */
  products: z.array(
    z.object({
      productId: z.uuid(),
      productName: z.string(),
      prescriptionStatus: z.number().int(),
      prescriptionPotential: z.number().int(),
      grade: z.string(),
      visitsPerCycle: z.number().int(),
      adoptionStep: z.number().int().nullable(),
    }),
  ),
  /** The doctor's last submitted call (whoever logged it) and its promised next step */
  lastCall: z
    .object({
      id: z.uuid(),
      callDate: isoDate,
      type: z.string(),
      ownerName: z.string(),
      objectives: z.array(z.object({ text: z.string(), outcome: z.string() })),
      commitment: z.string().nullable(),
      nextStep: z.string().nullable(),
      nextStepDue: isoDate.nullable(),
      notes: z.string().nullable(),
    })
    .nullable(),
  openFollowUps: z.array(
    z.object({ id: z.uuid(), title: z.string(), dueDate: isoDate, overdue: z.boolean() }),
  ),
  /** Care dates in the next 30 days (birthday for now; the care issue adds more). Empty without personal-data access. */
  upcomingCareDates: z.array(z.object({ date: isoDate, kind: z.string(), label: z.string() })),
  frequency: z.object({
    required: z.number().int(),
    doneThisCycle: z.number().int(),
    lastCallDate: isoDate.nullable(),
  }),
});
export type PreCallBrief = z.infer<typeof preCallBriefSchema>;

// ── Frequency attainment 拜访频率达成 ─────────────────────────────────────────

export const frequencyStates = ['ok', 'due', 'overdue', 'notTarget'] as const;

/** GET /api/frequency/doctors — per doctor of a rep in the current (or given) cycle. */
export const frequencyDoctorQuerySchema = listQuerySchema.extend({
  /** Default: the caller (a rep); a manager/admin names a rep */
  ownerId: z.uuid().optional(),
  date: isoDate.optional(),
  grade: z.string().max(5).optional(),
  state: z.enum(frequencyStates).optional(),
});
export const frequencyDoctorSchema = z.object({
  /** the doctor's id */
  id: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  departmentName: z.string().nullable(),
  /** Best grade over products (A before B before C); null when never scored */
  grade: z.string().nullable(),
  /** 拜访频率: calls required this cycle */
  required: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
  lastCallDate: isoDate.nullable(),
  /** Next call due by (lastCall + cycle days / required) */
  dueDate: isoDate.nullable(),
  overdueDays: z.number().int(),
  state: z.enum(frequencyStates),
});
export type FrequencyDoctor = z.infer<typeof frequencyDoctorSchema>;

/** GET /api/frequency/summary?ownerId|teamId&date — planned vs required vs done, by grade and by rep. */
export const frequencySummaryQuerySchema = z.object({
  ownerId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  date: isoDate.optional(),
});
const frequencyRowSchema = z.object({
  required: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
  /** Σ min(done, required) / Σ required, %, one decimal */
  attainmentPct: z.number(),
  doctors: z.number().int(),
  overdueDoctors: z.number().int(),
});
export const frequencySummarySchema = z.object({
  cycleStart: isoDate,
  cycleEnd: isoDate,
  total: frequencyRowSchema,
  byGrade: z.array(frequencyRowSchema.extend({ grade: z.string() })),
  byRep: z.array(frequencyRowSchema.extend({ repId: z.uuid(), repName: z.string() })),
});
export type FrequencySummary = z.infer<typeof frequencySummarySchema>;
