import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** An xlsx of rows (the first sheet), for flow and stock tests. */
export async function xlsxOf(
  rows: (string | number | Date | null)[][],
  merges: string[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('流向');
  for (const row of rows) sheet.addRow(row);
  for (const range of merges) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A committed or preview flow import with one row to a hospital, written straight to the database. */
export async function insertFlowImport(
  db: Db,
  v: {
    channelCustomerId: string;
    createdBy: string;
    hospitalId: string | null;
    productId: string;
    buyerName: string;
    status: 'preview' | 'committed';
    saleDate: string;
    matchStatus?: 'matched' | 'uncertain';
    pending?: boolean;
  },
) {
  const headers = ['销售日期', '客户名称', '品名', '数量'];
  const [imp] = await db
    .insert(s.flowImports)
    .values({
      channelCustomerId: v.channelCustomerId,
      fileName: `${v.buyerName}.xlsx`,
      fileHash: `${v.buyerName}-${Math.random()}`,
      status: v.status,
      periodStart: v.pending ? null : v.saleDate,
      periodEnd: v.pending ? null : v.saleDate,
      createdBy: v.createdBy,
      committedAt: v.status === 'committed' ? new Date().toISOString() : null,
      mapping: v.pending
        ? null
        : { saleDate: '销售日期', buyer: '客户名称', product: '品名', quantity: '数量' },
      summary: {
        headers,
        suggestedMapping: { saleDate: '销售日期', buyer: '客户名称', product: '品名', quantity: '数量' },
        sampleRows: [[v.saleDate, v.buyerName, '瑞心', '10']],
        rows: v.pending ? 0 : 1,
        ...(v.pending ? { pending: [{ number: 2, cells: [v.saleDate, v.buyerName, '瑞心', '10'] }] } : {}),
      },
    })
    .returning();
  if (!v.pending)
    await db.insert(s.flowRows).values({
      importId: imp!.id,
      channelCustomerId: v.channelCustomerId,
      rowNo: 2,
      saleDate: v.saleDate,
      productId: v.productId,
      productName: '瑞心',
      buyerName: v.buyerName,
      hospitalId: v.matchStatus === 'uncertain' ? null : v.hospitalId,
      matchStatus: v.matchStatus ?? 'matched',
      matchScore: 1,
      quantity: 10,
      amountFen: 10_000,
      raw: { 销售日期: v.saleDate, 客户名称: v.buyerName, 品名: '瑞心', 数量: '10' },
    });
  return imp!;
}

/**
 * Test records of this area: a distributor cc2d in t2a (rep2a's, outside team1), and for cc1a (rep1a) and cc2d
 * an order, a delivery, a stock report, a price report and a committed flow import (one row: h1a resp. h2a).
 */
export async function goodsFixtures(db: Db, w: BaseWorld) {
  const [cc2d] = await db
    .insert(s.channelCustomers)
    .values({
      kind: 'distributor',
      name: '国药控股上海分公司',
      province: '上海',
      city: '上海',
      paymentTermDays: 60,
    })
    .returning();
  await db
    .insert(s.territoryChannelCustomers)
    .values({ territoryId: w.territories.t2a.id, channelCustomerId: cc2d!.id });
  const admin = w.users.admin.id;
  const perCustomer = async (
    channelCustomerId: string,
    key: string,
    hospitalId: string,
    buyerName: string,
  ) => {
    const [order] = await db
      .insert(s.channelOrders)
      .values({ channelCustomerId, orderNo: `FX-${key}`, orderDate: '2026-03-01', createdBy: admin })
      .returning();
    await db
      .insert(s.channelOrderLines)
      .values({ orderId: order!.id, productId: w.products.p1.id, quantity: 100, unitPriceFen: 2_000 });
    const [shipment] = await db
      .insert(s.channelShipments)
      .values({
        channelCustomerId,
        kind: 'delivery',
        shippedOn: '2026-03-02',
        productId: w.products.p1.id,
        quantity: 100,
        unitPriceFen: 2_000,
        amountFen: 200_000,
        orderId: order!.id,
        createdBy: admin,
      })
      .returning();
    await db.insert(s.ledgerEntries).values({
      channelCustomerId,
      entryDate: '2026-03-02',
      kind: 'delivery',
      amountFen: 200_000,
      dueDate: '2026-03-02',
      shipmentId: shipment!.id,
      createdBy: admin,
    });
    const [stock] = await db
      .insert(s.channelStockReports)
      .values({
        channelCustomerId,
        productId: w.products.p1.id,
        reportedOn: '2026-03-31',
        quantity: 40,
        createdBy: admin,
      })
      .returning();
    const [price] = await db
      .insert(s.channelPriceReports)
      .values({
        channelCustomerId,
        productId: w.products.p1.id,
        reportedOn: '2026-03-15',
        level: 'retail',
        priceFen: 3_500,
        createdBy: admin,
      })
      .returning();
    const flowImport = await insertFlowImport(db, {
      channelCustomerId,
      createdBy: admin,
      hospitalId,
      productId: w.products.p1.id,
      buyerName,
      status: 'committed',
      saleDate: '2025-01-15',
    });
    return { order: order!, shipment: shipment!, stock: stock!, price: price!, flowImport };
  };
  return {
    cc2d: cc2d!,
    in: await perCustomer(w.channelCustomers.cc1a.id, '1A', w.hospitals.h1a.id, '上海市第一人民医院'),
    out: await perCustomer(cc2d!.id, '2D', w.hospitals.h2a.id, '复旦大学附属中山医院'),
  };
}
