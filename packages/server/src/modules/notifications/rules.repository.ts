import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';

/** 跟进到期: open follow-ups due on or before today, with the doctor's name. */
export async function findDueFollowUps(db: Db, today: string) {
  return db
    .select({
      id: s.followUps.id,
      ownerId: s.followUps.ownerId,
      title: s.followUps.title,
      dueDate: s.followUps.dueDate,
      doctorId: s.followUps.doctorId,
      doctorName: s.doctors.name,
    })
    .from(s.followUps)
    .innerJoin(s.doctors, eq(s.doctors.id, s.followUps.doctorId))
    .innerJoin(s.users, eq(s.users.id, s.followUps.ownerId))
    .where(and(eq(s.followUps.status, 'open'), lte(s.followUps.dueDate, today), eq(s.users.active, true)));
}

/** Active reps with their notification settings (reminder days), for the per-rep rules. */
export async function findActiveReps(db: Db) {
  return db
    .select({
      id: s.users.id,
      username: s.users.username,
      name: s.users.name,
      role: s.users.role,
      teamId: s.users.teamId,
      frequencyReminderDays: sql<number>`coalesce(${s.notificationSettings.frequencyReminderDays}, 3)::int`,
    })
    .from(s.users)
    .leftJoin(s.notificationSettings, eq(s.notificationSettings.userId, s.users.id))
    .where(and(eq(s.users.role, 'rep'), eq(s.users.active, true)));
}

/** Active users of a role, optionally with a back-office duty (销售文员 salesClerk, 财务 finance). */
export async function findActiveUserIds(db: Db, role: 'compliance' | 'admin', duty?: string) {
  const rows = await db
    .select({ id: s.users.id })
    .from(s.users)
    .where(
      and(
        eq(s.users.role, role),
        eq(s.users.active, true),
        duty ? sql`${duty} = any(${s.users.duties})` : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

const owner = alias(s.users, 'owner');

/** The owner's name and their team's manager (who approves first). */
const ownerColumns = { ownerName: owner.name, managerId: s.teams.managerId };

/** 关怀计划 submitted (manager's step) or manager-approved and over a cap (compliance's step). */
export async function findWaitingCarePlans(db: Db) {
  return db
    .select({
      id: s.carePlans.id,
      status: s.carePlans.status,
      label: s.carePlans.title,
      needsCompliance: s.carePlans.needsCompliance,
      ownerId: s.carePlans.ownerId,
      ...ownerColumns,
    })
    .from(s.carePlans)
    .innerJoin(owner, eq(owner.id, s.carePlans.ownerId))
    .leftJoin(s.teams, eq(s.teams.id, owner.teamId))
    .where(inArray(s.carePlans.status, ['submitted', 'managerApproved']));
}

/** 学术活动 awaiting approval, the same two steps. */
export async function findWaitingEvents(db: Db) {
  return db
    .select({
      id: s.academicEvents.id,
      status: s.academicEvents.status,
      label: s.academicEvents.topic,
      needsCompliance: s.academicEvents.needsCompliance,
      ownerId: s.academicEvents.ownerId,
      ...ownerColumns,
    })
    .from(s.academicEvents)
    .innerJoin(owner, eq(owner.id, s.academicEvents.ownerId))
    .leftJoin(s.teams, eq(s.teams.id, owner.teamId))
    .where(inArray(s.academicEvents.status, ['submitted', 'managerApproved']));
}

/** 客情费 claims awaiting the next signature: 销售文员 → 销售部经理 → 财务. */
export async function findWaitingCareFeeClaims(db: Db) {
  return db
    .select({
      id: s.careFeeClaims.id,
      status: s.careFeeClaims.status,
      label: s.careFeeClaims.month,
      ownerId: s.careFeeClaims.ownerId,
      ...ownerColumns,
    })
    .from(s.careFeeClaims)
    .innerJoin(owner, eq(owner.id, s.careFeeClaims.ownerId))
    .leftJoin(s.teams, eq(s.teams.id, owner.teamId))
    .where(inArray(s.careFeeClaims.status, ['submitted', 'clerkSigned', 'managerSigned']));
}

/** 渠道预警 open and assigned to someone. */
export async function findOpenAssignedWarnings(db: Db) {
  return db
    .select({
      id: s.channelWarnings.id,
      kind: s.channelWarnings.kind,
      assigneeId: s.channelWarnings.assigneeId,
      customerName: s.channelCustomers.name,
    })
    .from(s.channelWarnings)
    .innerJoin(s.channelCustomers, eq(s.channelCustomers.id, s.channelWarnings.channelCustomerId))
    .innerJoin(s.users, eq(s.users.id, s.channelWarnings.assigneeId))
    .where(
      and(
        eq(s.channelWarnings.status, 'open'),
        isNotNull(s.channelWarnings.assigneeId),
        eq(s.users.active, true),
      ),
    );
}
