import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  notInArray,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { HandoverEntity, HandoverStatus } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export const handovers = s.handovers;

/** One open record a user holds, with what places it in a territory. */
export type OpenRecord = {
  entity: HandoverEntity;
  id: string;
  label: string;
  userId: string;
  hospitalId: string | null;
  channelCustomerId: string | null;
  /** Only for territory assignments */
  territoryId: string | null;
};

/** Whose records to look at: one user, or every inactive user (the orphan check). */
export type Holder = { userId: string } | { inactive: true };

/** `from`: records dated from this day on are open (plans, events); `firstMonth`: quotas from this month on. */
export type OpenWindow = { from: string; firstMonth: string };

const held = (holder: Holder, column: AnyColumn | SQL) =>
  'userId' in holder
    ? sql`${column} = ${holder.userId}`
    : sql`${column} in (select u.id from users u where u.active = false)`;

const nil = sql<string | null>`null::uuid`;

/** Every open record of the holder, kind by kind (the inventory, the orphan check and the final assertion). */
export async function findOpenRecords(db: Db, holder: Holder, w: OpenWindow): Promise<OpenRecord[]> {
  const rows: OpenRecord[][] = [];
  const add = async (entity: HandoverEntity, q: Promise<Omit<OpenRecord, 'entity'>[]>) =>
    rows.push((await q).map((r) => ({ ...r, entity })));

  const ta = s.territoryAssignments;
  await add(
    'territoryAssignment',
    db
      .select({
        id: ta.id,
        label: sql<string>`${s.territories.code} || ' ' || ${s.territories.name}`,
        userId: ta.userId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: sql<string | null>`${ta.territoryId}`,
      })
      .from(ta)
      .innerJoin(s.territories, eq(s.territories.id, ta.territoryId))
      .where(and(held(holder, ta.userId), isNull(ta.endDate)))
      .orderBy(asc(s.territories.code)),
  );
  const cp = s.cyclePlans;
  await add(
    'cyclePlan',
    db
      .select({
        id: cp.id,
        label: sql<string>`${cp.cycleStart} || ' ~ ' || ${cp.cycleEnd}`,
        userId: cp.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(cp)
      .where(and(held(holder, cp.ownerId), sql`${cp.cycleStart} >= ${w.from}`))
      .orderBy(asc(cp.cycleStart)),
  );
  const pc = s.plannedCalls;
  await add(
    'plannedCall',
    db
      .select({
        id: pc.id,
        label: sql<string>`${pc.date} || ' ' || ${s.doctors.name}`,
        userId: pc.ownerId,
        hospitalId: sql<string | null>`${pc.hospitalId}`,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(pc)
      .innerJoin(s.doctors, eq(s.doctors.id, pc.doctorId))
      .where(and(held(holder, pc.ownerId), eq(pc.status, 'planned'), sql`${pc.date} >= ${w.from}`))
      .orderBy(asc(pc.date), asc(pc.id)),
  );
  const wp = s.weeklyPlans;
  await add(
    'weeklyPlan',
    db
      .select({
        id: wp.id,
        label: sql<string>`${wp.weekStart}`,
        userId: wp.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(wp)
      .where(and(held(holder, wp.ownerId), sql`${wp.weekStart} >= ${w.from}`)),
  );
  const fu = s.followUps;
  await add(
    'followUp',
    db
      .select({
        id: fu.id,
        label: sql<string>`${fu.title} || ' · ' || ${s.doctors.name} || ' · ' || ${fu.dueDate}`,
        userId: fu.ownerId,
        hospitalId: sql<string | null>`${s.doctors.hospitalId}`,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(fu)
      .innerJoin(s.doctors, eq(s.doctors.id, fu.doctorId))
      .where(and(held(holder, fu.ownerId), eq(fu.status, 'open')))
      .orderBy(asc(fu.dueDate), asc(fu.id)),
  );
  const cpl = s.carePlans;
  await add(
    'carePlan',
    db
      .select({
        id: cpl.id,
        label: sql<string>`${cpl.title} || ' · ' || ${cpl.plannedDate}`,
        userId: cpl.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(cpl)
      .where(and(held(holder, cpl.ownerId), notInArray(cpl.status, ['rejected', 'executed']))),
  );
  const c = s.complaints;
  await add(
    'complaint',
    db
      .select({
        id: c.id,
        label: sql<string>`${c.issueType} || ' · ' || left(${c.description}, 30)`,
        userId: c.ownerId,
        hospitalId: sql<string | null>`coalesce(${c.hospitalId}, ${s.doctors.hospitalId})`,
        channelCustomerId: sql<string | null>`${c.channelCustomerId}`,
        territoryId: nil,
      })
      .from(c)
      .leftJoin(s.doctors, eq(s.doctors.id, c.doctorId))
      .where(and(held(holder, c.ownerId), sql`${c.status} <> 'closed'`)),
  );
  const pr = s.channelPromises;
  await add(
    'promise',
    db
      .select({
        id: pr.id,
        label: sql<string>`${s.channelCustomers.name} || ' · ' || ${pr.promise}`,
        userId: pr.ownerId,
        hospitalId: nil,
        channelCustomerId: sql<string | null>`${pr.channelCustomerId}`,
        territoryId: nil,
      })
      .from(pr)
      .innerJoin(s.channelCustomers, eq(s.channelCustomers.id, pr.channelCustomerId))
      .where(and(held(holder, pr.ownerId), eq(pr.status, 'open'))),
  );
  const cw = s.channelWarnings;
  await add(
    'warning',
    db
      .select({
        id: cw.id,
        label: sql<string>`${s.channelCustomers.name} || ' · ' || ${cw.kind}`,
        userId: sql<string>`${cw.assigneeId}`,
        hospitalId: nil,
        channelCustomerId: sql<string | null>`${cw.channelCustomerId}`,
        territoryId: nil,
      })
      .from(cw)
      .innerJoin(s.channelCustomers, eq(s.channelCustomers.id, cw.channelCustomerId))
      .where(and(held(holder, cw.assigneeId), inArray(cw.status, ['open', 'acknowledged']))),
  );
  const cpr = s.channelPromotions;
  await add(
    'promotion',
    db
      .select({
        id: cpr.id,
        label: sql<string>`${cpr.name} || ' · ' || ${cpr.startsOn} || ' ~ ' || ${cpr.endsOn}`,
        userId: cpr.ownerId,
        hospitalId: nil,
        channelCustomerId: sql<string | null>`${cpr.targetCustomerIds}[1]`,
        territoryId: nil,
      })
      .from(cpr)
      .where(
        and(
          held(holder, cpr.ownerId),
          inArray(cpr.status, ['draft', 'submitted', 'approved']),
          sql`${cpr.endsOn} >= ${w.from}`,
        ),
      ),
  );
  const ae = s.academicEvents;
  await add(
    'academicEvent',
    db
      .select({
        id: ae.id,
        label: sql<string>`${ae.topic} || ' · ' || ${ae.eventDate}`,
        userId: ae.ownerId,
        hospitalId: sql<string | null>`${ae.hospitalId}`,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(ae)
      .where(
        and(
          held(holder, ae.ownerId),
          notInArray(ae.status, ['rejected', 'closed']),
          sql`${ae.eventDate} >= ${w.from}`,
        ),
      ),
  );
  const cf = s.careFeeClaims;
  await add(
    'careFeeClaim',
    db
      .select({
        id: cf.id,
        label: sql<string>`${cf.month}`,
        userId: cf.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(cf)
      .where(and(held(holder, cf.ownerId), notInArray(cf.status, ['paid', 'rejected']))),
  );
  const tk = s.tasks;
  await add(
    'task',
    db
      .select({
        id: tk.id,
        label: tk.title,
        userId: tk.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(tk)
      .where(and(held(holder, tk.ownerId), eq(tk.status, 'open'))),
  );
  const rq = s.repQuotas;
  await add(
    'repQuota',
    db
      .select({
        id: rq.id,
        label: sql<string>`${rq.month} || ' · ' || ${s.products.name} || ' · ' || ${rq.quantity}`,
        userId: rq.repId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(rq)
      .innerJoin(s.products, eq(s.products.id, rq.productId))
      .where(and(held(holder, rq.repId), sql`${rq.month} >= ${w.firstMonth}`)),
  );
  const sf = s.salesForecasts;
  await add(
    'salesForecast',
    db
      .select({
        id: sf.id,
        label: sql<string>`${sf.month} || ' · ' || ${s.products.name} || ' · ' || ${sf.forecastQuantity}`,
        userId: sf.repId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(sf)
      .innerJoin(s.products, eq(s.products.id, sf.productId))
      .where(and(held(holder, sf.repId), sql`${sf.month} >= ${w.firstMonth}`)),
  );
  const lp = s.listingPipelines;
  await add(
    'pipeline',
    db
      .select({
        id: lp.id,
        label: sql<string>`${s.hospitals.name} || ' · ' || ${s.products.name}`,
        userId: lp.ownerId,
        hospitalId: sql<string | null>`${lp.hospitalId}`,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(lp)
      .innerJoin(s.hospitals, eq(s.hospitals.id, lp.hospitalId))
      .innerJoin(s.products, eq(s.products.id, lp.productId))
      .where(and(held(holder, lp.ownerId), eq(lp.closed, false))),
  );
  const cpo = s.channelProspects;
  await add(
    'prospect',
    db
      .select({
        id: cpo.id,
        label: cpo.name,
        userId: cpo.ownerId,
        hospitalId: nil,
        channelCustomerId: nil,
        territoryId: nil,
      })
      .from(cpo)
      .where(and(held(holder, cpo.ownerId), eq(cpo.status, 'open'))),
  );
  return rows.flat();
}

// ── hand-overs ─────────────────────────────────────────────────────────────

const fromUser = s.users;
const columns = {
  id: handovers.id,
  fromUserId: handovers.fromUserId,
  fromUserName: fromUser.name,
  fromUserActive: fromUser.active,
  teamId: fromUser.teamId,
  teamName: s.teams.name,
  status: handovers.status,
  effectiveDate: handovers.effectiveDate,
  deactivate: handovers.deactivate,
  plan: handovers.plan,
  notes: handovers.notes,
  reason: handovers.reason,
  createdBy: handovers.createdBy,
  createdByName: sql<string>`(select cu.name from users cu where cu.id = ${handovers.createdBy})`,
  completedAt: handovers.completedAt,
  movedCounts: sql<
    Record<string, number>
  >`coalesce((select jsonb_object_agg(x.entity, x.n) from (select hi.entity, count(*)::int as n from handover_items hi where hi.handover_id = ${handovers.id} group by hi.entity) x), '{}'::jsonb)`,
  version: handovers.version,
  createdAt: handovers.createdAt,
  updatedAt: handovers.updatedAt,
};

type Row = { createdAt: string; updatedAt: string; completedAt: string | null };
const toHandover = <T extends Row>(r: T) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
  completedAt: toIso(r.completedAt),
});

const base = (db: Db) =>
  db
    .select(columns)
    .from(handovers)
    .innerJoin(fromUser, eq(fromUser.id, handovers.fromUserId))
    .leftJoin(s.teams, eq(s.teams.id, fromUser.teamId));

export async function findHandovers(
  db: Db,
  f: { status?: HandoverStatus; fromUserId?: string; scope?: SQL },
  page: { page: number; pageSize: number },
) {
  const w = and(
    f.status ? eq(handovers.status, f.status) : undefined,
    f.fromUserId ? eq(handovers.fromUserId, f.fromUserId) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    base(db)
      .where(w)
      .orderBy(desc(handovers.createdAt), desc(handovers.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(handovers)
      .innerJoin(fromUser, eq(fromUser.id, handovers.fromUserId))
      .where(w),
  ]);
  return { rows: rows.map(toHandover), total: c?.n ?? 0 };
}

export async function getHandover(db: Db, id: string, scope?: SQL) {
  const [row] = await base(db).where(and(eq(handovers.id, id), scope));
  return row && toHandover(row);
}

export async function insertHandover(db: Db, values: typeof handovers.$inferInsert) {
  const [row] = await db.insert(handovers).values(values).returning({ id: handovers.id });
  return row!.id;
}

/** Locks the draft for completion so two admins cannot complete it twice. */
export async function lockHandover(db: Db, id: string) {
  const [row] = await db
    .select({ status: handovers.status, version: handovers.version })
    .from(handovers)
    .where(eq(handovers.id, id))
    .for('update');
  return row;
}

export async function findOpenDraft(db: Db, fromUserId: string) {
  const [row] = await db
    .select({ id: handovers.id })
    .from(handovers)
    .where(and(eq(handovers.fromUserId, fromUserId), eq(handovers.status, 'draft')));
  return row;
}

export async function insertItems(
  db: Db,
  items: { handoverId: string; entity: string; entityId: string; toUserId: string }[],
) {
  for (let i = 0; i < items.length; i += 500)
    await db
      .insert(s.handoverItems)
      .values(items.slice(i, i + 500))
      .onConflictDoNothing();
}

// ── people and territories ─────────────────────────────────────────────────

export async function getUser(db: Db, id: string) {
  const [row] = await db
    .select({
      id: s.users.id,
      name: s.users.name,
      role: s.users.role,
      active: s.users.active,
      teamId: s.users.teamId,
      managerId: s.teams.managerId,
    })
    .from(s.users)
    .leftJoin(s.teams, eq(s.teams.id, s.users.teamId))
    .where(eq(s.users.id, id));
  return row;
}

export async function findUsersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: s.users.id,
      name: s.users.name,
      role: s.users.role,
      active: s.users.active,
      teamId: s.users.teamId,
    })
    .from(s.users)
    .where(inArray(s.users.id, ids));
}

/** Active reps of the given teams and those teams' managers: whom a plan may name. */
export async function findCandidates(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ id: s.users.id, name: s.users.name, role: s.users.role, teamId: s.users.teamId })
    .from(s.users)
    .where(
      and(
        eq(s.users.active, true),
        or(
          and(eq(s.users.role, 'rep'), inArray(s.users.teamId, teamIds)),
          sql`${s.users.id} in (select t.manager_id from teams t where t.id in ${teamIds})`,
        ),
      ),
    )
    .orderBy(asc(s.users.name));
}

/** The leaver's open-ended territory assignments with the territory's team and its manager. */
export async function findHeldTerritories(db: Db, userId: string) {
  const ta = s.territoryAssignments;
  return db
    .select({
      id: s.territories.id,
      code: s.territories.code,
      name: s.territories.name,
      teamId: s.territories.teamId,
      managerId: s.teams.managerId,
      hospitalCount: sql<number>`(select count(*)::int from territory_hospitals th where th.territory_id = ${s.territories.id})`,
      channelCustomerCount: sql<number>`(select count(*)::int from territory_channel_customers tc where tc.territory_id = ${s.territories.id})`,
    })
    .from(ta)
    .innerJoin(s.territories, eq(s.territories.id, ta.territoryId))
    .innerJoin(s.teams, eq(s.teams.id, s.territories.teamId))
    .where(and(eq(ta.userId, userId), isNull(ta.endDate)))
    .orderBy(asc(s.territories.code));
}

/** Which of the territories hold which hospitals and channel customers. */
export async function findMembership(db: Db, territoryIds: string[]) {
  if (territoryIds.length === 0) return { hospitals: [], channelCustomers: [] };
  const hospitals = await db
    .select({ territoryId: s.territoryHospitals.territoryId, id: s.territoryHospitals.hospitalId })
    .from(s.territoryHospitals)
    .where(inArray(s.territoryHospitals.territoryId, territoryIds));
  const channelCustomers = await db
    .select({
      territoryId: s.territoryChannelCustomers.territoryId,
      id: s.territoryChannelCustomers.channelCustomerId,
    })
    .from(s.territoryChannelCustomers)
    .where(inArray(s.territoryChannelCustomers.territoryId, territoryIds));
  return { hospitals, channelCustomers };
}

/** Key accounts of the territories: A-grade hospitals, doctors graded A for any product, channel customers. */
export async function findKeyAccounts(db: Db, territoryIds: string[]) {
  if (territoryIds.length === 0) return [];
  const hospitals = await db
    .selectDistinctOn([s.hospitals.id], {
      id: s.hospitals.id,
      name: s.hospitals.name,
      territoryId: s.territoryHospitals.territoryId,
    })
    .from(s.hospitals)
    .innerJoin(s.territoryHospitals, eq(s.territoryHospitals.hospitalId, s.hospitals.id))
    .where(and(inArray(s.territoryHospitals.territoryId, territoryIds), eq(s.hospitals.grade, 'A')))
    .orderBy(s.hospitals.id);
  const doctors = await db
    .selectDistinctOn([s.doctors.id], {
      id: s.doctors.id,
      name: s.doctors.name,
      hospitalName: s.hospitals.name,
      territoryId: s.territoryHospitals.territoryId,
    })
    .from(s.doctors)
    .innerJoin(s.hospitals, eq(s.hospitals.id, s.doctors.hospitalId))
    .innerJoin(s.territoryHospitals, eq(s.territoryHospitals.hospitalId, s.doctors.hospitalId))
    .where(
      and(
        inArray(s.territoryHospitals.territoryId, territoryIds),
        sql`exists (select 1 from doctor_product_status dps where dps.doctor_id = ${s.doctors.id} and dps.grade = 'A')`,
      ),
    )
    .orderBy(s.doctors.id);
  const customers = await db
    .selectDistinctOn([s.channelCustomers.id], {
      id: s.channelCustomers.id,
      name: s.channelCustomers.name,
      territoryId: s.territoryChannelCustomers.territoryId,
    })
    .from(s.channelCustomers)
    .innerJoin(
      s.territoryChannelCustomers,
      eq(s.territoryChannelCustomers.channelCustomerId, s.channelCustomers.id),
    )
    .where(inArray(s.territoryChannelCustomers.territoryId, territoryIds))
    .orderBy(s.channelCustomers.id);
  return [
    ...hospitals.map((h) => ({ kind: 'hospital' as const, ...h, hospitalName: null })),
    ...doctors.map((d) => ({ kind: 'doctor' as const, ...d })),
    ...customers.map((c) => ({ kind: 'channelCustomer' as const, ...c, hospitalName: null })),
  ];
}

/** Care dates of the doctors in the territories (they follow the territory, nothing to move). */
export async function countCareDates(db: Db, territoryIds: string[]) {
  if (territoryIds.length === 0) return 0;
  const [row] = await db
    .select({ n: countAll })
    .from(s.careDates)
    .where(
      sql`${s.careDates.doctorId} in (select d.id from doctors d join territory_hospitals th on th.hospital_id = d.hospital_id where th.territory_id in ${territoryIds})`,
    );
  return row?.n ?? 0;
}

// ── moving records ─────────────────────────────────────────────────────────

const bump = (table: { version: AnyColumn }) => ({
  version: sql`${table.version} + 1`,
  updatedAt: sql`now()`,
});

/** Plain owner changes: the kinds without a per-owner unique key. */
const simpleOwner = {
  followUp: [s.followUps, s.followUps.ownerId],
  carePlan: [s.carePlans, s.carePlans.ownerId],
  complaint: [s.complaints, s.complaints.ownerId],
  promise: [s.channelPromises, s.channelPromises.ownerId],
  warning: [s.channelWarnings, s.channelWarnings.assigneeId],
  promotion: [s.channelPromotions, s.channelPromotions.ownerId],
  academicEvent: [s.academicEvents, s.academicEvents.ownerId],
  task: [s.tasks, s.tasks.ownerId],
  pipeline: [s.listingPipelines, s.listingPipelines.ownerId],
  prospect: [s.channelProspects, s.channelProspects.ownerId],
  careFeeClaim: [s.careFeeClaims, s.careFeeClaims.ownerId],
} as const;
export type SimpleEntity = keyof typeof simpleOwner;
export const isSimpleEntity = (e: string): e is SimpleEntity => e in simpleOwner;

export async function moveSimple(db: Db, entity: SimpleEntity, ids: string[], toUserId: string) {
  if (ids.length === 0) return;
  const [table, owner] = simpleOwner[entity];
  const key = entity === 'warning' ? 'assigneeId' : 'ownerId';
  await db
    .update(table)
    .set({ [key]: toUserId, ...bump(table) } as never)
    .where(and(inArray(table.id, ids), sql`${owner} is not null`));
}

/** Months of the given claims that the successor already has a claim for (one claim per owner and month). */
export async function findClaimMonthClashes(db: Db, ids: string[], toUserId: string) {
  if (ids.length === 0) return [];
  return db
    .select({ month: s.careFeeClaims.month })
    .from(s.careFeeClaims)
    .where(
      and(
        eq(s.careFeeClaims.ownerId, toUserId),
        sql`${s.careFeeClaims.month} in (select c.month from care_fee_claims c where c.id in ${ids})`,
      ),
    );
}

/**
 * Future cycle plans: moved whole when the successor has no plan for that cycle; otherwise their calls go
 * into the successor's plan and the emptied future plan is removed (it holds nothing done yet).
 */
export async function moveCyclePlan(db: Db, id: string, toUserId: string) {
  const cp = s.cyclePlans;
  const [plan] = await db.select().from(cp).where(eq(cp.id, id));
  if (!plan) return;
  const [theirs] = await db
    .select({ id: cp.id })
    .from(cp)
    .where(and(eq(cp.ownerId, toUserId), eq(cp.cycleStart, plan.cycleStart)));
  if (!theirs) {
    await db
      .update(cp)
      .set({ ownerId: toUserId, ...bump(cp) })
      .where(eq(cp.id, id));
    return;
  }
  await db
    .update(s.plannedCalls)
    .set({ cyclePlanId: theirs.id, ...bump(s.plannedCalls) })
    .where(eq(s.plannedCalls.cyclePlanId, id));
  await db.delete(cp).where(eq(cp.id, id));
}

/** A planned call moves into the successor's plan of the same cycle (created as a draft when missing). */
export async function movePlannedCall(db: Db, id: string, toUserId: string) {
  const pc = s.plannedCalls;
  const cp = s.cyclePlans;
  const [call] = await db
    .select({
      planId: pc.cyclePlanId,
      planOwner: cp.ownerId,
      cycleStart: cp.cycleStart,
      cycleEnd: cp.cycleEnd,
    })
    .from(pc)
    .innerJoin(cp, eq(cp.id, pc.cyclePlanId))
    .where(eq(pc.id, id));
  if (!call) return;
  let planId = call.planId;
  if (call.planOwner !== toUserId) {
    const [theirs] = await db
      .select({ id: cp.id })
      .from(cp)
      .where(and(eq(cp.ownerId, toUserId), eq(cp.cycleStart, call.cycleStart)));
    planId =
      theirs?.id ??
      (
        await db
          .insert(cp)
          .values({ ownerId: toUserId, cycleStart: call.cycleStart, cycleEnd: call.cycleEnd })
          .returning({ id: cp.id })
      )[0]!.id;
  }
  await db
    .update(pc)
    .set({ ownerId: toUserId, cyclePlanId: planId, ...bump(pc) })
    .where(eq(pc.id, id));
}

/** A future weekly plan: moved, or its goals and notes appended to the successor's plan of that week. */
export async function moveWeeklyPlan(db: Db, id: string, toUserId: string, fromName: string) {
  const wp = s.weeklyPlans;
  const [plan] = await db.select().from(wp).where(eq(wp.id, id));
  if (!plan) return;
  const [theirs] = await db
    .select()
    .from(wp)
    .where(and(eq(wp.ownerId, toUserId), eq(wp.weekStart, plan.weekStart)));
  if (!theirs) {
    await db
      .update(wp)
      .set({ ownerId: toUserId, ...bump(wp) })
      .where(eq(wp.id, id));
    return;
  }
  const join = (a: string | null, b: string | null) =>
    b ? [a, `（${fromName}交接）${b}`].filter(Boolean).join('\n') : a;
  await db
    .update(wp)
    .set({ goals: join(theirs.goals, plan.goals), notes: join(theirs.notes, plan.notes), ...bump(wp) })
    .where(eq(wp.id, theirs.id));
  await db.delete(wp).where(eq(wp.id, id));
}

/** A future quota or forecast: moved, or added to the successor's row of the same month and product. */
export async function moveMonthly(
  db: Db,
  entity: 'repQuota' | 'salesForecast',
  id: string,
  toUserId: string,
) {
  if (entity === 'repQuota') {
    const rq = s.repQuotas;
    const [row] = await db.select().from(rq).where(eq(rq.id, id));
    if (!row) return;
    const [theirs] = await db
      .select()
      .from(rq)
      .where(and(eq(rq.repId, toUserId), eq(rq.month, row.month), eq(rq.productId, row.productId)));
    if (!theirs) {
      await db
        .update(rq)
        .set({ repId: toUserId, ...bump(rq) })
        .where(eq(rq.id, id));
      return;
    }
    await db
      .update(rq)
      .set({
        quantity: theirs.quantity + row.quantity,
        customers: [...(theirs.customers as unknown[]), ...(row.customers as unknown[])],
        ...bump(rq),
      })
      .where(eq(rq.id, theirs.id));
    await db.delete(rq).where(eq(rq.id, id));
    return;
  }
  const sf = s.salesForecasts;
  const [row] = await db.select().from(sf).where(eq(sf.id, id));
  if (!row) return;
  const [theirs] = await db
    .select()
    .from(sf)
    .where(and(eq(sf.repId, toUserId), eq(sf.month, row.month), eq(sf.productId, row.productId)));
  if (!theirs) {
    await db
      .update(sf)
      .set({ repId: toUserId, ...bump(sf) })
      .where(eq(sf.id, id));
    return;
  }
  const goal =
    theirs.goalQuantity === null && row.goalQuantity === null
      ? null
      : (theirs.goalQuantity ?? 0) + (row.goalQuantity ?? 0);
  await db
    .update(sf)
    .set({
      forecastQuantity: theirs.forecastQuantity + row.forecastQuantity,
      goalQuantity: goal,
      additions: [...(theirs.additions as unknown[]), ...(row.additions as unknown[])],
      ...bump(sf),
    })
    .where(eq(sf.id, theirs.id));
  await db.delete(sf).where(eq(sf.id, id));
}

export async function deactivateUser(db: Db, userId: string) {
  await db
    .update(s.users)
    .set({ active: false, version: sql`${s.users.version} + 1`, updatedAt: sql`now()` })
    .where(eq(s.users.id, userId));
}

/** Names and hospitals of the key accounts that carry a hand-over note. */
export async function findNoteAccounts(
  db: Db,
  ids: { hospitals: string[]; doctors: string[]; customers: string[] },
) {
  const hospitals = ids.hospitals.length
    ? await db
        .select({ id: s.hospitals.id, name: s.hospitals.name, hospitalId: s.hospitals.id })
        .from(s.hospitals)
        .where(inArray(s.hospitals.id, ids.hospitals))
    : [];
  const doctors = ids.doctors.length
    ? await db
        .select({ id: s.doctors.id, name: s.doctors.name, hospitalId: s.doctors.hospitalId })
        .from(s.doctors)
        .where(inArray(s.doctors.id, ids.doctors))
    : [];
  const customers = ids.customers.length
    ? await db
        .select({ id: s.channelCustomers.id, name: s.channelCustomers.name, hospitalId: nil })
        .from(s.channelCustomers)
        .where(inArray(s.channelCustomers.id, ids.customers))
    : [];
  return new Map([...hospitals, ...doctors, ...customers].map((a) => [a.id, a]));
}

/** A hand-over note becomes an open, important task of the successor (so it shows in their matrix). */
export async function insertNoteTask(
  db: Db,
  values: { ownerId: string; clientId: string; title: string; notes: string; dueDate: string },
) {
  const [row] = await db
    .insert(s.tasks)
    .values({ ...values, important: true, urgent: false })
    .returning({ id: s.tasks.id });
  return row!.id;
}
