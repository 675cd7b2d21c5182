/**
 * Reads an uploaded spreadsheet (.xlsx, or .csv in UTF-8 with or without BOM, or GB18030 as
 * Chinese Excel saves it) into rows of text cells. Every cell leaves here as a string, so the
 * validation sees what the user typed; a real formula comes out as `=…` and is refused there.
 */
import ExcelJS from 'exceljs';
import pLimit from 'p-limit';
import { AppError } from '../../errors/app-error.ts';
import { readXlsxRows } from './xlsx-reader.ts';

export type SheetRow = {
  /** The row number as a spreadsheet shows it (1-based). */
  number: number;
  cells: string[];
};

export type Sheet = { header: SheetRow; rows: SheetRow[] };

/**
 * Spreadsheet uploads are read and checked one file at a time in this process. `npm start` caps the heap at
 * 1 GB and a 200,000-row import holds up to about 700 MB while it is checked (bench/results.md): a second big
 * file waits here for the first instead of both running the server out of memory.
 */
export const oneFileAtATime = pLimit(1);

/** An .xlsx file is a zip archive: it starts with "PK\x03\x04". */
export function isXlsx(file: Buffer): boolean {
  return file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

export function readSheet(file: Buffer): Sheet {
  const rows = isXlsx(file) ? readXlsx(file) : readCsvRows(decodeText(file));
  const nonBlank = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) throw new AppError('BAD_REQUEST', { messageKey: 'import.noRows' });
  return { header, rows: data };
}

// ── xlsx ────────────────────────────────────────────────────────────────────

function readXlsx(file: Buffer): SheetRow[] {
  try {
    return readXlsxRows(file);
  } catch (err) {
    // whatever a damaged or hostile file makes the zip or XML reader throw is the user's 400
    throw new AppError('BAD_REQUEST', { messageKey: 'import.unreadable', cause: err });
  }
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** An exceljs cell's value as the text the user sees (the 流向 import reads with exceljs); formulas come back as their source. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  // Excel dates have no zone; exceljs reads them as UTC
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if ('formula' in value && typeof value.formula === 'string') return `=${value.formula}`;
  if ('sharedFormula' in value && typeof value.sharedFormula === 'string') return `=${value.sharedFormula}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

// ── csv ─────────────────────────────────────────────────────────────────────

/** UTF-8 (BOM or not) when it decodes cleanly, else GB18030 (what Chinese Excel writes for "CSV"). */
export function decodeText(file: Buffer): string {
  if (file.length >= 3 && file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(file.subarray(3));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/**
 * RFC 4180 records: fields separated by commas, quoted with "…" (a doubled "" inside is a quote),
 * quoted fields may hold commas and line breaks; CRLF or LF ends a record. The row number is the
 * record's position, as a spreadsheet opening the file numbers it.
 */
export function readCsvRows(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let number = 1;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    rows.push({ number: number++, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}
