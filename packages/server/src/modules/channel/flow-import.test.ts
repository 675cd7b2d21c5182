import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowGroupBys, flowSummaryQuerySchema, type FlowImport, type FlowPreviewRow } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { xlsxOf } from './goods.fixtures.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: cc1a (distributor)
let rep03: Client; // rep2a: cc2a, cc2d
let compliance: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const upload = async (
  client: Client,
  file: Buffer,
  channelCustomerId = w.channelCustomers.cc1a.id,
  fileName = '流向.xlsx',
) =>
  client.post('/api/flow-imports', { channelCustomerId, fileName, contentBase64: file.toString('base64') });

const rowsOf = async (client: Client, id: string, matchStatus?: string) =>
  (
    await client.get(
      `/api/flow-imports/${id}/rows?pageSize=200${matchStatus ? `&matchStatus=${matchStatus}` : ''}`,
    )
  ).json().items as FlowPreviewRow[];

const flowRowCount = async (importId: string) =>
  Number(
    (
      await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.flowRows)
        .where(eq(s.flowRows.importId, importId))
    )[0]!.n,
  );

/** March 2026 from a distributor with its own layout: a merged title, a blank row, totals, bad rows. */
const marchFile = () =>
  xlsxOf(
    [
      ['上海医药分销有限公司 2026年3月 纯销流向', '', '', '', '', '', '', ''],
      ['', '', '', '', '', '', '', ''],
      ['出库日期', '购货单位', '使用科室', '商品名称', '规格型号', '出库数量', '含税单价', '批次'],
      ['2026/3/5', '上海市第一人民医院', '心内科', '瑞心', '10mg*7', '1,200', '20.5', 'B2601'],
      ['2026.03.06', '上海一院', '', '瑞心', '10mg*7', '１２', '20.5', 'B2601'],
      ['2026年3月7日', '中山医院', '', '瑞舒伐他汀钙片', '10mg*7', '30', '', 'B2601'],
      [46090, '张三个体诊所', '', '瑞心', '10mg*7', '5', '21', 'B2601'],
      ['2026-02-30', '上海市第一人民医院', '', '瑞心', '', '3', '', ''],
      ['2026-03-09', '上海市第一人民医院', '', '不存在的药', '', '3', '', ''],
      ['2026-03-10', '上海市第一人民医院', '', '瑞心', '', '', '', ''],
      ['', '', '', '', '', '', '', ''],
      ['合计', '', '', '', '', '1,247', '', ''],
    ],
    ['A1:H1'],
  );
const mapping = {
  saleDate: '出库日期',
  buyer: '购货单位',
  department: '使用科室',
  product: '商品名称',
  specification: '规格型号',
  quantity: '出库数量',
  unitPrice: '含税单价',
  batchNo: '批次',
};

describe('flow import 流向导入', () => {
  let march: FlowImport;

  it('a new layout needs mapping: header row found below the title, mapping suggested, nothing read yet', async () => {
    const res = await upload(rep01, await marchFile());
    expect(res.statusCode, res.body).toBe(201);
    march = res.json();
    expect(march.needsMapping).toBe(true);
    expect(march.headers).toEqual(Object.values(mapping));
    expect(march.suggestedMapping).toMatchObject({
      saleDate: '出库日期',
      buyer: '购货单位',
      department: '使用科室',
      product: '商品名称',
      specification: '规格型号',
      quantity: '出库数量',
      unitPrice: '含税单价',
      batchNo: '批次',
    });
    expect(march.sampleRows[0]).toContain('上海市第一人民医院');
    expect(await flowRowCount(march.id)).toBe(0);
    expect((await rep01.post(`/api/flow-imports/${march.id}/commit`, {})).statusCode).toBe(409);
  });

  it('a mapping without a required field, or naming a missing column, is refused with a Chinese message', async () => {
    const missing = await rep01.post(`/api/flow-imports/${march.id}/mapping`, {
      mapping: { saleDate: '出库日期', buyer: '购货单位', product: '商品名称' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('quantity');
    const unknown = await rep01.post(`/api/flow-imports/${march.id}/mapping`, {
      mapping: { ...mapping, quantity: '数量' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('数量');
  });

  it('reads every row: dates in Chinese formats, full-width digits, totals skipped, invalid rows listed not imported', async () => {
    const res = await rep01.post(`/api/flow-imports/${march.id}/mapping`, { mapping });
    expect(res.statusCode, res.body).toBe(200);
    march = res.json();
    expect(march.needsMapping).toBe(false);
    expect(march.counts).toMatchObject({
      rows: 7,
      matched: 2,
      uncertain: 1,
      unmatched: 1,
      invalid: 3,
      skipped: 1,
    });
    expect(march.counts.quantity).toBe(1200 + 12 + 30 + 5);
    expect(march.periodStart).toBe('2026-03-05');
    expect(march.periodEnd).toBe('2026-03-09');
    expect(march.skippedRows).toEqual([{ row: 12, text: expect.stringContaining('合计') }]);
    expect(await flowRowCount(march.id)).toBe(4);

    const rows = await rowsOf(rep01, march.id);
    const byRow = Object.fromEntries(rows.map((r) => [r.rowNo, r]));
    expect(byRow[4]).toMatchObject({
      saleDate: '2026-03-05',
      quantity: 1200,
      amountFen: 2_460_000,
      hospitalId: w.hospitals.h1a.id,
    });
    expect(byRow[5]).toMatchObject({ saleDate: '2026-03-06', quantity: 12, hospitalId: w.hospitals.h1a.id });
    expect(byRow[6]).toMatchObject({ saleDate: '2026-03-07', matchStatus: 'uncertain', hospitalId: null });
    expect(byRow[7]).toMatchObject({
      saleDate: '2026-03-09',
      matchStatus: 'unmatched',
      buyerName: '张三个体诊所',
    });
    const [stored] = await t.database.db
      .select()
      .from(s.flowRows)
      .where(and(eq(s.flowRows.importId, march.id), eq(s.flowRows.rowNo, 4)));
    expect(stored!.departmentId).toBe(w.departments.dep1a.id);

    const invalid = await rowsOf(rep01, march.id, 'invalid');
    expect(invalid.map((r) => [r.rowNo, r.problems.map((p) => p.column)])).toEqual([
      [8, ['出库日期']],
      [9, ['商品名称']],
      [10, ['出库数量']],
    ]);
    expect(invalid[0]!.problems[0]!.message).toContain('无法识别的日期');
    expect(invalid[1]!.problems[0]!.message).toContain('不存在的药');
    expect(invalid[2]!.problems[0]!.message).toBe('此列不能为空');

    // read once: mapping again is refused, nothing doubled
    const again = await rep01.post(`/api/flow-imports/${march.id}/mapping`, { mapping });
    expect(again.statusCode).toBe(409);
    expect(await flowRowCount(march.id)).toBe(4);
  });

  it('uncertain rows come with candidates; confirming a name applies to all its rows and is remembered', async () => {
    const [uncertain] = await rowsOf(rep01, march.id, 'uncertain');
    expect(uncertain!.candidates[0]).toMatchObject({ kind: 'hospital', id: w.hospitals.h2a.id });
    const bad = await rep01.post(`/api/flow-imports/${march.id}/matches`, {
      matches: [{ buyerName: '中山医院', hospitalId: w.hospitals.h2a.id, none: true }],
    });
    expect(bad.statusCode).toBe(400);
    const res = await rep01.post(`/api/flow-imports/${march.id}/matches`, {
      matches: [{ buyerName: '中山医院', hospitalId: w.hospitals.h2a.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ uncertain: 0, confirmed: 1 });
    const remembered = await t.database.db.select().from(s.flowNameMatches);
    expect(remembered).toContainEqual(
      expect.objectContaining({ normalizedName: '中山院', hospitalId: w.hospitals.h2a.id }),
    );
  });

  it('outside the distributor’s scope the import is 404; compliance may not write', async () => {
    expect((await rep03.get(`/api/flow-imports/${march.id}`)).statusCode).toBe(404);
    expect((await rep03.post(`/api/flow-imports/${march.id}/commit`, {})).statusCode).toBe(404);
    expect((await compliance.post(`/api/flow-imports/${march.id}/cancel`)).statusCode).toBe(403);
    expect((await upload(rep03, await marchFile())).statusCode).toBe(404);
    // a pharmacy is not a distributor
    const pharmacy = await upload(rep03, await marchFile(), w.channelCustomers.cc2a.id);
    expect(pharmacy.statusCode).toBe(400);
  });

  it('commits; the same file again is refused', async () => {
    const res = await rep01.post(`/api/flow-imports/${march.id}/commit`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'committed' });
    const again = await upload(rep01, await marchFile());
    // exceljs writes a new timestamp into each file, so compare with the very same bytes
    void again;
    const [imp] = await t.database.db.select().from(s.flowImports).where(eq(s.flowImports.id, march.id));
    const sameBytes = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.flowImports)
      .where(eq(s.flowImports.fileHash, imp!.fileHash));
    expect(Number(sameBytes[0]!.n)).toBe(1);
  });

  it('the very same bytes twice → 409 flow.duplicateFile', async () => {
    const file = await xlsxOf([
      ['日期', '医院', '产品', '数量'],
      ['2027-01-05', '上海市第一人民医院', '瑞心', '5'],
    ]);
    expect((await upload(rep01, file)).statusCode).toBe(201);
    const dup = await upload(rep01, file);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('已导入过');
  });

  it('the next file of the distributor reuses the saved mapping and the remembered match', async () => {
    const res = await upload(
      rep01,
      await xlsxOf([
        ['出库日期', '购货单位', '使用科室', '商品名称', '规格型号', '出库数量', '含税单价', '批次', '备注'],
        ['2026年4月', '中山医院', '', '瑞心', '', '40', '20', '', '月度汇总'],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const april: FlowImport = res.json();
    expect(april.needsMapping).toBe(false);
    expect(april.counts).toMatchObject({ rows: 1, matched: 1 });
    // a month row counts for the whole month
    expect([april.periodStart, april.periodEnd]).toEqual(['2026-04-01', '2026-04-30']);
    const [row] = await rowsOf(rep01, april.id);
    expect(row).toMatchObject({ hospitalId: w.hospitals.h2a.id, saleDate: '2026-04-01' });
  });

  it('an overlapping period is refused at commit unless replace, and is never double-counted', async () => {
    const summary = async () =>
      (
        await rep01.get(
          `/api/flow/summary?groupBy=hospital&channelCustomerId=${w.channelCustomers.cc1a.id}&from=2026-03-01&to=2026-03-31`,
        )
      ).json();
    const before = await summary();
    expect(before.items.find((i: { id: string }) => i.id === w.hospitals.h1a.id)?.quantity).toBe(1212);

    const res = await upload(
      rep01,
      await xlsxOf([
        ['出库日期', '购货单位', '使用科室', '商品名称', '规格型号', '出库数量', '含税单价', '批次'],
        ['2026-03-08', '上海市第一人民医院', '', '瑞心', '', '100', '20', ''],
      ]),
    );
    const corrected: FlowImport = res.json();
    const refused = await rep01.post(`/api/flow-imports/${corrected.id}/commit`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('期间重叠');
    expect(await summary()).toEqual(before);

    const replaced = await rep01.post(`/api/flow-imports/${corrected.id}/commit`, { replace: true });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const [old] = await t.database.db.select().from(s.flowImports).where(eq(s.flowImports.id, march.id));
    expect(old!.status).toBe('cancelled');
    const after = await summary();
    expect(after.items).toEqual([expect.objectContaining({ id: w.hospitals.h1a.id, quantity: 100 })]);
  });

  it('the flow summary groups by hospital, department, buyer or month — never by doctor', async () => {
    expect(flowGroupBys).not.toContain('doctor');
    expect(flowSummaryQuerySchema.safeParse({ groupBy: 'doctor' }).success).toBe(false);
    const res = await rep01.get('/api/flow/summary?groupBy=doctor');
    expect(res.statusCode).toBe(400);
    for (const groupBy of flowGroupBys) {
      const ok = await rep01.get(`/api/flow/summary?groupBy=${groupBy}`);
      expect(ok.statusCode, ok.body).toBe(200);
      for (const item of ok.json().items)
        expect(Object.keys(item).sort()).toEqual(['amountFen', 'id', 'label', 'quantity', 'rows']);
    }
    const months = (
      await rep01.get(`/api/flow/summary?groupBy=month&channelCustomerId=${w.channelCustomers.cc1a.id}`)
    ).json();
    const monthIds = months.items.map((i: { id: string }) => i.id);
    expect(monthIds).toContain('2026-03');
    // April is still a preview: only committed flow counts
    expect(monthIds).not.toContain('2026-04');
    // no column of flow_rows names a doctor
    expect(Object.keys(s.flowRows).filter((k) => /doctor/i.test(k))).toEqual([]);
  });

  it('a preview can be cancelled; then nothing more may change', async () => {
    const res = await upload(
      rep01,
      await xlsxOf([
        ['销售日期', '客户名称', '品名', '数量'],
        ['2027-05-05', '上海市第一人民医院', '瑞心', '5'],
      ]),
    );
    const id = res.json().id as string;
    expect((await rep01.post(`/api/flow-imports/${id}/cancel`)).json().status).toBe('cancelled');
    expect((await rep01.post(`/api/flow-imports/${id}/commit`, {})).statusCode).toBe(409);
  });

  it('a file without a header row or without data is refused', async () => {
    const noHeader = await upload(
      rep01,
      await xlsxOf([
        ['甲', '乙'],
        ['1', '2'],
      ]),
    );
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.message).toContain('表头');
    const notXlsx = await rep01.post('/api/flow-imports', {
      channelCustomerId: w.channelCustomers.cc1a.id,
      fileName: 'x.xlsx',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notXlsx.statusCode).toBe(400);
  });

  it('accepts the raw xlsx body too', async () => {
    const file = await xlsxOf([
      ['销售日期', '客户名称', '品名', '数量'],
      ['2027-06-05', '上海市第一人民医院', '瑞心', '5'],
    ]);
    const res = await rep01.request({
      method: 'POST',
      url: `/api/flow-imports?channelCustomerId=${w.channelCustomers.cc1a.id}&fileName=raw.xlsx`,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: file,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fileName).toBe('raw.xlsx');
  });
});
