/**
 * 渠道促销 (seed 000 第三篇): 买赠, 返利, 折扣, 陈列奖励, 销售竞赛 for distributors, pharmacies and clinics — never for an
 * individual doctor. draft → submitted → approved | rejected (the owner's manager or an admin, not the owner);
 * payouts 兑付 only while approved and within the period (+30 days); going over budget needs the manager.
 */
import type { z } from 'zod';
import {
  chinaDate,
  evaluatePromotion,
  evaluationWindow,
  formatFen,
  payoutDateAllowed,
  payoutGraceDays,
  payoutOverBudget,
  periodBefore,
  promotionTargetKinds,
} from '@keqing/domain';
import type {
  ChannelPromotion,
  ChannelPromotionDetail,
  ChannelPromotionEvaluation,
  ChannelPromotionPayout,
  ListResponse,
  channelPromotionDecisionSchema,
  channelPromotionListQuerySchema,
  channelPromotionVersionSchema,
  createChannelPromotionPayoutSchema,
  createChannelPromotionSchema,
  updateChannelPromotionSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { Actor, RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './money.promotions.repository.ts';
import { isRepOfManager } from '../users/team-lead.repository.ts';

type TargetKind = (typeof promotionTargetKinds)[number];

export function createPromotionsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  /** A rep sees their own promotions, a manager their teams', admin and compliance all. */
  const visibility = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.channelPromotions.ownerId);

  async function visiblePromotion(ctx: RequestContext, id: string) {
    const row = await repo.getPromotion(db, id, visibility(ctx));
    if (!row) throw notFound();
    return row;
  }

  async function ownerActor(ownerId: string): Promise<Actor> {
    const u = await repo.getUser(db, ownerId);
    if (!u) throw notFound();
    return u;
  }

  /** The approver of the owner's promotions and over-budget payouts: the owner's manager or an admin. */
  async function isApprover(actor: Actor, ownerId: string) {
    if (actor.id === ownerId) return false;
    if (actor.role === 'admin') return true;
    return actor.role === 'manager' && (await isRepOfManager(db, ownerId, actor.id));
  }

  /** Changes and submission: the owner, or the manager of the owner's team. */
  async function assertOwnerLine(ctx: RequestContext, ownerId: string) {
    assertMayWrite(ctx.actor);
    const ok =
      ctx.actor.id === ownerId ||
      (ctx.actor.role === 'manager' && (await isRepOfManager(db, ownerId, ctx.actor.id))) ||
      ctx.actor.role === 'admin';
    if (!ok) throw forbidden('channelMoney.promotion.notOwner');
  }

  /** Named target customers must be channel customers of a chosen kind in the owner's territories. */
  async function assertTargets(owner: Actor, kinds: TargetKind[], ids: string[]) {
    if (ids.length === 0) return;
    const found = await repo.targetCustomers(
      db,
      kinds,
      ids,
      scopeOf(owner).channelCustomers(repo.channelCustomers.id),
    );
    if (found.length !== new Set(ids).size)
      throw fieldError('body.targetCustomerIds', 'channelMoney.promotion.targetOutOfScope');
  }

  async function assertProducts(ids: string[]) {
    if (!(await repo.productsExist(db, ids)))
      throw fieldError('body.productIds', 'channelMoney.promotion.productUnknown');
  }

  async function detail(tx: Db, id: string): Promise<ChannelPromotionDetail | undefined> {
    const row = await repo.getPromotion(tx, id);
    if (!row) return undefined;
    // one after the other: `tx` may be a transaction's single client
    const customers = await repo.namesOfCustomers(tx, row.targetCustomerIds);
    const productNames = await repo.namesOfProducts(tx, row.productIds);
    const payouts = await repo.findPayouts(tx, id);
    return { ...toPromotion(row, customers, productNames), payouts: payouts as ChannelPromotionPayout[] };
  }

  function toPromotion(
    row: repo.PromotionRow,
    customers: { id: string; name: string }[],
    productNames: { id: string; name: string }[],
  ): ChannelPromotion {
    const { ownerTeamId: _t, ownerRole: _r, ...rest } = row;
    const nameOf = new Map(productNames.map((p) => [p.id, p.name]));
    return {
      ...rest,
      kind: row.kind as ChannelPromotion['kind'],
      targetKinds: row.targetKinds as TargetKind[],
      targetCustomers: customers,
      productNames: row.productIds.map((id) => nameOf.get(id) ?? id),
    };
  }

  return {
    async findPromotions(
      ctx: RequestContext,
      q: z.infer<typeof channelPromotionListQuerySchema>,
    ): Promise<ListResponse<ChannelPromotion>> {
      const { rows, total } = await repo.findPromotions(
        db,
        {
          status: q.status,
          kind: q.kind,
          ownerId: q.ownerId,
          q: q.q,
          toDecideBy: q.toDecide ? { id: ctx.actor.id, role: ctx.actor.role } : undefined,
          scope: visibility(ctx),
        },
        q,
      );
      const customers = await repo.namesOfCustomers(db, [
        ...new Set(rows.flatMap((r) => r.targetCustomerIds)),
      ]);
      const productNames = await repo.namesOfProducts(db, [...new Set(rows.flatMap((r) => r.productIds))]);
      return listOf(
        rows.map((r) =>
          toPromotion(
            r,
            customers.filter((c) => r.targetCustomerIds.includes(c.id)),
            productNames,
          ),
        ),
        total,
        q,
      );
    },

    async getPromotion(ctx: RequestContext, id: string): Promise<ChannelPromotionDetail> {
      await visiblePromotion(ctx, id);
      return (await detail(db, id))!;
    },

    /** The caller owns the new draft; targets in the caller's territories only. */
    async createPromotion(
      ctx: RequestContext,
      input: z.infer<typeof createChannelPromotionSchema>,
    ): Promise<ChannelPromotionDetail> {
      assertMayWrite(ctx.actor);
      if (input.endsOn < input.startsOn) throw fieldError('body.endsOn', 'channelMoney.promotion.period');
      await assertTargets(ctx.actor, input.targetKinds, input.targetCustomerIds);
      await assertProducts(input.productIds);
      return auditedCreate(db, ctx, {
        entity: 'channelPromotion',
        create: (tx) =>
          repo.insertPromotion(tx, {
            name: input.name,
            kind: input.kind,
            targetKinds: input.targetKinds,
            targetCustomerIds: [...new Set(input.targetCustomerIds)],
            productIds: [...new Set(input.productIds)],
            rules: input.rules,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            budgetFen: input.budgetFen,
            ownerId: ctx.actor.id,
          }),
        load: detail,
      });
    },

    /** While draft or rejected (a rejected one goes back to draft when changed). */
    async updatePromotion(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateChannelPromotionSchema>,
    ): Promise<ChannelPromotionDetail> {
      const current = await visiblePromotion(ctx, id);
      await assertOwnerLine(ctx, current.ownerId);
      const kinds = (input.targetKinds ?? current.targetKinds) as TargetKind[];
      const ids = input.targetCustomerIds ?? current.targetCustomerIds;
      if (input.targetKinds || input.targetCustomerIds)
        await assertTargets(await ownerActor(current.ownerId), kinds, ids);
      if (input.productIds) await assertProducts(input.productIds);
      const startsOn = input.startsOn ?? current.startsOn;
      const endsOn = input.endsOn ?? current.endsOn;
      if (endsOn < startsOn) throw fieldError('body.endsOn', 'channelMoney.promotion.period');
      return auditedChange(db, ctx, {
        entity: 'channelPromotion',
        id,
        load: (tx) => detail(tx, id),
        write: async (tx, before) => {
          if (before.version !== input.version) throw versionConflict(before.version);
          if (before.status !== 'draft' && before.status !== 'rejected')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.promotion.notEditable' });
          const values: Record<string, unknown> = { status: 'draft' };
          if (input.name !== undefined) values.name = input.name;
          if (input.kind !== undefined) values.kind = input.kind;
          if (input.targetKinds !== undefined) values.targetKinds = input.targetKinds;
          if (input.targetCustomerIds !== undefined)
            values.targetCustomerIds = [...new Set(input.targetCustomerIds)];
          if (input.productIds !== undefined) values.productIds = [...new Set(input.productIds)];
          if (input.rules !== undefined) values.rules = input.rules;
          if (input.startsOn !== undefined) values.startsOn = input.startsOn;
          if (input.endsOn !== undefined) values.endsOn = input.endsOn;
          if (input.budgetFen !== undefined) values.budgetFen = input.budgetFen;
          await updateVersioned(tx, repo.channelPromotions, id, input.version, values);
        },
      });
    },

    async submitPromotion(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof channelPromotionVersionSchema>,
    ): Promise<ChannelPromotionDetail> {
      const current = await visiblePromotion(ctx, id);
      await assertOwnerLine(ctx, current.ownerId);
      return auditedChange(db, ctx, {
        entity: 'channelPromotion',
        id,
        load: (tx) => detail(tx, id),
        write: async (tx, before) => {
          if (before.version !== input.version) throw versionConflict(before.version);
          if (before.status !== 'draft' && before.status !== 'rejected')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.promotion.notSubmittable' });
          await updateVersioned(tx, repo.channelPromotions, id, input.version, { status: 'submitted' });
        },
      });
    },

    async decidePromotion(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof channelPromotionDecisionSchema>,
    ): Promise<ChannelPromotionDetail> {
      assertMayWrite(ctx.actor);
      const current = await visiblePromotion(ctx, id);
      if (current.ownerId === ctx.actor.id) throw forbidden('channelMoney.promotion.selfDecision');
      if (!(await isApprover(ctx.actor, current.ownerId)))
        throw forbidden('channelMoney.promotion.notApprover');
      return auditedChange(db, ctx, {
        entity: 'channelPromotion',
        id,
        load: (tx) => detail(tx, id),
        write: async (tx, before) => {
          if (before.version !== input.version) throw versionConflict(before.version);
          if (before.status !== 'submitted')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.promotion.notSubmitted' });
          const approved = input.decision === 'approved';
          await updateVersioned(tx, repo.channelPromotions, id, input.version, {
            status: approved ? 'approved' : 'rejected',
            approvedBy: approved ? ctx.actor.id : null,
            approvedAt: approved ? now().toISOString() : null,
          });
        },
      });
    },

    /**
     * 兑付 to one targeted channel customer, while approved and within the period (+30 days). A payout that takes
     * the total over budget is recorded only by the owner's manager or an admin, who is stored as its approver.
     */
    async createPayout(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof createChannelPromotionPayoutSchema>,
    ): Promise<ChannelPromotionPayout> {
      assertMayWrite(ctx.actor);
      const current = await visiblePromotion(ctx, id);
      if (input.paidOn > today()) throw fieldError('body.paidOn', 'channelMoney.date.future');
      if (!payoutDateAllowed(current, input.paidOn))
        throw fieldError('body.paidOn', 'channelMoney.payout.outsidePeriod', {
          graceDays: payoutGraceDays,
          from: current.startsOn,
          to: current.endsOn,
        });
      const owner = await ownerActor(current.ownerId);
      const kinds = current.targetKinds as TargetKind[];
      const target = await repo.targetCustomers(
        db,
        kinds,
        current.targetCustomerIds.length ? current.targetCustomerIds : [input.channelCustomerId],
        scopeOf(owner).channelCustomers(repo.channelCustomers.id),
      );
      if (!target.some((c) => c.id === input.channelCustomerId))
        throw fieldError('body.channelCustomerId', 'channelMoney.payout.notTarget');
      const approver = await isApprover(ctx.actor, current.ownerId);
      return auditedCreate(db, ctx, {
        entity: 'channelPromotionPayout',
        create: async (tx) => {
          await repo.lockPromotion(tx, id);
          const fresh = (await repo.getPromotion(tx, id))!;
          if (fresh.status !== 'approved')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.payout.notApproved' });
          const paid = await repo.paidTotal(tx, id);
          const over = payoutOverBudget(fresh.budgetFen, paid, input.amountFen);
          const params = {
            budget: formatFen(fresh.budgetFen),
            paid: formatFen(paid),
            amount: formatFen(input.amountFen),
          };
          if (over && !approver) throw fieldError('body.amountFen', 'channelMoney.payout.overBudget', params);
          if (over && !input.approveOverBudget)
            throw fieldError('body.approveOverBudget', 'channelMoney.payout.confirmOverBudget', params);
          return repo.insertPayout(tx, {
            promotionId: id,
            channelCustomerId: input.channelCustomerId,
            paidOn: input.paidOn,
            amountFen: input.amountFen,
            form: input.form,
            note: input.note ?? null,
            overBudgetApprovedBy: over ? ctx.actor.id : null,
            createdBy: ctx.actor.id,
          });
        },
        load: repo.getPayout,
      }) as Promise<ChannelPromotionPayout>;
    },

    /** Sell-through of the promotion's products to/through its customers during the period vs the days before. */
    async evaluatePromotion(ctx: RequestContext, id: string): Promise<ChannelPromotionEvaluation> {
      const p = await visiblePromotion(ctx, id);
      const owner = await ownerActor(p.ownerId);
      const customers = await repo.targetCustomers(
        db,
        p.targetKinds,
        p.targetCustomerIds.length ? p.targetCustomerIds : undefined,
        scopeOf(owner).channelCustomers(repo.channelCustomers.id),
      );
      const distributorIds = customers.filter((c) => c.kind === 'distributor').map((c) => c.id);
      const terminalIds = customers.filter((c) => c.kind !== 'distributor').map((c) => c.id);
      // a running promotion counts the days elapsed so far; one not started yet has nothing to compare
      const window = evaluationWindow(p.startsOn, p.endsOn, today());
      const units = (from: string, to: string) =>
        repo.sellThroughUnits(db, { productIds: p.productIds, distributorIds, terminalIds, from, to });
      const unitsDuring = window ? await units(window.from, window.to) : 0;
      const unitsBefore = window ? await units(window.beforeFrom, window.beforeTo) : 0;
      const before = periodBefore(p.startsOn, p.endsOn);
      return {
        promotionId: id,
        periodFrom: p.startsOn,
        periodTo: window?.to ?? p.endsOn,
        beforeFrom: window?.beforeFrom ?? before.from,
        beforeTo: window?.beforeTo ?? before.to,
        days: window?.days ?? 0,
        customerCount: customers.length,
        ...evaluatePromotion({ unitsDuring, unitsBefore, paidFen: p.paidFen, budgetFen: p.budgetFen }),
      };
    },
  };
}
export type PromotionsService = ReturnType<typeof createPromotionsService>;
