/**
 * How long importing doctors takes on embedded PGlite: generates a 5,000-row and a 100,000-row
 * xlsx, then times parse, preview (parse + checks + storing the batch) and commit, and a
 * re-import of the same file (every row an update). Not a test: run it by hand with
 *
 *   npx tsx packages/server/src/modules/imports/import-timing.ts [rows …]
 *
 * A rep's import is timed as well (5,000 rows), as scope adds a condition to every lookup.
 */
import ExcelJS from 'exceljs';
import { searchInitials } from '@keqing/domain';
import { doctorTitles, importColumns } from '@keqing/shared';
import { migrateDatabase, openDatabase, type Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { readSheet } from './import-file.ts';
import { createImportsService } from './imports.service.ts';

const hospitalCount = 300;
const departmentNames = ['心内科', '内分泌科', '神经内科', '呼吸科', '消化科', '肾内科', '老年科', '急诊科'];
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenNames =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国红梅鹏飞志宇晨思雨欣怡佳琪子涵浩然俊杰博文';

async function setUp(db: Db) {
  const [region] = await db.insert(s.regions).values({ name: '计时大区' }).returning();
  const [area] = await db.insert(s.areas).values({ name: '计时地区', regionId: region!.id }).returning();
  const [team] = await db.insert(s.teams).values({ name: '计时团队', areaId: area!.id }).returning();
  const user = async (username: string, role: 'admin' | 'rep') => {
    const [u] = await db
      .insert(s.users)
      .values({ username, name: username, role, teamId: role === 'rep' ? team!.id : null, passwordHash: 'x' })
      .returning();
    return u!;
  };
  const admin = await user('timing-admin', 'admin');
  const rep = await user('timing-rep', 'rep');
  const hospitals = await db
    .insert(s.hospitals)
    .values(
      Array.from({ length: hospitalCount }, (_, i) => {
        const name = `计时第${i + 1}人民医院`;
        return {
          code: `TH${i + 1}`,
          name,
          nameInitials: searchInitials(name),
          level: '三级甲等',
          type: '综合',
          province: '上海',
          city: '上海',
        };
      }),
    )
    .returning({ id: s.hospitals.id, name: s.hospitals.name });
  const [territory] = await db
    .insert(s.territories)
    .values({ code: 'TT', name: '计时辖区', teamId: team!.id })
    .returning();
  await db
    .insert(s.territoryHospitals)
    .values(hospitals.map((h) => ({ territoryId: territory!.id, hospitalId: h.id })));
  await db
    .insert(s.territoryAssignments)
    .values({ territoryId: territory!.id, userId: rep.id, startDate: '2020-01-01' });
  const ctx = (u: typeof admin): RequestContext => ({
    actor: { id: u.id, username: u.username, name: u.name, role: u.role, teamId: u.teamId },
    requestId: `timing-${u.username}`,
    locale: 'zh-CN',
  });
  return { admin: ctx(admin), rep: ctx(rep), hospitalNames: hospitals.map((h) => h.name) };
}

/** A doctors file of `rows` rows; `prefix` keeps codes apart between files. */
async function doctorFile(rows: number, prefix: string, hospitalNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('医生');
  sheet.addRow(importColumns.doctors.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    // distinct names, as in a real list (where a name repeats only now and then)
    const name =
      surnames[i % surnames.length]! +
      givenNames[Math.floor(i / surnames.length) % givenNames.length]! +
      givenNames[Math.floor(i / surnames.length / givenNames.length) % givenNames.length]!;
    sheet.addRow([
      `${prefix}${i + 1}`,
      name,
      i % 2 ? '男' : '女',
      '',
      hospitalNames[i % hospitalNames.length],
      departmentNames[i % departmentNames.length],
      doctorTitles[i % doctorTitles.length],
      i % 5 === 0 ? '科主任' : '',
      `13${String(100000000 + i).slice(-9)}`,
      '周二下午门诊后',
      '周一上午,周三下午',
      '面访',
      '随和型',
      '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await f();
  return [result, performance.now() - start];
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const database = await openDatabase({});
try {
  await migrateDatabase(database);
  const { db } = database;
  const imports = createImportsService({ db });
  const { admin, rep, hospitalNames } = await setUp(db);
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  const run = async (rows: number, who: RequestContext, label: string, prefix: string) => {
    const [file, generate] = await timed(() => doctorFile(rows, prefix, hospitalNames));
    const [, parse] = await timed(() => readSheet(file));
    const [batch, previewMs] = await timed(() => imports.previewImport(who, 'doctors', file, 'doctors.xlsx'));
    if (batch.errors.length)
      report(`  preview errors: ${batch.errors.length}, first: ${JSON.stringify(batch.errors.slice(0, 3))}`);
    const [done, commit] = await timed(() => imports.commitImport(who, batch.id));
    const [again, previewAgain] = await timed(() =>
      imports.previewImport(who, 'doctors', file, 'doctors.xlsx'),
    );
    const [redone, recommit] = await timed(() => imports.commitImport(who, again.id));
    report(
      `${label}: ${rows} rows (${(file.length / 1024 / 1024).toFixed(1)} MB xlsx, generated in ${seconds(generate)})\n` +
        `  parse ${seconds(parse)} · preview (parse + check + store) ${seconds(previewMs)} · commit ${seconds(commit)} → ${JSON.stringify(done.result)}\n` +
        `  re-import: preview ${seconds(previewAgain)} · commit ${seconds(recommit)} → ${JSON.stringify(redone.result)}\n` +
        `  first import end to end (preview + commit): ${seconds(previewMs + commit)}`,
    );
  };

  for (const rows of sizes.length ? sizes : [5_000, 100_000]) await run(rows, admin, 'admin', `A${rows}-`);
  if (!sizes.length) await run(5_000, rep, 'rep (scoped)', 'R5000-');
} finally {
  await database.close();
}
