import type { z } from 'zod';
import { chinaDate, searchInitials } from '@keqing/domain';
import type {
  createDepartmentSchema,
  createHospitalSchema,
  createKeyContactSchema,
  createProductSchema,
  Department,
  departmentExportQuerySchema,
  departmentListQuerySchema,
  Hospital,
  HospitalDetail,
  hospitalExportQuerySchema,
  hospitalListQuerySchema,
  KeyContact,
  keyContactExportQuerySchema,
  keyContactListQuerySchema,
  keyMessageInputSchema,
  ListResponse,
  Product,
  productExportQuerySchema,
  productListQuerySchema,
  updateDepartmentSchema,
  updateHospitalSchema,
  updateKeyContactSchema,
  updateProductSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { gradeHospitals } from '../segmentation/grading.service.ts';
import * as repo from './accounts.repository.ts';
import { conflictOnReference, conflictOnUnique, fieldError } from './accounts.errors.ts';
import * as columns from './export-columns.ts';
import {
  contentTypes,
  writeExport,
  writeWorkbook,
  type ExportColumn,
  type ExportFormat,
  type ExportResult,
  type ExportSheet,
} from './export-file.ts';
import { listOf } from '../../db/list.ts';

export type { ExportResult } from './export-file.ts';

type KeyMessageInput = z.output<typeof keyMessageInputSchema>;
const keyMessagesOf = (messages: KeyMessageInput[] | undefined) =>
  messages?.map((m) => ({
    feature: m.feature,
    benefit: m.benefit,
    objection: m.objection ?? null,
    answer: m.answer ?? null,
  }));

/**
 * Shared by every export (accounts, care, dashboards): writes the file — one sheet, or several for a dashboard
 * — and records who exported what.
 */
export async function exportFile<T>(
  db: Db,
  ctx: RequestContext,
  args: {
    kind: string;
    label: string;
    filter: Record<string, unknown>;
    extra?: Record<string, unknown>;
  } & (
    | { format: ExportFormat; columns: ExportColumn<T>[]; rows: T[] }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own row type
    | { format: 'xlsx'; sheets: (ExportSheet<any> & { rows: unknown[] })[] }
  ),
): Promise<ExportResult> {
  const body =
    'sheets' in args
      ? await writeWorkbook(args.sheets)
      : await writeExport(args.format, args.label, args.columns, args.rows);
  const rowCount = 'sheets' in args ? args.sheets.reduce((n, s) => n + s.rows.length, 0) : args.rows.length;
  // Data leaving the system: who took which rows (by filter and count), never the data itself.
  await insertAudit(db, {
    actorId: ctx.actor.id,
    requestId: ctx.requestId,
    entity: 'export',
    entityId: args.kind,
    action: 'export',
    after: { format: args.format, filter: args.filter, rowCount, ...args.extra },
  });
  const day = chinaDate();
  return {
    asciiName: `${args.kind}-${day}.${args.format}`,
    utf8Name: `${args.label}-${day}.${args.format}`,
    contentType: contentTypes[args.format],
    body,
  };
}

/** The filters of an export query, for its audit row. */
export const filterOf = (q: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'format' && v !== undefined));

export function createAccountsService(deps: { db: Db }) {
  const { db } = deps;

  /** A hospital the actor may see (404 otherwise): where reps and managers keep their accounts. */
  async function hospitalInScope(tx: Db, ctx: RequestContext, hospitalId: string) {
    const h = await repo.getHospital(tx, hospitalId, scopeOf(ctx.actor).hospitals(repo.hospitals.id));
    if (!h) throw notFound();
    return h;
  }

  /** A department must belong to the record's hospital. */
  async function checkDepartment(tx: Db, departmentId: string | null | undefined, hospitalId: string) {
    if (!departmentId) return;
    const owner = await repo.getDepartmentHospitalId(tx, departmentId);
    if (owner !== hospitalId) throw fieldError('body.departmentId', 'accounts.department.otherHospital');
  }

  async function loadHospitalDetail(tx: Db, id: string, ctx?: RequestContext) {
    const h = await repo.getHospital(tx, id, ctx && scopeOf(ctx.actor).hospitals(repo.hospitals.id));
    if (!h) return undefined;
    return { ...h, ...(await repo.getHospitalSummary(tx, id)) } as HospitalDetail;
  }
  /** What the audit log compares: the hospital's own fields. */
  const loadHospitalRecord = (tx: Db, id: string) => repo.getHospital(tx, id);

  /** An export filtered on a hospital answers 404 when the hospital is outside the caller's scope. */
  async function checkExportHospital(ctx: RequestContext, hospitalId: string | undefined) {
    if (hospitalId) await hospitalInScope(db, ctx, hospitalId);
  }

  return {
    // ── Hospitals ──
    /** Hospitals of the caller's territories (all for admin and compliance). */
    async findHospitals(
      ctx: RequestContext,
      q: z.infer<typeof hospitalListQuerySchema>,
    ): Promise<ListResponse<Hospital>> {
      const scope = scopeOf(ctx.actor).hospitals(repo.hospitals.id);
      const { rows, total } = await repo.findHospitals(db, { ...q, scope }, q, q);
      return listOf(rows as Hospital[], total, q);
    },
    async getHospital(ctx: RequestContext, id: string): Promise<HospitalDetail> {
      return (await loadHospitalDetail(db, id, ctx)) ?? Promise.reject(notFound());
    },
    async createHospital(
      ctx: RequestContext,
      input: z.output<typeof createHospitalSchema>,
    ): Promise<HospitalDetail> {
      assertAdmin(ctx.actor);
      const created = await auditedCreate(db, ctx, {
        entity: 'hospital',
        create: async (tx) => {
          const id = await repo.insertHospital(tx, {
            ...input,
            nameInitials: searchInitials(input.name, input.alias),
          });
          // graded at once with the grading rules in force (医院定级)
          await gradeHospitals(tx, [id]);
          return id;
        },
        load: loadHospitalRecord,
      }).catch(conflictOnUnique('accounts.hospital.codeTaken', { code: input.code ?? '' }));
      return (await loadHospitalDetail(db, created.id))!;
    },
    async updateHospital(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateHospitalSchema>,
    ): Promise<HospitalDetail> {
      assertAdmin(ctx.actor);
      const { version, ...rest } = input;
      await auditedChange(db, ctx, {
        entity: 'hospital',
        id,
        load: (tx) => loadHospitalRecord(tx, id),
        write: async (tx, before) => {
          const values: repo.HospitalValues = definedOnly(rest);
          if (rest.name !== undefined || rest.alias !== undefined) {
            values.nameInitials = searchInitials(
              rest.name ?? before.name,
              rest.alias !== undefined ? rest.alias : before.alias,
            );
          }
          await updateVersioned(tx, repo.hospitals, id, version, values);
          await gradeHospitals(tx, [id]);
        },
      }).catch(conflictOnUnique('accounts.hospital.codeTaken', { code: rest.code ?? '' }));
      return (await loadHospitalDetail(db, id))!;
    },
    async exportHospitals(ctx: RequestContext, q: z.output<typeof hospitalExportQuerySchema>) {
      const scope = scopeOf(ctx.actor).hospitals(repo.hospitals.id);
      const { rows } = await repo.findHospitals(db, { ...q, scope }, q);
      return exportFile(db, ctx, {
        kind: 'hospitals',
        label: '医院',
        format: q.format,
        columns: columns.hospitalColumns,
        rows: rows as Hospital[],
        filter: filterOf(q),
      });
    },

    // ── Departments ──
    async findDepartments(
      ctx: RequestContext,
      q: z.infer<typeof departmentListQuerySchema>,
    ): Promise<ListResponse<Department>> {
      const scope = scopeOf(ctx.actor).hospitals(repo.departments.hospitalId);
      const { rows, total } = await repo.findDepartments(db, { ...q, scope }, q, q);
      return listOf(rows, total, q);
    },
    async getDepartment(ctx: RequestContext, id: string): Promise<Department> {
      const scope = scopeOf(ctx.actor).hospitals(repo.departments.hospitalId);
      return (await repo.getDepartment(db, id, scope)) ?? Promise.reject(notFound());
    },
    /** A rep for the hospitals of their territories, a manager for the team's, an admin for all. */
    async createDepartment(
      ctx: RequestContext,
      input: z.output<typeof createDepartmentSchema>,
    ): Promise<Department> {
      assertMayWrite(ctx.actor);
      return auditedCreate(db, ctx, {
        entity: 'department',
        create: async (tx) => {
          await hospitalInScope(tx, ctx, input.hospitalId);
          return repo.insertDepartment(tx, input);
        },
        load: (tx, id) => repo.getDepartment(tx, id),
      }).catch(conflictOnUnique('accounts.department.nameTaken', { name: input.name }));
    },
    async updateDepartment(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateDepartmentSchema>,
    ): Promise<Department> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor).hospitals(repo.departments.hospitalId);
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'department',
        id,
        load: (tx) => repo.getDepartment(tx, id, scope),
        write: (tx) => updateVersioned(tx, repo.departments, id, version, definedOnly(rest)),
      }).catch(conflictOnUnique('accounts.department.nameTaken', { name: rest.name ?? '' }));
    },
    /** Only an empty department can go (doctors and contacts would lose their department). */
    async deleteDepartment(ctx: RequestContext, id: string): Promise<void> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor).hospitals(repo.departments.hospitalId);
      await db
        .transaction(async (tx) => {
          const before = await repo.getDepartment(tx, id, scope);
          if (!before) throw notFound();
          await repo.deleteDepartment(tx, id);
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'department',
            entityId: id,
            action: 'delete',
            before,
          });
        })
        .catch(conflictOnReference('accounts.department.inUse'));
    },
    async exportDepartments(ctx: RequestContext, q: z.output<typeof departmentExportQuerySchema>) {
      await checkExportHospital(ctx, q.hospitalId);
      const scope = scopeOf(ctx.actor).hospitals(repo.departments.hospitalId);
      const { rows } = await repo.findDepartments(db, { ...q, scope }, q);
      return exportFile(db, ctx, {
        kind: 'departments',
        label: '科室',
        format: q.format,
        columns: columns.departmentColumns,
        rows,
        filter: filterOf(q),
      });
    },

    // ── Key contacts ──
    async findKeyContacts(
      ctx: RequestContext,
      q: z.infer<typeof keyContactListQuerySchema>,
    ): Promise<ListResponse<KeyContact>> {
      const scope = scopeOf(ctx.actor).hospitals(repo.keyContacts.hospitalId);
      const { rows, total } = await repo.findKeyContacts(db, { ...q, scope }, q, q);
      return listOf(rows as KeyContact[], total, q);
    },
    async getKeyContact(ctx: RequestContext, id: string): Promise<KeyContact> {
      const scope = scopeOf(ctx.actor).hospitals(repo.keyContacts.hospitalId);
      const row = await repo.getKeyContact(db, id, scope);
      if (!row) throw notFound();
      return row as KeyContact;
    },
    async createKeyContact(
      ctx: RequestContext,
      input: z.output<typeof createKeyContactSchema>,
    ): Promise<KeyContact> {
      assertMayWrite(ctx.actor);
      const created = await auditedCreate(db, ctx, {
        entity: 'keyContact',
        create: async (tx) => {
          await hospitalInScope(tx, ctx, input.hospitalId);
          await checkDepartment(tx, input.departmentId, input.hospitalId);
          return repo.insertKeyContact(tx, { ...input, nameInitials: searchInitials(input.name) });
        },
        load: (tx, id) => repo.getKeyContact(tx, id),
      });
      return created as KeyContact;
    },
    async updateKeyContact(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateKeyContactSchema>,
    ): Promise<KeyContact> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor).hospitals(repo.keyContacts.hospitalId);
      const { version, ...rest } = input;
      const updated = await auditedChange(db, ctx, {
        entity: 'keyContact',
        id,
        load: (tx) => repo.getKeyContact(tx, id, scope),
        write: async (tx, before) => {
          await checkDepartment(tx, rest.departmentId, before.hospitalId);
          const values: Record<string, unknown> = definedOnly(rest);
          if (rest.name !== undefined) values.nameInitials = searchInitials(rest.name);
          await updateVersioned(tx, repo.keyContacts, id, version, values);
        },
      });
      return updated as KeyContact;
    },
    async deleteKeyContact(ctx: RequestContext, id: string): Promise<void> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor).hospitals(repo.keyContacts.hospitalId);
      await db
        .transaction(async (tx) => {
          const before = await repo.getKeyContact(tx, id, scope);
          if (!before) throw notFound();
          await repo.deleteKeyContact(tx, id);
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'keyContact',
            entityId: id,
            action: 'delete',
            before,
          });
        })
        .catch(conflictOnReference('accounts.keyContact.inUse'));
    },
    async exportKeyContacts(ctx: RequestContext, q: z.output<typeof keyContactExportQuerySchema>) {
      await checkExportHospital(ctx, q.hospitalId);
      const scope = scopeOf(ctx.actor).hospitals(repo.keyContacts.hospitalId);
      const { rows } = await repo.findKeyContacts(db, { ...q, scope }, q);
      return exportFile(db, ctx, {
        kind: 'key-contacts',
        label: '关键联系人',
        format: q.format,
        columns: columns.keyContactColumns,
        rows: rows as KeyContact[],
        filter: filterOf(q),
      });
    },

    // ── Products ──
    /** The product catalogue is the same for everyone signed in. */
    async findProducts(
      _ctx: RequestContext,
      q: z.infer<typeof productListQuerySchema>,
    ): Promise<ListResponse<Product>> {
      const { rows, total } = await repo.findProducts(db, q, q, q);
      return listOf(rows, total, q);
    },
    async getProduct(_ctx: RequestContext, id: string): Promise<Product> {
      return (await repo.getProduct(db, id)) ?? Promise.reject(notFound());
    },
    async createProduct(ctx: RequestContext, input: z.output<typeof createProductSchema>): Promise<Product> {
      assertAdmin(ctx.actor);
      return auditedCreate(db, ctx, {
        entity: 'product',
        create: (tx) =>
          repo.insertProduct(tx, { ...input, keyMessages: keyMessagesOf(input.keyMessages) ?? [] }),
        load: (tx, id) => repo.getProduct(tx, id),
      }).catch(conflictOnUnique('accounts.product.nameTaken', { name: input.name }));
    },
    /** Products are retired with `active: false`: scores and calls keep pointing at them. */
    async updateProduct(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateProductSchema>,
    ): Promise<Product> {
      assertAdmin(ctx.actor);
      const { version, keyMessages, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'product',
        id,
        load: (tx) => repo.getProduct(tx, id),
        write: (tx) =>
          updateVersioned(
            tx,
            repo.products,
            id,
            version,
            definedOnly({ ...rest, keyMessages: keyMessagesOf(keyMessages) }),
          ),
      }).catch(conflictOnUnique('accounts.product.nameTaken', { name: rest.name ?? '' }));
    },
    async exportProducts(ctx: RequestContext, q: z.output<typeof productExportQuerySchema>) {
      const { rows } = await repo.findProducts(db, q, q);
      return exportFile(db, ctx, {
        kind: 'products',
        label: '产品',
        format: q.format,
        columns: columns.productColumns,
        rows,
        filter: filterOf(q),
      });
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
