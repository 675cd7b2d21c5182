/**
 * Reads the first tab of an .xlsx into rows of text cells: fflate takes the few parts it needs out of
 * the zip, saxes reads their XML. Why not exceljs: its full loader builds a model of every cell (58–99 s
 * for 100,000 doctors on the shared machine), and its streaming reader decodes each zip chunk on its own,
 * so a Chinese character cut at a chunk boundary turns into "��" (exceljs issue #2063). Here one streaming
 * decoder reads each part, so no character can be cut. Cells come out as exceljs's full load + `cellText` gave
 * them: formulas as `=…`, booleans 是/否, date-formatted numbers as YYYY-MM-DD.
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import type { SheetRow } from './import-file.ts';

/** More than any file within the row limit needs: a part claiming more is refused before it is inflated. */
const maxPartBytes = 512 * 2 ** 20;

export class XlsxUnreadable extends Error {}

type Attributes = Record<string, string>;
type XmlHandlers = {
  /** How much of the part is decoded and parsed at a time (256 KiB). */
  sliceBytes?: number;
  open?: (name: string, attributes: Attributes) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** Element names without their namespace prefix (strict OOXML and some writers use `x:row`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

function readXml(part: Uint8Array, handlers: XmlHandlers) {
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw new XlsxUnreadable(err.message);
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) parser.on('text', handlers.text);
  // In slices, so a 100,000-row sheet never becomes one string of tens of MB; the streaming decoder keeps a
  // multi-byte character cut at a slice's end until the next slice completes it.
  const sliceBytes = handlers.sliceBytes ?? 256 * 1024;
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < part.length; at += sliceBytes)
    parser.write(decoder.decode(part.subarray(at, at + sliceBytes), { stream: true }));
  parser.write(decoder.decode()).close();
}

function unzipParts(file: Uint8Array, names: string[]): Record<string, Uint8Array> {
  const wanted = new Set(names);
  try {
    return unzipSync(file, {
      filter: (entry) => {
        if (!wanted.has(entry.name)) return false;
        if (entry.originalSize > maxPartBytes) throw new XlsxUnreadable(`${entry.name} too large`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof XlsxUnreadable) throw err;
    throw new XlsxUnreadable(err instanceof Error ? err.message : String(err));
  }
}

/** A relationship target as a zip path: relative to the part's folder, or absolute from the root. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

const relsPathOf = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** Relationship id → { type (its last segment), target path }. */
function readRels(part: string, xml: Uint8Array | undefined) {
  const rels = new Map<string, { type: string; target: string }>();
  if (!xml) return rels;
  readXml(xml, {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      rels.set(a.Id, { type: (a.Type ?? '').split('/').pop()!, target: resolveTarget(part, a.Target) });
    },
  });
  return rels;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, and the CJK ones 27–36, 50–58). */
const builtInDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quotes, brackets and escapes, it has a y/m/d/h/s code. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*]|\\./g, '');
  return /[ymdhs]/i.test(bare);
}

/** For each cell style (`s`), whether its number format is a date. */
function readDateStyles(xml: Uint8Array | undefined): boolean[] {
  if (!xml) return [];
  const customDates = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  readXml(xml, {
    open: (name, a) => {
      if (name === 'numFmt') customDates.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        styles.push(customDates.get(id) ?? builtInDateFormats.has(id));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** Shared strings in order; rich-text runs joined, phonetic guides (rPh) left out. */
function readSharedStrings(xml: Uint8Array | undefined, sliceBytes?: number): string[] {
  const strings: string[] = [];
  if (!xml) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  readXml(xml, {
    sliceBytes,
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = current !== null;
    },
    close: (name) => {
      if (name === 'si') {
        strings.push(current ?? '');
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (inText) current += text;
    },
  });
  return strings;
}

/** "BC12" → 55 (1-based column). */
function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel serial day as YYYY-MM-DD (day 0 = 1899-12-30 in the 1900 system, 1904-01-01 in the 1904 one). */
function serialDate(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  if (Number.isNaN(d.getTime())) return String(serial);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The rows of the first tab (in the workbook's tab order); a row is listed with the cells up to its last.
 * `sliceBytes`: how much XML is decoded at a time (tests make it tiny to cut characters everywhere).
 */
export function readXlsxRows(file: Uint8Array, options: { sliceBytes?: number } = {}): SheetRow[] {
  const root = unzipParts(file, ['_rels/.rels']);
  const office = [...readRels('', root['_rels/.rels']).values()].find((r) => r.type === 'officeDocument');
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  const workbookParts = unzipParts(file, [workbookPath, relsPathOf(workbookPath)]);
  const workbookXml = workbookParts[workbookPath];
  if (!workbookXml) throw new XlsxUnreadable('no workbook');
  const rels = readRels(workbookPath, workbookParts[relsPathOf(workbookPath)]);

  let firstSheetRel: string | undefined;
  let date1904 = false;
  readXml(workbookXml, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet' && firstSheetRel === undefined)
        firstSheetRel = Object.entries(a).find(([k]) => local(k) === 'id')?.[1];
    },
  });
  const sheetPath = firstSheetRel ? rels.get(firstSheetRel)?.target : undefined;
  if (!sheetPath) throw new XlsxUnreadable('no worksheet');
  const targetOf = (type: string) => [...rels.values()].find((r) => r.type === type)?.target;
  const stringsPath = targetOf('sharedStrings');
  const stylesPath = targetOf('styles');
  const parts = unzipParts(
    file,
    [sheetPath, stringsPath, stylesPath].filter((p): p is string => !!p),
  );
  const sheetXml = parts[sheetPath];
  if (!sheetXml) throw new XlsxUnreadable('worksheet missing');
  const shared = readSharedStrings(stringsPath ? parts[stringsPath] : undefined, options.sliceBytes);
  const dateStyles = readDateStyles(stylesPath ? parts[stylesPath] : undefined);

  const rows: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let column = 0;
  let type = 'n';
  let style = 0;
  let value = '';
  let formula: string | null = null;
  let inline = '';
  // which text goes where: <v>, <f>, or a <t> of an inline string (not inside a phonetic guide)
  let capture: 'v' | 'f' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;

  const cellText = (): string => {
    if (formula !== null) return `=${formula}`;
    switch (type) {
      case 's':
        return shared[Number(value)] ?? '';
      case 'inlineStr':
        return inline;
      case 'b':
        return value === '1' || value === 'true' ? '是' : '否';
      case 'str':
      case 'e':
        return value;
      case 'd':
        return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
      default: {
        if (value === '') return '';
        const n = Number(value);
        if (Number.isNaN(n)) return value;
        return dateStyles[style] ? serialDate(n, date1904) : String(n);
      }
    }
  };

  readXml(sheetXml, {
    sliceBytes: options.sliceBytes,
    open: (name, a) => {
      switch (name) {
        case 'row':
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = [];
          column = 0;
          break;
        case 'c':
          column = a.r ? columnOf(a.r) : column + 1;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          value = '';
          formula = null;
          inline = '';
          break;
        case 'v':
          capture = 'v';
          break;
        case 'f':
          formula = '';
          capture = 'f';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && phonetic === 0) capture = 't';
          break;
      }
    },
    close: (name) => {
      switch (name) {
        case 'row':
          rows.push({ number: rowNumber, cells });
          break;
        case 'c':
          if (column > 0) {
            while (cells.length < column - 1) cells.push('');
            cells[column - 1] = cellText();
          }
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'v':
        case 'f':
        case 't':
          capture = null;
          break;
      }
    },
    text: (text) => {
      if (capture === 'v') value += text;
      else if (capture === 'f') formula += text;
      else if (capture === 't') inline += text;
    },
  });
  return rows;
}
