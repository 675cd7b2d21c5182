import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PipelineStage } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { countAll, offsetOf, orderBy, toIso } from '../../db/list.ts';
import {
  doctors,
  hospitals,
  keyContacts,
  listingPipelineEvents,
  listingPipelines,
  products,
  teams,
  territories,
  territoryAssignments,
  territoryHospitals,
  users,
} from '../../db/schema.ts';

export { listingPipelines, listingPipelineEvents, users, teams, hospitals };

const columns = {
  id: listingPipelines.id,
  hospitalId: listingPipelines.hospitalId,
  hospitalName: hospitals.name,
  productId: listingPipelines.productId,
  productName: products.name,
  ownerId: listingPipelines.ownerId,
  ownerName: users.name,
  ownerTeamId: users.teamId,
  stage: listingPipelines.stage,
  stageDate: listingPipelines.stageDate,
  people: listingPipelines.people,
  documents: listingPipelines.documents,
  nextAction: listingPipelines.nextAction,
  nextActionDue: listingPipelines.nextActionDue,
  notes: listingPipelines.notes,
  closed: listingPipelines.closed,
  lastActivityAt: listingPipelines.lastActivityAt,
  version: listingPipelines.version,
  createdAt: listingPipelines.createdAt,
  updatedAt: listingPipelines.updatedAt,
};

export type PipelineRow = Omit<
  Awaited<ReturnType<typeof selectPipelines>>[number],
  'lastActivityAt' | 'createdAt' | 'updatedAt'
> & { lastActivityAt: string; createdAt: string; updatedAt: string };

function selectPipelines(db: Db) {
  return db
    .select(columns)
    .from(listingPipelines)
    .innerJoin(hospitals, eq(hospitals.id, listingPipelines.hospitalId))
    .innerJoin(products, eq(products.id, listingPipelines.productId))
    .innerJoin(users, eq(users.id, listingPipelines.ownerId));
}

const asRow = (r: Awaited<ReturnType<typeof selectPipelines>>[number]): PipelineRow => ({
  ...r,
  lastActivityAt: toIso(r.lastActivityAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

/** The China day of the last activity, for the stalled rule in SQL. */
const lastActivityDay = sql`(${listingPipelines.lastActivityAt} at time zone 'Asia/Shanghai')::date`;

export type PipelineFilter = {
  scope?: SQL;
  hospitalId?: string;
  productId?: string;
  ownerId?: string;
  teamId?: string;
  stage?: PipelineStage;
  q?: string;
  /** true: only stalled ones (last activity on or before the cutoff day); false: only those not stalled */
  stalled?: { value: boolean; cutoff: string };
};

function conditionsOf(f: PipelineFilter): SQL | undefined {
  const stallable = sql`(${listingPipelines.closed} = false and ${listingPipelines.stage} not in ('stableUse', 'rejected'))`;
  return and(
    f.scope,
    f.hospitalId ? eq(listingPipelines.hospitalId, f.hospitalId) : undefined,
    f.productId ? eq(listingPipelines.productId, f.productId) : undefined,
    f.ownerId ? eq(listingPipelines.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(users.teamId, f.teamId) : undefined,
    f.stage ? eq(listingPipelines.stage, f.stage) : undefined,
    f.q
      ? sql`(${hospitals.name} ilike ${`%${f.q}%`} or ${products.name} ilike ${`%${f.q}%`} or ${users.name} ilike ${`%${f.q}%`})`
      : undefined,
    f.stalled
      ? f.stalled.value
        ? sql`(${stallable} and ${lastActivityDay} <= ${f.stalled.cutoff})`
        : sql`not (${stallable} and ${lastActivityDay} <= ${f.stalled.cutoff})`
      : undefined,
  );
}

export async function findPipelines(
  db: Db,
  f: PipelineFilter,
  page: { page: number; pageSize: number; sort?: string },
): Promise<{ rows: PipelineRow[]; total: number }> {
  const where = conditionsOf(f);
  const rows = await selectPipelines(db)
    .where(where)
    .orderBy(
      ...orderBy(
        page.sort,
        {
          stageDate: listingPipelines.stageDate,
          hospitalName: hospitals.name,
          stage: listingPipelines.stage,
          nextActionDue: listingPipelines.nextActionDue,
          lastActivityAt: listingPipelines.lastActivityAt,
        },
        'lastActivityAt',
        listingPipelines.id,
      ),
    )
    .limit(page.pageSize)
    .offset(offsetOf(page.page, page.pageSize));
  const [c] = await db
    .select({ n: countAll })
    .from(listingPipelines)
    .innerJoin(hospitals, eq(hospitals.id, listingPipelines.hospitalId))
    .innerJoin(products, eq(products.id, listingPipelines.productId))
    .innerJoin(users, eq(users.id, listingPipelines.ownerId))
    .where(where);
  return { rows: rows.map(asRow), total: c?.n ?? 0 };
}

/** Every pipeline matching (the board: a team's pipelines are a few hundred at most). */
export async function findAllPipelines(db: Db, f: PipelineFilter): Promise<PipelineRow[]> {
  const rows = await selectPipelines(db)
    .where(conditionsOf(f))
    .orderBy(asc(listingPipelines.stageDate), asc(listingPipelines.id));
  return rows.map(asRow);
}

export async function getPipeline(db: Db, id: string, scope?: SQL): Promise<PipelineRow | undefined> {
  const [row] = await selectPipelines(db).where(and(eq(listingPipelines.id, id), scope));
  return row && asRow(row);
}

/** The raw stored row (audit before/after). */
export async function getStoredPipeline(db: Db, id: string) {
  const [row] = await db.select().from(listingPipelines).where(eq(listingPipelines.id, id));
  return row;
}

export async function findPipelineOf(db: Db, hospitalId: string, productId: string) {
  const [row] = await db
    .select({ id: listingPipelines.id })
    .from(listingPipelines)
    .where(and(eq(listingPipelines.hospitalId, hospitalId), eq(listingPipelines.productId, productId)));
  return row;
}

export async function insertPipeline(db: Db, values: typeof listingPipelines.$inferInsert): Promise<string> {
  const [row] = await db.insert(listingPipelines).values(values).returning({ id: listingPipelines.id });
  return row!.id;
}

export async function insertEvent(db: Db, values: typeof listingPipelineEvents.$inferInsert): Promise<void> {
  await db.insert(listingPipelineEvents).values(values);
}

/** Stage moves of the pipelines, oldest first, with the actor's name. */
export async function findEvents(db: Db, pipelineIds: string[]) {
  if (!pipelineIds.length) return [];
  const rows = await db
    .select({
      id: listingPipelineEvents.id,
      pipelineId: listingPipelineEvents.pipelineId,
      fromStage: listingPipelineEvents.fromStage,
      toStage: listingPipelineEvents.toStage,
      date: listingPipelineEvents.date,
      reason: listingPipelineEvents.reason,
      via: listingPipelineEvents.via,
      actorId: listingPipelineEvents.actorId,
      actorName: users.name,
      createdAt: listingPipelineEvents.createdAt,
    })
    .from(listingPipelineEvents)
    .leftJoin(users, eq(users.id, listingPipelineEvents.actorId))
    .where(inArray(listingPipelineEvents.pipelineId, pipelineIds))
    .orderBy(
      asc(listingPipelineEvents.date),
      asc(listingPipelineEvents.createdAt),
      asc(listingPipelineEvents.id),
    );
  return rows.map((r) => ({
    ...r,
    fromStage: r.fromStage as PipelineStage | null,
    toStage: r.toStage as PipelineStage,
    createdAt: toIso(r.createdAt),
  }));
}

// ── checks ───────────────────────────────────────────────────────────────────

export async function getHospital(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(and(eq(hospitals.id, id), scope));
  return row;
}

export async function getActiveProduct(db: Db, id: string) {
  const [row] = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(and(eq(products.id, id), eq(products.active, true)));
  return row;
}

/** Product lists of the territories holding the hospital (narrowed to the caller's territories). */
export async function territoryProductsAt(
  db: Db,
  hospitalId: string,
  territoryScope?: SQL,
): Promise<string[][]> {
  const rows = await db
    .select({ productIds: territories.productIds })
    .from(territories)
    .innerJoin(territoryHospitals, eq(territoryHospitals.territoryId, territories.id))
    .where(and(eq(territoryHospitals.hospitalId, hospitalId), territoryScope));
  return rows.map((r) => r.productIds ?? []);
}

/** Reps assigned today to a territory holding the hospital. */
export async function repsCovering(
  db: Db,
  hospitalId: string,
): Promise<{ id: string; teamId: string | null }[]> {
  return db
    .selectDistinct({ id: users.id, teamId: users.teamId })
    .from(territoryAssignments)
    .innerJoin(territoryHospitals, eq(territoryHospitals.territoryId, territoryAssignments.territoryId))
    .innerJoin(users, eq(users.id, territoryAssignments.userId))
    .where(
      and(
        eq(territoryHospitals.hospitalId, hospitalId),
        sql`${territoryAssignments.startDate} <= (now() at time zone 'Asia/Shanghai')::date`,
        sql`(${territoryAssignments.endDate} is null or ${territoryAssignments.endDate} >= (now() at time zone 'Asia/Shanghai')::date)`,
      ),
    )
    .orderBy(asc(users.id));
}

export async function doctorsAt(db: Db, hospitalId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: doctors.id, name: doctors.name })
    .from(doctors)
    .where(and(eq(doctors.hospitalId, hospitalId), inArray(doctors.id, ids)));
}

export async function keyContactsAt(db: Db, hospitalId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: keyContacts.id, name: keyContacts.name })
    .from(keyContacts)
    .where(and(eq(keyContacts.hospitalId, hospitalId), inArray(keyContacts.id, ids)));
}

export async function namesOfDoctors(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: doctors.id, name: doctors.name }).from(doctors).where(inArray(doctors.id, ids));
}

export async function namesOfKeyContacts(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: keyContacts.id, name: keyContacts.name })
    .from(keyContacts)
    .where(inArray(keyContacts.id, ids));
}

export async function getVisibleUser(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), scope));
  return row;
}

export async function getVisibleTeam(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, id), scope));
  return row;
}

// ── stalled notifications ─────────────────────────────────────────────────────

/** Open pipelines without activity since the cutoff day, with the owner's team manager. */
export async function findStalledPipelines(db: Db, cutoff: string) {
  const rows = await db
    .select({
      id: listingPipelines.id,
      stage: listingPipelines.stage,
      closed: listingPipelines.closed,
      lastActivityAt: listingPipelines.lastActivityAt,
      ownerId: listingPipelines.ownerId,
      managerId: teams.managerId,
      hospitalName: hospitals.name,
      productName: products.name,
    })
    .from(listingPipelines)
    .innerJoin(hospitals, eq(hospitals.id, listingPipelines.hospitalId))
    .innerJoin(products, eq(products.id, listingPipelines.productId))
    .innerJoin(users, eq(users.id, listingPipelines.ownerId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(conditionsOf({ stalled: { value: true, cutoff } }));
  return rows.map((r) => ({ ...r, lastActivityAt: toIso(r.lastActivityAt) }));
}
