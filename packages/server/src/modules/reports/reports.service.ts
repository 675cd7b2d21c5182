import type { z } from 'zod';
import {
  addDays,
  chinaDate,
  deviationProblems,
  draftDailyReport,
  mondayOf,
  rollUpWeek,
  workingDaysBetween,
  type DayInputs,
  type Deviation,
  type DeviationReasonInput,
  type WeekDayInput,
} from '@keqing/domain';
import type {
  amendDailyReportSchema,
  createDailyReportSchema,
  createReportCommentSchema,
  DailyReport,
  DailyReportDetail,
  DailyReportDraft,
  dailyReportDraftQuerySchema,
  dailyReportListQuerySchema,
  DailySummaryDto,
  ListResponse,
  ReportComment,
  submitDailyReportSchema,
  TeamDay,
  teamDayQuerySchema,
  updateDailyReportSchema,
  WeeklyReport,
  weeklyReportQuerySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { teams } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { notify } from '../notifications/notify.ts';
import { isRepOfManager, teamManagerOf } from '../users/team-lead.repository.ts';
import * as repo from './reports.repository.ts';

type TextFields = { highlights?: string | null; problems?: string | null; helpRequests?: string | null };
const textFields = ['highlights', 'problems', 'helpRequests'] as const;

/** Blank text is no text. */
const textOf = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

const toReport = (r: repo.ReportRow): DailyReport => ({
  ...r,
  summary: r.summary as DailySummaryDto,
  deviations: r.deviations as Deviation[],
});

const emptyDay = (date: string): DayInputs => ({
  date,
  plannedCalls: [],
  calls: [],
  careActions: [],
  followUpsDone: [],
});

const locked = () => new AppError('CONFLICT', { messageKey: 'reports.locked' });

/** A 400 for the first deviation without a reason (or 其他 without a note); nothing is saved. */
function assertExplained(deviations: Deviation[], path: string) {
  const [problem] = deviationProblems(deviations);
  if (!problem) return;
  const line = deviations.find((d) => d.plannedCallId === problem.plannedCallId)!;
  throw fieldError(path, `reports.${problem.problem}`, { doctor: `${line.hospitalName} ${line.doctorName}` });
}

/**
 * 日报/周报. The owner alone writes their reports (drafted from their records, locked at submission, amended with a
 * reason); their team's manager reads them, marks them read and comments or asks; the owner answers. Admin and
 * compliance read everything; compliance writes nothing (session hook), an admin only marks read.
 */
export function createReportsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  function assertNotFuture(path: string, date: string) {
    if (date > today()) throw fieldError(path, 'reports.future', { today: today() });
  }

  async function draftDay(tx: Db, ownerId: string, date: string, reasons: readonly DeviationReasonInput[]) {
    const days = await repo.findDayInputs(tx, ownerId, date, date);
    return draftDailyReport(days.get(date) ?? emptyDay(date), reasons);
  }

  const visibleReports = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.dailyReports.ownerId);

  async function visibleReport(ctx: RequestContext, id: string) {
    const report = await repo.getReport(db, id, visibleReports(ctx));
    if (!report) throw notFound();
    return report;
  }

  /** A report to change: 404 when the caller cannot see it, 403 when it is not theirs. */
  async function ownReport(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    const report = await visibleReport(ctx, id);
    if (report.ownerId !== ctx.actor.id) throw forbidden('reports.notOwner');
    return report;
  }

  /** The owner a read is about: the caller, or a user in the caller's user scope (else 404). */
  async function ownerOf(ctx: RequestContext, ownerId: string | undefined) {
    if (!ownerId || ownerId === ctx.actor.id) return { id: ctx.actor.id, name: ctx.actor.name };
    const user = await repo.getVisibleUser(db, ownerId, scopeOf(ctx.actor).users(repo.users.id));
    if (!user) throw notFound();
    return user;
  }

  const load = async (tx: Db, id: string) => repo.getReport(tx, id);

  return {
    async findReports(
      ctx: RequestContext,
      q: z.output<typeof dailyReportListQuerySchema>,
    ): Promise<ListResponse<DailyReport>> {
      if (q.from && q.to && q.from > q.to) throw fieldError('query.from', 'reports.range');
      const { rows, total } = await repo.findReports(
        db,
        {
          visible: visibleReports(ctx),
          ownerId: q.ownerId,
          from: q.from,
          to: q.to,
          status: q.status,
          unread: q.unread,
        },
        q,
      );
      return listOf(rows.map(toReport), total, q);
    },

    async getReport(ctx: RequestContext, id: string): Promise<DailyReportDetail> {
      const report = await visibleReport(ctx, id);
      return { ...toReport(report), amendments: await repo.findAmendments(db, id) };
    },

    /**
     * The caller's day: drafted from their records with the reasons of a saved draft; a submitted report answers
     * as it was locked.
     */
    async getDraft(
      ctx: RequestContext,
      q: z.output<typeof dailyReportDraftQuerySchema>,
    ): Promise<DailyReportDraft> {
      const date = q.date ?? today();
      assertNotFuture('query.date', date);
      const saved = await repo.getReportOf(db, ctx.actor.id, date);
      const base = {
        date,
        ownerId: ctx.actor.id,
        reportId: saved?.id ?? null,
        version: saved?.version ?? null,
        highlights: saved?.highlights ?? null,
        problems: saved?.problems ?? null,
        helpRequests: saved?.helpRequests ?? null,
      };
      if (saved?.status === 'submitted') {
        const report = toReport(saved);
        return { ...base, status: 'submitted', summary: report.summary, deviations: report.deviations };
      }
      const drafted = await draftDay(db, ctx.actor.id, date, (saved?.deviations ?? []) as Deviation[]);
      return { ...base, status: saved ? 'draft' : 'unsaved', ...drafted };
    },

    /** Saves the day's draft; the same owner and day again answers the stored report (`created: false`). */
    async createReport(
      ctx: RequestContext,
      input: z.output<typeof createDailyReportSchema>,
    ): Promise<{ report: DailyReport; created: boolean }> {
      assertMayWrite(ctx.actor);
      assertNotFuture('body.date', input.date);
      const ownerId = ctx.actor.id;
      const existing = await repo.getReportOf(db, ownerId, input.date);
      if (existing) return { report: toReport(existing), created: false };
      try {
        const report = await auditedCreate(db, ctx, {
          entity: 'dailyReport',
          create: async (tx) => {
            const { summary, deviations } = await draftDay(tx, ownerId, input.date, input.deviations);
            return repo.insertReport(tx, {
              ownerId,
              date: input.date,
              summary,
              deviations,
              highlights: textOf(input.highlights),
              problems: textOf(input.problems),
              helpRequests: textOf(input.helpRequests),
            });
          },
          load,
        });
        return { report: toReport(report), created: true };
      } catch (err) {
        if (isUniqueViolation(err)) {
          const raced = await repo.getReportOf(db, ownerId, input.date);
          if (raced) return { report: toReport(raced), created: false };
        }
        throw err;
      }
    },

    /** Changes a draft (re-drafted from the records, reasons kept by planned call). */
    async updateReport(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateDailyReportSchema>,
    ): Promise<DailyReport> {
      const current = await ownReport(ctx, id);
      if (current.status === 'submitted') throw locked();
      const after = await auditedChange(db, ctx, {
        entity: 'dailyReport',
        id,
        load: (tx) => load(tx, id),
        write: async (tx) => {
          const reasons = input.deviations ?? (current.deviations as Deviation[]);
          const { summary, deviations } = await draftDay(tx, current.ownerId, current.date, reasons);
          const texts: TextFields = {};
          for (const f of textFields) if (input[f] !== undefined) texts[f] = textOf(input[f]);
          await updateVersioned(tx, repo.dailyReports, id, input.version, { summary, deviations, ...texts });
        },
      });
      return toReport(after);
    },

    /** Submits and locks: the day is drafted once more; every deviation needs its reason. */
    async submitReport(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof submitDailyReportSchema>,
    ): Promise<DailyReport> {
      const current = await ownReport(ctx, id);
      if (current.status === 'submitted') throw locked();
      const after = await auditedChange(db, ctx, {
        entity: 'dailyReport',
        id,
        load: (tx) => load(tx, id),
        write: async (tx) => {
          const { summary, deviations } = await draftDay(
            tx,
            current.ownerId,
            current.date,
            current.deviations as Deviation[],
          );
          assertExplained(deviations, 'body.deviations');
          await updateVersioned(tx, repo.dailyReports, id, input.version, {
            summary,
            deviations,
            status: 'submitted',
            submittedAt: now().toISOString(),
          });
        },
      });
      return toReport(after);
    },

    /** A change after submission: the fields before and after and the reason, as an amendment row and in the audit. */
    async amendReport(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof amendDailyReportSchema>,
    ): Promise<DailyReport> {
      const current = await ownReport(ctx, id);
      if (current.status !== 'submitted')
        throw new AppError('CONFLICT', { messageKey: 'reports.notSubmitted' });
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const values: Record<string, unknown> = {};
      for (const f of textFields) {
        if (input.changes[f] === undefined) continue;
        const next = textOf(input.changes[f]);
        if (next !== current[f]) {
          changes[f] = { before: current[f], after: next };
          values[f] = next;
        }
      }
      if (input.changes.deviations) {
        const given = new Map(input.changes.deviations.map((d) => [d.plannedCallId, d]));
        const before = current.deviations as Deviation[];
        for (const d of input.changes.deviations)
          if (!before.some((b) => b.plannedCallId === d.plannedCallId))
            throw fieldError('body.changes.deviations', 'reports.unknownDeviation');
        const next = before.map((d) => {
          const g = given.get(d.plannedCallId);
          return g ? { ...d, reason: g.reason, note: textOf(g.note) } : d;
        });
        assertExplained(next, 'body.changes.deviations');
        if (JSON.stringify(next) !== JSON.stringify(before)) {
          changes.deviations = { before, after: next };
          values.deviations = next;
        }
      }
      if (Object.keys(changes).length === 0) throw fieldError('body.changes', 'reports.noChanges');
      const after = await auditedChange(db, ctx, {
        entity: 'dailyReport',
        id,
        load: (tx) => load(tx, id),
        write: async (tx) => {
          await updateVersioned(tx, repo.dailyReports, id, input.version, values);
          await repo.insertAmendment(tx, {
            reportId: id,
            changes,
            reason: input.reason,
            actorId: ctx.actor.id,
          });
        },
      });
      return toReport(after);
    },

    /** 已阅: the rep's manager (or an admin) marks a submitted report read; again is a no-op. */
    async markRead(ctx: RequestContext, id: string): Promise<DailyReport> {
      assertMayWrite(ctx.actor);
      const report = await visibleReport(ctx, id);
      const allowed =
        ctx.actor.role === 'admin' ||
        (ctx.actor.role === 'manager' && (await isRepOfManager(db, report.ownerId, ctx.actor.id)));
      if (!allowed) throw forbidden('reports.managerOnly');
      if (report.status !== 'submitted') throw new AppError('CONFLICT', { messageKey: 'reports.read.draft' });
      if (report.readAt) return toReport(report);
      const after = await auditedChange(db, ctx, {
        entity: 'dailyReport',
        id,
        load: (tx) => load(tx, id),
        write: (tx) => repo.markRead(tx, id, ctx.actor.id),
      });
      return toReport(after);
    },

    async findComments(ctx: RequestContext, id: string): Promise<ReportComment[]> {
      await visibleReport(ctx, id);
      return repo.findComments(db, id);
    },

    /**
     * 批注/提问 by the rep's manager, 回复 by the rep, on a submitted report; idempotent on (author, clientId). The
     * other side is notified in the same transaction.
     */
    async createComment(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof createReportCommentSchema>,
    ): Promise<{ comment: ReportComment; created: boolean }> {
      assertMayWrite(ctx.actor);
      const report = await visibleReport(ctx, id);
      const existing = await repo.findCommentByClientId(db, ctx.actor.id, input.clientId);
      if (existing) return { comment: (await repo.getComment(db, existing.id))!, created: false };

      const isOwner = report.ownerId === ctx.actor.id;
      const isManager =
        !isOwner && ctx.actor.role === 'manager' && (await isRepOfManager(db, report.ownerId, ctx.actor.id));
      if (!isOwner && !isManager) throw forbidden('reports.comment.notAllowed');
      const kind = input.kind ?? (isOwner ? 'answer' : 'comment');
      if (isOwner && kind !== 'answer') throw forbidden('reports.commentKind.managerOnly');
      if (isManager && kind === 'answer') throw forbidden('reports.commentKind.ownerOnly');
      if (report.status !== 'submitted')
        throw new AppError('CONFLICT', { messageKey: 'reports.comment.draft' });

      try {
        const comment = await auditedCreate(db, ctx, {
          entity: 'reportComment',
          create: async (tx) => {
            const commentId = await repo.insertComment(tx, {
              reportId: id,
              authorId: ctx.actor.id,
              kind,
              body: input.body,
              clientId: input.clientId,
            });
            const recipient = isOwner ? await teamManagerOf(tx, report.ownerId) : report.ownerId;
            if (recipient && recipient !== ctx.actor.id)
              await notify(tx, {
                userId: recipient,
                kind: 'reportComment',
                sourceKey: `reportComment:${commentId}`,
                params: { author: ctx.actor.name, date: report.date, kind },
                link: `/reports/daily/${id}`,
              });
            return commentId;
          },
          load: (tx, commentId) => repo.getComment(tx, commentId),
        });
        return { comment, created: true };
      } catch (err) {
        if (isUniqueViolation(err)) {
          const raced = await repo.findCommentByClientId(db, ctx.actor.id, input.clientId);
          if (raced) return { comment: (await repo.getComment(db, raced.id))!, created: false };
        }
        throw err;
      }
    },

    /**
     * The manager's team day: every rep of the team with their report (submitted or draft) or, when missing, the
     * figures drafted from their records; deviations with reasons, texts and the caller's unread comments.
     */
    async getTeamDay(ctx: RequestContext, q: z.output<typeof teamDayQuerySchema>): Promise<TeamDay> {
      if (ctx.actor.role === 'rep') throw forbidden('reports.teamDay.managerOnly');
      const date = q.date ?? today();
      assertNotFuture('query.date', date);
      const visibleTeams = await repo.findTeams(db, scopeOf(ctx.actor).teams(teams.id));
      const team = q.teamId ? visibleTeams.find((t) => t.id === q.teamId) : visibleTeams[0];
      if (q.teamId && !team) throw notFound();
      const base = { date, teams: visibleTeams.map((t) => ({ id: t.id, name: t.name })) };
      if (!team) return { ...base, teamId: null, reps: [] };

      const reps = await repo.findTeamReps(db, team.id);
      const reports = await repo.findAllReports(db, {
        visible: undefined,
        ownerIds: reps.map((r) => r.id),
        from: date,
        to: date,
      });
      const unread = await repo.countUnreadComments(
        db,
        ctx.actor.id,
        reports.map((r) => r.id),
      );
      const out = [];
      for (const rep of reps) {
        const saved = reports.find((r) => r.ownerId === rep.id);
        const report = saved ? toReport(saved) : undefined;
        const figures =
          report?.status === 'submitted'
            ? { summary: report.summary, deviations: report.deviations }
            : await draftDay(db, rep.id, date, report?.deviations ?? []);
        out.push({
          ownerId: rep.id,
          ownerName: rep.name,
          status: report?.status ?? ('missing' as const),
          reportId: report?.id ?? null,
          counts: figures.summary.counts,
          deviations: figures.deviations,
          highlights: report?.highlights ?? null,
          problems: report?.problems ?? null,
          helpRequests: report?.helpRequests ?? null,
          readAt: report?.readAt ?? null,
          commentCount: report?.commentCount ?? 0,
          unreadComments: report ? (unread.get(report.id) ?? 0) : 0,
          version: report?.version ?? null,
        });
      }
      return { ...base, teamId: team.id, reps: out };
    },

    /**
     * 周报: the week's working days up to today (and any other day with a report or records) rolled up — a submitted
     * report counts as locked, a draft or a missing day as drafted from the records.
     */
    async getWeeklyReport(
      ctx: RequestContext,
      q: z.output<typeof weeklyReportQuerySchema>,
    ): Promise<WeeklyReport> {
      const owner = await ownerOf(ctx, q.ownerId);
      const weekStart = mondayOf(q.week ?? today());
      const weekEnd = addDays(weekStart, 6);
      const until = weekEnd < today() ? weekEnd : today();
      const [reports, inputs] = await Promise.all([
        repo.findAllReports(db, { visible: undefined, ownerId: owner.id, from: weekStart, to: weekEnd }),
        until >= weekStart
          ? repo.findDayInputs(db, owner.id, weekStart, until)
          : Promise.resolve(new Map<string, DayInputs>()),
      ]);
      const dates = new Set(until >= weekStart ? workingDaysBetween(weekStart, until) : []);
      for (const r of reports) dates.add(r.date);
      for (const d of inputs.keys()) dates.add(d);

      const reportIds = new Map<string, string>();
      const days: WeekDayInput[] = [...dates].map((date) => {
        const saved = reports.find((r) => r.date === date);
        if (saved) reportIds.set(date, saved.id);
        const report = saved ? toReport(saved) : undefined;
        const figures =
          report?.status === 'submitted'
            ? { summary: report.summary, deviations: report.deviations }
            : draftDailyReport(inputs.get(date) ?? emptyDay(date), report?.deviations ?? []);
        const c = figures.summary.counts;
        return {
          date,
          status: report?.status ?? 'missing',
          planned: c.planned,
          plannedDone: c.plannedDone,
          calls: c.calls,
          callMinutes: c.callMinutes,
          careActions: c.careActions,
          followUpsDone: c.followUpsDone,
          deviations: figures.deviations,
          highlights: report?.highlights ?? null,
        };
      });
      const week = rollUpWeek(days);
      return {
        ownerId: owner.id,
        ownerName: owner.name,
        weekStart,
        weekEnd,
        ...week,
        days: week.days.map((d) => ({ ...d, reportId: reportIds.get(d.date) ?? null })),
      };
    },
  };
}
