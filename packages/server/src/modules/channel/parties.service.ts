/**
 * Channel parties 渠道客户: distributors, pharmacies and clinics with status history 指定/暂停/流失, licences 证照,
 * contacts, supply contracts 供货合同, channel products and prices, rebate policies 返利政策 and channel visits.
 *
 * Who writes: an admin anything; a manager the customers of their teams' territories; a rep those of the
 * territories assigned to them today (scope.ts); compliance reads only. Channel products, tier prices and
 * rebate policies are the admin's; everyone reads them.
 *
 * PIPL: a 被委托人身份证 number is shown in full to the covering line (the reps and managers who see the
 * customer) and compliance; an admin sees only its last four characters, and audit rows always keep it masked.
 */
import { or } from 'drizzle-orm';
import type { z } from 'zod';
import {
  addDays,
  channelAttrition,
  chinaDate,
  compareChannelMargins,
  defaultLicenceWarnDays,
  defaultTerminalVisitDays,
  licenceDaysLeft,
  licenceExpiryState,
  maskIdNumber,
  searchInitials,
  terminalVisitStatus,
  type ChannelPriceLevels,
  type TerminalTier,
  type TerminalVisitDays,
} from '@keqing/domain';
import {
  ruleMessage,
  type changeChannelCustomerStatusSchema,
  type ChannelContact,
  type ChannelCustomer,
  type ChannelCustomerDetail,
  type channelCustomerListQuerySchema,
  type ChannelLicence,
  type channelLicenceListQuerySchema,
  type ChannelProduct,
  type channelProductListQuerySchema,
  type ChannelVisit,
  type ChannelVisitDue,
  type channelVisitDueQuerySchema,
  type channelVisitListQuerySchema,
  type createChannelContactSchema,
  type createChannelCustomerSchema,
  type createChannelLicenceSchema,
  type createChannelVisitSchema,
  type createRebatePolicySchema,
  type createSupplyContractSchema,
  type ListResponse,
  type putChannelProductSchema,
  type putChannelTierPricesSchema,
  type RebatePolicy,
  type rebatePolicyListQuerySchema,
  type SupplyContract,
  type supplyContractListQuerySchema,
  type updateChannelContactSchema,
  type updateChannelCustomerSchema,
  type updateChannelLicenceSchema,
  type updateRebatePolicySchema,
  type updateSupplyContractSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { personalityOf } from '../accounts/doctors.service.ts';
import * as repo from './parties.repository.ts';

type CreateCustomer = z.infer<typeof createChannelCustomerSchema>;
type UpdateCustomer = z.infer<typeof updateChannelCustomerSchema>;

/** A whole sub-collection in the list shape (a customer has a handful of licences or contacts). */
const allOf = <T>(items: T[]): ListResponse<T> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: Math.max(items.length, 1),
});

const codeTaken = (code: string) =>
  new AppError('CONFLICT', {
    messageKey: 'channelParties.code.taken',
    params: { code },
    details: [{ path: 'body.code', message: 'channelParties.code.taken' }],
  });
const contractNoTaken = (contractNo: string) =>
  new AppError('CONFLICT', {
    messageKey: 'channelParties.contract.noTaken',
    params: { contractNo },
    details: [{ path: 'body.contractNo', message: 'channelParties.contract.noTaken' }],
  });

const toPrices = (p: unknown): ChannelPriceLevels | null => {
  if (!p || typeof p !== 'object') return null;
  const o = p as Record<string, unknown>;
  const n = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : 0);
  return {
    factory: n('factory'),
    order: n('order'),
    distributor: n('distributor'),
    purchase: n('purchase'),
    retail: n('retail'),
  };
};

function toChannelProduct(r: repo.ChannelProductRow): ChannelProduct {
  const c = r.channel;
  if (!c)
    return { id: r.id, productName: r.productName, genericName: r.genericName, channel: null, margin: null };
  const prices: ChannelPriceLevels = {
    factory: Number(c.factoryPriceFen),
    order: Number(c.orderPriceFen),
    distributor: Number(c.distributorPriceFen),
    purchase: Number(c.purchasePriceFen),
    retail: Number(c.retailPriceFen),
  };
  const competitorPrices = toPrices(c.competitorPrices);
  return {
    id: r.id,
    productName: r.productName,
    genericName: r.genericName,
    channel: {
      tierRole: c.tierRole,
      lifecycleStage: c.lifecycleStage,
      prices,
      minResalePriceFen: Number(c.minResalePriceFen),
      competitorName: c.competitorName,
      competitorPrices,
      supplied: c.supplied,
      delistedOn: c.delistedOn,
      replacementProductId: c.replacementProductId,
      replacementProductName: r.replacementProductName ?? null,
      version: c.version,
      updatedAt: new Date(c.updatedAt).toISOString(),
    },
    margin: compareChannelMargins(prices, competitorPrices),
  };
}

export function createPartiesService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());

  const customerScope = (ctx: RequestContext) => scopeOf(ctx.actor).channelCustomers;

  /** The customer if the caller sees it; 404 otherwise. */
  async function visibleCustomer(ctx: RequestContext, id: string) {
    const row = await repo.getCustomer(db, id, customerScope(ctx)(repo.channelCustomers.id));
    if (!row) throw notFound();
    return row;
  }

  /** Writes on a customer and what it holds: not compliance, and only a customer in scope (404 otherwise). */
  async function writableCustomer(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    return visibleCustomer(ctx, id);
  }

  async function settings(): Promise<{ licenceWarnDays: number; terminalVisitDays: TerminalVisitDays }> {
    const config = await repo.loadChannelSettingsConfig(db);
    const warn = config.licenceWarnDays;
    const days = (config.terminalVisitDays ?? {}) as Partial<Record<TerminalTier, unknown>>;
    const day = (tier: TerminalTier) => {
      const v = days[tier];
      return typeof v === 'number' && v > 0 ? v : defaultTerminalVisitDays[tier];
    };
    return {
      licenceWarnDays: typeof warn === 'number' && warn >= 0 ? warn : defaultLicenceWarnDays,
      terminalVisitDays: { key: day('key'), secondary: day('secondary'), other: day('other') },
    };
  }

  // ── customers ──

  function checkTiers(kind: string, input: Pick<CreateCustomer, 'distributorTier' | 'terminalTier'>) {
    if (kind !== 'distributor' && input.distributorTier)
      throw fieldError('body.distributorTier', 'channelParties.tier.distributorOnly');
    if (kind === 'distributor' && input.terminalTier)
      throw fieldError('body.terminalTier', 'channelParties.tier.terminalOnly');
  }

  async function checkAuthorised(input: Partial<CreateCustomer>, selfId?: string) {
    const hospitalIds = input.authorisedHospitalIds ?? [];
    if ((await repo.countExisting(db, 'hospitals', hospitalIds)) !== new Set(hospitalIds).size)
      throw fieldError('body.authorisedHospitalIds', 'channelParties.authorised.unknownHospital');
    const customerIds = input.authorisedCustomerIds ?? [];
    if (selfId && customerIds.includes(selfId))
      throw fieldError('body.authorisedCustomerIds', 'channelParties.authorised.self');
    if ((await repo.countExisting(db, 'channelCustomers', customerIds)) !== new Set(customerIds).size)
      throw fieldError('body.authorisedCustomerIds', 'channelParties.authorised.unknownCustomer');
  }

  /** Where a new customer goes: the territory named, or the rep's/manager's only one. An admin may leave it out. */
  async function territoryFor(ctx: RequestContext, territoryId: string | undefined): Promise<string | null> {
    const scope = scopeOf(ctx.actor);
    const mine = await repo.findTerritories(db, scope.territories(repo.territories.id));
    if (territoryId) {
      if (!mine.some((t) => t.id === territoryId))
        throw fieldError('body.territoryId', 'channelParties.territory.outOfScope');
      return territoryId;
    }
    if (scope.all) return null;
    if (mine.length === 0) throw fieldError('body.territoryId', 'channelParties.territory.none');
    if (mine.length > 1) throw fieldError('body.territoryId', 'channelParties.territory.required');
    return mine[0]!.id;
  }

  const loadCustomerRecord = (id: string) => (tx: Db) => repo.getCustomerRecord(tx, id);

  async function customerDetail(ctx: RequestContext, id: string): Promise<ChannelCustomerDetail> {
    const row = await visibleCustomer(ctx, id);
    const record = (await repo.getCustomerRecord(db, id))!;
    const [authorisedHospitals, authorisedCustomers, territories] = await Promise.all([
      repo.namesOfHospitals(db, record.authorisedHospitalIds),
      repo.namesOfCustomers(db, record.authorisedCustomerIds),
      repo.territoriesOfCustomer(db, id),
    ]);
    return {
      ...(row as ChannelCustomer),
      authorisedCities: record.authorisedCities,
      authorisedHospitals,
      authorisedCustomers,
      notes: record.notes,
      territories,
      personality: personalityOf(row.personalityType, ctx.locale),
      mayEdit: ctx.actor.role !== 'compliance',
    };
  }

  // ── licences ──

  /** Masked for everyone but the covering line (who alone see an in-scope customer besides the all-seeing) and compliance. */
  const masksIdNumbers = (ctx: RequestContext) => ctx.actor.role === 'admin';

  function toLicence(r: repo.LicenceRow, t: string, warnDays: number, mask: boolean): ChannelLicence {
    const masked = mask && r.kind === 'agentIdCard';
    return {
      ...r,
      kind: r.kind as ChannelLicence['kind'],
      number: masked ? maskIdNumber(r.number) : r.number,
      numberMasked: masked,
      expiryState: licenceExpiryState(r.validUntil, t, warnDays),
      daysLeft: licenceDaysLeft(r.validUntil, t),
    };
  }
  /** What the audit log keeps of a licence: never a full ID-card number. */
  const licenceForAudit = (id: string) => async (tx: Db) => {
    const row = await repo.getLicence(tx, id);
    return row && (row.kind === 'agentIdCard' ? { ...row, number: maskIdNumber(row.number) } : row);
  };
  async function licenceOut(ctx: RequestContext, id: string) {
    const row = await repo.getLicence(db, id);
    if (!row) throw notFound();
    const s = await settings();
    return toLicence(row, today(), s.licenceWarnDays, masksIdNumbers(ctx));
  }
  function checkLicenceDates(from: string | null | undefined, until: string | null | undefined) {
    if (from && until && until < from)
      throw fieldError('body.validUntil', 'channelParties.licence.untilBeforeFrom');
  }

  // ── contracts ──

  async function contractLines(lines: z.infer<typeof createSupplyContractSchema>['lines']) {
    if (
      (await repo.countExisting(
        db,
        'products',
        lines.map((l) => l.productId),
      )) !== new Set(lines.map((l) => l.productId)).size
    )
      throw fieldError('body.lines', 'channelParties.contract.unknownProduct');
    return lines.map((l) => ({
      productId: l.productId,
      specification: l.specification ?? null,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      amountFen: l.quantity * l.unitPriceFen,
    }));
  }

  const loadContract = (id: string) => (tx: Db) => repo.getContract(tx, id);
  const toContract = (r: repo.ContractRow) => r as unknown as SupplyContract;

  async function visibleContract(ctx: RequestContext, id: string) {
    const row = await repo.getContract(db, id, customerScope(ctx)(repo.supplyContracts.channelCustomerId));
    if (!row) throw notFound();
    return row;
  }

  // ── rebates ──

  async function checkRebate(input: {
    productId?: string | null;
    validFrom?: string;
    validUntil?: string | null;
  }) {
    if (input.productId && (await repo.countExisting(db, 'products', [input.productId])) !== 1)
      throw fieldError('body.productId', 'channelParties.product.unknown');
    if (input.validFrom && input.validUntil && input.validUntil < input.validFrom)
      throw fieldError('body.validUntil', 'channelParties.rebate.untilBeforeFrom');
  }
  const toRebate = (r: NonNullable<Awaited<ReturnType<typeof repo.getRebatePolicy>>>) =>
    r as unknown as RebatePolicy;

  async function channelProduct(productId: string): Promise<ChannelProduct> {
    const { rows } = await repo.findChannelProducts(db, { productId });
    if (!rows[0]) throw notFound();
    return toChannelProduct(rows[0]);
  }

  return {
    // ── channel customers ──
    async findCustomers(
      ctx: RequestContext,
      q: z.infer<typeof channelCustomerListQuerySchema>,
    ): Promise<ListResponse<ChannelCustomer>> {
      const scope = customerScope(ctx)(repo.channelCustomers.id);
      const { rows, total } = await repo.findCustomers(db, { ...q, scope }, q);
      return listOf(rows as ChannelCustomer[], total, q);
    },

    getCustomer: customerDetail,

    async createCustomer(ctx: RequestContext, input: CreateCustomer): Promise<ChannelCustomerDetail> {
      assertMayWrite(ctx.actor);
      checkTiers(input.kind, input);
      if (input.code && (await repo.codeTaken(db, input.code))) throw codeTaken(input.code);
      await checkAuthorised(input);
      const territoryId = await territoryFor(ctx, input.territoryId);
      const { territoryId: _t, ...values } = input;
      try {
        const created = await auditedCreate(db, ctx, {
          entity: 'channelCustomer',
          create: async (tx) => {
            const id = await repo.insertCustomer(tx, {
              ...values,
              code: values.code || null,
              nameInitials: searchInitials(values.name),
              status: 'designated',
            });
            await repo.insertStatusHistory(tx, {
              channelCustomerId: id,
              status: 'designated',
              reason: ruleMessage('zh-CN', 'channelParties.status.created') ?? '新建渠道客户',
              changedOn: today(),
              createdBy: ctx.actor.id,
            });
            if (territoryId) await repo.linkCustomerToTerritory(tx, territoryId, id);
            return id;
          },
          load: (tx, id) => repo.getCustomerRecord(tx, id),
        });
        return customerDetail(ctx, created.id);
      } catch (err) {
        if (input.code && isUniqueViolation(err)) throw codeTaken(input.code);
        throw err;
      }
    },

    async updateCustomer(
      ctx: RequestContext,
      id: string,
      input: UpdateCustomer,
    ): Promise<ChannelCustomerDetail> {
      const current = await writableCustomer(ctx, id);
      const kind = input.kind ?? current.kind;
      checkTiers(kind, input);
      if (input.code && (await repo.codeTaken(db, input.code, id))) throw codeTaken(input.code);
      await checkAuthorised(input, id);
      const { version, ...rest } = input;
      const values: Record<string, unknown> = definedOnly(rest);
      if (input.name) values.nameInitials = searchInitials(input.name);
      if (input.code === '') values.code = null;
      // a customer that changes kind drops the tier of the other kind
      if (kind === 'distributor') values.terminalTier = null;
      else values.distributorTier = null;
      try {
        await auditedChange(db, ctx, {
          entity: 'channelCustomer',
          id,
          load: loadCustomerRecord(id),
          write: (tx) => updateVersioned(tx, repo.channelCustomers, id, version, values),
        });
      } catch (err) {
        if (input.code && isUniqueViolation(err)) throw codeTaken(input.code);
        throw err;
      }
      return customerDetail(ctx, id);
    },

    /** 指定/暂停/流失 with the reason: the status and a history row, audited, in one transaction. */
    async changeStatus(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof changeChannelCustomerStatusSchema>,
    ): Promise<ChannelCustomerDetail> {
      await writableCustomer(ctx, id);
      const changedOn = input.changedOn ?? today();
      if (changedOn > today()) throw fieldError('body.changedOn', 'channelParties.status.future');
      await auditedChange(db, ctx, {
        entity: 'channelCustomer',
        id,
        load: loadCustomerRecord(id),
        write: async (tx, before) => {
          if (before.version !== input.version) throw versionConflict(before.version);
          if (before.status === input.status)
            throw new AppError('CONFLICT', {
              messageKey: 'channelParties.status.unchanged',
              params: {
                status: ruleMessage(ctx.locale, `channelParties.status.${input.status}`) ?? input.status,
              },
            });
          await updateVersioned(tx, repo.channelCustomers, id, input.version, { status: input.status });
          await repo.insertStatusHistory(tx, {
            channelCustomerId: id,
            status: input.status,
            reason: input.reason,
            changedOn,
            createdBy: ctx.actor.id,
          });
        },
      });
      return customerDetail(ctx, id);
    },

    async findStatusHistory(ctx: RequestContext, id: string) {
      await visibleCustomer(ctx, id);
      return allOf(await repo.findStatusHistory(db, id));
    },

    /** Attrition per year over the customers in scope (rule: domain channelAttrition). */
    async attrition(ctx: RequestContext, q: { kind?: string; years: number }) {
      const events = await repo.findStatusEvents(db, {
        kind: q.kind,
        scope: customerScope(ctx)(repo.channelCustomers.id),
      });
      const thisYear = Number(today().slice(0, 4));
      const years = Array.from({ length: q.years }, (_, i) => thisYear - q.years + 1 + i);
      return {
        items: channelAttrition(
          events.map((e) => ({ customerId: e.customerId, status: e.status, changedOn: e.changedOn })),
          years,
        ),
      };
    },

    // ── licences ──
    async findCustomerLicences(ctx: RequestContext, id: string): Promise<ListResponse<ChannelLicence>> {
      await visibleCustomer(ctx, id);
      const [{ rows }, s] = await Promise.all([repo.findLicences(db, { channelCustomerId: id }), settings()]);
      const t = today();
      return allOf(rows.map((r) => toLicence(r, t, s.licenceWarnDays, masksIdNumbers(ctx))));
    },

    async findLicences(
      ctx: RequestContext,
      q: z.infer<typeof channelLicenceListQuerySchema>,
    ): Promise<ListResponse<ChannelLicence>> {
      const t = today();
      const s = await settings();
      const { rows, total } = await repo.findLicences(
        db,
        {
          channelCustomerId: q.channelCustomerId,
          kind: q.kind,
          validUntilOnOrBefore:
            q.expiringWithinDays === undefined ? undefined : addDays(t, q.expiringWithinDays),
          scope: customerScope(ctx)(repo.channelLicences.channelCustomerId),
        },
        q,
      );
      return listOf(
        rows.map((r) => toLicence(r, t, s.licenceWarnDays, masksIdNumbers(ctx))),
        total,
        q,
      );
    },

    async createLicence(
      ctx: RequestContext,
      customerId: string,
      input: z.infer<typeof createChannelLicenceSchema>,
    ): Promise<ChannelLicence> {
      await writableCustomer(ctx, customerId);
      checkLicenceDates(input.validFrom, input.validUntil);
      const created = await auditedCreate(db, ctx, {
        entity: 'channelLicence',
        create: (tx) => repo.insertLicence(tx, { ...input, channelCustomerId: customerId }),
        load: (tx, id) => licenceForAudit(id)(tx),
      });
      return licenceOut(ctx, created.id);
    },

    async updateLicence(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateChannelLicenceSchema>,
    ): Promise<ChannelLicence> {
      assertMayWrite(ctx.actor);
      const current = await repo.getLicence(
        db,
        id,
        customerScope(ctx)(repo.channelLicences.channelCustomerId),
      );
      if (!current) throw notFound();
      checkLicenceDates(
        input.validFrom === undefined ? current.validFrom : input.validFrom,
        input.validUntil === undefined ? current.validUntil : input.validUntil,
      );
      const { version, ...rest } = input;
      await auditedChange(db, ctx, {
        entity: 'channelLicence',
        id,
        load: licenceForAudit(id),
        write: (tx) => updateVersioned(tx, repo.channelLicences, id, version, definedOnly(rest)),
      });
      return licenceOut(ctx, id);
    },

    async deleteLicence(ctx: RequestContext, id: string): Promise<void> {
      assertMayWrite(ctx.actor);
      const current = await repo.getLicence(
        db,
        id,
        customerScope(ctx)(repo.channelLicences.channelCustomerId),
      );
      if (!current) throw notFound();
      await db.transaction(async (tx) => {
        const before = await licenceForAudit(id)(tx);
        if (!before) throw notFound();
        await repo.deleteLicence(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channelLicence',
          entityId: id,
          action: 'delete',
          before,
        });
      });
    },

    // ── contacts ──
    async findContacts(ctx: RequestContext, customerId: string): Promise<ListResponse<ChannelContact>> {
      await visibleCustomer(ctx, customerId);
      return allOf((await repo.findContacts(db, customerId)) as ChannelContact[]);
    },

    async createContact(
      ctx: RequestContext,
      customerId: string,
      input: z.infer<typeof createChannelContactSchema>,
    ): Promise<ChannelContact> {
      await writableCustomer(ctx, customerId);
      return (await auditedCreate(db, ctx, {
        entity: 'channelContact',
        create: (tx) => repo.insertContact(tx, { ...input, channelCustomerId: customerId }),
        load: (tx, id) => repo.getContact(tx, id),
      })) as ChannelContact;
    },

    async updateContact(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateChannelContactSchema>,
    ): Promise<ChannelContact> {
      assertMayWrite(ctx.actor);
      const current = await repo.getContact(
        db,
        id,
        customerScope(ctx)(repo.channelContacts.channelCustomerId),
      );
      if (!current) throw notFound();
      const { version, ...rest } = input;
      return (await auditedChange(db, ctx, {
        entity: 'channelContact',
        id,
        load: (tx) => repo.getContact(tx, id),
        write: (tx) => updateVersioned(tx, repo.channelContacts, id, version, definedOnly(rest)),
      })) as ChannelContact;
    },

    // ── supply contracts ──
    async findContracts(
      ctx: RequestContext,
      q: z.infer<typeof supplyContractListQuerySchema>,
    ): Promise<ListResponse<SupplyContract>> {
      const { rows, total } = await repo.findContracts(
        db,
        { ...q, scope: customerScope(ctx)(repo.supplyContracts.channelCustomerId) },
        q,
      );
      return listOf(rows.map(toContract), total, q);
    },

    async getContract(ctx: RequestContext, id: string): Promise<SupplyContract> {
      return toContract(await visibleContract(ctx, id));
    },

    async createContract(
      ctx: RequestContext,
      input: z.infer<typeof createSupplyContractSchema>,
    ): Promise<SupplyContract> {
      await writableCustomer(ctx, input.channelCustomerId);
      if (input.endsOn < input.startsOn)
        throw fieldError('body.endsOn', 'channelParties.contract.endBeforeStart');
      if (await repo.contractNoTaken(db, input.contractNo)) throw contractNoTaken(input.contractNo);
      const lines = await contractLines(input.lines);
      const { lines: _l, ...values } = input;
      try {
        const created = await auditedCreate(db, ctx, {
          entity: 'supplyContract',
          create: async (tx) => {
            const id = await repo.insertContract(tx, { ...values, createdBy: ctx.actor.id });
            await repo.replaceContractLines(tx, id, lines);
            return id;
          },
          load: (tx, id) => loadContract(id)(tx),
        });
        return toContract(created);
      } catch (err) {
        if (isUniqueViolation(err)) throw contractNoTaken(input.contractNo);
        throw err;
      }
    },

    async updateContract(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateSupplyContractSchema>,
    ): Promise<SupplyContract> {
      assertMayWrite(ctx.actor);
      const current = await visibleContract(ctx, id);
      const startsOn = input.startsOn ?? current.startsOn;
      const endsOn = input.endsOn ?? current.endsOn;
      if (endsOn < startsOn) throw fieldError('body.endsOn', 'channelParties.contract.endBeforeStart');
      if (input.contractNo && (await repo.contractNoTaken(db, input.contractNo, id)))
        throw contractNoTaken(input.contractNo);
      const lines = input.lines ? await contractLines(input.lines) : undefined;
      const { version, lines: _l, ...rest } = input;
      try {
        return toContract(
          await auditedChange(db, ctx, {
            entity: 'supplyContract',
            id,
            load: loadContract(id),
            write: async (tx) => {
              await updateVersioned(tx, repo.supplyContracts, id, version, definedOnly(rest));
              if (lines) await repo.replaceContractLines(tx, id, lines);
            },
          }),
        );
      } catch (err) {
        if (input.contractNo && isUniqueViolation(err)) throw contractNoTaken(input.contractNo);
        throw err;
      }
    },

    // ── channel products ──
    async findChannelProducts(
      _ctx: RequestContext,
      q: z.infer<typeof channelProductListQuerySchema>,
    ): Promise<ListResponse<ChannelProduct>> {
      const { rows, total } = await repo.findChannelProducts(db, q, q);
      return listOf(rows.map(toChannelProduct), total, q);
    },

    getChannelProduct: (_ctx: RequestContext, productId: string) => channelProduct(productId),

    /** Creates or replaces the product's channel row (admin); the version is required once the row exists. */
    async putChannelProduct(
      ctx: RequestContext,
      productId: string,
      input: z.infer<typeof putChannelProductSchema>,
    ): Promise<ChannelProduct> {
      assertAdmin(ctx.actor);
      if ((await repo.countExisting(db, 'products', [productId])) !== 1) throw notFound();
      if (input.replacementProductId) {
        if (input.replacementProductId === productId)
          throw fieldError('body.replacementProductId', 'channelParties.product.replacementSelf');
        if ((await repo.countExisting(db, 'products', [input.replacementProductId])) !== 1)
          throw fieldError('body.replacementProductId', 'channelParties.product.unknown');
      }
      const values = {
        tierRole: input.tierRole,
        lifecycleStage: input.lifecycleStage,
        factoryPriceFen: input.prices.factory,
        orderPriceFen: input.prices.order,
        distributorPriceFen: input.prices.distributor,
        purchasePriceFen: input.prices.purchase,
        retailPriceFen: input.prices.retail,
        minResalePriceFen: input.minResalePriceFen,
        competitorName: input.competitorName ?? null,
        competitorPrices: input.competitorPrices ?? null,
        supplied: input.supplied,
        delistedOn: input.supplied ? null : (input.delistedOn ?? today()),
        replacementProductId: input.replacementProductId ?? null,
      };
      const load = (tx: Db) => repo.getChannelProductRow(tx, productId);
      const existing = await load(db);
      if (!existing) {
        try {
          await auditedCreate(db, ctx, {
            entity: 'channelProduct',
            create: async (tx) => {
              await repo.insertChannelProduct(tx, { productId, ...values });
              return productId;
            },
            load: (tx) => load(tx),
          });
        } catch (err) {
          // someone created it meanwhile: the caller's view is stale
          if (isUniqueViolation(err)) throw versionConflict(1);
          throw err;
        }
      } else {
        await auditedChange(db, ctx, {
          entity: 'channelProduct',
          id: productId,
          load,
          write: async (tx, before) => {
            if (input.version !== before.version) throw versionConflict(before.version);
            if (!(await repo.updateChannelProduct(tx, productId, before.version, values)))
              throw versionConflict(before.version + 1);
          },
        });
      }
      return channelProduct(productId);
    },

    async findTierPrices(_ctx: RequestContext, productId: string) {
      if ((await repo.countExisting(db, 'products', [productId])) !== 1) throw notFound();
      return { productId, items: await repo.findTierPrices(db, productId) };
    },

    async putTierPrices(
      ctx: RequestContext,
      productId: string,
      input: z.infer<typeof putChannelTierPricesSchema>,
    ) {
      assertAdmin(ctx.actor);
      if ((await repo.countExisting(db, 'products', [productId])) !== 1) throw notFound();
      if (new Set(input.items.map((i) => i.distributorTier)).size !== input.items.length)
        throw fieldError('body.items', 'channelParties.tierPrices.duplicateTier');
      await db.transaction(async (tx) => {
        const strip = (rows: Awaited<ReturnType<typeof repo.findTierPrices>>) =>
          Object.fromEntries(
            rows.map((r) => [
              r.distributorTier,
              { supplyPriceFen: r.supplyPriceFen, minResalePriceFen: r.minResalePriceFen },
            ]),
          );
        const before = strip(await repo.findTierPrices(tx, productId));
        await repo.replaceTierPrices(tx, productId, input.items);
        const after = strip(await repo.findTierPrices(tx, productId));
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'channelTierPrices',
          entityId: productId,
          action: 'update',
          before,
          after,
        });
      });
      return { productId, items: await repo.findTierPrices(db, productId) };
    },

    // ── rebate policies ──
    async findRebatePolicies(
      _ctx: RequestContext,
      q: z.infer<typeof rebatePolicyListQuerySchema>,
    ): Promise<ListResponse<RebatePolicy>> {
      const { rows, total } = await repo.findRebatePolicies(db, q, q);
      return listOf(rows.map(toRebate), total, q);
    },

    async getRebatePolicy(_ctx: RequestContext, id: string): Promise<RebatePolicy> {
      const row = await repo.getRebatePolicy(db, id);
      if (!row) throw notFound();
      return toRebate(row);
    },

    async createRebatePolicy(
      ctx: RequestContext,
      input: z.infer<typeof createRebatePolicySchema>,
    ): Promise<RebatePolicy> {
      assertAdmin(ctx.actor);
      await checkRebate(input);
      return toRebate(
        await auditedCreate(db, ctx, {
          entity: 'rebatePolicy',
          create: (tx) => repo.insertRebatePolicy(tx, { ...input, steps: input.steps ?? [] }),
          load: (tx, id) => repo.getRebatePolicy(tx, id),
        }),
      );
    },

    async updateRebatePolicy(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateRebatePolicySchema>,
    ): Promise<RebatePolicy> {
      assertAdmin(ctx.actor);
      const current = await repo.getRebatePolicy(db, id);
      if (!current) throw notFound();
      await checkRebate({
        productId: input.productId,
        validFrom: input.validFrom ?? current.validFrom,
        validUntil: input.validUntil === undefined ? current.validUntil : input.validUntil,
      });
      const { version, ...rest } = input;
      return toRebate(
        await auditedChange(db, ctx, {
          entity: 'rebatePolicy',
          id,
          load: (tx) => repo.getRebatePolicy(tx, id),
          write: (tx) => updateVersioned(tx, repo.rebatePolicies, id, version, definedOnly(rest)),
        }),
      );
    },

    // ── channel visits ──
    async findVisits(
      ctx: RequestContext,
      q: z.infer<typeof channelVisitListQuerySchema>,
    ): Promise<ListResponse<ChannelVisit>> {
      const scope = scopeOf(ctx.actor);
      const visibility = scope.all
        ? undefined
        : or(
            scope.channelCustomers(repo.channelVisits.channelCustomerId),
            scope.users(repo.channelVisits.ownerId),
          );
      const { rows, total } = await repo.findVisits(db, { ...q, scope: visibility }, q);
      return listOf(rows as ChannelVisit[], total, q);
    },

    /** A rep or manager logs a visit, call or message to a channel customer in their scope. */
    async createVisit(
      ctx: RequestContext,
      input: z.infer<typeof createChannelVisitSchema>,
    ): Promise<ChannelVisit> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
        throw forbidden('channelParties.visit.roleCannotCreate');
      await visibleCustomer(ctx, input.channelCustomerId);
      if (input.visitDate > today()) throw fieldError('body.visitDate', 'channelParties.visit.future');
      return (await auditedCreate(db, ctx, {
        entity: 'channelVisit',
        create: (tx) => repo.insertVisit(tx, { ...input, ownerId: ctx.actor.id }),
        load: (tx, id) => repo.getVisit(tx, id),
      })) as ChannelVisit;
    },

    /** Pharmacies and clinics in scope due or overdue for a visit by their tier's interval (settings or defaults). */
    async findDueVisits(
      ctx: RequestContext,
      q: z.infer<typeof channelVisitDueQuerySchema>,
    ): Promise<ListResponse<ChannelVisitDue>> {
      const [rows, s] = await Promise.all([
        repo.findTerminalsWithLastVisit(db, customerScope(ctx)(repo.channelCustomers.id)),
        settings(),
      ]);
      const t = today();
      const due: ChannelVisitDue[] = [];
      for (const r of rows) {
        const tier = r.terminalTier as TerminalTier;
        const status = terminalVisitStatus(r.lastVisitDate ?? null, tier, t, s.terminalVisitDays);
        if (status.state === 'ok' || (q.state && status.state !== q.state)) continue;
        if (q.q && !r.name.includes(q.q)) continue;
        due.push({
          id: r.id,
          name: r.name,
          kind: r.kind,
          city: r.city,
          terminalTier: tier,
          lastVisitDate: r.lastVisitDate ?? null,
          daysSince: status.daysSince,
          dueDate: status.dueDate,
          intervalDays: status.intervalDays,
          state: status.state,
        });
      }
      // overdue first, never visited first among them, then the longest since the last visit
      const rank = (d: ChannelVisitDue) => (d.state === 'overdue' ? 0 : 1);
      due.sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (b.daysSince ?? Number.MAX_SAFE_INTEGER) - (a.daysSince ?? Number.MAX_SAFE_INTEGER) ||
          a.name.localeCompare(b.name, 'zh-CN'),
      );
      const start = (q.page - 1) * q.pageSize;
      return listOf(due.slice(start, start + q.pageSize), due.length, q);
    },
  };
}
export type PartiesService = ReturnType<typeof createPartiesService>;
