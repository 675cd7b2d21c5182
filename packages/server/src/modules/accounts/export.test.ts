import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorProductStatus, doctorProfiles, doctors } from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
let compliance: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
  compliance = await t.signIn('compliance');
  const db = t.database.db;
  const [evil] = await db
    .insert(doctors)
    .values({
      name: '注入医生',
      nameInitials: 'zrys',
      hospitalId: w.hospitals.h1a.id,
      bestVisitTime: "=cmd|' /C calc'!A0",
      position: '@SUM(A1)',
      clinicSchedule: [
        { weekday: 3, halfDay: 'pm' },
        { weekday: 1, halfDay: 'am' },
      ],
    })
    .returning();
  await db
    .insert(doctorProfiles)
    .values({ doctorId: evil!.id, mobile: '13912345678', hobbies: '=HYPERLINK("x")' });
  await db.insert(doctorProductStatus).values({
    doctorId: w.doctors.d1a.id,
    productId: w.products.p1.id,
    prescriptionStatus: 3,
    prescriptionPotential: 4,
    grade: 'A',
    visitsPerCycle: 4,
    assessedOn: '2026-11-01',
  });
});
afterAll(async () => t?.close());

type Sheet = { headers: string[]; rows: Record<string, unknown>[] };

async function readXlsx(body: Buffer): Promise<Sheet & { sheetName: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return { sheetName: sheet.name, headers, rows };
}

async function exportXlsx(client: Client, url: string) {
  const res = await client.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return readXlsx(res.rawPayload);
}

describe('exports', () => {
  it('exports the doctor list as an .xlsx with Chinese headers, a UTF-8 file name and only the caller’s doctors', async () => {
    const res = await rep.get('/api/doctors/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="doctors-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E5%8C%BB%E7%94%9F-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.sheetName).toBe('医生');
    // the import template's headers, so the file can be edited and imported again
    expect(sheet.headers.slice(0, 8)).toEqual([
      '外部编码',
      '姓名',
      '性别',
      '医院编码',
      '医院名称',
      '科室',
      '职称',
      '职务',
    ]);
    expect(sheet.headers).not.toContain('手机');
    // rep01 covers h1a and hShared
    expect(sheet.rows.map((r) => r['姓名']).sort()).toEqual(['张三丰', '注入医生', '赵敏'].sort());
    expect(sheet.rows.find((r) => r['姓名'] === '张三丰')).toMatchObject({
      外部编码: 'D1A',
      医院编码: 'H1A',
      医院名称: '上海市第一人民医院',
      科室: '心内科',
      职称: '主任医师',
    });
  });

  it('neutralises formula injection in every string cell', async () => {
    const sheet = await exportXlsx(rep, '/api/doctors/export?q=zrys');
    const row = sheet.rows[0]!;
    expect(row['最佳拜访时间']).toBe("'=cmd|' /C calc'!A0");
    expect(row['职务']).toBe("'@SUM(A1)");
    expect(row['门诊时间']).toBe('周一上午、周三下午');
  });

  it('applies the list filters: A-grade doctors of a product, with the product columns', async () => {
    const sheet = await exportXlsx(rep, `/api/doctors/export?productId=${w.products.p1.id}&grade=A`);
    expect(sheet.headers).toEqual(
      expect.arrayContaining(['产品', '处方现状', '处方潜力', '医生级别', '拜访频率(次/周期)']),
    );
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]).toMatchObject({
      姓名: '张三丰',
      产品: '瑞心',
      医生级别: 'A',
      处方潜力: 4,
      '拜访频率(次/周期)': 4,
    });
  });

  it('answers 404 for an export filtered on a hospital outside the caller’s scope', async () => {
    expect((await rep.get(`/api/doctors/export?hospitalId=${w.hospitals.h1b.id}`)).statusCode).toBe(404);
    expect((await rep.get(`/api/departments/export?hospitalId=${w.hospitals.h2a.id}`)).statusCode).toBe(404);
  });

  it('writes .csv as UTF-8 with a BOM, quoting where needed', async () => {
    const res = await rep.get(`/api/doctors/export?format=csv&q=zrys`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%8C%BB%E7%94%9F-");
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF外部编码,姓名,性别,医院编码,医院名称')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines[1]).toContain("'@SUM(A1)");
  });

  describe('personal data', () => {
    it('refuses includePersonal to anyone but an admin, and audits the refusal', async () => {
      for (const client of [rep, compliance]) {
        const res = await client.get('/api/doctors/export?includePersonal=true');
        expect(res.statusCode).toBe(403);
        expect(res.json().error.message).toBe('导出医生个人信息须由管理员操作，且会记入审计日志');
      }
      const audit = (await admin.get('/api/audit-logs?entity=export&action=read')).json();
      expect(audit.items.map((a: { actorId: string }) => a.actorId)).toEqual([
        w.users.compliance.id,
        w.users.rep1a.id,
      ]);
    });

    it('gives an admin who asks for it the personal columns, neutralised, and audits the export with filter and row count', async () => {
      const sheet = await exportXlsx(
        admin,
        `/api/doctors/export?includePersonal=true&hospitalId=${w.hospitals.h1a.id}`,
      );
      expect(sheet.headers).toEqual(
        expect.arrayContaining(['生日', '手机', '微信', '家庭', '爱好', '喜好', '家庭大事']),
      );
      const evil = sheet.rows.find((r) => r['姓名'] === '注入医生')!;
      expect(evil).toMatchObject({ 手机: '13912345678', 爱好: `'=HYPERLINK("x")` });
      const audit = (await admin.get('/api/audit-logs?entity=export&entityId=doctors&action=export')).json();
      expect(audit.items[0]).toMatchObject({
        actorId: w.users.admin.id,
        changes: {
          includePersonal: { after: true },
          rowCount: { after: 2 },
          filter: { after: { hospitalId: w.hospitals.h1a.id } },
          format: { after: 'xlsx' },
        },
      });
    });

    it('leaves personal columns out of an admin export that does not ask for them', async () => {
      const sheet = await exportXlsx(admin, '/api/doctors/export');
      expect(sheet.headers).not.toContain('手机');
      expect(sheet.rows).toHaveLength(5);
    });
  });

  it.each([
    ['hospitals', '医院', ['外部编码', '医院名称', '别名', '等级', '类型', '省份', '城市'], '医院名称', 2],
    [
      'departments',
      '科室',
      ['医院编码', '医院名称', '科室名称', '人数', '人员结构', '床位数'],
      '科室名称',
      1,
    ],
    [
      'key-contacts',
      '关键联系人',
      ['姓名', '医院编码', '医院名称', '科室', '职能', '职务', '电话'],
      '姓名',
      1,
    ],
  ])(
    'exports %s in the caller’s scope with Chinese headers',
    async (kind, sheetName, headers, nameColumn, repRows) => {
      const sheet = await exportXlsx(rep, `/api/${kind}/export`);
      expect(sheet.sheetName).toBe(sheetName);
      expect(sheet.headers.slice(0, headers.length)).toEqual(headers);
      expect(sheet.rows, JSON.stringify(sheet.rows.map((r) => r[nameColumn]))).toHaveLength(repRows);
      expect((await exportXlsx(admin, `/api/${kind}/export`)).rows.length).toBeGreaterThan(repRows);
    },
  );

  it('exports the product catalogue with key messages as text', async () => {
    const created = await admin.post('/api/products', {
      name: '安心',
      genericName: '氯吡格雷片',
      therapeuticArea: '心血管',
      keyMessages: [{ feature: '每日一次', benefit: '依从性好', objection: '价格高', answer: '已进医保' }],
    });
    expect(created.statusCode).toBe(201);
    const sheet = await exportXlsx(rep, `/api/products/export?q=${encodeURIComponent('安心')}`);
    expect(sheet.rows).toEqual([
      expect.objectContaining({
        产品名称: '安心',
        通用名: '氯吡格雷片',
        关键信息: '特点：每日一次；利益：依从性好；异议：价格高；回应：已进医保',
        状态: '在用',
      }),
    ]);
  });
});
