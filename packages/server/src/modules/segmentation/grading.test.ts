import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorGradingConfig, defaultHospitalGradingConfig } from '@keqing/domain';
import { auditLog, doctorProductStatus, hospitals } from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { gradeHospitals } from './grading.service.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
  const db = t.database.db;
  // h1a: big and open → A (100); h1b: middling → B (66.5); h2a: small and crowded → C; hShared: level only → C
  await db
    .update(hospitals)
    .set({ beds: 2000, outpatientsPerDay: 6000, drugUseLevel: 5, competitorCount: 0 })
    .where(eq(hospitals.id, w.hospitals.h1a.id));
  await db
    .update(hospitals)
    .set({
      beds: 400,
      outpatientsPerDay: 800,
      drugUseLevel: 2,
      competitorCount: 4,
      competitionStrength: 3,
      hasDominantCompetitor: false,
    })
    .where(eq(hospitals.id, w.hospitals.h1b.id));
  await db
    .update(hospitals)
    .set({
      beds: 50,
      outpatientsPerDay: 100,
      drugUseLevel: 1,
      competitorCount: 7,
      competitionStrength: 5,
      hasDominantCompetitor: true,
    })
    .where(eq(hospitals.id, w.hospitals.h2a.id));
});
afterAll(async () => t?.close());

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

const gradesOf = async (ids: string[]) => {
  const rows = await t.database.db
    .select({ id: hospitals.id, grade: hospitals.grade, score: hospitals.gradeScore, at: hospitals.gradedAt })
    .from(hospitals)
    .where(inArray(hospitals.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r]));
};

describe('hospital grading 医院定级', () => {
  const url = '/api/segmentation/hospital-grading';

  it('answers the built-in default, version 0, before any admin saved one — to reps too', async () => {
    const res = await rep.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      config: defaultHospitalGradingConfig,
      version: 0,
      isDefault: true,
      savedAt: null,
      savedBy: null,
    });
  });

  it('previews the counts per grade over all hospitals without saving anything', async () => {
    const res = await admin.post(`${url}/preview`, { config: defaultHospitalGradingConfig });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 4, counts: { A: 1, B: 1, C: 2 }, incomplete: 1 });
    expect(res.json().summary).toMatchObject({ before: { A: 0, B: 0, C: 0 }, after: { A: 1, B: 1, C: 2 } });
    const grades = await gradesOf([w.hospitals.h1a.id, w.hospitals.h1b.id]);
    expect(grades[w.hospitals.h1a.id]?.grade).toBeNull();
    expect((await admin.get(url)).json().version).toBe(0);
  });

  it('re-grades every hospital on save, records before/after counts and audits the new version', async () => {
    const first = await put(admin, url, { config: defaultHospitalGradingConfig, version: 0 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, isDefault: false, savedBy: { name: '系统管理员' } });
    expect(first.json().summary).toMatchObject({
      before: { A: 0, B: 0, C: 0 },
      after: { A: 1, B: 1, C: 2 },
      added: 4,
      moved: 0,
    });
    const graded = await gradesOf(Object.values(w.hospitals).map((h) => h.id));
    expect(graded[w.hospitals.h1a.id]).toMatchObject({ grade: 'A', score: 100 });
    expect(graded[w.hospitals.h1b.id]).toMatchObject({ grade: 'B', score: 67 });
    expect(graded[w.hospitals.h2a.id]).toMatchObject({ grade: 'C' });
    expect(graded[w.hospitals.hShared.id]).toMatchObject({ grade: 'C', score: 25 });
    expect(graded[w.hospitals.h1a.id]?.at).not.toBeNull();

    // lowering the A threshold to 60 lifts h1b (66.5) from B to A
    const lower = { ...defaultHospitalGradingConfig, thresholds: { A: 60, B: 45 } };
    const second = await put(admin, url, { config: lower, version: 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().summary).toEqual({
      before: { A: 1, B: 1, C: 2 },
      after: { A: 2, B: 0, C: 2 },
      moved: 1,
      upgraded: 1,
      downgraded: 0,
      added: 0,
      removed: 0,
      movements: [{ from: 'B', to: 'A', count: 1 }],
    });
    expect((await gradesOf([w.hospitals.h1b.id]))[w.hospitals.h1b.id]?.grade).toBe('A');

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'segmentationConfig'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits.every((a) => a.actorId === w.users.admin.id && a.action === 'create')).toBe(true);

    const history = await rep.get(`${url}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().total).toBe(2);
    expect(history.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.json().items[0]).toMatchObject({
      createdBy: { id: w.users.admin.id, name: '系统管理员' },
      config: { thresholds: { A: 60, B: 45 } },
      summary: { movements: [{ from: 'B', to: 'A', count: 1 }] },
    });
  });

  it('refuses a save based on a stale version with 409 and the current version', async () => {
    const current = (await admin.get(url)).json().version as number;
    const res = await put(admin, url, { config: defaultHospitalGradingConfig, version: current - 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: current },
    });
  });

  it.each([
    [
      'weights not adding up to 1',
      { weights: { ...defaultHospitalGradingConfig.weights, size: 0.5 } },
      'body.config.weights',
      'config.weightsNotSummingToOne',
      '各项权重之和须为 1（当前为 1.35）',
    ],
    [
      'thresholds not descending',
      { thresholds: { A: 40, B: 45 } },
      'body.config.thresholds',
      'config.thresholdsNotDescending',
      'A 级分数线须高于 B 级分数线',
    ],
    [
      'a band out of order',
      {
        bedBands: [
          { from: 0, points: 0 },
          { from: 500, points: 50 },
          { from: 100, points: 80 },
        ],
      },
      'body.config.bedBands.2.from',
      'config.bandsNotAscending',
      '各档起点须由小到大排列',
    ],
    [
      'points above 100',
      { drugUsePoints: { ...defaultHospitalGradingConfig.drugUsePoints, 5: 120 } },
      'body.config.drugUsePoints.5',
      'config.pointsOutOfRange',
      '分值须在 0 到 100 之间',
    ],
  ])('refuses %s with the field path and the rule key (400)', async (_what, change, path, key, message) => {
    const config = { ...defaultHospitalGradingConfig, ...change };
    for (const res of [
      await admin.post(`${url}/preview`, { config }),
      await put(admin, url, { config, version: (await admin.get(url)).json().version }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, key, message }));
    }
  });

  it('lets only admins preview and save', async () => {
    expect((await rep.post(`${url}/preview`, { config: defaultHospitalGradingConfig })).statusCode).toBe(403);
    const manager = await t.signIn('manager01');
    expect((await put(manager, url, { config: defaultHospitalGradingConfig, version: 2 })).statusCode).toBe(
      403,
    );
  });
});

describe('doctor grading matrix 医生定级', () => {
  const url = '/api/segmentation/doctor-grading';
  const row = (grades: string) =>
    Object.fromEntries([-4, -3, -2, -1, 0, 1, 2, 3, 4].map((s, i) => [String(s), grades.charAt(i)]));

  beforeAll(async () => {
    const p = w.products.p1.id;
    const status = (doctorId: string, s: number, potential: number, grade: string, visits: number) => ({
      doctorId,
      productId: p,
      prescriptionStatus: s,
      prescriptionPotential: potential,
      grade,
      visitsPerCycle: visits,
      assessedOn: '2026-01-10',
    });
    // graded with the default matrix
    await t.database.db
      .insert(doctorProductStatus)
      .values([
        status(w.doctors.d1a.id, 0, 4, 'B', 2),
        status(w.doctors.d1b.id, 2, 4, 'A', 4),
        status(w.doctors.d2a.id, -3, 5, 'B', 2),
        status(w.doctors.dShared.id, 1, 2, 'C', 1),
      ]);
  });

  const draft = {
    ...defaultDoctorGradingConfig,
    matrix: { ...defaultDoctorGradingConfig.matrix, '5': row('CCAAAAAAA'), '4': row('AAAAAAAAA') },
  };
  const expectedSummary = {
    before: { A: 1, B: 2, C: 1 },
    after: { A: 2, B: 0, C: 2 },
    moved: 2,
    upgraded: 1,
    downgraded: 1,
    added: 0,
    removed: 0,
    movements: [
      { from: 'B', to: 'A', count: 1 },
      { from: 'B', to: 'C', count: 1 },
    ],
  };

  it('answers the default matrix with the potential scale 1–5', async () => {
    const res = await rep.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      config: { ...defaultDoctorGradingConfig, potentialScale: { min: 1, max: 5 } },
      version: 0,
      isDefault: true,
    });
  });

  it('previews before/after counts and movements without changing any grade', async () => {
    const res = await admin.post(`${url}/preview`, { config: draft });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 4, summary: expectedSummary });
    const [d1a] = await t.database.db
      .select()
      .from(doctorProductStatus)
      .where(eq(doctorProductStatus.doctorId, w.doctors.d1a.id));
    expect(d1a?.grade).toBe('B');
  });

  it('re-grades every doctor × product on save: grade and visits per cycle, with the summary kept', async () => {
    const res = await put(admin, url, { config: draft, version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toEqual(expectedSummary);
    expect(res.json()).toMatchObject({ version: 1, config: { matrix: { '4': row('AAAAAAAAA') } } });
    const rows = await t.database.db.select().from(doctorProductStatus);
    const byDoctor = Object.fromEntries(rows.map((r) => [r.doctorId, r]));
    expect(byDoctor[w.doctors.d1a.id]).toMatchObject({ grade: 'A', visitsPerCycle: 4 });
    expect(byDoctor[w.doctors.d2a.id]).toMatchObject({ grade: 'C', visitsPerCycle: 1 });
    expect(byDoctor[w.doctors.dShared.id]).toMatchObject({ grade: 'C', visitsPerCycle: 1 });

    // a new frequency re-plans the visits even where no grade moves
    const fewer = { ...draft, visitFrequency: { A: 3, B: 2, C: 1 } };
    const again = await put(admin, url, { config: fewer, version: 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().summary.moved).toBe(0);
    const [d1a] = await t.database.db
      .select()
      .from(doctorProductStatus)
      .where(eq(doctorProductStatus.doctorId, w.doctors.d1a.id));
    expect(d1a).toMatchObject({ grade: 'A', visitsPerCycle: 3 });

    const history = (await admin.get(`${url}/history`)).json();
    expect(history.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.items[1].summary).toEqual(expectedSummary);
  });

  it('refuses a smaller potential scale while scores lie outside it', async () => {
    const small = {
      grades: ['A', 'B', 'C'],
      matrix: { '1': row('CCCCCCCCC'), '2': row('CCCCCBBBB'), '3': row('BBBAAAAAA') },
      visitFrequency: { A: 4, B: 2, C: 1 },
      potentialScale: { min: 1, max: 3 },
    };
    const res = await admin.post(`${url}/preview`, { config: small });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({
        path: 'body.config.potentialScale',
        key: 'segmentation.grading.potentialsOutsideScale',
        params: { count: 3, min: 1, max: 3 },
      }),
    ]);
  });

  it.each([
    [
      'a missing cell',
      { matrix: { ...defaultDoctorGradingConfig.matrix, '5': { ...row('BBAAAAAAA'), '-4': '' } } },
      'body.config.matrix.5.-4',
      'doctorGrade.cellMissing',
    ],
    [
      'an unknown grade',
      { matrix: { ...defaultDoctorGradingConfig.matrix, '1': row('CCCCCCCCD') } },
      'body.config.matrix.1.4',
      'doctorGrade.cellUnknownGrade',
    ],
    [
      'a worse grade visited more often',
      { visitFrequency: { A: 2, B: 4, C: 1 } },
      'body.config.visitFrequency.B',
      'doctorGrade.frequencyOrder',
    ],
    [
      'a high-potential threshold off the scale',
      { highPotential: { minPotential: 9, maxStatus: 1 } },
      'body.config.highPotential.minPotential',
      'highPotential.minPotentialOutOfScale',
    ],
  ])('refuses %s (400 with path and key)', async (_what, change, path, key) => {
    const res = await admin.post(`${url}/preview`, { config: { ...defaultDoctorGradingConfig, ...change } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, key }));
  });
});

describe('key-account share', () => {
  const url = '/api/segmentation/key-accounts/config';
  it('defaults to 0.2 and takes a new share from an admin', async () => {
    expect((await rep.get(url)).json()).toMatchObject({ config: { share: 0.2 }, version: 0 });
    const res = await put(admin, url, { config: { share: 0.3 }, version: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ config: { share: 0.3 }, version: 1 });
  });

  it('refuses a share outside (0, 1]', async () => {
    const res = await put(admin, url, { config: { share: 1.5 }, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.config.share', key: 'keyAccount.shareOutOfRange' }),
    ]);
  });
});

describe('grading one hospital after an edit', () => {
  it('grades the given hospitals with the config in force', async () => {
    const db = t.database.db;
    await db
      .update(hospitals)
      .set({ beds: 2000, drugUseLevel: 5, outpatientsPerDay: 6000, competitorCount: 0 })
      .where(eq(hospitals.id, w.hospitals.hShared.id));
    await gradeHospitals(db, [w.hospitals.hShared.id]);
    expect((await gradesOf([w.hospitals.hShared.id]))[w.hospitals.hShared.id]).toMatchObject({
      grade: 'A',
      score: 100,
    });
  });
});
