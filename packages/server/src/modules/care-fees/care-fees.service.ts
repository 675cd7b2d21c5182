/**
 * 客情费 (seed 003 客情关系维护费用管理制度): budget accounts per product and year; a rep's monthly claim whose lines
 * the server fills with the statement of each channel customer's 纯销 and 回款; signatures 销售文员 → 销售部经理 →
 * 财务 in sequence; payout within the cash-advance cap; the manager's spot check of 3 paid customers; 新客户特殊费用
 * applications signed the same way before the contract date. Never for doctors.
 *
 * 回款 of a line: a distributor's ledger payments in the month against its deliveries in the month (rate capped at
 * 1); a pharmacy or clinic pays its distributor, not us, so its rate is 1 whenever it has net sales (collected =
 * net sales amount).
 */
import type { z } from 'zod';
import {
  careFeeAdvanceCapFen,
  careFeeAdvanceError,
  careFeeCollectionRate,
  careFeeMaxRequestFen,
  careFeePayable,
  careFeeSignaturesComplete,
  careFeeSpecialValid,
  careFeeSpotCheckError,
  chinaDate,
  isPastMonth,
  nextCareFeeSignStep,
  statusAfterSignature,
  type CareFeeSignStep,
} from '@keqing/domain';
import {
  ruleMessage,
  type CareFeeAccount,
  type careFeeAccountListQuerySchema,
  type CareFeeClaim,
  type careFeeClaimListQuerySchema,
  type CareFeeClaimLineInput,
  type CareFeeClaimSummary,
  type CareFeeSpecialApplication,
  type careFeeSpecialListQuerySchema,
  type careFeeSpotCheckInputSchema,
  type createCareFeeClaimSchema,
  type createCareFeeSpecialSchema,
  type ListResponse,
  type payCareFeeClaimSchema,
  type signCareFeeSchema,
  type updateCareFeeClaimSchema,
  type upsertCareFeeAccountSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './care-fees.repository.ts';
import { teamManagerOf } from '../users/team-lead.repository.ts';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const conflict = (messageKey: string, params?: Record<string, string | number>) =>
  new AppError('CONFLICT', { messageKey, params });

/** Any `doctorId` key anywhere in the body (top level or a line) is refused. */
function hasDoctorId(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDoctorId);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k === 'doctorId' || hasDoctorId(v));
  return false;
}
const refuseDoctor = (body: unknown) => {
  if (hasDoctorId(body)) throw fieldError('body.doctorId', 'careFee.doctor.refused');
};

export function createCareFeesService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  /** Claims and applications: rep own, manager the team's, admin and compliance all. */
  const ownerVisibility = (ctx: RequestContext, column: Parameters<ReturnType<typeof scopeOf>['users']>[0]) =>
    scopeOf(ctx.actor).users(column);

  async function toClaim(tx: Db, row: repo.ClaimRow): Promise<CareFeeClaim> {
    const [lines, sigs, spot] = await Promise.all([
      repo.claimLines(tx, row.id),
      repo.signatures(tx, 'claim', [row.id]),
      repo.spotCheckOf(tx, row.id),
    ]);
    return {
      ...row,
      nextStep: nextCareFeeSignStep(row.status),
      lines: lines.map((l) => ({
        ...l,
        recipientRole: l.recipientRole as CareFeeClaim['lines'][number]['recipientRole'],
      })),
      signatures: sigs.map(({ subjectId: _s, ...s }) => s),
      spotCheck: spot ?? null,
    };
  }
  const loadClaim = (id: string) => async (tx: Db) => {
    const row = await repo.getClaim(tx, id);
    return row && toClaim(tx, row);
  };
  async function visibleClaim(ctx: RequestContext, id: string) {
    const row = await repo.getClaim(db, id, ownerVisibility(ctx, repo.careFeeClaims.ownerId));
    if (!row) throw notFound();
    return row;
  }

  async function toSpecials(tx: Db, rows: repo.SpecialRow[]): Promise<CareFeeSpecialApplication[]> {
    const sigs = await repo.signatures(
      tx,
      'specialApplication',
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      ...r,
      valid: specialValid(r),
      nextStep: nextCareFeeSignStep(r.status),
      signatures: sigs.filter((s) => s.subjectId === r.id).map(({ subjectId: _s, ...s }) => s),
    }));
  }
  const specialValid = (r: { status: string; approvedAt: string | null; contractDate: string }) =>
    careFeeSpecialValid({
      status: r.status,
      approvedOn: r.approvedAt ? chinaDate(new Date(r.approvedAt)) : null,
      contractDate: r.contractDate,
    });
  const loadSpecial = (id: string) => async (tx: Db) => {
    const row = await repo.getSpecial(tx, id);
    return row && (await toSpecials(tx, [row]))[0];
  };

  /** Only reps and managers claim; a manager may file for a rep of their team. */
  async function ownerFor(ctx: RequestContext, ownerId: string | undefined): Promise<string> {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager') throw forbidden('careFee.roleCannotClaim');
    if (!ownerId || ownerId === ctx.actor.id) return ctx.actor.id;
    if (ctx.actor.role === 'manager' && (await teamManagerOf(db, ownerId)) === ctx.actor.id) return ownerId;
    throw fieldError('body.ownerId', 'careFee.owner.notTeam');
  }

  /** The owner or the manager of the owner's team. */
  async function assertMayChange(ctx: RequestContext, ownerId: string) {
    assertMayWrite(ctx.actor);
    if (ownerId === ctx.actor.id) return;
    if (ctx.actor.role === 'manager' && (await teamManagerOf(db, ownerId)) === ctx.actor.id) return;
    throw forbidden('careFee.claim.notOwner');
  }

  /** Fills each line's statement and payable; validates scope, rate and special applications. */
  async function buildLines(
    ctx: RequestContext,
    month: string,
    lines: CareFeeClaimLineInput[],
  ): Promise<repo.LineValues[]> {
    const scope = scopeOf(ctx.actor);
    const year = Number(month.slice(0, 4));
    const seen = new Set<string>();
    const out: repo.LineValues[] = [];
    for (const [i, line] of lines.entries()) {
      const at = `body.lines.${i}`;
      const customer = await repo.findChannelCustomer(
        db,
        line.channelCustomerId,
        scope.channelCustomers(repo.channelCustomers.id),
      );
      if (!customer) throw new AppError('NOT_FOUND', { messageKey: 'careFee.customer.outOfScope' });
      if (!(await repo.productExists(db, line.productId)))
        throw fieldError(`${at}.productId`, 'careFee.product.unknown');
      const key = `${line.channelCustomerId}/${line.productId}/${line.specialApplicationId ?? ''}`;
      if (seen.has(key)) throw fieldError(`${at}.productId`, 'careFee.line.duplicate');
      seen.add(key);

      const sales = await repo.netSales(db, customer, line.productId, month);
      let collectedFen: number;
      let collectionRate: number;
      if (customer.kind === 'distributor') {
        const ledger = await repo.ledgerMonth(db, customer.id, month);
        collectedFen = ledger.collectedFen;
        collectionRate = careFeeCollectionRate(ledger.collectedFen, ledger.deliveredFen);
      } else {
        collectedFen = sales.quantity > 0 ? sales.amountFen : 0;
        collectionRate = sales.quantity > 0 ? 1 : 0;
      }

      if (line.specialApplicationId) {
        const app = await repo.getSpecial(db, line.specialApplicationId);
        if (!app || app.channelCustomerId !== customer.id || !specialValid(app))
          throw fieldError(`${at}.specialApplicationId`, 'careFee.special.invalid', {
            contractDate: app?.contractDate ?? '—',
          });
        if (line.requestedFen > app.amountFen)
          throw fieldError(`${at}.requestedFen`, 'careFee.special.overAmount', {
            requested: yuan(line.requestedFen),
            max: yuan(app.amountFen),
          });
      } else {
        const account = await repo.findAccount(db, line.productId, year);
        if (!account) throw fieldError(`${at}.productId`, 'careFee.account.missing', { year });
        const max = careFeeMaxRequestFen(account.ratePerUnitFen, sales.quantity);
        if (line.requestedFen > max)
          throw fieldError(`${at}.requestedFen`, 'careFee.line.overRate', {
            requested: yuan(line.requestedFen),
            rate: `¥${yuan(account.ratePerUnitFen)}`,
            quantity: sales.quantity,
            max: yuan(max),
          });
      }
      out.push({
        channelCustomerId: customer.id,
        productId: line.productId,
        netSalesQuantity: sales.quantity,
        netSalesFen: sales.amountFen,
        collectedFen,
        collectionRate,
        requestedFen: line.requestedFen,
        payableFen: careFeePayable({
          requestedFen: line.requestedFen,
          netSalesQuantity: sales.quantity,
          collectionRate,
        }),
        recipientRole: line.recipientRole,
        specialApplicationId: line.specialApplicationId ?? null,
        note: line.note ?? null,
      });
    }
    return out;
  }
  const totals = (lines: repo.LineValues[]) => ({
    requestedFen: lines.reduce((s, l) => s + l.requestedFen, 0),
    payableFen: lines.reduce((s, l) => s + l.payableFen, 0),
  });

  /**
   * The step the actor may sign for an item of `ownerId`, or an error: the clerk and finance steps are admins with
   * that duty; the manager step is the owner's team manager. Never the owner, never two steps by one person.
   */
  async function assertSigner(
    tx: Db,
    ctx: RequestContext,
    ownerId: string,
    status: string,
    signedBy: string[],
  ): Promise<CareFeeSignStep> {
    assertMayWrite(ctx.actor);
    const me = await repo.findUser(tx, ctx.actor.id);
    const duties = me?.duties ?? [];
    const eligible = new Set<CareFeeSignStep>();
    if (ctx.actor.role === 'admin' && duties.includes('salesClerk')) eligible.add('clerk');
    if (ctx.actor.role === 'admin' && duties.includes('finance')) eligible.add('finance');
    if (ctx.actor.role === 'manager' && (await teamManagerOf(tx, ownerId)) === ctx.actor.id)
      eligible.add('manager');
    if (ownerId === ctx.actor.id) throw forbidden('careFee.sign.owner');
    if (eligible.size === 0) throw forbidden('careFee.sign.notSigner');
    const next = nextCareFeeSignStep(status);
    if (!next) throw conflict('careFee.sign.nothingToSign');
    if (!eligible.has(next))
      throw conflict('careFee.sign.outOfOrder', {
        next: ruleMessage(ctx.locale, `careFee.step.${next}`) ?? next,
      });
    if (signedBy.includes(ctx.actor.id)) throw forbidden('careFee.sign.twice');
    return next;
  }

  return {
    // ── accounts ──
    async findAccounts(
      _ctx: RequestContext,
      q: z.infer<typeof careFeeAccountListQuerySchema>,
    ): Promise<ListResponse<CareFeeAccount>> {
      const year = q.year ?? Number(today().slice(0, 4));
      const { rows, total } = await repo.findAccounts(db, year, q);
      return listOf(rows, total, q);
    },

    async upsertAccount(
      ctx: RequestContext,
      input: z.infer<typeof upsertCareFeeAccountSchema>,
    ): Promise<CareFeeAccount> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'admin') throw forbidden('careFee.account.adminOnly');
      if (!(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'careFee.product.unknown');
      const loadAccount = async (tx: Db, id: string) => {
        const { rows } = await repo.findAccounts(tx, input.year, { page: 1, pageSize: 200 });
        return rows.find((r) => r.id === id);
      };
      const existing = await repo.findAccount(db, input.productId, input.year);
      const values = { budgetFen: input.budgetFen, ratePerUnitFen: input.ratePerUnitFen };
      if (!existing)
        return auditedCreate(db, ctx, {
          entity: 'careFeeAccount',
          create: async (tx) => {
            const [row] = await tx
              .insert(repo.careFeeAccounts)
              .values({ productId: input.productId, year: input.year, ...values })
              .returning({ id: repo.careFeeAccounts.id });
            return row!.id;
          },
          load: loadAccount,
        });
      return auditedChange(db, ctx, {
        entity: 'careFeeAccount',
        id: existing.id,
        load: (tx) => loadAccount(tx, existing.id),
        write: (tx, before) => updateVersioned(tx, repo.careFeeAccounts, existing.id, before.version, values),
      });
    },

    // ── claims ──
    async findClaims(
      ctx: RequestContext,
      q: z.infer<typeof careFeeClaimListQuerySchema>,
    ): Promise<ListResponse<CareFeeClaimSummary>> {
      const { rows, total } = await repo.findClaims(
        db,
        { ...q, scope: ownerVisibility(ctx, repo.careFeeClaims.ownerId) },
        q,
      );
      return listOf(
        rows.map((r) => ({ ...r, nextStep: nextCareFeeSignStep(r.status) })),
        total,
        q,
      );
    },

    async getClaim(ctx: RequestContext, id: string): Promise<CareFeeClaim> {
      return toClaim(db, await visibleClaim(ctx, id));
    },

    async createClaim(
      ctx: RequestContext,
      input: z.infer<typeof createCareFeeClaimSchema>,
    ): Promise<CareFeeClaim> {
      refuseDoctor(input);
      const ownerId = await ownerFor(ctx, input.ownerId);
      if (!isPastMonth(input.month, today()))
        throw fieldError('body.month', 'careFee.month.notPast', { month: input.month });
      if (await repo.claimExistsForMonth(db, ownerId, input.month))
        throw conflict('careFee.claim.duplicateMonth', { month: input.month });
      const lines = await buildLines(ctx, input.month, input.lines);
      try {
        return await auditedCreate(db, ctx, {
          entity: 'careFeeClaim',
          create: async (tx) => {
            const id = await repo.insertClaim(tx, { ownerId, month: input.month, ...totals(lines) });
            await repo.replaceLines(tx, id, lines);
            return id;
          },
          load: (tx, id) => loadClaim(id)(tx),
        });
      } catch (e) {
        // a concurrent claim of the same month (unique owner + month)
        if (await repo.claimExistsForMonth(db, ownerId, input.month))
          throw conflict('careFee.claim.duplicateMonth', { month: input.month });
        throw e;
      }
    },

    async updateClaim(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateCareFeeClaimSchema>,
    ): Promise<CareFeeClaim> {
      refuseDoctor(input);
      const row = await visibleClaim(ctx, id);
      await assertMayChange(ctx, row.ownerId);
      if (row.status !== 'draft') throw conflict('careFee.claim.notDraft');
      const lines = input.lines ? await buildLines(ctx, row.month, input.lines) : undefined;
      return auditedChange(db, ctx, {
        entity: 'careFeeClaim',
        id,
        load: loadClaim(id),
        write: async (tx, before) => {
          if (before.status !== 'draft') throw conflict('careFee.claim.notDraft');
          await updateVersioned(tx, repo.careFeeClaims, id, input.version, lines ? totals(lines) : {});
          if (lines) await repo.replaceLines(tx, id, lines);
        },
      });
    },

    async submitClaim(ctx: RequestContext, id: string, input: { version: number }): Promise<CareFeeClaim> {
      const row = await visibleClaim(ctx, id);
      await assertMayChange(ctx, row.ownerId);
      return auditedChange(db, ctx, {
        entity: 'careFeeClaim',
        id,
        load: loadClaim(id),
        write: async (tx, before) => {
          if (before.status !== 'draft') throw conflict('careFee.claim.notDraft');
          await updateVersioned(tx, repo.careFeeClaims, id, input.version, {
            status: 'submitted',
            submittedAt: now().toISOString(),
          });
        },
      });
    },

    async signClaim(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof signCareFeeSchema>,
    ): Promise<CareFeeClaim> {
      const scope = scopeOf(ctx.actor);
      // clerk and finance are admins (see all); the manager step sees the team's claims
      const row = await repo.getClaim(db, id, scope.users(repo.careFeeClaims.ownerId));
      if (!row) throw notFound();
      return auditedChange(db, ctx, {
        entity: 'careFeeClaim',
        id,
        load: loadClaim(id),
        write: async (tx, before) => {
          const step = await assertSigner(
            tx,
            ctx,
            before.ownerId,
            before.status,
            before.signatures.map((s) => s.signedBy),
          );
          await repo.insertSignature(tx, {
            subject: 'claim',
            subjectId: id,
            step,
            decision: input.decision,
            signedBy: ctx.actor.id,
            comment: input.comment ?? null,
          });
          await updateVersioned(tx, repo.careFeeClaims, id, before.version, {
            status: statusAfterSignature(step, input.decision),
          });
        },
      });
    },

    async payClaim(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof payCareFeeClaimSchema>,
    ): Promise<CareFeeClaim> {
      const row = await visibleClaim(ctx, id);
      assertMayWrite(ctx.actor);
      if (row.ownerId !== ctx.actor.id) throw forbidden('careFee.pay.notOwner');
      if (input.paidOn > today()) throw fieldError('body.paidOn', 'careFee.date.future');
      return auditedChange(db, ctx, {
        entity: 'careFeeClaim',
        id,
        load: loadClaim(id),
        write: async (tx, before) => {
          if (before.status !== 'approved' || !careFeeSignaturesComplete(before.ownerId, before.signatures))
            throw conflict('careFee.pay.notApproved');
          const err = careFeeAdvanceError(input.advanceFen, before.payableFen);
          if (err === 'overCap')
            throw fieldError('body.advanceFen', 'careFee.pay.overCap', { cap: yuan(careFeeAdvanceCapFen) });
          if (err === 'overPayable')
            throw fieldError('body.advanceFen', 'careFee.pay.overPayable', {
              payable: yuan(before.payableFen),
            });
          await updateVersioned(tx, repo.careFeeClaims, id, before.version, {
            status: 'paid',
            paidOn: input.paidOn,
            advanceFen: input.advanceFen,
          });
        },
      });
    },

    async spotCheck(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof careFeeSpotCheckInputSchema>,
    ): Promise<CareFeeClaim> {
      const row = await visibleClaim(ctx, id);
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'manager' || (await teamManagerOf(db, row.ownerId)) !== ctx.actor.id)
        throw forbidden('careFee.spotCheck.notManager');
      if (input.checkedOn > today()) throw fieldError('body.checkedOn', 'careFee.date.future');
      return auditedChange(db, ctx, {
        entity: 'careFeeClaim',
        id,
        load: loadClaim(id),
        write: async (tx, before) => {
          if (before.status !== 'paid') throw conflict('careFee.spotCheck.notPaid');
          if (before.spotCheck) throw conflict('careFee.spotCheck.exists');
          if (before.paidOn && input.checkedOn < before.paidOn)
            throw fieldError('body.checkedOn', 'careFee.spotCheck.beforePaid', { paidOn: before.paidOn });
          const paid = [
            ...new Set(before.lines.filter((l) => l.payableFen > 0).map((l) => l.channelCustomerId)),
          ];
          const err = careFeeSpotCheckError(
            paid,
            input.results.map((r) => r.channelCustomerId),
          );
          if (err === 'duplicate') throw fieldError('body.results', 'careFee.spotCheck.duplicate');
          if (err === 'notPaid') throw fieldError('body.results', 'careFee.spotCheck.notPaidCustomer');
          if (err === 'count')
            throw fieldError('body.results', 'careFee.spotCheck.count', { count: Math.min(3, paid.length) });
          await repo.insertSpotCheck(tx, {
            claimId: id,
            checkedBy: ctx.actor.id,
            checkedOn: input.checkedOn,
            results: input.results.map((r) => ({
              channelCustomerId: r.channelCustomerId,
              confirmed: r.confirmed,
              note: r.note ?? null,
            })),
          });
        },
      });
    },

    // ── special applications ──
    async findSpecials(
      ctx: RequestContext,
      q: z.infer<typeof careFeeSpecialListQuerySchema>,
    ): Promise<ListResponse<CareFeeSpecialApplication>> {
      const { rows, total } = await repo.findSpecials(
        db,
        { ...q, scope: ownerVisibility(ctx, repo.careFeeSpecialApplications.ownerId) },
        q,
      );
      return listOf(await toSpecials(db, rows), total, q);
    },

    async createSpecial(
      ctx: RequestContext,
      input: z.infer<typeof createCareFeeSpecialSchema>,
    ): Promise<CareFeeSpecialApplication> {
      refuseDoctor(input);
      const ownerId = await ownerFor(ctx, undefined);
      const customer = await repo.findChannelCustomer(
        db,
        input.channelCustomerId,
        scopeOf(ctx.actor).channelCustomers(repo.channelCustomers.id),
      );
      if (!customer) throw new AppError('NOT_FOUND', { messageKey: 'careFee.customer.outOfScope' });
      if (input.productId && !(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'careFee.product.unknown');
      const t = today();
      if (!(t < input.contractDate))
        throw fieldError('body.contractDate', 'careFee.special.contractDate', { today: t });
      return auditedCreate(db, ctx, {
        entity: 'careFeeSpecialApplication',
        create: (tx) =>
          repo.insertSpecial(tx, {
            ownerId,
            channelCustomerId: customer.id,
            productId: input.productId ?? null,
            amountFen: input.amountFen,
            reason: input.reason,
            contractDate: input.contractDate,
          }),
        load: (tx, id) => loadSpecial(id)(tx),
      });
    },

    async signSpecial(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof signCareFeeSchema>,
    ): Promise<CareFeeSpecialApplication> {
      const row = await repo.getSpecial(
        db,
        id,
        scopeOf(ctx.actor).users(repo.careFeeSpecialApplications.ownerId),
      );
      if (!row) throw notFound();
      return auditedChange(db, ctx, {
        entity: 'careFeeSpecialApplication',
        id,
        load: loadSpecial(id),
        write: async (tx, before) => {
          const step = await assertSigner(
            tx,
            ctx,
            before.ownerId,
            before.status,
            before.signatures.map((s) => s.signedBy),
          );
          await repo.insertSignature(tx, {
            subject: 'specialApplication',
            subjectId: id,
            step,
            decision: input.decision,
            signedBy: ctx.actor.id,
            comment: input.comment ?? null,
          });
          const status = statusAfterSignature(step, input.decision);
          await updateVersioned(tx, repo.careFeeSpecialApplications, id, before.version, {
            status,
            ...(status === 'approved' ? { approvedAt: now().toISOString() } : {}),
          });
        },
      });
    },
  };
}
export type CareFeesService = ReturnType<typeof createCareFeesService>;
