import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { hashToken } from './surveys.service.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a (d1a), hShared, cc1a (distributor)
let rep03: Client; // rep2a: h2a (d2a), cc2a (pharmacy)
let m1: Client;
let admin: Client;
let compliance: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

/** A fresh request without any cookie: what a doctor's phone sends. */
const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { 'accept-language': 'zh-CN' } });
const tokenOf = (link: string) => link.replace('/s/', '');
const good = {
  priceScore: 4,
  efficacyScore: 5,
  serviceScore: 3,
  answers: { recommend: 5 },
  comment: '服务及时',
};
const send = async (payload: object, client = rep01) => client.post('/api/survey-invitations', payload);
const sendToD1a = async () => {
  const res = await send({ templateId: w.surveys.templates.doctor, doctorId: w.doctors.d1a.id });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; link: string; token: string };
};
const countInvitations = async () =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(s.surveyInvitations))[0]!.n);

describe('survey templates', () => {
  it('a manager creates one with custom questions; everyone reads it', async () => {
    const res = await m1.post('/api/survey-templates', {
      name: '药店季度满意度',
      audience: 'pharmacy',
      questions: [
        {
          key: 'delivery',
          text: '送货是否及时？',
          type: 'choice',
          required: true,
          options: ['及时', '偶尔延迟'],
        },
        { key: 'note', text: '其他建议', type: 'text' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ audience: 'pharmacy', active: true, version: 1 });
    const list = await rep01.get('/api/survey-templates?audience=pharmacy&pageSize=200');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(res.json().id);
  });

  it.each([
    [
      'duplicate keys',
      [
        { key: 'a', text: '一', type: 'score' },
        { key: 'a', text: '二', type: 'text' },
      ],
      'body.questions.1.key',
      '问题代码重复',
    ],
    [
      'a choice with one option',
      [{ key: 'c', text: '选', type: 'choice', options: ['是'] }],
      'body.questions.0.options',
      '选择题至少需要两个',
    ],
  ])('refuses %s (400, nothing saved)', async (_label, questions, path, message) => {
    const res = await admin.post('/api/survey-templates', { name: '坏模板', audience: 'doctor', questions });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path });
    expect(res.json().error.message).toContain(message);
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.surveyTemplates)
      .where(eq(s.surveyTemplates.name, '坏模板'));
    expect(Number(row!.n)).toBe(0);
  });

  it('a rep may not write templates; a stale version is 409', async () => {
    expect((await rep01.post('/api/survey-templates', { name: 'x', audience: 'doctor' })).statusCode).toBe(
      403,
    );
    const id = w.surveys.templates.distributor;
    const ok = await admin.patch(`/api/survey-templates/${id}`, { name: '经销商年度调查', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await admin.patch(`/api/survey-templates/${id}`, { name: '再改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });
});

describe('sending a survey', () => {
  it('creates a one-time link, stores only the sha256 of its token, valid 30 days, audited', async () => {
    const sent = await sendToD1a();
    expect(sent.link).toBe(`/s/${sent.token}`);
    expect(sent.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.database.db
      .select()
      .from(s.surveyInvitations)
      .where(eq(s.surveyInvitations.id, sent.id));
    expect(row!.tokenHash).toBe(hashToken(sent.token));
    expect(row!.tokenHash).not.toContain(sent.token);
    expect(row!.hospitalId).toBe(w.doctors.d1a.hospitalId);
    const days = (Date.parse(row!.expiresAt) - Date.parse(row!.sentAt)) / 86_400_000;
    expect(days).toBe(30);
    const audit = await t.database.db
      .select({ action: s.auditLog.action })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'surveyInvitation'), eq(s.auditLog.entityId, sent.id)));
    expect(audit).toEqual([{ action: 'create' }]);
    // the token never reaches the list
    const list = await rep01.get(`/api/survey-invitations?doctorId=${w.doctors.d1a.id}&pageSize=200`);
    expect(list.body).not.toContain(sent.token);
  });

  it('sends to a channel customer whose kind matches the audience', async () => {
    const res = await send({
      templateId: w.surveys.templates.distributor,
      channelCustomerId: w.channelCustomers.cc1a.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channelCustomerName: '上海医药分销有限公司', doctorId: null });
  });

  it.each([
    [
      'a doctor outside the scope',
      () => ({ templateId: w.surveys.templates.doctor, doctorId: w.doctors.d2a.id }),
      'body.doctorId',
      '不在您负责的辖区内',
    ],
    [
      'a customer outside the scope',
      () => ({ templateId: w.surveys.templates.pharmacy, channelCustomerId: w.channelCustomers.cc2a.id }),
      'body.channelCustomerId',
      '不在您负责的辖区内',
    ],
    [
      'a pharmacy template to a doctor',
      () => ({ templateId: w.surveys.templates.pharmacy, doctorId: w.doctors.d1a.id }),
      'body.templateId',
      '药店',
    ],
    [
      'a doctor template to a distributor',
      () => ({ templateId: w.surveys.templates.doctor, channelCustomerId: w.channelCustomers.cc1a.id }),
      'body.templateId',
      '医生',
    ],
    ['no recipient', () => ({ templateId: w.surveys.templates.doctor }), 'body.doctorId', '只能选一个'],
    [
      'two recipients',
      () => ({
        templateId: w.surveys.templates.distributor,
        doctorId: w.doctors.d1a.id,
        channelCustomerId: w.channelCustomers.cc1a.id,
      }),
      'body.doctorId',
      '只能选一个',
    ],
  ])('refuses %s (400, nothing saved)', async (_label, payload, path, message) => {
    const before = await countInvitations();
    const res = await send(payload());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].path).toBe(path);
    expect(res.json().error.message).toContain(message);
    expect(await countInvitations()).toBe(before);
  });

  it('an admin or compliance does not send surveys', async () => {
    const payload = { templateId: w.surveys.templates.doctor, doctorId: w.doctors.d1a.id };
    expect((await send(payload, admin)).statusCode).toBe(403);
    expect((await send(payload, compliance)).statusCode).toBe(403);
  });
});

describe('answering without signing in', () => {
  it('shows the questions and the recipient name only, then stores the answers once', async () => {
    const sent = await sendToD1a();
    const page = await anonymous('GET', `/api/public/surveys/${tokenOf(sent.link)}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toEqual({
      templateName: '医生满意度调查',
      audience: 'doctor',
      recipientName: '张三丰',
      questions: [{ key: 'recommend', text: '您是否愿意推荐我们的产品？', type: 'score', required: true }],
    });
    const res = await anonymous('POST', `/api/public/surveys/${sent.token}`, good);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(s.surveyInvitations)
      .where(eq(s.surveyInvitations.id, sent.id));
    expect(row).toMatchObject({ priceScore: 4, efficacyScore: 5, serviceScore: 3, comment: '服务及时' });
    expect(row!.answeredAt).not.toBeNull();

    const again = await anonymous('POST', `/api/public/surveys/${sent.token}`, { ...good, priceScore: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该问卷已提交，感谢您的参与');
    const reopened = await anonymous('GET', `/api/public/surveys/${sent.token}`);
    expect(reopened.statusCode).toBe(409);
    const [still] = await t.database.db
      .select()
      .from(s.surveyInvitations)
      .where(eq(s.surveyInvitations.id, sent.id));
    expect(still!.priceScore).toBe(4);
  });

  it('an unknown token is 404; an expired one a clear message', async () => {
    expect((await anonymous('GET', `/api/public/surveys/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await anonymous('POST', `/api/public/surveys/${'x'.repeat(43)}`, good)).statusCode).toBe(404);
    const sent = await sendToD1a();
    await t.database.db
      .update(s.surveyInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(s.surveyInvitations.id, sent.id));
    const res = await anonymous('POST', `/api/public/surveys/${sent.token}`, good);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已过期');
  });

  it.each([
    ['a score of 6', { ...good, priceScore: 6 }, 'body.priceScore'],
    ['a score of 0', { ...good, serviceScore: 0 }, 'body.serviceScore'],
    [
      'a missing dimension',
      { efficacyScore: 5, serviceScore: 3, answers: { recommend: 5 } },
      'body.priceScore',
    ],
    ['a required question unanswered', { ...good, answers: {} }, 'body.answers.recommend'],
    ['a custom score out of range', { ...good, answers: { recommend: 7 } }, 'body.answers.recommend'],
  ])('refuses %s (400, still open)', async (_label, payload, path) => {
    const sent = await sendToD1a();
    const res = await anonymous('POST', `/api/public/surveys/${sent.token}`, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    const [row] = await t.database.db
      .select()
      .from(s.surveyInvitations)
      .where(eq(s.surveyInvitations.id, sent.id));
    expect(row!.answeredAt).toBeNull();
  });

  it('two submits at once: one stored, the other 409', async () => {
    const sent = await sendToD1a();
    const results = await Promise.all([
      anonymous('POST', `/api/public/surveys/${sent.token}`, good),
      anonymous('POST', `/api/public/surveys/${sent.token}`, { ...good, priceScore: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('results and trends', () => {
  it('averages per month and lists the answers of a doctor', async () => {
    const res = await rep01.get(`/api/survey-results?doctorId=${w.doctors.d1a.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.answered).toBeGreaterThanOrEqual(2); // the fixture's answer and the one above
    expect(body.answers.every((a: { doctorId: string }) => a.doctorId === w.doctors.d1a.id)).toBe(true);
    expect(body.months.length).toBeGreaterThanOrEqual(1);
    expect(body.months.at(-1)).toMatchObject({ answers: body.answered });
  });

  it('the whole scope: the out-of-scope answers do not count', async () => {
    const mine = (await rep01.get('/api/survey-results')).json();
    const theirs = (await rep03.get('/api/survey-results')).json();
    expect(mine.answers.some((a: { doctorId: string }) => a.doctorId === w.doctors.d2a.id)).toBe(false);
    expect(theirs.answers.map((a: { doctorId: string }) => a.doctorId)).toContain(w.doctors.d2a.id);
    expect(theirs.average).toEqual({ price: 2, efficacy: 2, service: 2 });
  });

  it('a doctor or customer outside the scope is 404', async () => {
    expect((await rep01.get(`/api/survey-results?doctorId=${w.doctors.d2a.id}`)).statusCode).toBe(404);
    expect(
      (await rep01.get(`/api/survey-results?channelCustomerId=${w.channelCustomers.cc2a.id}`)).statusCode,
    ).toBe(404);
  });

  it('lists invitations by answered state', async () => {
    const open = await rep01.get(`/api/survey-invitations?answered=false&pageSize=200`);
    expect(open.json().items.every((i: { answeredAt: string | null }) => i.answeredAt === null)).toBe(true);
    const answered = await rep01.get(`/api/survey-invitations?answered=true&pageSize=200`);
    expect(answered.json().items.map((i: { id: string }) => i.id)).toContain(w.surveys.invD1a);
  });
});
