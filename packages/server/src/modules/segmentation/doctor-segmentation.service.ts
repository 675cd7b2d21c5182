/**
 * One doctor's segmentation (the 360° page) and one hospital's listing status 进药: compound scores 复式评分
 * with their history, the adoption ladder, the relationship stage and the KOL profile. Reps and managers
 * change what lies in their scope, admins anything; compliance reads. History is append-only.
 */
import type { z } from 'zod';
import {
  chinaDate,
  gradeDoctor,
  isContactOverdue,
  nextContactDue,
  validateAdoptionStep,
  validateKolProfile,
  validatePrescriptionPotential,
  validatePrescriptionStatus,
  validateStageChange,
  type ContactCadence,
  type KolProfile,
  type RelationshipStage,
} from '@keqing/domain';
import type {
  changeLadderSchema,
  changeStageSchema,
  CurrentScore,
  DoctorScore,
  DoctorSegmentation,
  DoctorStage,
  HospitalListing,
  KolProfileBody,
  LadderChange,
  recordScoreSchema,
  saveKolProfileSchema,
  setListingSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { AppError, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadDoctorGrading } from './grading.service.ts';
import * as repo from './segmentation.repository.ts';
import { fieldError, problemsError } from './segmentation.problems.ts';

type KolRow = NonNullable<Awaited<ReturnType<typeof repo.getKolProfile>>>;

/** The profile as the API shows it, with when the next contact is due and whether it is late. */
export function kolBody(row: KolRow, today: string): KolProfileBody {
  const cadence = row.contactCadence as ContactCadence | null;
  return {
    doctorId: row.doctorId,
    types: row.types as KolProfileBody['types'],
    policyRoles: row.policyRoles as KolProfileBody['policyRoles'],
    developmentStep: row.developmentStep as KolProfileBody['developmentStep'],
    contactCadence: cadence,
    lockInRoles: row.lockInRoles as KolProfileBody['lockInRoles'],
    lastContactOn: row.lastContactOn,
    notes: row.notes,
    nextContactDue: cadence && row.lastContactOn ? nextContactDue(row.lastContactOn, cadence) : null,
    overdue: cadence ? isContactOverdue(row.lastContactOn, cadence, today) : false,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** A date the user gave: never after today, never before the latest entry it follows. */
function checkEntryDate(
  ctx: RequestContext,
  path: string,
  date: string,
  today: string,
  latest?: string | null,
) {
  if (date > today) throw fieldError(path, 'segmentation.date.inFuture', ctx.locale);
  if (latest && date < latest) {
    throw fieldError(path, 'segmentation.date.beforeLatest', ctx.locale, { date: latest });
  }
}

/**
 * Records an assessment inside the caller's transaction (the scores route, or a call's submission): the
 * status must fit the listing at the doctor's hospital, the potential the configured scale; the current
 * matrix gives grade and visit frequency. History is appended, the current status replaced, a changed
 * adoption step goes into the ladder history, and the audit row is written. `path` prefixes field errors.
 */
export async function writeScore(
  tx: Db,
  ctx: RequestContext,
  doctor: { id: string; hospitalId: string },
  body: z.infer<typeof recordScoreSchema>,
  opts: { today: string; path?: string },
): Promise<string> {
  const path = opts.path ?? 'body';
  const doctorId = doctor.id;
  const settings = (await loadDoctorGrading(tx)).config;
  const assessedOn = body.assessedOn ?? opts.today;
  await repo.lockDoctor(tx, doctorId);
  const listing = await repo.getListing(tx, doctor.hospitalId, body.productId);
  const problems = [];
  const status = validatePrescriptionStatus(body.prescriptionStatus, listing?.listed ?? false);
  if (!status.ok) problems.push({ ...status.error, path: 'prescriptionStatus' });
  const potential = validatePrescriptionPotential(body.prescriptionPotential, settings.potentialScale);
  if (!potential.ok) problems.push({ ...potential.error, path: 'prescriptionPotential' });
  if (body.adoptionStep != null) {
    const step = validateAdoptionStep(body.adoptionStep);
    if (!step.ok) problems.push({ ...step.error, path: 'adoptionStep' });
  }
  if (problems.length > 0) throw problemsError(problems, path, ctx.locale);

  const current = await repo.getCurrentStatus(tx, doctorId, body.productId);
  checkEntryDate(ctx, `${path}.assessedOn`, assessedOn, opts.today, current?.assessedOn);
  const graded = gradeDoctor(body.prescriptionStatus, body.prescriptionPotential, settings);
  if (!graded.ok) throw problemsError([graded.error], path, ctx.locale);

  const previousStep =
    (await repo.getCurrentStep(tx, doctorId, body.productId)) ?? current?.adoptionStep ?? null;
  const step = body.adoptionStep ?? null;
  const values = {
    doctorId,
    productId: body.productId,
    prescriptionStatus: body.prescriptionStatus,
    prescriptionPotential: body.prescriptionPotential,
    grade: graded.grade,
    visitsPerCycle: graded.visitsPerCycle,
    adoptionStep: step,
    assessedOn,
    assessedBy: ctx.actor.id,
    note: body.note ?? null,
  };
  const id = await repo.insertScore(tx, values);
  await repo.upsertStatus(tx, { ...values, currentStep: step ?? previousStep });
  if (step !== null && step !== previousStep) {
    await repo.insertLadderChange(tx, {
      doctorId,
      productId: body.productId,
      fromStep: previousStep,
      toStep: step,
      changedOn: assessedOn,
      changedBy: ctx.actor.id,
      reason: body.note ?? null,
    });
  }
  await insertAudit(tx, {
    actorId: ctx.actor.id,
    requestId: ctx.requestId,
    entity: 'doctorScore',
    entityId: id,
    action: 'create',
    after: await repo.getScore(tx, id),
  });
  return id;
}

/**
 * Moves a doctor on the adoption ladder inside the caller's transaction, with its audit row; answers null
 * (writing nothing) when the doctor already stands on that step.
 */
export async function writeLadderChange(
  tx: Db,
  ctx: RequestContext,
  doctorId: string,
  body: z.infer<typeof changeLadderSchema>,
  opts: { today: string; path?: string },
): Promise<string | null> {
  const path = opts.path ?? 'body';
  const check = validateAdoptionStep(body.step);
  if (!check.ok) throw problemsError([{ ...check.error, path: 'step' }], path, ctx.locale);
  const changedOn = body.changedOn ?? opts.today;
  await repo.lockDoctor(tx, doctorId);
  const history = (await repo.findLadderHistory(tx, doctorId)).filter((l) => l.productId === body.productId);
  const status = await repo.getCurrentStatus(tx, doctorId, body.productId);
  const from = history[0]?.toStep ?? status?.adoptionStep ?? null;
  if (from === body.step) return null;
  checkEntryDate(ctx, `${path}.changedOn`, changedOn, opts.today, history[0]?.changedOn);
  const id = await repo.insertLadderChange(tx, {
    doctorId,
    productId: body.productId,
    fromStep: from,
    toStep: body.step,
    changedOn,
    changedBy: ctx.actor.id,
    reason: body.reason ?? null,
  });
  if (status) await repo.setStatusAdoptionStep(tx, doctorId, body.productId, body.step);
  await insertAudit(tx, {
    actorId: ctx.actor.id,
    requestId: ctx.requestId,
    entity: 'doctorLadder',
    entityId: id,
    action: 'create',
    after: await repo.getLadderChange(tx, id),
  });
  return id;
}

export function createDoctorSegmentationService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());

  async function doctorInScope(ctx: RequestContext, id: string) {
    const doctor = await repo.getDoctorInScope(db, id, scopeOf(ctx.actor).doctors(repo.doctors.id));
    if (!doctor) throw notFound();
    return doctor;
  }

  async function hospitalInScope(ctx: RequestContext, id: string) {
    const hospital = await repo.getHospitalInScope(db, id, scopeOf(ctx.actor).hospitals(repo.hospitals.id));
    if (!hospital) throw notFound();
    return hospital;
  }

  async function existingProduct(id: string) {
    const product = await repo.getProduct(db, id);
    if (!product) throw notFound();
    return product;
  }

  /** A date the user gave (or today): never in the future, never before the latest entry it follows. */
  function checkDate(ctx: RequestContext, path: string, date: string, latest?: string | null) {
    checkEntryDate(ctx, path, date, today(), latest);
  }

  async function stageOf(doctorId: string, current: number | null): Promise<DoctorStage> {
    return { current, history: await repo.findStageHistory(db, doctorId) };
  }

  return {
    // ── 进药 listing status ────────────────────────────────────────────────

    async findListings(ctx: RequestContext, hospitalId: string): Promise<{ items: HospitalListing[] }> {
      await hospitalInScope(ctx, hospitalId);
      return { items: await repo.findListings(db, hospitalId) };
    },

    /**
     * Marks a product listed (dated) or not listed at a hospital. Unlisting is refused while doctors there
     * have a listed-range status (0…4) for it, unless forced (the hospital dropped the product): their
     * scores would contradict the listing. Either way the doctors' statuses stay as they are, as history,
     * until the rep re-scores them on the half that fits the new listing.
     */
    async setListing(
      ctx: RequestContext,
      hospitalId: string,
      productId: string,
      body: z.infer<typeof setListingSchema>,
    ): Promise<HospitalListing> {
      assertMayWrite(ctx.actor);
      await hospitalInScope(ctx, hospitalId);
      await existingProduct(productId);
      const load = async (tx: Db) =>
        (await repo.getListing(tx, hospitalId, productId)) ?? { listed: false, listedAt: null };
      await auditedChange(db, ctx, {
        entity: 'hospitalProductListing',
        id: `${hospitalId}:${productId}`,
        load,
        write: async (tx, before) => {
          let listedAt: string | null = null;
          if (body.listed) {
            listedAt = body.listedAt ?? (before.listed ? before.listedAt : null) ?? today();
            checkDate(ctx, 'body.listedAt', listedAt);
          } else {
            const count = await repo.countListedStatuses(tx, hospitalId, productId);
            if (count > 0 && !body.force) {
              throw new AppError('CONFLICT', {
                messageKey: 'segmentation.listing.doctorsPrescribing',
                params: { count },
                details: { count },
              });
            }
          }
          await repo.upsertListing(tx, {
            hospitalId,
            productId,
            listed: body.listed,
            listedAt,
            updatedBy: ctx.actor.id,
          });
        },
      });
      const items = await repo.findListings(db, hospitalId);
      return items.find((i) => i.productId === productId)!;
    },

    // ── 复式评分 ─────────────────────────────────────────────────────────────

    /**
     * Records an assessment: the status must fit the listing at the doctor's hospital, the potential the
     * configured scale; the current matrix gives grade and visit frequency. History is appended, the current
     * status replaced, and a changed adoption step goes into the ladder history.
     */
    async recordScore(
      ctx: RequestContext,
      doctorId: string,
      body: z.infer<typeof recordScoreSchema>,
    ): Promise<CurrentScore> {
      assertMayWrite(ctx.actor);
      const doctor = await doctorInScope(ctx, doctorId);
      const product = await existingProduct(body.productId);
      if (!product.active) throw fieldError('body.productId', 'segmentation.product.inactive', ctx.locale);
      await db.transaction((tx) => writeScore(tx, ctx, doctor, body, { today: today() }));
      return (await repo.getCurrentStatus(db, doctorId, body.productId))!;
    },

    async findScores(
      ctx: RequestContext,
      doctorId: string,
      productId: string | undefined,
    ): Promise<{ items: DoctorScore[] }> {
      await doctorInScope(ctx, doctorId);
      return { items: await repo.findScores(db, doctorId, productId) };
    },

    async getSegmentation(ctx: RequestContext, doctorId: string): Promise<DoctorSegmentation> {
      const doctor = await doctorInScope(ctx, doctorId);
      const [statuses, carried, listings, ladder, stage, kol, settings] = [
        await repo.findCurrentStatuses(db, doctorId),
        await repo.findCarriedProductIds(db, doctor.hospitalId),
        await repo.findListingsOf(db, doctor.hospitalId),
        await repo.findLadderHistory(db, doctorId),
        await stageOf(doctorId, doctor.relationshipStage),
        await repo.getKolProfile(db, doctorId),
        await loadDoctorGrading(db),
      ];
      const touched = new Set([...statuses.map((s) => s.productId), ...ladder.map((l) => l.productId)]);
      const products = (await repo.findProductsByIds(db, [...new Set([...carried, ...touched])])).filter(
        (p) => p.active || touched.has(p.id),
      );
      return {
        doctorId,
        hospitalId: doctor.hospitalId,
        products: products.map((p) => {
          const current = statuses.find((s) => s.productId === p.id) ?? null;
          const listing = listings.find((l) => l.productId === p.id);
          const history = ladder.filter((l) => l.productId === p.id) as LadderChange[];
          return {
            productId: p.id,
            productName: p.name,
            listed: listing?.listed ?? false,
            listedAt: listing?.listedAt ?? null,
            current,
            adoptionStep: history[0]?.toStep ?? current?.adoptionStep ?? null,
            ladderHistory: history,
          };
        }),
        stage,
        kol: kol ? kolBody(kol, today()) : null,
        potentialScale: settings.config.potentialScale,
      };
    },

    // ── 产品接纳度阶梯 ───────────────────────────────────────────────────────

    async changeLadder(
      ctx: RequestContext,
      doctorId: string,
      body: z.infer<typeof changeLadderSchema>,
    ): Promise<LadderChange> {
      assertMayWrite(ctx.actor);
      await doctorInScope(ctx, doctorId);
      await existingProduct(body.productId);
      const created = await db.transaction(async (tx) => {
        const id = await writeLadderChange(tx, ctx, doctorId, body, { today: today() });
        if (id === null) throw fieldError('body.step', 'segmentation.ladder.unchanged', ctx.locale);
        return repo.getLadderChange(tx, id);
      });
      return created as LadderChange;
    },

    // ── 客户关系阶段 ─────────────────────────────────────────────────────────

    async changeStage(
      ctx: RequestContext,
      doctorId: string,
      body: z.infer<typeof changeStageSchema>,
    ): Promise<DoctorStage> {
      assertMayWrite(ctx.actor);
      await doctorInScope(ctx, doctorId);
      const changedOn = body.changedOn ?? today();
      const load = async (tx: Db) => {
        const doctor = await repo.lockDoctor(tx, doctorId);
        if (!doctor) return undefined;
        const [latest] = await repo.findStageHistory(tx, doctorId);
        return {
          relationshipStage: doctor.relationshipStage,
          stageChangedOn: latest?.changedOn ?? null,
          stageReason: latest?.reason ?? null,
        };
      };
      const after = await auditedChange(db, ctx, {
        entity: 'doctor',
        id: doctorId,
        load,
        write: async (tx, before) => {
          const from = before.relationshipStage as RelationshipStage | null;
          const check = validateStageChange(from, body.stage, body.reason);
          if (!check.ok) {
            const path = check.error.key.startsWith('relationship.reason') ? 'reason' : 'stage';
            throw problemsError([{ ...check.error, path }], 'body', ctx.locale);
          }
          checkDate(ctx, 'body.changedOn', changedOn, before.stageChangedOn);
          await repo.changeDoctorStage(tx, {
            doctorId,
            fromStage: from,
            toStage: body.stage,
            changedOn,
            changedBy: ctx.actor.id,
            reason: (body.reason ?? '').trim(),
          });
        },
      });
      return stageOf(doctorId, after.relationshipStage);
    },

    // ── KOL ─────────────────────────────────────────────────────────────────

    async getKol(ctx: RequestContext, doctorId: string): Promise<{ profile: KolProfileBody | null }> {
      await doctorInScope(ctx, doctorId);
      const row = await repo.getKolProfile(db, doctorId);
      return { profile: row ? kolBody(row, today()) : null };
    },

    /** Creates the profile (no version) or replaces it (with the version read; 409 when stale). */
    async saveKol(
      ctx: RequestContext,
      doctorId: string,
      body: z.infer<typeof saveKolProfileSchema>,
    ): Promise<{ profile: KolProfileBody }> {
      assertMayWrite(ctx.actor);
      await doctorInScope(ctx, doctorId);
      const values: repo.KolValues = {
        types: [...new Set(body.types)],
        policyRoles: [...new Set(body.policyRoles)],
        developmentStep: body.developmentStep,
        contactCadence: body.contactCadence,
        lockInRoles: [...new Set(body.lockInRoles)],
        lastContactOn: body.lastContactOn ?? null,
        notes: body.notes ?? null,
      };
      const problems = validateKolProfile(values as unknown as KolProfile);
      if (problems.length > 0) throw problemsError(problems, 'body', ctx.locale);
      if (values.lastContactOn) checkDate(ctx, 'body.lastContactOn', values.lastContactOn);

      const existing = await repo.getKolProfile(db, doctorId);
      const load = async (tx: Db) => repo.getKolProfile(tx, doctorId);
      let saved: KolRow;
      if (!existing) {
        saved = await auditedCreate(db, ctx, {
          entity: 'kolProfile',
          create: async (tx) => {
            await repo.insertKolProfile(tx, doctorId, values);
            return doctorId;
          },
          load: (tx) => load(tx),
        });
      } else {
        if (body.version === undefined) throw versionConflict(existing.version);
        const version = body.version;
        saved = await auditedChange(db, ctx, {
          entity: 'kolProfile',
          id: doctorId,
          load,
          write: async (tx, before) => {
            if (!(await repo.updateKolProfile(tx, doctorId, version, values))) {
              throw versionConflict(before.version);
            }
          },
        });
      }
      return { profile: kolBody(saved, today()) };
    },
  };
}
export type DoctorSegmentationService = ReturnType<typeof createDoctorSegmentationService>;
