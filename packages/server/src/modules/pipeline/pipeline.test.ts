import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import type { ListResponse, PipelineBoard, PipelineDetail, PipelineItem } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { insertFixturePipeline } from './pipeline.fixtures.ts';
import { raiseStalledPipelineNotifications } from './pipeline.notifications.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a, hShared; product p1
let m1: Client;
let m2: Client;
let compliance: Client;

const db = () => t.database.db;
const today = chinaDate();
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const eventsOf = (id: string) =>
  db().select().from(s.listingPipelineEvents).where(eq(s.listingPipelineEvents.pipelineId, id));
const listingOf = async (hospitalId: string, productId: string) => {
  const [row] = await db()
    .select()
    .from(s.hospitalProductListings)
    .where(
      and(
        eq(s.hospitalProductListings.hospitalId, hospitalId),
        eq(s.hospitalProductListings.productId, productId),
      ),
    );
  return row;
};
const move = (c: Client, p: { id: string; version: number }, body: Record<string, unknown>) =>
  c.post(`/api/pipelines/${p.id}/stage`, { date: today, via: 'form', version: p.version, ...body });

describe('creating a pipeline', () => {
  let created: PipelineDetail;

  it('starts at 目标医院 for the calling rep, with people of the hospital resolved to names', async () => {
    const res = await rep01.post('/api/pipelines', {
      hospitalId: w.hospitals.hShared.id,
      productId: w.products.p1.id,
      stageDate: addDays(today, -3),
      nextAction: '拜访心内科主任',
      nextActionDue: addDays(today, 7),
      people: [
        { role: 'applicant', doctorId: w.doctors.dShared.id },
        { role: 'committeeMember', name: '陈委员', note: '药事会委员' },
      ],
      documents: [{ name: '新药申请表', kind: '申请表' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    created = res.json() as PipelineDetail;
    expect(created).toMatchObject({
      ownerId: w.users.rep1a.id,
      stage: 'target',
      daysInStage: 3,
      stalled: false,
      mayWrite: true,
      people: [
        { role: 'applicant', name: '赵敏', doctorId: w.doctors.dShared.id },
        { role: 'committeeMember', name: '陈委员', doctorId: null },
      ],
    });
    expect(created.events).toHaveLength(1);
  });

  it('refuses a second pipeline for the same hospital × product with a Chinese 409', async () => {
    const res = await m1.post('/api/pipelines', {
      hospitalId: w.hospitals.hShared.id,
      productId: w.products.p1.id,
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.message).toContain('已经有进药流程');
  });

  it('refuses a product outside the territory and people of another hospital, saving nothing', async () => {
    const product = await rep01.post('/api/pipelines', {
      hospitalId: w.hospitals.h1a.id,
      productId: w.products.p2.id,
    });
    expect(product.statusCode).toBe(400);
    expect((product.json() as ErrorBody).error.details?.[0]?.message).toContain('辖区');
    const people = await m1.post('/api/pipelines', {
      hospitalId: w.hospitals.h1b.id,
      productId: w.products.p1.id,
      people: [{ role: 'departmentHead', doctorId: w.doctors.d1a.id }],
    });
    expect(people.statusCode).toBe(400);
    expect((people.json() as ErrorBody).error.details?.[0]?.message).toContain('本医院');
    const none = await db()
      .select()
      .from(s.listingPipelines)
      .where(eq(s.listingPipelines.hospitalId, w.hospitals.h1b.id));
    expect(none).toHaveLength(0);
  });

  it('answers 404 for a hospital outside the scope and 403 for compliance', async () => {
    const out = await rep01.post('/api/pipelines', {
      hospitalId: w.hospitals.h2a.id,
      productId: w.products.p1.id,
    });
    expect(out.statusCode).toBe(404);
    const ro = await compliance.post('/api/pipelines', {
      hospitalId: w.hospitals.h1b.id,
      productId: w.products.p1.id,
    });
    expect(ro.statusCode).toBe(403);
  });

  it('changes people and next action, versioned', async () => {
    const res = await rep01.patch(`/api/pipelines/${created.id}`, {
      version: created.version,
      people: [{ role: 'pharmacyDirector', keyContactId: w.keyContacts.kc1a.id }],
    });
    // 孙药师 works at h1a, not at the pipeline's hospital
    expect(res.statusCode).toBe(400);
    const ok = await rep01.patch(`/api/pipelines/${created.id}`, {
      version: created.version,
      nextAction: '递交申请表',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ nextAction: '递交申请表', version: created.version + 1 });
    const stale = await rep01.patch(`/api/pipelines/${created.id}`, { version: created.version, notes: 'x' });
    expect(stale.statusCode).toBe(409);
  });
});

describe('moving stages', () => {
  let p: PipelineDetail;
  const h = () => w.hospitals.h1b.id;
  const product = () => w.products.p1.id;

  beforeAll(async () => {
    const id = await insertFixturePipeline(db(), {
      hospitalId: h(),
      productId: product(),
      ownerId: w.users.rep1b.id,
      stage: 'target',
      stageDate: addDays(today, -60),
    });
    p = (await m1.get(`/api/pipelines/${id}`)).json() as PipelineDetail;
  });

  it('refuses a skip without a reason in Chinese and saves nothing', async () => {
    const res = await m1.post(`/api/pipelines/${p.id}/stage`, {
      toStage: 'committee',
      date: addDays(today, -50),
      via: 'board',
      version: p.version,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.details?.[0]).toMatchObject({ path: 'body.reason' });
    expect(body.error.details?.[0]?.message).toBe(
      '从「目标医院」直接到「药事委员会」跳过了「科室提出申请、药剂科审核」，请填写跳过原因',
    );
    expect(await eventsOf(p.id)).toHaveLength(1);
    expect(((await m1.get(`/api/pipelines/${p.id}`)).json() as PipelineDetail).stage).toBe('target');
  });

  it('refuses a future date or one before the current stage date', async () => {
    const future = await move(m1, p, { toStage: 'applied', date: addDays(today, 1) });
    expect(future.statusCode).toBe(400);
    const before = await move(m1, p, { toStage: 'applied', date: addDays(today, -61) });
    expect(before.statusCode).toBe(400);
    expect((before.json() as ErrorBody).error.details?.[0]?.message).toContain('不能早于');
  });

  it('moves on with dates, marks 进药 listed at the hospital and audits it', async () => {
    let r = await move(m1, p, { toStage: 'applied', date: addDays(today, -50) });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json() as PipelineDetail;
    r = await move(m1, p, {
      toStage: 'committee',
      date: addDays(today, -30),
      reason: '药剂科主任直接提交药事会',
      via: 'board',
    });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json() as PipelineDetail;
    r = await move(m1, p, { toStage: 'listed', date: addDays(today, -10) });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json() as PipelineDetail;
    expect(p).toMatchObject({ stage: 'listed', stageDate: addDays(today, -10), daysInStage: 10 });
    expect(p.events.map((e) => e.toStage)).toEqual(['target', 'applied', 'committee', 'listed']);
    expect(p.events[2]).toMatchObject({
      via: 'board',
      reason: '药剂科主任直接提交药事会',
      actorName: '王经理',
    });
    expect(await listingOf(h(), product())).toMatchObject({ listed: true, listedAt: addDays(today, -10) });
    const audits = await db()
      .select()
      .from(s.auditLog)
      .where(
        and(eq(s.auditLog.entity, 'hospitalProductListing'), eq(s.auditLog.entityId, `${h()}:${product()}`)),
      );
    expect(audits).toHaveLength(1);
  });

  it('corrects 进药 to 未通过 only with a reason, unlisting the product', async () => {
    const bare = await move(m1, p, { toStage: 'rejected' });
    expect(bare.statusCode).toBe(400);
    expect((bare.json() as ErrorBody).error.details?.[0]?.message).toContain('退回原因');
    expect((await listingOf(h(), product()))?.listed).toBe(true);
    const r = await move(m1, p, { toStage: 'rejected', reason: '录入错误：药事会实际未通过' });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json() as PipelineDetail;
    expect(await listingOf(h(), product())).toMatchObject({ listed: false, listedAt: null });
  });

  it('restarts after 未通过 only at 科室提出申请 with a reason', async () => {
    const wrong = await move(m1, p, { toStage: 'committee', reason: '重新上会' });
    expect(wrong.statusCode).toBe(400);
    const r = await move(m1, p, { toStage: 'applied', reason: '补充药物经济学资料后重新申请' });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('is refused for compliance (403) and another team (404)', async () => {
    expect((await move(compliance, p, { toStage: 'pharmacyReview' })).statusCode).toBe(403);
    expect((await move(m2, p, { toStage: 'pharmacyReview' })).statusCode).toBe(404);
  });
});

describe('board, list and stalled warnings', () => {
  it('shows the team board with columns per stage and figures', async () => {
    const res = await m1.get('/api/pipelines/board');
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json() as PipelineBoard;
    expect(board.columns.map((c) => c.stage)).toEqual([
      'target',
      'applied',
      'pharmacyReview',
      'committee',
      'listed',
      'firstPurchase',
      'stableUse',
      'rejected',
    ]);
    const ids = board.columns.flatMap((c) => c.cards.map((card) => card.id));
    expect(ids).toContain(w.pipeline.p1a);
    expect(ids).not.toContain(w.pipeline.p2a);
    expect(board.figures.conversion[0]).toMatchObject({ stage: 'target' });
    expect(board.stalledAfterDays).toBe(30);
    expect((await m1.get(`/api/pipelines/board?teamId=${w.teams.team2.id}`)).statusCode).toBe(404);
  });

  it('lists stalled pipelines for the manager', async () => {
    const res = await m2.get('/api/pipelines?stalled=true');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as ListResponse<PipelineItem>;
    expect(list.items.map((i) => i.id)).toEqual([w.pipeline.p2a]);
    expect(list.items[0]).toMatchObject({
      stalled: true,
      hospitalName: '复旦大学附属中山医院',
      ownerName: '钱七',
    });
    const fresh = (await m1.get('/api/pipelines?stalled=true')).json() as ListResponse<PipelineItem>;
    expect(fresh.items).toHaveLength(0);
  });

  it('notifies the owner and their manager once per pipeline × stage', async () => {
    const added = await raiseStalledPipelineNotifications(db(), today);
    expect(added).toBe(2);
    const rows = await db()
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.sourceKey, `pipelineStalled:${w.pipeline.p2a}:committee`));
    expect(rows.map((r) => r.userId).sort()).toEqual([w.users.rep2a.id, w.users.m2.id].sort());
    expect(rows[0]).toMatchObject({ kind: 'pipelineStalled', link: `/pipeline/${w.pipeline.p2a}` });
    expect(rows[0]!.params).toMatchObject({ stage: '药事委员会', product: '糖安' });
    expect(await raiseStalledPipelineNotifications(db(), today)).toBe(0);
  });
});
