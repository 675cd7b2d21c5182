import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  addDays,
  checkStageMove,
  chinaDate,
  daysBetween,
  defaultStalledAfterDays,
  stageConversion,
  stalledDays,
  timeInStage,
  type PipelineStage,
} from '@keqing/domain';
import type {
  createPipelineSchema,
  ListResponse,
  movePipelineStageSchema,
  PipelineBoard,
  pipelineBoardQuerySchema,
  PipelineDetail,
  PipelineDocument,
  PipelineItem,
  pipelineListQuerySchema,
  PipelinePerson,
  PipelinePersonInput,
  updatePipelineSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import * as s from '../../db/schema.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { getListing, upsertListing } from '../segmentation/segmentation.repository.ts';
import * as repo from './pipeline.repository.ts';

/** The board's column order: the path, then the rejected ones. */
const boardStages: PipelineStage[] = [
  'target',
  'applied',
  'pharmacyReview',
  'committee',
  'listed',
  'firstPurchase',
  'stableUse',
  'rejected',
];

type StoredPerson = PipelinePersonInput;

/**
 * 进药 pipeline: one per hospital × product, seen by whoever sees the hospital (scope.ts hospitals). The reps
 * covering the hospital, their managers and admins write; compliance reads. Reaching 进药 (or beyond) marks the
 * product listed at the hospital through segmentation's listing write, in the same transaction as the move.
 */
export function createPipelineService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());
  const threshold = defaultStalledAfterDays;

  const hospitalScope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).hospitals(repo.listingPipelines.hospitalId);

  function toItem(r: repo.PipelineRow, day: string): PipelineItem {
    const stalled = stalledDays(
      { stage: r.stage, closed: r.closed, lastActivityDate: chinaDate(new Date(r.lastActivityAt)) },
      day,
      threshold,
    );
    return {
      id: r.id,
      hospitalId: r.hospitalId,
      hospitalName: r.hospitalName,
      productId: r.productId,
      productName: r.productName,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      stage: r.stage,
      stageDate: r.stageDate,
      daysInStage: Math.max(0, daysBetween(r.stageDate, day)),
      stalled: stalled !== null,
      stalledDays: stalled,
      nextAction: r.nextAction,
      nextActionDue: r.nextActionDue,
      closed: r.closed,
      lastActivityAt: r.lastActivityAt,
      version: r.version,
    };
  }

  async function resolvePeople(stored: StoredPerson[]): Promise<PipelinePerson[]> {
    const doctorNames = new Map(
      (
        await repo.namesOfDoctors(
          db,
          stored.flatMap((p) => (p.doctorId ? [p.doctorId] : [])),
        )
      ).map((d) => [d.id, d.name]),
    );
    const contactNames = new Map(
      (
        await repo.namesOfKeyContacts(
          db,
          stored.flatMap((p) => (p.keyContactId ? [p.keyContactId] : [])),
        )
      ).map((k) => [k.id, k.name]),
    );
    return stored.map((p) => ({
      role: p.role,
      doctorId: p.doctorId ?? null,
      keyContactId: p.keyContactId ?? null,
      name:
        (p.doctorId && doctorNames.get(p.doctorId)) ||
        (p.keyContactId && contactNames.get(p.keyContactId)) ||
        p.name ||
        '',
      note: p.note ?? null,
    }));
  }

  /** People must be the hospital's own doctors or key contacts (a free name is allowed too). */
  async function checkPeople(tx: Db, hospitalId: string, people: PipelinePersonInput[] | undefined) {
    if (!people) return undefined;
    const doctorIds = [...new Set(people.flatMap((p) => (p.doctorId ? [p.doctorId] : [])))];
    const contactIds = [...new Set(people.flatMap((p) => (p.keyContactId ? [p.keyContactId] : [])))];
    const doctorsFound = new Set((await repo.doctorsAt(tx, hospitalId, doctorIds)).map((d) => d.id));
    const contactsFound = new Set((await repo.keyContactsAt(tx, hospitalId, contactIds)).map((k) => k.id));
    people.forEach((p, i) => {
      if (
        (p.doctorId && !doctorsFound.has(p.doctorId)) ||
        (p.keyContactId && !contactsFound.has(p.keyContactId))
      )
        throw fieldError(`body.people.${i}`, 'pipeline.person.notAtHospital');
    });
    return people.map((p) => definedOnly(p));
  }

  async function detailOf(ctx: RequestContext, id: string): Promise<PipelineDetail> {
    const row = await repo.getPipeline(db, id, hospitalScope(ctx));
    if (!row) throw notFound();
    const events = await repo.findEvents(db, [id]);
    return {
      ...toItem(row, today()),
      people: await resolvePeople((row.people ?? []) as StoredPerson[]),
      documents: (row.documents ?? []) as PipelineDocument[],
      notes: row.notes,
      events: events.map(({ pipelineId: _p, ...e }) => e),
      mayWrite: ctx.actor.role !== 'compliance',
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** A pipeline the caller may change: compliance 403, out of scope 404. */
  async function writable(ctx: RequestContext, id: string) {
    assertMayWrite(ctx.actor);
    const row = await repo.getPipeline(db, id, hospitalScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  /** Who drives a new pipeline: the named rep (covering the hospital, visible to the caller), the calling rep, or the first covering rep. */
  async function ownerFor(ctx: RequestContext, hospitalId: string, ownerId: string | undefined) {
    const scope = scopeOf(ctx.actor);
    const covering = await repo.repsCovering(db, hospitalId);
    const visible: string[] = [];
    for (const r of covering) {
      if (await repo.getVisibleUser(db, r.id, scope.users(repo.users.id))) visible.push(r.id);
    }
    if (ownerId) {
      if (!visible.includes(ownerId)) throw fieldError('body.ownerId', 'pipeline.ownerInvalid');
      return ownerId;
    }
    if (ctx.actor.role === 'rep') return ctx.actor.id;
    return visible[0] ?? ctx.actor.id;
  }

  /** The product must be one of the territory products where the caller covers the hospital (admins: any active product). */
  async function checkProduct(ctx: RequestContext, hospitalId: string, productId: string) {
    const product = await repo.getActiveProduct(db, productId);
    if (!product) throw fieldError('body.productId', 'pipeline.productUnknown');
    const scope = scopeOf(ctx.actor);
    if (scope.all) return;
    const lists = await repo.territoryProductsAt(db, hospitalId, scope.territories(s.territories.id));
    // a territory without a product list carries every product
    if (lists.some((l) => l.length === 0 || l.includes(productId))) return;
    throw fieldError('body.productId', 'pipeline.productOutsideTerritory');
  }

  function checkNotFuture(path: string, date: string, messageKey: string) {
    if (date > today()) throw fieldError(path, messageKey, { today: today() });
  }

  /** Keeps hospital_product_listings (read by the segmentation rules) in step with the stage, audited. */
  async function syncListing(
    tx: Db,
    ctx: RequestContext,
    p: { hospitalId: string; productId: string },
    listed: boolean,
    date: string,
  ) {
    const before = (await getListing(tx, p.hospitalId, p.productId)) ?? { listed: false, listedAt: null };
    const listedAt = listed ? (before.listed && before.listedAt ? before.listedAt : date) : null;
    await upsertListing(tx, { ...p, listed, listedAt, updatedBy: ctx.actor.id });
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: 'hospitalProductListing',
      entityId: `${p.hospitalId}:${p.productId}`,
      action: 'update',
      before,
      after: { listed, listedAt },
    });
  }

  return {
    async findPipelines(
      ctx: RequestContext,
      q: z.output<typeof pipelineListQuerySchema>,
    ): Promise<ListResponse<PipelineItem>> {
      const day = today();
      const { rows, total } = await repo.findPipelines(
        db,
        {
          scope: hospitalScope(ctx),
          hospitalId: q.hospitalId,
          productId: q.productId,
          ownerId: q.ownerId,
          teamId: q.teamId,
          stage: q.stage,
          q: q.q,
          stalled:
            q.stalled === undefined ? undefined : { value: q.stalled, cutoff: addDays(day, -threshold) },
        },
        q,
      );
      return listOf(
        rows.map((r) => toItem(r, day)),
        total,
        q,
      );
    },

    /** The board: open pipelines per stage, with conversion and time-in-stage over all of them. */
    async getBoard(
      ctx: RequestContext,
      q: z.output<typeof pipelineBoardQuerySchema>,
    ): Promise<PipelineBoard> {
      const scope = scopeOf(ctx.actor);
      if (q.teamId && !(await repo.getVisibleTeam(db, q.teamId, scope.teams(repo.teams.id))))
        throw notFound();
      if (q.ownerId && !(await repo.getVisibleUser(db, q.ownerId, scope.users(repo.users.id))))
        throw notFound();
      const day = today();
      const rows = await repo.findAllPipelines(db, {
        scope: hospitalScope(ctx),
        teamId: q.teamId,
        ownerId: q.ownerId,
        productId: q.productId,
      });
      const events = await repo.findEvents(
        db,
        rows.map((r) => r.id),
      );
      const eventsOf = new Map<string, typeof events>();
      for (const e of events) eventsOf.set(e.pipelineId, [...(eventsOf.get(e.pipelineId) ?? []), e]);
      const histories = rows.map((r) => ({ stage: r.stage, events: eventsOf.get(r.id) ?? [] }));
      const items = rows.filter((r) => !r.closed).map((r) => toItem(r, day));
      return {
        columns: boardStages.map((stage) => ({ stage, cards: items.filter((i) => i.stage === stage) })),
        figures: {
          total: rows.length,
          stalledCount: items.filter((i) => i.stalled).length,
          conversion: stageConversion(histories),
          timeInStage: timeInStage(histories),
        },
        stalledAfterDays: threshold,
      };
    },

    getPipeline: detailOf,

    async createPipeline(
      ctx: RequestContext,
      body: z.output<typeof createPipelineSchema>,
    ): Promise<PipelineDetail> {
      assertMayWrite(ctx.actor);
      const hospital = await repo.getHospital(
        db,
        body.hospitalId,
        scopeOf(ctx.actor).hospitals(repo.hospitals.id),
      );
      if (!hospital) throw notFound();
      await checkProduct(ctx, body.hospitalId, body.productId);
      const ownerId = await ownerFor(ctx, body.hospitalId, body.ownerId);
      const stageDate = body.stageDate ?? today();
      checkNotFuture('body.stageDate', stageDate, 'pipeline.stageDateFuture');
      const duplicate = () => new AppError('CONFLICT', { messageKey: 'pipeline.duplicate' });
      if (await repo.findPipelineOf(db, body.hospitalId, body.productId)) throw duplicate();
      let id: string;
      try {
        const created = await auditedCreate(db, ctx, {
          entity: 'listingPipeline',
          create: async (tx) => {
            const people = (await checkPeople(tx, body.hospitalId, body.people)) ?? [];
            const newId = await repo.insertPipeline(tx, {
              hospitalId: body.hospitalId,
              productId: body.productId,
              ownerId,
              stage: 'target',
              stageDate,
              people,
              documents: body.documents ?? [],
              nextAction: body.nextAction ?? null,
              nextActionDue: body.nextActionDue ?? null,
              notes: body.notes ?? null,
            });
            await repo.insertEvent(tx, {
              pipelineId: newId,
              fromStage: null,
              toStage: 'target',
              date: stageDate,
              via: 'form',
              actorId: ctx.actor.id,
            });
            return newId;
          },
          load: (tx, newId) => repo.getStoredPipeline(tx, newId),
        });
        id = created.id;
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate();
        throw err;
      }
      return detailOf(ctx, id);
    },

    async updatePipeline(
      ctx: RequestContext,
      id: string,
      body: z.output<typeof updatePipelineSchema>,
    ): Promise<PipelineDetail> {
      const row = await writable(ctx, id);
      await auditedChange(db, ctx, {
        entity: 'listingPipeline',
        id,
        load: (tx) => repo.getStoredPipeline(tx, id),
        write: async (tx) => {
          const people = await checkPeople(tx, row.hospitalId, body.people);
          await updateVersioned(
            tx,
            repo.listingPipelines,
            id,
            body.version,
            definedOnly({
              people,
              documents: body.documents,
              nextAction: body.nextAction,
              nextActionDue: body.nextActionDue,
              notes: body.notes,
              closed: body.closed,
              lastActivityAt: sql`now()`,
            }),
          );
        },
      });
      return detailOf(ctx, id);
    },

    /**
     * Moves the pipeline to another stage: the domain rules decide (a skip, a move back or a restart needs a
     * reason); the date is not in the future nor before the current stage's. Event, audit and listing in one
     * transaction.
     */
    async moveStage(
      ctx: RequestContext,
      id: string,
      body: z.output<typeof movePipelineStageSchema>,
    ): Promise<PipelineDetail> {
      const row = await writable(ctx, id);
      if (row.closed) throw fieldError('body.toStage', 'pipeline.closed');
      const verdict = checkStageMove(row.stage, body.toStage, body.reason);
      if (!verdict.ok) {
        const path = verdict.messageKey.endsWith('NeedsReason') ? 'body.reason' : 'body.toStage';
        throw fieldError(path, verdict.messageKey, verdict.params);
      }
      checkNotFuture('body.date', body.date, 'pipeline.move.dateFuture');
      if (body.date < row.stageDate)
        throw fieldError('body.date', 'pipeline.move.dateBeforeStage', { stageDate: row.stageDate });
      await auditedChange(db, ctx, {
        entity: 'listingPipeline',
        id,
        load: (tx) => repo.getStoredPipeline(tx, id),
        write: async (tx) => {
          await updateVersioned(tx, repo.listingPipelines, id, body.version, {
            stage: body.toStage,
            stageDate: body.date,
            lastActivityAt: sql`now()`,
          });
          await repo.insertEvent(tx, {
            pipelineId: id,
            fromStage: row.stage,
            toStage: body.toStage,
            date: body.date,
            reason: body.reason?.trim() || null,
            via: body.via,
            actorId: ctx.actor.id,
          });
          if (verdict.listing !== null) await syncListing(tx, ctx, row, verdict.listing, body.date);
        },
      });
      return detailOf(ctx, id);
    },
  };
}
