import { randomUUID } from 'node:crypto';
import { diffChanges, searchInitials } from '@keqing/domain';
import {
  adminOnlyImportKinds,
  importColumns,
  importPreviewRowLimit,
  ruleMessage,
  type ImportBatch,
  type ImportCounts,
  type ImportKind,
  type ImportPreviewRow,
  type ImportResult,
  type ImportStatus,
  type Locale,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { toIso } from '../../db/list.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { oneFileAtATime, readSheet } from './import-file.ts';
import { planRows, type ParsedRow, type PlannedRow } from './import-plan.ts';
import { mapHeaders, parseRow, type Params, type Values } from './import-rows.ts';
import * as repo from './imports.repository.ts';

/** Rows one file may hold. */
export const maxImportRows = 200_000;

/** The audit entity name of each kind's records. */
const entityOf: Record<ImportKind, string> = {
  hospitals: 'hospital',
  departments: 'department',
  doctors: 'doctor',
  keyContacts: 'keyContact',
  products: 'product',
};

/** A problem as stored (message key, not text: a later read may ask in another language). */
type StoredProblem = { row: number; column: string; messageKey: string; params?: Params };
type Summary = {
  columns: string[];
  ignoredColumns: string[];
  counts: ImportCounts;
  errors: StoredProblem[];
  rows: ImportPreviewRow[];
  result: ImportResult | null;
};

const headerOf = (kind: ImportKind) => {
  const headers = new Map(importColumns[kind].map((c) => [c.key, c.header]));
  return (key: string) => headers.get(key) ?? '';
};

function assertMayImport(ctx: RequestContext, kind: ImportKind) {
  assertMayWrite(ctx.actor);
  if (adminOnlyImportKinds.includes(kind)) assertAdmin(ctx.actor);
}

/**
 * Cells by field → parsed rows, and the cells of the first rows (the preview shows them as typed). The cells
 * of every other row are dropped as soon as they are parsed: a 100,000-row file is held once, not three times.
 */
function parseCells(
  kind: ImportKind,
  keys: string[],
  rows: Iterable<[number, ...string[]]>,
): { parsed: ParsedRow[]; previewCells: Record<string, string>[] } {
  const parsed: ParsedRow[] = [];
  const previewCells: Record<string, string>[] = [];
  for (const [row, ...values] of rows) {
    const cells = Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
    if (previewCells.length < importPreviewRowLimit) previewCells.push(cells);
    parsed.push({ row, ...parseRow(kind, cells) });
  }
  return { parsed, previewCells };
}

/** The sheet's rows under the import's fields; the sheet itself is left behind for the collector. */
function readRows(kind: ImportKind, file: Buffer) {
  const sheet = readSheet(file);
  if (!sheet.rows.length) throw new AppError('BAD_REQUEST', { messageKey: 'import.noRows' });
  if (sheet.rows.length > maxImportRows)
    throw new AppError('BAD_REQUEST', {
      messageKey: 'import.tooManyRows',
      params: { max: maxImportRows },
    });
  const { keys, missing } = mapHeaders(kind, sheet.header.cells);
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', {
      messageKey: 'import.missingColumns',
      params: { columns: missing.map((c) => c.header).join('、') },
    });
  }
  const used = keys.flatMap((k, i) => (k ? [{ key: k, index: i }] : []));
  const ignoredColumns = sheet.header.cells
    .filter((h, i) => !keys[i] && h.trim() !== '')
    .map((h) => h.trim());
  function* cells(): Generator<[number, ...string[]]> {
    for (const r of sheet.rows) yield [r.number, ...used.map((u) => r.cells[u.index] ?? '')];
  }
  return {
    ignoredColumns,
    ...parseCells(
      kind,
      used.map((u) => u.key),
      cells(),
    ),
  };
}

/** The rows a preview found valid, parsed (a batch stored before `format: 'parsed'` keeps cells of every row). */
function validAtPreview(kind: ImportKind, stored: repo.StoredRows, summary: Summary): ParsedRow[] {
  if ('format' in stored) {
    const { keys } = stored;
    return stored.rows.map(([row, ...values]) => ({
      row,
      values: Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null])),
      problems: [],
    }));
  }
  const invalid = new Set(summary.errors.map((e) => e.row));
  return parseCells(kind, stored.keys, stored.rows).parsed.filter((p) => !invalid.has(p.row));
}

async function plan(db: Db, ctx: RequestContext, kind: ImportKind, parsed: ParsedRow[]) {
  const scope = scopeOf(ctx.actor);
  const lookups = await repo.loadLookups(
    db,
    kind,
    parsed.map((p) => p.values),
    (column) => scope.hospitals(column),
  );
  return planRows(kind, parsed, lookups);
}

function summarize(
  kind: ImportKind,
  planned: PlannedRow[],
  cells: Record<string, string>[],
  ignoredColumns: string[],
): Summary {
  const header = headerOf(kind);
  const errors: StoredProblem[] = [];
  for (const p of planned)
    for (const problem of p.problems)
      errors.push({
        row: p.row,
        column: header(problem.key),
        messageKey: problem.messageKey,
        params: problem.params,
      });
  const count = (action: PlannedRow['action']) => planned.filter((p) => p.action === action).length;
  const invalid = count('invalid');
  return {
    columns: importColumns[kind].map((c) => c.header),
    ignoredColumns,
    counts: {
      total: planned.length,
      valid: planned.length - invalid,
      invalid,
      toCreate: count('create'),
      toUpdate: count('update'),
    },
    errors,
    rows: planned.slice(0, importPreviewRowLimit).map((p, i) => ({
      row: p.row,
      action: p.action,
      values: Object.fromEntries(importColumns[kind].map((c) => [c.header, cells[i]?.[c.key] ?? ''])),
    })),
    result: null,
  };
}

function present(
  batch: {
    id: string;
    kind: string;
    fileName: string;
    status: string;
    createdAt: string;
    finishedAt: string | null;
    summary: unknown;
  },
  locale: Locale,
): ImportBatch {
  const summary = batch.summary as Summary;
  return {
    id: batch.id,
    kind: batch.kind as ImportKind,
    fileName: batch.fileName,
    status: batch.status as ImportStatus,
    createdAt: toIso(batch.createdAt),
    finishedAt: toIso(batch.finishedAt),
    columns: summary.columns,
    ignoredColumns: summary.ignoredColumns,
    counts: summary.counts,
    errors: summary.errors.map((e) => ({
      row: e.row,
      column: e.column,
      message: ruleMessage(locale, e.messageKey, e.params) ?? e.messageKey,
    })),
    rows: summary.rows,
    result: summary.result,
  };
}

/** Adds the name's search initials (拼音首字母) to the record, in place (a commit holds every record once). */
function withInitials<T extends Values>(kind: ImportKind, record: T): T {
  if (kind === 'hospitals')
    Object.assign(record, {
      nameInitials: searchInitials(record.name as string, record.alias as string | null),
    });
  else if (kind === 'doctors' || kind === 'keyContacts')
    Object.assign(record, { nameInitials: searchInitials(record.name as string) });
  return record;
}

export function createImportsService(deps: { db: Db }) {
  const { db } = deps;

  async function ownBatchForUpdate(tx: Db, ctx: RequestContext, batchId: string) {
    const batch = await repo.lockOwnBatch(tx, batchId, ctx.actor.id);
    if (!batch) throw notFound();
    if (batch.status !== 'preview') {
      throw new AppError('CONFLICT', {
        messageKey: 'import.notPreview',
        params: { status: ruleMessage(ctx.locale, `import.status.${batch.status}`) ?? batch.status },
      });
    }
    assertMayImport(ctx, batch.kind as ImportKind);
    return batch;
  }

  /** A preview (or finished batch) as its owner sees it; anyone else gets 404. */
  async function getImport(ctx: RequestContext, batchId: string): Promise<ImportBatch> {
    const batch = await repo.getOwnBatch(db, batchId, ctx.actor.id);
    if (!batch) throw notFound();
    return present(batch, ctx.locale);
  }

  const service = {
    getImport,
    /**
     * Reads and checks every row of the file and keeps it as a preview batch; nothing is written
     * to the account tables until the batch is committed.
     */
    async previewImport(
      ctx: RequestContext,
      kind: ImportKind,
      file: Buffer,
      fileName: string,
    ): Promise<ImportBatch> {
      assertMayImport(ctx, kind);
      if (!file.length) throw new AppError('BAD_REQUEST', { messageKey: 'import.unreadable' });
      const { parsed, previewCells, ignoredColumns } = readRows(kind, file);
      const planned = await plan(db, ctx, kind, parsed);
      const summary = summarize(kind, planned, previewCells, ignoredColumns);
      // the commit gets the parsed values of the valid rows: it plans them again, nothing more
      const fields = importColumns[kind].map((c) => c.key);
      const stored: repo.StoredRows = {
        format: 'parsed',
        keys: fields,
        rows: planned.flatMap((p, i) =>
          p.action === 'invalid' ? [] : [[p.row, ...fields.map((f) => parsed[i]!.values[f] ?? null)]],
        ),
      };
      const id = await db.transaction(async (tx) => {
        const batchId = await repo.insertBatch(tx, {
          userId: ctx.actor.id,
          kind,
          fileName,
          rows: stored,
          summary,
        });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'importBatch',
          entityId: batchId,
          action: 'create',
          after: { kind, fileName, status: 'preview', ...summary.counts },
        });
        return batchId;
      });
      return getImport(ctx, id);
    },

    /**
     * Writes every row valid at preview in one transaction, from the values the preview parsed (the file
     * is not read again): they are planned again against the data as it is now (a hospital may have been
     * merged since the preview), so a row that turned invalid is skipped.
     */
    async commitImport(ctx: RequestContext, batchId: string): Promise<ImportBatch> {
      await db.transaction(async (tx) => {
        const batch = await ownBatchForUpdate(tx, ctx, batchId);
        const kind = batch.kind as ImportKind;
        const summary = batch.summary as Summary;
        // only rows the user saw as valid are imported
        const planned = await plan(
          tx,
          ctx,
          kind,
          validAtPreview(kind, await repo.batchRows(tx, batch.id), summary),
        );

        const newDepartments = planned.flatMap((p) =>
          p.action !== 'invalid' && p.newDepartment ? [p.newDepartment] : [],
        );
        const departments = await repo.ensureDepartments(tx, newDepartments);

        const creates: (Values & { id: string })[] = [];
        const updates: (Values & { id: string })[] = [];
        const audits: repo.AuditRow[] = departments.inserted.map((d) => ({
          entity: 'department',
          entityId: d.id,
          action: 'create',
          changes: diffChanges(undefined, { hospitalId: d.hospitalId, name: d.name }),
        }));
        const entity = entityOf[kind];
        let unchangedCount = 0;
        for (const p of planned) {
          if (p.action === 'invalid') continue;
          const record = p.record; // the planned row is not read again: no copy of 100,000 records
          if (p.newDepartment)
            record.departmentId = departments.ids.get(
              `${p.newDepartment.hospitalId}|${p.newDepartment.name}`,
            );
          if (p.action === 'create') {
            // audited by insertRecords, from the same rows
            creates.push(withInitials(kind, Object.assign(record, { id: randomUUID() })));
            continue;
          }
          const changes = diffChanges(p.before, record);
          if (!Object.keys(changes).length) {
            unchangedCount++;
            continue;
          }
          updates.push(withInitials(kind, Object.assign(record, { id: p.targetId! })));
          audits.push({ entity, entityId: p.targetId!, action: 'update', changes });
        }
        const actor = { actorId: ctx.actor.id, requestId: ctx.requestId };
        await repo.insertAuditRows(tx, actor, audits);
        await repo.insertRecords(tx, kind, creates, { ...actor, entity });
        await repo.updateRecords(tx, kind, updates);

        const result: ImportResult = {
          created: creates.length,
          // matched rows, whether or not they changed anything (a re-import updates, never duplicates)
          updated: updates.length + unchangedCount,
          skipped: planned.filter((p) => p.action === 'invalid').length,
          departmentsCreated: departments.inserted.length,
        };
        await repo.finishBatch(tx, batch.id, 'committed', { ...summary, result });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'importBatch',
          entityId: batch.id,
          action: 'update',
          before: { status: 'preview' },
          after: { status: 'committed', kind, fileName: batch.fileName, ...result },
        });
      });
      return getImport(ctx, batchId);
    },

    /** Drops a preview: nothing is imported. */
    async cancelImport(ctx: RequestContext, batchId: string): Promise<ImportBatch> {
      await db.transaction(async (tx) => {
        const batch = await ownBatchForUpdate(tx, ctx, batchId);
        await repo.finishBatch(tx, batch.id, 'cancelled', batch.summary);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'importBatch',
          entityId: batch.id,
          action: 'update',
          before: { status: 'preview' },
          after: { status: 'cancelled' },
        });
      });
      return getImport(ctx, batchId);
    },
  };
  // reading and checking a big file holds its rows: one file at a time (import-file.ts)
  return {
    ...service,
    previewImport: (...args: Parameters<typeof service.previewImport>) =>
      oneFileAtATime(() => service.previewImport(...args)),
    commitImport: (...args: Parameters<typeof service.commitImport>) =>
      oneFileAtATime(() => service.commitImport(...args)),
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
