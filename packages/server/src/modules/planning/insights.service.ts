import type { z } from 'zod';
import {
  addDays,
  attainmentPct,
  bestGrade,
  chinaDate,
  cycleOf,
  frequencyStateOrder,
  frequencyStatus,
  isWorkingDay,
  mondayOf,
  nextBirthday,
  requiredCallsInCycle,
  type Cycle,
} from '@keqing/domain';
import {
  ruleMessage,
  type FrequencyDoctor,
  type frequencyDoctorQuerySchema,
  type FrequencySummary,
  type frequencySummaryQuerySchema,
  type ListResponse,
  type PlanningSettings,
  type PreCallBrief,
  type planningRemindersSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf, offsetOf } from '../../db/list.ts';
import { fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { personalDataAccessOf, scopeOf } from '../../scope/scope.ts';
import { personalityOf } from '../accounts/doctors.service.ts';
import { loadDoctorGrading } from '../segmentation/grading.service.ts';
import { loadPlanningSettings } from './planning-settings.repository.ts';
import * as repo from './insights.repository.ts';
import { coveredReps, repInScope, type Rep } from '../users/covered-reps.ts';

type FrequencyDoctorQuery = z.infer<typeof frequencyDoctorQuerySchema>;
type FrequencySummaryQuery = z.infer<typeof frequencySummaryQuerySchema>;
type PlanningReminder = z.infer<typeof planningRemindersSchema>['items'][number];

/** Care dates shown this many days ahead in the pre-call brief. */
const careDateDays = 30;

/** Sortable fields of the frequency list; the default `state` puts the most overdue first. */
const sorts: Record<string, (a: FrequencyDoctor, b: FrequencyDoctor) => number> = {
  state: (a, b) =>
    frequencyStateOrder.indexOf(a.state) - frequencyStateOrder.indexOf(b.state) ||
    b.overdueDays - a.overdueDays ||
    compareNullable(a.dueDate, b.dueDate),
  overdueDays: (a, b) => a.overdueDays - b.overdueDays,
  dueDate: (a, b) => compareNullable(a.dueDate, b.dueDate),
  lastCallDate: (a, b) => compareNullable(a.lastCallDate, b.lastCallDate),
  grade: (a, b) => compareNullable(a.grade, b.grade),
  required: (a, b) => a.required - b.required,
  planned: (a, b) => a.planned - b.planned,
  done: (a, b) => a.done - b.done,
  doctorName: (a, b) => a.doctorName.localeCompare(b.doctorName, 'zh-CN'),
};
/** Empty values last. */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function sortRows(rows: FrequencyDoctor[], sort: string | undefined): FrequencyDoctor[] {
  const wanted = sort ?? 'state';
  const descending = wanted.startsWith('-');
  const field = descending ? wanted.slice(1) : wanted;
  const compare = sorts[field] ?? sorts.state!;
  const sign = descending && sorts[field] ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      sign * compare(a, b) || a.doctorName.localeCompare(b.doctorName, 'zh-CN') || (a.id < b.id ? -1 : 1),
  );
}

/** The hour of the day in China (UTC+8 all year: no daylight saving). */
const chinaHour = (at: Date) => (at.getUTCHours() + 8) % 24;
/** ISO weekday 1 (Monday) … 7 (Sunday) of a date. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/**
 * Frequency attainment 拜访频率达成, the due/overdue list, the pre-call brief 访前准备 and planning reminders.
 *
 * The per-doctor figures are aggregates computed in SQL (per doctor over doctor_product_status, planned_calls
 * and calls, see findFrequencyRows); the due date and state then follow from the pure rule in packages/domain (frequency.ts) over
 * the rep's doctors — a rep has at most a few hundred, so the list is filtered by state, sorted and paged
 * after that step rather than repeating the rule in SQL.
 */
export function createPlanningInsightsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = deps.today ?? (() => chinaDate(now()));

  const cycleFor = (settings: PlanningSettings, date: string) =>
    cycleOf(date, { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks });

  /** Whose frequency: the caller when a rep and nobody is named; others must name a rep. */
  async function ownerOf(ctx: RequestContext, ownerId: string | undefined): Promise<Rep> {
    if (ownerId) return repInScope(db, ctx.actor, ownerId);
    if (ctx.actor.role === 'rep') return ctx.actor;
    throw fieldError('query.ownerId', 'planning.frequency.ownerRequired');
  }

  /** What the rule needs besides the rows: settings, the cycle, the day and the grade order (best first). */
  type Basis = { settings: PlanningSettings; cycle: Cycle; date: string; gradeOrder: string[] };
  async function basisOf(date: string): Promise<Basis> {
    const settings = await loadPlanningSettings(db);
    const grading = await loadDoctorGrading(db);
    return { settings, cycle: cycleFor(settings, date), date, gradeOrder: grading.config.grades };
  }

  /**
   * The rule applied to aggregated rows: visits_per_cycle is per 4 weeks, so a longer or shorter cycle scales
   * it the way the plan generator does; the grade is the best over products.
   */
  function applyRule(basis: Basis, rows: repo.FrequencyRow[]): FrequencyDoctor[] {
    return rows.map(({ grades, maxVisits, ...r }) => {
      const { required, ...status } = ruleOf(basis, maxVisits, r.lastCallDate);
      return { ...r, required, grade: bestGrade(grades, basis.gradeOrder), ...status };
    });
  }

  /** One doctor's calls required in the cycle, due date and state (the list and the rep home's counts). */
  function ruleOf(basis: Basis, maxVisits: number, lastCallDate: string | null) {
    const { settings, cycle, date } = basis;
    const required = requiredCallsInCycle(maxVisits, settings.cycleWeeks);
    return {
      required,
      ...frequencyStatus({
        required,
        lastCallDate,
        cycleStart: cycle.start,
        cycleDays: settings.cycleWeeks * 7,
        today: date,
      }),
    };
  }

  /** The rep's doctors (hospitals of the territories assigned to them today) with the rule applied. */
  /** The hospitals of the territories assigned to the rep today, as a condition on doctors. */
  const repHospitals = (rep: Rep) => scopeOf({ ...rep, role: 'rep' }).hospitals(repo.doctors.hospitalId);

  async function frequencyOf(rep: Rep, basis: Basis, q?: string): Promise<FrequencyDoctor[]> {
    const rows = await repo.findFrequencyRows(db, {
      hospitalScope: repHospitals(rep),
      ownerId: rep.id,
      q,
      cycleStart: basis.cycle.start,
      cycleEnd: basis.cycle.end,
      asOf: basis.date,
      countedTypes: basis.settings.countedCallTypes,
    });
    return applyRule(basis, rows);
  }

  /** The reps a summary covers: a named rep, a named team, or the caller's own (a rep: self; a manager: their teams). */
  const summaryReps = (ctx: RequestContext, q: FrequencySummaryQuery): Promise<Rep[]> =>
    coveredReps(db, ctx.actor, q, 'planning.frequency.teamOrOwnerRequired');

  /** Planned vs required vs done over target doctors (required > 0): a doctor with nothing required is not counted. */
  function figures(rows: FrequencyDoctor[]) {
    const targets = rows.filter((r) => r.required > 0);
    const sum = (f: (r: FrequencyDoctor) => number) => targets.reduce((n, r) => n + f(r), 0);
    return {
      required: sum((r) => r.required),
      planned: sum((r) => r.planned),
      done: sum((r) => r.done),
      attainmentPct: attainmentPct(targets),
      doctors: targets.length,
      overdueDoctors: targets.filter((r) => r.state === 'overdue').length,
    };
  }

  return {
    /**
     * The grade and state of each target doctor of a rep the caller has already found in scope (the rep home's
     * due and overdue counts): the rule of frequencyDoctorsOf on findDueRuleRows' lean rows — a doctor with no
     * visits asked is never due, so only target doctors are read — with the settings and grade order the caller
     * has loaded.
     */
    async targetStatesOf(rep: Rep, settings: PlanningSettings, gradeOrder: string[], date = today()) {
      const basis: Basis = { settings, cycle: cycleFor(settings, date), date, gradeOrder };
      const rows = await repo.findDueRuleRows(db, {
        hospitalScope: repHospitals(rep),
        asOf: date,
        countedTypes: settings.countedCallTypes,
      });
      return rows.map((r) => ({
        doctorId: r.id,
        grade: bestGrade(r.grades, gradeOrder),
        state: ruleOf(basis, r.maxVisits, r.lastCallDate).state,
      }));
    },

    /** Every doctor of a rep (in the caller's scope, else 404) with the frequency rule applied, unpaged. */
    async frequencyDoctorsOf(
      ctx: RequestContext,
      ownerId: string,
      date?: string,
    ): Promise<FrequencyDoctor[]> {
      return frequencyOf(await ownerOf(ctx, ownerId), await basisOf(date ?? today()));
    },

    /** 拜访频率 per doctor of one rep in the cycle of `date` (default today): the due/overdue list. */
    async findFrequencyDoctors(
      ctx: RequestContext,
      q: FrequencyDoctorQuery,
    ): Promise<ListResponse<FrequencyDoctor>> {
      const rep = await ownerOf(ctx, q.ownerId);
      const all = await frequencyOf(rep, await basisOf(q.date ?? today()), q.q);
      const rows = sortRows(
        all.filter((r) => (!q.grade || r.grade === q.grade) && (!q.state || r.state === q.state)),
        q.sort,
      );
      const start = offsetOf(q.page, q.pageSize);
      return listOf(rows.slice(start, start + q.pageSize), rows.length, q);
    },

    /**
     * Planned vs required vs done by grade and by rep. A doctor covered by two reps counts for each (both owe
     * the calls). byGrade uses each doctor's best grade.
     */
    async frequencySummary(ctx: RequestContext, q: FrequencySummaryQuery): Promise<FrequencySummary> {
      const reps = await summaryReps(ctx, q);
      const basis = await basisOf(q.date ?? today());
      const byRep: FrequencySummary['byRep'] = [];
      const all: FrequencyDoctor[] = [];
      for (const rep of reps) {
        const rows = await frequencyOf(rep, basis);
        byRep.push({ repId: rep.id, repName: rep.name, ...figures(rows) });
        all.push(...rows);
      }
      const present = new Set(all.filter((r) => r.required > 0).map((r) => r.grade));
      const rank = (g: string) => (basis.gradeOrder.includes(g) ? basis.gradeOrder.indexOf(g) : Infinity);
      const grades = [...present]
        .filter((g): g is string => g !== null)
        .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
      return {
        cycleStart: basis.cycle.start,
        cycleEnd: basis.cycle.end,
        total: figures(all),
        byGrade: grades.map((grade) => ({ grade, ...figures(all.filter((r) => r.grade === grade)) })),
        byRep,
      };
    },

    /** 访前准备: what a rep reads before seeing the doctor. */
    async preCallBrief(ctx: RequestContext, doctorId: string): Promise<PreCallBrief> {
      const doctor = await repo.getBriefDoctor(
        db,
        doctorId,
        scopeOf(ctx.actor).hospitals(repo.doctors.hospitalId),
      );
      if (!doctor) throw notFound();
      const date = today();
      const basis = await basisOf(date);
      const [products, lastCall, followUps, [frequency]] = [
        await repo.findProductScores(db, doctorId),
        await repo.getLastSubmittedCall(db, doctorId),
        await repo.findOpenFollowUps(db, doctorId),
        // the doctor's side: counted calls by anyone this cycle
        applyRule(
          basis,
          await repo.findFrequencyRows(db, {
            hospitalScope: undefined,
            doctorId,
            cycleStart: basis.cycle.start,
            cycleEnd: basis.cycle.end,
            asOf: date,
            countedTypes: basis.settings.countedCallTypes,
          }),
        ),
      ];

      // PIPL: the birthday only for the doctor's owning line (and compliance); never for an admin
      const upcomingCareDates: PreCallBrief['upcomingCareDates'] = [];
      const personal = personalDataAccessOf(ctx.actor);
      if (personal.read) {
        const b = await repo.getBirthday(db, doctorId, personal.hospitals(repo.doctors.hospitalId));
        const next = b && nextBirthday(b.birthday, b.isLunar, date, careDateDays);
        if (b && next) {
          const key = b.isLunar ? 'planning.careDate.lunarBirthday' : 'planning.careDate.birthday';
          upcomingCareDates.push({
            date: next,
            kind: 'birthday',
            label: ruleMessage(ctx.locale, key) ?? key,
          });
        }
      }

      const { personalityType, hospitalId: _hospitalId, ...basics } = doctor;
      return {
        doctor: basics,
        personality: personalityOf(personalityType, ctx.locale),
        products,
        lastCall: lastCall ?? null,
        openFollowUps: followUps.map((f) => ({ ...f, overdue: f.dueDate < date })),
        upcomingCareDates,
        frequency: {
          required: frequency?.required ?? 0,
          doneThisCycle: frequency?.done ?? 0,
          lastCallDate: frequency?.lastCallDate ?? null,
        },
      };
    },

    /** The caller's planning reminders (reps only; others plan nothing). */
    async reminders(ctx: RequestContext): Promise<{ items: PlanningReminder[] }> {
      if (ctx.actor.role !== 'rep') return { items: [] };
      const at = now();
      const date = chinaDate(at);
      const settings = await loadPlanningSettings(db);
      const items: PlanningReminder[] = [];
      const message = (key: string, params: Record<string, string | number>) =>
        ruleMessage(ctx.locale, key, params) ?? key;

      // from the configured weekday and hour (Friday 14:00) through Sunday: is next week planned?
      const { weekday, hour } = settings.weeklyPlanReminder;
      const day = isoWeekday(date);
      if (day > weekday || (day === weekday && chinaHour(at) >= hour)) {
        const weekStart = addDays(mondayOf(date), 7);
        const next = await repo.countPlannedCalls(db, ctx.actor.id, weekStart, addDays(weekStart, 6), [
          'planned',
        ]);
        if (next === 0) {
          items.push({
            kind: 'nextWeekEmpty',
            date: weekStart,
            message: message('planning.reminder.nextWeekEmpty', { weekStart }),
          });
        }
      }

      // a working day with a plan for its cycle but fewer calls than the daily minimum
      if (isWorkingDay(date) && (await repo.hasCyclePlan(db, ctx.actor.id, cycleFor(settings, date).start))) {
        const count = await repo.countPlannedCalls(db, ctx.actor.id, date, date, ['planned', 'done']);
        if (count < settings.minCallsPerDay) {
          items.push({
            kind: 'todayBelowMin',
            date,
            message: message('planning.reminder.todayBelowMin', { count, min: settings.minCallsPerDay }),
          });
        }
      }
      return { items };
    },
  };
}
export type PlanningInsightsService = ReturnType<typeof createPlanningInsightsService>;
