/**
 * Orders 订单, shipments 送货/退货, stock reports 库存 and resale price reports of channel customers. A shipment
 * writes its receivables ledger entry in the same transaction: a delivery +amount due after the customer's
 * 账期, a return −amount. Everything is scoped by the channel customer (rep: territories assigned today).
 */
import { addDays, chinaDate, detectHeaderRow, parseFlowDate, toHalfWidth } from '@keqing/domain';
import type { z } from 'zod';
import {
  ruleMessage,
  type ChannelOrder,
  type channelOrderListQuerySchema,
  type ChannelPriceReport,
  type channelPriceReportListQuerySchema,
  type ChannelShipment,
  type channelShipmentListQuerySchema,
  type ChannelStockReport,
  type channelStockReportListQuerySchema,
  type createChannelOrderSchema,
  type createChannelPriceReportSchema,
  type createChannelShipmentSchema,
  type createChannelStockReportSchema,
  type ListResponse,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { readFlowSheet } from './flow-file.ts';
import { findCustomer, lockCustomer, loadProducts } from './flow-import.repository.ts';
import { productMatcher } from './flow-product.ts';
import * as repo from './goods.repository.ts';

export function createGoodsService(deps: { db: Db }) {
  const { db } = deps;

  function assertWriter(ctx: RequestContext) {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role === 'compliance') throw forbidden('goods.roleCannotWrite');
  }

  /** The channel customer, in the caller's scope (404 otherwise: never reveal what is outside). */
  async function customerInScope(ctx: RequestContext, id: string) {
    const row = await findCustomer(db, id, scopeOf(ctx.actor).channelCustomers(repo.channelCustomers.id));
    if (!row) throw notFound();
    return row;
  }

  const orderScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).channelCustomers(repo.channelOrders.channelCustomerId);

  return {
    // ── orders ────────────────────────────────────────────────────────────────
    async findOrders(
      ctx: RequestContext,
      q: z.infer<typeof channelOrderListQuerySchema>,
    ): Promise<ListResponse<ChannelOrder>> {
      const { rows, total } = await repo.findOrders(db, { ...q, scope: orderScope(ctx) }, q);
      return listOf(rows, total, q);
    },

    async getOrder(ctx: RequestContext, id: string): Promise<ChannelOrder> {
      const row = await repo.getOrder(db, id, orderScope(ctx));
      if (!row) throw notFound();
      return row;
    },

    /** The order number is the idempotency key: the same order again (same customer) returns the stored one. */
    async createOrder(
      ctx: RequestContext,
      input: z.infer<typeof createChannelOrderSchema>,
    ): Promise<{ order: ChannelOrder; created: boolean }> {
      assertWriter(ctx);
      const customer = await customerInScope(ctx, input.channelCustomerId);
      const existing = await repo.findOrderByNo(db, input.orderNo);
      if (existing) {
        if (existing.channelCustomerId !== customer.id)
          throw new AppError('CONFLICT', {
            messageKey: 'orders.orderNoTaken',
            params: { orderNo: input.orderNo },
          });
        return { order: existing, created: false };
      }
      if (
        !(await repo.productsExist(
          db,
          input.lines.map((l) => l.productId),
        ))
      )
        throw fieldError('body.lines', 'goods.product.unknown');
      if (
        input.contractId &&
        (await repo.contractOf(db, input.contractId))?.channelCustomerId !== customer.id
      )
        throw fieldError('body.contractId', 'goods.contract.unknown');
      const order = await auditedCreate(db, ctx, {
        entity: 'channel_order',
        create: (tx) =>
          repo.insertOrder(
            tx,
            {
              channelCustomerId: customer.id,
              orderNo: input.orderNo,
              orderDate: input.orderDate,
              contractId: input.contractId ?? null,
              notes: input.notes ?? null,
              createdBy: ctx.actor.id,
            },
            input.lines,
          ),
        load: (tx, id) => repo.getOrder(tx, id),
      });
      return { order, created: true };
    },

    async cancelOrder(ctx: RequestContext, id: string, input: { version: number; reason?: string | null }) {
      assertWriter(ctx);
      const before = await repo.getOrder(db, id, orderScope(ctx));
      if (!before) throw notFound();
      return db.transaction(async (tx) => {
        const current = (await repo.getOrder(tx, id))!;
        if (current.version !== input.version)
          throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
        if (current.status !== 'open') throw new AppError('CONFLICT', { messageKey: 'orders.notOpen' });
        await repo.setOrderStatus(tx, id, 'cancelled');
        const after = (await repo.getOrder(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channel_order',
          entityId: id,
          action: 'update',
          before: { status: current.status },
          after: { status: after.status, reason: input.reason ?? null },
        });
        return after;
      });
    },

    // ── shipments ─────────────────────────────────────────────────────────────
    async findShipments(
      ctx: RequestContext,
      q: z.infer<typeof channelShipmentListQuerySchema>,
    ): Promise<ListResponse<ChannelShipment>> {
      const scope = scopeOf(ctx.actor).channelCustomers(repo.channelShipments.channelCustomerId);
      const { rows, total } = await repo.findShipments(db, { ...q, scope }, q);
      return listOf(rows, total, q);
    },

    /**
     * A delivery or a return with its ledger entry, in one transaction. A delivery against an order marks
     * the order shipped. `clientId` (kept on the ledger entry) makes a resend return the first shipment.
     */
    async createShipment(
      ctx: RequestContext,
      input: z.infer<typeof createChannelShipmentSchema>,
    ): Promise<{ shipment: ChannelShipment; created: boolean }> {
      assertWriter(ctx);
      const customer = await customerInScope(ctx, input.channelCustomerId);
      if (input.clientId) {
        const replay = await repo.findLedgerEntryByClientId(db, input.clientId);
        if (replay?.shipmentId) {
          const shipment = (await repo.getShipment(db, replay.shipmentId))!;
          if (shipment.channelCustomerId !== customer.id)
            throw new AppError('CONFLICT', { messageKey: 'shipments.clientIdTaken' });
          return { shipment, created: false };
        }
        if (replay) throw new AppError('CONFLICT', { messageKey: 'shipments.clientIdTaken' });
      }
      if (!(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'goods.product.unknown');
      if (input.kind === 'return' && !input.reason?.trim())
        throw fieldError('body.reason', 'shipments.return.reasonRequired');
      let order: repo.OrderRow | undefined;
      if (input.orderId) {
        order = await repo.getOrder(db, input.orderId, orderScope(ctx));
        if (!order) throw notFound();
        if (order.channelCustomerId !== customer.id) throw fieldError('body.orderId', 'orders.otherCustomer');
        if (order.status === 'cancelled') throw fieldError('body.orderId', 'orders.cancelled');
      }
      const amountFen = input.quantity * input.unitPriceFen;
      const shipment = await auditedCreate(db, ctx, {
        entity: 'channel_shipment',
        create: async (tx) => {
          // one writer per customer at a time, so two returns cannot both pass the delivered check
          await lockCustomer(tx, customer.id);
          if (input.kind === 'return') {
            const available = await repo.returnableQuantity(tx, customer.id, input.productId);
            if (input.quantity > available)
              throw fieldError('body.quantity', 'shipments.return.exceedsDelivered', {
                quantity: input.quantity,
                available,
              });
          }
          const id = await repo.insertShipment(tx, {
            channelCustomerId: customer.id,
            orderId: input.orderId ?? null,
            kind: input.kind,
            shippedOn: input.shippedOn,
            productId: input.productId,
            batchNo: input.batchNo ?? null,
            quantity: input.quantity,
            unitPriceFen: input.unitPriceFen,
            amountFen,
            reason: input.reason ?? null,
            createdBy: ctx.actor.id,
          });
          await repo.insertLedgerEntry(tx, {
            channelCustomerId: customer.id,
            entryDate: input.shippedOn,
            kind: input.kind,
            amountFen: input.kind === 'delivery' ? amountFen : -amountFen,
            dueDate:
              input.kind === 'delivery' ? addDays(input.shippedOn, customer.paymentTermDays ?? 0) : null,
            shipmentId: id,
            clientId: input.clientId ?? null,
            createdBy: ctx.actor.id,
          });
          if (order && input.kind === 'delivery' && order.status === 'open')
            await repo.setOrderStatus(tx, order.id, 'shipped');
          return id;
        },
        load: (tx, id) => repo.getShipment(tx, id),
      });
      return { shipment, created: true };
    },

    // ── stock ─────────────────────────────────────────────────────────────────
    async findStockReports(
      ctx: RequestContext,
      q: z.infer<typeof channelStockReportListQuerySchema>,
    ): Promise<ListResponse<ChannelStockReport>> {
      const scope = scopeOf(ctx.actor).channelCustomers(repo.channelStockReports.channelCustomerId);
      const { rows, total } = await repo.findStockReports(db, { ...q, scope }, q);
      return listOf(rows, total, q);
    },

    /** One report per customer × product × date: a second one that day replaces the first (audited as a change). */
    async saveStockReport(
      ctx: RequestContext,
      input: z.infer<typeof createChannelStockReportSchema>,
      source: 'entered' | 'imported' = 'entered',
    ): Promise<{ report: ChannelStockReport; created: boolean }> {
      assertWriter(ctx);
      const customer = await customerInScope(ctx, input.channelCustomerId);
      if (!(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'goods.product.unknown');
      return db.transaction(async (tx) => {
        const existing = await repo.findStockReportOn(tx, customer.id, input.productId, input.reportedOn);
        const before = existing ? await repo.getStockReport(tx, existing.id) : undefined;
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.updateStockReport(tx, id, { quantity: input.quantity, source, createdBy: ctx.actor.id });
        } else {
          id = await repo.insertStockReport(tx, {
            channelCustomerId: customer.id,
            productId: input.productId,
            reportedOn: input.reportedOn,
            quantity: input.quantity,
            source,
            createdBy: ctx.actor.id,
          });
        }
        const after = (await repo.getStockReport(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channel_stock_report',
          entityId: id,
          action: existing ? 'update' : 'create',
          before,
          after,
        });
        return { report: after, created: !existing };
      });
    },

    /**
     * Stock from an Excel sheet (日期 / 品名 / 库存数量; without a date column the rows count for `reportedOn`,
     * default today): every row checked first, then all saved in one transaction — or none.
     */
    async importStock(
      ctx: RequestContext,
      input: { channelCustomerId: string; file: Buffer; reportedOn?: string },
    ): Promise<{ saved: number; problems: { row: number; column: string; message: string }[] }> {
      assertWriter(ctx);
      const customer = await customerInScope(ctx, input.channelCustomerId);
      const sheet = await readFlowSheet(input.file);
      const headerIndex = detectHeaderRow(sheet.map((r) => r.cells));
      const headers =
        headerIndex === undefined
          ? []
          : sheet[headerIndex]!.cells.map((h) => toHalfWidth(h).replace(/\s+/g, ''));
      const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
      const productCol = col(/品名|产品|商品|药品|通用名/);
      const quantityCol = col(/库存|结存|数量/);
      const dateCol = col(/日期|盘点/);
      if (headerIndex === undefined || productCol < 0 || quantityCol < 0)
        throw new AppError('BAD_REQUEST', { messageKey: 'stock.import.noHeader' });
      const productOf = productMatcher(await loadProducts(db));
      const problems: { row: number; column: string; message: string }[] = [];
      const reports = new Map<string, { productId: string; reportedOn: string; quantity: number }>();
      const fallbackDate = input.reportedOn ?? chinaDate();
      for (const row of sheet.slice(headerIndex + 1)) {
        const cell = (i: number) => (i < 0 ? '' : toHalfWidth(row.cells[i] ?? '').trim());
        if (row.cells.every((c) => !c.trim()) || /合计|小计|总计/.test(row.cells.join(''))) continue;
        const productId = productOf(cell(productCol), null);
        const quantityText = cell(quantityCol).replace(/,/g, '');
        const date = dateCol >= 0 ? parseFlowDate(cell(dateCol)) : undefined;
        const problem = (column: number, key: string, value: string) =>
          problems.push({
            row: row.number,
            column: sheet[headerIndex]!.cells[column] ?? '',
            message: ruleMessage(ctx.locale, key, { value }) ?? key,
          });
        if (!productId) problem(productCol, 'flow.row.unknownProduct', cell(productCol));
        if (!/^\d+$/.test(quantityText)) problem(quantityCol, 'stock.import.badQuantity', cell(quantityCol));
        if (dateCol >= 0 && date?.kind !== 'day') problem(dateCol, 'flow.row.badDate', cell(dateCol));
        if (!productId || !/^\d+$/.test(quantityText) || (dateCol >= 0 && date?.kind !== 'day')) continue;
        const reportedOn = date?.kind === 'day' ? date.date : fallbackDate;
        reports.set(`${productId}:${reportedOn}`, { productId, reportedOn, quantity: Number(quantityText) });
      }
      if (problems.length > 0) return { saved: 0, problems };
      await db.transaction(async (tx) => {
        for (const r of reports.values()) {
          const existing = await repo.findStockReportOn(tx, customer.id, r.productId, r.reportedOn);
          if (existing)
            await repo.updateStockReport(tx, existing.id, {
              quantity: r.quantity,
              source: 'imported',
              createdBy: ctx.actor.id,
            });
          else
            await repo.insertStockReport(tx, {
              channelCustomerId: customer.id,
              ...r,
              source: 'imported',
              createdBy: ctx.actor.id,
            });
        }
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channel_stock_import',
          entityId: customer.id,
          action: 'create',
          after: { reports: [...reports.values()] },
        });
      });
      return { saved: reports.size, problems };
    },

    // ── prices ────────────────────────────────────────────────────────────────
    async findPriceReports(
      ctx: RequestContext,
      q: z.infer<typeof channelPriceReportListQuerySchema>,
    ): Promise<ListResponse<ChannelPriceReport>> {
      const scope = scopeOf(ctx.actor).channelCustomers(repo.channelPriceReports.channelCustomerId);
      const { rows, total } = await repo.findPriceReports(db, { ...q, scope }, q);
      return listOf(rows, total, q);
    },

    async createPriceReport(
      ctx: RequestContext,
      input: z.infer<typeof createChannelPriceReportSchema>,
    ): Promise<ChannelPriceReport> {
      assertWriter(ctx);
      const customer = await customerInScope(ctx, input.channelCustomerId);
      if (!(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'goods.product.unknown');
      return auditedCreate(db, ctx, {
        entity: 'channel_price_report',
        create: (tx) =>
          repo.insertPriceReport(tx, {
            channelCustomerId: customer.id,
            productId: input.productId,
            reportedOn: input.reportedOn,
            level: input.level,
            priceFen: input.priceFen,
            notes: input.notes ?? null,
            createdBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getPriceReport(tx, id),
      });
    },
  };
}
export type GoodsService = ReturnType<typeof createGoodsService>;
