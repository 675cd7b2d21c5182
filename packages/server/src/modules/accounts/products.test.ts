import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
});
afterAll(async () => t?.close());

const product = {
  name: '舒压',
  genericName: '苯磺酸氨氯地平片',
  specification: '5mg×28片',
  therapeuticArea: '心血管',
  indications: ['高血压', '冠心病'],
  targetDepartments: ['心内科', '老年科'],
  competitorProducts: ['络活喜'],
  keyMessages: [
    { feature: '长效平稳降压', benefit: '每日一次，患者依从性好' },
    { feature: '原研品质', benefit: '疗效确切', objection: '价格偏高', answer: '已纳入集采，患者负担低' },
  ],
};

describe('products', () => {
  it('lets an admin create a product with target departments, competitors and key messages', async () => {
    const res = await admin.post('/api/products', product);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      ...product,
      keyMessages: [
        { feature: '长效平稳降压', benefit: '每日一次，患者依从性好', objection: null, answer: null },
        product.keyMessages[1],
      ],
      active: true,
      version: 1,
    });
    const read = await rep.get(`/api/products/${res.json().id}`);
    expect(read.json().targetDepartments).toEqual(['心内科', '老年科']);
  });

  it('refuses an answer without its objection', async () => {
    const res = await admin.post('/api/products', {
      ...product,
      name: '舒压二代',
      keyMessages: [{ feature: '长效', benefit: '平稳', answer: '已进医保' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.keyMessages.0.objection', message: '填写了异议处理的回答，请同时填写对应的异议' },
    ]);
  });

  it('refuses a taken product name', async () => {
    const res = await admin.post('/api/products', { ...product, name: '瑞心' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('产品名称“瑞心”已被使用');
  });

  it('retires a product with active=false and filters by state and therapeutic area', async () => {
    const v = (await admin.get(`/api/products/${w.products.p2.id}`)).json().version;
    const res = await admin.patch(`/api/products/${w.products.p2.id}`, { active: false, version: v });
    expect(res.statusCode).toBe(200);
    const active = (await rep.get('/api/products?active=true'))
      .json()
      .items.map((p: { name: string }) => p.name);
    expect(active).not.toContain('糖安');
    const retired = (await rep.get('/api/products?active=false'))
      .json()
      .items.map((p: { name: string }) => p.name);
    expect(retired).toEqual(['糖安']);
    const cardio = (await rep.get(`/api/products?therapeuticArea=${encodeURIComponent('心血管')}`)).json();
    expect(cardio.items.every((p: { therapeuticArea: string }) => p.therapeuticArea === '心血管')).toBe(true);
  });

  it('lets only admins create or change products, and answers 409 to a stale version', async () => {
    expect((await rep.post('/api/products', { ...product, name: '代表新药' })).statusCode).toBe(403);
    expect(
      (await rep.patch(`/api/products/${w.products.p1.id}`, { specification: 'x', version: 1 })).statusCode,
    ).toBe(403);
    expect(
      (await admin.patch(`/api/products/${w.products.p1.id}`, { specification: '10mg×7片', version: 1 }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/products/${w.products.p1.id}`, { specification: '20mg', version: 1 }))
        .statusCode,
    ).toBe(409);
  });
});
