import { describe, expect, it } from 'vitest';
import {
  buildOrgIndex,
  detectHeaderRow,
  excelSerialToDate,
  flowMatchThresholds,
  isTotalsRow,
  mappingFitsHeaders,
  matchBuyerName,
  normalizeOrgName,
  orgNameSimilarity,
  parseFlowDate,
  parseFlowQuantity,
  parseFlowRow,
  parseFlowYuan,
  suggestFlowMapping,
  toHalfWidth,
  type FlowField,
} from './flow.ts';

describe('parseFlowDate', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.03.05', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['２０２６年３月５日', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026-03-05 14:30', '2026-03-05'],
    ['46086', '2026-03-05'],
    [' 2026-3-5 ', '2026-03-05'],
  ])('%s is the day %s', (text, date) => {
    expect(parseFlowDate(text)).toEqual({ kind: 'day', date });
  });

  it.each([
    ['2026年3月', '2026-03'],
    ['2026-03', '2026-03'],
    ['2026.3', '2026-03'],
    ['202603', '2026-03'],
  ])('%s is the month %s', (text, month) => {
    expect(parseFlowDate(text)).toEqual({ kind: 'month', month });
  });

  it.each(['', '2026-02-30', '2026-13-01', '3月5日', 'abc', '12345', '2026年13月', '1899-01-01'])(
    '%j is not a date',
    (text) => {
      expect(parseFlowDate(text)).toBeUndefined();
    },
  );

  it.each([
    [25569, '1970-01-01'],
    [46086, '2026-03-05'],
    [45658, '2025-01-01'],
  ])('Excel serial %i is %s (1970 is out of range, so undefined)', (serial, date) => {
    const got = excelSerialToDate(serial);
    expect(got).toBe(serial < 32874 ? undefined : date);
  });
});

describe('numbers', () => {
  it.each([
    ['12', 12],
    ['１２', 12],
    ['1,200', 1200],
    ['1，200', 1200],
    ['-5', -5],
    ['30盒', 30],
    ['12.0', 12],
  ])('quantity %s → %i', (text, n) => expect(parseFlowQuantity(text)).toBe(n));

  it.each(['0', '1.5', 'abc', '', '1 2x'])('quantity %j is refused', (text) =>
    expect(parseFlowQuantity(text)).toBeUndefined(),
  );

  it.each([
    ['12.5', 1250],
    ['¥1,234.56', 123456],
    ['１２３．４', 12340],
    ['0.125', 13],
    ['-3', -300],
  ])('yuan %s → %i fen', (text, fen) => expect(parseFlowYuan(text)).toBe(fen));

  it('full-width to half-width', () => expect(toHalfWidth('ＡＢ　１２，３')).toBe('AB 12,3'));
});

describe('headers', () => {
  it('finds the header row below title rows and a blank row', () => {
    const rows = [
      ['云南医药有限公司2026年3月流向表', '云南医药有限公司2026年3月流向表', ''],
      ['', '', ''],
      ['制表：张三', '', ''],
      ['销售日期', '客户名称', '品名', '规格', '数量', '单价', '金额', '批号'],
      ['2026-03-01', '昆明医科大学第一附属医院', '瑞心', '10mg*7', '10', '20', '200', 'B1'],
    ];
    expect(detectHeaderRow(rows)).toBe(3);
  });

  it('no header row when nothing names a field and no row looks like one', () => {
    expect(
      detectHeaderRow([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBeUndefined();
    expect(detectHeaderRow([['2026-03-01', '甲医院', '12']])).toBeUndefined();
  });

  it('a layout of unknown headers: the first row of three or more texts below the title', () => {
    const rows = [
      ['某公司流向明细', '某公司流向明细', '某公司流向明细'],
      ['发货时间', '往来单位', '货品', '件数'],
      ['2026-03-01', '甲医院', '瑞心', '12'],
    ];
    expect(detectHeaderRow(rows)).toBe(1);
  });

  it.each([
    [
      ['出库日期', '购货单位', '科室', '商品名称', '规格型号', '出库数量', '单价', '金额', '生产批号'],
      {
        saleDate: '出库日期',
        buyer: '购货单位',
        department: '科室',
        product: '商品名称',
        specification: '规格型号',
        quantity: '出库数量',
        unitPrice: '单价',
        amount: '金额',
        batchNo: '生产批号',
      },
    ],
    [
      ['日期', '医院', '产品', '数量'],
      { saleDate: '日期', buyer: '医院', product: '产品', quantity: '数量' },
    ],
    [
      ['单据编号', '销售金额', '销售日期', '终端名称', '药品名称', '销量'],
      { amount: '销售金额', saleDate: '销售日期', buyer: '终端名称', product: '药品名称', quantity: '销量' },
    ],
  ])('suggests a mapping for %j', (headers, mapping) => {
    expect(suggestFlowMapping(headers)).toEqual(mapping);
  });

  it('a saved mapping fits only when its headers are all there', () => {
    const mapping = { saleDate: '日期', buyer: '医院', product: '产品', quantity: '数量' };
    expect(mappingFitsHeaders(mapping, ['日期', '医院', '产品', '数量', '备注'])).toBe(true);
    expect(mappingFitsHeaders(mapping, ['日期', '客户', '产品', '数量'])).toBe(false);
    expect(mappingFitsHeaders({ saleDate: '日期' }, ['日期'])).toBe(false);
  });

  it.each([
    [['合计', '', '100'], true],
    [['', '小 计', '100'], true],
    [['总计：', '', ''], true],
    [['本月合计', '', ''], true],
    [['2026-03-01', '合计医院', ''], true],
    [['2026-03-01', '昆明市中医医院', '10'], false],
  ])('totals row %j → %s', (cells, totals) => expect(isTotalsRow(cells)).toBe(totals));
});

describe('parseFlowRow', () => {
  const read = (cells: Partial<Record<FlowField, string>>) =>
    parseFlowRow(
      (f) => cells[f] ?? '',
      (f) => `列${f}`,
    );

  it('reads a full row; the amount defaults to price × quantity', () => {
    expect(
      read({
        saleDate: '2026.03.05',
        buyer: ' 昆医附一院 ',
        product: '瑞心',
        quantity: '１,０００',
        unitPrice: '1.5',
      }),
    ).toEqual({
      ok: true,
      saleDate: '2026-03-05',
      month: null,
      buyerName: '昆医附一院',
      departmentName: null,
      productName: '瑞心',
      specification: null,
      quantity: 1000,
      unitPriceFen: 150,
      amountFen: 150_000,
      batchNo: null,
    });
  });

  it('a month row counts from the first of the month and keeps the month', () => {
    const row = read({ saleDate: '2026年3月', buyer: 'A医院', product: '瑞心', quantity: '3' });
    expect(row).toMatchObject({ ok: true, saleDate: '2026-03-01', month: '2026-03' });
  });

  it.each([
    [{ buyer: 'A', product: 'B', quantity: '1' }, [['列saleDate', 'flow.row.required']]],
    [
      { saleDate: '2026-02-30', buyer: 'A', product: 'B', quantity: '1' },
      [['列saleDate', 'flow.row.badDate']],
    ],
    [
      { saleDate: '2026-02-03', buyer: 'A', product: 'B', quantity: '一箱' },
      [['列quantity', 'flow.row.badQuantity']],
    ],
    [
      { saleDate: '2026-02-03', product: 'B', quantity: '1', amount: 'x' },
      [
        ['列buyer', 'flow.row.required'],
        ['列amount', 'flow.row.badMoney'],
      ],
    ],
  ])('problems of %j', (cells, expected) => {
    const row = read(cells);
    expect(row.ok).toBe(false);
    if (!row.ok) expect(row.problems.map((p) => [p.column, p.messageKey])).toEqual(expected);
  });
});

describe('normalizeOrgName', () => {
  it.each([
    ['昆明医科大学第一附属医院', '昆医第一附院'],
    ['昆医附一院', '昆医第一附院'],
    ['昆明医科大学附一院', '昆医第一附院'],
    ['昆医一附院', '昆医第一附院'],
    ['云南省第一人民医院', '云南第一人医'],
    ['云南省一院', '云南第一人医'],
    ['江苏省人民医院', '江苏人医'],
    ['昆明市中医医院', '昆明中医院'],
    ['昆明市妇幼保健院', '昆明妇幼'],
    ['（云南）一心堂药业集团股份有限公司', '云南一心堂药业'],
    ['ＸＹＺ 大药房', 'xyz大药房'],
  ])('%s → %s', (name, normalized) => expect(normalizeOrgName(name)).toBe(normalized));
});

describe('matchBuyerName', () => {
  const index = buildOrgIndex([
    { kind: 'hospital', id: 'kmyy1', name: '昆明医科大学第一附属医院' },
    { kind: 'hospital', id: 'kmyy2', name: '昆明医科大学第二附属医院' },
    { kind: 'hospital', id: 'yn1', name: '云南省第一人民医院' },
    { kind: 'hospital', id: 'yn2', name: '云南省第二人民医院' },
    { kind: 'hospital', id: 'zs', name: '复旦大学附属中山医院' },
    { kind: 'hospital', id: 'sh1', name: '上海市第一人民医院' },
    { kind: 'hospital', id: 'kmzy', name: '昆明市中医医院' },
    { kind: 'hospital', id: 'kmfy', name: '昆明市妇幼保健院' },
    { kind: 'customer', id: 'yxt', name: '一心堂药业集团股份有限公司' },
  ]);

  it.each([
    ['昆明医科大学第一附属医院', 'matched', 'kmyy1'],
    ['昆医附一院', 'matched', 'kmyy1'],
    ['昆明医科大学附一院', 'matched', 'kmyy1'],
    ['昆医附二院', 'matched', 'kmyy2'],
    ['云南省一院', 'matched', 'yn1'],
    ['云南省第一人民医院（本部）', 'matched', 'yn1'],
    ['昆明市中医院', 'matched', 'kmzy'],
    ['昆明妇幼保健医院', 'matched', 'kmfy'],
    ['一心堂药业集团', 'matched', 'yxt'],
    ['中山医院', 'uncertain', 'zs'],
    ['上海第一人民医院', 'matched', 'sh1'],
  ])('%s → %s %s', (name, status, id) => {
    const m = matchBuyerName(name, index);
    expect(m.status).toBe(status);
    expect(m.best?.id).toBe(id);
  });

  it.each(['上海市第六人民医院', '北京协和医院', '个体诊所张三', ''])('%j is unmatched', (name) => {
    const m = matchBuyerName(name, index);
    expect(m.status).toBe('unmatched');
    expect(m.best).toBeNull();
  });

  it('never matches a different ordinal for sure (第一 vs 第二)', () => {
    expect(
      orgNameSimilarity(normalizeOrgName('昆医附二院'), normalizeOrgName('昆明医科大学第一附属医院')),
    ).toBeLessThan(flowMatchThresholds.high);
  });

  it('candidates are listed highest first for an uncertain name', () => {
    const m = matchBuyerName('中山医院', index);
    expect(m.candidates[0]!.id).toBe('zs');
    for (let i = 1; i < m.candidates.length; i++)
      expect(m.candidates[i - 1]!.score).toBeGreaterThanOrEqual(m.candidates[i]!.score);
  });

  it('a near tie of two strong candidates is uncertain', () => {
    const twins = buildOrgIndex([
      { kind: 'hospital', id: 'a', name: '曲靖市第一人民医院' },
      { kind: 'hospital', id: 'b', name: '曲靖第一人民医院' },
    ]);
    expect(matchBuyerName('曲靖市一院', twins).status).toBe('uncertain');
  });
});
