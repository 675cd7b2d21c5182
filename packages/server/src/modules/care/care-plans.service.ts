/**
 * Care actions 关怀行动 and care plans 关怀计划 within compliance (seed 000, 第四篇): an action over the doctor's
 * tier cap (per action, or per year with ALL reps' actions counted) or of a kind the tier does not allow is
 * refused unless it executes an item of an approved plan; a plan goes draft → submitted → manager → (compliance
 * when over a cap) → approved → executed; the approver is never the submitter. Actions are never edited or
 * deleted (a mistake is corrected by a new action, the audit log keeps both). Also the per-doctor annual totals
 * across reps, their transparency export and the compliance dashboard.
 */
import type { z } from 'zod';
import {
  addDays,
  capSharePct,
  careCapSpendFen,
  careKindLabels,
  checkCareAction,
  chinaDate,
  formatFen,
  isNearCap,
  unusualSpenders,
  type CareCapReason,
  type CareKind,
  type CareTierPolicy,
} from '@keqing/domain';
import {
  careKinds,
  ruleMessage,
  type AnnualTotal,
  type annualTotalsQuerySchema,
  type CareAction,
  type careActionListQuerySchema,
  type CarePlan,
  type carePlanFeedbackSchema,
  type carePlanListQuerySchema,
  type CareSettings,
  type ComplianceDashboard,
  type complianceDashboardQuerySchema,
  type createCareActionSchema,
  type createCarePlanSchema,
  type decideCarePlanSchema,
  type ListResponse,
  type Locale,
  type submitCarePlanSchema,
  type updateCarePlanSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { twoStepDecision } from './two-step-approval.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { exportFile, type ExportResult } from '../accounts/accounts.service.ts';
import type { ExportColumn } from '../accounts/export-file.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadCareSettings, resolveCareTiers } from './care-settings.repository.ts';
import * as repo from './care-plans.repository.ts';

/** A care action is entered within this many days of the day it was given. */
export const careActionEntryDays = 30;

type CreateAction = z.infer<typeof createCareActionSchema>;
type PlanInput = z.infer<typeof createCarePlanSchema>;
type ItemInput = PlanInput['items'][number];
type AnnualRow = AnnualTotal;

const yearOf = (date: string) => Number(date.slice(0, 4));
const kindLabel = (kind: string, locale: Locale) =>
  (careKindLabels as Record<string, { 'zh-CN': string; en: string }>)[kind]?.[locale] ?? kind;

/** The params of every cap message: amounts as ¥ text. */
function capParams(
  policy: CareTierPolicy,
  kind: string,
  valueFen: number,
  yearSpentFen: number,
  year: number,
  locale: Locale,
) {
  return {
    tier: policy.label,
    kind: kindLabel(kind, locale),
    value: formatFen(valueFen),
    spent: formatFen(yearSpentFen),
    total: formatFen(yearSpentFen + valueFen),
    year,
    capAction: formatFen(policy.capPerActionFen),
    capYear: formatFen(policy.capPerYearFen),
  };
}

/** The refusal of an action over a cap: the first reason names its cap, details carry them all. */
function capRefusal(
  reasons: CareCapReason[],
  policy: CareTierPolicy,
  kind: string,
  valueFen: number,
  yearSpentFen: number,
  year: number,
  locale: Locale,
) {
  const p = capParams(policy, kind, valueFen, yearSpentFen, year, locale);
  const reason = reasons[0]!;
  return new AppError('CONFLICT', {
    messageKey: `care.action.${reason}`,
    params: { ...p, cap: reason === 'overYearCap' ? p.capYear : p.capAction },
    details: {
      reasons,
      tier: policy.key,
      capPerActionFen: policy.capPerActionFen,
      capPerYearFen: policy.capPerYearFen,
      yearSpentFen,
    },
  });
}

/** An item's cap reasons as text for the reader (shown beside the item). */
function capReasonText(
  reasons: CareCapReason[],
  policy: CareTierPolicy,
  kind: string,
  valueFen: number,
  yearSpentFen: number,
  year: number,
  locale: Locale,
): string | null {
  if (reasons.length === 0) return null;
  const p = capParams(policy, kind, valueFen, yearSpentFen, year, locale);
  return reasons
    .map(
      (r) =>
        ruleMessage(locale, `care.cap.${r}`, { ...p, cap: r === 'overYearCap' ? p.capYear : p.capAction }) ??
        r,
    )
    .join(locale === 'zh-CN' ? '；' : '; ');
}

export function createCarePlansService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = deps.today ?? (() => chinaDate(now()));

  const actionScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).calls(repo.careActions.ownerId, repo.careActions.doctorId);
  const planScope = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.carePlans.ownerId);

  function assertRepOrManager(ctx: RequestContext, messageKey: string) {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
      throw new AppError('FORBIDDEN', { messageKey });
  }

  const toAction = (r: NonNullable<Awaited<ReturnType<typeof repo.getAction>>>): CareAction => ({
    ...r,
    kind: r.kind as CareKind,
    festival: r.festival as CareAction['festival'],
  });

  // ── Plans: items with their caps computed at read time ──

  type Item = Awaited<ReturnType<typeof repo.findItems>>[number];

  /**
   * Each item against the doctor's tier as it stands today and the doctor's total for the plan's year (all reps,
   * without the actions executing this very plan), adding the plan's earlier items for the same doctor.
   */
  async function capsOf(
    tx: Db,
    plan: { id?: string; plannedDate: string },
    items: { doctorId: string; kind: string; valueFen: number }[],
    locale: Locale,
    settings?: CareSettings,
  ) {
    const year = yearOf(plan.plannedDate);
    const doctorIds = [...new Set(items.map((i) => i.doctorId))];
    const tiers = (settings ?? (await loadCareSettings(tx))).tiers;
    const [resolved, totals] = await Promise.all([
      resolveCareTiers(tx, doctorIds, tiers),
      repo.yearTotals(tx, doctorIds, year, plan.id),
    ]);
    const running = new Map(totals);
    return items.map((item) => {
      const policy = resolved.get(item.doctorId)!.policy;
      const spent = running.get(item.doctorId) ?? 0;
      const check = checkCareAction({
        policy,
        kind: item.kind as CareKind,
        valueFen: item.valueFen,
        yearSpentFen: spent,
      });
      running.set(item.doctorId, spent + item.valueFen);
      return {
        overCap: check.overCap,
        capReason: capReasonText(check.reasons, policy, item.kind, item.valueFen, spent, year, locale),
      };
    });
  }

  async function loadPlans(tx: Db, rows: repo.PlanRow[], locale: Locale): Promise<CarePlan[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [items, approvals, settings] = await Promise.all([
      repo.findItems(tx, ids),
      Promise.all(ids.map((id) => repo.findApprovals(tx, id))),
      loadCareSettings(tx),
    ]);
    const itemsOf = new Map<string, Item[]>();
    for (const i of items) itemsOf.set(i.carePlanId, [...(itemsOf.get(i.carePlanId) ?? []), i]);
    return Promise.all(
      rows.map(async (row, index) => {
        const own = itemsOf.get(row.id) ?? [];
        const caps = await capsOf(tx, row, own, locale, settings);
        return {
          id: row.id,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          title: row.title,
          kind: row.kind,
          festival: row.festival as CarePlan['festival'],
          plannedDate: row.plannedDate,
          purpose: row.purpose,
          status: row.status,
          needsCompliance: row.needsCompliance,
          totalFen: row.totalFen,
          items: own.map((i, n) => ({
            id: i.id,
            doctorId: i.doctorId,
            doctorName: i.doctorName,
            hospitalName: i.hospitalName,
            kind: i.kind as CareKind,
            valueFen: i.valueFen,
            purpose: i.purpose,
            overCap: caps[n]!.overCap,
            capReason: caps[n]!.capReason,
            careActionId: i.careActionId,
            feedback: i.feedback,
            feedbackAt: i.feedbackAt,
          })),
          approvals: approvals[index]!,
          submittedAt: row.submittedAt,
          version: row.version,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        };
      }),
    );
  }

  async function loadPlan(tx: Db, id: string, locale: Locale, scope?: ReturnType<typeof planScope>) {
    const row = await repo.getPlan(tx, id, scope);
    return row ? (await loadPlans(tx, [row], locale))[0] : undefined;
  }

  async function visiblePlan(ctx: RequestContext, id: string) {
    const row = await repo.getPlan(db, id, planScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  /** The items' doctors in the caller's scope (a field error per item otherwise), with their hospitals. */
  async function checkItems(ctx: RequestContext, kind: 'customer' | 'campaign', items: ItemInput[]) {
    const doctors = await repo.findDoctors(
      db,
      items.map((i) => i.doctorId),
      scopeOf(ctx.actor).doctors(repo.doctors.id),
    );
    const byId = new Map(doctors.map((d) => [d.id, d]));
    const values: repo.ItemValues[] = items.map((item, n) => {
      const doctor = byId.get(item.doctorId);
      if (!doctor) throw fieldError(`body.items.${n}.doctorId`, 'care.doctor.outOfScope');
      if (doctor.mergedInto) throw fieldError(`body.items.${n}.doctorId`, 'calls.doctor.merged');
      return {
        doctorId: item.doctorId,
        hospitalId: doctor.hospitalId,
        kind: item.kind,
        valueFen: item.valueFen,
        purpose: item.purpose ?? null,
      };
    });
    if (kind === 'customer' && new Set(values.map((v) => v.doctorId)).size > 1)
      throw fieldError('body.items', 'care.plan.customerOneDoctor');
    return values;
  }

  const needsComplianceOf = async (
    tx: Db,
    plan: { id?: string; plannedDate: string },
    items: repo.ItemValues[],
    locale: Locale,
  ) => (await capsOf(tx, plan, items, locale)).some((c) => c.overCap);

  function assertOwner(ctx: RequestContext, row: repo.PlanRow) {
    assertRepOrManager(ctx, 'care.plan.notOwner');
    if (row.ownerId !== ctx.actor.id) throw new AppError('FORBIDDEN', { messageKey: 'care.plan.notOwner' });
  }

  // ── Annual totals (shared by the list, the export and the dashboard) ──

  async function annualRows(
    ctx: RequestContext,
    year: number,
    f: { doctorId?: string; overCapOnly?: boolean; q?: string },
    settings?: CareSettings,
  ): Promise<AnnualRow[]> {
    const rows = await repo.annualTotals(db, year, {
      doctorId: f.doctorId,
      scope: scopeOf(ctx.actor).doctors(repo.careActions.doctorId),
    });
    const tiers = await resolveCareTiers(
      db,
      rows.map((r) => r.id),
      (settings ?? (await loadCareSettings(db))).tiers,
    );
    const q = f.q?.toLowerCase();
    return rows
      .map((r) => {
        const t = tiers.get(r.id)!;
        return {
          ...r,
          tier: t.tier,
          capPerYearFen: t.policy.capPerYearFen,
          // speaker fees are reported in the total but governed by the speaker caps, not the care cap
          overCap: careCapSpendFen(r.totalFen, r.byKind) > t.policy.capPerYearFen,
        };
      })
      .filter((r) => (f.overCapOnly ? r.overCap : true))
      .filter((r) => (q ? `${r.doctorName} ${r.hospitalName}`.toLowerCase().includes(q) : true));
  }

  return {
    // ── Care actions ──

    async findActions(
      ctx: RequestContext,
      q: z.infer<typeof careActionListQuerySchema>,
    ): Promise<ListResponse<CareAction>> {
      const { rows, total } = await repo.findActions(db, { ...q, scope: actionScope(ctx) }, q);
      return listOf(rows.map(toAction), total, q);
    },

    async getAction(ctx: RequestContext, id: string): Promise<CareAction> {
      const row = await repo.getAction(db, id, actionScope(ctx));
      if (!row) throw notFound();
      return toAction(row);
    },

    /**
     * Records a care action. The cap check and the insert run in one transaction holding the doctor's row lock,
     * so the year total read is the one the insert adds to, whichever rep records at the same moment.
     */
    async createAction(ctx: RequestContext, input: CreateAction): Promise<CareAction> {
      assertRepOrManager(ctx, 'care.action.roleCannotLog');
      const [doctor] = await repo.findDoctors(
        db,
        [input.doctorId],
        scopeOf(ctx.actor).doctors(repo.doctors.id),
      );
      if (!doctor) throw fieldError('body.doctorId', 'care.doctor.outOfScope');
      if (doctor.mergedInto) throw fieldError('body.doctorId', 'calls.doctor.merged');
      const day = today();
      if (input.actionDate > day) throw fieldError('body.actionDate', 'care.action.dateInFuture');
      if (input.actionDate < addDays(day, -careActionEntryDays))
        throw fieldError('body.actionDate', 'care.action.dateTooOld', { days: careActionEntryDays });
      if (input.callId && !(await repo.findOwnCall(db, input.callId, ctx.actor.id, input.doctorId)))
        throw fieldError('body.callId', 'care.action.callInvalid');
      const year = yearOf(input.actionDate);

      return db
        .transaction(async (tx) => {
          await repo.lockDoctor(tx, input.doctorId);
          const settings = await loadCareSettings(tx);
          const tier = (await resolveCareTiers(tx, [input.doctorId], settings.tiers)).get(input.doctorId)!;
          const spent = (await repo.yearTotals(tx, [input.doctorId], year)).get(input.doctorId) ?? 0;
          const check = checkCareAction({
            policy: tier.policy,
            kind: input.kind,
            valueFen: input.valueFen,
            yearSpentFen: spent,
          });
          let planId: string | null = null;
          if (input.carePlanItemId) {
            const item = await repo.getItemForAction(tx, input.carePlanItemId);
            if (
              !item ||
              item.planOwnerId !== ctx.actor.id ||
              item.doctorId !== input.doctorId ||
              item.kind !== input.kind
            )
              throw fieldError('body.carePlanItemId', 'care.action.planItemInvalid');
            if (item.actionId) throw new AppError('CONFLICT', { messageKey: 'care.action.planItemUsed' });
            if (item.planStatus !== 'approved')
              throw fieldError('body.carePlanItemId', 'care.action.planItemInvalid');
            if (input.valueFen > item.valueFen)
              throw fieldError('body.valueFen', 'care.action.planItemValueTooLow', {
                value: formatFen(input.valueFen),
                approved: formatFen(item.valueFen),
              });
            // a plan approved by the manager alone (it was within the caps then) does not cover spend over a cap
            if (check.overCap && !item.planNeedsCompliance)
              throw capRefusal(
                check.reasons,
                tier.policy,
                input.kind,
                input.valueFen,
                spent,
                year,
                ctx.locale,
              );
            planId = item.carePlanId;
          } else if (check.overCap) {
            throw capRefusal(check.reasons, tier.policy, input.kind, input.valueFen, spent, year, ctx.locale);
          }

          const id = await repo.insertAction(tx, {
            ownerId: ctx.actor.id,
            doctorId: input.doctorId,
            hospitalId: doctor.hospitalId,
            kind: input.kind,
            actionDate: input.actionDate,
            valueFen: input.valueFen,
            purpose: input.purpose,
            evidenceNote: input.evidenceNote ?? null,
            festival: input.festival ?? null,
            callId: input.callId ?? null,
            carePlanItemId: input.carePlanItemId ?? null,
          });
          const after = (await repo.getAction(tx, id))!;
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'careAction',
            entityId: id,
            action: 'create',
            after: { ...after, tier: tier.tier, yearSpentBeforeFen: spent, capReasons: check.reasons },
          });
          if (planId && (await repo.countOpenItems(tx, planId)) === 0) {
            const before = await repo.getPlan(tx, planId);
            await repo.markExecuted(tx, planId);
            await insertAudit(tx, {
              actorId: ctx.actor.id,
              requestId: ctx.requestId,
              entity: 'carePlan',
              entityId: planId,
              action: 'update',
              before: { status: before!.status },
              after: { status: 'executed' },
            });
          }
          return toAction(after);
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err))
            throw new AppError('CONFLICT', { messageKey: 'care.action.planItemUsed' });
          throw err;
        });
    },

    // ── Care plans ──

    async findPlans(
      ctx: RequestContext,
      q: z.infer<typeof carePlanListQuerySchema>,
    ): Promise<ListResponse<CarePlan>> {
      let awaiting;
      if (q.awaitingMe) {
        if (ctx.actor.role === 'manager') awaiting = repo.awaitingManager(ctx.actor.id);
        else if (ctx.actor.role === 'compliance') awaiting = repo.awaitingCompliance;
        else awaiting = repo.noPlans;
      }
      const { rows, total } = await repo.findPlans(
        db,
        { ownerId: q.ownerId, status: q.status, scope: planScope(ctx), awaiting },
        q,
      );
      return listOf(await loadPlans(db, rows, ctx.locale), total, q);
    },

    async getPlan(ctx: RequestContext, id: string): Promise<CarePlan> {
      return (await loadPlan(db, id, ctx.locale, planScope(ctx))) ?? Promise.reject(notFound());
    },

    async createPlan(ctx: RequestContext, input: PlanInput): Promise<CarePlan> {
      assertRepOrManager(ctx, 'care.plan.roleCannotCreate');
      const items = await checkItems(ctx, input.kind, input.items);
      return auditedCreate(db, ctx, {
        entity: 'carePlan',
        create: async (tx) => {
          const id = await repo.insertPlan(tx, {
            ownerId: ctx.actor.id,
            title: input.title,
            kind: input.kind,
            festival: input.festival ?? null,
            plannedDate: input.plannedDate,
            purpose: input.purpose,
            needsCompliance: await needsComplianceOf(tx, input, items, ctx.locale),
          });
          await repo.replaceItems(tx, id, items);
          return id;
        },
        load: (tx, id) => loadPlan(tx, id, ctx.locale),
      });
    },

    /** A draft or a rejected plan being reworked; the owner only. Items, when sent, replace the old ones. */
    async updatePlan(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateCarePlanSchema>,
    ): Promise<CarePlan> {
      const row = await visiblePlan(ctx, id);
      assertOwner(ctx, row);
      if (row.status !== 'draft' && row.status !== 'rejected')
        throw new AppError('CONFLICT', { messageKey: 'care.plan.notEditable' });
      const { version, items: itemInput, ...rest } = input;
      const kind = rest.kind ?? row.kind;
      const current = itemInput ? undefined : await repo.findItems(db, [id]);
      const items = await checkItems(
        ctx,
        kind,
        itemInput ?? current!.map((i) => ({ ...i, kind: i.kind as CareKind })),
      );
      return auditedChange(db, ctx, {
        entity: 'carePlan',
        id,
        load: (tx) => loadPlan(tx, id, ctx.locale),
        write: async (tx) => {
          const plannedDate = rest.plannedDate ?? row.plannedDate;
          await updateVersioned(tx, repo.carePlans, id, version, {
            ...definedOnly(rest),
            needsCompliance: await needsComplianceOf(tx, { id, plannedDate }, items, ctx.locale),
          });
          if (itemInput) await repo.replaceItems(tx, id, items);
        },
      });
    },

    async submitPlan(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof submitCarePlanSchema>,
    ): Promise<CarePlan> {
      const row = await visiblePlan(ctx, id);
      assertOwner(ctx, row);
      if (row.status !== 'draft' && row.status !== 'rejected')
        throw new AppError('CONFLICT', { messageKey: 'care.plan.notSubmittable' });
      return auditedChange(db, ctx, {
        entity: 'carePlan',
        id,
        load: (tx) => loadPlan(tx, id, ctx.locale),
        write: async (tx, before) => {
          // the caps are checked again now: the doctor's year total may have grown since the draft
          const needsCompliance = before.items.some((i) => i.overCap);
          await updateVersioned(tx, repo.carePlans, id, input.version, {
            status: 'submitted',
            needsCompliance,
            submittedAt: now().toISOString(),
          });
        },
      });
    },

    /**
     * The manager of the submitter's team decides a submitted plan; compliance decides a plan the manager approved
     * when it is over a cap. The submitter never approves their own plan, and every decision is kept.
     */
    async decidePlan(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof decideCarePlanSchema>,
    ): Promise<CarePlan> {
      const row = await visiblePlan(ctx, id);
      const { step, status } = await twoStepDecision(db, ctx, row, input.decision, 'care.plan');
      return auditedChange(db, ctx, {
        entity: 'carePlan',
        id,
        load: (tx) => loadPlan(tx, id, ctx.locale),
        write: async (tx) => {
          await updateVersioned(tx, repo.carePlans, id, input.version, { status });
          await repo.insertApproval(tx, {
            carePlanId: id,
            step,
            decision: input.decision,
            decidedBy: ctx.actor.id,
            comment: input.comment ?? null,
          });
        },
      });
    },

    /** 反馈单: the owner records how the care was received, once the item's action is recorded. */
    async recordFeedback(
      ctx: RequestContext,
      id: string,
      itemId: string,
      input: z.infer<typeof carePlanFeedbackSchema>,
    ): Promise<CarePlan> {
      const row = await visiblePlan(ctx, id);
      assertOwner(ctx, row);
      const item = (await repo.findItems(db, [id])).find((i) => i.id === itemId);
      if (!item) throw notFound();
      if ((row.status !== 'approved' && row.status !== 'executed') || !item.careActionId)
        throw new AppError('CONFLICT', { messageKey: 'care.plan.feedbackNotExecuted' });
      return auditedChange(db, ctx, {
        entity: 'carePlan',
        id,
        load: (tx) => loadPlan(tx, id, ctx.locale),
        write: (tx) => repo.setFeedback(tx, itemId, input.feedback),
      });
    },

    // ── Compliance ──

    async annualTotals(
      ctx: RequestContext,
      q: z.infer<typeof annualTotalsQuerySchema>,
    ): Promise<ListResponse<AnnualTotal>> {
      const rows = await annualRows(ctx, q.year, q);
      const start = (q.page - 1) * q.pageSize;
      return listOf(rows.slice(start, start + q.pageSize), rows.length, q);
    },

    /** The per-doctor annual report for transparency reporting (.xlsx, Chinese headers), audited as an export. */
    async exportAnnualTotals(
      ctx: RequestContext,
      q: z.infer<typeof annualTotalsQuerySchema>,
    ): Promise<ExportResult> {
      if (ctx.actor.role !== 'compliance' && ctx.actor.role !== 'admin')
        throw new AppError('FORBIDDEN', { messageKey: 'care.export.forbidden' });
      const settings = await loadCareSettings(db);
      const rows = await annualRows(ctx, q.year, q, settings);
      const tierLabel = new Map(settings.tiers.map((t) => [t.key, t.label]));
      const yuan = (fen: number) => fen / 100;
      const columns: ExportColumn<AnnualRow>[] = [
        { header: '年度', width: 8, value: () => q.year },
        { header: '医生', value: (r) => r.doctorName },
        { header: '医院', width: 28, value: (r) => r.hospitalName },
        { header: '关怀等级', value: (r) => tierLabel.get(r.tier) ?? r.tier },
        { header: '年度上限（元）', value: (r) => yuan(r.capPerYearFen) },
        { header: '全年合计（元，所有代表）', width: 22, value: (r) => yuan(r.totalFen) },
        { header: '关怀次数', width: 10, value: (r) => r.actions },
        { header: '代表人数', width: 10, value: (r) => r.reps },
        ...careKinds.map((k) => ({
          header: `${careKindLabels[k]['zh-CN']}（元）`,
          value: (r: AnnualRow) => yuan(r.byKind[k] ?? 0),
        })),
        // 学术会议 speaker fee + travel, counted in the total like any care action
        { header: '讲课费及差旅（元）', value: (r) => yuan(r.byKind.speakerFee ?? 0) },
        { header: '超出年度上限', value: (r) => r.overCap },
      ];
      return exportFile(db, ctx, {
        kind: `care-annual-totals-${q.year}`,
        label: `客户关怀年度汇总${q.year}`,
        format: 'xlsx',
        columns,
        rows,
        filter: { year: q.year, doctorId: q.doctorId, overCapOnly: q.overCapOnly, q: q.q },
      });
    },

    /** Compliance and admin see everything; a manager their team's; a rep has no dashboard. */
    async complianceDashboard(
      ctx: RequestContext,
      q: z.infer<typeof complianceDashboardQuerySchema>,
    ): Promise<ComplianceDashboard> {
      if (ctx.actor.role === 'rep') throw new AppError('FORBIDDEN');
      const settings = await loadCareSettings(db);
      const scope = actionScope(ctx);
      const pct = settings.nearCapPct;
      const minFen = Math.min(...settings.tiers.map((t) => Math.ceil((t.capPerActionFen * pct) / 100)));
      const [candidates, rejected, spend, visibleUsers, totalFen, annual] = await Promise.all([
        repo.findActionsFrom(db, q.year, minFen, scope),
        repo.rejectedPlans(db, q.year, planScope(ctx)),
        repo.spendByOwner(db, q.year),
        repo.visibleUserIds(db, scopeOf(ctx.actor).users(repo.users.id)),
        repo.totalInScope(db, q.year, scope),
        annualRows(ctx, q.year, {}, settings),
      ]);
      const tiers = await resolveCareTiers(
        db,
        candidates.map((c) => c.doctorId),
        settings.tiers,
      );
      const nearOrOverCap = candidates.flatMap((a) => {
        const cap = tiers.get(a.doctorId)!.policy.capPerActionFen;
        if (!isNearCap(a.valueFen, cap, pct)) return [];
        return [
          { ...toAction(a), capFen: cap, sharePct: capSharePct(a.valueFen, cap), overCap: a.valueFen > cap },
        ];
      });
      const names = new Map(spend.map((s) => [s.ownerId, s.ownerName]));
      const unusualSpend = unusualSpenders(
        new Map(spend.map((s) => [s.ownerId, s.totalFen])),
        settings.unusualSpendFactor,
      )
        .filter((u) => visibleUsers === null || visibleUsers.has(u.repId))
        .map((u) => ({
          repId: u.repId,
          repName: names.get(u.repId) ?? '',
          totalFen: u.totalFen,
          medianFen: u.medianFen,
          factor: u.medianFen > 0 ? Math.round((u.totalFen / u.medianFen) * 10) / 10 : 0,
        }));
      return {
        year: q.year,
        totalFen,
        nearOrOverCap,
        rejectedPlans: rejected,
        unusualSpend,
        doctorsOverYearCap: annual.filter((r) => r.overCap).length,
      };
    },
  };
}
export type CarePlansService = ReturnType<typeof createCarePlansService>;
