import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, mondayOf, addDays } from '@keqing/domain';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
});
afterAll(async () => t?.close());

describe('weekly key-account review 周讨论', () => {
  it("lets a manager record this week's review of a team rep, dated to the week's Monday", async () => {
    const manager = await t.signIn('manager01');
    const res = await manager.post('/api/segmentation/key-accounts/reviews', {
      ownerId: w.users.rep1b.id,
      note: '六院心内科主任本周外出，下周补访',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ownerName: '赵六',
      reviewedByName: '王经理',
      weekStart: mondayOf(chinaDate()),
      note: '六院心内科主任本周外出，下周补访',
      version: 1,
    });
  });

  it('keeps one review per rep and week: recording again replaces the note, the audit log keeps the old one', async () => {
    const manager = await t.signIn('manager01');
    const again = await manager.post('/api/segmentation/key-accounts/reviews', {
      ownerId: w.users.rep1b.id,
      note: '已约定下周二补访',
    });
    expect(again.json()).toMatchObject({ note: '已约定下周二补访', version: 2 });
    const list = await manager.get(`/api/segmentation/key-accounts/reviews?ownerId=${w.users.rep1b.id}`);
    expect(list.json().total).toBe(1);
    const admin = await t.signIn('admin');
    const audit = await admin.get(`/api/audit-logs?entity=keyAccountReview&entityId=${again.json().id}`);
    expect(audit.json().items[0].changes.note).toEqual({
      before: '六院心内科主任本周外出，下周补访',
      after: '已约定下周二补访',
    });
  });

  it('lets a rep record their own review and shows them only their own', async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.post('/api/segmentation/key-accounts/reviews', { note: '瑞金医院已列入本月重点' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ownerId).toBe(w.users.rep1a.id);
    const list = (await rep.get('/api/segmentation/key-accounts/reviews')).json();
    expect(new Set(list.items.map((r: { ownerId: string }) => r.ownerId))).toEqual(
      new Set([w.users.rep1a.id]),
    );
  });

  it.each([
    [
      'a future week',
      () => ({ ownerId: w.users.rep1a.id, week: addDays(chinaDate(), 8), note: 'x' }),
      '不能记录未来一周的讨论',
    ],
    [
      'a manager as the owner',
      () => ({ ownerId: w.users.m1.id, note: 'x' }),
      '周讨论只能针对医药代表的重点客户名单',
    ],
  ])('refuses %s with a Chinese message', async (_label, body, message) => {
    const admin = await t.signIn('admin');
    const res = await admin.post('/api/segmentation/key-accounts/reviews', body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(message);
  });

  it('refuses an empty note', async () => {
    const rep = await t.signIn('rep01');
    const res = await rep.post('/api/segmentation/key-accounts/reviews', { note: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.note');
  });
});
