/**
 * Reads the first sheet of a distributor's flow (or stock) file into rows of text cells. Merged cells
 * (a title across the sheet, a date merged down several rows) read as their master cell's value in every
 * cell they cover, so a date merged down fills each row.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../errors/app-error.ts';
import { cellText, isXlsx, oneFileAtATime } from '../imports/import-file.ts';

export type FlowSheetRow = { number: number; cells: string[] };

const unreadable = (cause?: unknown) => new AppError('BAD_REQUEST', { messageKey: 'flow.unreadable', cause });

/** exceljs builds a model of every cell, so a big sheet is read while no other file is (import-file.ts). */
export function readFlowSheet(file: Buffer): Promise<FlowSheetRow[]> {
  return oneFileAtATime(() => readWorkbook(file));
}

async function readWorkbook(file: Buffer): Promise<FlowSheetRow[]> {
  if (!isXlsx(file)) throw unreadable();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw unreadable(err);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable();
  const rows: FlowSheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    // row.getCell resolves a merged cell to its master's value; row.values would leave the others empty
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push({ number, cells });
  });
  return rows;
}

/** Base64 (optionally a data: URL) → bytes; 400 when it is not base64. */
export function decodeBase64File(content: string): Buffer {
  const body = content.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw unreadable();
  return Buffer.from(body, 'base64');
}
