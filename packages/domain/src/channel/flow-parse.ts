/**
 * Reading the cells of a distributor's flow-of-goods 流向 file: header detection, the column mapping
 * suggested from header names, Chinese dates, full-width digits, thousands separators and totals rows.
 * Pure: the server hands the cells as text.
 */

/** The fields of a flow row a column can be mapped to. Never a doctor (统方 is prohibited). */
export const flowFields = [
  'saleDate',
  'buyer',
  'department',
  'product',
  'specification',
  'quantity',
  'unitPrice',
  'amount',
  'batchNo',
] as const;
export type FlowField = (typeof flowFields)[number];
export const requiredFlowFields: readonly FlowField[] = ['saleDate', 'buyer', 'product', 'quantity'];

/** field → the header (as written in the file) mapped to it */
export type FlowMapping = Partial<Record<FlowField, string>>;

/** Header names seen in distributors' files, best first. */
export const flowHeaderSynonyms: Record<FlowField, readonly string[]> = {
  saleDate: ['销售日期', '出库日期', '开票日期', '发货日期', '单据日期', '业务日期', '日期', '月份'],
  buyer: [
    '客户名称',
    '购货单位',
    '购买单位',
    '收货单位',
    '终端名称',
    '医院名称',
    '客户',
    '医院',
    '单位名称',
    '终端',
  ],
  department: ['科室', '使用科室', '部门'],
  product: ['商品名称', '产品名称', '药品名称', '通用名', '品名', '产品', '商品', '药品'],
  specification: ['规格型号', '规格', '型号'],
  quantity: ['销售数量', '出库数量', '数量', '销量'],
  unitPrice: ['销售单价', '单价', '价格'],
  amount: ['销售金额', '金额', '价税合计', '含税金额'],
  batchNo: ['生产批号', '批号', '批次'],
};

/** Full-width ASCII (０-９, Ａ-Ｚ, ，．…) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const squeeze = (text: string) => toHalfWidth(text).replace(/\s+/g, '').toLowerCase();

/** The field a header names, or undefined. Exact synonyms first, then a header that contains one. */
export function fieldOfHeader(header: string): FlowField | undefined {
  const h = squeeze(header);
  if (!h) return undefined;
  for (const field of flowFields) if (flowHeaderSynonyms[field].includes(h)) return field;
  for (const field of flowFields) if (flowHeaderSynonyms[field].some((s) => h.includes(s))) return field;
  return undefined;
}

/** The mapping guessed from the headers; each field takes the first header that names it. */
export function suggestFlowMapping(headers: readonly string[]): FlowMapping {
  const mapping: FlowMapping = {};
  // exact names win over "contains" (销售金额 must not take 销售日期's place)
  for (const exact of [true, false]) {
    for (const header of headers) {
      const h = squeeze(header);
      if (!h) continue;
      const field = exact
        ? flowFields.find((f) => flowHeaderSynonyms[f].includes(h))
        : flowFields.find((f) => flowHeaderSynonyms[f].some((s) => h.includes(s)));
      if (field && !mapping[field] && !Object.values(mapping).includes(header)) mapping[field] = header;
    }
  }
  return mapping;
}

/** Required fields the mapping leaves out. */
export function missingFlowFields(mapping: FlowMapping): FlowField[] {
  return requiredFlowFields.filter((f) => !mapping[f]);
}

/** Whether a saved mapping fits a file: every header it names is among the file's headers. */
export function mappingFitsHeaders(mapping: FlowMapping, headers: readonly string[]): boolean {
  const names = new Set(headers.map((h) => h.trim()));
  const used = Object.values(mapping);
  return used.length > 0 && missingFlowFields(mapping).length === 0 && used.every((h) => names.has(h.trim()));
}

/**
 * The index of the header row among the first rows: the row naming the most fields (at least two), so title
 * rows (“XX医药公司2026年3月流向”, often merged across the sheet) and blank rows are skipped. A layout whose
 * headers name no known field (发货时间, 往来单位, 货品 …) still has a header: then the first row of at least three
 * different texts, none of them a number or a date, is taken — the columns are mapped by hand.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[], scanRows = 20): number | undefined {
  let best: number | undefined;
  let bestHits = 1;
  let fallback: number | undefined;
  rows.slice(0, scanRows).forEach((cells, index) => {
    const distinct = [...new Set(cells.map((c) => c.trim()).filter(Boolean))];
    const hits = new Set(distinct.map(fieldOfHeader).filter(Boolean)).size;
    if (hits > bestHits) {
      best = index;
      bestHits = hits;
    }
    const textual = distinct.every((c) => !/^[-+]?[\d.,]+$/.test(toHalfWidth(c)) && !parseFlowDate(c));
    if (fallback === undefined && distinct.length >= 3 && textual) fallback = index;
  });
  return best ?? fallback;
}

/** 合计 / 小计 / 总计 rows summarise the rows above; they are skipped and reported. */
export function isTotalsRow(cells: readonly string[]): boolean {
  return cells.some((c) => /^(本页|本月|本期)?(合计|小计|总计|累计)/.test(squeeze(c)));
}

export const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

export type FlowDate = { kind: 'day'; date: string } | { kind: 'month'; month: string };

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | undefined {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? undefined : `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's day 1 is 1900-01-01 and it counts a 1900-02-29 that never was: serial 25569 = 1970-01-01. */
export function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 32874 || serial > 73050) return undefined; // 1990 … 2099
  const d = new Date((serial - 25569) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A sale date as distributors write it: 2026-03-05, 2026/3/5, 2026.03.05, 2026年3月5日, 20260305, an Excel
 * serial date (46086), full-width digits; 2026年3月 / 2026-03 / 202603 name a month (a monthly flow row).
 */
export function parseFlowDate(text: string): FlowDate | undefined {
  const s = toHalfWidth(text).trim().replace(/\s+/g, '');
  if (!s) return undefined;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]?\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const date = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { kind: 'day', date } : undefined;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const date = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { kind: 'day', date } : undefined;
  }
  m = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2] ?? m[3]);
    return validDay(y, mo, 1) ? { kind: 'month', month: `${y}-${pad(mo)}` } : undefined;
  }
  if (/^\d{5}(\.0+)?$/.test(s)) {
    const date = excelSerialToDate(Number(s));
    return date ? { kind: 'day', date } : undefined;
  }
  return undefined;
}

/** The last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** A number as written: full-width digits, thousands separators (1,234 / 1，234), ¥, spaces. */
function cleanNumber(text: string): string {
  return toHalfWidth(text)
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/[,\s]/g, '')
    .replace(/(盒|支|瓶|袋|件|元)$/, '');
}

/** A quantity: a whole number, negative for goods coming back; 0 is not a sale. */
export function parseFlowQuantity(text: string): number | undefined {
  const s = cleanNumber(text);
  if (!/^[-+]?\d+(\.0+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n !== 0 ? n : undefined;
}

/** Yuan (up to 2 decimals, or more that round to 2) → integer fen. */
export function parseFlowYuan(text: string): number | undefined {
  const s = cleanNumber(text);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const fen = Math.round(Number(s) * 100);
  return Number.isSafeInteger(fen) ? fen : undefined;
}

export type FlowRowProblem = { column: string; messageKey: string; params?: Record<string, string> };

/** A row read through the mapping: the values or the problems (the messages are in shared). */
export type ParsedFlowRow =
  | {
      ok: true;
      saleDate: string;
      /** Set when the file gives only a month (the row counts for the whole month) */
      month: string | null;
      buyerName: string;
      departmentName: string | null;
      productName: string;
      specification: string | null;
      quantity: number;
      unitPriceFen: number | null;
      amountFen: number | null;
      batchNo: string | null;
    }
  | { ok: false; problems: FlowRowProblem[] };

/**
 * Reads one data row. `cell(field)` returns the text of the mapped column ('' when unmapped);
 * `header(field)` its header, for the problem report.
 */
export function parseFlowRow(
  cell: (f: FlowField) => string,
  header: (f: FlowField) => string,
): ParsedFlowRow {
  const problems: FlowRowProblem[] = [];
  const text = (f: FlowField) => toHalfWidth(cell(f)).trim();
  const required = (f: FlowField) => {
    const v = text(f);
    if (!v) problems.push({ column: header(f), messageKey: 'flow.row.required' });
    return v;
  };
  const dateText = required('saleDate');
  const date = dateText ? parseFlowDate(dateText) : undefined;
  if (dateText && !date)
    problems.push({
      column: header('saleDate'),
      messageKey: 'flow.row.badDate',
      params: { value: dateText },
    });
  const buyerName = required('buyer');
  const productName = required('product');
  const quantityText = required('quantity');
  const quantity = quantityText ? parseFlowQuantity(quantityText) : undefined;
  if (quantityText && quantity === undefined)
    problems.push({
      column: header('quantity'),
      messageKey: 'flow.row.badQuantity',
      params: { value: quantityText },
    });
  const money = (f: 'unitPrice' | 'amount') => {
    const v = text(f);
    if (!v) return null;
    const fen = parseFlowYuan(v);
    if (fen === undefined) {
      problems.push({ column: header(f), messageKey: 'flow.row.badMoney', params: { value: v } });
      return null;
    }
    return fen;
  };
  const unitPriceFen = money('unitPrice');
  let amountFen = money('amount');
  if (problems.length > 0 || !date || quantity === undefined) return { ok: false, problems };
  if (amountFen === null && unitPriceFen !== null) amountFen = unitPriceFen * quantity;
  return {
    ok: true,
    saleDate: date.kind === 'day' ? date.date : `${date.month}-01`,
    month: date.kind === 'month' ? date.month : null,
    buyerName,
    departmentName: text('department') || null,
    productName,
    specification: text('specification') || null,
    quantity,
    unitPriceFen,
    amountFen,
    batchNo: text('batchNo') || null,
  };
}
