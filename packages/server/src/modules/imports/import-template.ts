import ExcelJS from 'exceljs';
import { importColumns, importKindLabels, type ImportKind } from '@keqing/shared';

/** Columns Excel must keep as text (codes and phones lose leading zeros as numbers). */
const textColumns = new Set(['code', 'hospitalCode', 'phone']);
/** Rows the drop-down lists cover. */
const validatedRows = 10_000;

const columnLetter = (index: number) => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

/** Range-wide validations exist at run time but are missing from exceljs's typings. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;

/**
 * The template of one kind: a data sheet with the Chinese headers only (an example row would be
 * imported by whoever forgets to delete it), and a 说明 sheet with each column's rules and example.
 */
export async function buildTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Keqing 客情';
  const label = importKindLabels[kind]['zh-CN'];
  const columns = importColumns[kind];

  const data = workbook.addWorksheet(label, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4),
    style: textColumns.has(c.key) ? { numFmt: '@' } : {},
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFFE0B2' : 'FFE3F2FD' },
    };
    if (c.required) cell.note = '必填';
    const list = c.allowed?.join(',');
    // Excel caps an inline list at 255 characters
    if (list && list.length < 250) {
      const letter = columnLetter(i);
      validations(data).add(`${letter}2:${letter}${validatedRows + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        error: `可选：${c.allowed!.join('、')}`,
      });
    }
  });

  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '可选值 / 格式', key: 'rule', width: 60 },
    { header: '示例', key: 'example', width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow({
      header: c.header,
      required: c.required ? '必填' : '',
      rule: [c.allowed?.join('、'), c.hint].filter(Boolean).join('；'),
      example: c.example,
    });
  }
  help.addRow({});
  for (const line of [
    `在“${label}”工作表中从第 2 行起每行填写一条记录，不要修改表头。`,
    '上传后系统会逐行校验并列出有问题的行，确认后才会导入；取消则不导入任何数据。',
    '有外部编码时按编码匹配已有记录并更新，否则按名称匹配；重复导入同一文件只会更新，不会产生重复记录。',
    '出于安全考虑，以 = + - @ 开头的内容（可能是公式）不能导入。',
    '也可以上传 CSV 文件（UTF-8 或 Excel 默认的 GBK 编码），第一行为表头。',
  ])
    help.addRow({ header: line });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
