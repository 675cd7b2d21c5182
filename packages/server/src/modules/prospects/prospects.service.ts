/**
 * 客户开发 channel prospects: a rep's prospective distributors, pharmacies and clinics, their development phases
 * (准备 → 实施 → 修正 → 评价), qualification (licences, credit check) and their conversion into a channel customer.
 *
 * Who: the owner and whoever sees the owner (scope.ts users: a rep themself, a manager their teams' members, admin
 * and compliance everyone) read; the same people but compliance write (rep: own; manager: own and team's; admin).
 * A converted prospect is locked; a dropped one carries its reason.
 *
 * Conversion writes the channel customer (status 指定 and its history row), its territory link (one of the
 * owner's), the prospect's licences, the optional supply contract with its lines and the prospect itself in ONE
 * transaction, through the channel parties repository so the customer rows look exactly like hand-made ones.
 */
import type { z } from 'zod';
import {
  checklistOf,
  chinaDate,
  conversionReadiness,
  nextPhasesOf,
  phaseMoveAllowed,
  prospectPhases,
  prospectSources,
  qualificationOf,
  searchInitials,
  type ConversionGap,
  type ProspectPhase,
} from '@keqing/domain';
import {
  ruleMessage,
  type convertProspectSchema,
  type createProspectSchema,
  type dropProspectSchema,
  type ListResponse,
  type Locale,
  type moveProspectPhaseSchema,
  type Prospect,
  type ProspectConversion,
  type ProspectDetail,
  type ProspectFunnel,
  type prospectFunnelQuerySchema,
  type prospectListQuerySchema,
  type updateProspectSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as parties from '../channel/parties.repository.ts';
import * as repo from './prospects.repository.ts';

type ConvertInput = z.output<typeof convertProspectSchema>;

const toProspect = (r: repo.ProspectRow): Prospect => ({
  ...r,
  qualification: qualificationOf(r.qualification) as Prospect['qualification'],
});

const locked = (status: 'converted' | 'dropped') =>
  new AppError('CONFLICT', { messageKey: `prospects.locked.${status}` });

const phaseLabel = (locale: Locale, phase: ProspectPhase) =>
  ruleMessage(locale, `prospects.phase.${phase}`) ?? phase;

/** What a conversion still lacks, listed in the caller's language. */
export function missingText(locale: Locale, missing: ConversionGap[]): string {
  return missing
    .map((m) => ruleMessage(locale, `prospects.gap.${m}`) ?? m)
    .join(locale === 'zh-CN' ? '、' : ', ');
}

const codeTaken = (code: string) =>
  new AppError('CONFLICT', {
    messageKey: 'channelParties.code.taken',
    params: { code },
    details: [{ path: 'body.customer.code', message: 'channelParties.code.taken' }],
  });
const contractNoTaken = (contractNo: string) =>
  new AppError('CONFLICT', {
    messageKey: 'channelParties.contract.noTaken',
    params: { contractNo },
    details: [{ path: 'body.contract.contractNo', message: 'channelParties.contract.noTaken' }],
  });

export function createProspectsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  const ownerScope = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.channelProspects.ownerId);

  async function visibleProspect(ctx: RequestContext, id: string) {
    const row = await repo.getProspect(db, id, ownerScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  /** Writes: not compliance, and only a prospect whose owner the caller sees (404 otherwise). */
  async function writableProspect(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    return visibleProspect(ctx, id);
  }

  /** Phase moves, conversion and drop need an open prospect. */
  function assertOpen(row: repo.ProspectRow) {
    if (row.status !== 'open') throw locked(row.status);
  }

  function toDetail(ctx: RequestContext, row: repo.ProspectRow): ProspectDetail {
    const prospect = toProspect(row);
    const readiness = conversionReadiness(prospect, today());
    const open = prospect.status === 'open';
    return {
      ...prospect,
      checklist: checklistOf(prospect.phase).map((i) => ({
        key: i.key,
        label: i.label[ctx.locale],
        advice: i.advice[ctx.locale],
      })),
      nextPhases: open ? [...nextPhasesOf(prospect.phase)] : [],
      readiness: {
        ...readiness,
        message: readiness.ready ? null : missingText(ctx.locale, readiness.missing),
      },
      mayEdit: ctx.actor.role !== 'compliance' && prospect.status !== 'converted',
    };
  }

  const detailOf = async (ctx: RequestContext, id: string) => toDetail(ctx, await visibleProspect(ctx, id));
  const loadRecord = (id: string) => async (tx: Db) => repo.getProspect(tx, id);

  /** The owner a read or a create names: the caller, or a user in the caller's user scope. */
  async function ownerOf(ctx: RequestContext, ownerId: string | undefined, path?: string) {
    if (!ownerId || ownerId === ctx.actor.id) return ctx.actor.id;
    const user = await repo.getVisibleUser(db, ownerId, scopeOf(ctx.actor).users(repo.users.id));
    if (!user) throw path ? fieldError(path, 'prospects.owner.outOfScope') : notFound();
    return user.id;
  }

  /** The territory of the new customer: one of the owner's today (the one named, or their only one). */
  async function territoryFor(ownerId: string, territoryId: string | undefined) {
    const mine = await repo.findTerritoriesOfUser(db, ownerId);
    if (territoryId) {
      if (!mine.some((t) => t.id === territoryId))
        throw fieldError('body.customer.territoryId', 'prospects.territory.notOwners');
      return territoryId;
    }
    if (mine.length === 0) throw fieldError('body.customer.territoryId', 'prospects.territory.none');
    if (mine.length > 1) throw fieldError('body.customer.territoryId', 'prospects.territory.required');
    return mine[0]!.id;
  }

  /** The channel parties' rules on a new customer and contract, checked before the transaction. */
  async function checkConversion(prospect: Prospect, input: ConvertInput) {
    const c = input.customer;
    if (prospect.kind !== 'distributor' && c.distributorTier)
      throw fieldError('body.customer.distributorTier', 'channelParties.tier.distributorOnly');
    if (prospect.kind === 'distributor' && c.terminalTier)
      throw fieldError('body.customer.terminalTier', 'channelParties.tier.terminalOnly');
    if (c.code && (await parties.codeTaken(db, c.code))) throw codeTaken(c.code);
    if (!(c.city ?? prospect.city)) throw fieldError('body.customer.city', 'prospects.city.required');
    const k = input.contract;
    if (!k) return;
    if (k.endsOn < k.startsOn)
      throw fieldError('body.contract.endsOn', 'channelParties.contract.endBeforeStart');
    if (await parties.contractNoTaken(db, k.contractNo)) throw contractNoTaken(k.contractNo);
    const productIds = k.lines.map((l) => l.productId);
    if ((await parties.countExisting(db, 'products', productIds)) !== new Set(productIds).size)
      throw fieldError('body.contract.lines', 'channelParties.contract.unknownProduct');
  }

  return {
    async findProspects(
      ctx: RequestContext,
      q: z.output<typeof prospectListQuerySchema>,
    ): Promise<ListResponse<Prospect>> {
      const { rows, total } = await repo.findProspects(db, { ...q, scope: ownerScope(ctx) }, q);
      return listOf(rows.map(toProspect), total, q);
    },

    getProspect: detailOf,

    /** Open prospects per phase and all prospects per source by status, with conversion rates. */
    async getFunnel(
      ctx: RequestContext,
      q: z.output<typeof prospectFunnelQuerySchema>,
    ): Promise<ProspectFunnel> {
      const ownerId = q.ownerId ? await ownerOf(ctx, q.ownerId) : undefined;
      const counts = await repo.countProspects(db, { ownerId, scope: ownerScope(ctx) });
      const rate = (converted: number, total: number) => (total === 0 ? null : converted / total);
      const sum = (pick: (c: (typeof counts)[number]) => boolean) =>
        counts.filter(pick).reduce((n, c) => n + c.n, 0);
      const bySource = prospectSources.map((source) => {
        const of = (status: string) => sum((c) => c.source === source && c.status === status);
        const total = sum((c) => c.source === source);
        return {
          source,
          total,
          open: of('open'),
          converted: of('converted'),
          dropped: of('dropped'),
          conversionRate: rate(of('converted'), total),
        };
      });
      const total = sum(() => true);
      const converted = sum((c) => c.status === 'converted');
      return {
        phases: prospectPhases.map((phase) => ({
          phase,
          open: sum((c) => c.phase === phase && c.status === 'open'),
        })),
        sources: bySource,
        total,
        open: sum((c) => c.status === 'open'),
        converted,
        dropped: sum((c) => c.status === 'dropped'),
        conversionRate: rate(converted, total),
      };
    },

    /** Idempotent on (owner, clientId): a resend answers the stored prospect with `created: false`. */
    async createProspect(
      ctx: RequestContext,
      input: z.output<typeof createProspectSchema>,
    ): Promise<{ prospect: ProspectDetail; created: boolean }> {
      assertMayWrite(ctx.actor);
      const ownerId = await ownerOf(ctx, input.ownerId, 'body.ownerId');
      const again = async () => {
        const found = await repo.findProspectByClientId(db, ownerId, input.clientId);
        return found && { prospect: await detailOf(ctx, found.id), created: false };
      };
      const existing = await again();
      if (existing) return existing;
      const { ownerId: _o, qualification, ...values } = input;
      try {
        const created = await auditedCreate(db, ctx, {
          entity: 'channelProspect',
          create: (tx) =>
            repo.insertProspect(tx, {
              ...values,
              ownerId,
              qualification: qualification ?? { licences: [], creditCheck: { result: 'pending' } },
            }),
          load: (tx, id) => repo.getProspect(tx, id),
        });
        return { prospect: toDetail(ctx, created), created: true };
      } catch (err) {
        if (isUniqueViolation(err)) {
          const raced = await again();
          if (raced) return raced;
        }
        throw err;
      }
    },

    async updateProspect(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateProspectSchema>,
    ): Promise<ProspectDetail> {
      const current = await writableProspect(ctx, id);
      if (current.status === 'converted') throw locked('converted');
      const { version, ...rest } = input;
      const after = await auditedChange(db, ctx, {
        entity: 'channelProspect',
        id,
        load: loadRecord(id),
        write: (tx) => updateVersioned(tx, repo.channelProspects, id, version, definedOnly(rest)),
      });
      return toDetail(ctx, after);
    },

    /** 准备 → 实施 → 修正 → 评价, one step forward; 修正 may go back to 实施. */
    async movePhase(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof moveProspectPhaseSchema>,
    ): Promise<ProspectDetail> {
      const current = await writableProspect(ctx, id);
      assertOpen(current);
      if (!phaseMoveAllowed(current.phase, input.phase))
        throw fieldError('body.phase', 'prospects.phase.notAllowed', {
          from: phaseLabel(ctx.locale, current.phase),
          to: phaseLabel(ctx.locale, input.phase),
        });
      const after = await auditedChange(db, ctx, {
        entity: 'channelProspect',
        id,
        load: loadRecord(id),
        write: (tx) => updateVersioned(tx, repo.channelProspects, id, input.version, { phase: input.phase }),
      });
      return toDetail(ctx, after);
    },

    async dropProspect(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof dropProspectSchema>,
    ): Promise<ProspectDetail> {
      const current = await writableProspect(ctx, id);
      assertOpen(current);
      const after = await auditedChange(db, ctx, {
        entity: 'channelProspect',
        id,
        load: loadRecord(id),
        write: (tx) =>
          updateVersioned(tx, repo.channelProspects, id, input.version, {
            status: 'dropped',
            droppedReason: input.reason,
          }),
      });
      return toDetail(ctx, after);
    },

    /** The prospect becomes a channel customer (and its contract) in one transaction; 409 once converted. */
    async convertProspect(ctx: RequestContext, id: string, input: ConvertInput): Promise<ProspectConversion> {
      const current = await writableProspect(ctx, id);
      if (current.status === 'converted')
        throw new AppError('CONFLICT', { messageKey: 'prospects.convert.already' });
      assertOpen(current);
      if (current.version !== input.version) throw versionConflict(current.version);
      const prospect = toProspect(current);
      const readiness = conversionReadiness(prospect, today());
      if (!readiness.ready)
        throw new AppError('BAD_REQUEST', {
          messageKey: 'prospects.convert.notReady',
          params: { missing: missingText(ctx.locale, readiness.missing) },
          details: { missing: readiness.missing },
        });
      await checkConversion(prospect, input);
      const territoryId = await territoryFor(prospect.ownerId, input.customer.territoryId);
      const { territoryId: _t, city, code, ...customer } = input.customer;
      type Row = Record<string, unknown> | undefined;
      const audit = (
        entity: string,
        entityId: string,
        action: 'create' | 'update',
        after: Row,
        before?: Row,
      ) => ({
        actorId: ctx.actor.id,
        requestId: ctx.requestId,
        entity,
        entityId,
        action,
        before,
        after,
      });

      try {
        return await db.transaction(async (tx) => {
          const before = await repo.getProspect(tx, id);
          const customerId = await parties.insertCustomer(tx, {
            ...customer,
            kind: prospect.kind,
            name: prospect.name,
            nameInitials: searchInitials(prospect.name),
            code: code || null,
            city: (city ?? prospect.city)!,
            address: customer.address ?? prospect.address,
            status: 'designated',
          });
          await parties.insertStatusHistory(tx, {
            channelCustomerId: customerId,
            status: 'designated',
            reason: ruleMessage('zh-CN', 'prospects.convert.statusReason')!,
            changedOn: today(),
            createdBy: ctx.actor.id,
          });
          await parties.linkCustomerToTerritory(tx, territoryId, customerId);
          for (const l of prospect.qualification.licences)
            await parties.insertLicence(tx, {
              channelCustomerId: customerId,
              kind: l.kind,
              number: l.number,
              validUntil: l.validUntil,
            });
          await insertAudit(
            tx,
            audit('channelCustomer', customerId, 'create', await parties.getCustomerRecord(tx, customerId)),
          );

          let contractId: string | null = null;
          if (input.contract) {
            const { lines, ...contract } = input.contract;
            contractId = await parties.insertContract(tx, {
              ...contract,
              channelCustomerId: customerId,
              createdBy: ctx.actor.id,
            });
            await parties.replaceContractLines(
              tx,
              contractId,
              lines.map((l) => ({
                productId: l.productId,
                specification: l.specification ?? null,
                quantity: l.quantity,
                unitPriceFen: l.unitPriceFen,
                amountFen: l.quantity * l.unitPriceFen,
              })),
            );
            await insertAudit(
              tx,
              audit('supplyContract', contractId, 'create', await parties.getContract(tx, contractId)),
            );
          }

          if (
            !(await repo.markConverted(tx, id, input.version, {
              convertedCustomerId: customerId,
              convertedAt: now().toISOString(),
            }))
          )
            throw versionConflict(input.version + 1);
          const after = (await repo.getProspect(tx, id))!;
          await insertAudit(tx, audit('channelProspect', id, 'update', after, before));
          return { customerId, contractId, prospect: toDetail(ctx, after) };
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          if (code && (await parties.codeTaken(db, code))) throw codeTaken(code);
          if (input.contract && (await parties.contractNoTaken(db, input.contract.contractNo)))
            throw contractNoTaken(input.contract.contractNo);
        }
        throw err;
      }
    },
  };
}
export type ProspectsService = ReturnType<typeof createProspectsService>;
