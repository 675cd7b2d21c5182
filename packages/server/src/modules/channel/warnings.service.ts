/**
 * 渠道预警 board, 冲货/低价倾销 incidents, promises to distributors, distributor health and the channel settings.
 * Scope follows the distributor: a rep sees the channel customers of the territories assigned to them today, a
 * manager their teams', admin and compliance everything (compliance reads only).
 */
import { or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addMonths, chinaDate, healthTrend } from '@keqing/domain';
import {
  ruleMessage,
  type acknowledgeWarningSchema,
  type ChannelHealthLatest,
  type ChannelHealthTrend,
  type ChannelIncident,
  type channelIncidentListQuerySchema,
  type ChannelPromise,
  type channelPromiseListQuerySchema,
  type ChannelSettings,
  type ChannelWarning,
  type ChannelWarningDetail,
  type channelWarningListQuerySchema,
  type ChannelWarningSummary,
  type createChannelIncidentSchema,
  type createChannelPromiseSchema,
  type EvaluateWarningsResult,
  type evaluateWarningsSchema,
  type ListResponse,
  type updateChannelIncidentSchema,
  type updateChannelPromiseSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { insertChannelSettings, loadChannelSettings } from './channel-settings.repository.ts';
import { evaluateChannelWarnings } from './warnings-evaluation.ts';
import * as repo from './warnings.repository.ts';
import * as incidents from './warnings-incidents.repository.ts';
import * as promises from './warnings-promises.repository.ts';

const toWarning = (r: repo.WarningRow): ChannelWarning => ({
  ...r,
  kind: r.kind as ChannelWarning['kind'],
});

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export function createWarningsService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());

  const customerScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).channelCustomers(repo.channelWarnings.channelCustomerId);

  async function visibleWarning(ctx: RequestContext, id: string) {
    const row = await repo.getWarning(db, id, customerScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  async function assertCustomerVisible(ctx: RequestContext, id: string) {
    const scope = scopeOf(ctx.actor);
    const customer = await repo.findCustomerName(db, id, scope.channelCustomers(repo.channelCustomers.id));
    if (!customer) throw notFound();
    return customer;
  }

  /** A customer referenced by a write: 400 when unknown or (for non-admins) outside the caller's scope. */
  async function customerInScope(ctx: RequestContext, id: string, path: string) {
    const scope = scopeOf(ctx.actor);
    const customer = await repo.findCustomerName(db, id, scope.channelCustomers(repo.channelCustomers.id));
    if (!customer) throw fieldError(path, 'channelWarnings.customer.outOfScope');
  }

  // ── incidents ──
  function incidentVisibility(ctx: RequestContext) {
    const scope = scopeOf(ctx.actor);
    if (scope.all) return undefined;
    return or(
      scope.channelCustomers(incidents.channelIncidents.sourceCustomerId),
      scope.channelCustomers(incidents.channelIncidents.affectedCustomerId),
      scope.territories(incidents.channelIncidents.affectedTerritoryId),
    );
  }
  const loadIncident = (id: string) => async (tx: Db) =>
    (await incidents.getIncident(tx, id)) as ChannelIncident | undefined;

  // ── promises ──
  function promiseVisibility(ctx: RequestContext) {
    const scope = scopeOf(ctx.actor);
    if (scope.all) return undefined;
    return or(
      scope.channelCustomers(promises.channelPromises.channelCustomerId),
      scope.users(promises.channelPromises.ownerId),
    );
  }
  const loadPromise = (id: string) => async (tx: Db) =>
    (await promises.getPromise(tx, id)) as ChannelPromise | undefined;

  return {
    // ── settings ──
    getSettings: (): Promise<ChannelSettings> => loadChannelSettings(db),

    /** Saves the settings as a new version (history in channel_settings and the audit log). */
    async saveSettings(ctx: RequestContext, input: ChannelSettings): Promise<ChannelSettings> {
      assertAdmin(ctx.actor);
      return db.transaction(async (tx) => {
        const before = await loadChannelSettings(tx);
        const id = await insertChannelSettings(tx, input, ctx.actor.id);
        const after = await loadChannelSettings(tx);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channelSettings',
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return after;
      });
    },

    // ── warnings ──
    async findWarnings(
      ctx: RequestContext,
      q: z.infer<typeof channelWarningListQuerySchema>,
    ): Promise<ListResponse<ChannelWarning>> {
      const { rows, total } = await repo.findWarnings(db, { ...q, scope: customerScope(ctx) }, q);
      return listOf(rows.map(toWarning), total, q);
    },

    /** One warning with the rows behind it resolved to names (flow rows, hospital, stock/price report …). */
    async getWarning(ctx: RequestContext, id: string): Promise<ChannelWarningDetail> {
      const row = await visibleWarning(ctx, id);
      const d = row.detail;
      const flowIds = Array.isArray(d.flowRowIds)
        ? (d.flowRowIds as unknown[]).filter((x) => typeof x === 'string')
        : [];
      const [flowRows, hospital, buyerCustomer, stockReport, priceReport, licence, promise] =
        await Promise.all([
          repo.tracedFlowRows(db, flowIds as string[]),
          str(d.hospitalId) ? repo.tracedHospital(db, str(d.hospitalId)!) : null,
          str(d.buyerCustomerId) ? repo.tracedCustomer(db, str(d.buyerCustomerId)!) : null,
          str(d.stockReportId) ? repo.tracedStockReport(db, str(d.stockReportId)!) : null,
          str(d.priceReportId) ? repo.tracedPriceReport(db, str(d.priceReportId)!) : null,
          str(d.licenceId) ? repo.tracedLicence(db, str(d.licenceId)!) : null,
          str(d.promiseId) ? repo.tracedPromise(db, str(d.promiseId)!) : null,
        ]);
      return {
        ...toWarning(row),
        trace: { flowRows, hospital, buyerCustomer, stockReport, priceReport, licence, promise },
      };
    },

    /** The assignee, a manager of the team (in scope) or an admin acknowledges with a note. */
    async acknowledgeWarning(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof acknowledgeWarningSchema>,
    ): Promise<ChannelWarningDetail> {
      assertMayWrite(ctx.actor);
      const row = await visibleWarning(ctx, id);
      const allowed =
        ctx.actor.role === 'admin' ||
        ctx.actor.role === 'manager' ||
        (row.assigneeId !== null && row.assigneeId === ctx.actor.id);
      if (!allowed) throw forbidden('channelWarnings.ack.notAssignee');
      await auditedChange(db, ctx, {
        entity: 'channelWarning',
        id,
        load: async (tx) => {
          const r = await repo.getWarning(tx, id);
          return r && toWarning(r);
        },
        write: async (tx, before) => {
          if (before.status === 'resolved')
            throw new AppError('CONFLICT', { messageKey: 'channelWarnings.ack.resolved' });
          await repo.acknowledgeWarning(tx, id, ctx.actor.id, input.note);
        },
      });
      return this.getWarning(ctx, id);
    },

    /** Counts of open and acknowledged warnings per kind and per distributor, in scope (or for one customer). */
    async summary(ctx: RequestContext, channelCustomerId?: string): Promise<ChannelWarningSummary> {
      if (channelCustomerId) await assertCustomerVisible(ctx, channelCustomerId);
      const scope = customerScope(ctx);
      const one = channelCustomerId
        ? sql`${repo.channelWarnings.channelCustomerId} = ${channelCustomerId}`
        : undefined;
      const { byKind, byCustomer } = await repo.summarize(
        db,
        scope && one ? sql`(${scope} and ${one})` : (scope ?? one),
      );
      return {
        open: byKind.reduce((a, k) => a + k.open, 0),
        acknowledged: byKind.reduce((a, k) => a + k.acknowledged, 0),
        byKind: byKind.map((k) => ({ ...k, kind: k.kind as ChannelWarning['kind'] })),
        byCustomer,
      };
    },

    /** Managers and admins re-evaluate one customer or all in their scope (as of today or a date). */
    async evaluate(
      ctx: RequestContext,
      input: z.infer<typeof evaluateWarningsSchema>,
    ): Promise<EvaluateWarningsResult> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'manager' && ctx.actor.role !== 'admin')
        throw forbidden('channelWarnings.evaluate.roleForbidden');
      const scope = scopeOf(ctx.actor);
      const ids = await repo.findCustomerIds(
        db,
        scope.channelCustomers(repo.channelCustomers.id),
        input.channelCustomerId,
      );
      if (input.channelCustomerId && !ids.length) throw notFound();
      const result = await evaluateChannelWarnings(db, {
        channelCustomerIds: scope.all && !input.channelCustomerId ? undefined : ids,
        asOf: input.asOf ?? today(),
      });
      await insertAudit(db, {
        actorId: ctx.actor.id,
        requestId: ctx.requestId,
        entity: 'channelWarningsEvaluation',
        entityId: input.channelCustomerId ?? ctx.actor.id,
        action: 'update',
        after: { ...result, asOf: input.asOf ?? today(), channelCustomerId: input.channelCustomerId ?? null },
      });
      return result;
    },

    // ── incidents ──
    async findIncidents(
      ctx: RequestContext,
      q: z.infer<typeof channelIncidentListQuerySchema>,
    ): Promise<ListResponse<ChannelIncident>> {
      const { rows, total } = await incidents.findIncidents(db, { ...q, scope: incidentVisibility(ctx) }, q);
      return listOf(rows, total, q);
    },

    async getIncident(ctx: RequestContext, id: string): Promise<ChannelIncident> {
      const row = await incidents.getIncident(db, id, incidentVisibility(ctx));
      if (!row) throw notFound();
      return row;
    },

    /** Records an incident that touches the caller's scope (the source or the affected distributor or territory). */
    async createIncident(
      ctx: RequestContext,
      input: z.infer<typeof createChannelIncidentSchema>,
    ): Promise<ChannelIncident> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor);
      const refs = [input.sourceCustomerId, input.affectedCustomerId, input.affectedTerritoryId].filter(
        Boolean,
      );
      if (!refs.length)
        throw fieldError('body.affectedCustomerId', 'channelWarnings.incident.customerRequired');
      const inScope = async (id: string | null | undefined, kind: 'customer' | 'territory') => {
        if (!id) return false;
        if (kind === 'customer') {
          if (!(await repo.findCustomerName(db, id)))
            throw fieldError('body.affectedCustomerId', 'channelWarnings.customer.outOfScope');
          return (
            scope.all ||
            !!(await repo.findCustomerName(db, id, scope.channelCustomers(repo.channelCustomers.id)))
          );
        }
        const res = (await db.execute(
          sql`select id from territories where id = ${id}::uuid ${scope.all ? sql`` : sql`and ${scope.territories(sql.raw('id'))}`}`,
        )) as unknown as { rows: unknown[] };
        return res.rows.length > 0;
      };
      const touches =
        (await inScope(input.sourceCustomerId, 'customer')) ||
        (await inScope(input.affectedCustomerId, 'customer')) ||
        (await inScope(input.affectedTerritoryId, 'territory'));
      if (!touches) throw fieldError('body.affectedCustomerId', 'channelWarnings.customer.outOfScope');
      if (input.resolvedOn && input.resolvedOn < input.openedOn)
        throw fieldError('body.resolvedOn', 'channelWarnings.incident.resolvedBeforeOpened');
      if ((input.compensatedFen ?? 0) > (input.lossClaimedFen ?? Number.MAX_SAFE_INTEGER))
        throw fieldError('body.compensatedFen', 'channelWarnings.incident.compensatedOverClaimed');
      const [product] = (
        (await db.execute(sql`select id from products where id = ${input.productId}::uuid`)) as unknown as {
          rows: unknown[];
        }
      ).rows;
      if (!product) throw fieldError('body.productId', 'channelWarnings.product.unknown');
      return auditedCreate(db, ctx, {
        entity: 'channelIncident',
        create: (tx) =>
          incidents.insertIncident(tx, {
            sourceCustomerId: input.sourceCustomerId ?? null,
            sourceRegion: input.sourceRegion,
            productId: input.productId,
            priceFen: input.priceFen ?? null,
            affectedTerritoryId: input.affectedTerritoryId ?? null,
            affectedCustomerId: input.affectedCustomerId ?? null,
            description: input.description,
            openedOn: input.openedOn,
            resolvedOn: input.resolvedOn ?? null,
            lossClaimedFen: input.lossClaimedFen ?? null,
            compensatedFen: input.compensatedFen ?? null,
            createdBy: ctx.actor.id,
          }),
        load: (tx, id) => loadIncident(id)(tx),
      });
    },

    async updateIncident(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateChannelIncidentSchema>,
    ): Promise<ChannelIncident> {
      const visible = await incidents.getIncident(db, id, incidentVisibility(ctx));
      if (!visible) throw notFound();
      assertMayWrite(ctx.actor);
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'channelIncident',
        id,
        load: loadIncident(id),
        write: async (tx, before) => {
          if (before.version !== version) throw versionConflict(before.version);
          const resolvedOn = rest.resolvedOn === undefined ? before.resolvedOn : rest.resolvedOn;
          if (resolvedOn && resolvedOn < before.openedOn)
            throw fieldError('body.resolvedOn', 'channelWarnings.incident.resolvedBeforeOpened');
          const claimed = rest.lossClaimedFen === undefined ? before.lossClaimedFen : rest.lossClaimedFen;
          const compensated = rest.compensatedFen === undefined ? before.compensatedFen : rest.compensatedFen;
          if (compensated !== null && claimed !== null && compensated > claimed)
            throw fieldError('body.compensatedFen', 'channelWarnings.incident.compensatedOverClaimed');
          await updateVersioned(tx, incidents.channelIncidents, id, version, definedOnly(rest));
        },
      });
    },

    // ── promises ──
    async findPromises(
      ctx: RequestContext,
      q: z.infer<typeof channelPromiseListQuerySchema>,
    ): Promise<ListResponse<ChannelPromise>> {
      const { rows, total } = await promises.findPromises(db, { ...q, scope: promiseVisibility(ctx) }, q);
      return listOf(rows, total, q);
    },

    /** A promise to a distributor in the caller's scope; the caller owns it. */
    async createPromise(
      ctx: RequestContext,
      input: z.infer<typeof createChannelPromiseSchema>,
    ): Promise<ChannelPromise> {
      assertMayWrite(ctx.actor);
      await customerInScope(ctx, input.channelCustomerId, 'body.channelCustomerId');
      if (input.dueOn < input.madeOn) throw fieldError('body.dueOn', 'channelWarnings.promise.dueBeforeMade');
      const created = await auditedCreate(db, ctx, {
        entity: 'channelPromise',
        create: (tx) =>
          promises.insertPromise(tx, {
            channelCustomerId: input.channelCustomerId,
            ownerId: ctx.actor.id,
            promise: input.promise,
            madeOn: input.madeOn,
            dueOn: input.dueOn,
            note: input.note ?? null,
          }),
        load: (tx, id) => loadPromise(id)(tx),
      });
      if (created.overdue)
        await evaluateChannelWarnings(db, { channelCustomerIds: [input.channelCustomerId], asOf: today() });
      return created;
    },

    /** Mark kept or broken (with a note), or move the due date while open: the owner, their manager or an admin. */
    async updatePromise(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateChannelPromiseSchema>,
    ): Promise<ChannelPromise> {
      const row = await promises.getPromise(db, id, promiseVisibility(ctx));
      if (!row) throw notFound();
      assertMayWrite(ctx.actor);
      // a manager sees only their teams' distributors and reps' promises (visibility above)
      const allowed =
        ctx.actor.role === 'admin' || ctx.actor.role === 'manager' || row.ownerId === ctx.actor.id;
      if (!allowed) throw forbidden('channelWarnings.promise.notOwner');
      const { version, ...rest } = input;
      const updated = await auditedChange(db, ctx, {
        entity: 'channelPromise',
        id,
        load: loadPromise(id),
        write: async (tx, before) => {
          if (before.version !== version) throw versionConflict(before.version);
          if (before.status !== 'open')
            throw new AppError('CONFLICT', {
              messageKey: 'channelWarnings.promise.closed',
              params: {
                status:
                  ruleMessage(ctx.locale, `channelWarnings.promise.status.${before.status}`) ?? before.status,
              },
            });
          const closing = rest.status && rest.status !== 'open';
          if (closing && !rest.note?.trim())
            throw fieldError('body.note', 'channelWarnings.promise.noteRequired');
          const dueOn = rest.dueOn ?? before.dueOn;
          if (dueOn < before.madeOn) throw fieldError('body.dueOn', 'channelWarnings.promise.dueBeforeMade');
          await updateVersioned(
            tx,
            promises.channelPromises,
            id,
            version,
            definedOnly({ ...rest, closedOn: closing ? today() : undefined }),
          );
        },
      });
      // the promiseOverdue warning follows the promise at once
      await evaluateChannelWarnings(db, { channelCustomerIds: [row.channelCustomerId], asOf: today() });
      return updated;
    },

    // ── health ──
    async healthTrend(ctx: RequestContext, channelCustomerId: string): Promise<ChannelHealthTrend> {
      const customer = await assertCustomerVisible(ctx, channelCustomerId);
      const fromMonth = addMonths(`${today().slice(0, 7)}-01`, -11).slice(0, 7);
      const points = await repo.healthTrend(db, channelCustomerId, fromMonth);
      return {
        channelCustomerId,
        channelCustomerName: customer.name,
        points: points.map((p) => ({ ...p, components: (p.components ?? {}) as Record<string, unknown> })),
      };
    },

    async latestHealth(ctx: RequestContext): Promise<ListResponse<ChannelHealthLatest>> {
      const scope = scopeOf(ctx.actor).channelCustomers(sql.raw('s.channel_customer_id'));
      const rows = await repo.latestHealth(db, scope);
      const items = rows
        .map((r) => {
          const score = Number(r.score);
          const earlier = r.earlier === null ? null : Number(r.earlier);
          return {
            id: r.channel_customer_id,
            channelCustomerId: r.channel_customer_id,
            channelCustomerName: r.name,
            month: r.month,
            score,
            earlierScore: earlier,
            change: earlier === null ? null : score - earlier,
            trend: healthTrend(score, earlier),
          };
        })
        // the steepest decline first, so a GN-style collapse stands out
        .sort((a, b) => (a.change ?? 0) - (b.change ?? 0) || a.score - b.score);
      return { items, total: items.length, page: 1, pageSize: items.length };
    },
  };
}
export type WarningsService = ReturnType<typeof createWarningsService>;
