import type { z } from 'zod';
import {
  addDays,
  chinaDate,
  filterVerdict,
  flagsOf,
  mondayOf,
  placeDerived,
  plannedCallMinutes,
  quadrantOf,
  quadrants,
  urgentWithinDays,
  weekCallMinutes,
  weekReviewFigures,
  emptyActivityMinutes,
  type FilterAnswers,
} from '@keqing/domain';
import {
  type createTaskSchema,
  type createTimeEntrySchema,
  type DerivedMatrixItem,
  type ListResponse,
  type Task,
  type TaskMatrix,
  type taskListQuerySchema,
  type taskMatrixQuerySchema,
  type TimeEntry,
  type timeEntryListQuerySchema,
  type TimeReview,
  type timeReviewQuerySchema,
  type updateTaskSchema,
  type updateTimeEntrySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadCareSettings } from '../care/care-settings.repository.ts';
import { createCareService } from '../care/care.service.ts';
import * as repo from './time-management.repository.ts';

const toTask = (r: repo.TaskRow): Task => {
  const answers = (r.filterAnswers ?? null) as FilterAnswers | null;
  const verdict = answers ? filterVerdict(answers) : null;
  return {
    ...r,
    filterAnswers: answers,
    filterAdvice: verdict && verdict.answered > 0 ? verdict.advice : null,
    quadrant: quadrantOf(r.important, r.urgent),
  };
};

/**
 * 时间管理: a user's own tasks and time log. The owner alone writes them; whoever sees the owner (scope.ts users:
 * a rep themself, a manager their teams' members, admin and compliance everyone) reads them.
 */
export function createTimeManagementService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());
  const care = createCareService({ db, now });

  /** The owner a read is about: the caller, or a user in the caller's user scope (else 404). */
  async function ownerOf(ctx: RequestContext, ownerId: string | undefined) {
    if (!ownerId || ownerId === ctx.actor.id) return ctx.actor;
    const owner = await repo.getVisibleUser(db, ownerId, scopeOf(ctx.actor).users(repo.users.id));
    if (!owner) throw notFound();
    return owner;
  }

  const visibleOwner = (
    ctx: RequestContext,
    column: typeof repo.tasks.ownerId | typeof repo.timeEntries.ownerId,
  ) => scopeOf(ctx.actor).users(column);

  /** A task to change: 404 when the caller cannot see it, 403 when it is not theirs. */
  async function ownTask(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    const task = await repo.getTask(db, id, visibleOwner(ctx, repo.tasks.ownerId));
    if (!task) throw notFound();
    if (task.ownerId !== ctx.actor.id) throw forbidden('timeManagement.task.notOwner');
    return task;
  }

  async function ownEntry(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    const entry = await repo.getTimeEntry(db, id, visibleOwner(ctx, repo.timeEntries.ownerId));
    if (!entry) throw notFound();
    if (entry.ownerId !== ctx.actor.id) throw forbidden('timeManagement.entry.notOwner');
    return entry;
  }

  function assertNotFuture(path: string, kind: 'planned' | 'actual', date: string) {
    if (kind === 'actual' && date > today())
      throw fieldError(path, 'timeManagement.entry.future', { today: today() });
  }

  const loadTask = async (tx: Db, id: string) => repo.getTask(tx, id);
  const loadEntry = async (tx: Db, id: string) => repo.getTimeEntry(tx, id);

  /**
   * Idempotent create on (owner, clientId): a resend answers the stored record with `created: false`, also when
   * two sends race (the unique index refuses the second insert).
   */
  async function createOnce<T>(
    find: () => Promise<{ id: string } | undefined>,
    load: (id: string) => Promise<T | undefined>,
    create: () => Promise<T>,
  ): Promise<{ record: T; created: boolean }> {
    const again = async () => {
      const existing = await find();
      return existing ? { record: (await load(existing.id))!, created: false } : undefined;
    };
    const found = await again();
    if (found) return found;
    try {
      return { record: await create(), created: true };
    } catch (err) {
      if (isUniqueViolation(err)) {
        const raced = await again();
        if (raced) return raced;
      }
      throw err;
    }
  }

  return {
    // ── tasks ──
    async findTasks(
      ctx: RequestContext,
      q: z.output<typeof taskListQuerySchema>,
    ): Promise<ListResponse<Task>> {
      const owner = await ownerOf(ctx, q.ownerId);
      const flags = q.quadrant ? flagsOf(q.quadrant) : {};
      const { rows, total } = await repo.findTasks(
        db,
        { ownerId: owner.id, status: q.status, q: q.q, ...flags },
        q,
      );
      return listOf(rows.map(toTask), total, q);
    },

    async createTask(
      ctx: RequestContext,
      input: z.output<typeof createTaskSchema>,
    ): Promise<{ task: Task; created: boolean }> {
      assertMayWrite(ctx.actor);
      const ownerId = ctx.actor.id;
      const { record, created } = await createOnce(
        () => repo.findTaskByClientId(db, ownerId, input.clientId),
        (id) => repo.getTask(db, id),
        () =>
          auditedCreate(db, ctx, {
            entity: 'task',
            create: (tx) =>
              repo.insertTask(tx, {
                ownerId,
                clientId: input.clientId,
                title: input.title,
                notes: input.notes ?? null,
                important: input.important,
                urgent: input.urgent,
                dueDate: input.dueDate ?? null,
                estimatedMinutes: input.estimatedMinutes ?? null,
                filterAnswers: input.filterAnswers ?? null,
              }),
            load: loadTask,
          }),
      );
      return { task: toTask(record), created };
    },

    async updateTask(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateTaskSchema>,
    ): Promise<Task> {
      const current = await ownTask(ctx, id);
      const { version, status, ...rest } = input;
      const statusChange =
        status === undefined || status === current.status
          ? {}
          : { status, completedAt: status === 'open' ? null : now().toISOString() };
      const after = await auditedChange(db, ctx, {
        entity: 'task',
        id,
        load: (tx) => loadTask(tx, id),
        write: (tx) =>
          updateVersioned(tx, repo.tasks, id, version, { ...definedOnly(rest), ...statusChange }),
      });
      return toTask(after);
    },

    /**
     * The four quadrants for a day: the owner's open tasks by their flags, and their open follow-ups and coming care
     * dates (birthdays, care dates of the doctors of their territories) placed by due date — important, urgent
     * within `urgentWithinDays`. Care dates are personal data: none for an admin (PIPL).
     */
    async getMatrix(ctx: RequestContext, q: z.output<typeof taskMatrixQuerySchema>): Promise<TaskMatrix> {
      const owner = await ownerOf(ctx, q.ownerId);
      const date = q.date ?? today();
      const settings = await loadCareSettings(db);
      const careUntil = addDays(date, Math.max(settings.reminderDaysAhead, urgentWithinDays));
      const [openTasks, followUps] = await Promise.all([
        repo.findOpenTasks(db, owner.id),
        repo.findOpenFollowUps(db, owner.id),
      ]);
      const derived: DerivedMatrixItem[] = followUps.map((f) => ({
        source: 'followUp',
        id: f.id,
        careKind: null,
        title: f.title,
        dueDate: f.dueDate,
        ...placeDerived(f.dueDate, date),
        doctorId: f.doctorId,
        doctorName: f.doctorName,
        link: `/doctors/${f.doctorId}`,
      }));

      // care dates and birthdays as the care calendar lists them (personal data: the owner's line and compliance)
      // (a manager's own matrix has none: care dates belong to the reps who cover the doctors)
      const upcoming =
        owner.role === 'rep'
          ? await care.findUpcoming(ctx, {
              ownerId: owner.id,
              from: date,
              days: Math.round((Date.parse(careUntil) - Date.parse(date)) / 86_400_000) + 1,
            })
          : { items: [] };
      for (const u of upcoming.items) {
        if (!u.doctorId || !u.doctorName) continue; // festivals are for everyone, not a task
        derived.push({
          source: 'careDate',
          id: u.careDateId ?? u.doctorId,
          careKind: u.kind,
          title: `${u.doctorName} · ${u.label}`,
          dueDate: u.date,
          ...placeDerived(u.date, date),
          doctorId: u.doctorId,
          doctorName: u.doctorName,
          link: `/doctors/${u.doctorId}`,
        });
      }
      derived.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title, 'zh-CN'));
      const taskItems = openTasks.map(toTask);
      return {
        ownerId: owner.id,
        date,
        urgentWithinDays,
        careUntil,
        quadrants: quadrants.map((quadrant) => {
          const inTasks = taskItems.filter((t) => t.quadrant === quadrant);
          const inDerived = derived.filter((d) => d.quadrant === quadrant);
          return { quadrant, count: inTasks.length + inDerived.length, tasks: inTasks, derived: inDerived };
        }),
      };
    },

    // ── time entries ──
    async findTimeEntries(
      ctx: RequestContext,
      q: z.output<typeof timeEntryListQuerySchema>,
    ): Promise<ListResponse<TimeEntry>> {
      if (q.from && q.to && q.from > q.to) throw fieldError('query.from', 'timeManagement.entry.range');
      const owner = await ownerOf(ctx, q.ownerId);
      const { rows, total } = await repo.findTimeEntries(
        db,
        { ownerId: owner.id, from: q.from, to: q.to },
        q,
      );
      return listOf(rows, total, q);
    },

    async createTimeEntry(
      ctx: RequestContext,
      input: z.output<typeof createTimeEntrySchema>,
    ): Promise<{ entry: TimeEntry; created: boolean }> {
      assertMayWrite(ctx.actor);
      const ownerId = ctx.actor.id;
      const { record, created } = await createOnce(
        () => repo.findTimeEntryByClientId(db, ownerId, input.clientId),
        (id) => repo.getTimeEntry(db, id),
        async () => {
          assertNotFuture('body.date', input.kind, input.date);
          return auditedCreate(db, ctx, {
            entity: 'timeEntry',
            create: (tx) =>
              repo.insertTimeEntry(tx, {
                ownerId,
                clientId: input.clientId,
                date: input.date,
                activity: input.activity,
                kind: input.kind,
                minutes: input.minutes,
                note: input.note ?? null,
              }),
            load: loadEntry,
          });
        },
      );
      return { entry: record, created };
    },

    async updateTimeEntry(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateTimeEntrySchema>,
    ): Promise<TimeEntry> {
      const current = await ownEntry(ctx, id);
      const { version, ...rest } = input;
      assertNotFuture('body.date', rest.kind ?? current.kind, rest.date ?? current.date);
      return auditedChange(db, ctx, {
        entity: 'timeEntry',
        id,
        load: (tx) => loadEntry(tx, id),
        write: (tx) => updateVersioned(tx, repo.timeEntries, id, version, definedOnly(rest)),
      });
    },

    async deleteTimeEntry(ctx: RequestContext, id: string): Promise<void> {
      await ownEntry(ctx, id);
      await db.transaction(async (tx) => {
        const before = await repo.getTimeEntry(tx, id);
        if (!before) throw notFound();
        await repo.deleteTimeEntry(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'timeEntry',
          entityId: id,
          action: 'delete',
          before,
        });
      });
    },

    // ── weekly review ──
    /**
     * Drucker's record → analyse: the week's planned vs actual minutes by activity. Call time also comes from the
     * records: the week's planned calls unless the rep logged planned call time, submitted calls' durations as
     * actual time.
     */
    async getReview(ctx: RequestContext, q: z.output<typeof timeReviewQuerySchema>): Promise<TimeReview> {
      const owner = await ownerOf(ctx, q.ownerId);
      const weekStart = mondayOf(q.weekStart ?? today());
      const weekEnd = addDays(weekStart, 6);
      const [logged, slots, submitted, closed] = await Promise.all([
        repo.sumTimeEntries(db, owner.id, weekStart, weekEnd),
        repo.countPlannedCallSlots(db, owner.id, weekStart, weekEnd),
        repo.sumSubmittedCalls(db, owner.id, weekStart, weekEnd),
        repo.countClosedTasks(db, owner.id, weekStart, weekEnd),
      ]);
      const minutes = emptyActivityMinutes();
      const sources = {
        loggedPlanned: 0,
        fromPlannedCalls: 0,
        loggedActual: 0,
        fromCalls: submitted.minutes,
      };
      for (const l of logged) {
        if (l.activity !== 'calls') minutes[l.activity][l.kind] += l.minutes;
        else if (l.kind === 'planned') sources.loggedPlanned += l.minutes;
        else sources.loggedActual += l.minutes;
      }
      let plannedCallsCount = 0;
      for (const s of slots) {
        sources.fromPlannedCalls += s.n * plannedCallMinutes(s.startTime, s.endTime);
        plannedCallsCount += s.n;
      }
      minutes.calls = weekCallMinutes(sources);

      const tasksDone = { A: 0, B: 0, C: 0, D: 0 };
      let tasksDropped = 0;
      for (const c of closed) {
        if (c.status === 'done') tasksDone[quadrantOf(c.important, c.urgent)] += c.n;
        else tasksDropped += c.n;
      }
      return {
        ownerId: owner.id,
        weekStart,
        weekEnd,
        ...weekReviewFigures(minutes),
        calls: {
          loggedPlannedMinutes: sources.loggedPlanned,
          plannedCallsMinutes: sources.fromPlannedCalls,
          plannedCallsCount,
          loggedActualMinutes: sources.loggedActual,
          submittedCallsMinutes: sources.fromCalls,
          submittedCallsCount: submitted.n,
        },
        tasksDone,
        tasksDropped,
      };
    },
  };
}
