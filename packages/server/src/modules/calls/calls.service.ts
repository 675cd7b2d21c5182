/**
 * Call records 拜访记录: a rep (or a manager) logs a call as a draft or submits it at once; submission locks
 * it and, in the same transaction, marks the planned call done, turns the next step into a follow-up and
 * writes the status / ladder judgements to the scoring history. After submission only an audited amendment
 * (reason required) changes it. A retried submission (same clientId) answers the stored call.
 */
import type { z } from 'zod';
import {
  addDays,
  callDateOf,
  chinaDate,
  distanceToHospitalM,
  duplicateObjectiveIndexes,
  locationCheckOf,
  validateCallTime,
} from '@keqing/domain';
import {
  amendableCallFields,
  ruleMessage,
  type amendCallSchema,
  type Call,
  type CallAmendment,
  type callListQuerySchema,
  type callLocationSchema,
  type CallWriteResult,
  type createCallSchema,
  type ListResponse,
  type PlanningSettings,
  type submitCallSchema,
  type updateCallSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { writeLadderChange, writeScore } from '../segmentation/doctor-segmentation.service.ts';
import { getCurrentStatus } from '../segmentation/segmentation.repository.ts';
import * as repo from './calls.repository.ts';
import { createCoVisitsService } from './co-visits.service.ts';
import { createFollowUpsService } from './follow-ups.service.ts';
import { isRepOfManager } from '../users/team-lead.repository.ts';

type CreateCall = z.infer<typeof createCallSchema>;
type CallValues = repo.CallValues;
type ScoreUpdate = {
  productId: string;
  prescriptionStatus?: number;
  prescriptionPotential?: number;
  adoptionStep?: number;
};
type Location = z.infer<typeof callLocationSchema>;

/** A follow-up without a date the rep chose is due a week after the call. */
const defaultFollowUpDays = 7;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** HH:mm in China time, for the overlap message. */
const chinaTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** A stored call's content as the values a write validates. */
function valuesOf(row: repo.CallRow): CallValues {
  return {
    doctorId: row.doctorId,
    hospitalId: row.hospitalId,
    plannedCallId: row.plannedCallId,
    type: row.type,
    startAt: row.startAt,
    endAt: row.endAt,
    callDate: row.callDate,
    attendees: row.attendees as unknown[],
    products: row.products as CallValues['products'],
    objectives: row.objectives as unknown[],
    preparationDone: row.preparationDone,
    opening: row.opening,
    needsFound: row.needsFound,
    benefitsPresented: row.benefitsPresented,
    objections: row.objections as unknown[],
    commitment: row.commitment,
    nextStep: row.nextStep,
    nextStepDue: row.nextStepDue,
    scoreUpdates: row.scoreUpdates as unknown[],
    notes: row.notes,
  };
}

/** A call as the audit log keeps it: no coordinates (the near/far distance is enough). */
function forAudit(row: repo.CallRow): Record<string, unknown> {
  const { latitude: _latitude, ...rest } = row;
  return rest;
}

export function createCallsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = deps.today ?? (() => chinaDate(now()));

  const visibleScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).calls(repo.calls.ownerId, repo.calls.doctorId);

  async function visibleCall(ctx: RequestContext, id: string) {
    const row = await repo.getCall(db, id, visibleScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  async function toCalls(rows: repo.CallRow[], settings?: PlanningSettings): Promise<Call[]> {
    const nearMeters = (settings ?? (await loadPlanningSettings(db))).nearHospitalMeters;
    const ids = new Set(rows.flatMap((r) => (r.products as { productId: string }[]).map((p) => p.productId)));
    const names = new Map((await repo.findProducts(db, [...ids])).map((p) => [p.id, p.name]));
    return rows.map((row) => ({
      id: row.id,
      clientId: row.clientId,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      doctorId: row.doctorId,
      doctorName: row.doctorName,
      hospitalId: row.hospitalId,
      hospitalName: row.hospitalName,
      departmentName: row.departmentName,
      plannedCallId: row.plannedCallId,
      type: row.type,
      startAt: row.startAt,
      endAt: row.endAt,
      callDate: row.callDate,
      status: row.status,
      attendees: row.attendees as Call['attendees'],
      products: (row.products as { productId: string; keyMessages: string[] }[]).map((p) => ({
        ...p,
        productName: names.get(p.productId) ?? '',
      })),
      objectives: row.objectives as Call['objectives'],
      preparationDone: row.preparationDone,
      opening: row.opening,
      needsFound: row.needsFound,
      benefitsPresented: row.benefitsPresented,
      objections: row.objections as Call['objections'],
      commitment: row.commitment,
      nextStep: row.nextStep,
      nextStepDue: row.nextStepDue,
      scoreUpdates: row.scoreUpdates as Call['scoreUpdates'],
      notes: row.notes,
      locationCheck: locationCheckOf(row.distanceToHospitalM, row.latitude !== null, nearMeters),
      distanceToHospitalM: row.distanceToHospitalM,
      submittedAt: row.submittedAt,
      amendmentCount: row.amendmentCount,
      coVisitId: row.coVisitId,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  }

  /** The stored call with the non-blocking warnings of its content. */
  async function writeResult(ctx: RequestContext, id: string): Promise<CallWriteResult> {
    const settings = await loadPlanningSettings(db);
    const row = await repo.getCall(db, id);
    if (!row) throw notFound();
    return resultOf(ctx, row, settings);
  }

  /** The answer built from a row the write already read (saves re-reading it under load). */
  async function resultOf(
    ctx: RequestContext,
    row: repo.CallRow,
    settings: PlanningSettings,
  ): Promise<CallWriteResult> {
    const [call] = await toCalls([row], settings);
    const warnings: CallWriteResult['warnings'] = [];
    const min = settings.minObjectives;
    if (call!.objectives.length < min) {
      warnings.push({
        code: 'fewObjectives',
        message: ruleMessage(ctx.locale, 'calls.warning.fewObjectives', { min }) ?? 'fewObjectives',
      });
    }
    if (!call!.nextStep) {
      warnings.push({
        code: 'noNextStep',
        message: ruleMessage(ctx.locale, 'calls.warning.noNextStep') ?? 'noNextStep',
      });
    }
    return { call: call!, warnings };
  }

  /** The doctor of a call: in the caller's doctor scope (a field error otherwise, not a 404). */
  async function checkDoctor(ctx: RequestContext, doctorId: string, path = 'body.doctorId') {
    const scoped = await repo.getDoctor(db, doctorId, scopeOf(ctx.actor).doctors(repo.doctors.id));
    if (!scoped) throw fieldError(path, 'calls.doctor.outOfScope');
    if (scoped.mergedInto) throw fieldError(path, 'calls.doctor.merged');
    return scoped;
  }

  async function checkPlannedCall(
    ctx: RequestContext,
    plannedCallId: string | null,
    doctorId: string,
    path: string,
  ) {
    if (!plannedCallId) return;
    const planned = await repo.getPlannedCall(db, plannedCallId);
    if (!planned || planned.ownerId !== ctx.actor.id || planned.doctorId !== doctorId) {
      throw fieldError(path, 'calls.plannedCall.invalid');
    }
    if (planned.status === 'cancelled') throw fieldError(path, 'calls.plannedCall.cancelled');
  }

  /**
   * The rules every write checks on the resulting record (nothing is saved when one fails): times, the
   * entry window, duplicate objectives, products that exist and are active (a product discontinued after
   * the call stays on it), score updates, the next step's date and overlap with the owner's other calls.
   */
  async function validateCall(
    tx: Db,
    ownerId: string,
    v: CallValues,
    opts: {
      settings: PlanningSettings;
      prefix: string;
      excludeId?: string;
      checkWindow: boolean;
      previous?: CallValues;
    },
  ) {
    const at = (field: string) => `${opts.prefix}.${field}`;
    const timeProblems = validateCallTime({
      startAt: v.startAt,
      endAt: v.endAt,
      now: now(),
      today: today(),
      entryMaxDays: opts.settings.callEntryMaxDays,
    }).filter((p) => opts.checkWindow || p.key !== 'calls.time.tooOld');
    const [timeProblem] = timeProblems;
    if (timeProblem) throw fieldError(at(timeProblem.path), timeProblem.key, timeProblem.params);

    const objectives = v.objectives as { text: string }[];
    const [repeat] = duplicateObjectiveIndexes(objectives.map((o) => o.text));
    if (repeat !== undefined) {
      throw fieldError(at(`objectives.${repeat}.text`), 'calls.objectives.duplicate', {
        text: objectives[repeat]!.text,
      });
    }

    const previousIds = new Set([
      ...(opts.previous?.products ?? []).map((p) => p.productId),
      ...((opts.previous?.scoreUpdates ?? []) as ScoreUpdate[]).map((s) => s.productId),
    ]);
    const scoreUpdates = v.scoreUpdates as ScoreUpdate[];
    const known = new Map(
      (
        await repo.findProducts(tx, [
          ...new Set([...v.products.map((p) => p.productId), ...scoreUpdates.map((s) => s.productId)]),
        ])
      ).map((p) => [p.id, p]),
    );
    const checkProduct = (productId: string, path: string) => {
      const product = known.get(productId);
      if (!product) throw fieldError(path, 'calls.products.notFound');
      if (!product.active && !previousIds.has(productId)) {
        throw fieldError(path, 'calls.products.inactive', { name: product.name });
      }
    };
    const seenProducts = new Set<string>();
    v.products.forEach((p, i) => {
      const path = at(`products.${i}.productId`);
      if (seenProducts.has(p.productId)) throw fieldError(path, 'calls.products.duplicate');
      seenProducts.add(p.productId);
      checkProduct(p.productId, path);
    });
    const seenScores = new Set<string>();
    scoreUpdates.forEach((s, i) => {
      const path = at(`scoreUpdates.${i}`);
      if (seenScores.has(s.productId)) throw fieldError(`${path}.productId`, 'calls.scoreUpdates.duplicate');
      seenScores.add(s.productId);
      checkProduct(s.productId, `${path}.productId`);
      if (
        s.prescriptionStatus === undefined &&
        s.prescriptionPotential === undefined &&
        s.adoptionStep === undefined
      ) {
        throw fieldError(path, 'calls.scoreUpdates.empty');
      }
    });

    if (v.nextStepDue && v.nextStepDue < v.callDate) {
      throw fieldError(at('nextStepDue'), 'calls.nextStepDue.beforeCall');
    }

    const [overlap] = await repo.findOverlappingCalls(tx, ownerId, v, opts.excludeId);
    if (overlap) {
      throw fieldError(at('startAt'), 'calls.time.overlap', {
        from: chinaTime(overlap.startAt),
        to: chinaTime(overlap.endAt),
      });
    }
  }

  /**
   * Writes the rep's judgements to the scoring history 评分历史: a partial update keeps the current status
   * or potential (so the doctor needs a score already); an adoption-step-only update moves the ladder.
   */
  async function applyScoreUpdates(tx: Db, ctx: RequestContext, call: repo.CallRow) {
    const doctor = { id: call.doctorId, hospitalId: call.hospitalId };
    const updates = call.scoreUpdates as ScoreUpdate[];
    for (const [i, u] of updates.entries()) {
      const path = `body.scoreUpdates.${i}`;
      if (u.prescriptionStatus === undefined && u.prescriptionPotential === undefined) {
        if (u.adoptionStep === undefined) continue;
        await writeLadderChange(
          tx,
          ctx,
          call.doctorId,
          { productId: u.productId, step: u.adoptionStep, changedOn: call.callDate, reason: null },
          { today: today(), path },
        );
        continue;
      }
      const current = await getCurrentStatus(tx, call.doctorId, u.productId);
      const status = u.prescriptionStatus ?? current?.prescriptionStatus;
      const potential = u.prescriptionPotential ?? current?.prescriptionPotential;
      if (status === undefined || potential === undefined) {
        throw fieldError(path, 'calls.scoreUpdates.noCurrentScore');
      }
      await writeScore(
        tx,
        ctx,
        doctor,
        {
          productId: u.productId,
          prescriptionStatus: status,
          prescriptionPotential: potential,
          adoptionStep: u.adoptionStep ?? null,
          assessedOn: call.callDate,
          note: null,
        },
        { today: today(), path },
      );
    }
  }

  /** Locks a draft and does everything a submission implies, inside the caller's transaction. */
  async function submitInTx(
    tx: Db,
    ctx: RequestContext,
    before: repo.CallRow,
    version: number,
    location: Location | null | undefined,
  ) {
    await updateVersioned(tx, repo.calls, before.id, version, {
      status: 'submitted',
      submittedAt: now().toISOString(),
    });
    if (location) {
      const hospital = await repo.getHospitalPosition(tx, before.hospitalId);
      await repo.setLocation(tx, before.id, {
        latitude: location.latitude,
        longitude: location.longitude,
        accuracyM: location.accuracyM === undefined ? null : Math.round(location.accuracyM),
        distanceToHospitalM: distanceToHospitalM(location, hospital),
      });
    }
    if (before.plannedCallId) await repo.markPlannedCallDone(tx, before.plannedCallId);
    if (before.nextStep) {
      const dueDate = before.nextStepDue ?? addDays(before.callDate, defaultFollowUpDays);
      await createFollowUp(tx, ctx, before, before.nextStep, dueDate);
    }
    await applyScoreUpdates(tx, ctx, before);
    const after = (await repo.getCall(tx, before.id))!;
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: 'call',
      entityId: before.id,
      action: 'update',
      before: forAudit(before),
      after: forAudit(after),
    });
    return after;
  }

  /** A draft of the caller's own: 404 outside scope, 403 when someone else's, 409 once submitted. */
  async function ownDraft(ctx: RequestContext, id: string, lockedKey: string) {
    const row = await visibleCall(ctx, id);
    if (row.ownerId !== ctx.actor.id) throw forbidden('calls.notOwner');
    if (row.status === 'submitted') throw new AppError('CONFLICT', { messageKey: lockedKey });
    return row;
  }

  /** Re-reads the call under the owner's lock: the version and status another device may have changed. */
  async function reload(
    tx: Db,
    id: string,
    version: number,
    lockedKey: string,
    expect: 'draft' | 'submitted',
  ) {
    const row = await repo.getCall(tx, id);
    if (!row) throw notFound();
    if (expect === 'draft' && row.status === 'submitted') {
      throw new AppError('CONFLICT', { messageKey: lockedKey });
    }
    if (row.version !== version) throw versionConflict(row.version);
    return row;
  }

  return {
    followUps: createFollowUpsService(deps),
    coVisits: createCoVisitsService(deps),

    async findCalls(
      ctx: RequestContext,
      q: z.infer<typeof callListQuerySchema>,
    ): Promise<ListResponse<Call>> {
      const { rows, total } = await repo.findCalls(db, { ...q, scope: visibleScope(ctx) }, q);
      return listOf(await toCalls(rows), total, q);
    },

    async getCall(ctx: RequestContext, id: string): Promise<Call> {
      const [call] = await toCalls([await visibleCall(ctx, id)]);
      return call!;
    },

    /** Logs a call (201), or answers the stored one (200) when this clientId was posted before. */
    async createCall(
      ctx: RequestContext,
      input: CreateCall,
    ): Promise<{ created: boolean; result: CallWriteResult }> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager') throw forbidden('calls.role.cannotLog');
      const ownerId = ctx.actor.id;
      const stored = await repo.getCallByClientId(db, ownerId, input.clientId);
      if (stored) return { created: false, result: await writeResult(ctx, stored.id) };

      const settings = await loadPlanningSettings(db);
      const doctor = await checkDoctor(ctx, input.doctorId);
      const plannedCallId = input.plannedCallId ?? null;
      await checkPlannedCall(ctx, plannedCallId, input.doctorId, 'body.plannedCallId');
      const values: CallValues = {
        doctorId: input.doctorId,
        hospitalId: doctor.hospitalId,
        plannedCallId,
        type: input.type,
        startAt: input.startAt,
        endAt: input.endAt,
        callDate: callDateOf(input.startAt),
        attendees: input.attendees ?? [],
        products: input.products,
        objectives: input.objectives,
        preparationDone: input.preparationDone ?? null,
        opening: input.opening ?? null,
        needsFound: input.needsFound ?? null,
        benefitsPresented: input.benefitsPresented ?? null,
        objections: input.objections ?? [],
        commitment: input.commitment ?? null,
        nextStep: input.nextStep ?? null,
        nextStepDue: input.nextStepDue ?? null,
        scoreUpdates: input.scoreUpdates ?? [],
        notes: input.notes ?? null,
      };
      const outcome = await db.transaction(async (tx) => {
        await repo.lockOwner(tx, ownerId);
        const again = await repo.getCallByClientId(tx, ownerId, input.clientId);
        if (again) return { id: again.id, created: false, row: undefined };
        await validateCall(tx, ownerId, values, { settings, prefix: 'body', checkWindow: true });
        const id = await repo.insertCall(tx, { ...values, ownerId, clientId: input.clientId });
        if (!id) throw new AppError('CONFLICT');
        const draft = (await repo.getCall(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'call',
          entityId: id,
          action: 'create',
          after: forAudit(draft),
        });
        const row = input.submit ? await submitInTx(tx, ctx, draft, draft.version, input.location) : draft;
        return { id, created: true, row };
      });
      return {
        created: outcome.created,
        result: outcome.row ? await resultOf(ctx, outcome.row, settings) : await writeResult(ctx, outcome.id),
      };
    },

    /** Changes a draft of one's own (send the version read: a second device gets 409). */
    async updateCall(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateCallSchema>,
    ): Promise<CallWriteResult> {
      assertMayWrite(ctx.actor);
      const row = await ownDraft(ctx, id, 'calls.locked');
      const { version, ...fields } = input;
      const patch = definedOnly(fields) as Partial<CallValues>;
      const doctorChanged = patch.doctorId !== undefined && patch.doctorId !== row.doctorId;
      const doctor = doctorChanged ? await checkDoctor(ctx, patch.doctorId!) : undefined;
      const startAt = patch.startAt ?? row.startAt;
      const merged: CallValues = {
        ...valuesOf(row),
        ...patch,
        hospitalId: doctor?.hospitalId ?? row.hospitalId,
        callDate: callDateOf(startAt),
      };
      if (doctorChanged || patch.plannedCallId !== undefined) {
        await checkPlannedCall(ctx, merged.plannedCallId, merged.doctorId, 'body.plannedCallId');
      }
      const settings = await loadPlanningSettings(db);
      await db.transaction(async (tx) => {
        await repo.lockOwner(tx, row.ownerId);
        const before = await reload(tx, id, version, 'calls.locked', 'draft');
        await validateCall(tx, row.ownerId, merged, {
          settings,
          prefix: 'body',
          excludeId: id,
          checkWindow: true,
          previous: valuesOf(before),
        });
        await updateVersioned(
          tx,
          repo.calls,
          id,
          version,
          repo.callUpdateValues({ ...patch, hospitalId: merged.hospitalId, callDate: merged.callDate }),
        );
        const after = (await repo.getCall(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'call',
          entityId: id,
          action: 'update',
          before: forAudit(before),
          after: forAudit(after),
        });
      });
      return writeResult(ctx, id);
    },

    /**
     * Submits a draft: the rules are checked again (a draft saved yesterday may have left the entry window),
     * then the call is locked and its consequences written, all in one transaction.
     */
    async submitCall(
      ctx: RequestContext,
      id: string,
      body: z.infer<typeof submitCallSchema>,
    ): Promise<CallWriteResult> {
      assertMayWrite(ctx.actor);
      const row = await ownDraft(ctx, id, 'calls.alreadySubmitted');
      await checkDoctor(ctx, row.doctorId, 'body.doctorId');
      const settings = await loadPlanningSettings(db);
      const submitted = await db.transaction(async (tx) => {
        await repo.lockOwner(tx, row.ownerId);
        const before = await reload(tx, id, body.version, 'calls.alreadySubmitted', 'draft');
        await validateCall(tx, row.ownerId, valuesOf(before), {
          settings,
          prefix: 'body',
          excludeId: id,
          checkWindow: true,
          previous: valuesOf(before),
        });
        return submitInTx(tx, ctx, before, body.version, body.location);
      });
      return resultOf(ctx, submitted, settings);
    },

    async deleteCall(ctx: RequestContext, id: string): Promise<void> {
      assertMayWrite(ctx.actor);
      await ownDraft(ctx, id, 'calls.deleteSubmitted');
      await db.transaction(async (tx) => {
        await repo.lockOwner(tx, ctx.actor.id);
        const before = await repo.getCall(tx, id);
        if (!before) throw notFound();
        if (before.status === 'submitted')
          throw new AppError('CONFLICT', { messageKey: 'calls.deleteSubmitted' });
        await repo.deleteCall(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'call',
          entityId: id,
          action: 'delete',
          before: forAudit(before),
        });
      });
    },

    /**
     * Corrects a submitted call (the owner, or a manager of the owner's team): the resulting record passes
     * the same rules (the entry window only when the time moves), the changed fields' before/after are kept,
     * and a changed next step follows into the call's open follow-up.
     */
    async amendCall(
      ctx: RequestContext,
      id: string,
      body: z.infer<typeof amendCallSchema>,
    ): Promise<CallWriteResult> {
      assertMayWrite(ctx.actor);
      const row = await visibleCall(ctx, id);
      const allowed =
        row.ownerId === ctx.actor.id ||
        (ctx.actor.role === 'manager' && (await isRepOfManager(db, row.ownerId, ctx.actor.id)));
      if (!allowed) throw forbidden('calls.amend.notAllowed');
      if (row.status === 'draft') throw new AppError('CONFLICT', { messageKey: 'calls.amend.draft' });
      const settings = await loadPlanningSettings(db);

      await db.transaction(async (tx) => {
        await repo.lockOwner(tx, row.ownerId);
        const before = await reload(tx, id, body.version, 'calls.amend.draft', 'submitted');
        const previous = valuesOf(before);
        const changes = definedOnly(body.changes) as Partial<CallValues>;
        const changed = amendableCallFields.filter((f) => f in changes && !same(changes[f], previous[f]));
        if (changed.includes('scoreUpdates')) {
          throw fieldError('body.changes.scoreUpdates', 'calls.amend.scoreUpdatesLocked');
        }
        if (changed.length === 0) throw fieldError('body.changes', 'calls.amend.noChange');
        const picked = Object.fromEntries(changed.map((f) => [f, changes[f]])) as Partial<CallValues>;
        const startAt = picked.startAt ?? previous.startAt;
        const merged: CallValues = { ...previous, ...picked, callDate: callDateOf(startAt) };
        await validateCall(tx, row.ownerId, merged, {
          settings,
          prefix: 'body.changes',
          excludeId: id,
          checkWindow: changed.includes('startAt') || changed.includes('endAt'),
          previous,
        });
        await updateVersioned(
          tx,
          repo.calls,
          id,
          body.version,
          repo.callUpdateValues({ ...picked, callDate: merged.callDate }),
        );
        await repo.incrementAmendmentCount(tx, id);
        await repo.insertAmendment(tx, {
          callId: id,
          amendedBy: ctx.actor.id,
          reason: body.reason,
          before: Object.fromEntries(changed.map((f) => [f, previous[f] ?? null])),
          after: Object.fromEntries(changed.map((f) => [f, merged[f] ?? null])),
        });
        if (changed.includes('nextStep') || changed.includes('nextStepDue')) {
          await syncFollowUp(tx, ctx, before, merged);
        }
        const after = (await repo.getCall(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'call',
          entityId: id,
          action: 'update',
          before: forAudit(before),
          after: { ...forAudit(after), amendmentReason: body.reason },
        });
      });
      return writeResult(ctx, id);
    },

    async findAmendments(ctx: RequestContext, id: string): Promise<{ items: CallAmendment[] }> {
      await visibleCall(ctx, id);
      const rows = await repo.findAmendments(db, id);
      return {
        items: rows.map((r) => {
          const before = r.before as Record<string, unknown>;
          const after = r.after as Record<string, unknown>;
          const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
          return {
            id: r.id,
            callId: r.callId,
            amendedBy: { id: r.amendedById, name: r.amendedByName },
            reason: r.reason,
            changes: Object.fromEntries(
              fields.map((f) => [f, { before: before[f] ?? null, after: after[f] ?? null }]),
            ),
            createdAt: r.createdAt,
          };
        }),
      };
    },
  };

  /** An amended next step: the call's open follow-up follows it; a first next step becomes one. */
  async function syncFollowUp(tx: Db, ctx: RequestContext, call: repo.CallRow, merged: CallValues) {
    if (!merged.nextStep) return;
    const dueDate = merged.nextStepDue ?? addDays(merged.callDate, defaultFollowUpDays);
    const open = await repo.getOpenFollowUpOfCall(tx, call.id);
    if (open) {
      await repo.updateFollowUpFromCall(tx, open.id, { title: merged.nextStep, dueDate });
      await insertAudit(tx, {
        actorId: ctx.actor.id,
        requestId: ctx.requestId,
        entity: 'followUp',
        entityId: open.id,
        action: 'update',
        before: { title: open.title, dueDate: open.dueDate },
        after: { title: merged.nextStep, dueDate },
      });
    } else if ((await repo.countFollowUpsOfCall(tx, call.id)) === 0) {
      await createFollowUp(tx, ctx, call, merged.nextStep, dueDate);
    }
  }

  /** 总结跟进: a call's next step becomes the rep's task, audited like any record. */
  async function createFollowUp(
    tx: Db,
    ctx: RequestContext,
    call: Pick<repo.CallRow, 'id' | 'ownerId' | 'doctorId'>,
    title: string,
    dueDate: string,
  ) {
    const followUpId = await repo.insertFollowUp(tx, {
      callId: call.id,
      ownerId: call.ownerId,
      doctorId: call.doctorId,
      title,
      dueDate,
    });
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: 'followUp',
      entityId: followUpId,
      action: 'create',
      after: { callId: call.id, title, dueDate },
    });
  }
}
export type CallsService = ReturnType<typeof createCallsService>;
