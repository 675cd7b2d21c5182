import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  addDays,
  chinaDate,
  checkHandoverPlan,
  firstWholeMonthFrom,
  successorFor,
  type HandoverPlan,
  type PlanProblem,
  type SuccessorCandidate,
} from '@keqing/domain';
import {
  ruleMessage,
  type createHandoverSchema,
  type Handover,
  type HandoverNote,
  type handoverListQuerySchema,
  type HandoverPreview,
  type HandoverRecord,
  type ListResponse,
  type OrphanList,
  type updateHandoverSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { deleteUserSessions } from '../auth/auth.repository.ts';
import { notify } from '../notifications/notify.ts';
import * as territoriesRepo from '../territories/territories.repository.ts';
import { createTerritoriesService } from '../territories/territories.service.ts';
import * as repo from './handover.repository.ts';

type Actor = RequestContext['actor'];

/** Admin and compliance read every hand-over, a manager those of their team's people; reps none. */
function readScope(actor: Actor) {
  if (actor.role === 'rep') throw forbidden();
  return scopeOf(actor).users(repo.handovers.fromUserId);
}

const planOf = (raw: unknown): HandoverPlan => {
  const p = (raw ?? {}) as Partial<HandoverPlan>;
  return {
    territories: p.territories ?? [],
    defaultToUserId: p.defaultToUserId ?? null,
    overrides: p.overrides ?? [],
  };
};

/** Open records count from `from`: a deactivation moves everything still open today. */
export const windowFrom = (from: string): repo.OpenWindow => ({
  from,
  firstMonth: firstWholeMonthFrom(from),
});

/** Open records a user still holds (territories, follow-ups, plans …) — plain deactivation refuses while any. */
export async function countOpenRecords(db: Db, userId: string, today: string): Promise<number> {
  return (await repo.findOpenRecords(db, { userId }, windowFrom(today))).length;
}

export function createHandoverService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  async function load(tx: Db, id: string, scope?: ReturnType<typeof readScope>) {
    const h = await repo.getHandover(tx, id, scope);
    return h && { ...h, plan: planOf(h.plan), notes: (h.notes ?? []) as HandoverNote[] };
  }

  /** Everything the plan needs to be judged and carried out, read in the caller's transaction. */
  async function inventory(tx: Db, h: Handover) {
    const leaver = await repo.getUser(tx, h.fromUserId);
    if (!leaver) throw notFound();
    const territories = await repo.findHeldTerritories(tx, h.fromUserId);
    const territoryIds = territories.map((t) => t.id);
    const window = windowFrom(h.deactivate && today() < h.effectiveDate ? today() : h.effectiveDate);
    const records = await repo.findOpenRecords(tx, { userId: h.fromUserId }, window);
    const membership = await repo.findMembership(tx, territoryIds);
    const byHospital = new Map<string, string[]>();
    for (const m of membership.hospitals)
      byHospital.set(m.id, [...(byHospital.get(m.id) ?? []), m.territoryId]);
    const byCustomer = new Map<string, string[]>();
    for (const m of membership.channelCustomers)
      byCustomer.set(m.id, [...(byCustomer.get(m.id) ?? []), m.territoryId]);
    // territories in code order, so a hospital in two of the leaver's territories follows the first
    const order = (ids: string[]) => territoryIds.filter((t) => ids.includes(t));
    const territoryIdsOf = (r: { hospitalId: string | null; channelCustomerId: string | null }) =>
      order([
        ...(r.hospitalId ? (byHospital.get(r.hospitalId) ?? []) : []),
        ...(r.channelCustomerId ? (byCustomer.get(r.channelCustomerId) ?? []) : []),
      ]);
    const placed = records.map((r) => ({
      ...r,
      territoryIds: r.territoryId ? [r.territoryId] : territoryIdsOf(r),
    }));
    const plan = h.plan as HandoverPlan;
    const planned = new Set([
      ...plan.territories.map((t) => t.toUserId),
      ...plan.overrides.map((o) => o.toUserId),
      ...(plan.defaultToUserId ? [plan.defaultToUserId] : []),
    ]);
    const named = await repo.findUsersByIds(tx, [...planned]);
    const candidates = new Map<string, SuccessorCandidate>(named.map((u) => [u.id, u]));
    const problems = checkHandoverPlan({
      plan,
      leaverId: leaver.id,
      territories: territories.map((t) => ({
        id: t.id,
        name: `${t.code} ${t.name}`,
        teamId: t.teamId,
        managerId: t.managerId,
      })),
      leaverManagerId: leaver.managerId,
      leaverTeamId: leaver.teamId,
      candidates,
      effectiveDate: h.effectiveDate,
      today: today(),
    });
    return {
      leaver,
      territories,
      records: placed,
      territoryIdsOf,
      plan,
      names: new Map(named.map((u) => [u.id, u.name])),
      problems,
    };
  }

  const invalid = (problems: PlanProblem[]) =>
    new AppError('VALIDATION_FAILED', {
      messageKey: problems[0]!.messageKey,
      params: problems[0]!.params,
      details: problems.map((p) => ({ path: p.path, message: p.messageKey, params: p.params })),
    });

  function assertDraft(h: { status: string }) {
    if (h.status !== 'draft') throw new AppError('CONFLICT', { messageKey: 'handover.notDraft' });
  }

  return {
    async findHandovers(
      ctx: RequestContext,
      args: z.infer<typeof handoverListQuerySchema>,
    ): Promise<ListResponse<Handover>> {
      const scope = readScope(ctx.actor);
      const { rows, total } = await repo.findHandovers(db, { ...args, scope }, args);
      return listOf(
        rows.map((r) => ({ ...r, plan: planOf(r.plan), notes: (r.notes ?? []) as HandoverNote[] })),
        total,
        args,
      );
    },

    async getHandover(ctx: RequestContext, id: string): Promise<Handover> {
      return (await load(db, id, readScope(ctx.actor))) ?? Promise.reject(notFound());
    },

    /** A draft for a leaving rep (or manager): one open draft per user. */
    async createHandover(
      ctx: RequestContext,
      input: z.infer<typeof createHandoverSchema>,
    ): Promise<Handover> {
      assertAdmin(ctx.actor);
      if (input.fromUserId === ctx.actor.id)
        throw new AppError('CONFLICT', { messageKey: 'handover.cannotHandOverSelf' });
      return auditedCreate(db, ctx, {
        entity: 'handover',
        create: async (tx) => {
          const leaver = await repo.getUser(tx, input.fromUserId);
          if (!leaver) throw notFound();
          if (leaver.role !== 'rep' && leaver.role !== 'manager')
            throw new AppError('VALIDATION_FAILED', {
              messageKey: 'handover.leaverNotRep',
              details: [{ path: 'body.fromUserId', message: 'handover.leaverNotRep' }],
            });
          if (!leaver.active) throw new AppError('CONFLICT', { messageKey: 'handover.leaverInactive' });
          if (await repo.findOpenDraft(tx, leaver.id))
            throw new AppError('CONFLICT', { messageKey: 'handover.openDraftExists' });
          const effectiveDate = input.effectiveDate ?? today();
          if (effectiveDate < today())
            throw new AppError('VALIDATION_FAILED', {
              messageKey: 'handover.effectiveDateInPast',
              params: { today: today() },
              details: [
                {
                  path: 'body.effectiveDate',
                  message: 'handover.effectiveDateInPast',
                  params: { today: today() },
                },
              ],
            });
          const territories = await repo.findHeldTerritories(tx, leaver.id);
          // a start: every territory and the rest to the team's manager (代管) until the admin picks reps
          const caretaker = leaver.managerId && leaver.managerId !== leaver.id ? leaver.managerId : null;
          const plan: HandoverPlan = {
            territories: caretaker
              ? territories.map((t) => ({ territoryId: t.id, toUserId: caretaker }))
              : [],
            defaultToUserId: caretaker,
            overrides: [],
          };
          return repo.insertHandover(tx, {
            fromUserId: leaver.id,
            effectiveDate,
            deactivate: input.deactivate,
            reason: input.reason ?? null,
            plan,
            createdBy: ctx.actor.id,
          });
        },
        load: (tx, id) => load(tx, id),
      });
    },

    /** Plan, notes, date and the deactivation flag of a draft (versioned). */
    async updateHandover(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateHandoverSchema>,
    ): Promise<Handover> {
      assertAdmin(ctx.actor);
      const { version, ...values } = input;
      return auditedChange(db, ctx, {
        entity: 'handover',
        id,
        load: (tx) => load(tx, id),
        write: async (tx, before) => {
          assertDraft(before);
          if (values.effectiveDate && values.effectiveDate < today())
            throw new AppError('VALIDATION_FAILED', {
              messageKey: 'handover.effectiveDateInPast',
              params: { today: today() },
              details: [
                {
                  path: 'body.effectiveDate',
                  message: 'handover.effectiveDateInPast',
                  params: { today: today() },
                },
              ],
            });
          const set: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(values)) if (v !== undefined) set[k] = v;
          await updateVersioned(tx, repo.handovers, id, version, set);
        },
      });
    },

    /** The inventory: territories, key accounts, open records per kind with their proposed successor. */
    async previewHandover(ctx: RequestContext, id: string): Promise<HandoverPreview> {
      const h = await load(db, id, readScope(ctx.actor));
      if (!h) throw notFound();
      const inv = await inventory(db, h);
      const teamIds = [
        ...new Set([inv.leaver.teamId, ...inv.territories.map((t) => t.teamId)].filter((x) => x !== null)),
      ];
      const candidates = (await repo.findCandidates(db, teamIds)).filter((c) => c.id !== h.fromUserId);
      const names = new Map([...inv.names, ...candidates.map((c) => [c.id, c.name] as const)]);
      const records: HandoverRecord[] = inv.records.map((r) => {
        const to = successorFor(inv.plan, r);
        return {
          entity: r.entity,
          id: r.id,
          label: r.label,
          territoryIds: r.territoryIds,
          toUserId: to,
          toUserName: to ? (names.get(to) ?? null) : null,
        };
      });
      const counts: Record<string, number> = {};
      for (const r of records) counts[r.entity] = (counts[r.entity] ?? 0) + 1;
      const territoryIds = inv.territories.map((t) => t.id);
      return {
        handoverId: h.id,
        territories: inv.territories.map((t) => ({
          id: t.id,
          code: t.code,
          name: t.name,
          teamId: t.teamId,
          hospitalCount: t.hospitalCount,
          channelCustomerCount: t.channelCustomerCount,
          toUserId: inv.plan.territories.find((p) => p.territoryId === t.id)?.toUserId ?? null,
        })),
        keyAccounts: await repo.findKeyAccounts(db, territoryIds),
        candidates,
        counts,
        records,
        careDateCount: await repo.countCareDates(db, territoryIds),
        problems: inv.problems.map((p) => ({
          path: p.path,
          message: ruleMessage(ctx.locale, p.messageKey, p.params) ?? p.messageKey,
        })),
      };
    },

    /**
     * Completes the hand-over in one transaction: territories switched, every open record moved per plan,
     * items written, successors notified, the leaver deactivated if asked. The leaver must hold nothing
     * open afterwards, or everything is rolled back.
     */
    async completeHandover(ctx: RequestContext, id: string, version: number): Promise<Handover> {
      assertAdmin(ctx.actor);
      return db.transaction(async (tx) => {
        const locked = await repo.lockHandover(tx, id);
        if (!locked) throw notFound();
        assertDraft(locked);
        if (locked.version !== version) throw versionConflict(locked.version);
        const before = (await load(tx, id))!;
        const inv = await inventory(tx, before);
        if (inv.problems.length > 0) throw invalid(inv.problems);
        const eff = before.effectiveDate;

        // territories: a rep successor through the territories service (its rules and audit); the
        // manager as caretaker ends the leaver's coverage and looks after the territory through the team
        const territories = createTerritoriesService({ db: tx, today });
        const items: { handoverId: string; entity: string; entityId: string; toUserId: string }[] = [];
        for (const entry of inv.plan.territories) {
          const successor = await repo.getUser(tx, entry.toUserId);
          if (successor?.role === 'rep') {
            await territories.assignTerritory(ctx, entry.territoryId, {
              userId: entry.toUserId,
              startDate: eff,
              note: `交接：${inv.leaver.name} → ${successor.name}`,
            });
          } else {
            const open = await territoriesRepo.getOpenAssignment(tx, entry.territoryId);
            if (open && open.userId === inv.leaver.id)
              await territoriesRepo.endAssignment(tx, open.id, addDays(eff, -1));
          }
        }

        const moves = inv.records
          .filter((r) => r.entity !== 'territoryAssignment')
          .map((r) => ({ ...r, toUserId: successorFor(inv.plan, r)! }));
        for (const r of inv.records.filter((x) => x.entity === 'territoryAssignment'))
          items.push({
            handoverId: id,
            entity: r.entity,
            entityId: r.id,
            toUserId: inv.plan.territories.find((t) => t.territoryId === r.territoryId)!.toUserId,
          });

        // one care-fee claim per owner and month: a clash needs another successor for that claim
        const claimsBySuccessor = new Map<string, string[]>();
        for (const r of moves.filter((m) => m.entity === 'careFeeClaim'))
          claimsBySuccessor.set(r.toUserId, [...(claimsBySuccessor.get(r.toUserId) ?? []), r.id]);
        for (const [to, ids] of claimsBySuccessor) {
          const clash = await repo.findClaimMonthClashes(tx, ids, to);
          if (clash.length > 0)
            throw new AppError('CONFLICT', {
              messageKey: 'handover.claimConflict',
              params: { name: inv.names.get(to) ?? '', month: clash[0]!.month },
            });
        }

        // cycle plans before their calls, so calls land in the plan their successor now holds
        for (const r of moves.filter((m) => m.entity === 'cyclePlan'))
          await repo.moveCyclePlan(tx, r.id, r.toUserId);
        for (const r of moves) {
          if (r.entity === 'plannedCall') await repo.movePlannedCall(tx, r.id, r.toUserId);
          else if (r.entity === 'weeklyPlan')
            await repo.moveWeeklyPlan(tx, r.id, r.toUserId, inv.leaver.name);
          else if (r.entity === 'repQuota' || r.entity === 'salesForecast')
            await repo.moveMonthly(tx, r.entity, r.id, r.toUserId);
        }
        const simple = new Map<string, string[]>();
        for (const r of moves)
          if (repo.isSimpleEntity(r.entity)) {
            const key = `${r.entity}|${r.toUserId}`;
            simple.set(key, [...(simple.get(key) ?? []), r.id]);
          }
        for (const [key, ids] of simple) {
          const [entity, to] = key.split('|') as [repo.SimpleEntity, string];
          await repo.moveSimple(tx, entity, ids, to);
        }
        items.push(
          ...moves.map((r) => ({ handoverId: id, entity: r.entity, entityId: r.id, toUserId: r.toUserId })),
        );
        await repo.insertItems(tx, items);

        // 交接说明: each note reaches the successor of its account's territory as an important task
        const notes = before.notes.filter((n) => n.note.trim());
        const accounts = await repo.findNoteAccounts(tx, {
          hospitals: notes.flatMap((n) => (n.hospitalId ? [n.hospitalId] : [])),
          doctors: notes.flatMap((n) => (n.doctorId ? [n.doctorId] : [])),
          customers: notes.flatMap((n) => (n.channelCustomerId ? [n.channelCustomerId] : [])),
        });
        for (const n of notes) {
          const accountId = n.hospitalId ?? n.doctorId ?? n.channelCustomerId ?? '';
          const account = accounts.get(accountId);
          if (!account) continue;
          const territoryIds = inv.territoryIdsOf({
            hospitalId: account.hospitalId,
            channelCustomerId: n.channelCustomerId ?? null,
          });
          const to = successorFor(inv.plan, { entity: 'task', id: accountId, territoryIds })!;
          await repo.insertNoteTask(tx, {
            ownerId: to,
            clientId: randomUUID(),
            title: `交接说明 · ${account.name}（${inv.leaver.name}）`,
            notes: n.note.trim(),
            dueDate: addDays(eff, 7),
          });
        }

        const perSuccessor = new Map<string, number>();
        for (const i of items) perSuccessor.set(i.toUserId, (perSuccessor.get(i.toUserId) ?? 0) + 1);
        for (const [userId, count] of perSuccessor)
          await notify(tx, {
            userId,
            kind: 'handover',
            sourceKey: `handover:${id}`,
            params: { from: inv.leaver.name, count },
            link: '/',
          });

        if (before.deactivate) {
          await repo.deactivateUser(tx, inv.leaver.id);
          await deleteUserSessions(tx, inv.leaver.id);
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'user',
            entityId: inv.leaver.id,
            action: 'update',
            before: { active: true },
            after: { active: false },
          });
        }
        await updateVersioned(tx, repo.handovers, id, version, {
          status: 'completed',
          completedAt: now().toISOString(),
        });

        // nothing may stay with the leaver: checked inside the transaction, rolled back otherwise
        const left = await repo.findOpenRecords(
          tx,
          { userId: inv.leaver.id },
          windowFrom(before.deactivate && today() < eff ? today() : eff),
        );

        if (left.length > 0)
          throw new AppError('CONFLICT', {
            messageKey: 'handover.leftOpen',
            params: { count: left.length },
          });

        const after = (await load(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'handover',
          entityId: id,
          action: 'update',
          before: { status: before.status },
          after: { status: after.status, moved: items.length, deactivated: before.deactivate },
        });
        return after;
      });
    },

    async cancelHandover(ctx: RequestContext, id: string, version: number): Promise<Handover> {
      assertAdmin(ctx.actor);
      return auditedChange(db, ctx, {
        entity: 'handover',
        id,
        load: (tx) => load(tx, id),
        write: async (tx, before) => {
          assertDraft(before);
          await updateVersioned(tx, repo.handovers, id, version, { status: 'cancelled' });
        },
      });
    },

    /** 孤儿: open records and current territories still held by deactivated users (must be none). */
    async findOrphans(ctx: RequestContext): Promise<OrphanList> {
      if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'compliance') throw forbidden();
      const rows = await repo.findOpenRecords(db, { inactive: true }, windowFrom(today()));
      const names = new Map(
        (await repo.findUsersByIds(db, [...new Set(rows.map((r) => r.userId))])).map((u) => [u.id, u.name]),
      );
      return {
        count: rows.length,
        items: rows.map((r) => ({
          kind: r.entity,
          id: r.id,
          label: r.label,
          userId: r.userId,
          userName: names.get(r.userId) ?? '',
        })),
      };
    },
  };
}
export type HandoverService = ReturnType<typeof createHandoverService>;
