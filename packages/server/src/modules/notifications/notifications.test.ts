import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import type { ListResponse, Notification, NotificationChannel, NotificationRun } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { insertFixtureNotification } from './notifications.fixtures.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a
let rep03: Client; // rep2a
let m1: Client;
let admin: Client;
let compliance: Client;
const db = () => t.database.db;
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });
const settings = (over: Record<string, unknown> = {}) => ({
  disabledKinds: [],
  emailKinds: [],
  quietStart: null,
  quietEnd: null,
  frequencyReminderDays: 3,
  ...over,
});

describe('notification centre', () => {
  it('lists only the caller’s notifications with the text in the request language', async () => {
    const res = await rep01.get('/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as ListResponse<Notification>;
    expect(list.items.map((n) => n.id)).toContain(w.notifications.of1a);
    expect(list.items.map((n) => n.id)).not.toContain(w.notifications.of2a);
    const item = list.items.find((n) => n.id === w.notifications.of1a)!;
    expect(item.text).toBe('跟进事项“送资料”（张三丰）已到期：2026-11-20');
    const en = await rep01.get('/api/notifications', { 'accept-language': 'en' });
    expect((en.json() as ListResponse<Notification>).items[0]!.text).toBe(
      'Follow-up "送资料" (张三丰) is due: 2026-11-20',
    );
  });

  it('counts unread, marks one read (another user’s: 404), filters unread, marks all read', async () => {
    const second = await insertFixtureNotification(db(), w.users.rep1a.id, 'test:second');
    const count = async () =>
      (await rep01.get('/api/notifications/unread-count')).json() as { count: number };
    expect((await count()).count).toBe(2);
    const read = await rep01.post(`/api/notifications/${second}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Notification).readAt).not.toBeNull();
    expect((await count()).count).toBe(1);
    expect((await rep01.post(`/api/notifications/${w.notifications.of2a}/read`)).statusCode).toBe(404);
    expect((await rep03.post(`/api/notifications/${second}/read`)).statusCode).toBe(404);
    const unread = (await rep01.get('/api/notifications?unread=true')).json() as ListResponse<Notification>;
    expect(unread.items.map((n) => n.id)).toEqual([w.notifications.of1a]);
    const all = await rep01.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect((await count()).count).toBe(0);
    // rep03's stay unread
    expect(((await rep03.get('/api/notifications/unread-count')).json() as { count: number }).count).toBe(1);
  });

  it('compliance may mark its own notifications read (read-only otherwise)', async () => {
    const res = await compliance.post(`/api/notifications/${w.notifications.ofCompliance}/read`);
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('notification settings', () => {
  it('answers the defaults before the first save', async () => {
    const res = await m1.get('/api/notification-settings');
    expect(res.json()).toEqual({ ...settings(), version: null });
  });

  it('refuses a kind that does not exist, in Chinese, and saves nothing', async () => {
    const res = await put(
      m1,
      '/api/notification-settings',
      settings({ emailKinds: ['followUpDue', 'weather'] }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.details?.[0]).toMatchObject({
      path: 'body.emailKinds.1',
      message: '不存在的通知类型：weather',
    });
    const [row] = await db()
      .select()
      .from(s.notificationSettings)
      .where(eq(s.notificationSettings.userId, w.users.m1.id));
    expect(row).toBeUndefined();
  });

  it('refuses a bad time or half a quiet period', async () => {
    expect(
      (await put(m1, '/api/notification-settings', settings({ quietStart: '24:00', quietEnd: '07:00' })))
        .statusCode,
    ).toBe(400);
    const half = await put(m1, '/api/notification-settings', settings({ quietStart: '22:00' }));
    expect(half.statusCode).toBe(400);
    expect((half.json() as ErrorBody).error.details?.[0]?.message).toBe('免打扰需同时填写开始和结束时间');
  });

  it('saves, then updates with the version; a stale version answers 409', async () => {
    const first = await put(
      m1,
      '/api/notification-settings',
      settings({
        disabledKinds: ['careDate'],
        emailKinds: ['approvalWaiting'],
        quietStart: '22:00',
        quietEnd: '07:30',
      }),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ disabledKinds: ['careDate'], quietEnd: '07:30', version: 1 });
    const second = await put(
      m1,
      '/api/notification-settings',
      settings({ frequencyReminderDays: 5, version: 1 }),
    );
    expect(second.json()).toMatchObject({ frequencyReminderDays: 5, disabledKinds: [], version: 2 });
    const stale = await put(m1, '/api/notification-settings', settings({ version: 1 }));
    expect(stale.statusCode).toBe(409);
  });

  it('a kind switched off raises nothing', async () => {
    await put(rep03, '/api/notification-settings', settings({ disabledKinds: ['followUpDue'] }));
    const { notify } = await import('./notify.ts');
    const id = await db().transaction((tx) =>
      notify(tx, { userId: w.users.rep2a.id, kind: 'followUpDue', sourceKey: 'test:off', params: {} }),
    );
    expect(id).toBeNull();
    await put(rep03, '/api/notification-settings', settings({ version: 1 }));
  });
});

describe('notification channels (admin)', () => {
  it('refuses a webhook URL that is not http(s), in Chinese, and saves nothing', async () => {
    const before = ((await admin.get('/api/notification-channels')).json() as { items: unknown[] }).items
      .length;
    for (const url of ['ftp://example.com/hook', 'javascript:alert(1)', 'qyapi.weixin.qq.com/send']) {
      const res = await admin.post('/api/notification-channels', {
        kind: 'wecom',
        name: '坏地址',
        config: { url },
        kinds: ['careDate'],
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.details?.[0]).toMatchObject({
        path: 'body.config.url',
        message: '机器人地址必须是 http:// 或 https:// 开头的网址',
      });
    }
    const bad = await admin.post('/api/notification-channels', {
      kind: 'wecom',
      name: '坏类型',
      config: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
      kinds: ['nope'],
    });
    expect((bad.json() as ErrorBody).error.details?.[0]?.message).toBe('不存在的通知类型：nope');
    const after = ((await admin.get('/api/notification-channels')).json() as { items: unknown[] }).items
      .length;
    expect(after).toBe(before);
  });

  it('stores the secret encrypted, never returns it, and keeps it out of the audit', async () => {
    const secret = 'SECsuper-secret-钉钉';
    const res = await admin.post('/api/notification-channels', {
      kind: 'dingtalk',
      name: '钉钉全员群',
      config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc' },
      secret,
      kinds: ['channelWarning', 'pipelineStalled'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as NotificationChannel;
    expect(created).toMatchObject({ hasSecret: true, teamId: null, version: 1 });
    expect(res.body).not.toContain(secret);
    const [row] = await db()
      .select()
      .from(s.notificationChannels)
      .where(eq(s.notificationChannels.id, created.id));
    expect(row!.secretEncrypted).toMatch(/^v1\./);
    expect(row!.secretEncrypted).not.toContain('super-secret');
    expect((await admin.get('/api/notification-channels')).body).not.toContain(secret);

    const cleared = await admin.patch(`/api/notification-channels/${created.id}`, {
      secret: null,
      version: 1,
    });
    expect(cleared.json()).toMatchObject({ hasSecret: false, version: 2 });
    const stale = await admin.patch(`/api/notification-channels/${created.id}`, {
      name: '旧版本',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const [leaks] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(s.auditLog)
      .where(
        and(eq(s.auditLog.entityId, created.id), sql`${s.auditLog.changes}::text like '%super-secret%'`),
      );
    expect(leaks!.n).toBe(0);
  });

  it('answers a failed test send with the reason', async () => {
    const res = await admin.post(`/api/notification-channels/${w.notifications.channel}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: false });
  });

  it('is admin only; deliveries are for admin and compliance with figures by status', async () => {
    expect((await m1.get('/api/notification-channels')).statusCode).toBe(403);
    expect((await compliance.get('/api/notification-channels')).statusCode).toBe(403);
    expect((await rep01.get('/api/notification-deliveries')).statusCode).toBe(403);
    const res = await compliance.get('/api/notification-deliveries?status=sent');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { status: string }[]; figures: Record<string, number> };
    expect(body.items.every((d) => d.status === 'sent')).toBe(true);
    expect(body.figures.sent).toBeGreaterThanOrEqual(1);
  });
});

describe('notification rules', () => {
  it('raises follow-ups due and approvals waiting once, however often they run', async () => {
    await db().update(s.notificationChannels).set({ active: false });
    const today = chinaDate();
    const [followUp] = await db()
      .insert(s.followUps)
      .values({
        ownerId: w.users.rep1b.id,
        doctorId: w.doctors.d1b.id,
        title: '回访用药反馈',
        dueDate: addDays(today, -1),
      })
      .returning({ id: s.followUps.id });
    const [plan] = await db()
      .insert(s.carePlans)
      .values({
        ownerId: w.users.rep1b.id,
        title: '春节关怀',
        kind: 'customer',
        plannedDate: addDays(today, 10),
        purpose: '节日问候',
        status: 'submitted',
      })
      .returning({ id: s.carePlans.id });
    const first = await admin.post('/api/notifications/run');
    expect(first.statusCode, first.body).toBe(200);
    const run = first.json() as NotificationRun;
    expect(run.rules.followUpDue).toBeGreaterThanOrEqual(1);
    expect(run.rules.approvalWaiting).toBeGreaterThanOrEqual(1);
    const mine = await db()
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.sourceKey, `followUpDue:${followUp!.id}`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ userId: w.users.rep1b.id, kind: 'followUpDue' });
    const approval = await db()
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.sourceKey, `approvalWaiting:carePlan:${plan!.id}:manager`));
    expect(approval.map((n) => n.userId)).toEqual([w.users.m1.id]);

    const again = (await admin.post('/api/notifications/run')).json() as NotificationRun;
    expect(Object.values(again.rules).reduce((a, b) => a + b, 0)).toBe(0);
    expect((await m1.post('/api/notifications/run')).statusCode).toBe(403);
  });
});
