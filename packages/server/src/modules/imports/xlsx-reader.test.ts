import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellText } from './import-file.ts';
import { isDateFormat, readXlsxRows, XlsxUnreadable } from './xlsx-reader.ts';

async function written(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What the import read before: exceljs's full load of the first tab, each cell through cellText. */
async function readWithExcelJs(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const rows: { number: number; cells: string[] }[] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push({ number, cells: Array.from(values.slice(1), (v) => cellText(v)) });
  });
  return rows;
}
const nonBlank = (rows: { number: number; cells: string[] }[]) =>
  rows.filter((r) => r.cells.some((c) => c !== ''));

describe('reading an xlsx', () => {
  // slices of 1 and 5 bytes cut every 3- and 4-byte character; 4 KiB, and the default (256 KiB: one slice here)
  it.each([1, 5, 4096, undefined])(
    'keeps every Chinese name whole, read in slices of %s bytes',
    async (sliceBytes) => {
      // 4-byte (𠀀 CJK Ext. B) and 3-byte characters at every offset mod 3 and 4, over far more than one
      // 16 KiB inflate chunk of both the shared strings and the sheet (inline strings)
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('医生');
      const names: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const name = `${'a'.repeat(i % 4)}${'王李张刘陈杨黄赵'[i % 8]}${[...'𠀀𠀁𠀂'][i % 3]!}医生${i}号`;
        names.push(name);
        sheet.addRow([name, { richText: [{ text: '甲' }, { text: `乙${i}` }] }]);
      }
      const rows = readXlsxRows(await written(workbook), { sliceBytes });
      expect(rows).toHaveLength(3000);
      expect(rows.map((r) => r.cells[0])).toEqual(names);
      expect(rows.every((r, i) => r.cells[1] === `甲乙${i}`)).toBe(true);
      expect(rows.some((r) => r.cells.join('').includes('\uFFFD'))).toBe(false);
    },
  );

  it('reads every kind of cell as exceljs’s full load did', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['姓名', '数字', '日期', '布尔', '公式', '链接', '错误', '富文本']);
    sheet.addRow([
      '张三',
      13800138000,
      new Date(Date.UTC(2024, 1, 29)),
      true,
      { formula: 'A1&"x"', result: '姓名x' },
      { text: '主页', hyperlink: 'https://example.com' },
      { error: '#N/A' },
      { richText: [{ text: '红', font: { bold: true } }, { text: '字' }] },
    ]);
    sheet.addRow([
      '李四',
      0.5,
      new Date(Date.UTC(1999, 11, 31)),
      false,
      { formula: 'SUM(B2:B3)', result: 1 },
    ]);
    sheet.getCell('C3').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('B3').numFmt = '0.00%';
    // a gap: row 5 and column D empty
    sheet.getRow(6).values = ['王五', 1.25, undefined, undefined, undefined, undefined, undefined, '末列'];
    const file = await written(workbook);
    expect(readXlsxRows(file)).toEqual(nonBlank(await readWithExcelJs(file)));
    expect(readXlsxRows(file)[1]!.cells.slice(0, 5)).toEqual([
      '张三',
      '13800138000',
      '2024-02-29',
      '是',
      '=A1&"x"',
    ]);
  });

  it('reads what other writers produce: inline strings, prefixed tags, no shared strings, 1904 dates', () => {
    // the first tab is the workbook's first <sheet>, whichever part comes first in the zip
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const file = zipSync({
      'book/sheets/two.xml': strToU8(
        `<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>第二页</t></is></c></row></sheetData></worksheet>`,
      ),
      '_rels/.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="/book/main.xml"/></Relationships>`,
      ),
      'book/main.xml': strToU8(
        `<x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="甲" sheetId="2" r:id="s1"/><x:sheet name="乙" sheetId="1" r:id="s2"/></x:sheets></x:workbook>`,
      ),
      'book/_rels/main.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${rel}/worksheet" Target="sheets/one.xml"/><Relationship Id="s2" Type="${rel}/worksheet" Target="./sheets/two.xml"/><Relationship Id="st" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
      ),
      'book/styles.xml': strToU8(
        `<x:styleSheet xmlns:x="${ns}"><x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`,
      ),
      'book/sheets/one.xml': strToU8(
        `<x:worksheet xmlns:x="${ns}"><x:sheetData>` +
          `<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">钟 </x:t></x:r><x:r><x:t>南山</x:t></x:r><x:rPh><x:t>ナン</x:t></x:rPh></x:is></x:c>` +
          `<x:c r="C2" s="1"><x:v>0</x:v></x:c><x:c r="D2" t="d"><x:v>2025-01-31T00:00:00Z</x:v></x:c><x:c r="E2" s="0"><x:v>7</x:v></x:c></x:row>` +
          `<x:row><x:c t="str"><x:f>B2</x:f><x:v>钟 南山</x:v></x:c><x:c t="inlineStr"><x:is><x:t>&lt;甲&amp;乙&gt;</x:t></x:is></x:c></x:row>` +
          `</x:sheetData></x:worksheet>`,
      ),
    });
    expect(readXlsxRows(file)).toEqual([
      { number: 2, cells: ['', '钟 南山', '1904-01-01', '2025-01-31', '7'] },
      { number: 3, cells: ['=B2', '<甲&乙>'] },
    ]);
  });

  it.each([
    ['not a zip', Buffer.from('PK\u0003\u0004garbage')],
    ['a zip without a workbook', zipSync({ 'a.txt': strToU8('x') })],
    [
      'broken XML',
      zipSync({
        '_rels/.rels': strToU8('<Relationships><Relationship Id="r" Type="x/officeDocument" Target="wb.xml"'),
      }),
    ],
  ])('refuses %s', (_label, file) => {
    expect(() => readXlsxRows(file)).toThrow(XlsxUnreadable);
  });

  it.each([
    ['yyyy-mm-dd', true],
    ['[$-804]yyyy"年"m"月"', true],
    ['h:mm:ss', true],
    ['0.00', false],
    ['"day"0', false],
    ['[Red]#,##0', false],
    ['General', false],
    ['@', false],
  ])('treats the number format %s as a date: %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});
