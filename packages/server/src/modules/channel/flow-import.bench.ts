/**
 * Benchmark: a 50,000-row flow file from one distributor, imported on an in-memory PGlite — upload (read the
 * sheet, detect the header, wait for a mapping), mapping (read, match and store every row), commit. Prints the
 * figure beside its target; never asserted in tests. Run: `npm run bench` (or `tsx` this file).
 */
import { performance } from 'node:perf_hooks';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { createFlowImportService } from './flow-import.service.ts';
import { xlsxOf } from './goods.fixtures.ts';

// `tsx flow-import.bench.ts 5000` for a quicker run
const rowCount = Number(process.argv[2] ?? 50_000);
const cities = ['昆明', '曲靖', '玉溪', '大理', '红河', '文山', '保山', '楚雄', '普洱', '丽江'];
const ordinals = ['第一', '第二', '第三', '第四', '第五', '第六'];

async function main() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const db = database.db;
  const [user] = await db
    .insert(s.users)
    .values({ username: 'bench', name: '压测', role: 'admin', passwordHash: 'x' })
    .returning();
  const [distributor] = await db
    .insert(s.channelCustomers)
    .values({ kind: 'distributor', name: '云南医药有限公司', province: '云南', city: '昆明' })
    .returning();
  const products = await db
    .insert(s.products)
    .values([
      { name: '瑞心', genericName: '瑞舒伐他汀钙片', therapeuticArea: '心血管' },
      { name: '糖安', genericName: '二甲双胍缓释片', therapeuticArea: '内分泌' },
    ])
    .returning();
  // ~300 hospitals and 100 pharmacies to match against
  const hospitalNames: string[] = [];
  for (const city of cities) {
    for (const o of ordinals) hospitalNames.push(`${city}市${o}人民医院`);
    hospitalNames.push(`${city}市中医医院`, `${city}市妇幼保健院`);
    for (let i = 1; i <= 22; i++)
      hospitalNames.push(`${city}市${['东', '西', '南', '北'][i % 4]}城区第${i}社区卫生服务中心`);
  }
  await db.insert(s.hospitals).values(
    hospitalNames.map((name, i) => ({
      code: `BH${i}`,
      name,
      level: '二级甲等',
      type: '综合',
      province: '云南',
      city: cities[i % cities.length]!,
    })),
  );
  await db.insert(s.channelCustomers).values(
    Array.from({ length: 100 }, (_, i) => ({
      kind: 'pharmacy' as const,
      name: `一心堂药业${cities[i % 10]}第${i + 1}连锁店`,
      province: '云南',
      city: cities[i % 10]!,
    })),
  );

  // buyers as clerks write them: exact, abbreviated, noisy, unknown
  const buyers = [
    ...hospitalNames,
    ...cities.map((c) => `${c}一院`),
    ...cities.map((c) => `${c}市中医院`),
    ...Array.from({ length: 50 }, (_, i) => `个体诊所${i}`),
  ];
  const rows: (string | number)[][] = [
    ['云南医药有限公司 2026年3月 流向', '', '', '', '', '', '', ''],
    ['销售日期', '客户名称', '科室', '商品名称', '规格', '数量', '单价', '批号'],
  ];
  for (let i = 0; i < rowCount; i++) {
    const day = (i % 28) + 1;
    rows.push([
      i % 3 === 0 ? `2026/3/${day}` : `2026-03-${String(day).padStart(2, '0')}`,
      buyers[i % buyers.length]!,
      i % 5 === 0 ? '心内科' : '',
      products[i % 2]!.name,
      '10mg*7',
      String((i % 40) + 1),
      '20.50',
      `B${i % 9}`,
    ]);
  }
  rows.push(['合计', '', '', '', '', '', '', '']);
  const t0 = performance.now();
  const file = await xlsxOf(rows, ['A1:H1']);
  const tFile = performance.now();

  const service = createFlowImportService({ db });
  const ctx: RequestContext = {
    actor: { id: user!.id, username: 'bench', name: '压测', role: 'admin', teamId: null },
    requestId: 'bench',
    locale: 'zh-CN',
  };
  const t1 = performance.now();
  const uploaded = await service.createImport(ctx, {
    channelCustomerId: distributor!.id,
    fileName: 'bench.xlsx',
    file,
  });
  const t2 = performance.now();
  const mapped = await service.saveMapping(ctx, uploaded.id, uploaded.suggestedMapping);
  const t3 = performance.now();
  const committed = await service.commitImport(ctx, uploaded.id, {});
  const t4 = performance.now();
  await database.close();

  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `flow import, ${rowCount.toLocaleString('en-US')} rows (${(file.length / 1e6).toFixed(1)} MB xlsx, generated in ${sec(tFile - t0)}):`,
  );
  console.log(`  upload (read sheet, find header):        ${sec(t2 - t1)}`);
  console.log(`  mapping (read, match, store all rows):   ${sec(t3 - t2)}`, JSON.stringify(mapped.counts));
  console.log(`  commit:                                  ${sec(t4 - t3)} (${committed.status})`);
  console.log(`  preview + commit:                        ${sec(t4 - t1)}`);
  console.log('target: 50,000 rows: target < 60 s (preview + commit)');
}

await main();
