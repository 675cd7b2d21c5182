/**
 * Flow-of-goods 流向 import: a distributor's Excel file → header row detected → columns mapped (the mapping
 * is remembered per distributor) → every row read, invalid rows listed (not imported), totals rows skipped,
 * products and buyers matched (remembered names, then exact, then fuzzy) → a person confirms uncertain
 * buyers → commit. A file counts once (its hash) and a period once per distributor (overlap refused unless
 * the earlier import is replaced in the same transaction). Nothing here knows of doctors: 统方 is prohibited.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  buildOrgIndex,
  detectHeaderRow,
  flowFields,
  isBlankRow,
  isTotalsRow,
  mappingFitsHeaders,
  matchBuyerName,
  missingFlowFields,
  monthEnd,
  normalizeOrgName,
  parseFlowRow,
  suggestFlowMapping,
  toHalfWidth,
  type FlowField,
  type FlowMapping,
  type FlowRowProblem,
  type ScoredCandidate,
} from '@keqing/domain';
import {
  ruleMessage,
  type commitFlowImportSchema,
  type confirmFlowMatchesSchema,
  type FlowImport,
  type flowImportListQuerySchema,
  type FlowPreviewRow,
  type flowRowsQuerySchema,
  type FlowSummary,
  type flowSummaryQuerySchema,
  type ListResponse,
  type Locale,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { readFlowSheet, type FlowSheetRow } from './flow-file.ts';
import * as repo from './flow-import.repository.ts';
import { productMatcher } from './flow-product.ts';
import { evaluateChannelWarnings } from './warnings-evaluation.ts';

/** What flow_imports.summary holds (jsonb). */
type StoredSummary = {
  headers: string[];
  suggestedMapping: FlowMapping;
  sampleRows: string[][];
  /** The data rows while the columns wait for a mapping; dropped once read */
  pending?: FlowSheetRow[];
  rows?: number;
  skipped?: { row: number; text: string }[];
  invalid?: { row: number; raw: Record<string, string>; problems: FlowRowProblem[] }[];
  /** Candidates of each uncertain buyer name */
  candidates?: Record<string, ScoredCandidate[]>;
};

const sampleSize = 5;
const emptyCounts = {
  rows: 0,
  matched: 0,
  confirmed: 0,
  uncertain: 0,
  unmatched: 0,
  invalid: 0,
  skipped: 0,
  quantity: 0,
  amountFen: 0,
};

const squeeze = (s: string) => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

export function createFlowImportService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;

  const visibility = (ctx: RequestContext) =>
    scopeOf(ctx.actor).channelCustomers(repo.flowImports.channelCustomerId);

  function assertMayImport(ctx: RequestContext) {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role === 'compliance') throw forbidden();
  }

  async function visibleImport(ctx: RequestContext, id: string) {
    const row = await repo.getImport(db, id, visibility(ctx));
    if (!row) throw notFound();
    return row;
  }

  function assertPreview(locale: Locale, row: repo.FlowImportRow) {
    if (row.status !== 'preview')
      throw new AppError('CONFLICT', {
        messageKey: 'flow.notPreview',
        params: { status: ruleMessage(locale, `flow.status.${row.status}`) ?? row.status },
      });
  }

  async function toFlowImport(tx: Db, row: repo.FlowImportRow): Promise<FlowImport> {
    const s = row.summary as StoredSummary;
    const counts = {
      ...emptyCounts,
      rows: s.rows ?? 0,
      invalid: s.invalid?.length ?? 0,
      skipped: s.skipped?.length ?? 0,
    };
    for (const c of await repo.countRowsByStatus(tx, row.id)) {
      counts[c.status] = c.rows;
      counts.quantity += c.quantity;
      counts.amountFen += c.amountFen;
    }
    return {
      id: row.id,
      channelCustomerId: row.channelCustomerId,
      channelCustomerName: row.channelCustomerName,
      fileName: row.fileName,
      status: row.status,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      needsMapping: s.pending !== undefined,
      headers: s.headers ?? [],
      suggestedMapping: s.suggestedMapping ?? {},
      mapping: (row.mapping as FlowMapping | null) ?? null,
      sampleRows: s.sampleRows ?? [],
      counts,
      skippedRows: s.skipped ?? [],
      createdByName: row.createdByName,
      createdAt: row.createdAt,
      committedAt: row.committedAt,
    };
  }

  const reload = async (tx: Db, id: string) => toFlowImport(tx, (await repo.getImport(tx, id))!);

  /**
   * Reads the data rows through the mapping and stores them: valid rows in batches of 1,000, invalid ones
   * and skipped totals in the summary. Runs inside the caller's transaction.
   */
  async function parseAndStore(
    tx: Db,
    imp: { id: string; channelCustomerId: string },
    mapping: FlowMapping,
    headers: string[],
    data: FlowSheetRow[],
    base: StoredSummary,
  ) {
    const columnOf = new Map<FlowField, number>();
    for (const f of flowFields) {
      const h = mapping[f];
      if (h)
        columnOf.set(
          f,
          headers.findIndex((x) => x.trim() === h.trim()),
        );
    }
    const productOf = productMatcher(await repo.loadProducts(tx));
    const orgIndex = buildOrgIndex([
      ...(await repo.loadHospitals(tx)).map((h) => ({ kind: 'hospital' as const, id: h.id, name: h.name })),
      ...(await repo.loadBuyerCustomers(tx, imp.channelCustomerId)).map((c) => ({
        kind: 'customer' as const,
        id: c.id,
        name: c.name,
      })),
    ]);

    const skipped: StoredSummary['skipped'] = [];
    const invalid: NonNullable<StoredSummary['invalid']> = [];
    type Parsed = Extract<ReturnType<typeof parseFlowRow>, { ok: true }> & {
      rowNo: number;
      productId: string;
      raw: Record<string, string>;
    };
    const valid: Parsed[] = [];
    let start: string | undefined;
    let end: string | undefined;
    for (const row of data) {
      if (isBlankRow(row.cells)) continue;
      if (isTotalsRow(row.cells)) {
        skipped.push({ row: row.number, text: row.cells.filter(Boolean).join(' ').slice(0, 100) });
        continue;
      }
      const raw: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h && row.cells[i]) raw[h] = row.cells[i]!;
      });
      const parsed = parseFlowRow(
        (f) => {
          const i = columnOf.get(f);
          return i === undefined || i < 0 ? '' : (row.cells[i] ?? '');
        },
        (f) => mapping[f] ?? f,
      );
      if (!parsed.ok) {
        invalid.push({ row: row.number, raw, problems: parsed.problems });
        continue;
      }
      const productId = productOf(parsed.productName, parsed.specification);
      if (!productId) {
        invalid.push({
          row: row.number,
          raw,
          problems: [
            {
              column: mapping.product!,
              messageKey: 'flow.row.unknownProduct',
              params: { value: parsed.productName },
            },
          ],
        });
        continue;
      }
      valid.push({ ...parsed, rowNo: row.number, productId, raw });
      const last = parsed.month ? monthEnd(parsed.month) : parsed.saleDate;
      if (!start || parsed.saleDate < start) start = parsed.saleDate;
      if (!end || last > end) end = last;
    }

    // buyers: remembered names first, then exact/fuzzy, once per distinct name
    const names = [...new Set(valid.map((r) => r.buyerName))];
    const normalized = new Map(names.map((n) => [n, normalizeOrgName(n)]));
    const remembered = new Map(
      (await repo.loadNameMatches(tx, [...new Set(normalized.values())])).map((m) => [m.normalizedName, m]),
    );
    type Match = {
      status: 'matched' | 'uncertain' | 'unmatched';
      hospitalId: string | null;
      buyerCustomerId: string | null;
      score: number | null;
    };
    const candidates: Record<string, ScoredCandidate[]> = {};
    const matchOf = new Map<string, Match>();
    for (const name of names) {
      const known = remembered.get(normalized.get(name)!);
      if (known) {
        const none = !known.hospitalId && !known.buyerCustomerId;
        matchOf.set(name, {
          status: none ? 'unmatched' : 'matched',
          hospitalId: known.hospitalId,
          buyerCustomerId: known.buyerCustomerId,
          score: none ? null : 1,
        });
        continue;
      }
      const m = matchBuyerName(name, orgIndex);
      if (m.status === 'uncertain') candidates[name] = m.candidates;
      const sure = m.status === 'matched' ? m.best : null;
      matchOf.set(name, {
        status: m.status,
        hospitalId: sure?.kind === 'hospital' ? sure.id : null,
        buyerCustomerId: sure?.kind === 'customer' ? sure.id : null,
        score: m.best?.score ?? m.candidates[0]?.score ?? null,
      });
    }
    // departments of the matched hospitals, by name
    const hospitalIds = [
      ...new Set([...matchOf.values()].map((m) => m.hospitalId).filter((x) => x !== null)),
    ];
    const departmentOf = new Map(
      (await repo.loadDepartments(tx, hospitalIds)).map((d) => [`${d.hospitalId}:${squeeze(d.name)}`, d.id]),
    );

    const rows: repo.NewFlowRow[] = valid.map((r) => {
      const m = matchOf.get(r.buyerName)!;
      return {
        importId: imp.id,
        channelCustomerId: imp.channelCustomerId,
        rowNo: r.rowNo,
        saleDate: r.saleDate,
        productId: r.productId,
        productName: r.productName,
        buyerName: r.buyerName,
        departmentName: r.departmentName,
        hospitalId: m.hospitalId,
        departmentId:
          m.hospitalId && r.departmentName
            ? (departmentOf.get(`${m.hospitalId}:${squeeze(r.departmentName)}`) ?? null)
            : null,
        buyerCustomerId: m.buyerCustomerId,
        matchStatus: m.status,
        matchScore: m.score,
        quantity: r.quantity,
        unitPriceFen: r.unitPriceFen,
        amountFen: r.amountFen,
        batchNo: r.batchNo,
        raw: r.raw,
      };
    });
    await repo.insertFlowRows(tx, rows);
    const summary: StoredSummary = {
      headers: base.headers,
      suggestedMapping: base.suggestedMapping,
      sampleRows: base.sampleRows,
      rows: valid.length + invalid.length,
      skipped,
      invalid,
      candidates,
    };
    await repo.updateImport(tx, imp.id, {
      mapping,
      summary,
      periodStart: start ?? null,
      periodEnd: end ?? null,
    });
  }

  function checkMapping(mapping: FlowMapping, headers: string[]) {
    const missing = missingFlowFields(mapping);
    if (missing.length > 0)
      throw fieldError('body.mapping', 'flow.mappingMissing', { fields: missing.join('、') });
    const names = new Set(headers.map((h) => h.trim()));
    const seen = new Set<string>();
    for (const [field, header] of Object.entries(mapping)) {
      if (!names.has(header.trim()))
        throw fieldError(`body.mapping.${field}`, 'flow.mappingUnknownHeader', { header });
      if (seen.has(header.trim()))
        throw fieldError(`body.mapping.${field}`, 'flow.mappingDuplicateHeader', { header });
      seen.add(header.trim());
    }
  }

  const problemsOf = (locale: Locale, problems: FlowRowProblem[]) =>
    problems.map((p) => ({
      column: p.column,
      message: ruleMessage(locale, p.messageKey, p.params) ?? p.messageKey,
    }));

  return {
    async findImports(
      ctx: RequestContext,
      q: z.infer<typeof flowImportListQuerySchema>,
    ): Promise<ListResponse<FlowImport>> {
      const { rows, total } = await repo.findImports(db, { ...q, scope: visibility(ctx) }, q);
      const items: FlowImport[] = [];
      for (const r of rows) items.push(await toFlowImport(db, r));
      return listOf(items, total, q);
    },

    async getImport(ctx: RequestContext, id: string): Promise<FlowImport> {
      return toFlowImport(db, await visibleImport(ctx, id));
    },

    /** Upload: reads the file; applies the distributor's saved mapping when the headers fit, else waits for one. */
    async createImport(
      ctx: RequestContext,
      input: { channelCustomerId: string; fileName: string; file: Buffer },
    ): Promise<FlowImport> {
      assertMayImport(ctx);
      const scope = scopeOf(ctx.actor);
      const customer = await repo.findCustomer(
        db,
        input.channelCustomerId,
        scope.channelCustomers(repo.channelCustomers.id),
      );
      if (!customer) throw notFound();
      if (customer.kind !== 'distributor')
        throw fieldError('body.channelCustomerId', 'goods.customer.notDistributor');
      const fileHash = createHash('sha256').update(input.file).digest('hex');
      const duplicate = await repo.findLiveImportByHash(db, fileHash);
      if (duplicate)
        throw new AppError('CONFLICT', {
          messageKey: 'flow.duplicateFile',
          params: { fileName: duplicate.fileName, createdAt: duplicate.createdAt.slice(0, 10) },
          details: { importId: duplicate.id },
        });

      const sheet = await readFlowSheet(input.file);
      const headerIndex = detectHeaderRow(sheet.map((r) => r.cells));
      if (headerIndex === undefined) throw new AppError('BAD_REQUEST', { messageKey: 'flow.noHeader' });
      const headers = sheet[headerIndex]!.cells.map((h) => h.trim());
      const data = sheet.slice(headerIndex + 1);
      if (!data.some((r) => !isBlankRow(r.cells)))
        throw new AppError('BAD_REQUEST', { messageKey: 'flow.noRows' });
      const base: StoredSummary = {
        headers,
        suggestedMapping: suggestFlowMapping(headers),
        sampleRows: data
          .filter((r) => !isBlankRow(r.cells))
          .slice(0, sampleSize)
          .map((r) => r.cells),
      };
      const saved = (await repo.getSavedMapping(db, customer.id)) as FlowMapping | undefined;

      const id = await db.transaction(async (tx) => {
        const importId = await repo.insertImport(tx, {
          channelCustomerId: customer.id,
          fileName: input.fileName,
          fileHash,
          createdBy: ctx.actor.id,
          summary: saved && mappingFitsHeaders(saved, headers) ? base : { ...base, pending: data },
        });
        if (saved && mappingFitsHeaders(saved, headers))
          await parseAndStore(
            tx,
            { id: importId, channelCustomerId: customer.id },
            saved,
            headers,
            data,
            base,
          );
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'flow_import',
          entityId: importId,
          action: 'create',
          after: { channelCustomerId: customer.id, fileName: input.fileName, fileHash },
        });
        return importId;
      });
      return reload(db, id);
    },

    /** Saves the column mapping (remembered for the distributor) and reads the rows. */
    async saveMapping(ctx: RequestContext, id: string, mapping: FlowMapping): Promise<FlowImport> {
      assertMayImport(ctx);
      const row = await visibleImport(ctx, id);
      assertPreview(ctx.locale, row);
      const s = row.summary as StoredSummary;
      if (!s.pending) throw new AppError('CONFLICT', { messageKey: 'flow.alreadyMapped' });
      checkMapping(mapping, s.headers);
      return db.transaction(async (tx) => {
        const current = await repo.lockImport(tx, id);
        assertPreview(ctx.locale, current);
        if (!(current.summary as StoredSummary).pending)
          throw new AppError('CONFLICT', { messageKey: 'flow.alreadyMapped' });
        await repo.saveMapping(tx, row.channelCustomerId, mapping, ctx.actor.id);
        await parseAndStore(tx, row, mapping, s.headers, s.pending!, s);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'flow_column_mapping',
          entityId: row.channelCustomerId,
          action: 'update',
          after: { mapping, importId: id },
        });
        return reload(tx, id);
      });
    },

    async findRows(
      ctx: RequestContext,
      id: string,
      q: z.infer<typeof flowRowsQuerySchema>,
    ): Promise<ListResponse<FlowPreviewRow>> {
      const row = await visibleImport(ctx, id);
      const s = row.summary as StoredSummary;
      if (q.matchStatus === 'invalid') {
        const invalid = (s.invalid ?? []).filter(
          (r) => !q.buyerName || Object.values(r.raw).includes(q.buyerName),
        );
        const page = invalid.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
        return listOf(
          page.map((r) => ({
            id: `invalid-${r.row}`,
            rowNo: r.row,
            matchStatus: 'invalid' as const,
            saleDate: null,
            productId: null,
            productName: null,
            buyerName: null,
            departmentName: null,
            hospitalId: null,
            hospitalName: null,
            buyerCustomerId: null,
            buyerCustomerName: null,
            matchScore: null,
            quantity: null,
            amountFen: null,
            candidates: [],
            problems: problemsOf(ctx.locale, r.problems),
            raw: r.raw,
          })),
          invalid.length,
          q,
        );
      }
      const { rows, total } = await repo.findPreviewRows(db, id, q, q);
      return listOf(
        rows.map((r) => ({
          ...r,
          candidates: r.matchStatus === 'uncertain' ? (s.candidates?.[r.buyerName] ?? []) : [],
          problems: [],
          raw: r.raw as Record<string, string>,
        })),
        total,
        q,
      );
    },

    /** Confirms buyers (by rows or by name) and remembers each name's match for later files. */
    async confirmMatches(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof confirmFlowMatchesSchema>,
    ): Promise<FlowImport> {
      assertMayImport(ctx);
      const row = await visibleImport(ctx, id);
      assertPreview(ctx.locale, row);
      return db.transaction(async (tx) => {
        assertPreview(ctx.locale, await repo.lockImport(tx, id));
        let confirmed = 0;
        for (const [i, m] of input.matches.entries()) {
          const chosen = [m.hospitalId, m.buyerCustomerId, m.none ? 'none' : null].filter(Boolean);
          if (chosen.length !== 1 || (!m.rowIds?.length && !m.buyerName) || (m.rowIds?.length && m.buyerName))
            throw fieldError(`body.matches.${i}`, 'flow.match.exactlyOne');
          if (m.hospitalId && !(await repo.hospitalExists(tx, m.hospitalId)))
            throw fieldError(`body.matches.${i}.hospitalId`, 'flow.match.unknownHospital');
          if (m.buyerCustomerId && !(await repo.customerExists(tx, m.buyerCustomerId)))
            throw fieldError(`body.matches.${i}.buyerCustomerId`, 'flow.match.unknownCustomer');
          if (m.departmentId) {
            const dep = await repo.departmentOf(tx, m.departmentId);
            if (!dep || !m.hospitalId || dep.hospitalId !== m.hospitalId)
              throw fieldError(`body.matches.${i}.departmentId`, 'flow.match.unknownDepartment');
          }
          const targets = await repo.findRowsToConfirm(tx, id, { rowIds: m.rowIds, buyerName: m.buyerName });
          if (targets.length === 0) throw fieldError(`body.matches.${i}`, 'flow.match.noRows');
          await repo.setRowsMatch(
            tx,
            targets.map((t) => t.id),
            {
              hospitalId: m.hospitalId ?? null,
              departmentId: m.departmentId ?? null,
              buyerCustomerId: m.buyerCustomerId ?? null,
              matchStatus: m.none ? 'unmatched' : 'confirmed',
            },
          );
          for (const name of new Set(targets.map((t) => t.buyerName)))
            await repo.rememberNameMatch(tx, {
              normalizedName: normalizeOrgName(name),
              hospitalId: m.hospitalId ?? null,
              buyerCustomerId: m.buyerCustomerId ?? null,
              userId: ctx.actor.id,
            });
          confirmed += targets.length;
        }
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'flow_import',
          entityId: id,
          action: 'update',
          after: { confirmedRows: confirmed, matches: input.matches },
        });
        return reload(tx, id);
      });
    },

    /** Commits in one transaction; an overlapping committed period is refused unless `replace`. */
    async commitImport(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof commitFlowImportSchema>,
    ): Promise<FlowImport> {
      assertMayImport(ctx);
      const row = await visibleImport(ctx, id);
      assertPreview(ctx.locale, row);
      if ((row.summary as StoredSummary).pending)
        throw new AppError('CONFLICT', { messageKey: 'flow.needsMapping' });
      if (!row.periodStart || !row.periodEnd) throw new AppError('CONFLICT', { messageKey: 'flow.noPeriod' });
      const result = await db.transaction(async (tx) => {
        await repo.lockCustomer(tx, row.channelCustomerId);
        assertPreview(ctx.locale, await repo.lockImport(tx, id));
        const overlapping = await repo.findOverlappingCommitted(
          tx,
          row.channelCustomerId,
          row.periodStart!,
          row.periodEnd!,
          id,
        );
        if (overlapping.length > 0 && !input.replace) {
          const other = overlapping[0]!;
          throw new AppError('CONFLICT', {
            messageKey: 'flow.periodOverlap',
            params: {
              periodStart: row.periodStart!,
              periodEnd: row.periodEnd!,
              fileName: other.fileName,
              otherStart: other.periodStart ?? '',
              otherEnd: other.periodEnd ?? '',
            },
            details: { overlapping: overlapping.map((o) => o.id) },
          });
        }
        for (const other of overlapping) {
          await repo.updateImport(tx, other.id, { status: 'cancelled' });
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'flow_import',
            entityId: other.id,
            action: 'update',
            before: { status: 'committed' },
            after: { status: 'cancelled', replacedBy: id },
          });
        }
        await repo.updateImport(tx, id, { status: 'committed', committedAt: new Date().toISOString() });
        const after = await reload(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'flow_import',
          entityId: id,
          action: 'update',
          before: { status: 'preview' },
          after: { status: 'committed', counts: after.counts, replaced: overlapping.map((o) => o.id) },
        });
        return after;
      });
      await evaluateChannelWarnings(db, { channelCustomerIds: [row.channelCustomerId] });
      return result;
    },

    async cancelImport(ctx: RequestContext, id: string): Promise<FlowImport> {
      assertMayImport(ctx);
      const row = await visibleImport(ctx, id);
      assertPreview(ctx.locale, row);
      return db.transaction(async (tx) => {
        assertPreview(ctx.locale, await repo.lockImport(tx, id));
        await repo.updateImport(tx, id, { status: 'cancelled' });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'flow_import',
          entityId: id,
          action: 'update',
          before: { status: 'preview' },
          after: { status: 'cancelled' },
        });
        return reload(tx, id);
      });
    },

    /** Quantities and amounts of committed flow, grouped by hospital, department, buyer or month — never doctor. */
    async summary(ctx: RequestContext, q: z.infer<typeof flowSummaryQuerySchema>): Promise<FlowSummary> {
      const scope = scopeOf(ctx.actor).channelCustomers(repo.flowRows.channelCustomerId);
      const items = await repo.flowSummary(db, { ...q, scope });
      return {
        groupBy: q.groupBy,
        items: items.map((i) => ({ ...i, label: i.label ?? '' })),
        totalQuantity: items.reduce((s, i) => s + i.quantity, 0),
        totalAmountFen: items.reduce((s, i) => s + i.amountFen, 0),
      };
    },
  };
}
export type FlowImportService = ReturnType<typeof createFlowImportService>;
