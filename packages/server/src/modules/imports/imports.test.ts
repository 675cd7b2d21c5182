import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importColumns, type ImportBatch } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { oneFileAtATime } from './import-file.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

type Cell = string | number | null | ExcelJS.CellValue;
async function xlsx(rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csvText = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

function upload(
  client: Client,
  kind: string,
  file: Buffer | string,
  type = xlsxType,
  headers: Record<string, string> = {},
) {
  return client.request({
    method: 'POST',
    url: `/api/imports/${kind}?fileName=${encodeURIComponent(`${kind}.${type === xlsxType ? 'xlsx' : 'csv'}`)}`,
    headers: { 'content-type': type, ...headers },
    payload: file,
  });
}
async function preview(
  client: Client,
  kind: string,
  file: Buffer | string,
  type = xlsxType,
): Promise<ImportBatch> {
  const res = await upload(client, kind, file, type);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function commit(client: Client, batchId: string): Promise<ImportBatch> {
  const res = await client.post(`/api/imports/${batchId}/commit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const count = async (table: typeof s.doctors | typeof s.hospitals | typeof s.keyContacts, name: string) => {
  const [row] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.name, name));
  return row!.n;
};

const doctorHeader = [
  '外部编码',
  '姓名',
  '性别',
  '医院名称',
  '科室',
  '职称',
  '职务',
  '电话',
  '最佳拜访时间',
  '门诊时间',
  '性格类型',
  '备注',
];

/** rep01 covers h1a (上海市第一人民医院) and hShared, not h1b (上海市第六人民医院). */
const doctorRows = (): Cell[][] => [
  doctorHeader,
  [
    'IMP-D001',
    '李明',
    '男',
    '上海市第一人民医院',
    '神经内科',
    '主任医师',
    '科主任',
    '13812345678',
    '周二下午门诊后',
    '周一上午,周三下午',
    '随和型',
    '',
  ],
  ['', '王芳', '女', '上海市第一人民医院', '神经内科', '主治医师', '', '021-63240090', '', '', '', ''],
  ['', '', '男', '上海市第一人民医院', '', '', '', '', '', '', '', ''],
  ['', '刘强', '男', '不存在的医院', '', '', '', '', '', '', '', ''],
  ['', '陈静', '女', '上海市第一人民医院', '神经内科', '教授', '', '', '', '', '', ''],
  ['IMP-D001', '李明', '男', '上海市第一人民医院', '神经内科', '主任医师', '', '', '', '', '', ''],
  ['', '赵磊', '男', '上海市第一人民医院', '', '', '', '', '', '', '', "=cmd|' /C calc'!A0"],
  ['', '孙丽', '女', '上海市第六人民医院', '', '', '', '', '', '', '', ''],
  ['', '周杰', '男', '上海市第一人民医院', '', '', '', '12345', '', '周八上午', '', ''],
];

const expectedErrors = [
  { row: 4, column: '姓名', message: '必填，不能为空' },
  { row: 5, column: '医院名称', message: '医院“不存在的医院”不存在或不在您的负责范围内' },
  { row: 6, column: '职称', message: '“教授”不是可选的值，可选：主任医师、副主任医师、主治医师、住院医师' },
  { row: 7, column: '外部编码', message: '与第 2 行重复' },
  { row: 8, column: '备注', message: '内容以 = + - @ 开头，可能是公式，出于安全考虑不能导入' },
  { row: 9, column: '医院名称', message: '医院“上海市第六人民医院”不存在或不在您的负责范围内' },
  { row: 10, column: '电话', message: '电话格式不正确，请填写手机号或座机号（如 021-63240090）' },
  { row: 10, column: '门诊时间', message: '门诊时间格式不正确，应为“周一上午,周三下午”这样的写法' },
];

describe('import templates', () => {
  it('gives an xlsx per kind with the Chinese headers and a 说明 sheet of allowed values', async () => {
    const res = await rep.get('/api/imports/templates/doctors');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(xlsxType);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('医生导入模板.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const [data, help] = workbook.worksheets;
    expect((data!.getRow(1).values as string[]).slice(1)).toEqual(importColumns.doctors.map((c) => c.header));
    expect(data!.rowCount).toBe(1);
    expect(help!.name).toBe('说明');
    const titleRow = help!.getColumn(1).values.indexOf('职称');
    expect(String(help!.getRow(titleRow).getCell(3).value)).toContain(
      '主任医师、副主任医师、主治医师、住院医师',
    );
    expect(
      String(
        help!.getRow(importColumns.doctors.findIndex((c) => c.key === 'clinicSchedule') + 2).getCell(4).value,
      ),
    ).toBe('周一上午,周三下午');
  });

  it('imports a filled-in template', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await rep.get('/api/imports/templates/keyContacts')).rawPayload as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.worksheets[0]!;
    sheet.addRow(['模板联系人', 'H1A', '', '', '采购', '采购主管', '', '', '']);
    const batch = await preview(rep, 'keyContacts', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(batch.errors).toEqual([]);
    expect(batch.counts).toMatchObject({ total: 1, toCreate: 1 });
  });

  it.each(['hospitals', 'departments', 'keyContacts', 'products'])('has a template for %s', async (kind) => {
    const res = await admin.get(`/api/imports/templates/${kind}`);
    expect(res.statusCode).toBe(200);
  });

  it('refuses an unknown kind', async () => {
    expect((await rep.get('/api/imports/templates/calls')).statusCode).toBe(400);
  });
});

describe('doctor import: preview, then confirm or cancel', () => {
  it('reports every bad row with its row number, Chinese column and message, and writes nothing', async () => {
    const batch = await preview(rep, 'doctors', await xlsx(doctorRows()));
    expect(batch.status).toBe('preview');
    expect(batch.counts).toEqual({ total: 9, valid: 2, invalid: 7, toCreate: 2, toUpdate: 0 });
    expect(batch.errors).toEqual(expectedErrors);
    expect(batch.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'invalid'],
      [9, 'invalid'],
      [10, 'invalid'],
    ]);
    expect(batch.rows[0]!.values).toMatchObject({ 姓名: '李明', 门诊时间: '周一上午,周三下午' });
    expect(await count(s.doctors, '李明')).toBe(0);
    expect(await count(s.doctors, '王芳')).toBe(0);
  });

  it('words the problems in the request language, keeping the Chinese column', async () => {
    const res = await upload(rep, 'doctors', await xlsx(doctorRows()), xlsxType, { 'accept-language': 'en' });
    const batch: ImportBatch = res.json();
    expect(batch.errors[0]).toEqual({ row: 4, column: '姓名', message: 'Required; must not be empty' });
    // the same batch read again in Chinese
    const zh: ImportBatch = (await rep.get(`/api/imports/${batch.id}`)).json();
    expect(zh.errors).toEqual(expectedErrors);
  });

  it('shows a preview to its uploader only', async () => {
    const batch = await preview(rep, 'doctors', await xlsx(doctorRows()));
    expect((await rep.get(`/api/imports/${batch.id}`)).statusCode).toBe(200);
    for (const other of ['rep02', 'manager01', 'admin', 'compliance']) {
      const client = await t.signIn(other);
      expect((await client.get(`/api/imports/${batch.id}`)).statusCode, other).toBe(404);
      if (other !== 'compliance')
        expect((await client.post(`/api/imports/${batch.id}/commit`)).statusCode, other).toBe(404);
    }
  });

  it('imports nothing when cancelled, and a cancelled batch cannot be confirmed', async () => {
    const batch = await preview(rep, 'doctors', await xlsx(doctorRows()));
    const res = await rep.post(`/api/imports/${batch.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect(await count(s.doctors, '李明')).toBe(0);
    const again = await rep.post(`/api/imports/${batch.id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该导入已取消，不能再次确认或取消');
  });

  it('imports every valid row on confirm, with the 科室 it names, and audits the batch and each record', async () => {
    const batch = await preview(rep, 'doctors', await xlsx(doctorRows()));
    const done = await commit(rep, batch.id);
    expect(done.status).toBe('committed');
    expect(done.finishedAt).not.toBeNull();
    expect(done.result).toEqual({ created: 2, updated: 0, skipped: 0, departmentsCreated: 1 });

    const [li] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.code, 'IMP-D001'));
    expect(li).toMatchObject({
      name: '李明',
      nameInitials: 'lm',
      gender: '男',
      hospitalId: w.hospitals.h1a.id,
      title: '主任医师',
      position: '科主任',
      phone: '13812345678',
      bestVisitTime: '周二下午门诊后',
      clinicSchedule: [
        { weekday: 1, halfDay: 'am' },
        { weekday: 3, halfDay: 'pm' },
      ],
      personalityType: 'easygoing',
      mergedInto: null,
    });
    const [dept] = await t.database.db
      .select()
      .from(s.departments)
      .where(and(eq(s.departments.hospitalId, w.hospitals.h1a.id), eq(s.departments.name, '神经内科')));
    expect(li!.departmentId).toBe(dept!.id);
    const [wang] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.name, '王芳'));
    expect(wang!.departmentId).toBe(dept!.id);
    expect(await count(s.doctors, '赵磊')).toBe(0);

    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(
        eq(
          s.auditLog.requestId,
          sql`(select request_id from audit_log where entity = 'importBatch' and entity_id = ${batch.id} and action = 'update')`,
        ),
      );
    expect(audit.filter((a) => a.entity === 'doctor' && a.action === 'create')).toHaveLength(2);
    // a create's audit names every field the file filled (not the derived initials, nor empty cells)
    expect(audit.find((a) => a.entity === 'doctor' && a.entityId === li!.id)!.changes).toEqual({
      code: { before: null, after: 'IMP-D001' },
      name: { before: null, after: '李明' },
      gender: { before: null, after: '男' },
      hospitalId: { before: null, after: w.hospitals.h1a.id },
      departmentId: { before: null, after: dept!.id },
      title: { before: null, after: '主任医师' },
      position: { before: null, after: '科主任' },
      phone: { before: null, after: '13812345678' },
      bestVisitTime: { before: null, after: '周二下午门诊后' },
      clinicSchedule: {
        before: null,
        after: [
          { weekday: 1, halfDay: 'am' },
          { weekday: 3, halfDay: 'pm' },
        ],
      },
      personalityType: { before: null, after: 'easygoing' },
    });
    expect(audit.filter((a) => a.entity === 'department' && a.action === 'create')).toHaveLength(1);
    const batchAudit = audit.find((a) => a.entity === 'importBatch');
    expect(batchAudit!.changes).toMatchObject({
      status: { before: 'preview', after: 'committed' },
      created: { after: 2 },
    });

    const again = await rep.post(`/api/imports/${batch.id}/commit`);
    expect(again.statusCode).toBe(409);
  });

  it('updates instead of duplicating when the same file is imported again, matching by code or by name + hospital + 科室', async () => {
    const rows = doctorRows();
    rows[1]![5] = '副主任医师'; // 李明's title changed since
    const batch = await preview(rep, 'doctors', await xlsx(rows));
    expect(batch.counts).toMatchObject({ valid: 2, toCreate: 0, toUpdate: 2 });
    const done = await commit(rep, batch.id);
    expect(done.result).toEqual({ created: 0, updated: 2, skipped: 0, departmentsCreated: 0 });
    expect(await count(s.doctors, '李明')).toBe(1);
    expect(await count(s.doctors, '王芳')).toBe(1);
    const [li] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.code, 'IMP-D001'));
    expect(li).toMatchObject({ title: '副主任医师', version: 2 });
    const [wang] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.name, '王芳'));
    expect(wang!.version).toBe(1); // nothing changed for her
  });

  it('commits a preview stored before parsed rows were kept (raw cells of every row), importing its valid rows only', async () => {
    const batch = await preview(
      rep,
      'doctors',
      await xlsx([
        ['姓名', '医院名称', '职称'],
        ['旧批一', '上海市第一人民医院', '主治医师'],
        ['旧批二', '上海市第一人民医院', '教授'],
      ]),
    );
    expect(batch.counts).toMatchObject({ valid: 1, invalid: 1 });
    const cells = {
      keys: ['name', 'hospitalName', 'title'],
      rows: [
        [2, '旧批一', '上海市第一人民医院', '主治医师'],
        [3, '旧批二', '上海市第一人民医院', '教授'],
      ],
    };
    await t.database.db
      .update(s.importBatches)
      .set({ rows: sql`${JSON.stringify(cells)}::jsonb` })
      .where(eq(s.importBatches.id, batch.id));
    expect((await commit(rep, batch.id)).result).toEqual({
      created: 1,
      updated: 0,
      skipped: 0,
      departmentsCreated: 0,
    });
    const [one] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.name, '旧批一'));
    expect(one).toMatchObject({ title: '主治医师', nameInitials: 'jpy' });
    expect(await count(s.doctors, '旧批二')).toBe(0);
  });

  it('refuses a code already used by a doctor outside the uploader’s territories', async () => {
    await t.database.db
      .insert(s.doctors)
      .values({ name: '外区医生', hospitalId: w.hospitals.h2a.id, code: 'IMP-OUT' });
    const batch = await preview(
      rep,
      'doctors',
      await xlsx([doctorHeader, ['IMP-OUT', '外区医生', '', '上海市第一人民医院']]),
    );
    expect(batch.errors).toEqual([
      { row: 2, column: '外部编码', message: '外部编码“IMP-OUT”已被您负责范围以外的记录使用' },
    ]);
  });

  it('lets a manager import into the team’s hospitals only', async () => {
    const manager = await t.signIn('manager01');
    const batch = await preview(
      manager,
      'doctors',
      await xlsx([
        ['姓名', '医院名称'],
        ['钱进', '上海市第六人民医院'],
        ['吴用', '复旦大学附属中山医院'],
      ]),
    );
    expect(batch.counts).toMatchObject({ valid: 1, invalid: 1 });
    expect(batch.errors).toEqual([
      { row: 3, column: '医院名称', message: '医院“复旦大学附属中山医院”不存在或不在您的负责范围内' },
    ]);
  });

  it('refuses a real formula cell, not only text that looks like one', async () => {
    const batch = await preview(
      rep,
      'doctors',
      await xlsx([
        ['姓名', '医院名称', '备注'],
        ['公式', '上海市第一人民医院', { formula: 'HYPERLINK("http://x","y")' }],
        ['负数', '上海市第一人民医院', '-12'],
        ['加号', '上海市第一人民医院', '+86 138'],
        ['艾特', '上海市第一人民医院', '@SUM(A1)'],
      ]),
    );
    expect(batch.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '备注'],
      [4, '备注'],
      [5, '备注'],
    ]);
  });
});

describe('reading files', () => {
  it('reads a UTF-8 CSV with BOM, headers with spaces and full-width characters', async () => {
    const text = `\uFEFF${csvText([
      ['  姓名 ', '医院名称＊', '门诊时间'],
      ['郑一', '上海市第一人民医院', '周一上午，周五全天'],
      ['冯二', '上海交通大学医学院附属瑞金医院', ''],
    ])}\r\n`;
    const batch = await preview(rep, 'doctors', Buffer.from(text, 'utf8'), 'text/csv; charset=utf-8');
    expect(batch.errors).toEqual([]);
    expect(batch.counts).toMatchObject({ total: 2, valid: 2, toCreate: 2 });
    await commit(rep, batch.id);
    const [zheng] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.name, '郑一'));
    expect(zheng!.clinicSchedule).toEqual([
      { weekday: 1, halfDay: 'am' },
      { weekday: 5, halfDay: 'am' },
      { weekday: 5, halfDay: 'pm' },
    ]);
  });

  it('reads a GB18030 CSV as Chinese Excel saves it, with quoted cells', async () => {
    const text = csvText([
      ['姓名', '医院名称', '备注'],
      ['韩三', '上海市第一人民医院', '喜欢喝茶, "龙井"'],
    ]);
    // GB18030 bytes of the text (Node can decode but not encode it): build them through TextDecoder's inverse
    const bytes = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const batch = await preview(rep, 'doctors', bytes, 'application/vnd.ms-excel');
    expect(batch.errors).toEqual([]);
    expect(batch.rows[0]!.values).toMatchObject({ 姓名: '韩三', 备注: '喜欢喝茶, "龙井"' });
  });

  it('keeps every Chinese character of a large file intact', async () => {
    const rows: Cell[][] = [['姓名', '医院名称', '科室', '备注']];
    for (let i = 0; i < 3000; i++)
      rows.push([
        `大文件医生${i}`,
        '上海市第一人民医院',
        `大文件科室${i % 7}`,
        '这是一段较长的中文备注，用来填满文件。'.repeat(3),
      ]);
    const batch = await preview(rep, 'doctors', await xlsx(rows));
    expect(batch.errors).toEqual([]);
    expect(batch.counts).toMatchObject({ total: 3000, valid: 3000 });
  });

  it('checks one file at a time: an upload waits while another file is being read and checked', async () => {
    // a server capped at 1 GB holds one big file's rows at a time; here the lane is held as a big file would
    let release!: () => void;
    const held = oneFileAtATime(() => new Promise<void>((r) => (release = r)));
    let answered = false;
    const sent = preview(rep, 'doctors', await xlsx(doctorRows())).finally(() => (answered = true));
    try {
      for (let i = 0; i < 200 && oneFileAtATime.pendingCount === 0 && !answered; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(answered).toBe(false);
      expect(oneFileAtATime.pendingCount).toBe(1);
    } finally {
      release();
      await held;
    }
    const batch = await sent;
    expect(batch.counts).toMatchObject({ total: 9, invalid: 7 });
    await rep.post(`/api/imports/${batch.id}/cancel`);
  });

  it('lists the headers it did not recognise, whose cells were not read', async () => {
    const batch = await preview(
      rep,
      'doctors',
      await xlsx([
        ['姓名', '医院名称', '职位', '', '职 称'],
        ['卫六', '上海市第一人民医院', '科主任', '', '主治医师'],
      ]),
    );
    expect(batch.ignoredColumns).toEqual(['职位']);
    expect(batch.rows[0]!.values).toMatchObject({ 职称: '主治医师', 职务: '' });
  });

  it('accepts files above the usual 5 MB request limit, up to 20 MB', async () => {
    const big = `姓名,医院名称,备注\r\n卫七,上海市第一人民医院,${'长'.repeat(2_500_000)}\r\n`;
    const batch = await preview(rep, 'doctors', Buffer.from(big), 'text/csv');
    expect(batch.errors).toEqual([{ row: 2, column: '备注', message: '不能超过 2000 个字' }]);
    const tooBig = await upload(rep, 'doctors', Buffer.alloc(21 * 1024 * 1024, 0x41), 'text/csv');
    expect(tooBig.statusCode).toBe(413);
  });

  it('answers 400 with the missing columns when a required header is absent', async () => {
    const res = await upload(
      rep,
      'doctors',
      await xlsx([
        ['姓名', '科室'],
        ['张三', '神经内科'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('缺少必填列：医院名称（请使用下载的模板）');
  });

  it('answers 400 for a file that is neither xlsx nor csv, or has no rows', async () => {
    expect((await upload(rep, 'doctors', Buffer.from('PK\u0003\u0004garbage'))).statusCode).toBe(400);
    const empty = await upload(rep, 'doctors', Buffer.from('姓名,医院名称\r\n'), 'text/csv');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('文件中没有数据行');
  });

  it('refuses other content types', async () => {
    const res = await rep.request({
      method: 'POST',
      url: '/api/imports/doctors',
      headers: { 'content-type': 'application/json' },
      payload: { rows: [] },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('other kinds', () => {
  it('imports hospitals for an admin only, matching by code on re-import', async () => {
    const file = await xlsx([
      ['外部编码', '医院名称', '别名', '等级', '类型', '省份', '城市', '床位数', '竞争对手占绝对优势'],
      ['IMP-H1', '杭州市第一人民医院', '杭一', '三甲', '综合', '浙江', '杭州', '1,200', '否'],
      ['', '杭州市中医院', '', '二级甲等', '中医', '浙江', '杭州', '', ''],
      ['', '坏医院', '', '四级', '综合', '浙江', '杭州', 'abc', ''],
    ]);
    expect((await upload(rep, 'hospitals', file)).statusCode).toBe(403);
    const batch = await preview(admin, 'hospitals', file);
    expect(batch.errors).toEqual([
      { row: 4, column: '等级', message: expect.stringContaining('“四级”不是可选的值') },
      { row: 4, column: '床位数', message: '须为 0 到 100000 之间的整数' },
    ]);
    await commit(admin, batch.id);
    const [h] = await t.database.db.select().from(s.hospitals).where(eq(s.hospitals.code, 'IMP-H1'));
    expect(h).toMatchObject({
      name: '杭州市第一人民医院',
      level: '三级甲等',
      beds: 1200,
      hasDominantCompetitor: false,
      nameInitials: 'hzsdyrmyy hy',
    });

    const renamed = await xlsx([
      ['外部编码', '医院名称', '等级', '类型', '省份', '城市'],
      ['IMP-H1', '杭州市第一医院', '三级甲等', '综合', '浙江', '杭州'],
      ['', '杭州市中医院', '三级甲等', '中医', '浙江', '杭州'],
    ]);
    const again = await commit(admin, (await preview(admin, 'hospitals', renamed)).id);
    expect(again.result).toMatchObject({ created: 0, updated: 2 });
    expect(await count(s.hospitals, '杭州市中医院')).toBe(1);
    const [h2] = await t.database.db.select().from(s.hospitals).where(eq(s.hospitals.code, 'IMP-H1'));
    expect(h2).toMatchObject({ name: '杭州市第一医院', alias: '杭一', beds: 1200 });
  });

  it('imports departments and key contacts within scope', async () => {
    const departments = await preview(
      rep,
      'departments',
      await xlsx([
        ['医院名称', '科室名称', '人数', '床位数'],
        ['上海市第一人民医院', '内分泌科', '20', '40'],
        ['上海市第六人民医院', '内分泌科', '20', '40'],
      ]),
    );
    expect(departments.errors.map((e) => [e.row, e.column])).toEqual([[3, '医院名称']]);
    expect((await commit(rep, departments.id)).result).toMatchObject({ created: 1 });

    const contacts = await preview(
      rep,
      'keyContacts',
      await xlsx([
        ['姓名', '医院名称', '科室', '职能', '职务', '电话', '性格类型'],
        ['钱药师', '上海市第一人民医院', '药剂科', '药剂科', '药剂科主任', '021-63240090', '怀疑'],
        ['孙采购', '上海市第一人民医院', '', '采购员', '', '', ''],
      ]),
    );
    expect(contacts.errors).toEqual([
      { row: 3, column: '职能', message: expect.stringContaining('“采购员”不是可选的值') },
    ]);
    expect((await commit(rep, contacts.id)).result).toEqual({
      created: 1,
      updated: 0,
      skipped: 0,
      departmentsCreated: 1,
    });
    const [kc] = await t.database.db.select().from(s.keyContacts).where(eq(s.keyContacts.name, '钱药师'));
    expect(kc).toMatchObject({ function: '药剂科', personalityType: 'skeptical', nameInitials: 'qys' });
  });

  it('imports products for an admin, lists split on 、 and ，', async () => {
    const file = await xlsx([
      ['产品名称', '通用名', '治疗领域', '适应症', '目标科室'],
      ['心安', '比索洛尔片', '心血管', '高血压、心绞痛，心衰', '心内科'],
      ['瑞心', '瑞舒伐他汀钙片', '心血管', '高胆固醇血症', '神经内科、内分泌科'],
    ]);
    expect((await upload(rep, 'products', file)).statusCode).toBe(403);
    const batch = await preview(admin, 'products', file);
    expect(batch.counts).toMatchObject({ toCreate: 1, toUpdate: 1 });
    await commit(admin, batch.id);
    const [p] = await t.database.db.select().from(s.products).where(eq(s.products.name, '心安'));
    expect(p).toMatchObject({ indications: ['高血压', '心绞痛', '心衰'], competitorProducts: [] });
    const [p1] = await t.database.db.select().from(s.products).where(eq(s.products.id, w.products.p1.id));
    expect(p1!.targetDepartments).toEqual(['神经内科', '内分泌科']);
  });

  it('refuses every import to compliance', async () => {
    const compliance = await t.signIn('compliance');
    const res = await upload(compliance, 'doctors', await xlsx(doctorRows()));
    expect(res.statusCode).toBe(403);
  });
});

/** GB18030 bytes of a string: Node decodes GB18030 but cannot encode it, so map each character back. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  // two-byte GBK covers the Chinese characters used in these tests
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? []));
  }
  return Buffer.from(bytes);
}
