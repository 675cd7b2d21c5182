/**
 * API contract of the channel's goods: orders 订单, shipments 送货/退货 (each writes a receivables ledger entry),
 * stock reports 库存, resale price reports, and the flow-of-goods 流向 import (upload → column mapping → buyer
 * matching with a confirm step → commit). Flow is reported per hospital/department/buyer/month, never per doctor.
 */
import { z } from 'zod';
import { flowFields, type FlowField } from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { fenSchema } from './care.ts';

export { flowFields, requiredFlowFields, flowMatchThresholds } from '@keqing/domain';
export type { FlowField, FlowMapping } from '@keqing/domain';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const quantitySchema = z.number().int().min(1).max(10_000_000);

// ── orders 订单 ────────────────────────────────────────────────────────────────

export const channelOrderStatuses = ['open', 'shipped', 'cancelled'] as const;

export const channelOrderLineSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  amountFen: z.number().int(),
});

export const channelOrderSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  orderNo: z.string(),
  orderDate: z.string(),
  contractId: z.uuid().nullable(),
  status: z.enum(channelOrderStatuses),
  notes: z.string().nullable(),
  totalFen: z.number().int(),
  lines: z.array(channelOrderLineSchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ChannelOrder = z.infer<typeof channelOrderSchema>;

export const channelOrderListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  status: z.enum(channelOrderStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** POST /api/channel-orders — the order number is unique: sending the same order again returns it (idempotent). */
export const createChannelOrderSchema = z.object({
  channelCustomerId: z.uuid(),
  orderNo: z.string().trim().min(1).max(60),
  orderDate: isoDate,
  contractId: z.uuid().nullable().optional(),
  notes: optionalText(1000),
  lines: z
    .array(z.object({ productId: z.uuid(), quantity: quantitySchema, unitPriceFen: fenSchema }))
    .min(1)
    .max(200),
});

export const cancelChannelOrderSchema = z.object({ version: versionSchema, reason: optionalText(500) });

// ── shipments 送货/退货 ─────────────────────────────────────────────────────────

export const shipmentKinds = ['delivery', 'return'] as const;

export const channelShipmentSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  orderId: z.uuid().nullable(),
  orderNo: z.string().nullable(),
  kind: z.enum(shipmentKinds),
  shippedOn: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  batchNo: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  amountFen: z.number().int(),
  reason: z.string().nullable(),
  /** 结算日期 of a delivery (its ledger entry) */
  dueDate: z.string().nullable(),
  createdAt: z.string(),
});
export type ChannelShipment = z.infer<typeof channelShipmentSchema>;

export const channelShipmentListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  kind: z.enum(shipmentKinds).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/**
 * POST /api/channel-shipments — a return needs a reason and may not exceed what was delivered (less what
 * came back) of that product to that customer. `clientId` makes a resend idempotent.
 */
export const createChannelShipmentSchema = z.object({
  clientId: z.uuid().optional(),
  channelCustomerId: z.uuid(),
  kind: z.enum(shipmentKinds),
  shippedOn: isoDate,
  productId: z.uuid(),
  quantity: quantitySchema,
  unitPriceFen: fenSchema,
  batchNo: optionalText(60),
  orderId: z.uuid().nullable().optional(),
  reason: optionalText(500),
});

// ── stock 库存 and prices ───────────────────────────────────────────────────────

export const channelStockReportSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  reportedOn: z.string(),
  quantity: z.number().int(),
  source: z.string(),
  createdAt: z.string(),
});
export type ChannelStockReport = z.infer<typeof channelStockReportSchema>;

export const channelStockReportListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** POST /api/channel-stock-reports — one per customer × product × date: a second one that day replaces it. */
export const createChannelStockReportSchema = z.object({
  channelCustomerId: z.uuid(),
  productId: z.uuid(),
  reportedOn: isoDate,
  quantity: z.number().int().min(0).max(100_000_000),
});

/** POST /api/channel-stock-reports/import — a sheet with 日期 / 产品 / 库存数量 columns (base64 xlsx). */
export const importChannelStockSchema = z.object({
  channelCustomerId: z.uuid(),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).max(28_000_000),
});
export const stockImportResultSchema = z.object({
  saved: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});

export const priceLevels = ['distributor', 'retail'] as const;

export const channelPriceReportSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  reportedOn: z.string(),
  /** distributor 经销价 | retail 零售价 */
  level: z.enum(priceLevels),
  priceFen: z.number().int(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type ChannelPriceReport = z.infer<typeof channelPriceReportSchema>;

export const channelPriceReportListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  level: z.enum(priceLevels).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const createChannelPriceReportSchema = z.object({
  channelCustomerId: z.uuid(),
  productId: z.uuid(),
  reportedOn: isoDate,
  level: z.enum(priceLevels),
  priceFen: fenSchema.refine((v) => v > 0),
  notes: optionalText(500),
});

// ── flow 流向 imports ───────────────────────────────────────────────────────────

export const flowImportStatuses = ['preview', 'committed', 'cancelled'] as const;
export const flowMatchStatuses = ['matched', 'uncertain', 'unmatched', 'confirmed'] as const;
export type FlowMatchStatus = (typeof flowMatchStatuses)[number];

const flowFieldSchema = z.enum(flowFields as unknown as [FlowField, ...FlowField[]]);
export const flowMappingSchema = z.partialRecord(flowFieldSchema, z.string().trim().min(1).max(100));

export const flowImportMaxBytes = 20 * 1024 * 1024;

/** POST /api/flow-imports as JSON (the raw xlsx body with ?channelCustomerId=&fileName= works too). */
export const createFlowImportSchema = z.object({
  channelCustomerId: z.uuid(),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).max(28_000_000),
});
export const flowImportUploadQuerySchema = z.object({
  channelCustomerId: z.uuid(),
  fileName: z.string().trim().min(1).max(200).optional(),
});

export const flowProblemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const flowImportCountsSchema = z.object({
  /** Data rows read (without blank and totals rows) */
  rows: z.number().int(),
  matched: z.number().int(),
  confirmed: z.number().int(),
  uncertain: z.number().int(),
  unmatched: z.number().int(),
  invalid: z.number().int(),
  /** 合计/小计/总计 rows skipped */
  skipped: z.number().int(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
});

export const flowImportSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  fileName: z.string(),
  status: z.enum(flowImportStatuses),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  /** The columns still need mapping (the file's headers did not fit the saved mapping) */
  needsMapping: z.boolean(),
  headers: z.array(z.string()),
  suggestedMapping: flowMappingSchema,
  mapping: flowMappingSchema.nullable(),
  /** The first data rows as in the file (for the mapping step) */
  sampleRows: z.array(z.array(z.string())),
  counts: flowImportCountsSchema,
  /** Rows skipped as totals: { row, reason } */
  skippedRows: z.array(z.object({ row: z.number().int(), text: z.string() })),
  createdByName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type FlowImport = z.infer<typeof flowImportSchema>;

export const flowImportListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  status: z.enum(flowImportStatuses).optional(),
});

export const saveFlowMappingSchema = z.object({ mapping: flowMappingSchema });

export const flowCandidateSchema = z.object({
  kind: z.enum(['hospital', 'customer']),
  id: z.uuid(),
  name: z.string(),
  score: z.number(),
});

/** A preview row: an imported row (with candidates when uncertain) or an invalid one (with its problems). */
export const flowPreviewRowSchema = z.object({
  /** The flow row id; `invalid-<row>` for an invalid row (never imported) */
  id: z.string(),
  rowNo: z.number().int(),
  matchStatus: z.enum([...flowMatchStatuses, 'invalid']),
  saleDate: z.string().nullable(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  buyerName: z.string().nullable(),
  departmentName: z.string().nullable(),
  hospitalId: z.uuid().nullable(),
  hospitalName: z.string().nullable(),
  buyerCustomerId: z.uuid().nullable(),
  buyerCustomerName: z.string().nullable(),
  matchScore: z.number().nullable(),
  quantity: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
  candidates: z.array(flowCandidateSchema),
  problems: z.array(z.object({ column: z.string(), message: z.string() })),
  /** The original cells (header → text) */
  raw: z.record(z.string(), z.string()),
});
export type FlowPreviewRow = z.infer<typeof flowPreviewRowSchema>;

export const flowRowsQuerySchema = z.object({
  matchStatus: z.enum([...flowMatchStatuses, 'invalid']).optional(),
  buyerName: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * POST /api/flow-imports/:id/matches — confirm a batch: each item names rows (rowIds) or a buyer name (all rows of
 * that name in the import) and the hospital, the channel customer, or none (stays unmatched). Remembered by name.
 */
export const confirmFlowMatchesSchema = z.object({
  matches: z
    .array(
      z.object({
        rowIds: z.array(z.uuid()).max(1000).optional(),
        buyerName: z.string().trim().min(1).max(200).optional(),
        hospitalId: z.uuid().nullable().optional(),
        departmentId: z.uuid().nullable().optional(),
        buyerCustomerId: z.uuid().nullable().optional(),
        none: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const commitFlowImportSchema = z.object({
  /** Cancel an already committed import of an overlapping period of the same distributor in the same transaction */
  replace: z.boolean().optional(),
});

/** Flow reports group by these only: there is no doctor grouping (统方 is prohibited). */
export const flowGroupBys = ['hospital', 'department', 'buyer', 'month'] as const;

export const flowSummaryQuerySchema = z.object({
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  groupBy: z.enum(flowGroupBys).default('buyer'),
});

export const flowSummaryItemSchema = z.object({
  /** The group's key: a hospital/customer id, `name:<buyer>` for an unmatched buyer, YYYY-MM for months */
  id: z.string(),
  label: z.string(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  rows: z.number().int(),
});
export const flowSummarySchema = z.object({
  groupBy: z.enum(flowGroupBys),
  items: z.array(flowSummaryItemSchema),
  totalQuantity: z.number().int(),
  totalAmountFen: z.number().int(),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;
