/**
 * The scale generator at a tiny size (teams and hospitals that do not divide evenly, on purpose): the counts
 * follow the size, and the data keeps the app's rules — every call by the rep covering the doctor's
 * hospital on that day with a product of that territory, China call dates on weekdays before today, no
 * overlapping calls of a rep, ≥ 3 objectives, statuses on the right side of the listing, grades from the
 * matrix, pinyin as the app computes it, flow only to hospitals of the distributor's territories — and a
 * rep signs in and sees exactly the doctors of their territory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { gradeDoctor, pinyinInitials, searchInitials } from '@keqing/domain';
import { createTestApp, testPassword, type TestApp } from '../../../test/test-app.ts';
import { databaseHasData, seedScaleData, type ScaleSeedResult } from './scale-seed.ts';
import type { ScaleSize } from './scale-sizes.ts';
import { repUsername, scaleId } from './scale-master.ts';

const size: ScaleSize = {
  teams: 3,
  repsPerTeam: 3,
  hospitals: 20,
  departments: 50,
  doctors: 200,
  products: 8,
  distributors: 2,
  callMonths: 3,
  flowMonths: 2,
};
const today = '2026-03-18';

let t: TestApp;
let result: ScaleSeedResult;

async function rows<T>(text: string): Promise<T[]> {
  const r = (await t.database.db.execute(sql.raw(text))) as unknown as { rows: T[] };
  return r.rows;
}
async function count(text: string): Promise<number> {
  const [r] = await rows<{ n: string | number }>(`select count(*) as n from (${text}) q`);
  return Number(r?.n);
}

beforeAll(async () => {
  t = await createTestApp();
  expect(await databaseHasData(t.database.db)).toBe(false);
  result = await seedScaleData(t.database, { size, passwordHash: await hash(testPassword), today });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('scale seed at a tiny size', () => {
  it('writes the counts the size asks for', () => {
    // Flow months end with the last complete month: January and February 2026.
    const flowDays = 31 + 28;
    expect(result.counts).toMatchObject({
      users: size.teams * (size.repsPerTeam + 1) + 2,
      teams: size.teams,
      territories: size.teams * size.repsPerTeam,
      territory_assignments: size.teams * size.repsPerTeam,
      hospitals: size.hospitals,
      departments: size.departments,
      doctors: size.doctors,
      products: 8,
      hospital_product_listings: size.hospitals * 8,
      doctor_product_status: size.doctors * 2,
      doctor_scores: size.doctors * 2 * 3,
      channel_customers: size.distributors,
      flow_imports: size.distributors * size.flowMonths,
      flow_rows: size.distributors * flowDays * 8,
    });
    expect(result.windowStart).toBe('2026-01-01');
    expect(result.counts.calls).toBeGreaterThan(size.doctors * 2);
    expect(result.phases.map((p) => p.phase).length).toBeGreaterThanOrEqual(8);
  });

  it('refuses to be mixed into a database that has data', async () => {
    expect(await databaseHasData(t.database.db)).toBe(true);
  });

  it('every call is by the rep covering the hospital on the call date, with a product of that territory', async () => {
    expect(
      await count(`select 1 from calls c where not exists (
        select 1 from territory_hospitals th
          join territories tr on tr.id = th.territory_id
          join territory_assignments ta on ta.territory_id = th.territory_id
         where th.hospital_id = c.hospital_id and ta.user_id = c.owner_id
           and ta.start_date <= c.call_date and (ta.end_date is null or ta.end_date >= c.call_date)
           and c.product_ids <@ tr.product_ids)`),
    ).toBe(0);
    expect(
      await count(
        `select 1 from calls c join doctors d on d.id = c.doctor_id where d.hospital_id <> c.hospital_id`,
      ),
    ).toBe(0);
  });

  it('calls are submitted on weekdays before today, dated in China time, with ≥ 3 objectives, never overlapping', async () => {
    const [facts] = await rows<Record<string, string | number>>(`select
        count(*) filter (where call_date <> (start_at at time zone 'Asia/Shanghai')::date) as wrong_date,
        count(*) filter (where extract(isodow from call_date) > 5) as weekend,
        count(*) filter (where call_date >= date '${today}') as future,
        count(*) filter (where status <> 'submitted' or submitted_at is null or submitted_at < end_at) as not_submitted,
        count(*) filter (where end_at <= start_at) as no_duration,
        count(*) filter (where objective_count < 3 or objective_count <> jsonb_array_length(objectives)) as objectives,
        count(*) filter (where (start_at at time zone 'Asia/Shanghai')::time < time '08:00'
                            or (end_at at time zone 'Asia/Shanghai')::time > time '18:30') as outside_hours
      from calls`);
    expect(Object.values(facts!).map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(
      await count(`select 1 from calls a join calls b on a.owner_id = b.owner_id and a.id < b.id
                    and a.start_at < b.end_at and b.start_at < a.end_at`),
    ).toBe(0);
    expect(await count(`select 1 from calls group by owner_id, client_id having count(*) > 1`)).toBe(0);
  });

  it('each doctor gets 1–3 calls a month, more for a better grade', async () => {
    const perMonth = await rows<{ calls: number; best: string }>(`
      select count(c.id)::int as calls, min(s.grade) as best
        from doctors d
        join doctor_product_status s on s.doctor_id = d.id
        left join calls c on c.doctor_id = d.id and c.call_date >= date '2026-02-01' and c.call_date < date '2026-03-01'
       group by d.id`);
    expect(perMonth).toHaveLength(size.doctors);
    // two status rows per doctor double the joined calls
    for (const { calls, best } of perMonth) {
      expect(calls / 2).toBe({ A: 3, B: 2, C: 1 }[best]);
    }
  });

  it('statuses respect the listing and grades follow the default matrix', async () => {
    expect(
      await count(`select 1 from doctor_scores s join doctors d on d.id = s.doctor_id
        join hospital_product_listings l on l.hospital_id = d.hospital_id and l.product_id = s.product_id
        where (l.listed and s.prescription_status < 0) or (not l.listed and s.prescription_status >= 0)`),
    ).toBe(0);
    const current = await rows<{
      status: number;
      potential: number;
      grade: string;
      visits: number;
      latest: number;
    }>(`
      select s.prescription_status as status, s.prescription_potential as potential, s.grade,
             s.visits_per_cycle as visits,
             (select count(*)::int from doctor_scores h where h.doctor_id = s.doctor_id and h.product_id = s.product_id
                and h.assessed_on = s.assessed_on and h.prescription_status = s.prescription_status) as latest
        from doctor_product_status s`);
    for (const c of current) {
      const graded = gradeDoctor(c.status, c.potential);
      expect(graded.ok && { grade: graded.grade, visits: graded.visitsPerCycle }).toEqual({
        grade: c.grade,
        visits: c.visits,
      });
      expect(c.latest).toBe(1);
    }
  });

  it('fills name initials as the app does', async () => {
    const doctors = await rows<{ name: string; name_initials: string }>(
      'select name, name_initials from doctors',
    );
    for (const d of doctors) expect(d.name_initials).toBe(searchInitials(d.name));
    expect(doctors.every((d) => d.name_initials === pinyinInitials(d.name))).toBe(true);
    const hospitals = await rows<{ name: string; name_initials: string }>(
      'select name, name_initials from hospitals',
    );
    for (const h of hospitals) expect(h.name_initials).toBe(searchInitials(h.name));
    expect(new Set(hospitals.map((h) => h.name)).size).toBe(size.hospitals);
  });

  it('flow rows go to hospitals of the territories that carry the distributor, per day and product', async () => {
    expect(
      await count(`select 1 from flow_rows f where f.hospital_id is null or not exists (
        select 1 from territory_channel_customers tc join territory_hospitals th on th.territory_id = tc.territory_id
         where tc.channel_customer_id = f.channel_customer_id and th.hospital_id = f.hospital_id)`),
    ).toBe(0);
    expect(
      await count(
        `select 1 from flow_rows group by channel_customer_id, sale_date, product_id having count(*) <> 1`,
      ),
    ).toBe(0);
    expect(await count(`select 1 from flow_rows where amount_fen <> quantity * unit_price_fen`)).toBe(0);
  });

  it('a rep signs in with the shared password and sees exactly the doctors of their territory', async () => {
    const rep = await t.signIn(repUsername(0));
    const res = await rep.get('/api/doctors?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { hospitalId: string }[]; total: number };
    const territoryHospitals = await rows<{ hospital_id: string }>(
      `select hospital_id from territory_hospitals where territory_id = '${scaleId('territory', 0)}'`,
    );
    const expected = await count(
      `select 1 from doctors where hospital_id in (${territoryHospitals.map((h) => `'${h.hospital_id}'`).join(',')})`,
    );
    expect(body.total).toBe(expected);
    const allowed = new Set(territoryHospitals.map((h) => h.hospital_id));
    expect(body.items.every((d) => allowed.has(d.hospitalId))).toBe(true);
  });
});
