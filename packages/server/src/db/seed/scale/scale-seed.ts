/**
 * The scale data of issue 8 (national on PostgreSQL, regional on PGlite): the small tables are built in
 * memory (scale-master.ts) and inserted in bulk; departments, doctors, scores, 20 M calls and the daily
 * flow are made inside the database with INSERT … SELECT over generate_series, month by month, so no big
 * table travels through Node and the same SQL runs on PostgreSQL and PGlite. The big tables are loaded
 * without their secondary indexes, foreign keys and triggers, which are put back (and so checked) after.
 *
 * Coherence with the app's rules: every hospital sits in one territory of each product line, the
 * territory's rep is assigned from the start of the window (so "the rep covering the doctor's hospital
 * on the call date" always holds), calls are submitted, on weekdays, 08:30–18:00 China time, never in the
 * future, never overlapping within a rep's day, with ≥ 3 objectives on one of the territory's products;
 * statuses respect the 进药 listing (−4…−1 unlisted, 0…4 listed) and grades come from the default matrix.
 */
import { sql } from 'drizzle-orm';
import { chinaDate } from '@keqing/domain';
import type { Database, Db } from '../../client.ts';
import {
  channelCustomers,
  hospitals,
  products,
  regions,
  areas,
  teams,
  users,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  territoryHospitals,
  segmentationConfigs,
} from '../../schema.ts';
import { insertRows } from '../demo-data.ts';
import {
  buildMasterRows,
  hospitalPlace,
  mixSql,
  productPricesFen,
  scaleIdSql,
  userNumbers,
  type LookupRows,
} from './scale-master.ts';
import { sizeProblems, type ScaleSize } from './scale-sizes.ts';

export type ScaleSeedOptions = {
  size: ScaleSize;
  /** argon2 hash of the sign-in password, shared by every user */
  passwordHash: string;
  /** "today" in China (YYYY-MM-DD); calls end the day before */
  today?: string;
  seed?: number;
  /** progress lines (phase done, month loaded) */
  log?: (line: string) => void;
};

export type PhaseTiming = { phase: string; ms: number };
export type ScaleSeedResult = {
  phases: PhaseTiming[];
  totalMs: number;
  counts: Record<string, number>;
  windowStart: string;
  today: string;
};

/** Tables whose row counts the result reports. */
export const countedTables = [
  'users',
  'teams',
  'territories',
  'territory_assignments',
  'hospitals',
  'departments',
  'doctors',
  'products',
  'hospital_product_listings',
  'doctor_scores',
  'doctor_product_status',
  'calls',
  'channel_customers',
  'flow_imports',
  'flow_rows',
] as const;

const WORK = 'scale_work';
const DAY_MS = 86_400_000;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const monthStart = (iso: string, monthsBack: number) => {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
};
/** Every day of the month starting at `start`, and its weekdays (the working days calls fall on). */
function daysOfMonth(start: string): { all: string[]; weekdays: string[] } {
  const all: string[] = [];
  for (let d = start; d.slice(0, 7) === start.slice(0, 7); d = addDays(d, 1)) all.push(d);
  const weekdays = all.filter((d) => {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    return w !== 0 && w !== 6;
  });
  return { all, weekdays };
}
const dateArray = (days: readonly string[]) => `'{${days.join(',')}}'::date[]`;

async function run(db: Db, text: string): Promise<void> {
  await db.execute(sql.raw(text));
}
async function rowsOf<T>(db: Db, text: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(text))) as unknown as { rows: T[] };
  return result.rows;
}

/** True when the database already holds users (the seed refuses to mix with existing data). */
export async function databaseHasData(db: Db): Promise<boolean> {
  const rows = await rowsOf<{ n: number }>(
    db,
    'select count(*)::int as n from (select 1 from users limit 1) u',
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** Drops every table (public and drizzle's migration record) so the migrations start from nothing. */
export async function resetDatabase(db: Db): Promise<void> {
  await run(db, 'drop schema if exists public cascade');
  await run(db, 'create schema public');
  await run(db, 'drop schema if exists drizzle cascade');
  await run(db, `drop schema if exists ${WORK} cascade`);
}

/**
 * Loads a big table without its secondary indexes, foreign keys and user triggers (the analytics
 * summary trigger would recount every touched rep-day on each monthly insert), then restores them all:
 * building an index once is far cheaper than maintaining it row by row, and re-adding a foreign key checks
 * every row in one join. The primary key stays (other tables reference it).
 */
async function loadWithoutIndexes(
  db: Db,
  table: string,
  load: () => Promise<void>,
  log: (l: string) => void,
) {
  const indexes = await rowsOf<{ name: string; def: string }>(
    db,
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename = '${table}'
        and i.indexname not in (select conname from pg_constraint where conrelid = 'public.${table}'::regclass and contype = 'p')`,
  );
  const foreignKeys = await rowsOf<{ name: string; def: string }>(
    db,
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'public.${table}'::regclass and contype = 'f'`,
  );
  for (const fk of foreignKeys) await run(db, `alter table public.${table} drop constraint "${fk.name}"`);
  for (const ix of indexes) await run(db, `drop index public."${ix.name}"`);
  await run(db, `alter table public.${table} disable trigger user`);
  try {
    await load();
  } finally {
    await run(db, `alter table public.${table} enable trigger user`);
  }
  const started = performance.now();
  for (const ix of indexes) await run(db, ix.def);
  for (const fk of foreignKeys)
    await run(db, `alter table public.${table} add constraint "${fk.name}" ${fk.def}`);
  log(
    `    ${table}: ${indexes.length} indexes and ${foreignKeys.length} foreign keys rebuilt in ${Math.round(performance.now() - started)} ms`,
  );
}

export async function seedScaleData(database: Database, options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const { size } = options;
  const problems = sizeProblems(size);
  if (problems.length > 0) throw new Error(`invalid scale size: ${problems.join('; ')}`);
  const db = database.db;
  const log = options.log ?? (() => undefined);
  const today = options.today ?? chinaDate();
  const windowStart = monthStart(today, size.callMonths - 1);
  const phases: PhaseTiming[] = [];
  const totalStarted = performance.now();
  const phase = async (name: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    const ms = Math.round(performance.now() - started);
    phases.push({ phase: name, ms });
    log(`  ✓ ${name}: ${(ms / 1000).toFixed(1)} s`);
  };

  // Bulk-load settings for this session only. PGlite runs in wasm memory: smaller sort memory there.
  const big = database.engine === 'postgres';
  await run(db, `set work_mem = '${big ? '256MB' : '64MB'}'`);
  await run(db, `set maintenance_work_mem = '${big ? '1GB' : '256MB'}'`);
  if (big) await run(db, 'set synchronous_commit = off');

  const numbers = userNumbers(size);
  const adminSql = scaleIdSql('user', String(numbers.admin));
  let lookups: LookupRows | undefined;

  await phase('组织、用户、医院、辖区 organisation, users, hospitals, territories', async () => {
    const built = buildMasterRows(size, {
      passwordHash: options.passwordHash,
      windowStart,
      today,
      seed: options.seed ?? 2026,
    });
    lookups = built.lookups;
    const { rows } = built;
    await db.transaction(async (tx) => {
      await insertRows(tx, regions, rows.regions);
      await insertRows(tx, areas, rows.areas);
      await insertRows(tx, teams, rows.teams);
      await insertRows(tx, users, rows.users);
      await insertRows(tx, products, rows.products);
      await insertRows(tx, hospitals, rows.hospitals);
      await insertRows(tx, territories, rows.territories);
      await insertRows(tx, territoryHospitals, rows.territoryHospitals);
      await insertRows(tx, territoryAssignments, rows.territoryAssignments);
      await insertRows(tx, channelCustomers, rows.channelCustomers);
      await insertRows(tx, territoryChannelCustomers, rows.territoryChannelCustomers);
      await insertRows(tx, segmentationConfigs, rows.segmentationConfigs);
    });
  });

  await phase('工作表 work tables (name pool, grade matrix, layout)', async () => {
    const l = lookups!;
    await run(db, `drop schema if exists ${WORK} cascade`);
    await run(db, `create schema ${WORK}`);
    await run(
      db,
      `create table ${WORK}.names (i int primary key, name text not null, initials text not null, gender text not null)`,
    );
    await run(
      db,
      `create table ${WORK}.grades (potential int, status int, grade text not null, rank int not null, visits int not null, primary key (potential, status))`,
    );
    await run(
      db,
      `create table ${WORK}.call_texts (product int, variant int, objectives jsonb not null, objective_count int not null, products jsonb not null, primary key (product, variant))`,
    );
    await run(
      db,
      `create table ${WORK}.hospital (h int primary key, name text not null, team int not null, terr_a int not null, terr_b int not null, dep_first int not null, dep_count int not null)`,
    );
    const insert = async (table: string, columns: string[], types: string[], data: unknown[][]) => {
      for (let i = 0; i < data.length; i += 5000) {
        const chunk = data.slice(i, i + 5000);
        const arrays = columns.map(
          (_, k) => sql`${sql.param(chunk.map((r) => r[k]))}::${sql.raw(types[k]!)}[]`,
        );
        const casts = columns.map((_, k) =>
          types[k] === 'text' && columns[k]!.endsWith('_json') ? `c${k}::jsonb` : `c${k}`,
        );
        await db.execute(
          sql`insert into ${sql.raw(`${WORK}.${table}`)} (${sql.raw(columns.map((c) => c.replace(/_json$/, '')).join(', '))}) select ${sql.raw(casts.join(', '))} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(columns.map((_, k) => `c${k}`).join(', '))})`,
        );
      }
    };
    await insert(
      'names',
      ['i', 'name', 'initials', 'gender'],
      ['int', 'text', 'text', 'text'],
      l.names.map((n) => [n.i, n.name, n.initials, n.gender]),
    );
    await insert(
      'grades',
      ['potential', 'status', 'grade', 'rank', 'visits'],
      ['int', 'int', 'text', 'int', 'int'],
      l.grades.map((g) => [g.potential, g.status, g.grade, g.rank, g.visits]),
    );
    await insert(
      'call_texts',
      ['product', 'variant', 'objectives_json', 'objective_count', 'products_json'],
      ['int', 'int', 'text', 'int', 'text'],
      l.callTexts.map((c) => [c.product, c.variant, c.objectives, c.objectiveCount, c.products]),
    );
    await run(db, `alter table ${WORK}.call_texts add column product_ids uuid[]`);
    await run(db, `update ${WORK}.call_texts set product_ids = array[${scaleIdSql('product', 'product')}]`);
    const depFirst = (h: number) => Math.floor((h * size.departments) / size.hospitals);
    await insert(
      'hospital',
      ['h', 'name', 'team', 'terr_a', 'terr_b', 'dep_first', 'dep_count'],
      ['int', 'text', 'int', 'int', 'int', 'int', 'int'],
      l.hospitalNames.map(({ h, name }) => {
        const p = hospitalPlace(size, h);
        return [h, name, p.team, p.territoryA, p.territoryB, depFirst(h), depFirst(h + 1) - depFirst(h)];
      }),
    );
  });

  const nameCount = lookups!.names.length;
  const departmentNames = [
    '心内科',
    '内分泌科',
    '呼吸内科',
    '消化内科',
    '神经内科',
    '肿瘤科',
    '肾内科',
    '老年医学科',
    '全科医学科',
    '感染科',
    '急诊科',
    '普外科',
  ];
  await phase('科室 departments', async () => {
    await run(
      db,
      `insert into departments (id, hospital_id, name, headcount, beds, created_at, updated_at)
       select ${scaleIdSql('department', 'w.dep_first + k')}, ${scaleIdSql('hospital', 'w.h')},
              (array['${departmentNames.join("','")}'])[((k + w.h) % ${departmentNames.length}) + 1],
              5 + ${mixSql('w.h', 'k')} % 40, 10 + ${mixSql('w.h', 'k + 50')} % 60, now(), now()
         from ${WORK}.hospital w cross join lateral generate_series(0, w.dep_count - 1) k`,
    );
  });

  await phase('医生 doctors', async () => {
    // Doctors in contiguous blocks per department (so per hospital and per territory); the products a
    // doctor is scored on: one of line A, one of line B.
    await run(
      db,
      `create table ${WORK}.doctor as
       select d::int as d, w.h, e::int as e, w.terr_a, w.terr_b, (d % 4)::int as prod_a, (4 + (d / 4) % 4)::int as prod_b
         from ${WORK}.hospital w
         cross join lateral generate_series(w.dep_first, w.dep_first + w.dep_count - 1) e
         cross join lateral generate_series((e::bigint * ${size.doctors}) / ${size.departments},
                                            ((e::bigint + 1) * ${size.doctors}) / ${size.departments} - 1) d`,
    );
    await run(db, `alter table ${WORK}.doctor add primary key (d)`);
    // The ids the calls repeat 20 M times, computed once per doctor.
    await run(db, `alter table ${WORK}.doctor add column doctor_id uuid, add column hospital_id uuid`);
    await run(
      db,
      `update ${WORK}.doctor set doctor_id = ${scaleIdSql('doctor', 'd')}, hospital_id = ${scaleIdSql('hospital', 'h')}`,
    );
    await run(
      db,
      `insert into doctors (id, name, name_initials, gender, hospital_id, department_id, title, code, relationship_stage,
                            preferred_channel, clinic_schedule, created_at, updated_at)
       select ${scaleIdSql('doctor', 'x.d')}, n.name, n.initials, n.gender, ${scaleIdSql('hospital', 'x.h')},
              ${scaleIdSql('department', 'x.e')},
              (array['主任医师','副主任医师','主治医师','主治医师','住院医师','住院医师'])[(x.d % 6) + 1],
              'SD' || lpad((x.d + 1)::text, 7, '0'), 1 + ${mixSql('x.d', 3)} % 4,
              (array['visit','phone','wechat','visit'])[(x.d % 4) + 1],
              jsonb_build_array(jsonb_build_object('weekday', 1 + x.d % 5, 'halfDay', case when x.d % 2 = 0 then 'am' else 'pm' end)),
              now(), now()
         from ${WORK}.doctor x join ${WORK}.names n on n.i = (x.d::bigint * 7919 + 13) % ${nameCount}`,
    );
  });

  // Listed when this spread says so: the same expression decides the listing and the status's sign.
  const listedSql = (h: string, p: string) => `(${mixSql(h, p)} % 10 < 6)`;
  const listedAt = addDays(windowStart, -60);
  const assessedOffsets = [-540, -270, -30];
  await phase('进药状态与复式评分 listings, score history, current scores', async () => {
    await run(
      db,
      `insert into hospital_product_listings (hospital_id, product_id, listed, listed_at, updated_by)
       select ${scaleIdSql('hospital', 'w.h')}, ${scaleIdSql('product', 'p')}, ${listedSql('w.h', 'p')},
              case when ${listedSql('w.h', 'p')} then date '${listedAt}' end, ${adminSql}
         from ${WORK}.hospital w cross join generate_series(0, 7) p`,
    );
    // Potential 5/4/3 for 3/7/12 % of doctor × product pairs: about 1.4 calls per doctor and month
    // on average (A 3, B 2, C 1), i.e. 20 M calls over 36 months at national size.
    await run(
      db,
      `create table ${WORK}.score as
       select x.d, x.h, s.line, s.p, s.terr,
              case when m < 3 then 5 when m < 10 then 4 when m < 22 then 3 when m < 55 then 2 else 1 end as potential,
              case when ${listedSql('x.h', 's.p')} then (${mixSql('x.d', 's.p + 200')} % 5)::int
                   else (-1 - ${mixSql('x.d', 's.p + 200')} % 4)::int end as status,
              ${listedSql('x.h', 's.p')} as listed
         from ${WORK}.doctor x
         cross join lateral (values (0, x.prod_a, x.terr_a), (1, x.prod_b, x.terr_b)) s(line, p, terr)
         cross join lateral (select (${mixSql('x.d', 's.p + 100')} % 100)::int as m) r`,
    );
    const stepSql = (s: string) =>
      `case when ${s} >= 0 then (array[1,2,2,3,4])[${s} + 1] else (array[0,0,1,1])[${s} + 5] end`;
    await loadWithoutIndexes(
      db,
      'doctor_scores',
      async () => {
        for (let k = 0; k < assessedOffsets.length; k++) {
          // Earlier judgements were lower, on the same side of the listing line.
          const back = assessedOffsets.length - 1 - k;
          const statusK = `(case when s.listed then greatest(0, s.status - ${back}) else greatest(-4, s.status - ${back}) end)`;
          await run(
            db,
            `insert into doctor_scores (id, doctor_id, product_id, prescription_status, prescription_potential, grade,
                                        adoption_step, assessed_on, assessed_by, note, created_at)
             select ${scaleIdSql('score', `(s.d::bigint * 2 + s.line) * 3 + ${k}`)}, ${scaleIdSql('doctor', 's.d')},
                    ${scaleIdSql('product', 's.p')}, t.st, s.potential, g.grade, ${stepSql('t.st')},
                    date '${addDays(today, assessedOffsets[k]!)}', ${scaleIdSql('user', 's.terr')}, '拜访后评估',
                    timestamptz '${addDays(today, assessedOffsets[k]!)}T18:00:00+08:00'
               from ${WORK}.score s cross join lateral (select ${statusK} as st) t
               join ${WORK}.grades g on g.potential = s.potential and g.status = t.st`,
          );
        }
      },
      log,
    );
    await run(
      db,
      `insert into doctor_product_status (doctor_id, product_id, prescription_status, prescription_potential, grade,
                                          visits_per_cycle, adoption_step, assessed_on)
       select ${scaleIdSql('doctor', 's.d')}, ${scaleIdSql('product', 's.p')}, s.status, s.potential, g.grade, g.visits,
              ${stepSql('s.status')}, date '${addDays(today, assessedOffsets[assessedOffsets.length - 1]!)}'
         from ${WORK}.score s join ${WORK}.grades g on g.potential = s.potential and g.status = s.status`,
    );
    // Calls a month by the doctor's best grade: A 3, B 2, C 1.
    await run(db, `alter table ${WORK}.doctor add column calls_per_month int`);
    await run(
      db,
      `update ${WORK}.doctor x set calls_per_month = 3 - b.best
         from (select s.d, min(g.rank) as best from ${WORK}.score s
                 join ${WORK}.grades g on g.potential = s.potential and g.status = s.status group by s.d) b
        where b.d = x.d`,
    );
  });

  await phase(`拜访记录 calls (${size.callMonths} months)`, async () => {
    await loadWithoutIndexes(
      db,
      'calls',
      async () => {
        for (let m = 0; m < size.callMonths; m++) {
          const start = monthStart(today, size.callMonths - 1 - m);
          const { weekdays } = daysOfMonth(start);
          const started = performance.now();
          await run(db, callsOfMonthSql(m, weekdays, today));
          log(`    calls ${start.slice(0, 7)}: ${Math.round(performance.now() - started)} ms`);
        }
      },
      log,
    );
  });

  if (size.distributors > 0 && size.flowMonths > 0) {
    await phase(
      `流向 flow of goods (${size.distributors} distributors × ${size.flowMonths} months, daily)`,
      async () => {
        await loadWithoutIndexes(
          db,
          'flow_rows',
          async () => {
            for (let fm = 0; fm < size.flowMonths; fm++) {
              const start = monthStart(today, size.flowMonths - fm);
              for (const statement of flowOfMonthSql(size, fm, start, adminSql)) await run(db, statement);
            }
          },
          log,
        );
      },
    );
  }

  await phase('清理与统计 drop work tables, analyze', async () => {
    await run(db, `drop schema ${WORK} cascade`);
    await run(db, 'analyze');
  });

  await phase('分析汇总 analytics summaries', async () => {
    await rebuildSummaries(database, log);
  });

  // bulk-loaded pages are not marked all-visible until a vacuum: until autovacuum came by, every index-only
  // scan (the dashboards' rep × doctor and call counts) would still read the table (national: 25 s)
  await phase('整理 vacuum (visibility map for index-only scans)', async () => {
    await run(db, 'vacuum (analyze)');
  });

  const counts: Record<string, number> = {};
  for (const table of countedTables) {
    const rows = await rowsOf<{ n: string | number }>(db, `select count(*) as n from ${table}`);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return { phases, totalMs: Math.round(performance.now() - totalStarted), counts, windowStart, today };

  /**
   * One month of calls. Each doctor gets 1–3 calls (by grade), alternately by the line A and line B rep
   * covering the hospital; a rep's calls of the month are ordered (call number, hospital, doctor) and laid
   * over the month's weekdays in blocks, so the doctors of one hospital are seen on the same day, and
   * each call gets its own slot in the day (08:30 on, at least 10 minutes apart, never overlapping).
   */
  function callsOfMonthSql(m: number, weekdays: readonly string[], todayIso: string): string {
    const w = weekdays.length;
    const r1 = mixSql('r.d', `${m * 3} + r.c`);
    const r2 = mixSql('r.d + 77', `${m * 3} + r.c`);
    return `
      insert into calls (id, client_id, owner_id, doctor_id, hospital_id, type, start_at, end_at, call_date, status,
                         attendees, product_ids, products, objectives, objective_count, preparation_done,
                         submitted_at, amendment_count, created_at, updated_at)
      with cand as (
        select x.d, x.h, c.c,
               case when (x.d + ${m} + c.c) % 2 = 0 then x.terr_a else x.terr_b end as terr,
               case when (x.d + ${m} + c.c) % 2 = 0 then x.prod_a else x.prod_b end as p
          from ${WORK}.doctor x join generate_series(0, 2) c(c) on c.c < x.calls_per_month
      ), ranked as (
        select cand.*, row_number() over (partition by terr order by c, h, d) - 1 as rn,
               count(*) over (partition by terr) as n
          from cand
      ), placed as (
        select ranked.*, (rn * ${w}) / n as day_idx, ((n + ${w} - 1) / ${w}) as per_day
          from ranked
      ), slotted as (
        select placed.*, rn - ((day_idx * n + ${w} - 1) / ${w}) as slot,
               (${dateArray(weekdays)})[day_idx + 1] as day,
               greatest(10, least(50, 560 / per_day)) as spacing
          from placed
      ), timed as (
        select slotted.*,
               (day + (510 + slot * spacing) * interval '1 minute' - interval '8 hours') at time zone 'UTC' as start_ts,
               greatest(1, least(10 + ${mixSql('d', `${m} + c`)} % 21, spacing - 2)) * interval '1 minute' as duration
          from slotted
      )
      select ${scaleIdSql('call', `${m}::bigint * 16777216 + r.d * 3 + r.c`)},
             ${scaleIdSql('callClient', `${m}::bigint * 16777216 + r.d * 3 + r.c`)},
             u.id, x.doctor_id, x.hospital_id,
             case when ${r2} % 100 < 80 then 'visit' when ${r2} % 100 < 88 then 'phone'
                  when ${r2} % 100 < 95 then 'wechat' else 'departmentMeeting' end,
             r.start_ts, r.start_ts + r.duration, r.day, 'submitted', '[]'::jsonb, t.product_ids, t.products,
             t.objectives, t.objective_count, true, r.start_ts + r.duration + (5 + ${r1} % 180) * interval '1 minute', 0,
             r.start_ts + r.duration, r.start_ts + r.duration + (5 + ${r1} % 180) * interval '1 minute'
        from timed r join ${WORK}.call_texts t on t.product = r.p and t.variant = ${r1} % 8
        join ${WORK}.doctor x on x.d = r.d
        join users u on u.id = ${scaleIdSql('user', 'r.terr')}
       where r.day < date '${todayIso}'`;
  }
}

/**
 * One month of daily flow: per distributor one committed import (the monthly 流向 file), and one row per
 * day and product, sold to a hospital of the distributor's team (matched), never per doctor.
 */
function flowOfMonthSql(size: ScaleSize, fm: number, start: string, adminSql: string): string[] {
  const { all } = daysOfMonth(start);
  const end = all[all.length - 1]!;
  const importN = `(i::bigint * ${size.flowMonths} + ${fm})`;
  const team = `((i::bigint * ${size.teams}) / ${size.distributors})`;
  // first hospital of the team: ceil(team × hospitals / teams), as firstHospitalOfTeam
  const firstOf = (t: string) => `((${t} * ${size.hospitals} + ${size.teams - 1}) / ${size.teams})`;
  const first = firstOf(team);
  const count = `(${firstOf(`(${team} + 1)`)} - ${first})`;
  const month = start.slice(0, 7);
  return [
    `insert into flow_imports (id, channel_customer_id, file_name, file_hash, period_start, period_end, status, mapping,
                              summary, created_by, created_at, committed_at)
    select ${scaleIdSql('flowImport', importN)}, ${scaleIdSql('distributor', 'i')},
           '流向_' || lpad((i + 1)::text, 5, '0') || '_${month}.xlsx', md5('${month}:' || i),
           date '${start}', date '${end}', 'committed',
           '{"saleDate":"销售日期","buyer":"客户名称","product":"品名","quantity":"数量","unitPrice":"单价"}'::jsonb,
           jsonb_build_object('rows', ${all.length * 8}, 'matched', ${all.length * 8}, 'uncertain', 0, 'unmatched', 0, 'invalid', 0, 'problems', '[]'::jsonb),
           ${adminSql}, timestamptz '${end}T18:00:00+08:00' + interval '3 days', timestamptz '${end}T18:00:00+08:00' + interval '3 days'
      from generate_series(0, ${size.distributors - 1}) i`,
    `insert into flow_rows (id, import_id, channel_customer_id, row_no, sale_date, product_id, product_name, buyer_name,
                           hospital_id, match_status, match_score, quantity, unit_price_fen, amount_fen, batch_no, raw)
    select ${scaleIdSql('flowRow', `${fm}::bigint * 16777216 + i * 400 + q.row_no`)}, ${scaleIdSql('flowImport', importN)},
           ${scaleIdSql('distributor', 'i')}, q.row_no, q.day, ${scaleIdSql('product', 'q.p')}, pr.name, w.name,
           ${scaleIdSql('hospital', 'q.h')}, 'matched', 1, q.qty, q.price, q.qty * q.price,
           'B${month.replace('-', '')}' || lpad((q.p + 1)::text, 2, '0'),
           jsonb_build_object('销售日期', q.day::text, '数量', q.qty)
      from generate_series(0, ${size.distributors - 1}) i
      cross join lateral (
        select (dn - 1) * 8 + p + 1 as row_no, day::date as day, p,
               (${first} + ${mixSql('i * 1000 + dn', 'p')} % ${count})::int as h,
               (1 + ${mixSql('i + dn', 'p * 7 + 3')} % 40)::int as qty,
               (array[${productPricesFen.join(',')}])[p + 1] as price
          from unnest(${dateArray(all)}) with ordinality as dd(day, dn) cross join generate_series(0, 7) p
      ) q
      join ${WORK}.hospital w on w.h = q.h
      join products pr on pr.id = ${scaleIdSql('product', 'q.p')}`,
  ];
}

/**
 * The analytics summaries over the loaded calls: `rebuildAnalyticsSummaries` when that module exists
 * (issue 8, analytics), else the SQL function of its migration, else nothing to rebuild.
 */
async function rebuildSummaries(database: Database, log: (l: string) => void): Promise<void> {
  const modulePath = '../../../modules/analytics/summaries.ts';
  let rebuild: ((db: Db) => Promise<unknown>) | undefined;
  try {
    const mod = (await import(modulePath)) as { rebuildAnalyticsSummaries?: (db: Db) => Promise<unknown> };
    rebuild = mod.rebuildAnalyticsSummaries;
  } catch {
    rebuild = undefined;
  }
  if (rebuild) {
    await rebuild(database.db);
    log('    rebuildAnalyticsSummaries done');
    return;
  }
  const fn = await rowsOf<{ n: number }>(
    database.db,
    `select count(*)::int as n from pg_proc where proname = 'analytics_refresh_call_days'`,
  );
  if ((fn[0]?.n ?? 0) > 0) {
    await run(database.db, 'select analytics_refresh_call_days(null, null)');
    log('    analytics_refresh_call_days(null, null) done (rebuildAnalyticsSummaries not found)');
  } else {
    log('    no analytics summaries in this schema: nothing to rebuild');
  }
}
