import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateDoctorGroup, DuplicateHospitalGroup, ListResponse } from '@keqing/shared';
import * as s from '../../db/schema.ts';
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

const db = () => t.database.db;
/** A doctor created `daysLater` days after now (the oldest of a group is the one suggested to keep). */
async function doctor(
  values: Partial<typeof s.doctors.$inferInsert> & { name: string; hospitalId: string },
  daysLater = 0,
) {
  const [d] = await db()
    .insert(s.doctors)
    .values({ ...values, createdAt: sql`now() + make_interval(days => ${daysLater})` })
    .returning();
  return d!;
}
async function hospital(values: Partial<typeof s.hospitals.$inferInsert> & { name: string }, daysLater = 0) {
  const [h] = await db()
    .insert(s.hospitals)
    .values({
      level: '三级甲等',
      type: '综合',
      province: '浙江',
      city: '杭州',
      ...values,
      createdAt: sql`now() + make_interval(days => ${daysLater})`,
    })
    .returning();
  return h!;
}
const groupsOf = async (c: Client, url: string) =>
  (await c.get(url)).json() as ListResponse<DuplicateDoctorGroup & DuplicateHospitalGroup>;

describe('duplicate doctors 查重', () => {
  it('groups same name + hospital + 科室 and same phone, oldest first, within the caller’s scope', async () => {
    const a1 = await doctor({
      name: '查重甲',
      hospitalId: w.hospitals.h1a.id,
      departmentId: w.departments.dep1a.id,
    });
    const a2 = await doctor(
      {
        name: '查重甲',
        hospitalId: w.hospitals.h1a.id,
        departmentId: w.departments.dep1a.id,
        phone: '138 0013 8000',
      },
      1,
    );
    // same phone in another hospital of the rep's: the same person, most likely
    const a3 = await doctor({ name: '查重乙', hospitalId: w.hospitals.hShared.id, phone: '13800138000' }, 2);
    // same name, other 科室: not a duplicate
    await doctor({ name: '查重甲', hospitalId: w.hospitals.h1a.id });
    // a pair the rep does not cover
    const b1 = await doctor({ name: '查重丙', hospitalId: w.hospitals.h1b.id });
    await doctor({ name: '查重丙', hospitalId: w.hospitals.h1b.id }, 1);

    const mine = await groupsOf(rep, '/api/duplicates/doctors?q=查重');
    expect(mine.total).toBe(1);
    const [group] = mine.items;
    expect(group!.id).toBe(a1.id);
    expect(group!.reasons.sort()).toEqual(['sameNameHospitalDepartment', 'samePhone']);
    expect(group!.doctors.map((d) => d.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(group!.doctors[0]).toMatchObject({
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      scoreCount: 0,
    });

    const all = await groupsOf(admin, '/api/duplicates/doctors?q=查重');
    expect(all.items.map((g) => g.id).sort()).toEqual([a1.id, b1.id].sort());
    const inH1b = await groupsOf(admin, `/api/duplicates/doctors?hospitalId=${w.hospitals.h1b.id}&q=查重`);
    expect(inH1b.items.map((g) => g.id)).toEqual([b1.id]);
    const manager = await t.signIn('manager01');
    expect((await groupsOf(manager, '/api/duplicates/doctors?q=查重')).total).toBe(2);
    const other = await t.signIn('rep03');
    expect((await groupsOf(other, '/api/duplicates/doctors?q=查重')).total).toBe(0);
  });
});

describe('merging doctors 合并', () => {
  it('moves every related row to the kept doctor, fills its blanks and hides the merged one', async () => {
    const keep = await doctor({ name: '合并甲', hospitalId: w.hospitals.h1a.id, title: '主任医师' });
    const gone = await doctor(
      {
        name: '合并甲',
        hospitalId: w.hospitals.h1a.id,
        code: 'MERGE-GONE',
        phone: '13911112222',
        title: '主治医师',
      },
      1,
    );
    const { p1, p2 } = w.products;
    const score = (doctorId: string, productId: string, assessedOn: string) => ({
      doctorId,
      productId,
      prescriptionStatus: 1,
      prescriptionPotential: 3,
      grade: 'B',
      assessedOn,
    });
    await db()
      .insert(s.doctorScores)
      .values([
        score(keep.id, p1.id, '2026-01-01'),
        score(gone.id, p1.id, '2026-02-01'),
        score(gone.id, p2.id, '2026-01-15'),
      ]);
    await db()
      .insert(s.doctorProductStatus)
      .values([
        { ...score(keep.id, p1.id, '2026-01-01'), visitsPerCycle: 2 },
        { ...score(gone.id, p1.id, '2026-02-01'), grade: 'A', prescriptionStatus: 3, visitsPerCycle: 4 },
        { ...score(gone.id, p2.id, '2026-01-15'), visitsPerCycle: 2 },
      ]);
    await db()
      .insert(s.doctorLadderHistory)
      .values({ doctorId: gone.id, productId: p1.id, toStep: 2, changedOn: '2026-02-01' });
    await db()
      .insert(s.doctorStageHistory)
      .values({ doctorId: gone.id, toStage: 2, changedOn: '2026-02-01', reason: '参加了科室会' });
    await db()
      .insert(s.doctorProfiles)
      .values([
        { doctorId: keep.id, hobbies: '钓鱼' },
        { doctorId: gone.id, hobbies: '围棋', mobile: '13900001111' },
      ]);
    await db()
      .insert(s.kolProfiles)
      .values({ doctorId: gone.id, types: ['academicLeader'], developmentStep: 'contact' });
    const entry = (month: string, entityId: string, value: number) => ({
      month,
      ownerId: w.users.rep1a.id,
      entityType: 'doctor',
      entityId,
      value,
    });
    await db()
      .insert(s.keyAccountSnapshots)
      .values([entry('2026-05', gone.id, 10), entry('2026-06', gone.id, 10), entry('2026-06', keep.id, 12)]);

    const res = await rep.post('/api/duplicates/doctors/merge', { keepId: keep.id, mergeIds: [gone.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      keptId: keep.id,
      mergedIds: [gone.id],
      moved: {
        doctorScores: 3 - 1,
        doctorLadderHistory: 1,
        doctorStageHistory: 1,
        doctorProductStatus: 2,
        doctorProfiles: 1,
        kolProfiles: 1,
        keyAccountSnapshots: 1,
      },
    });

    // the merged record is hidden, not deleted
    expect((await rep.get(`/api/doctors/${gone.id}`)).statusCode).toBe(404);
    const [goneRow] = await db().select().from(s.doctors).where(eq(s.doctors.id, gone.id));
    expect(goneRow).toMatchObject({ mergedInto: keep.id, code: null });
    const [kept] = await db().select().from(s.doctors).where(eq(s.doctors.id, keep.id));
    expect(kept).toMatchObject({ title: '主任医师', code: 'MERGE-GONE', phone: '13911112222' });

    const rowsOf = async (
      table: typeof s.doctorScores | typeof s.doctorLadderHistory | typeof s.doctorStageHistory,
    ) =>
      (
        await db()
          .select({ doctorId: table.doctorId })
          .from(table)
          .where(inArray(table.doctorId, [keep.id, gone.id]))
      ).map((r) => r.doctorId);
    expect(await rowsOf(s.doctorScores)).toEqual([keep.id, keep.id, keep.id]);
    expect(await rowsOf(s.doctorLadderHistory)).toEqual([keep.id]);
    expect(await rowsOf(s.doctorStageHistory)).toEqual([keep.id]);
    const statuses = await db()
      .select()
      .from(s.doctorProductStatus)
      .where(inArray(s.doctorProductStatus.doctorId, [keep.id, gone.id]));
    expect(statuses.map((r) => [r.doctorId, r.productId, r.grade, r.assessedOn]).sort()).toEqual(
      [
        [keep.id, p1.id, 'A', '2026-02-01'], // the newer assessment won
        [keep.id, p2.id, 'B', '2026-01-15'],
      ].sort(),
    );
    const [profile] = await db()
      .select()
      .from(s.doctorProfiles)
      .where(eq(s.doctorProfiles.doctorId, keep.id));
    expect(profile).toMatchObject({ hobbies: '钓鱼', mobile: '13900001111' });
    const [kol] = await db().select().from(s.kolProfiles).where(eq(s.kolProfiles.doctorId, keep.id));
    expect(kol).toMatchObject({ types: ['academicLeader'], developmentStep: 'contact' });
    const entries = await db()
      .select({
        month: s.keyAccountSnapshots.month,
        entityId: s.keyAccountSnapshots.entityId,
        value: s.keyAccountSnapshots.value,
      })
      .from(s.keyAccountSnapshots)
      .where(eq(s.keyAccountSnapshots.ownerId, w.users.rep1a.id));
    expect(entries.sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      { month: '2026-05', entityId: keep.id, value: 10 },
      { month: '2026-06', entityId: keep.id, value: 12 },
    ]);

    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'doctor'), inArray(s.auditLog.entityId, [keep.id, gone.id])));
    const merge = audit.find((a) => a.action === 'merge');
    expect(merge).toMatchObject({ entityId: keep.id, actorId: w.users.rep1a.id });
    expect(merge!.changes).toMatchObject({
      mergedIds: { before: null, after: [gone.id] },
      code: { before: null, after: 'MERGE-GONE' },
    });
    expect(audit.find((a) => a.entityId === gone.id)!.changes).toEqual({
      mergedInto: { before: null, after: keep.id },
    });

    // merged once is merged for good; and the pair is no longer a duplicate
    expect(
      (await rep.post('/api/duplicates/doctors/merge', { keepId: keep.id, mergeIds: [gone.id] })).statusCode,
    ).toBe(404);
    expect((await groupsOf(rep, '/api/duplicates/doctors?q=合并甲')).total).toBe(0);
  });

  it('answers 404 when any record is outside the caller’s scope, and changes nothing', async () => {
    const mine = await doctor({ name: '跨区医生', hospitalId: w.hospitals.h1a.id });
    const theirs = await doctor({ name: '跨区医生', hospitalId: w.hospitals.h1b.id });
    for (const body of [
      { keepId: mine.id, mergeIds: [theirs.id] },
      { keepId: theirs.id, mergeIds: [mine.id] },
    ]) {
      expect((await rep.post('/api/duplicates/doctors/merge', body)).statusCode).toBe(404);
    }
    const rows = await db()
      .select()
      .from(s.doctors)
      .where(inArray(s.doctors.id, [mine.id, theirs.id]));
    expect(rows.map((r) => r.mergedInto)).toEqual([null, null]);
    const manager = await t.signIn('manager01');
    expect(
      (await manager.post('/api/duplicates/doctors/merge', { keepId: mine.id, mergeIds: [theirs.id] }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses compliance and a body that merges a record into itself', async () => {
    const d = await doctor({ name: '自我合并', hospitalId: w.hospitals.h1a.id });
    const compliance = await t.signIn('compliance');
    expect(
      (await compliance.post('/api/duplicates/doctors/merge', { keepId: d.id, mergeIds: [w.doctors.d1a.id] }))
        .statusCode,
    ).toBe(403);
    const res = await rep.post('/api/duplicates/doctors/merge', { keepId: d.id, mergeIds: [d.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.mergeIds', message: '要合并的记录不能重复，也不能包含保留的记录' },
    ]);
  });
});

describe('duplicate hospitals and merging them', () => {
  it('finds hospitals of one city sharing a name or alias, for an admin only', async () => {
    const h1 = await hospital({ name: '杭州市第七人民医院' });
    const h2 = await hospital({ name: '杭州七院', alias: '杭州市第七人民医院' }, 1);
    const h3 = await hospital({ name: '杭州市 第七人民医院' }, 2);
    await hospital({ name: '杭州市第七人民医院', city: '宁波' });
    const groups = await groupsOf(admin, '/api/duplicates/hospitals?q=第七');
    expect(groups.items).toHaveLength(1);
    expect(groups.items[0]).toMatchObject({ id: h1.id, city: '杭州', reasons: ['sameNameInCity'] });
    expect(groups.items[0]!.hospitals.map((h) => h.id)).toEqual([h1.id, h2.id, h3.id]);
    expect((await rep.get('/api/duplicates/hospitals')).statusCode).toBe(403);
  });

  it('moves 科室 (folding same-name ones), doctors, contacts, territories and listings to the kept hospital', async () => {
    const keep = await hospital({ name: '温州市人民医院' });
    const gone = await hospital({ name: '温州人民医院', code: 'MERGE-H', beds: 900 }, 1);
    const [keptCardio] = await db()
      .insert(s.departments)
      .values({ hospitalId: keep.id, name: '心内科' })
      .returning();
    const [goneCardio, goneOrtho] = await db()
      .insert(s.departments)
      .values([
        { hospitalId: gone.id, name: '心内科', headcount: 30 },
        { hospitalId: gone.id, name: '骨科' },
      ])
      .returning();
    const cardiologist = await doctor({ name: '温医生', hospitalId: gone.id, departmentId: goneCardio!.id });
    const surgeon = await doctor({ name: '骨医生', hospitalId: gone.id, departmentId: goneOrtho!.id });
    const [contact] = await db()
      .insert(s.keyContacts)
      .values({ name: '温药师', hospitalId: gone.id, function: '药剂科' })
      .returning();
    await db()
      .insert(s.territoryHospitals)
      .values({ territoryId: w.territories.t1a.id, hospitalId: gone.id });
    await db()
      .insert(s.hospitalProductListings)
      .values([
        { hospitalId: keep.id, productId: w.products.p1.id, listed: false },
        { hospitalId: gone.id, productId: w.products.p1.id, listed: true, listedAt: '2025-03-01' },
      ]);

    const body = { keepId: keep.id, mergeIds: [gone.id] };
    expect((await rep.post('/api/duplicates/hospitals/merge', body)).statusCode).toBe(403);
    const res = await admin.post('/api/duplicates/hospitals/merge', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved).toEqual({
      departments: 1,
      departmentsFolded: 1,
      doctors: 2,
      keyContacts: 1,
      territoryHospitals: 1,
      hospitalProductListings: 1,
      keyAccountSnapshots: 0,
    });

    expect((await admin.get(`/api/hospitals/${gone.id}`)).statusCode).toBe(404);
    const [kept] = await db().select().from(s.hospitals).where(eq(s.hospitals.id, keep.id));
    expect(kept).toMatchObject({
      code: 'MERGE-H',
      beds: 900,
      alias: '温州人民医院',
      nameInitials: 'wzsrmyy wzrmyy',
    });
    const people = await db()
      .select()
      .from(s.doctors)
      .where(inArray(s.doctors.id, [cardiologist.id, surgeon.id]));
    expect(people.map((d) => [d.name, d.hospitalId, d.departmentId]).sort()).toEqual(
      [
        ['温医生', keep.id, keptCardio!.id],
        ['骨医生', keep.id, goneOrtho!.id],
      ].sort(),
    );
    const [ortho] = await db().select().from(s.departments).where(eq(s.departments.id, goneOrtho!.id));
    expect(ortho!.hospitalId).toBe(keep.id);
    const [cardio] = await db().select().from(s.departments).where(eq(s.departments.id, keptCardio!.id));
    expect(cardio!.headcount).toBe(30);
    const [movedContact] = await db().select().from(s.keyContacts).where(eq(s.keyContacts.id, contact!.id));
    expect(movedContact!.hospitalId).toBe(keep.id);
    const [listing] = await db()
      .select()
      .from(s.hospitalProductListings)
      .where(eq(s.hospitalProductListings.hospitalId, keep.id));
    expect(listing).toMatchObject({ listed: true, listedAt: '2025-03-01' });
    // the territory that held the merged hospital now holds the kept one
    expect((await rep.get(`/api/hospitals/${keep.id}`)).statusCode).toBe(200);

    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(
        and(
          eq(s.auditLog.entity, 'hospital'),
          eq(s.auditLog.entityId, keep.id),
          eq(s.auditLog.action, 'merge'),
        ),
      );
    expect(audit!.changes).toMatchObject({
      mergedIds: { after: [gone.id] },
      alias: { before: null, after: '温州人民医院' },
    });
  });
});
