/**
 * Targets 指标 (seed 004): team quotas (admin), the manager's allocation grid of rep quotas with the factors of
 * 指标分配 beside each cell and a suggested split, the rep's forecast and goal with the four guided steps, manual
 * actual sales where no flow 流向 data exists, and attainment from findSalesFigures.
 *
 * Warnings (over/under-allocated, goal below quota, forecast below quota) never block a save.
 */
import {
  allocationWarning,
  chinaDate,
  defaultHighPotentialCriteria,
  forecastFigures,
  mayEnterActual,
  mayForecast,
  monthsOf,
  ratioPct,
  shiftMonth,
  suggestAllocation,
} from '@keqing/domain';
import {
  ruleMessage,
  type AllocationWarningView,
  type ForecastAddition,
  type ForecastSummary,
  type ListResponse,
  type ManualSale,
  type QuotaCustomer,
  type QuotaGrid,
  type SalesAttainment,
  type SalesAttainmentQuery,
  type SalesAttainmentRow,
  type SalesForecast,
  type SaveQuotaGrid,
  type TeamQuota,
  type UpsertManualSale,
  type UpsertSalesForecasts,
  type UpsertTeamQuota,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { updateVersioned, definedOnly } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './targets.repository.ts';
import { findSalesFigures, sumSalesFigures, type SalesFigureRow } from './sales-figures.repository.ts';

type Paging = { page: number; pageSize: number };
/** Months of recent actuals shown as "current usage" beside a grid cell. */
export const usageMonths = 3;
/** An attainment query spans at most this many months. */
const maxAttainmentMonths = 36;

/** Key order does not matter (jsonb stores keys in its own order). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const sumOf = (xs: readonly { quantity: number }[]) => xs.reduce((s, x) => s + x.quantity, 0);

export function createTargetsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());
  const message = (ctx: RequestContext, key: string, params: Record<string, string | number>) =>
    ruleMessage(ctx.locale, key, params) ?? key;

  // ── shared checks ───────────────────────────────────────────────────────────

  /** A team the actor sees (404 otherwise). */
  async function visibleTeam(ctx: RequestContext, teamId: string) {
    const team = await repo.getTeam(db, teamId, scopeOf(ctx.actor).teams(repo.teams.id));
    if (!team) throw notFound();
    return team;
  }

  /** A rep the actor sees (self, a manager's team member, anyone for admin/compliance); 404 otherwise. */
  async function visibleRep(ctx: RequestContext, repId: string) {
    const user = await repo.getUser(db, repId, scopeOf(ctx.actor).users(repo.users.id));
    if (!user || user.role !== 'rep') throw notFound();
    return user;
  }

  /** Customers / additions must lie in the rep's territories today. */
  async function assertInRepTerritories(
    repId: string,
    items: readonly { hospitalId?: string; channelCustomerId?: string; doctorId?: string }[],
    path: string,
    key: string,
  ) {
    if (items.length === 0) return;
    const outside = await repo.outsideRepTerritories(db, repId, {
      hospitalIds: items.flatMap((c) => (c.hospitalId ? [c.hospitalId] : [])),
      channelCustomerIds: items.flatMap((c) => (c.channelCustomerId ? [c.channelCustomerId] : [])),
      doctorIds: items.flatMap((c) => (c.doctorId ? [c.doctorId] : [])),
    });
    if (outside.length) throw fieldError(path, key);
  }

  /**
   * Upsert on a natural key with optimistic locking: an existing row needs its `version`; a retry that changes
   * nothing is answered with the stored row (idempotent), any other change without a version is a 409.
   */
  function assertMayUpdate(existing: { version: number }, version: number | undefined, unchanged: boolean) {
    if (version === undefined && !unchanged) throw versionConflict(existing.version);
  }

  // ── team quotas ─────────────────────────────────────────────────────────────

  async function findTeamQuotas(
    ctx: RequestContext,
    q: { teamId?: string; month?: string } & Paging,
  ): Promise<ListResponse<TeamQuota>> {
    const { items, total } = await repo.findTeamQuotas(db, {
      ...q,
      scope: scopeOf(ctx.actor).teams(repo.teamQuotas.teamId),
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function upsertTeamQuota(ctx: RequestContext, body: UpsertTeamQuota): Promise<TeamQuota> {
    if (ctx.actor.role !== 'admin') throw forbidden('targets.teamQuota.adminOnly');
    await visibleTeam(ctx, body.teamId);
    const carried = await repo.teamProducts(db, body.teamId);
    if (!carried.some((p) => p.id === body.productId)) {
      const names = await repo.productNames(db, [body.productId]);
      if (!names.size) throw fieldError('body.productId', 'targets.product.unknown');
      throw fieldError('body.productId', 'targets.product.notTeam', { product: names.get(body.productId)! });
    }
    const existing = await repo.teamQuotaByKey(db, body);
    const load = (id: string) => (tx: Db) => repo.getTeamQuota(tx, id);
    if (!existing) {
      return auditedCreate(db, ctx, {
        entity: 'teamQuota',
        create: (tx) =>
          repo.insertTeamQuota(tx, {
            teamId: body.teamId,
            month: body.month,
            productId: body.productId,
            quantity: body.quantity,
            updatedBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getTeamQuota(tx, id),
      });
    }
    assertMayUpdate(existing, body.version, existing.quantity === body.quantity);
    if (body.version === undefined) return (await repo.getTeamQuota(db, existing.id))!;
    return auditedChange(db, ctx, {
      entity: 'teamQuota',
      id: existing.id,
      load: load(existing.id),
      write: (tx) =>
        updateVersioned(tx, repo.teamQuotas, existing.id, body.version!, {
          quantity: body.quantity,
          updatedBy: ctx.actor.id,
        }),
    });
  }

  // ── allocation grid ─────────────────────────────────────────────────────────

  /** The grid is the team manager's (and the admin's); compliance reads it; a rep never. */
  async function gridTeam(ctx: RequestContext, teamId: string, write: boolean) {
    if (write) assertMayWrite(ctx.actor);
    if (ctx.actor.role === 'rep') throw forbidden('targets.grid.managerOnly');
    return visibleTeam(ctx, teamId);
  }

  async function buildGrid(
    ctx: RequestContext,
    team: { id: string; name: string },
    month: string,
  ): Promise<QuotaGrid> {
    const [reps, products, teamQuotas] = await Promise.all([
      repo.teamReps(db, team.id),
      repo.teamProducts(db, team.id),
      repo.teamQuotasOf(db, team.id, month),
    ]);
    const repIds = reps.map((r) => r.id);
    const productIds = products.map((p) => p.id);
    const usageWindow = Array.from({ length: usageMonths }, (_, i) => shiftMonth(month, i - usageMonths));
    const [quotas, doctorRows, usageRows, forecasts] = await Promise.all([
      repo.repQuotasOf(db, repIds, month),
      repo.doctorFactors(db, repIds, productIds, defaultHighPotentialCriteria.minPotential),
      findSalesFigures(db, { repIds, months: usageWindow }),
      repo.forecastsOf(db, repIds, month),
    ]);
    const key = (repId: string, productId: string) => `${repId}|${productId}`;
    const quotaBy = new Map(quotas.map((q) => [key(q.repId, q.productId), q]));
    const doctorsBy = new Map(doctorRows.map((d) => [key(d.repId, d.productId), d]));
    const usageBy = new Map<string, number>();
    for (const u of usageRows)
      usageBy.set(key(u.repId, u.productId), (usageBy.get(key(u.repId, u.productId)) ?? 0) + u.actual);
    const goalBy = new Map(forecasts.map((f) => [key(f.repId, f.productId), f.goalQuantity]));

    const cells: QuotaGrid['cells'] = [];
    const gridProducts: QuotaGrid['products'] = [];
    const warnings: AllocationWarningView[] = [];
    for (const p of products) {
      const tq = teamQuotas.find((t) => t.productId === p.id) ?? null;
      const factors = reps.map((r) => {
        const d = doctorsBy.get(key(r.id, p.id));
        return {
          highPotentialDoctors: d?.highPotentialDoctors ?? 0,
          potentialSum: d?.potentialSum ?? 0,
          recentUnits: usageBy.get(key(r.id, p.id)) ?? 0,
          competitorDoctors: d?.competitorDoctors ?? 0,
        };
      });
      const suggested = tq
        ? suggestAllocation(
            tq.quantity,
            factors.map((f) => ({
              potential: f.potentialSum,
              usage: f.recentUnits,
              competitor: f.competitorDoctors,
            })),
          )
        : null;
      let allocated = 0;
      reps.forEach((r, i) => {
        const q = quotaBy.get(key(r.id, p.id));
        allocated += q?.quantity ?? 0;
        const goal = goalBy.get(key(r.id, p.id)) ?? null;
        cells.push({
          repId: r.id,
          productId: p.id,
          quota: q
            ? {
                id: q.id,
                quantity: q.quantity,
                version: q.version,
                customers: q.customers as QuotaCustomer[],
              }
            : null,
          factors: factors[i]!,
          suggested: suggested ? suggested[i]! : null,
          goal,
        });
        if (q && goal !== null && goal < q.quantity)
          warnings.push({
            kind: 'goalBelowQuota',
            productId: p.id,
            productName: p.name,
            repId: r.id,
            message: `${r.name} ${message(ctx, 'targets.goalBelowQuota', { product: p.name, goal, quota: q.quantity })}`,
          });
      });
      const w = allocationWarning(tq?.quantity ?? null, allocated);
      if (w)
        warnings.push({
          kind: w.kind,
          productId: p.id,
          productName: p.name,
          teamQuota: w.teamQuota,
          allocated: w.allocated,
          message: message(ctx, `targets.${w.kind}`, {
            product: p.name,
            allocated: w.allocated,
            teamQuota: w.teamQuota,
            left: w.teamQuota - w.allocated,
          }),
        });
      gridProducts.push({
        id: p.id,
        name: p.name,
        teamQuota: tq && { id: tq.id, quantity: tq.quantity, version: tq.version },
        allocated,
        unallocated: tq ? tq.quantity - allocated : null,
      });
    }
    return { teamId: team.id, teamName: team.name, month, reps, products: gridProducts, cells, warnings };
  }

  async function getQuotaGrid(ctx: RequestContext, q: { teamId: string; month: string }) {
    const team = await gridTeam(ctx, q.teamId, false);
    return buildGrid(ctx, team, q.month);
  }

  async function saveQuotaGrid(ctx: RequestContext, body: SaveQuotaGrid): Promise<QuotaGrid> {
    const team = await gridTeam(ctx, body.teamId, true);
    if (ctx.actor.role !== 'admin' && team.managerId !== ctx.actor.id)
      throw forbidden('targets.grid.managerOnly');
    const [reps, products] = await Promise.all([repo.teamReps(db, team.id), repo.teamProducts(db, team.id)]);
    const seen = new Set<string>();
    for (const [i, cell] of body.cells.entries()) {
      const path = `body.cells.${i}`;
      if (!reps.some((r) => r.id === cell.repId)) throw fieldError(`${path}.repId`, 'targets.rep.notTeam');
      if (!products.some((p) => p.id === cell.productId)) {
        const names = await repo.productNames(db, [cell.productId]);
        throw fieldError(`${path}.productId`, 'targets.product.notTeam', {
          product: names.get(cell.productId) ?? cell.productId,
        });
      }
      const k = `${cell.repId}|${cell.productId}`;
      if (seen.has(k)) throw fieldError(path, 'targets.cell.duplicate');
      seen.add(k);
      const customers = cell.customers ?? [];
      const sum = sumOf(customers);
      if (sum > cell.quantity)
        throw fieldError(`${path}.customers`, 'targets.customer.overQuota', { sum, quantity: cell.quantity });
      await assertInRepTerritories(cell.repId, customers, `${path}.customers`, 'targets.customer.outOfScope');
    }

    await db.transaction(async (tx) => {
      for (const cell of body.cells) {
        const existing = await repo.repQuotaByKey(tx, {
          repId: cell.repId,
          month: body.month,
          productId: cell.productId,
        });
        if (!existing) {
          const id = await repo.insertRepQuota(tx, {
            repId: cell.repId,
            teamId: team.id,
            month: body.month,
            productId: cell.productId,
            quantity: cell.quantity,
            customers: cell.customers ?? [],
            updatedBy: ctx.actor.id,
          });
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'repQuota',
            entityId: id,
            action: 'create',
            after: (await repo.getRepQuota(tx, id))!,
          });
          continue;
        }
        const customers = cell.customers ?? (existing.customers as QuotaCustomer[]);
        const unchanged = existing.quantity === cell.quantity && sameJson(existing.customers, customers);
        assertMayUpdate(existing, cell.version, unchanged);
        if (cell.version === undefined) continue;
        await updateVersioned(tx, repo.repQuotas, existing.id, cell.version, {
          quantity: cell.quantity,
          customers,
          updatedBy: ctx.actor.id,
        });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'repQuota',
          entityId: existing.id,
          action: 'update',
          before: existing,
          after: (await repo.getRepQuota(tx, existing.id))!,
        });
      }
    });
    return buildGrid(ctx, team, body.month);
  }

  // ── forecasts ───────────────────────────────────────────────────────────────

  async function findForecasts(
    ctx: RequestContext,
    q: { repId?: string; month?: string } & Paging,
  ): Promise<ListResponse<SalesForecast>> {
    const { items, total } = await repo.findForecasts(db, {
      ...q,
      scope: scopeOf(ctx.actor).users(repo.salesForecasts.repId),
    });
    return {
      items: items.map((f) => ({ ...f, additions: f.additions as ForecastAddition[] })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function forecastSummary(
    ctx: RequestContext,
    q: { month: string; repId?: string },
  ): Promise<ForecastSummary> {
    const repId = q.repId ?? (ctx.actor.role === 'rep' ? ctx.actor.id : undefined);
    if (!repId) throw fieldError('query.repId', 'targets.rep.required');
    const rep = await visibleRep(ctx, repId);
    const [carried, quotas, forecasts] = await Promise.all([
      repo.repProducts(db, rep.id),
      repo.repQuotasOf(db, [rep.id], q.month),
      repo.forecastsOf(db, [rep.id], q.month),
    ]);
    const productIds = [
      ...new Set([
        ...carried.map((p) => p.id),
        ...quotas.map((x) => x.productId),
        ...forecasts.map((f) => f.productId),
      ]),
    ];
    const names = await repo.productNames(db, productIds);
    const rows: ForecastSummary['rows'] = productIds
      .map((productId) => {
        const quota = quotas.find((x) => x.productId === productId)?.quantity ?? 0;
        const f = forecasts.find((x) => x.productId === productId);
        const additionsTotal = f ? sumOf(f.additions as ForecastAddition[]) : 0;
        const figures = forecastFigures({
          quota,
          forecast: f?.forecastQuantity ?? null,
          goal: f?.goalQuantity ?? null,
          additionsTotal,
        });
        return {
          productId,
          productName: names.get(productId) ?? '',
          quota,
          forecast: f?.forecastQuantity ?? null,
          goal: f?.goalQuantity ?? null,
          gap: figures.gap,
          gapPct: figures.gapPct,
          additionsTotal,
          forecastId: f?.id ?? null,
          version: f?.version ?? null,
          warnings: figures.warnings,
        };
      })
      .sort((a, b) => a.productName.localeCompare(b.productName, 'zh-CN'));
    const total = (pick: (r: (typeof rows)[number]) => number | null) =>
      rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
    const totals = {
      quota: total((r) => r.quota),
      forecast: total((r) => r.forecast),
      goal: total((r) => r.goal),
      gap: total((r) => r.forecast) - total((r) => r.quota),
      gapPct: null as number | null,
      additionsTotal: total((r) => r.additionsTotal),
    };
    totals.gapPct = ratioPct(totals.gap, totals.quota);
    const warnings: ForecastSummary['warnings'] = rows.flatMap((r) =>
      r.warnings.map((kind) => ({
        kind,
        productId: r.productId,
        productName: r.productName,
        gap: kind === 'forecastBelowQuota' ? r.gap! : (r.goal ?? 0) - r.quota,
        message: message(ctx, `targets.${kind}`, {
          product: r.productName,
          forecast: r.forecast ?? 0,
          goal: r.goal ?? 0,
          quota: r.quota,
          gap: r.gap ?? 0,
        }),
      })),
    );
    return {
      repId: rep.id,
      repName: rep.name,
      month: q.month,
      editable: mayForecast(q.month, today()),
      rows,
      totals,
      warnings,
    };
  }

  async function upsertForecasts(ctx: RequestContext, body: UpsertSalesForecasts): Promise<ForecastSummary> {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role !== 'rep') throw forbidden('targets.forecast.repOnly');
    if (!mayForecast(body.month, today()))
      throw fieldError('body.month', 'targets.forecast.pastMonth', { month: body.month });
    const repId = ctx.actor.id;
    const carried = await repo.repProducts(db, repId);
    const seen = new Set<string>();
    for (const [i, item] of body.items.entries()) {
      if (seen.has(item.productId))
        throw fieldError(`body.items.${i}.productId`, 'targets.forecast.duplicateProduct');
      seen.add(item.productId);
      if (!carried.some((p) => p.id === item.productId)) {
        const names = await repo.productNames(db, [item.productId]);
        if (!names.size) throw fieldError(`body.items.${i}.productId`, 'targets.product.unknown');
        throw fieldError(`body.items.${i}.productId`, 'targets.product.notRep', {
          product: names.get(item.productId)!,
        });
      }
      await assertInRepTerritories(
        repId,
        item.additions,
        `body.items.${i}.additions`,
        'targets.addition.outOfScope',
      );
    }
    await db.transaction(async (tx) => {
      const existing = await repo.forecastsOf(tx, [repId], body.month);
      for (const item of body.items) {
        const values = {
          forecastQuantity: item.forecastQuantity,
          goalQuantity: item.goalQuantity ?? null,
          additions: item.additions,
          promotionPlan: item.promotionPlan ?? null,
        };
        const before = existing.find((f) => f.productId === item.productId);
        if (!before) {
          const id = await repo.insertForecast(tx, {
            repId,
            month: body.month,
            productId: item.productId,
            ...values,
          });
          await insertAudit(tx, {
            actorId: ctx.actor.id,
            requestId: ctx.requestId,
            entity: 'salesForecast',
            entityId: id,
            action: 'create',
            after: { month: body.month, productId: item.productId, ...values },
          });
          continue;
        }
        const unchanged =
          before.forecastQuantity === values.forecastQuantity &&
          before.goalQuantity === values.goalQuantity &&
          before.promotionPlan === values.promotionPlan &&
          sameJson(before.additions, values.additions);
        assertMayUpdate(before, item.version, unchanged);
        if (item.version === undefined) continue;
        await updateVersioned(tx, repo.salesForecasts, before.id, item.version, values);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'salesForecast',
          entityId: before.id,
          action: 'update',
          before: {
            forecastQuantity: before.forecastQuantity,
            goalQuantity: before.goalQuantity,
            additions: before.additions,
            promotionPlan: before.promotionPlan,
          },
          after: values,
        });
      }
    });
    return forecastSummary(ctx, { month: body.month, repId });
  }

  // ── manual sales ────────────────────────────────────────────────────────────

  async function findManualSales(
    ctx: RequestContext,
    q: { repId?: string; month?: string; productId?: string } & Paging,
  ): Promise<ListResponse<ManualSale>> {
    const { items, total } = await repo.findManualSales(db, {
      ...q,
      scope: scopeOf(ctx.actor).users(repo.manualSales.repId),
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function upsertManualSale(ctx: RequestContext, body: UpsertManualSale): Promise<ManualSale> {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
      throw forbidden('targets.manual.notAllowed');
    const rep = await visibleRep(ctx, body.repId ?? ctx.actor.id);
    if (!mayEnterActual(body.month, today()))
      throw fieldError('body.month', 'targets.manual.futureMonth', { month: body.month });
    const names = await repo.productNames(db, [body.productId]);
    if (!names.size) throw fieldError('body.productId', 'targets.product.unknown');
    const existing = await repo.manualSaleByKey(db, {
      repId: rep.id,
      month: body.month,
      productId: body.productId,
    });
    const note = body.note ?? null;
    if (!existing) {
      return auditedCreate(db, ctx, {
        entity: 'manualSale',
        create: (tx) =>
          repo.insertManualSale(tx, {
            repId: rep.id,
            month: body.month,
            productId: body.productId,
            quantity: body.quantity,
            note,
            enteredBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getManualSale(tx, id),
      });
    }
    assertMayUpdate(existing, body.version, existing.quantity === body.quantity && existing.note === note);
    if (body.version === undefined) return (await repo.getManualSale(db, existing.id))!;
    return auditedChange(db, ctx, {
      entity: 'manualSale',
      id: existing.id,
      load: (tx) => repo.getManualSale(tx, existing.id),
      write: (tx) =>
        updateVersioned(
          tx,
          repo.manualSales,
          existing.id,
          body.version!,
          definedOnly({ quantity: body.quantity, note, enteredBy: ctx.actor.id }),
        ),
    });
  }

  // ── attainment ──────────────────────────────────────────────────────────────

  async function salesAttainment(ctx: RequestContext, q: SalesAttainmentQuery): Promise<SalesAttainment> {
    const months = monthsOf({ from: `${q.fromMonth}-01`, to: `${q.toMonth}-01` });
    if (months.length > maxAttainmentMonths)
      throw new AppError('BAD_REQUEST', {
        messageKey: 'targets.attainment.tooLong',
        params: { max: maxAttainmentMonths },
      });
    if (q.repId) await visibleRep(ctx, q.repId);
    if (q.teamId) await visibleTeam(ctx, q.teamId);
    const reps = await repo.repsFor(db, {
      repId: q.repId,
      teamId: q.teamId,
      scope: scopeOf(ctx.actor).users(repo.users.id),
    });
    const figures = await findSalesFigures(db, {
      repIds: reps.map((r) => r.id),
      months,
      productId: q.productId,
    });
    const names = await repo.productNames(db, [...new Set(figures.map((f) => f.productId))]);
    const repNames = new Map(reps.map((r) => [r.id, r.name]));
    const keyOf = (f: SalesFigureRow) =>
      q.groupBy === 'rep' ? f.repId : q.groupBy === 'product' ? f.productId : f.month;
    const labelOf = (key: string) =>
      q.groupBy === 'rep'
        ? (repNames.get(key) ?? '')
        : q.groupBy === 'product'
          ? (names.get(key) ?? '')
          : key;
    const groups = new Map<string, SalesFigureRow[]>();
    for (const f of figures) groups.set(keyOf(f), [...(groups.get(keyOf(f)) ?? []), f]);
    // every rep of the query is a row, with or without figures, so a rep with nothing stands out
    if (q.groupBy === 'rep') for (const r of reps) if (!groups.has(r.id)) groups.set(r.id, []);
    const rowOf = (key: string, label: string, rows: SalesFigureRow[]): SalesAttainmentRow => ({
      key,
      label,
      ...sumSalesFigures(rows),
    });
    const rows = [...groups.entries()]
      .map(([key, rs]) => rowOf(key, labelOf(key), rs))
      .sort((a, b) =>
        q.groupBy === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'zh-CN'),
      );
    return {
      groupBy: q.groupBy,
      fromMonth: q.fromMonth,
      toMonth: q.toMonth,
      rows,
      total: rowOf('total', message(ctx, 'targets.attainment.total', {}), figures),
    };
  }

  return {
    findTeamQuotas,
    upsertTeamQuota,
    getQuotaGrid,
    saveQuotaGrid,
    findForecasts,
    forecastSummary,
    upsertForecasts,
    findManualSales,
    upsertManualSale,
    salesAttainment,
  };
}
