import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** A task of `ownerId` written straight to the database. */
export async function insertFixtureTask(db: Db, ownerId: string, title = '准备科室会幻灯片') {
  const [t] = await db
    .insert(s.tasks)
    .values({ ownerId, clientId: randomUUID(), title, important: true, urgent: false, dueDate: '2026-12-20' })
    .returning({ id: s.tasks.id });
  return t!.id;
}

/** An actual time entry of `ownerId` on a past day. */
export async function insertFixtureEntry(db: Db, ownerId: string) {
  const [e] = await db
    .insert(s.timeEntries)
    .values({
      ownerId,
      clientId: randomUUID(),
      date: '2026-11-18',
      activity: 'admin',
      kind: 'actual',
      minutes: 30,
    })
    .returning({ id: s.timeEntries.id });
  return e!.id;
}

/** One task and one time entry each for rep1a (team1), m1 (team1's manager) and rep2a (team2). */
export async function timeManagementFixtures(db: Db, base: BaseWorld) {
  const { rep1a, rep2a, m1 } = base.users;
  return {
    task1a: await insertFixtureTask(db, rep1a.id, '整理张三丰主任的处方数据'),
    taskM1: await insertFixtureTask(db, m1.id, '准备团队周会'),
    task2a: await insertFixtureTask(db, rep2a.id, '中山医院药事会材料'),
    entry1a: await insertFixtureEntry(db, rep1a.id),
    entryM1: await insertFixtureEntry(db, m1.id),
    entry2a: await insertFixtureEntry(db, rep2a.id),
  };
}
