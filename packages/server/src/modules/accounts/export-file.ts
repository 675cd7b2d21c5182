import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@keqing/domain';

/** One column of an export: its Chinese header and how a row gives its cell. */
export type ExportColumn<T> = {
  header: string;
  /** Width in characters (xlsx only). */
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
};

export type ExportFormat = 'xlsx' | 'csv';

export type ExportFile = { fileName: string; contentType: string; body: Buffer };

/** Every string cell goes through the formula guard: `=cmd|…` stays text in Excel and WPS. */
function cellOf(value: string | number | boolean | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return neutraliseFormula(value);
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes rows as .xlsx (exceljs' streaming writer: rows are committed as they are written, so 100k rows
 * do not sit in memory as cell objects) or as .csv (UTF-8 with a BOM, which Excel needs to read Chinese).
 */
export async function writeExport<T>(
  format: ExportFormat,
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: Iterable<T>,
): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [columns.map((c) => csvField(c.header)).join(',')];
    for (const row of rows) lines.push(columns.map((c) => csvField(cellOf(c.value(row)))).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  return writeWorkbook([{ name: sheetName, columns, rows }]);
}

/** One sheet of a workbook: a dashboard exports one per table. */
export type ExportSheet<T> = { name: string; columns: ExportColumn<T>[]; rows: Iterable<T> };

/** Writes sheets into one .xlsx (Chinese headers in bold, first row frozen, formulas neutralised). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own row type
export async function writeWorkbook(sheets: ExportSheet<any>[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  for (const { name, columns, rows } of sheets) {
    // Excel refuses sheet names over 31 characters or with []:*?/\
    const sheet = workbook.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const row of rows) sheet.addRow(columns.map((c) => cellOf(c.value(row)))).commit();
    sheet.commit();
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

export const contentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * `attachment` with an ASCII fallback name and the Chinese name in UTF-8 (RFC 5987 / RFC 6266), which
 * every current browser prefers.
 */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

/** A file for the export routes: the ASCII fallback name, the Chinese name and the bytes. */
export type ExportResult = { asciiName: string; utf8Name: string; contentType: string; body: Buffer };

/** Answers an export route with the file as a download. */
export const sendExport = (reply: FastifyReply, file: ExportResult) =>
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.asciiName, file.utf8Name))
    .header('cache-control', 'no-store')
    .send(file.body);
