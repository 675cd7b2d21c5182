import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import { doctorProductStatus, doctors, keyAccountSnapshots, kolProfiles } from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
let manager: Client;
let compliance: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
  manager = await t.signIn('manager01');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

/** A doctor with a current status for p1 (grade as the default matrix gives it). */
async function scoredDoctor(
  name: string,
  hospitalId: string,
  status: number,
  potential: number,
  productId = w.products.p1.id,
) {
  const [d] = await t.database.db.insert(doctors).values({ hospitalId, name, title: '主任医师' }).returning();
  await t.database.db.insert(doctorProductStatus).values({
    doctorId: d!.id,
    productId,
    prescriptionStatus: status,
    prescriptionPotential: potential,
    grade: 'B',
    visitsPerCycle: 2,
    assessedOn: '2026-02-01',
  });
  return d!;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('high-potential doctors 高潜力医生', () => {
  let opposed: { id: string }; // potential 5, status −4: gap 100
  let barely: { id: string }; // potential 4, status 1: gap 75 − 62.5 = 12.5
  let fair: { id: string }; // potential 5, status 0: gap 50
  beforeAll(async () => {
    opposed = await scoredDoctor('高潜甲', w.hospitals.h1a.id, -4, 5, w.products.p2.id);
    barely = await scoredDoctor('高潜乙', w.hospitals.h1a.id, 1, 4, w.products.p2.id);
    fair = await scoredDoctor('高潜丙', w.hospitals.hShared.id, 0, 5, w.products.p2.id);
    await scoredDoctor('低潜丁', w.hospitals.h1a.id, -3, 3, w.products.p2.id); // potential too low
    await scoredDoctor('常用戊', w.hospitals.h1a.id, 2, 5, w.products.p2.id); // already prescribing
    await scoredDoctor('外区己', w.hospitals.h2a.id, -4, 5, w.products.p2.id); // another team's hospital
  });

  it('lists high potential and low status, the largest gap first, within the caller’s scope', async () => {
    const res = await rep.get(`/api/segmentation/high-potential?productId=${w.products.p2.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(ids(res.json())).toEqual([opposed.id, fair.id, barely.id]);
    expect(res.json().items[0]).toMatchObject({
      doctorName: '高潜甲',
      hospitalName: '上海市第一人民医院',
      productName: '糖安',
      prescriptionStatus: -4,
      prescriptionPotential: 5,
      gap: 100,
    });
    expect(res.json().items.map((i: { gap: number }) => i.gap)).toEqual([100, 50, 12.5]);
  });

  it('pages the ranking and shows admins every doctor', async () => {
    const page2 = await rep.get(
      `/api/segmentation/high-potential?productId=${w.products.p2.id}&pageSize=2&page=2`,
    );
    expect(ids(page2.json())).toEqual([barely.id]);
    const all = await admin.get(`/api/segmentation/high-potential?productId=${w.products.p2.id}`);
    expect(all.json().total).toBe(4);
  });
});

describe('key accounts 重点客户 (80/20)', () => {
  const values = [45, 40, 36, 30, 25, 20, 15, 10, 5, 1]; // potential × (status + 5), ten doctors
  const made: { id: string; name: string }[] = [];
  beforeAll(async () => {
    // ten doctors of rep01's h1a with distinct values; potentials 1–5 and statuses −4…4 chosen to match
    const pairs: [number, number][] = [
      [5, 4],
      [5, 3],
      [4, 4],
      [5, 1],
      [5, 0],
      [4, 0],
      [3, 0],
      [2, 0],
      [1, 0],
      [1, -4],
    ];
    for (const [i, [potential, status]] of pairs.entries()) {
      expect(potential * (status + 5)).toBe(values[i]);
      made.push(await scoredDoctor(`重点${i}`, w.hospitals.h1b.id, status, potential, w.products.p1.id));
    }
  });

  // rep02 covers h1b only: exactly these ten doctors are scored there
  let rep1b: Client;
  beforeAll(async () => {
    rep1b = await t.signIn('rep02');
  });

  it('ranks the caller’s doctors by value and marks the top 20 %', async () => {
    const res = await rep1b.get('/api/segmentation/key-accounts?entity=doctor&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ share: 0.2, keyCount: 2, total: 10 });
    expect(body.items.slice(0, 3)).toEqual([
      expect.objectContaining({
        id: made[0]!.id,
        value: 45,
        rank: 1,
        isKey: true,
        hospitalName: '上海市第六人民医院',
      }),
      expect.objectContaining({ id: made[1]!.id, value: 40, rank: 2, isKey: true }),
      expect.objectContaining({ id: made[2]!.id, value: 36, rank: 3, isKey: false }),
    ]);
    expect(body.keyValueShare).toBe(Math.round((85 / 227) * 1000) / 1000);
    const keyOnly = await rep1b.get('/api/segmentation/key-accounts?entity=doctor&keyOnly=true');
    expect(ids(keyOnly.json())).toEqual([made[0]!.id, made[1]!.id]);
  });

  it('keeps other reps’ doctors out of a rep’s ranking', async () => {
    const res = await rep.get('/api/segmentation/key-accounts?entity=doctor&pageSize=200');
    expect(ids(res.json())).not.toContain(made[0]!.id);
  });

  it('ranks hospitals by the sum of their doctors’ values', async () => {
    const res = await manager.get(
      `/api/segmentation/key-accounts?entity=hospital&productId=${w.products.p1.id}`,
    );
    expect(res.json().items).toContainEqual(
      expect.objectContaining({
        id: w.hospitals.h1b.id,
        name: '上海市第六人民医院',
        value: 227,
        hospitalName: null,
      }),
    );
  });

  it('saves this month’s list once per month, however often it is pressed', async () => {
    const month = chinaDate().slice(0, 7);
    const first = await rep1b.post('/api/segmentation/key-accounts/snapshot');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month, doctors: 2 });
    const again = await rep1b.post('/api/segmentation/key-accounts/snapshot');
    expect(again.json()).toEqual(first.json());
    const rows = await t.database.db
      .select()
      .from(keyAccountSnapshots)
      .where(
        and(
          eq(keyAccountSnapshots.ownerId, w.users.rep1b.id),
          eq(keyAccountSnapshots.month, month),
          eq(keyAccountSnapshots.entityType, 'doctor'),
        ),
      );
    expect(rows.map((r) => r.entityId).sort()).toEqual([made[0]!.id, made[1]!.id].sort());
    expect((await compliance.post('/api/segmentation/key-accounts/snapshot')).statusCode).toBe(403);
  });

  it('shows which key accounts entered and left since the previous month', async () => {
    const month = chinaDate().slice(0, 7);
    const previous = addDays(`${month}-01`, -1).slice(0, 7);
    // last month the key doctors were made[1] and made[5]
    await t.database.db.insert(keyAccountSnapshots).values([
      { month: previous, ownerId: w.users.rep1b.id, entityType: 'doctor', entityId: made[1]!.id, value: 40 },
      { month: previous, ownerId: w.users.rep1b.id, entityType: 'doctor', entityId: made[5]!.id, value: 20 },
    ]);
    const res = await rep1b.get(`/api/segmentation/key-accounts/changes?month=${month}&entity=doctor`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      month,
      previousMonth: previous,
      snapshotSaved: true,
      entity: 'doctor',
      entered: [{ id: made[0]!.id, name: '重点0', value: 45 }],
      left: [{ id: made[5]!.id, name: '重点5', value: 20 }],
      stayed: [{ id: made[1]!.id, name: '重点1', value: 40 }],
    });
  });

  it('compares against today’s ranking when this month has no snapshot yet', async () => {
    const res = await rep.get('/api/segmentation/key-accounts/changes');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ snapshotSaved: false, previousMonth: null, left: [] });
  });

  it('follows the configured share', async () => {
    const saved = await put(admin, '/api/segmentation/key-accounts/config', {
      config: { share: 0.5 },
      version: 0,
    });
    expect(saved.statusCode).toBe(200);
    const res = await manager.get(
      `/api/segmentation/key-accounts?entity=doctor&productId=${w.products.p1.id}`,
    );
    expect(res.json()).toMatchObject({ share: 0.5, keyCount: 5 });
  });
});

describe('KOL list', () => {
  let overdue: { id: string };
  let neverContacted: { id: string };
  let onTime: { id: string };
  let noCadence: { id: string };
  beforeAll(async () => {
    const kol = async (
      name: string,
      hospitalId: string,
      values: Partial<typeof kolProfiles.$inferInsert>,
    ) => {
      const [d] = await t.database.db.insert(doctors).values({ hospitalId, name }).returning();
      await t.database.db
        .insert(kolProfiles)
        .values({ doctorId: d!.id, types: ['academicLeader'], developmentStep: 'regularContact', ...values });
      return d!;
    };
    const today = chinaDate();
    overdue = await kol('逾期甲', w.hospitals.h1a.id, {
      contactCadence: 'weekly',
      lastContactOn: addDays(today, -30),
    });
    neverContacted = await kol('未联系乙', w.hospitals.h1a.id, { contactCadence: 'monthly' });
    onTime = await kol('按时丙', w.hospitals.h1a.id, {
      types: ['productSpeaker'],
      contactCadence: 'quarterly',
      lastContactOn: addDays(today, -5),
    });
    noCadence = await kol('定位丁', w.hospitals.hShared.id, { developmentStep: 'locate' });
    await kol('外区戊', w.hospitals.h2a.id, { contactCadence: 'weekly', lastContactOn: addDays(today, -30) });
  });

  it.each([
    ['all of the caller’s KOLs', '', () => [overdue, neverContacted, onTime, noCadence]],
    ['those overdue for contact', '?overdue=true', () => [overdue, neverContacted]],
    ['those on time', '?overdue=false', () => [onTime, noCadence]],
    ['one type', '?type=productSpeaker', () => [onTime]],
    ['one development step', '?developmentStep=locate', () => [noCadence]],
  ])('lists %s', async (_what, query, expected) => {
    const res = await rep.get(`/api/segmentation/kols${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(res.json()).sort()).toEqual(
      expected()
        .map((d) => d.id)
        .sort(),
    );
  });

  it('shows when the next contact was due', async () => {
    const res = await rep.get('/api/segmentation/kols?overdue=true');
    const item = res.json().items.find((i: { id: string }) => i.id === overdue.id);
    expect(item).toMatchObject({
      doctorName: '逾期甲',
      hospitalName: '上海市第一人民医院',
      contactCadence: 'weekly',
      nextContactDue: addDays(chinaDate(), -23),
      overdue: true,
    });
  });
});
