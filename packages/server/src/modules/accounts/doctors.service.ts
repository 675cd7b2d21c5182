import type { z } from 'zod';
import { isPersonalityType, personalityTypes, searchInitials } from '@keqing/domain';
import type {
  createDoctorSchema,
  Doctor,
  DoctorDetail,
  doctorExportQuerySchema,
  DoctorListQuery,
  DoctorProfile,
  ListResponse,
  Locale,
  putDoctorProfileSchema,
  updateDoctorSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, personalDataAccessOf, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as accountsRepo from './accounts.repository.ts';
import * as repo from './doctors.repository.ts';
import { conflictOnReference, conflictOnUnique, fieldError } from './accounts.errors.ts';
import { exportFile, filterOf, type ExportResult } from './accounts.service.ts';
import {
  doctorColumns,
  doctorPersonalColumns,
  doctorProductColumns,
  type DoctorExportRow,
} from './export-columns.ts';
import { listOf } from '../../db/list.ts';

/** Sorts that read the product status: they need a product. */
const productSorts = new Set(['grade', 'prescriptionStatus', 'prescriptionPotential', 'visitsPerCycle']);

/** The personal fields of doctor_profiles (PIPL). */
const personalFields = [
  'birthday',
  'birthdayIsLunar',
  'mobile',
  'wechat',
  'family',
  'hobbies',
  'preferences',
  'familyEvents',
] as const;

/** A personality type 性格类型 with its label, traits and tip in the reader's language (null when unset). */
export function personalityOf(type: string | null, locale: Locale) {
  if (!type || !isPersonalityType(type)) return null;
  const profile = personalityTypes[type];
  return { type, label: profile.label[locale], traits: profile.traits[locale], tip: profile.tip[locale] };
}

function checkProductFilters(q: Pick<DoctorListQuery, 'productId' | 'grade' | 'sort'>, part: string) {
  if (q.grade && !q.productId) throw fieldError(`${part}.grade`, 'accounts.doctor.gradeNeedsProduct');
  if (q.sort && productSorts.has(q.sort.replace(/^-/, '')) && !q.productId) {
    throw fieldError(`${part}.sort`, 'accounts.doctor.sortNeedsProduct');
  }
}

export function createDoctorsService(deps: { db: Db }) {
  const { db } = deps;
  const doctorScope = (ctx: RequestContext) => scopeOf(ctx.actor).hospitals(repo.doctors.hospitalId);

  async function hospitalInScope(tx: Db, ctx: RequestContext, hospitalId: string) {
    const h = await accountsRepo.getHospital(
      tx,
      hospitalId,
      scopeOf(ctx.actor).hospitals(accountsRepo.hospitals.id),
    );
    if (!h) throw notFound();
  }

  async function checkDepartment(tx: Db, departmentId: string | null | undefined, hospitalId: string) {
    if (!departmentId) return;
    const owner = await accountsRepo.getDepartmentHospitalId(tx, departmentId);
    if (owner !== hospitalId) throw fieldError('body.departmentId', 'accounts.department.otherHospital');
  }

  /** The list rows: with a product, its name goes with each status. */
  async function findRows(
    ctx: RequestContext,
    q: Omit<DoctorListQuery, 'page' | 'pageSize'>,
    page?: accountsRepo.Page,
    withPersonal = false,
  ) {
    // independent reads: together, so the list waits for one round trip, not two
    const [productName, { rows, total }] = await Promise.all([
      q.productId ? repo.getProductName(db, q.productId) : undefined,
      repo.findDoctors(db, { ...q, scope: doctorScope(ctx) }, q, page, { withPersonal }),
    ]);
    const items = rows.map(({ status, personal, ...r }) => ({
      ...r,
      ...(q.productId ? { productStatus: status && { ...status, productName: productName ?? '' } } : {}),
      ...(withPersonal ? { personal } : {}),
    }));
    return { items, total, productName };
  }

  /** The doctor detail for one reader (the personality's tip in the reader's language). */
  async function loadDetail(tx: Db, ctx: RequestContext, id: string): Promise<DoctorDetail | undefined> {
    const d = await repo.getDoctor(tx, id, doctorScope(ctx));
    if (!d) return undefined;
    // independent reads: together, so the doctor page waits for one round trip, not two
    const [hospital, productStatuses] = await Promise.all([
      repo.getHospitalBrief(tx, d.hospitalId),
      repo.findDoctorProductStatuses(tx, id),
    ]);
    return {
      ...d,
      hospital: hospital!,
      personality: personalityOf(d.personalityType, ctx.locale),
      productStatuses,
      mayEdit: ctx.actor.role !== 'compliance',
      mayReadProfile: personalDataAccessOf(ctx.actor).read,
    };
  }
  /** What the audit log compares: the doctor's own fields. */
  const loadRecord = (tx: Db, id: string) => repo.getDoctor(tx, id);

  /**
   * Records a refused read of personal data (PIPL): who tried, which record, why. Written outside any
   * transaction, since the request then fails.
   */
  async function auditRefusedRead(ctx: RequestContext, entity: string, entityId: string, reason: string) {
    await insertAudit(db, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity,
      entityId,
      action: 'read',
      after: { outcome: 'refused', reason },
    });
  }

  /**
   * The doctor whose personal data is asked for, if the actor's line owns it. Refusals are audited:
   * an admin gets 403 (not the owning line), a rep or manager outside the doctor's hospital 404.
   */
  async function profileDoctor(ctx: RequestContext, doctorId: string, mode: 'read' | 'write') {
    const hospitalId = await repo.getDoctorHospitalId(db, doctorId);
    if (!hospitalId) throw notFound();
    const access = personalDataAccessOf(ctx.actor);
    if (!access[mode]) {
      if (mode === 'read') await auditRefusedRead(ctx, 'doctorProfile', doctorId, 'notOwningLine');
      throw new AppError('FORBIDDEN', {
        messageKey: mode === 'read' ? 'accounts.profile.adminRefused' : 'accounts.profile.writeRefused',
      });
    }
    const inLine = await repo.getDoctor(db, doctorId, access.hospitals(repo.doctors.hospitalId));
    if (!inLine) {
      if (mode === 'read') await auditRefusedRead(ctx, 'doctorProfile', doctorId, 'outsideScope');
      throw notFound();
    }
  }

  const emptyProfile = (doctorId: string): DoctorProfile => ({
    doctorId,
    birthday: null,
    birthdayIsLunar: false,
    mobile: null,
    wechat: null,
    family: null,
    hobbies: null,
    preferences: null,
    familyEvents: null,
    version: 0,
    updatedAt: null,
  });
  const publicProfile = (p: Awaited<ReturnType<typeof repo.getProfile>>, doctorId: string): DoctorProfile =>
    p
      ? {
          doctorId: p.doctorId,
          birthday: p.birthday,
          birthdayIsLunar: p.birthdayIsLunar,
          mobile: p.mobile,
          wechat: p.wechat,
          family: p.family,
          hobbies: p.hobbies,
          preferences: p.preferences,
          familyEvents: p.familyEvents,
          version: p.version,
          updatedAt: p.updatedAt,
        }
      : emptyProfile(doctorId);

  return {
    /** Doctors of the hospitals in the caller's scope; never personal data. */
    async findDoctors(ctx: RequestContext, q: DoctorListQuery): Promise<ListResponse<Doctor>> {
      checkProductFilters(q, 'query');
      const { items, total } = await findRows(ctx, q, q);
      // notes stay on the doctor page (and in exports); lists stay light
      const rows = items.map(({ notes: _notes, ...d }) => d);
      return listOf(rows as Doctor[], total, q);
    },

    async getDoctor(ctx: RequestContext, id: string): Promise<DoctorDetail> {
      return (await loadDetail(db, ctx, id)) ?? Promise.reject(notFound());
    },

    /** A rep for hospitals of their territories, a manager for the team's, an admin for all. */
    async createDoctor(
      ctx: RequestContext,
      input: z.output<typeof createDoctorSchema>,
    ): Promise<DoctorDetail> {
      assertMayWrite(ctx.actor);
      const created = await auditedCreate(db, ctx, {
        entity: 'doctor',
        create: async (tx) => {
          await hospitalInScope(tx, ctx, input.hospitalId);
          await checkDepartment(tx, input.departmentId, input.hospitalId);
          return repo.insertDoctor(tx, { ...input, nameInitials: searchInitials(input.name) });
        },
        load: loadRecord,
      }).catch(conflictOnUnique('accounts.doctor.codeTaken', { code: input.code ?? '' }));
      return (await loadDetail(db, ctx, created.id))!;
    },

    /**
     * Moving a doctor to another hospital needs that hospital in scope too; the department then
     * resets unless a department of the new hospital is given.
     */
    async updateDoctor(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateDoctorSchema>,
    ): Promise<DoctorDetail> {
      assertMayWrite(ctx.actor);
      const scope = doctorScope(ctx);
      const { version, ...rest } = input;
      await auditedChange(db, ctx, {
        entity: 'doctor',
        id,
        load: (tx) => repo.getDoctor(tx, id, scope),
        write: async (tx, before) => {
          const values: Record<string, unknown> = definedOnly(rest);
          const hospitalId = rest.hospitalId ?? before.hospitalId;
          let departmentId = rest.departmentId !== undefined ? rest.departmentId : before.departmentId;
          if (hospitalId !== before.hospitalId) {
            await hospitalInScope(tx, ctx, hospitalId);
            if (rest.departmentId === undefined) departmentId = values.departmentId = null;
          }
          await checkDepartment(tx, departmentId, hospitalId);
          if (rest.name !== undefined) values.nameInitials = searchInitials(rest.name);
          await updateVersioned(tx, repo.doctors, id, version, values);
        },
      }).catch(conflictOnUnique('accounts.doctor.codeTaken', { code: rest.code ?? '' }));
      return (await loadDetail(db, ctx, id))!;
    },

    /**
     * Only a doctor with no history (scores, stages, calls …) can be deleted, e.g. one entered by
     * mistake; the personal profile goes with it.
     */
    async deleteDoctor(ctx: RequestContext, id: string): Promise<void> {
      assertMayWrite(ctx.actor);
      const scope = doctorScope(ctx);
      await db
        .transaction(async (tx) => {
          const before = await repo.getDoctor(tx, id, scope);
          if (!before) throw notFound();
          const profile = await repo.getProfile(tx, id);
          if (profile) {
            await repo.deleteProfile(tx, id);
            await insertAudit(tx, {
              actorId: ctx.actor.id,
              requestId: ctx.requestId,
              entity: 'doctorProfile',
              entityId: id,
              action: 'delete',
              // field names only: personal data never enters the audit log
              before: { fields: personalFields.filter((f) => profile[f] !== null && profile[f] !== false) },
            });
          }
          await repo.deleteDoctor(tx, id);
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'doctor',
            entityId: id,
            action: 'delete',
            before,
          });
        })
        .catch(conflictOnReference('accounts.doctor.inUse'));
    },

    /** PIPL: the covering reps, their managers and compliance read; everyone else is refused and audited. */
    async getProfile(ctx: RequestContext, doctorId: string): Promise<DoctorProfile> {
      await profileDoctor(ctx, doctorId, 'read');
      return publicProfile(await repo.getProfile(db, doctorId), doctorId);
    },

    /** Replaces the profile (creates it on the first PUT, version 0). The audit row names fields, not values. */
    async putProfile(
      ctx: RequestContext,
      doctorId: string,
      input: z.output<typeof putDoctorProfileSchema>,
    ): Promise<DoctorProfile> {
      assertMayWrite(ctx.actor);
      await profileDoctor(ctx, doctorId, 'write');
      const { version, ...rest } = input;
      const values: repo.ProfileValues = {
        birthday: rest.birthday ?? null,
        birthdayIsLunar: rest.birthdayIsLunar ?? false,
        mobile: rest.mobile ?? null,
        wechat: rest.wechat ?? null,
        family: rest.family ?? null,
        hobbies: rest.hobbies ?? null,
        preferences: rest.preferences ?? null,
        familyEvents: rest.familyEvents ?? null,
      };
      const saved = await db
        .transaction(async (tx) => {
          const before = await repo.getProfile(tx, doctorId);
          if (!before) {
            if (version !== 0) throw versionConflict(0);
            await repo.insertProfile(tx, doctorId, values);
          } else if (
            version !== before.version ||
            !(await repo.updateProfile(tx, doctorId, version, values))
          ) {
            throw versionConflict(before.version);
          }
          const changedFields = personalFields.filter(
            (f) => (before ? before[f] : emptyProfile(doctorId)[f]) !== values[f],
          );
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'doctorProfile',
            entityId: doctorId,
            action: before ? 'update' : 'create',
            after: { changedFields },
          });
          return repo.getProfile(tx, doctorId);
        })
        .catch(async (err: unknown) => {
          // two first saves at once: the loser sees the winner's version
          if (!isUniqueViolation(err)) throw err;
          throw versionConflict((await repo.getProfile(db, doctorId))?.version ?? 0);
        });
      return publicProfile(saved, doctorId);
    },

    /**
     * The doctor list as a file, with the same filters. Personal columns only for an admin who asks for
     * them (audited with the export); anyone else asking is refused, and that is audited too.
     */
    async exportDoctors(
      ctx: RequestContext,
      q: z.output<typeof doctorExportQuerySchema>,
    ): Promise<ExportResult> {
      checkProductFilters(q, 'query');
      if (q.includePersonal && ctx.actor.role !== 'admin') {
        await auditRefusedRead(ctx, 'export', 'doctors', 'personalDataNotAdmin');
        throw new AppError('FORBIDDEN', { messageKey: 'accounts.export.personalAdminOnly' });
      }
      if (q.hospitalId) await hospitalInScope(db, ctx, q.hospitalId);
      const withPersonal = q.includePersonal === true;
      const { items, productName } = await findRows(ctx, q, undefined, withPersonal);
      const columns = [
        ...doctorColumns,
        ...(q.productId ? doctorProductColumns(productName ?? '') : []),
        ...(withPersonal ? doctorPersonalColumns : []),
      ];
      return exportFile(db, ctx, {
        kind: 'doctors',
        label: '医生',
        format: q.format,
        columns,
        rows: items as DoctorExportRow[],
        filter: filterOf({ ...q, includePersonal: undefined }),
        extra: { includePersonal: withPersonal },
      });
    },
  };
}
export type DoctorsService = ReturnType<typeof createDoctorsService>;
