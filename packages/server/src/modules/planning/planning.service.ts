import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  addDays,
  bestGrade,
  chinaDate,
  cycleOf,
  dayLoadWarning,
  defaultPlanOptions,
  generateCyclePlan,
  holidayNameOf,
  isWithinAvailability,
  isWorkingDay,
  mondayOf,
  planQuality,
  requiredCallsInCycle,
  workingDaysBetween,
  yearsWithoutHolidayData,
  type DayLoadWarning,
  type PlanDoctor,
  type PlannedCall as GeneratedCall,
} from '@keqing/domain';
import {
  ruleMessage,
  type Calendar,
  type calendarQuerySchema,
  type createCyclePlanSchema,
  type createPlannedCallSchema,
  type CyclePlan,
  type cyclePlanListQuerySchema,
  type generateCyclePlanSchema,
  type ListResponse,
  type PlannedCall,
  type plannedCallListQuerySchema,
  type PlanningSettings,
  type PlanWarning,
  type saveWeeklyPlanSchema,
  type updateCyclePlanSchema,
  type updatePlannedCallSchema,
  type WeeklyPlan,
  type weeklyPlanListQuerySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { insertPlanningSettings, loadPlanningSettings } from './planning-settings.repository.ts';
import * as repo from './planning.repository.ts';

/** The calendar answers at most six weeks: a month view with its leading and trailing days. */
export const maxCalendarDays = 42;

type WarningCode = PlanWarning['code'];

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

const repsOnly = () => new AppError('FORBIDDEN', { messageKey: 'planning.plan.repsOnly' });
const ownerOnly = () => forbidden('planning.plan.ownerOnly');

/**
 * Planning 计划: settings, cycle plans 周期计划 with the generator, planned calls 计划拜访 (the daily plan),
 * the calendar and weekly plans 周计划. Reps write their own plans; managers read their teams' plans,
 * admins and compliance read all; only admins change the settings.
 */
export function createPlanningService(deps: {
  db: Db;
  today?: () => string;
  now?: () => Date;
  /** After a settings save commits: the analytics summaries follow the counting rules (SummaryKeeper.check) */
  onSettingsSaved?: () => unknown;
}) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());
  const now = deps.now ?? (() => new Date());

  // ── Warnings (never errors: the rep decides) ──────────────────────────────

  const warning = (
    ctx: RequestContext,
    code: WarningCode,
    params: Record<string, string | number>,
    extra: { date?: string; plannedCallId?: string } = {},
  ): PlanWarning => ({
    code,
    ...extra,
    message: ruleMessage(ctx.locale, `planning.warning.${code}`, params) ?? code,
  });

  const dayWarning = (ctx: RequestContext, w: DayLoadWarning, s: PlanningSettings) =>
    warning(
      ctx,
      w.code,
      { date: w.date, count: w.count, min: s.minCallsPerDay, max: s.maxCallsPerDay },
      { date: w.date },
    );

  const holidayWarnings = (ctx: RequestContext, from: string, to: string) =>
    yearsWithoutHolidayData(from, to).map((year) => warning(ctx, 'holidayDataMissing', { year }));

  /** The warnings of one planned call as it stands (objectives, clinic schedule, working day). */
  function callWarnings(ctx: RequestContext, call: PlannedCall, s: PlanningSettings): PlanWarning[] {
    const out: PlanWarning[] = [];
    const extra = { date: call.date, plannedCallId: call.id };
    if (call.status === 'cancelled') return out;
    if (call.objectives.length < s.minObjectives) {
      out.push(warning(ctx, 'fewObjectives', { count: call.objectives.length, min: s.minObjectives }, extra));
    }
    if (!call.withinAvailability) {
      const halfDay = ruleMessage(ctx.locale, `planning.halfDay.${call.halfDay}`) ?? call.halfDay;
      out.push(warning(ctx, 'outsideAvailability', { date: call.date, halfDay }, extra));
    }
    if (!isWorkingDay(call.date)) out.push(warning(ctx, 'nonWorkingDay', { date: call.date }, extra));
    return out;
  }

  /** Day warnings of dates the rep is expected to plan (working days) and of days holding calls. */
  function dayWarnings(
    ctx: RequestContext,
    dates: string[],
    counts: Map<string, number>,
    expected: (date: string) => boolean,
    s: PlanningSettings,
  ): PlanWarning[] {
    const out: PlanWarning[] = [];
    for (const date of dates) {
      const w = dayLoadWarning(
        { date, count: counts.get(date) ?? 0, workingDay: isWorkingDay(date), expected: expected(date) },
        { minPerDay: s.minCallsPerDay, maxPerDay: s.maxCallsPerDay },
      );
      if (w) out.push(dayWarning(ctx, w, s));
    }
    return out;
  }

  // ── Cycle plans ───────────────────────────────────────────────────────────

  async function toCyclePlans(ctx: RequestContext, rows: repo.CyclePlanRow[]): Promise<CyclePlan[]> {
    if (rows.length === 0) return [];
    const s = await loadPlanningSettings(db);
    const counts = await repo.plannedCountsByPlan(
      db,
      rows.map((r) => r.id),
    );
    const names = await repo.hospitalNames(db, [
      ...new Set(rows.flatMap((r) => r.hospitalDays.map((h) => h.hospitalId))),
    ]);
    return rows.map((row) => {
      const byDate = new Map(counts.filter((c) => c.cyclePlanId === row.id).map((c) => [c.date, c.n]));
      const workingDays = new Set(row.workingDays);
      const dates = [...new Set([...row.workingDays, ...byDate.keys()])].sort();
      return {
        ...row,
        hospitalDays: row.hospitalDays.map((h) => ({ ...h, hospitalName: names.get(h.hospitalId) ?? '' })),
        warnings: [
          ...holidayWarnings(ctx, row.cycleStart, row.cycleEnd),
          ...dayWarnings(ctx, dates, byDate, (d) => row.plannedCallCount > 0 && workingDays.has(d), s),
        ],
      };
    });
  }

  async function toCyclePlan(ctx: RequestContext, row: repo.CyclePlanRow): Promise<CyclePlan> {
    return (await toCyclePlans(ctx, [row]))[0]!;
  }

  /** A plan the caller may change: 404 outside their scope, 403 when it is someone else's. */
  async function ownPlan(ctx: RequestContext, tx: Db, id: string) {
    assertMayWrite(ctx.actor);
    const plan = await repo.getCyclePlan(tx, id, scopeOf(ctx.actor).users(repo.cyclePlans.ownerId));
    if (!plan) throw notFound();
    if (plan.ownerId !== ctx.actor.id) throw ownerOnly();
    return plan;
  }

  /** The caller's plan of the cycle containing the date, created (and audited) when missing. */
  async function planOfDate(ctx: RequestContext, tx: Db, date: string, s: PlanningSettings) {
    const existing = await repo.findCyclePlanOfDate(tx, ctx.actor.id, date);
    if (existing) return existing;
    const cycle = cycleOf(date, { cycleStart: s.cycleAnchor, weeks: s.cycleWeeks });
    const id = await repo.insertCyclePlan(tx, {
      ownerId: ctx.actor.id,
      cycleStart: cycle.start,
      cycleEnd: cycle.end,
      workingDays: workingDaysBetween(cycle.start, cycle.end),
    });
    const created = (await repo.getCyclePlan(tx, id))!;
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: 'cyclePlan',
      entityId: id,
      action: 'create',
      after: created,
    });
    return created;
  }

  /** Ids of a body that must satisfy a condition (the caller's territories): the first one outside is a field error. */
  async function assertWithin(
    table: Parameters<typeof repo.idsWithin>[1],
    items: { id: string; path: string }[],
    condition: SQL | undefined,
    messageKey: string,
  ) {
    if (items.length === 0) return;
    const found = await repo.idsWithin(db, table, [...new Set(items.map((i) => i.id))], condition);
    const missing = items.find((i) => !found.has(i.id));
    if (missing) throw fieldError(missing.path, messageKey);
  }

  async function assertProductsExist(ids: { id: string; path: string }[]) {
    await assertWithin(repo.products, ids, undefined, 'planning.plan.productNotFound');
  }

  // ── Planned calls ─────────────────────────────────────────────────────────

  const toPlannedCall = (row: repo.PlannedCallRow): PlannedCall => {
    const { clinicSchedule, ...rest } = row;
    return { ...rest, withinAvailability: isWithinAvailability(clinicSchedule, row.date, row.halfDay) };
  };

  async function writeResult(ctx: RequestContext, row: repo.PlannedCallRow, affectedDates: string[]) {
    const s = await loadPlanningSettings(db);
    const plannedCall = toPlannedCall(row);
    const dates = [...new Set(affectedDates)].sort();
    const counts = new Map<string, number>();
    for (const date of dates) {
      const c = await repo.plannedCountsByDate(db, row.ownerId, date, date);
      counts.set(date, c.get(date) ?? 0);
    }
    return {
      plannedCall,
      warnings: [...callWarnings(ctx, plannedCall, s), ...dayWarnings(ctx, dates, counts, () => true, s)],
    };
  }

  async function ownPlannedCall(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    const row = await repo.getPlannedCall(db, id, scopeOf(ctx.actor).users(repo.plannedCalls.ownerId));
    if (!row) throw notFound();
    if (row.ownerId !== ctx.actor.id) throw ownerOnly();
    return row;
  }

  const assertTimeOrder = (start: string | null | undefined, end: string | null | undefined) => {
    if (start && end && end < start) throw fieldError('body.endTime', 'planning.call.endBeforeStart');
  };

  // ── Weekly plans ──────────────────────────────────────────────────────────

  async function toWeeklyPlan(
    ctx: RequestContext,
    row: repo.WeeklyPlanRow,
    s: PlanningSettings,
  ): Promise<WeeklyPlan> {
    const weekEnd = addDays(row.weekStart, 6);
    const counts = await repo.plannedCountsByDate(db, row.ownerId, row.weekStart, weekEnd);
    const dates = datesFrom(row.weekStart, weekEnd);
    const nonWorking = dates.filter((d) => !isWorkingDay(d) && (counts.get(d) ?? 0) > 0);
    return {
      ...row,
      plannedCallCount: [...counts.values()].reduce((a, b) => a + b, 0),
      workingDayCount: workingDaysBetween(row.weekStart, weekEnd).length,
      warnings: [
        ...holidayWarnings(ctx, row.weekStart, weekEnd),
        ...dayWarnings(ctx, dates, counts, () => true, s),
        ...nonWorking.map((date) => warning(ctx, 'nonWorkingDay', { date }, { date })),
      ],
    };
  }

  return {
    // ── Settings ──
    async getSettings(): Promise<PlanningSettings> {
      return loadPlanningSettings(db);
    },

    /** Saves the settings as a new version (the history stays in planning_settings and the audit log). */
    async saveSettings(ctx: RequestContext, input: PlanningSettings): Promise<PlanningSettings> {
      assertAdmin(ctx.actor);
      const saved = await db.transaction(async (tx) => {
        const before = await loadPlanningSettings(tx);
        const id = await insertPlanningSettings(tx, input, ctx.actor.id);
        const after = await loadPlanningSettings(tx);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'planningSettings',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return after;
      });
      deps.onSettingsSaved?.();
      return saved;
    },

    // ── Cycle plans ──
    async findCyclePlans(
      ctx: RequestContext,
      q: z.infer<typeof cyclePlanListQuerySchema>,
    ): Promise<ListResponse<CyclePlan>> {
      const scope = scopeOf(ctx.actor).users(repo.cyclePlans.ownerId);
      const { rows, total } = await repo.findCyclePlans(db, { ownerId: q.ownerId, date: q.date, scope }, q);
      return listOf(await toCyclePlans(ctx, rows), total, q);
    },

    async getCyclePlan(ctx: RequestContext, id: string): Promise<CyclePlan> {
      const row = await repo.getCyclePlan(db, id, scopeOf(ctx.actor).users(repo.cyclePlans.ownerId));
      if (!row) throw notFound();
      return toCyclePlan(ctx, row);
    },

    /**
     * A rep opens the plan of the cycle containing `date` (default today) for themself. A plan already
     * open for that cycle answers 409 CONFLICT with its id in `details.cyclePlanId` (the client opens it).
     */
    async createCyclePlan(
      ctx: RequestContext,
      input: z.infer<typeof createCyclePlanSchema>,
    ): Promise<CyclePlan> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep') throw repsOnly();
      const date = input.date ?? today();
      const s = await loadPlanningSettings(db);
      const exists = (plan: { id: string; cycleStart: string; cycleEnd: string }) =>
        new AppError('CONFLICT', {
          messageKey: 'planning.plan.exists',
          params: { cycleStart: plan.cycleStart, cycleEnd: plan.cycleEnd },
          details: { cyclePlanId: plan.id },
        });
      const existing = await repo.findCyclePlanOfDate(db, ctx.actor.id, date);
      if (existing) throw exists(existing);
      const cycle = cycleOf(date, { cycleStart: s.cycleAnchor, weeks: s.cycleWeeks });
      const row = await auditedCreate(db, ctx, {
        entity: 'cyclePlan',
        create: (tx) =>
          repo.insertCyclePlan(tx, {
            ownerId: ctx.actor.id,
            cycleStart: cycle.start,
            cycleEnd: cycle.end,
            workingDays: workingDaysBetween(cycle.start, cycle.end),
          }),
        load: (tx, id) => repo.getCyclePlan(tx, id),
      }).catch(async (err: unknown) => {
        if (!isUniqueViolation(err)) throw err;
        const raced = await repo.findCyclePlanOfDate(db, ctx.actor.id, date);
        throw raced ? exists(raced) : err;
      });
      return toCyclePlan(ctx, row);
    },

    async updateCyclePlan(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateCyclePlanSchema>,
    ): Promise<CyclePlan> {
      await ownPlan(ctx, db, id);
      const scope = scopeOf(ctx.actor);
      const { version, ...rest } = input;
      await assertWithin(
        repo.hospitals,
        [
          ...(rest.hospitalDays ?? []).map((h, i) => ({
            id: h.hospitalId,
            path: `body.hospitalDays.${i}.hospitalId`,
          })),
          ...(rest.promotionalActivities ?? []).flatMap((a, i) =>
            a.hospitalId ? [{ id: a.hospitalId, path: `body.promotionalActivities.${i}.hospitalId` }] : [],
          ),
        ],
        scope.hospitals(repo.hospitals.id),
        'planning.plan.hospitalOutOfScope',
      );
      await assertWithin(
        repo.doctors,
        (rest.developDoctorIds ?? []).map((d, i) => ({ id: d, path: `body.developDoctorIds.${i}` })),
        scope.doctors(repo.doctors.id),
        'planning.plan.doctorOutOfScope',
      );
      await assertWithin(
        repo.departments,
        (rest.developDepartmentIds ?? []).map((d, i) => ({ id: d, path: `body.developDepartmentIds.${i}` })),
        scope.departments(repo.departments.id),
        'planning.plan.departmentOutOfScope',
      );
      await assertProductsExist(
        (rest.promotionalActivities ?? []).flatMap((a, i) =>
          a.productId ? [{ id: a.productId, path: `body.promotionalActivities.${i}.productId` }] : [],
        ),
      );
      const row = await auditedChange(db, ctx, {
        entity: 'cyclePlan',
        id,
        load: (tx) => repo.getCyclePlan(tx, id),
        write: (tx) =>
          updateVersioned(
            tx,
            repo.cyclePlans,
            id,
            version,
            definedOnly({
              ...rest,
              developDepartmentIds: rest.developDepartmentIds && [...new Set(rest.developDepartmentIds)],
              developDoctorIds: rest.developDoctorIds && [...new Set(rest.developDoctorIds)],
              notes: rest.notes === undefined ? undefined : rest.notes || null,
            }),
          ),
      });
      return toCyclePlan(ctx, row);
    },

    /**
     * (Re)generates the plan from today on. Kept where they are, and counted toward each doctor's frequency:
     * locked and manual calls, calls done or with a logged call, and everything before today. The other
     * generated calls still planned from today on are replaced by the generator's proposal. One
     * transaction with its audit row; the same data and day give the same plan.
     */
    async generateCyclePlan(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof generateCyclePlanSchema>,
    ): Promise<CyclePlan> {
      const plan = await ownPlan(ctx, db, id);
      const s = await loadPlanningSettings(db);
      const day0 = today();
      const options = {
        minPerDay: s.minCallsPerDay,
        maxPerDay: s.maxCallsPerDay,
        gradeOrder: defaultPlanOptions.gradeOrder,
      };
      await db.transaction(async (tx) => {
        // The version bump first: it locks the row, so two generations of one plan run one after the other.
        await updateVersioned(tx, repo.cyclePlans, id, input.version, {});
        const existing = await repo.findPlanCallsForGeneration(tx, id);
        const replaceable = (c: (typeof existing)[number]) =>
          c.source === 'generated' && c.status === 'planned' && !c.locked && !c.hasCall && c.date >= day0;
        const removed = existing.filter(replaceable);
        const kept = existing.filter((c) => c.status !== 'cancelled' && !replaceable(c));
        const keptByDoctor = new Map<string, typeof kept>();
        for (const c of kept) keptByDoctor.set(c.doctorId, [...(keptByDoctor.get(c.doctorId) ?? []), c]);
        const lockedOf = (doctorId: string) =>
          (keptByDoctor.get(doctorId) ?? []).map((c) => ({ date: c.date, halfDay: c.halfDay }));

        const listed = await repo.findPlanDoctors(tx, scopeOf(ctx.actor).doctors(repo.doctors.id));
        const listedIds = new Set(listed.map((d) => d.id));
        const doctors: PlanDoctor[] = listed.map((d) => ({
          id: d.id,
          hospitalId: d.hospitalId,
          grade: bestGrade(d.grades, options.gradeOrder) ?? '',
          requiredCalls: requiredCallsInCycle(d.visitsPerCycle, s.cycleWeeks),
          available: d.clinicSchedule,
          locked: lockedOf(d.id),
        }));
        // Kept calls of doctors no longer on the list (not scored, or left the territory) still take capacity.
        const unlisted = [...keptByDoctor.keys()].filter((d) => !listedIds.has(d)).sort();
        const basics = await repo.doctorBasics(tx, unlisted);
        for (const d of basics) {
          doctors.push({
            id: d.id,
            hospitalId: keptByDoctor.get(d.id)![0]!.hospitalId,
            grade: '',
            requiredCalls: 0,
            available: d.clinicSchedule,
            locked: lockedOf(d.id),
          });
        }

        const proposal = generateCyclePlan({
          workingDays: plan.workingDays.filter((d) => d >= day0),
          doctors,
          options,
        });
        const fresh = proposal.calls.filter((c) => !c.locked);
        await repo.deletePlannedCalls(
          tx,
          removed.map((c) => c.id),
        );
        await repo.insertPlannedCalls(
          tx,
          fresh.map((c) => ({
            cyclePlanId: id,
            ownerId: ctx.actor.id,
            doctorId: c.doctorId,
            hospitalId: c.hospitalId,
            date: c.date,
            halfDay: c.halfDay,
            source: 'generated' as const,
            locked: false,
          })),
        );
        const all: GeneratedCall[] = [
          ...kept.map((c) => ({
            doctorId: c.doctorId,
            hospitalId: c.hospitalId,
            date: c.date,
            halfDay: c.halfDay,
            locked: true,
          })),
          ...fresh,
        ];
        const quality = planQuality(plan.workingDays, doctors, all, options);
        const byId = new Map([...listed, ...basics].map((d) => [d.id, d.name]));
        const grades = new Map(doctors.map((d) => [d.id, d.grade]));
        const underServed = proposal.underServed.map((u) => ({
          ...u,
          doctorName: byId.get(u.doctorId) ?? '',
          grade: grades.get(u.doctorId) ?? '',
        }));
        await repo.setGenerationResult(tx, id, { quality, underServed });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'cyclePlan',
          entityId: id,
          action: 'update',
          before: {
            quality: plan.quality,
            generatedAt: plan.generatedAt,
            plannedCallCount: plan.plannedCallCount,
          },
          after: {
            quality,
            generatedFrom: day0,
            plannedCallCount: all.length,
            removedCalls: removed.length,
            addedCalls: fresh.length,
            underServedDoctors: underServed.length,
          },
        });
      });
      return toCyclePlan(ctx, (await repo.getCyclePlan(db, id))!);
    },

    // ── Planned calls ──
    async findPlannedCalls(
      ctx: RequestContext,
      q: z.infer<typeof plannedCallListQuerySchema>,
    ): Promise<ListResponse<PlannedCall>> {
      const scope = scopeOf(ctx.actor).users(repo.plannedCalls.ownerId);
      const { rows, total } = await repo.findPlannedCalls(
        db,
        { ownerId: q.ownerId, doctorId: q.doctorId, from: q.from, to: q.to, status: q.status, scope },
        q,
      );
      return listOf(rows.map(toPlannedCall), total, q);
    },

    async getPlannedCall(ctx: RequestContext, id: string): Promise<PlannedCall> {
      const row = await repo.getPlannedCall(db, id, scopeOf(ctx.actor).users(repo.plannedCalls.ownerId));
      if (!row) throw notFound();
      return toPlannedCall(row);
    },

    /**
     * A call the rep adds by hand, to their plan of the date's cycle (opened when missing). A doctor
     * outside the rep's territories answers 404; a weekend or holiday is a warning, not an error.
     */
    async createPlannedCall(ctx: RequestContext, input: z.infer<typeof createPlannedCallSchema>) {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep') throw repsOnly();
      const doctor = await repo.getDoctorForPlanning(
        db,
        input.doctorId,
        scopeOf(ctx.actor).doctors(repo.doctors.id),
      );
      if (!doctor) throw notFound();
      assertTimeOrder(input.startTime, input.endTime);
      await assertProductsExist(
        (input.productIds ?? []).map((p, i) => ({ id: p, path: `body.productIds.${i}` })),
      );
      const s = await loadPlanningSettings(db);
      const row = await auditedCreate(db, ctx, {
        entity: 'plannedCall',
        create: async (tx) => {
          const plan = await planOfDate(ctx, tx, input.date, s);
          return repo.insertPlannedCall(tx, {
            cyclePlanId: plan.id,
            ownerId: ctx.actor.id,
            doctorId: doctor.id,
            hospitalId: doctor.hospitalId,
            date: input.date,
            halfDay: input.halfDay,
            startTime: input.startTime ?? null,
            endTime: input.endTime ?? null,
            place: input.place || null,
            locked: input.locked ?? false,
            source: 'manual',
            objectives: input.objectives ?? [],
            productIds: input.productIds ?? [],
            keyMessages: input.keyMessages ?? [],
            expectedObjections: input.expectedObjections ?? [],
          });
        },
        load: (tx, id) => repo.getPlannedCall(tx, id),
      });
      return writeResult(ctx, row, [row.date]);
    },

    /**
     * Edits a planned call; a drag in the calendar is `{ version, date, halfDay }`. A moved call is locked
     * (the rep chose its place, regenerating keeps it) unless the body says otherwise. A call already done
     * cannot be moved or cancelled; a date outside the plan's cycle is a field error.
     */
    async updatePlannedCall(ctx: RequestContext, id: string, input: z.infer<typeof updatePlannedCallSchema>) {
      const current = await ownPlannedCall(ctx, id);
      const { version, ...rest } = input;
      const moving =
        (rest.date !== undefined && rest.date !== current.date) ||
        (rest.halfDay !== undefined && rest.halfDay !== current.halfDay);
      if (current.status === 'done' && (moving || rest.status !== undefined)) {
        throw new AppError('CONFLICT', { messageKey: 'planning.call.doneNotMovable' });
      }
      if (rest.date !== undefined && rest.date !== current.date) {
        const plan = (await repo.getCyclePlan(db, current.cyclePlanId))!;
        if (rest.date < plan.cycleStart || rest.date > plan.cycleEnd) {
          throw fieldError('body.date', 'planning.call.outsideCycle', {
            cycleStart: plan.cycleStart,
            cycleEnd: plan.cycleEnd,
          });
        }
      }
      assertTimeOrder(
        rest.startTime === undefined ? current.startTime : rest.startTime,
        rest.endTime === undefined ? current.endTime : rest.endTime,
      );
      await assertProductsExist(
        (rest.productIds ?? []).map((p, i) => ({ id: p, path: `body.productIds.${i}` })),
      );
      const row = await auditedChange(db, ctx, {
        entity: 'plannedCall',
        id,
        load: (tx) => repo.getPlannedCall(tx, id),
        write: (tx) =>
          updateVersioned(
            tx,
            repo.plannedCalls,
            id,
            version,
            definedOnly({
              ...rest,
              place: rest.place === undefined ? undefined : rest.place || null,
              locked: rest.locked ?? (moving ? true : undefined),
            }),
          ),
      });
      return writeResult(ctx, row, moving ? [current.date, row.date] : [row.date]);
    },

    /** Deletes a call still only planned (a done call or one with a logged call stays: it is history). */
    async deletePlannedCall(ctx: RequestContext, id: string): Promise<void> {
      const current = await ownPlannedCall(ctx, id);
      if (current.status !== 'planned') {
        throw new AppError('CONFLICT', { messageKey: 'planning.call.onlyPlannedDeletable' });
      }
      if (current.callId) throw new AppError('CONFLICT', { messageKey: 'planning.call.hasCall' });
      await db.transaction(async (tx) => {
        const before = await repo.getPlannedCall(tx, id);
        if (!before) throw notFound();
        await repo.deletePlannedCall(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'plannedCall',
          entityId: id,
          action: 'delete',
          before,
        });
      });
    },

    // ── Calendar ──
    /**
     * One rep's days from…to (at most 42): working days and holidays, planned and logged calls, warnings.
     * Default the caller; a manager names a rep of a team they lead, admin and compliance anyone; any
     * other user answers 404.
     */
    async getCalendar(ctx: RequestContext, q: z.infer<typeof calendarQuerySchema>): Promise<Calendar> {
      if (q.to < q.from) throw fieldError('query.to', 'planning.calendar.toBeforeFrom');
      if (daysBetween(q.from, q.to) + 1 > maxCalendarDays) {
        throw fieldError('query.to', 'planning.calendar.rangeTooLong', { max: maxCalendarDays });
      }
      const ownerId = q.ownerId ?? ctx.actor.id;
      const owner = await repo.getUser(db, ownerId, scopeOf(ctx.actor).users(repo.users.id));
      if (!owner) throw notFound();
      const s = await loadPlanningSettings(db);
      const [rows, logged, plans] = [
        await repo.findAllPlannedCalls(db, { ownerId, from: q.from, to: q.to }),
        await repo.findLoggedCalls(db, ownerId, q.from, q.to),
        await repo.findCyclePlansTouching(db, ownerId, q.from, q.to),
      ];
      const plannedCalls = rows.filter((r) => r.status !== 'cancelled').map(toPlannedCall);
      const counts = new Map<string, number>();
      for (const c of plannedCalls) counts.set(c.date, (counts.get(c.date) ?? 0) + 1);
      const loggedCounts = new Map<string, number>();
      for (const c of logged) {
        if (c.status === 'submitted') loggedCounts.set(c.callDate, (loggedCounts.get(c.callDate) ?? 0) + 1);
      }
      // An empty working day is news only inside a plan the rep has started filling.
      const plannedDays = new Set(
        plans.filter((p) => p.plannedCallCount > 0).flatMap((p) => p.workingDays as string[]),
      );
      const days = datesFrom(q.from, q.to).map((date) => {
        const workingDay = isWorkingDay(date);
        const count = counts.get(date) ?? 0;
        const warnings = dayWarnings(ctx, [date], counts, (d) => plannedDays.has(d), s);
        if (!workingDay && count > 0) warnings.push(warning(ctx, 'nonWorkingDay', { date }, { date }));
        return {
          date,
          workingDay,
          holidayName: holidayNameOf(date),
          plannedCount: count,
          loggedCount: loggedCounts.get(date) ?? 0,
          warnings,
        };
      });
      return {
        ownerId: owner.id,
        ownerName: owner.name,
        from: q.from,
        to: q.to,
        days,
        plannedCalls,
        calls: logged.map(({ callDate: _callDate, ...c }) => c),
        cyclePlans: plans.map(({ id, cycleStart, cycleEnd, status }) => ({
          id,
          cycleStart,
          cycleEnd,
          status,
        })),
      };
    },

    // ── Weekly plans ──
    async findWeeklyPlans(
      ctx: RequestContext,
      q: z.infer<typeof weeklyPlanListQuerySchema>,
    ): Promise<ListResponse<WeeklyPlan>> {
      const scope = scopeOf(ctx.actor).users(repo.weeklyPlans.ownerId);
      const { rows, total } = await repo.findWeeklyPlans(
        db,
        { ownerId: q.ownerId, weekStart: q.weekStart, scope },
        q,
      );
      const s = await loadPlanningSettings(db);
      const items: WeeklyPlan[] = [];
      for (const row of rows) items.push(await toWeeklyPlan(ctx, row, s));
      return listOf(items, total, q);
    },

    /**
     * Saves the caller's plan of a week (created on the first save; afterwards the version is required).
     * `submit: true` stamps submittedAt.
     */
    async saveWeeklyPlan(
      ctx: RequestContext,
      weekStart: string,
      input: z.infer<typeof saveWeeklyPlanSchema>,
    ): Promise<WeeklyPlan> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep') throw repsOnly();
      if (mondayOf(weekStart) !== weekStart) {
        throw fieldError('params.weekStart', 'planning.week.notMonday', { date: weekStart });
      }
      const s = await loadPlanningSettings(db);
      const ownerId = ctx.actor.id;
      const submittedAt = input.submit ? now().toISOString() : undefined;
      const values = {
        goals: input.goals === undefined ? undefined : input.goals || null,
        notes: input.notes === undefined ? undefined : input.notes || null,
        submittedAt,
      };
      const existing = await repo.getWeeklyPlan(db, ownerId, weekStart);
      let row: repo.WeeklyPlanRow;
      if (existing) {
        if (input.version === undefined) throw fieldError('body.version', 'planning.week.versionRequired');
        const version = input.version;
        row = await auditedChange(db, ctx, {
          entity: 'weeklyPlan',
          id: existing.id,
          load: (tx) => repo.getWeeklyPlan(tx, ownerId, weekStart),
          write: (tx) => updateVersioned(tx, repo.weeklyPlans, existing.id, version, definedOnly(values)),
        });
      } else {
        row = await auditedCreate(db, ctx, {
          entity: 'weeklyPlan',
          create: async (tx) => {
            await repo.insertWeeklyPlan(tx, {
              ownerId,
              weekStart,
              ...values,
              submittedAt: submittedAt ?? null,
            });
            return (await repo.getWeeklyPlan(tx, ownerId, weekStart))!.id;
          },
          load: (tx) => repo.getWeeklyPlan(tx, ownerId, weekStart),
        }).catch((err: unknown) => {
          // another device saved the first version a moment earlier
          if (isUniqueViolation(err)) throw versionConflict(1);
          throw err;
        });
      }
      return toWeeklyPlan(ctx, row, s);
    },
  };
}
export type PlanningService = ReturnType<typeof createPlanningService>;
