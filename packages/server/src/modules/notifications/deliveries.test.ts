/**
 * Outbound delivery against a local SMTP sink and a local HTTP server standing in for the WeCom / DingTalk robots,
 * both started here on ephemeral ports. Each test drains what it queued, so the figures add up at the end.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRun, NotificationChannel } from '@keqing/shared';
import { testConfig } from '../../config.ts';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { runDeliveries, type DeliveryDeps } from './deliveries.worker.ts';
import { notify, type NotifyInput } from './notify.ts';

let t: TestApp;
let w: World;
let admin: Client;
const db = () => t.database.db;

// ── the SMTP sink ──
type Mail = { to: string[]; raw: string; user: string | undefined };
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

// ── the robot stand-in: answers from a queue of statuses (default 200 errcode 0), checks DingTalk's signature ──
type Hit = { url: URL; body: { msgtype: string; markdown: Record<string, string> } };
const hits: Hit[] = [];
const answers: number[] = [];
let robotSecret: string | null = null;
let robot: Server;
let robotUrl = '';

const totals: DeliveryRun = { sent: 0, retried: 0, failed: 0, uncertain: 0 };
let deps: DeliveryDeps;
async function deliver(now: Date, extra: Partial<DeliveryDeps> = {}) {
  const run = await runDeliveries(db(), now, { ...deps, ...extra });
  for (const k of Object.keys(totals) as (keyof DeliveryRun)[]) totals[k] += run[k];
  return run;
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.password === 'smtp-密码') callback(null, { user: auth.username });
      else callback(new Error('bad password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  robot = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      hits.push({ url, body: JSON.parse(body) as Hit['body'] });
      const status = answers.shift() ?? 200;
      let errcode = 0;
      if (robotSecret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', robotSecret)
          .update(`${timestamp}\n${robotSecret}`)
          .digest('base64');
        if (url.searchParams.get('sign') !== expected) errcode = 310000;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errcode: status === 200 ? errcode : -1, errmsg: errcode ? 'sign not match' : 'ok' }),
      );
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`;

  t = await createTestApp();
  w = await createWorld(db());
  admin = await t.signIn('admin');
  deps = { secretKey: testConfig().secretKey };
  await db().update(s.notificationChannels).set({ active: false }); // the world's fixture robot stays out
  await db().update(s.users).set({ email: 'zhangsan@example.cn' }).where(eq(s.users.id, w.users.rep1a.id));
});

afterEach(async () => {
  await db().update(s.notificationChannels).set({ active: false });
  answers.length = 0;
  robotSecret = null;
});

afterAll(async () => {
  // the closing note quotes this line
  console.log(
    `notification delivery figures: sent ${totals.sent}, retried ${totals.retried}, failed ${totals.failed}, uncertain ${totals.uncertain}`,
  );
  await t?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await new Promise<void>((resolve) => robot?.close(() => resolve()));
});

async function channel(body: Record<string, unknown>): Promise<NotificationChannel> {
  const res = await admin.post('/api/notification-channels', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as NotificationChannel;
}
const smtpChannel = (kinds: string[]) =>
  channel({
    kind: 'smtp',
    name: '公司邮箱',
    config: {
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      username: 'keqing',
      from: 'noreply@keqing.cn',
    },
    secret: 'smtp-密码',
    kinds,
  });

let seq = 0;
async function raise(input: Partial<NotifyInput> = {}, now = new Date()) {
  return db().transaction((tx) =>
    notify(
      tx,
      {
        userId: w.users.rep1a.id,
        kind: 'followUpDue',
        sourceKey: `test:${++seq}`,
        params: { title: '送会议资料', doctor: '张三丰', due: '2026-12-07' },
        ...input,
      },
      { now },
    ),
  );
}
async function deliveriesOf(notificationId: string) {
  return db()
    .select()
    .from(s.notificationDeliveries)
    .where(eq(s.notificationDeliveries.notificationId, notificationId));
}
async function setEmailKinds(kinds: string[], quiet: [string, string] | null = null) {
  await db()
    .insert(s.notificationSettings)
    .values({
      userId: w.users.rep1a.id,
      emailKinds: kinds,
      quietStart: quiet?.[0] ?? null,
      quietEnd: quiet?.[1] ?? null,
    })
    .onConflictDoUpdate({
      target: s.notificationSettings.userId,
      set: { emailKinds: kinds, quietStart: quiet?.[0] ?? null, quietEnd: quiet?.[1] ?? null },
    });
}

/** Decodes a MIME header's encoded words and a quoted-printable / base64 body, enough for the sink's mails. */
function decodeMail(raw: string) {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const words = (v: string) =>
    v.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
  const subject = words(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  const body = rest.join('\r\n\r\n');
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { subject, text };
}

const at = (iso: string) => new Date(iso);
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

describe('notification deliveries', () => {
  it('e-mails a notification to the SMTP sink with a Chinese subject and body (password decrypted)', async () => {
    await smtpChannel(['followUpDue']);
    await setEmailKinds(['followUpDue']);
    const now = at('2026-12-07T02:00:00Z'); // 10:00 in China
    const id = (await raise({}, now))!;
    const [queued] = await deliveriesOf(id);
    expect(queued).toMatchObject({ status: 'pending', target: 'zhangsan@example.cn', attempts: 0 });
    const before = mails.length;
    expect(await deliver(now)).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(mails.length).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual(['zhangsan@example.cn']);
    expect(mail.user).toBe('keqing');
    const { subject, text } = decodeMail(mail.raw);
    expect(subject).toBe('【客情】跟进到期');
    expect(text).toContain('跟进事项“送会议资料”（张三丰）已到期：2026-12-07');
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row!.sentAt).not.toBeNull();
  });

  it('a crash between send and record never sends twice: the retry leaves the row uncertain', async () => {
    await smtpChannel(['followUpDue']);
    await setEmailKinds(['followUpDue']);
    const now = at('2026-12-08T02:00:00Z');
    const id = (await raise({}, now))!;
    const before = mails.length;
    await expect(
      deliver(now, {
        afterSend: () => {
          throw new Error('process killed after the send');
        },
      }),
    ).rejects.toThrow('process killed');
    expect(mails.length).toBe(before + 1);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'sending', attempts: 1 });

    // a worker soon after: the claim is fresh, so it is left alone
    expect(await deliver(minutes(now, 1))).toMatchObject({ sent: 0, uncertain: 0 });
    // after the claim timeout: uncertain, and not sent again
    expect(await deliver(minutes(now, 10))).toMatchObject({ sent: 0, uncertain: 1 });
    expect(await deliver(minutes(now, 60))).toMatchObject({ sent: 0, uncertain: 0 });
    expect(mails.length).toBe(before + 1);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'uncertain', attempts: 1 });
  });

  it('retries after a 500 with the back-off, then succeeds (WeCom markdown)', async () => {
    await channel({
      kind: 'wecom',
      name: '上海一组群',
      teamId: w.teams.team1.id,
      config: { url: robotUrl },
      kinds: ['careDate'],
    });
    const now = at('2026-12-09T02:00:00Z');
    const id = (await raise(
      { kind: 'careDate', params: { doctor: '张三丰', label: '生日', date: '2026-12-12' } },
      now,
    ))!;
    answers.push(500);
    const before = hits.length;
    expect(await deliver(now)).toMatchObject({ sent: 0, retried: 1 });
    let [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'HTTP 500 ok' });
    expect(new Date(row!.nextAttemptAt).getTime()).toBe(minutes(now, 1).getTime());
    expect(await deliver(minutes(now, 0.5))).toMatchObject({ sent: 0, retried: 0 }); // not yet due
    expect(await deliver(minutes(now, 1))).toMatchObject({ sent: 1 });
    [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(hits.length).toBe(before + 2);
    expect(hits.at(-1)!.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**【客情】关怀日期**\n\n张三丰 的生日在 2026-12-12，请提前安排关怀' },
    });
  });

  it('fails after the last attempt, keeping the last error', async () => {
    await channel({ kind: 'wecom', name: '全员群', config: { url: robotUrl }, kinds: ['channelWarning'] });
    let now = at('2026-12-10T02:00:00Z');
    const id = (await raise(
      { kind: 'channelWarning', params: { customer: '国药控股', warning: '断货预警' } },
      now,
    ))!;
    answers.push(500, 500, 500, 500, 500, 500);
    const waits = [1, 5, 30, 120, 720];
    for (const wait of waits) {
      expect(await deliver(now)).toMatchObject({ retried: 1, failed: 0 });
      now = minutes(now, wait);
    }
    expect(await deliver(now)).toMatchObject({ retried: 0, failed: 1 });
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastError: 'HTTP 500 ok' });
    expect(await deliver(minutes(now, 24 * 60))).toMatchObject({ sent: 0, failed: 0 });
  });

  it('holds deliveries during quiet hours (22:00–07:00 China time) until they end', async () => {
    await channel({
      kind: 'wecom',
      name: '上海一组群',
      teamId: w.teams.team1.id,
      config: { url: robotUrl },
      kinds: ['handover'],
    });
    await setEmailKinds([], ['22:00', '07:00']);
    const now = at('2026-12-11T15:00:00Z'); // 23:00 in China
    const id = (await raise({ kind: 'handover', params: { from: '钱七', count: 3 } }, now))!;
    const [row] = await deliveriesOf(id);
    expect(new Date(row!.nextAttemptAt).toISOString()).toBe('2026-12-11T23:00:00.000Z');
    expect(await deliver(minutes(now, 60))).toMatchObject({ sent: 0 });
    expect(await deliver(at('2026-12-11T23:00:00Z'))).toMatchObject({ sent: 1 });
    await setEmailKinds([], null);
  });

  it('signs DingTalk messages with the stored secret (timestamp and sign)', async () => {
    const secret = 'SEC0123456789abcdef钉钉';
    const created = await channel({
      kind: 'dingtalk',
      name: '钉钉群',
      config: { url: robotUrl },
      secret,
      kinds: ['pipelineStalled'],
    });
    expect(created.hasSecret).toBe(true);
    expect(JSON.stringify(created)).not.toContain(secret);
    robotSecret = secret;
    const now = at('2026-12-12T02:00:00Z');
    const id = (await raise(
      {
        kind: 'pipelineStalled',
        params: { hospital: '瑞金医院', product: '心安', stage: '临床试用', days: 45 },
      },
      now,
    ))!;
    expect(await deliver(now)).toMatchObject({ sent: 1 });
    const hit = hits.at(-1)!;
    expect(hit.url.searchParams.get('key')).toBe('test');
    expect(hit.url.searchParams.get('timestamp')).toMatch(/^\d{13}$/);
    expect(hit.body.msgtype).toBe('markdown');
    expect(hit.body.markdown!.title).toBe('【客情】进药停滞');
    expect((await deliveriesOf(id))[0]!.status).toBe('sent');

    // a wrong secret: DingTalk answers errcode 310000, so the delivery retries
    robotSecret = 'SECother';
    const other = (await raise(
      {
        kind: 'pipelineStalled',
        params: { hospital: '华山医院', product: '心安', stage: '进药申请', days: 40 },
      },
      now,
    ))!;
    expect(await deliver(now)).toMatchObject({ retried: 1 });
    expect((await deliveriesOf(other))[0]!.lastError).toBe('HTTP 200 sign not match');
    robotSecret = secret;
    expect(await deliver(minutes(now, 1))).toMatchObject({ sent: 1 });
  });

  it('queues once per notification, only for robots of the user’s team or all teams, and two workers never share a row', async () => {
    await channel({
      kind: 'wecom',
      name: '一组',
      teamId: w.teams.team1.id,
      config: { url: robotUrl },
      kinds: ['approvalWaiting'],
    });
    await channel({
      kind: 'wecom',
      name: '二组',
      teamId: w.teams.team2.id,
      config: { url: robotUrl },
      kinds: ['approvalWaiting'],
    });
    await channel({ kind: 'wecom', name: '全员', config: { url: robotUrl }, kinds: ['approvalWaiting'] });
    const now = at('2026-12-13T02:00:00Z');
    const input = {
      kind: 'approvalWaiting' as const,
      sourceKey: 'test:same',
      params: { what: '关怀计划', who: '张三' },
    };
    const id = (await raise(input, now))!;
    expect(await raise(input, now)).toBeNull(); // the same source again: nothing new
    const rows = await deliveriesOf(id);
    expect(rows.map((r) => r.target).sort()).toEqual(['一组', '全员']);
    const before = hits.length;
    const [a, b] = await Promise.all([deliver(now), deliver(now)]);
    expect(a.sent + b.sent).toBe(2);
    expect(hits.length).toBe(before + 2);
    const [count] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(s.notificationDeliveries)
      .where(eq(s.notificationDeliveries.status, 'sending'));
    expect(count!.n).toBe(0);
  });
});
