/**
 * 业务帐 (seed 000 七.3): the receivables ledger of each channel customer — deliveries and returns (written by the
 * goods module when shipments are posted), payments 回款 and adjustments (here) — with ageing, 对账 reconciliation,
 * bills 票据 (commercial acceptance drafts need a manager's approval) and the seed's risk signals.
 * The balance is always the sum of the entries; FIFO allocation, buckets and levels are domain rules.
 */
import type { z } from 'zod';
import {
  addDays,
  ageingBucketOf,
  chinaDate,
  customerRiskLevel,
  daysOverdue,
  isOverCreditLimit,
  receivableSummary,
  reconciliationState,
  riskWindowDays,
  type LedgerEntryLike,
} from '@keqing/domain';
import {
  ruleMessage,
  type ChannelBill,
  type ChannelRiskEvent,
  type LedgerEntry,
  type LedgerReconciliation,
  type ListResponse,
  type Receivable,
  type ReceivableDetail,
  type channelBillBounceSchema,
  type channelBillDecisionSchema,
  type channelBillListQuerySchema,
  type channelRiskEventListQuerySchema,
  type createChannelBillSchema,
  type createChannelRiskEventSchema,
  type createLedgerEntrySchema,
  type createLedgerReconciliationSchema,
  type ledgerEntryListQuerySchema,
  type ledgerReconciliationListQuerySchema,
  type receivableListQuerySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './money.repository.ts';
import { isRepOfManager } from '../users/team-lead.repository.ts';

/** Texts stored in the ledger are written in Chinese whatever the caller's language. */
const stored = (key: string, params?: Record<string, string | number>) =>
  ruleMessage('zh-CN', key, params) ?? key;

type CustomerRow = NonNullable<Awaited<ReturnType<typeof repo.findChannelCustomer>>>;

export function createMoneyService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  const customerScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).channelCustomers(repo.channelCustomers.id);

  /** A channel customer the caller sees (404 otherwise — reads and writes alike). */
  async function visibleCustomer(ctx: RequestContext, id: string): Promise<CustomerRow> {
    const row = await repo.findChannelCustomer(db, id, customerScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  function assertNotFuture(path: string, date: string) {
    if (date > today()) throw fieldError(path, 'channelMoney.date.future');
  }

  function assertWriter(ctx: RequestContext) {
    assertMayWrite(ctx.actor);
  }

  async function receivablesOf(
    customers: CustomerRow[],
  ): Promise<(ReceivableDetail & { sinceDate: string | null })[]> {
    const ids = customers.map((c) => c.id);
    const asOf = today();
    const [entries, lastRecon, events] = await Promise.all([
      repo.findEntriesOf(db, ids),
      repo.lastReconciliations(db, ids),
      repo.riskEventsSince(db, ids, addDays(asOf, -riskWindowDays)),
    ]);
    const entriesBy = new Map<string, LedgerEntryLike[]>();
    for (const e of entries) {
      const list = entriesBy.get(e.channelCustomerId) ?? [];
      list.push(e);
      entriesBy.set(e.channelCustomerId, list);
    }
    return customers.map((c) => {
      const own = entriesBy.get(c.id) ?? [];
      const summary = receivableSummary(own, asOf);
      const last = lastRecon.get(c.id) ?? null;
      const sinceDate = own.reduce<string | null>(
        (min, e) => (min === null || e.entryDate < min ? e.entryDate : min),
        null,
      );
      const state = reconciliationState(last, asOf, sinceDate);
      return {
        id: c.id,
        channelCustomerId: c.id,
        name: c.name,
        kind: c.kind,
        creditLimitFen: c.creditLimitFen,
        paymentTermDays: c.paymentTermDays,
        balanceFen: summary.balanceFen,
        overLimit: isOverCreditLimit(summary.balanceFen, c.creditLimitFen),
        overdueFen: summary.overdueFen,
        notDueFen: summary.buckets.notDue,
        buckets: summary.buckets,
        lastReconciledOn: last,
        reconciliationState: state,
        unreconciled: state !== 'ok',
        riskLevel: customerRiskLevel(
          events.filter((e) => e.channelCustomerId === c.id),
          asOf,
        ),
        openItems: summary.openItems.map((item) => {
          const days = daysOverdue(item, asOf);
          return { ...item, daysOverdue: days, bucket: ageingBucketOf(days) };
        }),
        unallocatedCreditFen: summary.unallocatedCreditFen,
        sinceDate,
      };
    });
  }

  const toReceivable = (d: ReceivableDetail): Receivable => {
    const { openItems: _o, unallocatedCreditFen: _u, ...row } = d;
    return row;
  };

  const loadEntry = async (tx: Db, id: string) => repo.getLedgerEntry(tx, id);
  const loadBill = (id: string) => async (tx: Db) => repo.getBill(tx, id);

  return {
    // ── Ledger ─────────────────────────────────────────────────────────────
    async findLedgerEntries(
      ctx: RequestContext,
      q: z.infer<typeof ledgerEntryListQuerySchema>,
    ): Promise<ListResponse<LedgerEntry>> {
      if (q.channelCustomerId) await visibleCustomer(ctx, q.channelCustomerId);
      const { rows, total } = await repo.findLedgerEntries(
        db,
        {
          channelCustomerId: q.channelCustomerId,
          from: q.from,
          to: q.to,
          scope: scopeOf(ctx.actor).channelCustomers(repo.ledgerEntries.channelCustomerId),
        },
        q,
      );
      return listOf(rows, total, q);
    },

    /**
     * A payment 回款 (entered > 0, stored negative) or an adjustment (managers and admins, with a reason). A payment
     * sent again with the same clientId returns the entry already stored (`created: false`).
     */
    async createLedgerEntry(
      ctx: RequestContext,
      input: z.infer<typeof createLedgerEntrySchema>,
    ): Promise<{ entry: LedgerEntry; created: boolean }> {
      assertWriter(ctx);
      await visibleCustomer(ctx, input.channelCustomerId);
      if (input.kind === 'adjustment' && ctx.actor.role !== 'manager' && ctx.actor.role !== 'admin')
        throw forbidden('channelMoney.adjustment.managerOnly');
      assertNotFuture('body.entryDate', input.entryDate);
      const clientId = input.clientId ?? null;
      const retried = async () => {
        if (!clientId) return undefined;
        const existing = await repo.findEntryByClientId(db, clientId);
        if (!existing) return undefined;
        if (existing.createdBy !== ctx.actor.id)
          throw new AppError('CONFLICT', { messageKey: 'channelMoney.clientId.reused' });
        return { entry: (await repo.getLedgerEntry(db, existing.id))!, created: false };
      };
      const again = await retried();
      if (again) return again;
      try {
        const entry = await auditedCreate(db, ctx, {
          entity: 'ledgerEntry',
          create: (tx) =>
            repo.insertLedgerEntry(tx, {
              channelCustomerId: input.channelCustomerId,
              entryDate: input.entryDate,
              kind: input.kind,
              amountFen: input.kind === 'payment' ? -input.amountFen : input.amountFen,
              clientId,
              note: input.note ?? null,
              createdBy: ctx.actor.id,
            }),
          load: loadEntry,
        });
        return { entry, created: true };
      } catch (err) {
        // two sends of the same payment at once: the second finds the first
        if (isUniqueViolation(err)) {
          const raced = await retried();
          if (raced) return raced;
        }
        throw err;
      }
    },

    // ── Receivables ────────────────────────────────────────────────────────
    async findReceivables(
      ctx: RequestContext,
      q: z.infer<typeof receivableListQuerySchema>,
    ): Promise<ListResponse<Receivable>> {
      const customers = await repo.findReceivableCustomers(db, { scope: customerScope(ctx), q: q.q });
      const rows = (await receivablesOf(customers))
        .filter((r) => q.overLimit === undefined || r.overLimit === q.overLimit)
        .filter((r) => q.riskLevel === undefined || r.riskLevel === q.riskLevel)
        // the most overdue first, then the biggest balance
        .sort(
          (a, b) =>
            b.overdueFen - a.overdueFen ||
            b.balanceFen - a.balanceFen ||
            a.name.localeCompare(b.name, 'zh-CN'),
        );
      const start = (q.page - 1) * q.pageSize;
      return listOf(
        rows.slice(start, start + q.pageSize).map(({ sinceDate: _s, ...r }) => toReceivable(r)),
        rows.length,
        q,
      );
    },

    async getReceivable(ctx: RequestContext, channelCustomerId: string): Promise<ReceivableDetail> {
      const customer = await visibleCustomer(ctx, channelCustomerId);
      const [row] = await receivablesOf([customer]);
      const { sinceDate: _s, ...detail } = row!;
      return detail;
    },

    // ── Reconciliation 对账 ────────────────────────────────────────────────
    async findReconciliations(
      ctx: RequestContext,
      q: z.infer<typeof ledgerReconciliationListQuerySchema>,
    ): Promise<ListResponse<LedgerReconciliation>> {
      if (q.channelCustomerId) await visibleCustomer(ctx, q.channelCustomerId);
      const { rows, total } = await repo.findReconciliations(
        db,
        {
          channelCustomerId: q.channelCustomerId,
          scope: scopeOf(ctx.actor).channelCustomers(repo.ledgerReconciliations.channelCustomerId),
        },
        q,
      );
      return listOf(rows, total, q);
    },

    /** Our balance at the period end is computed in SQL; one reconciliation per customer and period end. */
    async createReconciliation(
      ctx: RequestContext,
      input: z.infer<typeof createLedgerReconciliationSchema>,
    ): Promise<LedgerReconciliation> {
      assertWriter(ctx);
      const customer = await visibleCustomer(ctx, input.channelCustomerId);
      assertNotFuture('body.periodEnd', input.periodEnd);
      const duplicate = () =>
        new AppError('CONFLICT', {
          messageKey: 'channelMoney.reconciliation.duplicate',
          params: { customer: customer.name, periodEnd: input.periodEnd },
        });
      if (await repo.findReconciliationOf(db, customer.id, input.periodEnd)) throw duplicate();
      return auditedCreate(db, ctx, {
        entity: 'ledgerReconciliation',
        create: async (tx) =>
          repo.insertReconciliation(tx, {
            channelCustomerId: customer.id,
            periodEnd: input.periodEnd,
            ourBalanceFen: await repo.balanceAt(tx, customer.id, input.periodEnd),
            theirBalanceFen: input.theirBalanceFen,
            confirmedByName: input.confirmedByName,
            note: input.note ?? null,
            createdBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getReconciliation(tx, id),
      }).catch((err: unknown) => {
        throw isUniqueViolation(err) ? duplicate() : err;
      });
    },

    // ── Bills 票据 ─────────────────────────────────────────────────────────
    async findBills(
      ctx: RequestContext,
      q: z.infer<typeof channelBillListQuerySchema>,
    ): Promise<ListResponse<ChannelBill>> {
      if (q.channelCustomerId) await visibleCustomer(ctx, q.channelCustomerId);
      const { rows, total } = await repo.findBills(
        db,
        {
          channelCustomerId: q.channelCustomerId,
          status: q.status,
          scope: scopeOf(ctx.actor).channelCustomers(repo.channelBills.channelCustomerId),
        },
        q,
      );
      return listOf(rows, total, q);
    },

    /**
     * Bank acceptance and cheque: accepted at once with their payment entry (same transaction). Commercial
     * acceptance 商业承兑汇票 carries the issuer's credit risk: pendingApproval until a manager decides.
     */
    async createBill(
      ctx: RequestContext,
      input: z.infer<typeof createChannelBillSchema>,
    ): Promise<ChannelBill> {
      assertWriter(ctx);
      await visibleCustomer(ctx, input.channelCustomerId);
      assertNotFuture('body.receivedOn', input.receivedOn);
      if (input.dueOn && input.dueOn < input.receivedOn)
        throw fieldError('body.dueOn', 'channelMoney.bill.dueBeforeReceived');
      const duplicate = () =>
        new AppError('CONFLICT', {
          messageKey: 'channelMoney.bill.duplicate',
          params: { billNo: input.billNo },
        });
      if (await repo.findBillByNo(db, input.kind, input.billNo)) throw duplicate();
      const accepted = input.kind !== 'commercialAcceptance';
      return auditedCreate(db, ctx, {
        entity: 'channelBill',
        create: async (tx) => {
          const id = await repo.insertBill(tx, {
            channelCustomerId: input.channelCustomerId,
            kind: input.kind,
            billNo: input.billNo,
            issuer: input.issuer,
            amountFen: input.amountFen,
            receivedOn: input.receivedOn,
            dueOn: input.dueOn ?? null,
            status: accepted ? 'accepted' : 'pendingApproval',
            createdBy: ctx.actor.id,
          });
          if (accepted)
            await repo.insertLedgerEntry(tx, {
              channelCustomerId: input.channelCustomerId,
              entryDate: input.receivedOn,
              kind: 'payment',
              amountFen: -input.amountFen,
              billId: id,
              note: stored('channelMoney.bill.paymentNote', { billNo: input.billNo }),
              createdBy: ctx.actor.id,
            });
          return id;
        },
        load: (tx, id) => repo.getBill(tx, id),
      }).catch((err: unknown) => {
        throw isUniqueViolation(err) ? duplicate() : err;
      });
    },

    /** A commercial acceptance draft: the manager of the entering rep's team or an admin, never the one who entered it. */
    async decideBill(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof channelBillDecisionSchema>,
    ): Promise<ChannelBill> {
      assertWriter(ctx);
      const bill = await repo.getBill(
        db,
        id,
        scopeOf(ctx.actor).channelCustomers(repo.channelBills.channelCustomerId),
      );
      if (!bill) throw notFound();
      if (bill.createdBy === ctx.actor.id) throw forbidden('channelMoney.bill.selfDecision');
      const approver =
        ctx.actor.role === 'admin' ||
        (ctx.actor.role === 'manager' && (await isRepOfManager(db, bill.createdBy, ctx.actor.id)));
      if (!approver) throw forbidden('channelMoney.bill.notApprover');
      return auditedChange(db, ctx, {
        entity: 'channelBill',
        id,
        load: loadBill(id),
        write: async (tx, before) => {
          if (before.status !== 'pendingApproval')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.bill.notPending' });
          const approved = input.decision === 'approved';
          await updateVersioned(tx, repo.channelBills, id, before.version, {
            status: approved ? 'accepted' : 'rejected',
            decidedBy: ctx.actor.id,
            decidedAt: now().toISOString(),
            decisionNote: input.note ?? null,
          });
          if (approved)
            await repo.insertLedgerEntry(tx, {
              channelCustomerId: before.channelCustomerId,
              entryDate: today(),
              kind: 'payment',
              amountFen: -before.amountFen,
              billId: id,
              note: stored('channelMoney.bill.paymentNote', { billNo: before.billNo }),
              createdBy: ctx.actor.id,
            });
        },
      });
    },

    /** 退票: the bill's payment is reversed (+amount) and a severity-3 risk event raised, in one transaction. */
    async bounceBill(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof channelBillBounceSchema>,
    ): Promise<ChannelBill> {
      assertWriter(ctx);
      const bill = await repo.getBill(
        db,
        id,
        scopeOf(ctx.actor).channelCustomers(repo.channelBills.channelCustomerId),
      );
      if (!bill) throw notFound();
      return auditedChange(db, ctx, {
        entity: 'channelBill',
        id,
        load: loadBill(id),
        write: async (tx, before) => {
          if (before.status !== 'accepted')
            throw new AppError('CONFLICT', { messageKey: 'channelMoney.bill.notAccepted' });
          const on = today();
          await updateVersioned(tx, repo.channelBills, id, before.version, { status: 'bounced' });
          const note = [stored('channelMoney.bill.bounceNote', { billNo: before.billNo }), input.note]
            .filter(Boolean)
            .join(' — ');
          await repo.insertLedgerEntry(tx, {
            channelCustomerId: before.channelCustomerId,
            entryDate: on,
            kind: 'adjustment',
            amountFen: before.amountFen,
            billId: id,
            note,
            createdBy: ctx.actor.id,
          });
          await repo.insertRiskEvent(tx, {
            channelCustomerId: before.channelCustomerId,
            kind: 'billBounced',
            occurredOn: on,
            severity: 3,
            note,
            createdBy: ctx.actor.id,
          });
        },
      });
    },

    // ── Risk events 风险信号 ──────────────────────────────────────────────
    async findRiskEvents(
      ctx: RequestContext,
      q: z.infer<typeof channelRiskEventListQuerySchema>,
    ): Promise<ListResponse<ChannelRiskEvent>> {
      if (q.channelCustomerId) await visibleCustomer(ctx, q.channelCustomerId);
      const { rows, total } = await repo.findRiskEvents(
        db,
        {
          channelCustomerId: q.channelCustomerId,
          kind: q.kind,
          scope: scopeOf(ctx.actor).channelCustomers(repo.channelRiskEvents.channelCustomerId),
        },
        q,
      );
      return listOf(rows as ChannelRiskEvent[], total, q);
    },

    async createRiskEvent(
      ctx: RequestContext,
      input: z.infer<typeof createChannelRiskEventSchema>,
    ): Promise<ChannelRiskEvent> {
      assertWriter(ctx);
      await visibleCustomer(ctx, input.channelCustomerId);
      assertNotFuture('body.occurredOn', input.occurredOn);
      const row = await auditedCreate(db, ctx, {
        entity: 'channelRiskEvent',
        create: (tx) =>
          repo.insertRiskEvent(tx, {
            channelCustomerId: input.channelCustomerId,
            kind: input.kind,
            occurredOn: input.occurredOn,
            severity: input.severity,
            note: input.note ?? null,
            createdBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getRiskEvent(tx, id),
      });
      return row as ChannelRiskEvent;
    },
  };
}
export type MoneyService = ReturnType<typeof createMoneyService>;
