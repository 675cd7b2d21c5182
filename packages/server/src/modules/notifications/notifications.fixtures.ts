import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** A notification of `userId` written straight to the database. */
export async function insertFixtureNotification(db: Db, userId: string, sourceKey: string) {
  const [row] = await db
    .insert(s.notifications)
    .values({
      userId,
      kind: 'followUpDue',
      sourceKey,
      params: { title: '送资料', doctor: '张三丰', due: '2026-11-20' },
      link: '/doctors',
    })
    .returning({ id: s.notifications.id });
  return row!.id;
}

/** 通知 notifications: one per role's user and one of another team's rep; a robot channel with one delivery. */
export async function notificationsFixtures(db: Db, base: BaseWorld) {
  const { rep1a, rep2a, m1, admin, compliance } = base.users;
  const [channel] = await db
    .insert(s.notificationChannels)
    .values({
      kind: 'wecom',
      name: '华东一组群机器人',
      teamId: base.teams.team1.id,
      // nothing listens on port 9: a test send fails at once, without leaving the machine
      config: { url: 'http://127.0.0.1:9/hook' },
      kinds: ['followUpDue'],
    })
    .returning({ id: s.notificationChannels.id });
  const of1a = await insertFixtureNotification(db, rep1a.id, 'fixture:1a');
  const [delivery] = await db
    .insert(s.notificationDeliveries)
    .values({
      notificationId: of1a,
      channelId: channel!.id,
      target: '华东一组群机器人',
      status: 'sent',
      attempts: 1,
    })
    .returning({ id: s.notificationDeliveries.id });
  return {
    of1a,
    ofM1: await insertFixtureNotification(db, m1.id, 'fixture:m1'),
    ofAdmin: await insertFixtureNotification(db, admin.id, 'fixture:admin'),
    ofCompliance: await insertFixtureNotification(db, compliance.id, 'fixture:compliance'),
    of2a: await insertFixtureNotification(db, rep2a.id, 'fixture:2a'),
    channel: channel!.id,
    delivery: delivery!.id,
  };
}
